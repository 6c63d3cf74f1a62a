"""Shared leadership in the API: forums and their meetings, agenda items and decisions (with
the T-shaped check), opportunity spaces and barriers with their evidence, and the trail from
an insight to the decisions it informed. Thin: the pages' QuerySets, permission predicates,
`trail` and actions."""

from contextlib import nullcontext
from datetime import date, datetime
from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from samskab.api.errors import conflict_on_refusal
from samskab.api.lists import Id, OrderedFilter, Page, PathId
from samskab.core.concurrency import VERSION_HELP, seen_version_from, version_of
from samskab.core.pages import require
from samskab.core.text import FreeText
from samskab.insights import sources
from samskab.people.permissions import is_staff_member

from . import actions, trail
from .models import (
    AgendaItem,
    Barrier,
    BarrierStatus,
    Decision,
    EvidenceLink,
    FollowUpStatus,
    Forum,
    OpportunitySpace,
)
from .permissions import (
    can_change_barrier,
    can_change_space,
    can_create_space,
    can_register_barrier,
    can_view_barriers,
    can_view_forum,
    can_view_spaces,
    can_work_in_forum,
    get_barrier_for,
    get_decision_for,
    get_forum_for,
    get_meeting_for,
    get_space_for,
)

router = Router(tags=["leadership"])


# Forums and meetings -------------------------------------------------------------------------


class ForumOut(Schema):
    id: int
    name: str
    purpose: str
    organisation_id: int


class ForumFilter(OrderedFilter):
    ordering: Literal["name", "-name"] | None = None
    DEFAULT_ORDERING = ("name",)


@router.get("/forums", response=list[ForumOut], summary="The forums you are a member of")
@paginate(Page)
def forum_list(request, filters: Query[ForumFilter]):
    return filters.filter(Forum.objects.visible_to(request.user))


@router.get("/forums/{int:pk}", response=ForumOut)
def forum_detail(request, pk: PathId):
    return get_forum_for(request.user, pk)


class ForumMeetingOut(Schema):
    id: int
    forum_id: int
    title: str
    held_on: date
    place: str


class ForumMeetingIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    held_on: date
    place: str = Field("", max_length=200)


class ForumMeetingFilter(OrderedFilter):
    ordering: Literal["held_on", "-held_on"] | None = None
    DEFAULT_ORDERING = ("-held_on",)


@router.get("/forums/{int:pk}/meetings", response=list[ForumMeetingOut])
@paginate(Page)
def meeting_list(request, pk: PathId, filters: Query[ForumMeetingFilter]):
    forum = get_forum_for(request.user, pk)
    return filters.filter(forum.meetings.all())


@router.post("/forums/{int:pk}/meetings", response={201: ForumMeetingOut})
def meeting_create(request, pk: PathId, payload: ForumMeetingIn):
    forum = get_forum_for(request.user, pk)
    require(can_work_in_forum, request.user, forum)
    meeting = actions.schedule_meeting(by=request.user, forum=forum, data=payload.dict())
    return Status(201, meeting)


@router.get("/meetings/{int:pk}", response=ForumMeetingOut)
def meeting_detail(request, pk: PathId):
    return get_meeting_for(request.user, pk)


# Agenda items --------------------------------------------------------------------------------


class AgendaItemOut(Schema):
    id: int
    forum_id: int
    meeting_id: int | None
    opportunity_space_id: int | None
    barrier_id: int | None
    note: str
    decision_ids: list[int]

    @staticmethod
    def resolve_decision_ids(obj):
        return sorted(d.pk for d in obj.decisions.all())


class AgendaItemIn(Schema):
    opportunity_space_id: Id | None = None
    barrier_id: Id | None = None
    note: FreeText = ""


class AgendaFilter(OrderedFilter):
    ordering: Literal["created_at", "-created_at"] | None = None
    DEFAULT_ORDERING = ()


@router.get("/meetings/{int:pk}/agenda", response=list[AgendaItemOut])
@paginate(Page)
def agenda_list(request, pk: PathId, filters: Query[AgendaFilter]):
    meeting = get_meeting_for(request.user, pk)
    return filters.filter(meeting.agenda_items.prefetch_related("decisions"))


