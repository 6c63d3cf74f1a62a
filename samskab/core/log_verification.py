"""The check that the access log is intact: every entry's HMAC and link, the signed head, and
the anchors kept outside the database. Problems are reported in Danish with sequence numbers."""

import hmac
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .log_anchors import Anchor, read_anchors
from .log_keys import KeyRing, key_ring
from .models import GENESIS_HASH, AccessLogEntry, AccessLogHead, HeadBreak


@dataclass
class Problem:
    code: str
    sequence: int | None
    message: str


@dataclass
class ChainReport:
    checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    # The verified head (what an anchor records) and the anchors read from the file.
    head_sequence: int = 0
    head_hash: str = GENESIS_HASH
    anchors: list[Anchor] = field(default_factory=list)

    @property
    def is_intact(self) -> bool:
        return not self.problems

    @property
    def first_broken_sequence(self) -> int | None:
        sequences = [problem.sequence for problem in self.problems if problem.sequence is not None]
        return min(sequences) if sequences else None

    @property
    def reason(self) -> str:
        return self.problems[0].message if self.problems else ""

    @property
    def codes(self) -> list[str]:
        return [problem.code for problem in self.problems]

    @property
    def anchors_checked(self) -> int:
        return sum(anchor.status == "ok" for anchor in self.anchors)

    def latest_anchors(self, count: int = 5) -> list[Anchor]:
        return self.anchors[::-1][:count]


def _when(anchor: Anchor) -> str:
    return formats.date_format(timezone.localtime(anchor.at), "DATETIME_FORMAT")


def _head_problems(head: AccessLogHead, ring: KeyRing) -> list[Problem]:
    problems = []
    if head.key_id and head.key_id not in ring.keys:
        message = _(
            "Kædens hoved er signeret med nøglen »%(key)s«, som ikke findes i ACCESS_LOG_KEYS."
        )
        problems.append(Problem("head-unknown-key", None, message % {"key": head.key_id}))
    elif not head.has_valid_mac(ring):
        message = _(
            "Kædens hoved er ændret uden nøglen: signaturen passer ikke (post nr. %(seq)s)."
        )
        problems.append(
            Problem("head-altered", head.last_sequence, message % {"seq": head.last_sequence})
        )
    if head.broken_at_sequence and head.broken_at_sequence > head.pruned_through_sequence:
        if head.broken_reason == HeadBreak.MISSING:
            message = _(
                "Kædens hoved manglede, da post nr. %(seq)s blev skrevet. Loggen er skrevet "
                "videre fra den sidste post, men poster før den kan være slettet eller ændret."
            )
        else:
            message = _(
                "Kædens hoved var ændret, da post nr. %(seq)s blev skrevet. Loggen er skrevet "
                "videre derfra, men poster før den kan være slettet eller ændret."
            )
        problems.append(
            Problem(
                "head-broken", head.broken_at_sequence, message % {"seq": head.broken_at_sequence}
            )
        )
    return problems


def _entry_problem(entry, expected_sequence, previous, legacy_through, ring) -> Problem | None:
    seq = entry.sequence
    if seq > expected_sequence:
        message = _("Post nr. %(first)s til %(last)s mangler.")
        text = message % {"first": expected_sequence, "last": seq - 1}
        return Problem("gap", expected_sequence, text)
    if seq < expected_sequence:
        message = _("Post nr. %(seq)s ligger før kædens start (nr. %(start)s).")
        return Problem("gap", seq, message % {"seq": seq, "start": expected_sequence})
    if entry.previous_hash != previous:
        message = _("Post nr. %(seq)s hænger ikke sammen med posten før.")
        return Problem("link", seq, message % {"seq": seq})
    if not entry.key_id and legacy_through is not None and seq > legacy_through:
        if legacy_through:
            message = _(
                "Post nr. %(seq)s er ikke signeret med nøglen; kun poster til og med nr. "
                "%(legacy)s er skrevet, før loggen blev signeret."
            )
        else:
            message = _("Post nr. %(seq)s er ikke signeret med nøglen.")
        return Problem("unsigned", seq, message % {"seq": seq, "legacy": legacy_through})
    computed = entry.compute_hash(ring)
    if computed is None:
        message = _(
            "Post nr. %(seq)s er signeret med nøglen »%(key)s«, som ikke findes i ACCESS_LOG_KEYS."
        )
        return Problem("unknown-key", seq, message % {"seq": seq, "key": entry.key_id})
    if not hmac.compare_digest(computed, entry.entry_hash):
        message = _("Post nr. %(seq)s er ændret: signaturen passer ikke.")
        return Problem("altered", seq, message % {"seq": seq})
    return None


FILE_MESSAGES = {
    "unreadable": gettext_noop("Linje %(line)s i ankerfilen kan ikke læses."),
    "unknown-key": gettext_noop(
        "Linje %(line)s i ankerfilen er signeret med nøglen »%(key)s«, som ikke findes i "
        "ACCESS_LOG_KEYS."
    ),
    "altered": gettext_noop("Linje %(line)s i ankerfilen er ændret: signaturen passer ikke."),
    "link": gettext_noop(
        "Linje %(line)s i ankerfilen følger ikke linjen før: et anker er fjernet eller flyttet."
    ),
    "order": gettext_noop(
        "Ankeret på linje %(line)s har et lavere løbenummer end ankeret før: loggen er skåret "
        "af og skrevet videre."
    ),
}


