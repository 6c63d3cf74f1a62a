"""A user's calendar feed: only the SHA-256 of its secret token is stored."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeedQuerySet(models.QuerySet):
    def for_token(self, token: str):
        """The active feed with this token (a revoked or unknown token finds nothing)."""
        return self.filter(token_hash=hash_token(token), user__is_active=True)


class CalendarFeed(TimeStampedModel):
    """The secret address is the key: calendar apps cannot log in, so the token must be
    unguessable (256 random bits) and is shown once; revoking deletes the row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("bruger"),
    )
    token_hash = models.CharField(_("nøglens SHA-256"), max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("sidst hentet"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kalenderabonnement")
        verbose_name_plural = _("kalenderabonnementer")

    def __str__(self):
        return str(self.user)
