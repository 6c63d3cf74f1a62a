"""Creating, revoking and checking personal API tokens; the acting user is `by=`."""

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samskab.core.auth import lacks_required_two_factor

from .models import TOKEN_PREFIX, ApiToken, default_expiry, hash_secret, latest_expiry

MAX_ACTIVE_TOKENS = 20
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class TokenRefused(Exception):  # noqa: N818 - a refusal, answered as problem details
    """A known token that may not be used now; `message` tells its owner why and what to do."""

    def __init__(self, message: str, status: int = 401):
        self.message = message
        self.status = status
        super().__init__(message)


def _validate_expiry(expires_on: datetime.date) -> None:
    if expires_on <= timezone.localdate():
        raise ValidationError({"expires_on": _("Vælg en udløbsdato efter i dag.")})
    if expires_on > latest_expiry():
        raise ValidationError(
            {
                "expires_on": _("En nøgle kan højst gælde ét år, dvs. til og med %(date)s.")
                % {"date": formats.date_format(latest_expiry())}
            }
        )


@transaction.atomic
def create_token(*, by, name: str, expires_on: datetime.date | None = None) -> tuple[ApiToken, str]:
    """A new token and its secret; the secret is returned once and never stored."""
    expires_on = expires_on or default_expiry()
    _validate_expiry(expires_on)
    if ApiToken.objects.of_user(by).active().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Du har %(count)s aktive nøgler. Tilbagekald en, før du opretter en ny.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=by,
        name=name.strip(),
        token_hash=hash_secret(secret),
        hint=secret[:12],
        expires_on=expires_on,
    )
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def revoke_token(*, by, token: ApiToken) -> ApiToken:
    if token.user_id != by.pk:
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError(_("Nøglen er allerede tilbagekaldt."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The usable token with this secret (its user selected), or None for an unknown secret;
    marks it as used. A known token that may not be used raises TokenRefused."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_secret(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    where = _("Opret en ny under Konto og sikkerhed › API-nøgler.")
    if token.revoked_at is not None:
        raise TokenRefused(_("API-nøglen er tilbagekaldt.") + " " + where)
    if token.is_expired:
        raise TokenRefused(
            _("API-nøglen gjaldt til og med %(date)s og er udløbet.")
            % {"date": formats.date_format(token.expires_on)}
            + " "
            + where
        )
    # The same policy as the pages: a token made before the organisation required
    # two-factor authentication stops working until its owner has set it up.
    if lacks_required_two_factor(token.user):
        raise TokenRefused(
            _(
                "Din organisation kræver totrinsbekræftelse, fordi du ser borgeroplysninger. "
                "API-nøglen virker igen, når du har opsat en godkendelsesapp under Konto og "
                "sikkerhed."
            ),
            status=403,
        )
    now = timezone.now()
    # The list shows the minute; writing it once a minute spares a write on most requests.
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
