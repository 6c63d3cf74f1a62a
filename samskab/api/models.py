"""Personal API tokens: only a SHA-256 of the secret is stored; the secret is shown once.
A token works through its expiry date, until it is revoked."""

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel

#: Every secret starts with this, so a leaked token is easy to recognise (e.g. by scanners).
TOKEN_PREFIX = "smk_"  # noqa: S105 - a public prefix, not a secret
#: A token's lifetime: proposed when it is made, and the longest allowed.
DEFAULT_LIFETIME_DAYS = 90
MAX_LIFETIME_DAYS = 365


def default_expiry() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=DEFAULT_LIFETIME_DAYS)


def latest_expiry() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=MAX_LIFETIME_DAYS)


def hash_secret(secret: str) -> str:
    # The secret is 256 random bits, so a fast unsalted hash is enough: nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_on__gte=timezone.localdate())

    def of_user(self, user):
        return self.filter(user=user)


class ApiToken(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("bruger"),
    )
    name = models.CharField(
        _("navn"), max_length=100, help_text=_("Fx navnet på det system, der skal bruge nøglen.")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    #: The first characters of the secret, so the user can tell their tokens apart.
    hint = models.CharField(_("begynder med"), max_length=12, editable=False)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    #: The last day the token works (Copenhagen time). Tokens made before expiry existed
    #: got DEFAULT_LIFETIME_DAYS from the day the migration ran.
    expires_on = models.DateField(
        _("udløbsdato"),
        default=default_expiry,
        help_text=_("Nøglen virker til og med denne dato."),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_on < timezone.localdate()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired
