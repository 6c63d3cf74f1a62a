"""Creating and revoking personal API tokens; the acting user is `by=`."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import TOKEN_PREFIX, ApiToken, hash_secret

MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def create_token(*, by, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret; the secret is returned once and never stored."""
    if ApiToken.objects.of_user(by).active().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Du har %(count)s aktive nøgler. Tilbagekald en, før du opretter en ny.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=by, name=name.strip(), token_hash=hash_secret(secret), hint=secret[:12])
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


def user_for_secret(secret: str):
    """The user behind an active token, or None; marks the token as used."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(token_hash=hash_secret(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