@router.post(
    "/meetings/{int:pk}/agenda",
    response={201: AgendaItemOut},
    summary="Put an opportunity space or a barrier on the meeting's agenda",
)
def agenda_add(request, pk: PathId, payload: AgendaItemIn):
    meeting = get_meeting_for(request.user, pk)
    require(can_work_in_forum, request.user, meeting.forum)
    if (payload.opportunity_space_id is None) == (payload.barrier_id is None):
        raise ValidationError(_("Vælg et mulighedsrum eller en barriere."))
    subject = (
        {"opportunity_space": get_space_for(request.user, payload.opportunity_space_id)}
        if payload.opportunity_space_id
        else {"barrier": get_barrier_for(request.user, payload.barrier_id)}
    )
    with conflict_on_refusal():  # already waiting on the agenda, or a resolved barrier
        item = actions.propose_agenda_item(
            by=request.user, forum=meeting.forum, meeting=meeting, note=payload.note, **subject
        )
    return Status(201, item)


@router.post("/meetings/{int:pk}/agenda/{int:item_pk}/place", response=AgendaItemOut)
def agenda_place(request, pk: PathId, item_pk: PathId):
    meeting = get_meeting_for(request.user, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, forum=meeting.forum)
    require(can_work_in_forum, request.user, meeting.forum)
    return actions.place_on_meeting(by=request.user, item=item, meeting=meeting)


# Decisions -----------------------------------------------------------------------------------


class DecisionOut(Schema):
    id: int
    agenda_item_id: int
    title: str
    text: str
    owner_id: int
    due_on: date
    follow_up: FollowUpStatus
    t_shared_task: str
    t_other_sectors: str
    t_citizen_pathway: str
    t_check_missing: list[str]
    resolves_barrier: bool
    is_final: bool
    finalised_at: datetime | None
    version: str

    @staticmethod
    def resolve_t_check_missing(obj):
        return obj.missing_t_check()

    @staticmethod
    def resolve_version(obj):
        return version_of(obj)


class DecisionIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    text: FreeText = Field(..., min_length=1)
    owner_id: Id
    due_on: date
    follow_up: FollowUpStatus = FollowUpStatus.PLANNED
    t_shared_task: FreeText = ""
    t_other_sectors: FreeText = ""
    t_citizen_pathway: FreeText = ""
    resolves_barrier: bool = False


class DecisionUpdateIn(DecisionIn):
    version: str | None = Field(None, max_length=64, description=VERSION_HELP)


def _decision_data(payload: DecisionIn) -> dict:
    owner = get_user_model().objects.filter(pk=payload.owner_id).first()
    if owner is None:
        raise ValidationError(_("Den ansvarlige skal være medlem af ledelsesrummet."))
    data = payload.dict(exclude={"owner_id", "version"})
    data["owner"] = owner
    data["follow_up"] = str(payload.follow_up.value)
    return data


@router.post(
    "/agenda-items/{int:pk}/decisions",
    response={201: DecisionOut},
    summary="Record a decision as a draft",
)
def decision_create(request, pk: PathId, payload: DecisionIn):
    item = (
        AgendaItem.objects.select_related("forum", "meeting", "opportunity_space", "barrier")
        .filter(pk=pk)
        .first()
    )
    if item is None or item.meeting is None or not can_work_in_forum(request.user, item.forum):
        raise Http404
    decision = actions.save_decision(
        by=request.user, agenda_item=item, data=_decision_data(payload)
    )
    return Status(201, decision)


class EvidenceInsightOut(Schema):
    source: str
    object_id: int
    title: str
    text: str
    perspective: str
    practice: str
    created_at: datetime

    @staticmethod
    def resolve_object_id(obj):
        return obj.pk


class EvidenceOut(Schema):
    insights: list[EvidenceInsightOut]
    hidden: int
    lacks_citizen_side: bool
    lacks_system_side: bool


class DecisionDetailOut(DecisionOut):
    evidence: EvidenceOut

    @staticmethod
    def resolve_evidence(obj):
        return obj.evidence_seen


@router.get("/decisions/{int:pk}", response=DecisionDetailOut)
def decision_detail(request, pk: PathId):
    decision = get_decision_for(request.user, pk)
    evidence = trail.resolve(request.user, trail.evidence_links_for_decision(decision))
    trail.log_reads(by=request.user, insights=evidence.insights, purpose=trail.PURPOSE_DECISION)
    decision.evidence_seen = evidence
    return decision


def _workable_decision(request, pk):
    decision = get_decision_for(request.user, pk)
    require(can_work_in_forum, request.user, decision.agenda_item.forum)
    return decision


