"""Writes in shared leadership: one atomic, validated function per change, `by=` the user.

Evidence is linked only through `sources.linkable_insight_for`, which refuses what the user
may not read (404) and private reflections (ValidationError), so a private insight can never
become evidence.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core.concurrency import check_version
from samskab.insights import sources

from .models import (
    T_CHECK_FIELDS,
    AgendaItem,
    Barrier,
    BarrierStatus,
    Decision,
    EvidenceLink,
    Forum,
    ForumMeeting,
    ForumMember,
    ForumRole,
    OpportunitySpace,
)

DECISION_FIELDS = ("title", "text", "owner", "due_on", "follow_up", *T_CHECK_FIELDS)


def _saved(obj):
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def create_forum(*, by, data: dict) -> Forum:
    """A new forum; its creator is its first member and chair."""
    forum = _saved(Forum(created_by=by, **data))
    _saved(
        ForumMember(
            forum=forum,
            user=by,
            organisation=by.staff_member.organisation,
            role=ForumRole.CHAIR,
        )
    )
    return forum


@transaction.atomic
def add_forum_member(*, by, forum, user, role: str) -> ForumMember:
    staff = getattr(user, "staff_member", None)
    if staff is None:
        raise ValidationError(_("Kun medarbejdere og ledere kan være medlemmer af et ledelsesrum."))
    if forum.members.filter(user=user).exists():
        raise ValidationError(_("%(name)s er allerede medlem af ledelsesrummet.") % {"name": staff})
    return _saved(ForumMember(forum=forum, user=user, organisation=staff.organisation, role=role))


@transaction.atomic
def remove_forum_member(*, by, member) -> None:
    others = member.forum.members.exclude(pk=member.pk)
    if member.role == ForumRole.CHAIR and not others.filter(role=ForumRole.CHAIR).exists():
        raise ValidationError(
            _(
                "Ledelsesrummet skal altid have en formand. Giv først et andet medlem rollen "
                "formand. Intet er ændret."
            )
        )
    member.delete()


@transaction.atomic
def schedule_meeting(*, by, forum, data: dict) -> ForumMeeting:
    return _saved(ForumMeeting(forum=forum, **data))


@transaction.atomic
def create_opportunity_space(*, by, organisation, data: dict) -> OpportunitySpace:
    return _saved(OpportunitySpace(organisation=organisation, created_by=by, **data))


@transaction.atomic
def update_opportunity_space(*, by, space, data: dict, seen_version: str = "") -> OpportunitySpace:
    check_version(space, seen_version)
    for name, value in data.items():
        setattr(space, name, value)
    return _saved(space)


@transaction.atomic
def link_evidence(*, by, source: str, object_id: int, opportunity_space=None, barrier=None):
    """Cite an insight the user may read; refuses private and invisible insights."""
    insight = sources.linkable_insight_for(by, source, object_id)
    target = {"opportunity_space": opportunity_space} if opportunity_space else {"barrier": barrier}
    if EvidenceLink.objects.filter(source=insight.source, object_id=insight.pk, **target).exists():
        raise ValidationError(_("Indsigten er allerede koblet på som evidens."))
    return _saved(EvidenceLink(source=insight.source, object_id=insight.pk, linked_by=by, **target))


@transaction.atomic
def unlink_evidence(*, by, link) -> None:
    link.delete()


@transaction.atomic
def register_barrier(*, by, organisation, data: dict) -> Barrier:
    return _saved(Barrier(organisation=organisation, registered_by=by, **data))


@transaction.atomic
def propose_agenda_item(
    *, by, forum, meeting=None, opportunity_space=None, barrier=None, note: str = ""
) -> AgendaItem:
    """Take an opportunity space or a barrier to a forum; an escalated barrier stays visible
    (status "sendt til ledelsesrum") until a final decision resolves it."""
    if meeting is not None and meeting.forum_id != forum.pk:
        raise ValidationError(_("Mødet hører til et andet ledelsesrum."))
    if barrier is not None and barrier.status == BarrierStatus.RESOLVED:
        raise ValidationError(_("Barrieren er allerede løst og kan ikke sendes videre igen."))
    subject = (
        {"opportunity_space": opportunity_space} if opportunity_space else {"barrier": barrier}
    )
    open_items = AgendaItem.objects.filter(forum=forum, decisions__isnull=True, **subject)
    if open_items.exists():
        raise ValidationError(
            _("Punktet står allerede på ledelsesrummets dagsorden og venter på en beslutning.")
        )
    item = _saved(
        AgendaItem(forum=forum, meeting=meeting, note=note.strip(), proposed_by=by, **subject)
    )
    if barrier is not None and barrier.status == BarrierStatus.OPEN:
        barrier.status = BarrierStatus.ESCALATED
        barrier.save(update_fields=["status", "updated_at"])
    return item


@transaction.atomic
def place_on_meeting(*, by, item, meeting) -> AgendaItem:
    if meeting.forum_id != item.forum_id:
        raise ValidationError(_("Mødet hører til et andet ledelsesrum."))
    item.meeting = meeting
    item.save(update_fields=["meeting", "updated_at"])
    return item


def _refuse_unanswered_t_check(decision):
    missing = decision.missing_t_check()
    if missing:
        raise ValidationError(
            _(
                "Beslutningen kan ikke gøres endelig, før det T-formede tjek er besvaret. "
                "Mangler: %(missing)s. Gem den som kladde, eller besvar spørgsmålene. "
                "Intet er ændret."
            )
            % {"missing": "; ".join(missing)}
        )


@transaction.atomic
def save_decision(
    *, by, agenda_item, data: dict, decision=None, finalise: bool = False, seen_version: str = ""
):
    """Save a decision as a draft, or finalise it. Finalising needs all three answers of the
    T-shaped check; a refusal changes nothing, not even the draft."""
    if decision is not None:
        check_version(decision, seen_version)
    if decision is not None and decision.is_final:
        raise ValidationError(
            _("Beslutningen er endelig og kan ikke ændres. Opdatér opfølgningen i stedet.")
        )
    if agenda_item.meeting_id is None:
        raise ValidationError(
            _("Sæt punktet på et møde, før ledelsesrummet kan træffe en beslutning om det.")
        )
    decision = decision or Decision(agenda_item=agenda_item, recorded_by=by)
    for name in DECISION_FIELDS:
        if name in data:
            setattr(
                decision, name, data[name].strip() if isinstance(data[name], str) else data[name]
            )
    if "resolves_barrier" in data:
        decision.resolves_barrier = bool(data["resolves_barrier"] and agenda_item.barrier_id)
    if (
        decision.owner_id
        and not agenda_item.forum.members.filter(user_id=decision.owner_id).exists()
    ):
        raise ValidationError(_("Den ansvarlige skal være medlem af ledelsesrummet."))
    if finalise:
        _refuse_unanswered_t_check(decision)
        decision.is_final, decision.finalised_at, decision.finalised_by = True, timezone.now(), by
    decision = _saved(decision)
    if finalise and decision.resolves_barrier:
        barrier = Barrier.objects.select_for_update().get(pk=agenda_item.barrier_id)
        barrier.status, barrier.resolved_by = BarrierStatus.RESOLVED, decision
        barrier.save(update_fields=["status", "resolved_by", "updated_at"])
    return decision


@transaction.atomic
def finalise_decision(*, by, decision, seen_version: str = "") -> Decision:
    """Finalise the draft as the user last saw it: a draft changed since is refused."""
    return save_decision(
        by=by,
        agenda_item=decision.agenda_item,
        data={},
        decision=decision,
        finalise=True,
        seen_version=seen_version,
    )


@transaction.atomic
def update_follow_up(*, by, decision, follow_up: str, seen_version: str = "") -> Decision:
    check_version(decision, seen_version)
    if not decision.is_final:
        raise ValidationError(_("Gør beslutningen endelig, før opfølgningen registreres."))
    decision.follow_up = follow_up
    return _saved(decision)
