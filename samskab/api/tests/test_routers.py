"""Every data module with pages has an API router: a new app with a urls.py must add
`samskab/<app>/api.py` with a `router` and register it in `samskab/api/main.py`."""

import importlib
import importlib.util
import json

import pytest
from django.apps import apps

from samskab.api.main import ROUTERS

#: Apps with pages that are not data modules, each with its reason.
NOT_DATA_MODULES = {
    # Front page, account, accessibility statement and practice placeholders; the account
    # data an API client needs is `/api/v1/me`.
    "core",
    # Loads the demo data from the command line; no pages.
    "demo",
    # The API itself and the user's token pages.
    "api",
    # iCalendar feeds: an integration format of its own (issue 10), not a JSON data module.
    "calendars",
}

#: Data modules that landed with pages but without a router yet. Strict xfail: once the
#: router exists the test passes unexpectedly and fails the run, so remove the app here.
AWAITING_ROUTER: set[str] = set()


def _apps_with_pages():
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("samskab."):
            continue
        if importlib.util.find_spec(f"{config.name}.urls") is None:
            continue
        urls = importlib.import_module(f"{config.name}.urls")
        if getattr(urls, "urlpatterns", None):
            found.append(config.label)
    return found


def _params():
    for label in _apps_with_pages():
        if label in NOT_DATA_MODULES:
            continue
        marks = []
        if label in AWAITING_ROUTER:
            marks = [pytest.mark.xfail(strict=True, reason="router not written yet")]
        yield pytest.param(label, marks=marks, id=label)


@pytest.mark.parametrize("label", list(_params()))
def test_app_with_pages_has_an_api_router(label):
    config = apps.get_app_config(label)
    module = (
        importlib.import_module(f"{config.name}.api")
        if importlib.util.find_spec(f"{config.name}.api")
        else None
    )
    assert module is not None and hasattr(module, "router"), (
        f"{config.name} has pages but no API: add {config.name.replace('.', '/')}/api.py with "
        f"a ninja Router named `router` (see samskab/partnerships/api.py)."
    )
    assert ROUTERS.get(label) is module.router, (
        f"Register the router in samskab/api/main.py (_register_routers) as {label!r}."
    )


def test_exemptions_name_existing_apps():
    labels = {config.label for config in apps.get_app_configs()}
    assert labels >= (NOT_DATA_MODULES | AWAITING_ROUTER)


def test_every_list_is_paged_filterable_and_ordered():
    """A GET that answers many rows answers a page, and takes `page`, `page_size` and an
    `ordering` with a fixed list of allowed values."""
    from samskab.api.main import api

    schema = json.loads(json.dumps(api.get_openapi_schema()))  # status codes as strings
    components = schema["components"]["schemas"]
    problems, paged = [], 0
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        ok = operation["responses"].get("200", {})
        content = ok.get("content", {}).get("application/json", {})
        body = content.get("schema", {})
        if "$ref" in body:
            body = components[body["$ref"].split("/")[-1]]
        if body.get("type") == "array":
            problems.append(f"{path}: a bare array; page it with @paginate(Page)")
            continue
        if "items" not in body.get("properties", {}):
            continue
        paged += 1
        parameters = {p["name"]: p for p in operation.get("parameters", [])}
        missing = {"page", "page_size", "ordering"} - set(parameters)
        if missing:
            problems.append(f"{path}: no {sorted(missing)}")
        elif "enum" not in json.dumps(parameters["ordering"]["schema"]):
            problems.append(f"{path}: ordering without a list of allowed values")
    assert paged > 20
    assert not problems, "\n".join(problems)


def test_schema_names_are_unique_across_routers():
    """The OpenAPI document names components by class name: two routers' `MeetingOut`
    would silently share one schema, and one of them would then violate it."""
    import inspect

    from ninja import Schema

    seen, clashes = {}, []
    for label in ROUTERS:
        module = importlib.import_module(f"{apps.get_app_config(label).name}.api")
        for name, value in vars(module).items():
            if not (inspect.isclass(value) and issubclass(value, Schema)):
                continue
            if value.__module__ != module.__name__:
                continue
            if name in seen:
                clashes.append(f"{name}: {seen[name]} and {module.__name__}")
            seen[name] = module.__name__
    assert not clashes, "\n".join(clashes)
