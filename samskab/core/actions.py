"""Writes to the access log: appends, retention's pruning and the anchors outside the database.

The check that the chain is intact is `log_verification.verify_access_log` (re-exported here).
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from .log_anchors import Anchor, append_anchor
from .log_keys import key_ring
from .log_verification import ChainReport, Problem, verify_access_log
from .models import AccessAction, AccessLogEntry, AccessLogHead, HeadBreak

__all__ = [
    "ChainReport",
    "Problem",
    "anchor_access_log",
    "deferred_reads",
    "log_access",
    "log_access_many",
    "prune_access_log",
    "verify_access_log",
]

logger = logging.getLogger(__name__)


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


def _locked_head(ring) -> AccessLogHead:
    """The head, locked for this transaction and checked before the chain moves on.

    A missing or altered head is never silently recomputed: the chain continues from its last
    entry, and the break is recorded on the head under the new signature, so verification
    keeps reporting it (until retention removes the entries it concerns).
    """
    head = AccessLogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        last = AccessLogEntry.objects.order_by("-sequence").first()
        head = AccessLogHead(pk=1)
        if last is not None:
            first = AccessLogEntry.objects.order_by("sequence").first()
            unsigned = AccessLogEntry.objects.filter(key_id="").aggregate(Max("sequence"))
            head.last_sequence, head.last_hash = last.sequence, last.entry_hash
            head.pruned_through_sequence = first.sequence - 1
            head.pruned_through_hash = first.previous_hash
            head.legacy_through_sequence = unsigned["sequence__max"] or 0
            head.broken_at_sequence, head.broken_reason = last.sequence + 1, HeadBreak.MISSING
        head.sign(ring)
        head.save(force_insert=True)
        return AccessLogHead.objects.select_for_update().get(pk=1)
    if head.is_genesis:
        return head  # protects nothing yet; signed when it moves
    if head.key_id and head.key_id not in ring.keys:
        # A configuration error, not tampering: refuse loudly rather than mark the chain.
        raise ImproperlyConfigured(
            f"ACCESS_LOG_KEYS lacks the key {head.key_id!r} that signed the access log's head; "
            "keep retired keys in the list (after the signing key)"
        )
    if not head.has_valid_mac(ring) and head.broken_at_sequence is None:
        head.broken_at_sequence, head.broken_reason = head.last_sequence + 1, HeadBreak.ALTERED
    return head


@transaction.atomic
def _append(entries):
    """Chain the entries after the head, each signed with HMAC-SHA256 under the current key,
    and insert them. The head row is locked so that concurrent appends form one chain."""
    if not entries:
        return []
    ring = key_ring()
    head = _locked_head(ring)
    previous, sequence = head.last_hash, head.last_sequence
    for entry in entries:
        sequence += 1
        entry.sequence, entry.previous_hash, entry.key_id = sequence, previous, ring.signing_id
        entry.entry_hash = previous = entry.compute_hash(ring)
    AccessLogEntry.objects.bulk_create(entries)
    head.last_sequence, head.last_hash = sequence, previous
    head.sign(ring)
    head.save()
    return entries


def log_access(*, by, action: str, obj, purpose: str, citizen_id: int | None):
    """Append one entry for a read or write of one object holding a citizen's data (the entry,
    or None for a read deferred to the end of the request)."""
    entries = log_access_many(
        by=by, action=action, objs=[obj], purpose=purpose, citizen_id_of=lambda _obj: citizen_id
    )
    return entries[0] if entries else None


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
    ring = key_ring()
    head = _locked_head(ring)
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
    if head.broken_at_sequence is not None and head.broken_at_sequence <= through:
        # The entries the break concerned are gone with retention; so is the evidence.
        head.broken_at_sequence, head.broken_reason = None, ""
    head.sign(ring)
    head.save()
    return PruneReport(removed, through)


@dataclass
class AnchorResult:
    anchor: Anchor | None
    report: ChainReport


def anchor_access_log(*, path=None, now=None) -> AnchorResult:
    """Verify the chain and append the verified head's sequence and hash to the anchor file
    outside the database (ACCESS_LOG_ANCHOR_FILE). A broken chain is not anchored: the anchor
    would vouch for it."""
    report = verify_access_log(anchor_file=path)
    if not report.is_intact:
        logger.error("Access log not anchored, the chain is broken: %s", report.reason)
        return AnchorResult(None, report)
    anchor = append_anchor(
        key_ring(),
        sequence=report.head_sequence,
        hash=report.head_hash,
        at=now or timezone.now(),
        path=path,
    )
    return AnchorResult(anchor, report)
