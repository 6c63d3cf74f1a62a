"""Writes to the access log and the check that its hash chain is intact."""

from dataclasses import dataclass

from django.db import transaction

from .models import GENESIS_HASH, AccessAction, AccessLogEntry, AccessLogHead


def _actor(by):
    if by is not None and by.is_authenticated:
        return by.pk, by.get_username()
    return None, ""


@transaction.atomic
def log_access_many(*, by, action: str, objs, purpose: str, citizen_id_of=None):
    """Append one entry per object, in one chain segment and one bulk insert.

    Purposes are stored in Danish (the record) and marked with gettext_noop so that
    pages can show them translated.

    `purpose` is the case or activity the access served: citizens may ask when and why
    their data was used. The head row is locked so that concurrent appends form one chain.
    `citizen_id_of(obj)` names the citizen each object is about (default: the object's pk).
    """
    if action not in AccessAction.values:
        raise ValueError(f"Unknown access action {action!r}")
    if not purpose:
        raise ValueError("An access must state its purpose")
    objs = list(objs)
    if not objs:
        return []
    citizen_id_of = citizen_id_of or (lambda obj: obj.pk)
    actor_id, actor_name = _actor(by)
    head, _ = AccessLogHead.objects.select_for_update().get_or_create(pk=1)
    entries = []
    previous, sequence = head.last_hash, head.last_sequence
    for obj in objs:
        sequence += 1
        entry = AccessLogEntry(
            sequence=sequence,
            actor_id=actor_id,
            actor_name=actor_name,
            citizen_id=citizen_id_of(obj),
            action=action,
            object_type=obj._meta.label,
            object_id=str(obj.pk),
            purpose=str(purpose)[:300],
            previous_hash=previous,
        )
        entry.entry_hash = previous = entry.compute_hash()
        entries.append(entry)
    AccessLogEntry.objects.bulk_create(entries)
    head.last_sequence, head.last_hash = sequence, previous
    head.save(update_fields=["last_sequence", "last_hash"])
    return entries


def log_access(*, by, action: str, obj, purpose: str, citizen_id: int | None):
    """Append one entry for a read or write of one object holding a citizen's data."""
    return log_access_many(
        by=by, action=action, objs=[obj], purpose=purpose, citizen_id_of=lambda _obj: citizen_id
    )[0]


@dataclass
class ChainReport:
    is_intact: bool
    checked: int
    first_broken_sequence: int | None = None
    reason: str = ""


def verify_access_log(batch_size: int = 5000) -> ChainReport:
    """Recompute every hash in order; report the first entry that does not fit."""
    previous = GENESIS_HASH
    expected_sequence = None
    checked = 0
    for entry in AccessLogEntry.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if expected_sequence is None:
            # Entries before the first kept one may have been removed by retention;
            # the first kept entry anchors the rest of the chain.
            previous = entry.previous_hash
        elif entry.sequence != expected_sequence:
            return ChainReport(False, checked, entry.sequence, "gap in sequence")
        if entry.previous_hash != previous:
            return ChainReport(False, checked, entry.sequence, "link to previous entry broken")
        if entry.compute_hash() != entry.entry_hash:
            return ChainReport(False, checked, entry.sequence, "entry altered")
        previous = entry.entry_hash
        expected_sequence = entry.sequence + 1
        checked += 1
    head = AccessLogHead.objects.filter(pk=1).first()
    if head and checked and head.last_hash != previous:
        return ChainReport(False, checked, head.last_sequence, "entries removed from the end")
    return ChainReport(True, checked)
