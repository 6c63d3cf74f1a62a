"""Small helpers every app's views share."""

from django.core.exceptions import PermissionDenied, ValidationError


def require(predicate, *args):
    """403 unless the permission predicate holds (object lookups give 404 before this)."""
    if not predicate(*args):
        raise PermissionDenied


def error_text(error: ValidationError) -> str:
    """An action's refusal as one message for the messages framework."""
    return " ".join(error.messages)