@router.put("/decisions/{int:pk}", response=DecisionOut, summary="Change a draft decision")
def decision_update(request, pk: PathId, payload: DecisionUpdateIn):
    decision = _workable_decision(request, pk)
    data = _decision_data(payload)
    with conflict_on_refusal() if decision.is_final else nullcontext():
        return actions.save_decision(
            by=request.user,
            agenda_item=decision.agenda_item,
            data=data,
            decision=Decision.objects.get(pk=decision.pk),
            seen_version=seen_version_from(request, payload.version),
        )


@router.post(
    "/decisions/{int:pk}/finalise",
    response=DecisionOut,
    summary="Make the decision final (needs the T-shaped check answered)",
)
def decision_finalise(request, pk: PathId):
    """Send the draft's `version` as an If-Match header to finalise only the draft you read:
    if someone else has saved it since, nothing is written and the answer is 409."""
    decision = _workable_decision(request, pk)
    with conflict_on_refusal():
        return actions.finalise_decision(
            by=request.user, decision=decision, seen_version=seen_version_from(request)
        )


class FollowUpIn(Schema):
    follow_up: FollowUpStatus
    version: str | None = Field(None, max_length=64, description=VERSION_HELP)


@router.put("/decisions/{int:pk}/follow-up", response=DecisionOut)
def decision_follow_up(request, pk: PathId, payload: FollowUpIn):
    decision = _workable_decision(request, pk)
    with conflict_on_refusal():
        return actions.update_follow_up(
            by=request.user,
            decision=decision,
            follow_up=str(payload.follow_up.value),
            seen_version=seen_version_from(request, payload.version),
        )


# Opportunity spaces --------------------------------------------------------------------------


class SpaceOut(Schema):
    id: int
    title: str
    problem_statement: str
    organisation_id: int
    created_at: datetime
    version: str

    @staticmethod
    def resolve_version(obj):
        return version_of(obj)


class SpaceIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    problem_statement: FreeText = Field(..., min_length=1)


class SpaceUpdateIn(SpaceIn):
    version: str | None = Field(None, max_length=64, description=VERSION_HELP)


class SpaceFilter(OrderedFilter):
    organisation_id: Id | None = None
    ordering: Literal["created_at", "-created_at", "title", "-title"] | None = None
    DEFAULT_ORDERING = ("-created_at",)


@router.get("/spaces", response=list[SpaceOut], summary="Opportunity spaces")
@paginate(Page)
def space_list(request, filters: Query[SpaceFilter]):
    require(can_view_spaces, request.user)
    return filters.filter(OpportunitySpace.objects.visible_to(request.user))


@router.post("/spaces", response={201: SpaceOut}, summary="Compose an opportunity space")
def space_create(request, payload: SpaceIn):
    require(can_create_space, request.user)
    space = actions.create_opportunity_space(
        by=request.user,
        organisation=request.user.staff_member.organisation,
        data=payload.dict(),
    )
    return Status(201, space)


class EvidenceLinkOut(Schema):
    id: int
    source: str
    object_id: int


class SpaceDetailOut(SpaceOut):
    evidence: EvidenceOut
    evidence_links: list[EvidenceLinkOut]

    @staticmethod
    def resolve_evidence(obj):
        return obj.evidence_seen


def _with_evidence(request, target, purpose):
    """The evidence as this reader may see it; links to what they may not read are left out."""
    links = list(target.evidence.all())
    evidence = trail.resolve(request.user, links)
    trail.log_reads(by=request.user, insights=evidence.insights, purpose=purpose)
    seen = {insight.key for insight in evidence.insights}
    target.evidence_links = [link for link in links if (link.source, link.object_id) in seen]
    target.evidence_seen = evidence
    return target


@router.get("/spaces/{int:pk}", response=SpaceDetailOut)
def space_detail(request, pk: PathId):
    space = get_space_for(request.user, pk)
    return _with_evidence(request, space, trail.PURPOSE_SPACE)


@router.put("/spaces/{int:pk}", response=SpaceOut)
def space_update(request, pk: PathId, payload: SpaceUpdateIn):
    space = get_space_for(request.user, pk)
    require(can_change_space, request.user, space)
    return actions.update_opportunity_space(
        by=request.user,
        space=space,
        data=payload.dict(exclude={"version"}),
        seen_version=seen_version_from(request, payload.version),
    )


class EvidenceIn(Schema):
    source: str = Field(
        ..., min_length=1, max_length=60, description="e.g. pathways.learningcapture"
    )
    object_id: Id


