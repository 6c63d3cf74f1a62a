"""Globally optimal expert–leader matching: a NumPy score matrix solved with SciPy's assignment.

The score of a pair is

    THEME_WEIGHT × shared themes + INTEREST_WEIGHT × shared interests
    + SLOT_WEIGHT × min(shared availability slots, SLOT_CAP)

Hard exclusions (declared "do not match" pairs, conflicts of interest, and pairs who both gave
their availability but share no slot) are forbidden cells. Locked pairs are taken out of the
problem first and kept. The rest is one `scipy.optimize.linear_sum_assignment` with
`maximize=True`; rectangular matrices (unequal numbers) leave the surplus unmatched.

Forbidden cells get a penalty larger than any allowed total, so the solver uses one only
when a full assignment cannot avoid it; such pairs are dropped afterwards. Because every
allowed score is ≥ 0, what remains is a maximum-weight matching over the allowed pairs.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

THEME_WEIGHT = 3.0
INTEREST_WEIGHT = 1.0
SLOT_WEIGHT = 1.0
SLOT_CAP = 3


class MatchingError(ValueError):
    """The constraints contradict each other (e.g. a locked pair that is also excluded)."""


@dataclass
class Profile:
    key: Hashable
    themes: Iterable[str] = ()
    interests: Iterable[str] = ()
    availability: Iterable[str] = ()

    def __post_init__(self):
        self.themes = normalise(self.themes)
        self.interests = normalise(self.interests)
        self.availability = frozenset(self.availability)


@dataclass
class ProposedPair:
    expert: Hashable
    leader: Hashable
    score: float
    reasons: list[str] = field(default_factory=list)
    locked: bool = False


def normalise(terms: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(str(t).lower().split()) for t in terms if str(t).strip())


def _incidence(profiles: list[Profile], attribute: str, vocabulary: dict[str, int]):
    rows, cols = [], []
    for row, profile in enumerate(profiles):
        for term in getattr(profile, attribute):
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
    return rows, cols


def _overlap(experts: list[Profile], leaders: list[Profile], attribute: str) -> np.ndarray:
    """Counts of shared terms for every pair, as a sparse product of 0/1 incidence matrices."""
    from scipy import sparse  # loaded when matching, not by the URLconf (see evaluation.fit)

    vocabulary: dict[str, int] = {}
    e_rows, e_cols = _incidence(experts, attribute, vocabulary)
    l_rows, l_cols = _incidence(leaders, attribute, vocabulary)
    size = max(len(vocabulary), 1)
    e = sparse.csr_matrix(
        (np.ones(len(e_rows), dtype=np.float32), (e_rows, e_cols)), shape=(len(experts), size)
    )
    lead = sparse.csr_matrix(
        (np.ones(len(l_rows), dtype=np.float32), (l_rows, l_cols)), shape=(len(leaders), size)
    )
    return (e @ lead.T).toarray()


def score_matrix(experts: list[Profile], leaders: list[Profile]):
    """(scores, no_common_time): scores per pair and where both gave times but share none."""
    themes = _overlap(experts, leaders, "themes")
    interests = _overlap(experts, leaders, "interests")
    slots = _overlap(experts, leaders, "availability")
    scores = (
        THEME_WEIGHT * themes
        + INTEREST_WEIGHT * interests
        + SLOT_WEIGHT * np.minimum(slots, SLOT_CAP)
    ).astype(np.float64)
    e_has = np.array([bool(p.availability) for p in experts], dtype=bool)
    l_has = np.array([bool(p.availability) for p in leaders], dtype=bool)
    no_common_time = (slots == 0) & e_has[:, None] & l_has[None, :]
    return scores, no_common_time


def assign(
    scores: np.ndarray, forbidden: np.ndarray | None = None, locks: Iterable[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Row–column index pairs of a maximum-score assignment avoiding forbidden cells.

    Locked (row, column) pairs are kept as they are and their row and column leave the problem.
    """
    scores = np.asarray(scores, dtype=np.float64)
    n, m = scores.shape
    forbidden = np.zeros((n, m), dtype=bool) if forbidden is None else np.asarray(forbidden)
    locks = list(dict.fromkeys(locks))
    locked_rows = [r for r, _c in locks]
    locked_cols = [c for _r, c in locks]
    if len(set(locked_rows)) != len(locked_rows) or len(set(locked_cols)) != len(locked_cols):
        raise MatchingError(_("En person kan kun være låst i ét par. Fjern den ene lås."))
    for r, c in locks:
        if forbidden[r, c]:
            raise MatchingError(
                _("Et låst par er også udelukket. Fjern enten låsen eller udelukkelsen.")
            )
    rows = np.setdiff1d(np.arange(n), locked_rows)
    cols = np.setdiff1d(np.arange(m), locked_cols)
    result = list(locks)
    if rows.size and cols.size:
        sub = scores[np.ix_(rows, cols)]
        sub_forbidden = forbidden[np.ix_(rows, cols)]
        allowed = np.where(sub_forbidden, 0.0, np.maximum(sub, 0.0))
        penalty = float(allowed.sum()) + 1.0
        from scipy.optimize import linear_sum_assignment

        solved_rows, solved_cols = linear_sum_assignment(
            np.where(sub_forbidden, -penalty, allowed), maximize=True
        )
        for r, c in zip(solved_rows, solved_cols, strict=True):
            if not sub_forbidden[r, c]:
                result.append((int(rows[r]), int(cols[c])))
    return sorted(result)


