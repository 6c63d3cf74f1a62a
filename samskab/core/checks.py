"""System checks for the access log's keys: malformed ACCESS_LOG_KEYS stops start-up, and
`check --deploy` warns while the key is only derived from SECRET_KEY."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .log_keys import MIN_SECRET_LENGTH, derived_keys, parse_keys


def _configured() -> str:
    return (getattr(settings, "ACCESS_LOG_KEYS", "") or "").strip()


def _derived_keys() -> dict[str, bytes]:
    return derived_keys(settings.SECRET_KEY, getattr(settings, "SECRET_KEY_FALLBACKS", ()))


@register()
def check_access_log_keys(app_configs, **kwargs):
    if not _configured():
        return []
    try:
        parse_keys(_configured(), _derived_keys())
    except ValueError as error:
        return [Error(str(error), hint="Format: id:secret,id2:secret2", id="core.E001")]
    return []


@register(Tags.security, deploy=True)
def check_access_log_keys_deploy(app_configs, **kwargs):
    if not _configured():
        return [
            Warning(
                "ACCESS_LOG_KEYS is not set: the access log is signed with a key derived from "
                "SECRET_KEY instead of a key of its own.",
                hint="Set ACCESS_LOG_KEYS=id:secret (a long random secret kept outside the "
                "database); see README, Privacy.",
                id="core.W001",
            )
        ]
    try:
        keys = parse_keys(_configured(), _derived_keys())
    except ValueError:
        return []  # reported by core.E001
    short = [key_id for key_id, key in keys if len(key) < MIN_SECRET_LENGTH]
    if short:
        return [
            Warning(
                f"ACCESS_LOG_KEYS: the secret of {short[0]!r} is shorter than "
                f"{MIN_SECRET_LENGTH} characters.",
                id="core.W002",
            )
        ]
    return []
