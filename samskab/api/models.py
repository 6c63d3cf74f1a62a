"""Personal API tokens: only a SHA-256 of the secret is stored; the secret is shown once."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel

#: Every secret starts with this, so a leaked token is easy to recognise (e.g. by scanners).
TOKEN_PREFIX = "smk_"  # noqa: S105 - a public prefix, not a secret


def hash_secret(secret: str) -> str:
    # The secret is 256 random bits, so a fast unsalted hash is enough: nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

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

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
