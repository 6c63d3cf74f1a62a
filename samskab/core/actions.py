"""Writes to the access log and the check that its hash chain is intact."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection, models, transaction

from .models import GENESIS_HASH, AccessAction, AccessLogEntry, AccessLogHead


def _actor(by):
    if by is not None and by.is_authenticated:
        return by.pk, by.get_username()
    return None, ""


#: The reads of the current request, appended together when it ends (see deferred_reads).
_pending_reads: ContextVar[list | None] = ContextVar("pending_access_reads", default=None)


@contextmanager
def deferred_reads():
    """Collect the reads logged while a request runs and append them when it ends, in one
    transaction: one lock of the chain's head and one commit per request instead of one per
    list on the page. Writes, and reads inside a transaction, are still appended at once."""
    pending = []
    token = _pending_reads.set(pending)
    try:
        yield
    finally:
        _pending_reads.reset(token)
        if pending:
            _append(pending)


def log_access_many(*, by, action: str, objs, purpose: str, citizen_id_of=None):
    """Append one entry per object, in one chain segment and one bulk insert.

    Purposes are stored in Danish (the record) and marked with gettext_noop so that
    pages can show them translated.

    `purpose` is the case or activity the access served: citizens may ask when and why
    their data was used. `citizen_id_of(obj)` names the citizen each object is about
    (default: the object's pk). Returns the entries appended now ([] when deferred).
    """
    if action not in AccessAction.values:
        raise ValueError(f"Unknown access action {action!r}")
    if not purpose:
        raise ValueError("An access must state its purpose")
    citizen_id_of = citizen_id_of or (lambda obj: obj.pk)
    actor_id, actor_name = _actor(by)
    entries = [
        AccessLogEntry(
            actor_id=actor_id,
            actor_name=actor_name,
            citizen_id=citizen_id_of(obj),
            action=action,
            object_type=obj._meta.label,
            object_id=str(obj.pk),
            purpose=str(purpose)[:300],
        )
        for obj in objs
    ]
    pending = _pending_reads.get()
    if action == AccessAction.READ and pending is not None and not connection.in_atomic_block:
        pending.extend(entries)
        return []
    return _append(entries)


@transaction.atomic
def _append(entries):
    """Chain the entries after the head and insert them. The head row is locked so that
    concurrent appends form one chain."""
    if not entries:
        return []
    head, _ = AccessLogHead.objects.select_for_update().get_or_create(pk=1)
    previous, sequence = head.last_hash, head.last_sequence
    for entry in entries:
        sequence += 1
        entry.sequence, entry.previous_hash = sequence, previous
        entry.entry_hash = previous = entry.compute_hash()
    AccessLogEntry.objects.bulk_create(entries)
    head.last_sequence, head.last_hash = sequence, previous
    head.save(update_fields=["last_sequence", "last_hash"])
    return entries


def log_access(*, by, action: str, obj, purpose: str, citizen_id: int | None):
    """Append one entry for a read or write of one object holding a citizen's data (the entry,
    or None for a read deferred to the end of the request)."""
    entries = log_access_many(
        by=by, action=action, objs=[obj], purpose=purpose, citizen_id_of=lambda _obj: citizen_id
    )
    return entries[0] if entries else None


@dataclass
class ChainReport:
    is_intact: bool
    checked: int
    first_broken_sequence: int | None = None
    reason: str = ""


def verify_access_log(batch_size: int = 5000) -> ChainReport:
    """Recompute every hash in order from the retention anchor; report the first misfit."""
    head = AccessLogHead.objects.filter(pk=1).first()
    previous = head.pruned_through_hash if head else GENESIS_HASH
    expected_sequence = (head.pruned_through_sequence if head else 0) + 1
    checked = 0
    for entry in AccessLogEntry.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if entry.sequence != expected_sequence:
            return ChainReport(False, checked, entry.sequence, "gap in sequence")
        if entry.previous_hash != previous:
            return ChainReport(False, checked, entry.sequence, "link to previous entry broken")
        if entry.compute_hash() != entry.entry_hash:
            return ChainReport(False, checked, entry.sequence, "entry altered")
        previous = entry.entry_hash
        expected_sequence = entry.sequence + 1
        checked += 1
    if head and head.last_hash != previous:
        return ChainReport(False, checked, head.last_sequence, "entries removed from the end")
    return ChainReport(True, checked)


@dataclass
class PruneReport:
    removed: int
    anchor_sequence: int


@transaction.atomic
def prune_access_log(*, before) -> PruneReport:
    """Remove the entries logged before `before`, oldest first, and move the anchor.

    Retention is the only sanctioned removal: only a prefix of the chain goes, and the last
    removed entry's sequence and hash are kept on the head, so the rest stays verifiable.
    """
    head, _ = AccessLogHead.objects.select_for_update().get_or_create(pk=1)
    first_kept = (
        AccessLogEntry.objects.filter(at__gte=before).order_by("sequence").only("sequence").first()
    )
    through = first_kept.sequence - 1 if first_kept else head.last_sequence
    if through <= head.pruned_through_sequence:
        return PruneReport(0, head.pruned_through_sequence)
    last_removed = AccessLogEntry.objects.get(sequence=through)
    doomed = AccessLogEntry.objects.filter(sequence__lte=through)
    # The append-only queryset refuses delete(); this is the one deliberate exception.
    removed, _ = models.QuerySet.delete(doomed)
    head.pruned_through_sequence = through
    head.pruned_through_hash = last_removed.entry_hash
    head.save(update_fields=["pruned_through_sequence", "pruned_through_hash"])
    return PruneReport(removed, through)
