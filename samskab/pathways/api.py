"""Coherent citizen pathways in the API: teams, pathways, meetings, learning captures and
the citizen's ratings. Thin: the pages' QuerySets, permission predicates and actions."""

from contextlib import nullcontext
from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from samskab.api.errors import conflict_on_refusal
from samskab.api.lists import Id, OrderedFilter, Page, PathId, log_page
from samskab.core.models import Perspective
from samskab.core.pages import require
from samskab.core.text import FreeText
from samskab.people.models import Citizen, StaffMember

from . import actions
from .charts import MIN_CITIZENS, leader_min_ratings, monthly_summaries
from .models import (
    RATING_ITEMS,
    LearningCapture,
    MeetingRating,
    Pathway,
    PathwayStatus,
    PracticeElement,
    Team,
)
from .permissions import (
    can_change_pathway,
    can_hand_over_rating,
    can_open_pathway,
    can_record_capture,
    get_meeting_for,
    get_pathway_for,
    get_team_for,
    team_roles_of,
)

router = Router(tags=["pathways"])


class TeamOut(Schema):
    id: int
    organisation_id: int
    name: str
    description: str


class TeamFilter(OrderedFilter):
    ordering: Literal["name", "-name"] | None = None
    DEFAULT_ORDERING = ("name",)


@router.get("/teams", response=list[TeamOut], summary="Teams you belong to or lead")
@paginate(Page)
def team_list(request, filters: Query[TeamFilter]):
    return filters.filter(Team.objects.visible_to(request.user))


@router.get("/teams/{int:pk}", response=TeamOut)
def team_detail(request, pk: PathId):
    return get_team_for(request.user, pk)


class RatingPeriodOut(Schema):
    month: str = Field(..., description="YYYY-MM")
    ratings: int | None = Field(..., description="null: fewer than min_ratings")
    median: float | None = Field(..., description='Median "alt i alt"; null when suppressed')
    is_suppressed: bool


class RatingPeriodsOut(Schema):
    team_id: int
    min_ratings: int
    min_citizens: int
    periods: list[RatingPeriodOut]


@router.get(
    "/teams/{int:pk}/rating-periods",
    response=RatingPeriodsOut,
    summary="The team's meeting ratings per month: counts and medians only",
)
def team_rating_periods(request, pk: PathId):
    """What a leader sees on the team page: per month the number of ratings and the median,
    suppressed below the minimum; never a single rating (those are for the team, per pathway)."""
    team = get_team_for(request.user, pk)
    periods = monthly_summaries(MeetingRating.objects.filter(meeting__pathway__team=team))
    return {
        "team_id": team.pk,
        "min_ratings": leader_min_ratings(),
        "min_citizens": MIN_CITIZENS,
        "periods": [
            {
                "month": f"{p.month:%Y-%m}",
                "ratings": p.shown_count,
                "median": p.median,
                "is_suppressed": p.is_suppressed,
            }
            for p in periods
        ],
    }


class PathwayOut(Schema):
    id: int
    team_id: int
    citizen_id: int
    rationale: str
    citizen_goals: str
    status: str
    opened_on: date
    closed_on: date | None


class PathwayIn(Schema):
    team_id: Id
    citizen_id: Id
    rationale: FreeText = Field(..., min_length=1)
    citizen_goals: FreeText = ""


class GoalsIn(Schema):
    citizen_goals: FreeText


class PathwayFilter(OrderedFilter):
    status: PathwayStatus | None = None
    team_id: Id | None = None
    ordering: Literal["opened_on", "-opened_on"] | None = None
    DEFAULT_ORDERING = ("-opened_on",)


@router.get("/pathways", response=list[PathwayOut], summary="Pathways you may see")
@paginate(Page)
def pathway_list(request, filters: Query[PathwayFilter]):
    log_page(request, purpose=gettext_noop("Oversigt over borgerforløb"), citizen_id_of=_citizen_id)
    return filters.filter(Pathway.objects.visible_to(request.user))


def _citizen_id(pathway):
    return pathway.citizen_id


