"""Property-based fuzzing (hypothesis): every form of the project, and the main create
views, take arbitrary input without a server error.

Forms are discovered, not listed: a form added later is fuzzed too. A form whose
constructor needs an argument this module cannot supply fails with a message saying so.
"""

import importlib
import inspect
import re

import pytest
from allauth.account import forms as allauth_forms
from django import forms
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.core.access import fetch

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=12,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def project_forms():
    for config in apps.get_app_configs():
        if config.name.startswith("samskab."):
            try:
                importlib.import_module(f"{config.name}.forms")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.forms":
                    raise

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found = {cls for cls in subclasses(forms.BaseForm) if cls.__module__.startswith("samskab.")}
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def abstract(form_class):
    """A base class for other forms (a model form without a model)."""
    return issubclass(form_class, forms.BaseModelForm) and form_class._meta.model is None


FORMS = [form_class for form_class in project_forms() if not abstract(form_class)]

# Beyond the discovered forms, everything a form class is built from.
STANDARD_ARGS = {"self", "args", "kwargs", "data", "files", "bound_field_class"}


def constructor_argument(name):
    """A demo value for a form's keyword argument, found by its name (`team`, `citizens`)."""
    if name == "principles":
        from samskab.innovation.models import Principle

        return list(Principle.choices)
    if name == "initial_checks":
        return {}
    if name.startswith("is_"):
        return False
    if name == "owners":
        from samskab.people.models import Organisation

        return Organisation.objects.all()
    singular = name.rstrip("_")
    plural = singular.endswith("s")
    model_name = singular[:-1] if plural else singular
    wanted = model_name.replace("_", "")
    models = [m for m in apps.get_models() if m.__module__.startswith("samskab.")]
    # `team` is Team; `spaces` is OpportunitySpace (the one model whose name ends so).
    for match in (lambda m: m == wanted, lambda m: m.endswith(wanted)):
        candidates = [model for model in models if match(model._meta.model_name)]
        if len(candidates) == 1:
            queryset = candidates[0]._default_manager.all()
            return queryset if plural else queryset.first()
    raise LookupError(name)


def build(form_class, data):
    """The form bound to `data`; a model form edits a demo record (creating is fuzzed
    through the create views below); forms that take the request get a plain one."""
    kwargs = {}
    meta_model = getattr(getattr(form_class, "_meta", None), "model", None)
    if meta_model is not None:
        kwargs["instance"] = meta_model._default_manager.order_by("pk").first()
    parameters = inspect.signature(form_class.__init__).parameters
    # allauth's login form takes the request through **kwargs.
    if "request" in parameters or issubclass(form_class, allauth_forms.LoginForm):
        request = RequestFactory().post("/")
        request.session = SessionStore()
        request.user = AnonymousUser()
        kwargs["request"] = request
    for parameter in parameters.values():
        if parameter.name in STANDARD_ARGS or parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
            continue
        kwargs[parameter.name] = constructor_argument(parameter.name)
    return form_class(data=data, files={}, **kwargs)


TEXT = st.text(max_size=60)
NUMBERS = st.integers(min_value=-(10**12), max_value=10**12).map(str)
ODD = st.sampled_from(
    [
        *["", " ", "0", "-1", "1e309", "NaN", "Infinity", "2026-02-30", "31.12.2026", "\x00"],
        *["<b>", str(10**30), "9" * 400, "é" * 300],
    ]
)


def field_values(field):
    """Valid-looking and hostile values for one field."""
    options = [TEXT, NUMBERS, ODD]
    if isinstance(field, forms.DateField):
        options.append(st.dates().map(lambda day: day.isoformat()))
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = [str(value) for value, _label in field.choices if value not in ("", None)]
        if choices:
            options.append(st.sampled_from(choices))
    if isinstance(field, forms.BooleanField):
        options.append(st.sampled_from(["on", "true", "false"]))
    values = st.one_of(*options)
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(values, max_size=3)
    return values


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_a_form_never_raises_on_arbitrary_input(form_class, demo_data):
    try:
        template = build(form_class, {})
    except LookupError as error:
        pytest.fail(
            f"{form_class.__name__} needs the argument {error} that the fuzzing test cannot "
            "supply: teach constructor_argument() in samskab/core/tests/test_fuzzing.py."
        )
    fields = {
        template.add_prefix(name): field_values(field)
        for name, field in template.fields.items()
        if not isinstance(field, forms.FileField)
    }

    @FUZZ
    @given(st.fixed_dictionaries({}, optional=fields))
    def fuzz(data):
        form = build(form_class, data)
        form.is_valid()  # any outcome but an exception
        str(form)  # and it still renders, errors and all

    fuzz()


# --- POSTs to the main create views ---------------------------------------------------

CREATE_VIEWS = [
    # (URL name, arguments, who may use it)
    ("people:citizen-create", {}, "fagperson"),
    ("innovation:project-create", {}, "leder"),
    ("innovation:challenge-create", {}, "leder"),
    ("innovation:mission-create", {}, "leder"),
    ("partnerships:round-create", {}, "facilitator"),
    ("compass:round-create", {}, "esbjerg-leder"),
    ("compass:rollout-create", {}, "esbjerg-leder"),
    ("outcomes:measure-create", {}, "admin"),
]


def input_names(html):
    names = re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', html)
    return sorted({name for name in names if name != "csrfmiddlewaretoken"})


@pytest.mark.parametrize(("url_name", "kwargs", "username"), CREATE_VIEWS, ids=str)
def test_a_create_view_never_answers_with_a_server_error(url_name, kwargs, username, demo_clients):
    client = demo_clients[username]
    url = reverse(url_name, kwargs=kwargs)
    page = client.get(url)
    assert page.status_code == 200
    names = [name for name in input_names(page.content.decode()) if name not in {"language"}]
    assert names, f"no form fields found on {url}"
    values = st.one_of(TEXT, NUMBERS, ODD)

    @FUZZ
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(names, values)))
    def fuzz(data):
        response = fetch(client, "POST", url, data)
        assert not isinstance(response, Exception), f"{url} raised {response!r} for {data!r}"
        assert response.status_code < 500, f"{url} answered {response.status_code} for {data!r}"

    fuzz()