def reasons_for(expert: Profile, leader: Profile, slot_labels: dict | None = None) -> list[str]:
    slot_labels = slot_labels or {}
    reasons = []
    if themes := sorted(expert.themes & leader.themes):
        reasons.append(_("Fælles tema: %(terms)s") % {"terms": ", ".join(themes)})
    if interests := sorted(expert.interests & leader.interests):
        reasons.append(_("Fælles interesser: %(terms)s") % {"terms": ", ".join(interests)})
    if slots := sorted(expert.availability & leader.availability):
        labels = [str(slot_labels.get(slot, slot)) for slot in slots]
        reasons.append(_("Kan begge mødes: %(slots)s") % {"slots": ", ".join(labels)})
    if not reasons:
        reasons.append(_("Ingen særlige fællestræk, men ingen af jer er udelukket."))
    return reasons


def propose(
    experts: list[Profile],
    leaders: list[Profile],
    *,
    excluded: Iterable[tuple[Hashable, Hashable]] = (),
    locked: Iterable[tuple[Hashable, Hashable]] = (),
    slot_labels: dict | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[ProposedPair]:
    """The optimal set of pairs for these profiles, each with its score and reasons."""
    progress = progress or (lambda _percent: None)
    e_index = {p.key: i for i, p in enumerate(experts)}
    l_index = {p.key: j for j, p in enumerate(leaders)}
    scores, no_common_time = score_matrix(experts, leaders)
    progress(40)
    excluded_cells = np.zeros_like(no_common_time)
    for e_key, l_key in excluded:
        if e_key in e_index and l_key in l_index:
            excluded_cells[e_index[e_key], l_index[l_key]] = True
    lock_cells = [
        (e_index[e], l_index[lead]) for e, lead in locked if e in e_index and lead in l_index
    ]
    # A lock is the facilitator's decision: it overrides "no common time", not an exclusion.
    forbidden = no_common_time | excluded_cells
    for r, c in lock_cells:
        forbidden[r, c] = excluded_cells[r, c]
    pairs = assign(scores, forbidden, lock_cells)
    progress(90)
    locked_set = set(lock_cells)
    return [
        ProposedPair(
            expert=experts[r].key,
            leader=leaders[c].key,
            score=float(scores[r, c]),
            reasons=reasons_for(experts[r], leaders[c], slot_labels),
            locked=(r, c) in locked_set,
        )
        for r, c in pairs
    ]


def greedy(scores: np.ndarray) -> list[tuple[int, int]]:
    """The naive best-first loop, kept only so tests can show where it goes wrong."""
    taken_rows, taken_cols, pairs = set(), set(), []
    order = np.dstack(np.unravel_index(np.argsort(-scores, axis=None), scores.shape))[0]
    for r, c in order:
        if r not in taken_rows and c not in taken_cols:
            pairs.append((int(r), int(c)))
            taken_rows.add(r)
            taken_cols.add(c)
    return sorted(pairs)