@router.post("/pathways", response={201: PathwayOut}, summary="Open a pathway (trial action)")
def pathway_create(request, payload: PathwayIn):
    team = get_team_for(request.user, payload.team_id)
    require(can_open_pathway, request.user, team)
    citizen = (
        Citizen.objects.visible_to(request.user)
        .filter(organisation=team.organisation_id, pk=payload.citizen_id)
        .first()
    )
    if citizen is None:
        raise Http404
    pathway = actions.open_pathway(
        by=request.user,
        team=team,
        citizen=citizen,
        rationale=payload.rationale,
        citizen_goals=payload.citizen_goals,
    )
    return Status(201, pathway)


@router.get("/pathways/{int:pk}", response=PathwayOut)
def pathway_detail(request, pk: PathId):
    pathway = get_pathway_for(request.user, pk)
    is_team = can_change_pathway(request.user, pathway)
    actions.record_pathway_read(
        by=request.user,
        pathway=pathway,
        purpose=gettext_noop("Borgerforløb") if is_team else gettext_noop("Borgerens eget forløb"),
    )
    return pathway


def _changeable(request, pk):
    pathway = get_pathway_for(request.user, pk)
    require(can_change_pathway, request.user, pathway)
    return pathway


@router.put("/pathways/{int:pk}/goals", response=PathwayOut)
def pathway_goals(request, pk: PathId, payload: GoalsIn):
    pathway = _changeable(request, pk)
    with conflict_on_refusal() if not pathway.is_open else nullcontext():
        return actions.update_pathway_goals(
            by=request.user, pathway=pathway, citizen_goals=payload.citizen_goals
        )


@router.post("/pathways/{int:pk}/close", response=PathwayOut)
def pathway_close(request, pk: PathId):
    pathway = _changeable(request, pk)
    with conflict_on_refusal():
        return actions.close_pathway(by=request.user, pathway=pathway)


# Meetings -----------------------------------------------------------------------------


class MeetingOut(Schema):
    id: int
    pathway_id: int
    held_on: date
    with_citizen: bool
    participant_ids: list[int]
    other_participants: str
    supervisor_present: bool
    agenda: str
    minutes: str
    has_learning_capture: bool
    has_rating: bool

    @staticmethod
    def resolve_participant_ids(obj):
        return sorted(p.pk for p in obj.participants.all())

    @staticmethod
    def resolve_has_learning_capture(obj):
        return hasattr(obj, "learning_capture")

    @staticmethod
    def resolve_has_rating(obj):
        return hasattr(obj, "rating")


class MeetingIn(Schema):
    held_on: date
    with_citizen: bool = True
    participant_ids: list[Id] = Field(default_factory=list, max_length=100)
    other_participants: str = Field("", max_length=300)
    supervisor_present: bool = False
    agenda: FreeText = ""
    minutes: FreeText = ""


class MeetingFilter(OrderedFilter):
    with_citizen: bool | None = None
    ordering: Literal["held_on", "-held_on"] | None = None
    DEFAULT_ORDERING = ("-held_on",)


@router.get("/pathways/{int:pk}/meetings", response=list[MeetingOut])
@paginate(Page)
def meeting_list(request, pk: PathId, filters: Query[MeetingFilter]):
    pathway = _changeable(request, pk)
    log_page(
        request,
        purpose=gettext_noop("Møde i borgerforløb"),
        citizen_id_of=lambda _m: pathway.citizen_id,
    )
    return filters.filter(
        pathway.meetings.select_related("learning_capture", "rating").prefetch_related(
            "participants"
        )
    )


@router.post("/pathways/{int:pk}/meetings", response={201: MeetingOut})
def meeting_create(request, pk: PathId, payload: MeetingIn):
    pathway = _changeable(request, pk)
    participants = list(StaffMember.objects.filter(pk__in=payload.participant_ids))
    if len(participants) != len(set(payload.participant_ids)):
        raise ValidationError(_("Vælg kun deltagere, der er medlemmer af teamet."))
    data = payload.dict(exclude={"participant_ids"})
    with conflict_on_refusal() if not pathway.is_open else nullcontext():
        meeting = actions.record_meeting(
            by=request.user, pathway=pathway, data=data, participants=participants
        )
    return Status(201, meeting)


@router.get("/meetings/{int:pk}", response=MeetingOut)
def meeting_detail(request, pk: PathId):
    meeting = get_meeting_for(request.user, pk)
    actions.record_reads(
        by=request.user,
        objs=[meeting],
        purpose=gettext_noop("Møde i borgerforløb"),
        citizen_id_of=lambda m: meeting.pathway.citizen_id,
    )
    return meeting


