"""Base model and the append-only access log of personal data, chained with HMAC-SHA256."""

import hashlib
import hmac
import json

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .log_keys import key_ring


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
    # The ACCESS_LOG_KEYS id whose HMAC is entry_hash; "" for the entries written before the
    # chain was keyed (plain SHA-256, accepted only up to the head's legacy_through_sequence).
    key_id = models.CharField(_("nøgle"), max_length=32, blank=True, default="")

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
        """The canonical text the hash covers: every field but the hash itself. Keyed entries
        also cover their key id; the text of the legacy entries is unchanged."""
        fields = {
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
        }
        if self.key_id:
            fields["key_id"] = self.key_id
        return json.dumps(fields, sort_keys=True, ensure_ascii=False)

    def compute_hash(self, ring=None) -> str | None:
        """HMAC-SHA256 under the entry's key (plain SHA-256 for a legacy entry); None when the
        key id is not in ACCESS_LOG_KEYS."""
        if not self.key_id:
            return hashlib.sha256(self.payload().encode()).hexdigest()
        return (ring or key_ring()).mac(self.key_id, self.payload())


class HeadBreak(models.TextChoices):
    MISSING = "missing", _("Hovedet manglede")
    ALTERED = "altered", _("Hovedet var ændret")


class AccessLogHead(models.Model):
    """The single row that serialises appends to the chain (locked with SELECT FOR UPDATE).

    It is signed with the key like the entries: a head that is missing or altered is a
    verification failure, and an append that finds it so records the break here (under the
    new signature) instead of silently recomputing it.
    """

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    # The anchor left by retention: the last removed entry's sequence and hash. The check
    # starts from here, so removing kept entries from the start of the chain is detected.
    pruned_through_sequence = models.PositiveBigIntegerField(default=0)
    pruned_through_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    # Entries up to here were written before the chain was keyed (plain SHA-256).
    legacy_through_sequence = models.PositiveBigIntegerField(default=0)
    # The first entry appended after the head was found missing or altered.
    broken_at_sequence = models.PositiveBigIntegerField(null=True, blank=True)
    broken_reason = models.CharField(max_length=10, choices=HeadBreak.choices, blank=True)
    key_id = models.CharField(max_length=32, blank=True, default="")
    mac = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("adgangslogs hoved")

    def __str__(self):
        return f"{self.last_sequence}: {self.last_hash}"

    @property
    def is_genesis(self) -> bool:
        """Nothing appended or pruned yet: the head protects no entries."""
        return self.last_sequence == 0 and self.pruned_through_sequence == 0

    def payload(self) -> str:
        return json.dumps(
            {
                "kind": "head",
                "last_sequence": self.last_sequence,
                "last_hash": self.last_hash,
                "pruned_through_sequence": self.pruned_through_sequence,
                "pruned_through_hash": self.pruned_through_hash,
                "legacy_through_sequence": self.legacy_through_sequence,
                "broken_at_sequence": self.broken_at_sequence,
                "broken_reason": self.broken_reason,
                "key_id": self.key_id,
            },
            sort_keys=True,
        )

    def has_valid_mac(self, ring=None) -> bool:
        expected = (ring or key_ring()).mac(self.key_id, self.payload()) if self.key_id else None
        return expected is not None and hmac.compare_digest(expected, self.mac)

    def sign(self, ring=None) -> None:
        ring = ring or key_ring()
        self.key_id = ring.signing_id
        self.mac = ring.mac(self.key_id, self.payload())
