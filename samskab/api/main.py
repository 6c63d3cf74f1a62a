"""The NinjaAPI instance for /api/v1/: auth, problem errors, language, docs and routers.

Each data module has its router in `samskab/<app>/api.py`; register new ones in ROUTERS.
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Schema
from ninja.openapi.docs import Swagger

from samskab.people.permissions import roles_of

from . import errors
from .auth import AUTH, THROTTLE

API_LANGUAGES = ("da", "en")


def api_language(request) -> str:
    """`?lang=` first, then Accept-Language; Danish unless English is asked for."""
    requested = request.GET.get("lang")
    if requested in API_LANGUAGES:
        return requested
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in API_LANGUAGES:
            return code
    return "da"


def _has_nul(request) -> bool:
    if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
        "QUERY_STRING", ""
    ):
        return True
    return request.method in ("POST", "PUT", "PATCH") and (
        b"\\u0000" in request.body or b"\x00" in request.body
    )


def _api_view(view):
    """Token requests carry no session: the API answers 401 itself instead of the login
    redirect, and speaks the language the client asked for."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(api_language(request)):
            if _has_nul(request):
                # PostgreSQL cannot store NUL characters in text; refuse them for every store.
                response = errors.problem(422, _("Teksten indeholder et ugyldigt tegn (NUL)."))
            else:
                response = view(request, *args, **kwargs)
            response.headers.setdefault("Content-Language", translation.get_language())
            return response

    return login_not_required(wrapper)


class SamskabAPI(NinjaAPI):
    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            pattern.callback = _api_view(pattern.callback)
        return patterns

    def get_operation_url_name(self, operation, router):
        """`api-v1:partnerships-round_list`: the app, so names never clash across routers."""
        module = operation.view_func.__module__.split(".")
        app = module[1] if len(module) > 2 and module[0] == "samskab" else "api"
        return f"{app}-{operation.view_func.__name__}"

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = (
            errors.PROBLEM_SCHEMA
        )
        problem = {
            "content": {
                errors.PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
            }
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, text in (
                    ("401", "Not authenticated"),
                    ("403", "Forbidden"),
                    ("404", "Not found (or not yours)"),
                    ("409", "Not possible in the current state"),
                    ("422", "Invalid input"),
                    ("429", "Too many requests (see Retry-After)"),
                ):
                    responses.setdefault(status, {"description": text, **problem})
        return schema


api = SamskabAPI(
    title="Samskab API",
    version="1",
    description=(
        "Samskabs JSON-API. Log ind med en personlig API-nøgle som «Authorization: Bearer …» "
        "(opret den under Konto › API-nøgler) eller med browserens session. Fejl er "
        "«application/problem+json» på dansk eller engelsk (`Accept-Language` eller `?lang=`)."
    ),
    urls_namespace="api-v1",
    auth=AUTH,
    throttle=THROTTLE,
    docs=Swagger(settings={"persistAuthorization": False}),
)
errors.install(api)

me_router = Router(tags=["konto"])


class RoleOut(Schema):
    role: str
    organisation_id: int | None


class MeOut(Schema):
    id: int
    username: str
    name: str
    roles: list[RoleOut]
    citizen_id: int | None


@me_router.get("/me", response=MeOut, summary="Who am I")
def me(request):
    user = request.user
    citizen = getattr(user, "citizen", None)
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": user.get_full_name(),
        "roles": [{"role": r, "organisation_id": o} for r, o in sorted(roles_of(user), key=str)],
        "citizen_id": citizen.pk if citizen else None,
    }


def _register_routers():
    from samskab.compass.api import router as compass
    from samskab.innovation.api import router as innovation
    from samskab.insights.api import router as insights
    from samskab.leadership.api import router as leadership
    from samskab.outcomes.api import router as outcomes
    from samskab.partnerships.api import router as partnerships
    from samskab.pathways.api import router as pathways
    from samskab.people.api import router as people
    from samskab.privacy.api import router as privacy

    return {
        "people": people,
        "partnerships": partnerships,
        "pathways": pathways,
        "compass": compass,
        "outcomes": outcomes,
        "innovation": innovation,
        "insights": insights,
        "leadership": leadership,
        "privacy": privacy,
    }


api.add_router("/", me_router)
#: {app label: router}; tests check that every app with pages has one here.
ROUTERS = _register_routers()
for _prefix, _router in ROUTERS.items():
    api.add_router(f"/{_prefix}/", _router)
