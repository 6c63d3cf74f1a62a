"""Base model and the append-only, hash-chained access log of personal data."""

import hashlib
import json

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        abstract = True


class Perspective(models.TextChoices):
    """The side of the lemniscate an insight comes from; shared by every practice."""

    CITIZEN = "citizen", _("Borgerens perspektiv")
    SYSTEM = "system", _("Systemets perspektiv")
    BOTH = "both", _("Begge perspektiver")


class AccessAction(models.TextChoices):
    READ = "read", _("Læst")
    CREATE = "create", _("Oprettet")
    UPDATE = "update", _("Ændret")
    DELETE = "delete", _("Slettet")
    EXPORT = "export", _("Eksporteret")


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk updates and deletes would bypass the chain, so they are refused."""

    def update(self, **kwargs):
        raise PermissionError("The access log is append-only")

    def delete(self):
        raise PermissionError("The access log is append-only")


class AccessLogEntryQuerySet(AppendOnlyQuerySet):
    def for_citizen(self, citizen_id: int):
        return self.filter(citizen_id=citizen_id)


GENESIS_HASH = "0" * 64


class AccessLogEntry(models.Model):
    """One read or write of a citizen's personal data.

    The actor and citizen are stored as plain values, not foreign keys: deleting a user
    or erasing a citizen must never rewrite history or break the chain.
    """

    sequence = models.PositiveBigIntegerField(_("løbenummer"), unique=True)
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(_("bruger-id"), null=True, blank=True, db_index=True)
    actor_name = models.CharField(_("bruger"), max_length=150, blank=True)
    citizen_id = models.BigIntegerField(_("borger-id"), null=True, blank=True, db_index=True)
    action = models.CharField(_("handling"), max_length=10, choices=AccessAction.choices)
    object_type = models.CharField(_("datatype"), max_length=100)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    purpose = models.CharField(_("formål"), max_length=300)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    objects = AccessLogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("adgangslogpost")
        verbose_name_plural = _("adgangslog")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The access log is append-only")

    def payload(self) -> str:
        """The canonical text the hash covers: every field but the hash itself."""
        return json.dumps(
            {
                "sequence": self.sequence,
                "at": self.at.isoformat(),
                "actor_id": self.actor_id,
                "actor_name": self.actor_name,
                "citizen_id": self.citizen_id,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "purpose": self.purpose,
                "previous_hash": self.previous_hash,
            },
            sort_keys=True,
            ensure_ascii=False,
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.payload().encode()).hexdigest()


class AccessLogHead(models.Model):
    """The single row that serialises appends to the chain (locked with SELECT FOR UPDATE)."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    # The anchor left by retention: the last removed entry's sequence and hash. The check
    # starts from here, so removing kept entries from the start of the chain is detected.
    pruned_through_sequence = models.PositiveBigIntegerField(default=0)
    pruned_through_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("adgangslogs hoved")

    def __str__(self):
        return f"{self.last_sequence}: {self.last_hash}"