# Learning captures and ratings ----------------------------------------------------------


class CaptureOut(Schema):
    id: int
    meeting_id: int
    what_worked: str
    what_next: str
    perspective: str
    practice_element_ids: list[int]

    @staticmethod
    def resolve_practice_element_ids(obj):
        return sorted(e.pk for e in obj.practice_elements.all())


class CaptureIn(Schema):
    what_worked: FreeText = Field(..., min_length=1)
    what_next: FreeText = Field(..., min_length=1)
    perspective: Perspective
    practice_element_ids: list[Id] = Field(default_factory=list, max_length=100)


class CaptureFilter(OrderedFilter):
    perspective: Perspective | None = None
    ordering: Literal["created_at", "-created_at"] | None = None
    DEFAULT_ORDERING = ("-created_at",)


@router.get("/learning-captures", response=list[CaptureOut], summary="Captures of your teams")
@paginate(Page)
def capture_list(request, filters: Query[CaptureFilter]):
    log_page(
        request,
        purpose=gettext_noop("Læringsopsamling efter møde"),
        citizen_id_of=lambda c: c.meeting.pathway.citizen_id,
    )
    captures = (
        LearningCapture.objects.filter(
            meeting__pathway__team_id__in=list(team_roles_of(request.user))
        )
        .select_related("meeting__pathway")
        .prefetch_related("practice_elements")
    )
    return filters.filter(captures)


@router.post("/meetings/{int:pk}/learning-capture", response={201: CaptureOut})
def capture_create(request, pk: PathId, payload: CaptureIn):
    meeting = get_meeting_for(request.user, pk)
    require(can_record_capture, request.user, meeting)
    elements = list(PracticeElement.objects.filter(pk__in=payload.practice_element_ids))
    if len(elements) != len(set(payload.practice_element_ids)):
        raise ValidationError(_("Vælg kun praksiselementer, som teamet afprøver."))
    data = {
        "what_worked": payload.what_worked,
        "what_next": payload.what_next,
        "perspective": str(payload.perspective.value),
    }
    already = LearningCapture.objects.filter(meeting=meeting).exists()
    with conflict_on_refusal() if already else nullcontext():
        capture = actions.record_learning_capture(
            by=request.user, meeting=meeting, data=data, practice_elements=elements
        )
    return Status(201, capture)


class RatingIn(Schema):
    heard: int = Field(..., ge=0, le=10)
    what_matters: int = Field(..., ge=0, le=10)
    way_of_working: int = Field(..., ge=0, le=10)
    overall: int = Field(..., ge=0, le=10)
    comment: FreeText = ""


class RatingOut(Schema):
    id: int
    meeting_id: int
    held_on: date
    heard: int
    what_matters: int
    way_of_working: int
    overall: int
    comment: str

    @staticmethod
    def resolve_held_on(obj):
        return obj.meeting.held_on


@router.post(
    "/meetings/{int:pk}/rating",
    response={201: RatingOut},
    summary="Record the citizen's own rating of a meeting",
)
def rating_create(request, pk: PathId, payload: RatingIn):
    """The citizen's answers, entered on a team member's device (as the hand-over screen)."""
    meeting = get_meeting_for(request.user, pk)
    require(can_hand_over_rating, request.user, meeting)
    with conflict_on_refusal():
        handover = actions.start_rating_handover(by=request.user, meeting=meeting)
    scores = {item: getattr(payload, item) for item in RATING_ITEMS}
    rating = actions.submit_meeting_rating(
        by=request.user, handover=handover, scores=scores, comment=payload.comment
    )
    return Status(201, rating)


class RatingFilter(OrderedFilter):
    ordering: Literal["created_at", "-created_at"] | None = None
    DEFAULT_ORDERING = ("meeting__held_on",)


@router.get("/pathways/{int:pk}/ratings", response=list[RatingOut])
@paginate(Page)
def rating_list(request, pk: PathId, filters: Query[RatingFilter]):
    """The citizen sees their own ratings; the team sees those of its pathways."""
    pathway = get_pathway_for(request.user, pk)
    log_page(
        request,
        purpose=gettext_noop("Borgerens vurdering af møde"),
        citizen_id_of=lambda _r: pathway.citizen_id,
    )
    return filters.filter(
        MeetingRating.objects.filter(meeting__pathway=pathway).select_related("meeting")
    )
