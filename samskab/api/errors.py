"""Errors as RFC 9457 problem details (`application/problem+json`), in Danish or English.

Every refusal has the same shape: type, title, status, detail, and `errors` for invalid
input. 404 is the same for "does not exist" and "not yours", so IDs leak nothing; 409 is an
illegal state change (a partnership's lifecycle, an innovation gate) or an edit from an outdated
version (`core.concurrency`); 422 is invalid input. A known token that may not be used says
why: 401 expired or revoked, 403 its owner lacks the required two-factor authentication;
429 is throttling (with Retry-After).
"""

import json

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from samskab.core.concurrency import EditConflictError
from samskab.core.pages import error_text
from samskab.innovation.gates import IllegalMoveError
from samskab.partnerships.lifecycle import IllegalTransitionError, WrapUpWarningError
from samskab.people.consent_guard import ProcessingRefusedError

from .actions import TokenRefused

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://samskab.dk/api/problemer/"

#: Django ValidationErrors raised by the state machines, and an edit from a version someone
#: else has since replaced: the request was well-formed but the object's current state forbids it.
CONFLICT_ERRORS = (IllegalTransitionError, WrapUpWarningError, IllegalMoveError, EditConflictError)
#: The consent guard's refusal is about the citizen's state too (withdrawn, restricted).
CONFLICT_ERRORS += (ProcessingRefusedError,)


class Conflict(Exception):  # noqa: N818 - named for the HTTP status it becomes
    """An action refused because of the object's state (409), with the action's message."""

    def __init__(self, error: DjangoValidationError):
        self.error = error
        super().__init__(error)


class conflict_on_refusal:  # noqa: N801 - used as a context manager
    """Turn an action's ValidationError into 409 where any refusal is about state."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, DjangoValidationError):
            raise Conflict(exc) from exc
        return False


def _titles():
    return {
        400: ("bad-request", _("Ugyldig forespørgsel")),
        401: ("unauthenticated", _("Ikke logget ind")),
        403: ("forbidden", _("Ingen adgang")),
        404: ("not-found", _("Ikke fundet")),
        405: ("method-not-allowed", _("Metoden er ikke tilladt")),
        409: ("conflict", _("Ikke muligt i den nuværende tilstand")),
        422: ("invalid", _("Ugyldige oplysninger")),
        429: ("throttled", _("For mange forespørgsler")),
    }


def problem(status: int, detail: str = "", errors=None, headers=None) -> HttpResponse:
    slug, title = _titles().get(status, ("error", _("Fejl")))
    body = {"type": TYPE_BASE + slug, "title": title, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=f"{PROBLEM_CONTENT_TYPE}; charset=utf-8",
    )
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def _django_errors(error: DjangoValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"loc": ["body", field], "msg": " ".join(messages)}
            for field, messages in error.message_dict.items()
        ]
    return [{"loc": ["body"], "msg": message} for message in error.messages]


def _on_validation(request, exc: NinjaValidationError):
    errors = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type", "")}
        for e in exc.errors
    ]
    return problem(422, _("Ret de markerede felter og prøv igen."), errors)


def _on_django_validation(request, exc: DjangoValidationError):
    if isinstance(exc, CONFLICT_ERRORS):
        return problem(409, error_text(exc))
    return problem(422, error_text(exc), _django_errors(exc))


def _on_conflict(request, exc: Conflict):
    return problem(409, error_text(exc.error))


def _on_authentication(request, exc):
    return problem(
        401,
        _("Send en gyldig API-nøgle som «Authorization: Bearer …», eller log ind."),
        headers={"WWW-Authenticate": 'Bearer realm="samskab"'},
    )


def _on_token_refused(request, exc: TokenRefused):
    headers = {}
    if exc.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="samskab", error="invalid_token"'
    return problem(exc.status, exc.message, headers=headers)


def _on_throttled(request, exc: Throttled):
    # ninja adds Retry-After (whole seconds) to this response.
    return problem(
        429,
        _("Du har sendt for mange forespørgsler på kort tid. Vent lidt, og prøv igen."),
    )


def _on_forbidden(request, exc):
    return problem(403, _("Du har ikke adgang til at gøre dette."))


def _on_not_found(request, exc):
    return problem(404, _("Det findes ikke, eller du har ikke adgang til det."))


def _on_http_error(request, exc: HttpError):
    if exc.status_code == 403:
        # ninja's CSRF refusal for the browser session
        return problem(403, _("CSRF-tjekket fejlede. Genindlæs siden og prøv igen."))
    if exc.status_code == 404:
        return _on_not_found(request, exc)
    return problem(exc.status_code, str(exc))


def install(api):
    api.add_exception_handler(NinjaValidationError, _on_validation)
    api.add_exception_handler(DjangoValidationError, _on_django_validation)
    api.add_exception_handler(Conflict, _on_conflict)
    api.add_exception_handler(AuthenticationError, _on_authentication)
    api.add_exception_handler(TokenRefused, _on_token_refused)
    api.add_exception_handler(Throttled, _on_throttled)
    api.add_exception_handler(PermissionDenied, _on_forbidden)
    api.add_exception_handler(Http404, _on_not_found)
    api.add_exception_handler(HttpError, _on_http_error)


PROBLEM_SCHEMA = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {"type": "array", "items": {}},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
                "required": ["loc", "msg"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}