@router.post(
    "/spaces/{int:pk}/evidence",
    response={201: EvidenceLinkOut},
    summary="Cite an insight you may read as evidence",
)
def space_evidence_add(request, pk: PathId, payload: EvidenceIn):
    space = get_space_for(request.user, pk)
    require(can_change_space, request.user, space)
    link = actions.link_evidence(
        by=request.user,
        source=payload.source,
        object_id=payload.object_id,
        opportunity_space=space,
    )
    return Status(201, link)


@router.delete("/spaces/{int:pk}/evidence/{int:link_pk}", response={204: None})
def space_evidence_remove(request, pk: PathId, link_pk: PathId):
    space = get_space_for(request.user, pk)
    link = get_object_or_404(EvidenceLink, pk=link_pk, opportunity_space=space)
    require(can_change_space, request.user, space)
    actions.unlink_evidence(by=request.user, link=link)
    return Status(204, None)


# Barriers ------------------------------------------------------------------------------------


class BarrierOut(Schema):
    id: int
    title: str
    description: str
    consequence: str
    organisation_id: int
    team_id: int | None
    project_id: int | None
    status: BarrierStatus
    resolved_by_id: int | None
    created_at: datetime


class BarrierIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: FreeText = Field(..., min_length=1)
    consequence: FreeText = ""


class BarrierFilter(OrderedFilter):
    status: BarrierStatus | None = None
    ordering: Literal["created_at", "-created_at", "title", "-title"] | None = None
    DEFAULT_ORDERING = ("-created_at",)


@router.get("/barriers", response=list[BarrierOut], summary="Barriers from practice")
@paginate(Page)
def barrier_list(request, filters: Query[BarrierFilter]):
    require(can_view_barriers, request.user)
    return filters.filter(Barrier.objects.visible_to(request.user))


@router.post("/barriers", response={201: BarrierOut}, summary="Register a barrier")
def barrier_create(request, payload: BarrierIn):
    require(can_register_barrier, request.user)
    barrier = actions.register_barrier(
        by=request.user,
        organisation=request.user.staff_member.organisation,
        data=payload.dict(),
    )
    return Status(201, barrier)


class BarrierDetailOut(BarrierOut):
    evidence: EvidenceOut
    evidence_links: list[EvidenceLinkOut]

    @staticmethod
    def resolve_evidence(obj):
        return obj.evidence_seen


@router.get("/barriers/{int:pk}", response=BarrierDetailOut)
def barrier_detail(request, pk: PathId):
    barrier = get_barrier_for(request.user, pk)
    return _with_evidence(request, barrier, trail.PURPOSE_BARRIER)


@router.post("/barriers/{int:pk}/evidence", response={201: EvidenceLinkOut})
def barrier_evidence_add(request, pk: PathId, payload: EvidenceIn):
    barrier = get_barrier_for(request.user, pk)
    require(can_change_barrier, request.user, barrier)
    link = actions.link_evidence(
        by=request.user, source=payload.source, object_id=payload.object_id, barrier=barrier
    )
    return Status(201, link)


# The trail from an insight -------------------------------------------------------------------


class TrailDecisionOut(Schema):
    id: int
    title: str
    forum: str
    finalised_at: datetime | None
    is_final: bool
    may_open: bool


class TrailOut(Schema):
    source: str
    object_id: int
    decisions: list[TrailDecisionOut]


@router.get(
    "/trail/{source}/{int:pk}",
    response=TrailOut,
    summary="The decisions an insight informed (a citizen: their own insight)",
)
def insight_trail(request, source: str, pk: PathId):
    insight = sources.get_insight_for(request.user, source, pk)
    is_staff = is_staff_member(request.user)
    if insight.is_private or (not is_staff and insight.author_id != request.user.pk):
        raise Http404
    trail.log_reads(by=request.user, insights=[insight], purpose=trail.PURPOSE_TRAIL)
    decisions = list(trail.decisions_informed_by(insight))
    return {
        "source": insight.source,
        "object_id": insight.pk,
        "decisions": [
            {
                "id": decision.pk,
                "title": decision.title,
                "forum": decision.agenda_item.forum.name,
                "finalised_at": decision.finalised_at,
                "is_final": decision.is_final,
                "may_open": bool(
                    is_staff and can_view_forum(request.user, decision.agenda_item.forum)
                ),
            }
            for decision in decisions
        ],
    }