def verify_access_log(*, anchor_file=None, batch_size: int = 5000) -> ChainReport:
    """Recompute every entry's HMAC in order from retention's cut, check the signed head, and
    compare the entries with the anchors outside the database (ACCESS_LOG_ANCHOR_FILE, or
    `anchor_file`, e.g. the DPO's own copy). The first break in the chain is reported (later
    entries are still read for the anchors), and every problem with the head and the anchors."""
    ring = key_ring()
    report = ChainReport()
    add = report.problems.append
    head = AccessLogHead.objects.filter(pk=1).first()
    if head is None:
        first = AccessLogEntry.objects.order_by("sequence").first()
        if first is not None:
            add(
                Problem(
                    "head-missing",
                    None,
                    _(
                        "Kædens hoved mangler, så det kan ikke ses, om de nyeste poster er "
                        "slettet. Det genberegnes ikke."
                    ),
                )
            )
        start_sequence = first.sequence - 1 if first else 0
        start_hash = first.previous_hash if first else GENESIS_HASH
        legacy_through = head_limit = None
    else:
        report.problems.extend(_head_problems(head, ring))
        start_sequence, start_hash = head.pruned_through_sequence, head.pruned_through_hash
        legacy_through, head_limit = head.legacy_through_sequence, head.last_sequence

    try:
        anchors, file_problems = read_anchors(ring, anchor_file)
    except OSError as error:
        message = _("Ankerfilen kan ikke læses (%(error)s).")
        add(Problem("anchor-file", None, message % {"error": error.strerror or error}))
        anchors, file_problems = [], []
    wanted = {anchor.sequence for anchor in anchors}
    hashes = {}

    expected_sequence, previous = start_sequence + 1, start_hash
    last_sequence, broken, beyond_head = start_sequence, False, None
    for entry in AccessLogEntry.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if head_limit is not None and entry.sequence > head_limit:
            beyond_head = entry.sequence
            continue
        if entry.sequence in wanted:
            hashes[entry.sequence] = entry.entry_hash
        if not broken:
            problem = _entry_problem(entry, expected_sequence, previous, legacy_through, ring)
            if problem:
                add(problem)
                broken = True
            else:
                report.checked += 1
        previous, expected_sequence, last_sequence = (
            entry.entry_hash,
            entry.sequence + 1,
            entry.sequence,
        )

    if head is not None:
        if beyond_head is not None:
            # Appended while the check ran (the head has moved on since), or written past it.
            fresh = AccessLogHead.objects.filter(pk=1).first()
            if fresh is None or fresh.last_sequence < beyond_head:
                message = _("Post nr. %(seq)s ligger efter kædens hoved (nr. %(head)s).")
                add(
                    Problem(
                        "after-head",
                        head.last_sequence + 1,
                        message % {"seq": beyond_head, "head": head.last_sequence},
                    )
                )
        if last_sequence < head.last_sequence:
            message = _(
                "De nyeste poster er slettet: kædens hoved kender post nr. %(head)s, men den "
                "sidste post er nr. %(last)s."
            )
            add(
                Problem(
                    "truncated",
                    last_sequence + 1,
                    message % {"head": head.last_sequence, "last": last_sequence},
                )
            )
        elif not broken and previous != head.last_hash:
            message = _("Kædens hoved passer ikke med post nr. %(seq)s.")
            add(Problem("head-mismatch", last_sequence, message % {"seq": last_sequence}))
        report.head_sequence, report.head_hash = head.last_sequence, head.last_hash
    else:
        report.head_sequence, report.head_hash = last_sequence, previous

    report.anchors = anchors
    report.problems.extend(
        _anchor_problems(anchors, hashes, start_sequence, start_hash, last_sequence)
    )
    for problem in file_problems:
        message = _(FILE_MESSAGES[problem.code]) % {"line": problem.line, "key": problem.key_id}
        add(Problem(f"anchor-file-{problem.code}", None, message))
    return report


def _anchor_problems(anchors, hashes, start_sequence, start_hash, last_sequence) -> list[Problem]:
    """Each anchor against the entry it names. Only the strongest evidence is reported: the
    newest anchor beyond the last entry, and the first anchor the chain no longer matches."""
    beyond = mismatch = missing = good = None
    for anchor in anchors:
        if anchor.sequence < start_sequence:
            anchor.status = "pruned"
            continue
        if anchor.sequence > last_sequence:
            anchor.status = "missing"
            beyond = anchor if beyond is None or anchor.sequence > beyond.sequence else beyond
            continue
        stored = start_hash if anchor.sequence == start_sequence else hashes.get(anchor.sequence)
        if stored is None:
            anchor.status = "missing"
            missing = missing or anchor
        elif hmac.compare_digest(stored, anchor.hash):
            anchor.status = "ok"
            good = anchor
        else:
            anchor.status = "mismatch"
            mismatch = mismatch or (anchor, good)
    problems = []
    if beyond:
        message = _(
            "Poster efter nr. %(last)s mangler: ankeret fra %(at)s kender post nr. %(seq)s."
        )
        problems.append(
            Problem(
                "anchor-truncated",
                last_sequence + 1,
                message % {"last": last_sequence, "at": _when(beyond), "seq": beyond.sequence},
            )
        )
    if missing:
        message = _("Post nr. %(seq)s fra ankeret fra %(at)s findes ikke længere.")
        problems.append(
            Problem(
                "anchor-missing",
                missing.sequence,
                message % {"seq": missing.sequence, "at": _when(missing)},
            )
        )
    if mismatch:
        anchor, before = mismatch
        message = _("Kæden er skrevet om: post nr. %(seq)s passer ikke med ankeret fra %(at)s.")
        text = message % {"seq": anchor.sequence, "at": _when(anchor)}
        if before:
            text += " " + _("Ved post nr. %(seq)s passede den stadig.") % {"seq": before.sequence}
        problems.append(Problem("anchor-mismatch", anchor.sequence, text))
    return problems
