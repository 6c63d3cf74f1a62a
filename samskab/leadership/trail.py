"""Evidence and traceability, always through the insight-source registry.

An `EvidenceLink` is only (source key, object id). Whenever evidence is shown it is read
again through the registry with the reader's own permissions: what the reader may not see
is not shown, and a private insight (a reflection not shared) is never shown or counted,
even to its author, whatever was linked before it was made private.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from samskab.core.actions import log_access_many
from samskab.core.models import AccessAction, Perspective
from samskab.insights import sources

from .models import Decision, EvidenceLink

REFLECTION = "partnerships.reflection"


@dataclass
class Evidence:
    """The insights behind an opportunity space, barrier or decision, as one reader sees them."""

    citizen: list = field(default_factory=list)
    system: list = field(default_factory=list)
    both: list = field(default_factory=list)
    hidden: int = 0  # cited, not private, but this reader may not open them

    @property
    def insights(self) -> list:
        return [*self.citizen, *self.both, *self.system]

    @property
    def lacks_citizen_side(self) -> bool:
        return not (self.citizen or self.both)

    @property
    def lacks_system_side(self) -> bool:
        return not (self.system or self.both)

    @property
    def is_empty(self) -> bool:
        return not self.insights and not self.hidden


def _read_visible(user, keys: dict[str, set[int]]):
    """{(source, pk): Insight} for the cited insights this user may read (never private)."""
    found = {}
    for key, ids in keys.items():
        source = sources.SOURCES.get(key)
        if source is None or not ids:
            continue
        for obj in source.visible_to(user).filter(pk__in=ids):
            if not source.applies_to(obj):
                continue
            insight = source.to_insight(obj)
            if not insight.is_private:
                found[insight.key] = insight
    return found


def _count_hidden(keys: dict[str, set[int]], seen) -> int:
    """How many cited insights exist and are not private but were not readable."""
    hidden = 0
    for key, ids in keys.items():
        source = sources.SOURCES.get(key)
        missing = {pk for pk in ids if (key, pk) not in seen}
        if source is None or not missing:
            continue
        for obj in source.queryset().filter(pk__in=missing):
            if source.applies_to(obj) and not source.to_insight(obj).is_private:
                hidden += 1
    return hidden


def resolve(user, links) -> Evidence:
    """The evidence behind `links` (EvidenceLink rows) as `user` may see it, by side."""
    keys: dict[str, set[int]] = defaultdict(set)
    for link in links:
        keys[link.source].add(link.object_id)
    found = _read_visible(user, keys)
    evidence = Evidence(hidden=_count_hidden(keys, found))
    for insight in sorted(found.values(), key=lambda i: i.created_at, reverse=True):
        if insight.perspective == Perspective.CITIZEN:
            evidence.citizen.append(insight)
        elif insight.perspective == Perspective.SYSTEM:
            evidence.system.append(insight)
        else:
            evidence.both.append(insight)
    return evidence


def evidence_links_for_decision(decision):
    item = decision.agenda_item
    if item.opportunity_space_id:
        return EvidenceLink.objects.filter(opportunity_space_id=item.opportunity_space_id)
    return EvidenceLink.objects.filter(barrier_id=item.barrier_id)


class _Ref:
    """What the access log needs of an object: its model's _meta and its pk."""

    def __init__(self, source, pk):
        self._meta = source.model._meta
        self.pk = pk


def log_reads(*, by, insights, purpose):
    """Insights about a citizen (a reflection in their partnership, a capture from their
    pathway) are personal data: every read is in the citizen's access log."""
    about_citizens = [i for i in insights if getattr(i, "citizen_id", None)]
    if not about_citizens:
        return
    refs = [(_Ref(sources.SOURCES[i.source], i.pk), i.citizen_id) for i in about_citizens]
    citizen_of = {id(ref): citizen for ref, citizen in refs}
    log_access_many(
        by=by,
        action=AccessAction.READ,
        objs=[ref for ref, _citizen in refs],
        purpose=purpose,
        citizen_id_of=lambda ref: citizen_of[id(ref)],
    )


PURPOSE_SPACE = gettext_noop("Evidens i et mulighedsrum")
PURPOSE_DECISION = gettext_noop("Indsigterne bag en beslutning i et fælles ledelsesrum")
PURPOSE_BARRIER = gettext_noop("Evidens for en barriere")
PURPOSE_TRAIL = gettext_noop("Sporet fra en indsigt til beslutninger")


def decisions_informed_by(insight):
    """Final decisions this insight fed, through an opportunity space or a barrier."""
    return (
        Decision.objects.final()
        .informed_by(insight.source, insight.pk)
        .select_related("agenda_item__forum", "agenda_item__meeting")
        .order_by("-finalised_at", "-pk")
    )


def decisions_from_partnership(user, partnership, *, own_only: bool = False):
    """Final decisions fed by this partnership's reflections that `user` may read (shared ones,
    or for `own_only` the user's own shared ones): "what I took into my leadership work"."""
    source = sources.SOURCES.get(REFLECTION)
    if source is None:
        return []
    readable = source.visible_to(user).filter(partnership=partnership)
    ids = [
        insight.pk
        for insight in map(source.to_insight, readable)
        if not insight.is_private and (not own_only or insight.author_id == user.pk)
    ]
    if not ids:
        return []
    return list(
        Decision.objects.final()
        .informed_by_any(REFLECTION, ids)
        .select_related("agenda_item__forum", "agenda_item__meeting")
        .order_by("-finalised_at", "-pk")
    )
