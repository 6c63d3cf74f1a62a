"""Equal partnerships in the API: rounds, candidates, match-making, partnerships, meetings.

Thin: the pages' QuerySets, permission predicates and actions. Small matching solves finish
in the request; large ones are queued as the existing background task (202) and the run is
polled at its URL.
"""

from contextlib import nullcontext
from datetime import date, datetime, time
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from samskab.api.errors import conflict_on_refusal
from samskab.api.lists import Id, OrderedFilter, Page, PathId, log_page
from samskab.core.actions import log_access
from samskab.core.concurrency import VERSION_HELP, seen_version_from, version_of
from samskab.core.models import AccessAction
from samskab.core.pages import require
from samskab.core.text import FreeText, Line
from samskab.people.models import Citizen, ConsentPurpose, Organisation

from . import actions, lifecycle
from .models import (
    AVAILABILITY_SLOTS,
    Activity,
    CandidateStatus,
    ExperienceExpert,
    Leader,
    MatchingRun,
    Partnership,
    PartnershipState,
    Round,
    RunStatus,
)
from .permissions import (
    can_manage_partnership,
    can_register_meeting,
    can_view_expert_needs,
    can_view_leader_needs,
    facilitator_organisation_ids,
    get_partnership_for,
    get_round_for,
    is_facilitator,
    is_leader,
    is_party,
)
from .views.partnerships import PARTY_EVENTS

router = Router(tags=["partnerships"])

Slot = Literal[tuple(code for code, _label in AVAILABILITY_SLOTS)]


# Rounds -------------------------------------------------------------------------------


class RoundOut(Schema):
    id: int
    organisation_id: int
    theme: str
    description: str
    starts_on: date
    ends_on: date
    honorarium_rate: Decimal
    expected_meetings_min: int
    expected_meetings_max: int
    is_open_for_registration: bool


class RoundIn(Schema):
    theme: str = Field(..., min_length=1, max_length=200)
    description: FreeText = ""
    starts_on: date
    ends_on: date
    honorarium_rate: Decimal = Field(..., ge=0, max_digits=8, decimal_places=2)
    expected_meetings_min: int = Field(2, ge=0, le=100)
    expected_meetings_max: int = Field(3, ge=0, le=100)
    is_open_for_registration: bool = True
    organisation_id: Id | None = Field(
        None, description="Facilitating organisation; default: your first."
    )


class RoundFilter(OrderedFilter):
    is_open_for_registration: bool | None = None
    ordering: Literal["starts_on", "-starts_on", "theme", "-theme"] | None = None
    DEFAULT_ORDERING = ("-starts_on", "theme")


@router.get("/rounds", response=list[RoundOut], summary="Rounds you facilitate")
@paginate(Page)
def round_list(request, filters: Query[RoundFilter]):
    return filters.filter(Round.objects.visible_to(request.user))


@router.get("/open-rounds", response=list[RoundOut], summary="Rounds open for registration")
@paginate(Page)
def open_round_list(request, filters: Query[RoundFilter]):
    return filters.filter(Round.objects.open_for_registration())


@router.post("/rounds", response={201: RoundOut})
def round_create(request, payload: RoundIn):
    require(is_facilitator, request.user)
    allowed = facilitator_organisation_ids(request.user)
    organisation_id = payload.organisation_id or min(allowed)
    if organisation_id not in allowed:
        raise Http404
    round_ = actions.create_round(
        by=request.user,
        organisation=Organisation.objects.get(pk=organisation_id),
        data=payload.dict(exclude={"organisation_id"}),
    )
    return Status(201, round_)


@router.get("/rounds/{int:pk}", response=RoundOut)
def round_detail(request, pk: PathId):
    return get_round_for(request.user, pk)


# Candidates ---------------------------------------------------------------------------


class ProfileIn(Schema):
    themes: list[Line] = Field(default_factory=list, max_length=50)
    interests: list[Line] = Field(default_factory=list, max_length=50)
    availability: list[Slot] = Field(default_factory=list)
    accessibility_needs: FreeText = ""


class ExpertIn(ProfileIn):
    has_timing: bool
    has_desire: bool
    understands_not_treatment: bool
    motivation: FreeText = ""
    display_name: str | None = Field(
        None,
        max_length=100,
        description="Facilitators registering someone new: the citizen's pseudonym. "
        "Omit when a citizen registers themself.",
    )
    consent_contact: bool = False
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)


class LeaderIn(ProfileIn):
    has_will: bool
    has_belief: bool
    has_care: bool
    has_understanding: bool
    has_time: bool


class CandidateOut(Schema):
    id: int
    round_id: int
    status: str
    is_available: bool
    themes: list[str]
    interests: list[str]
    availability: list[str]
    accessibility_needs: str


class ExpertOut(CandidateOut):
    citizen_id: int
    display_name: str

    @staticmethod
    def resolve_display_name(obj):
        return obj.citizen.display_name


class LeaderOut(CandidateOut):
    user_id: int
    organisation_id: int
    job_title: str
    name: str

    @staticmethod
    def resolve_name(obj):
        return str(obj)


class ReviewIn(Schema):
    status: Literal[CandidateStatus.APPROVED.value, CandidateStatus.REJECTED.value]


PROFILE_FIELDS = ["themes", "interests", "availability", "accessibility_needs"]


class CandidateFilter(OrderedFilter):
    status: CandidateStatus | None = None
    ordering: Literal["created_at", "-created_at"] | None = None
    DEFAULT_ORDERING = ("created_at",)


@router.get("/rounds/{int:pk}/experts", response=list[ExpertOut])
@paginate(Page)
def expert_list(request, pk: PathId, filters: Query[CandidateFilter]):
    round_ = get_round_for(request.user, pk)
    log_page(
        request,
        purpose=gettext_noop("Rundeoversigt og match-making"),
        citizen_id_of=lambda e: e.citizen_id,
    )
    return filters.filter(round_.experienceexperts.select_related("citizen"))


@router.get("/rounds/{int:pk}/leaders", response=list[LeaderOut])
@paginate(Page)
def leader_list(request, pk: PathId, filters: Query[CandidateFilter]):
    round_ = get_round_for(request.user, pk)
    return filters.filter(round_.leaders.select_related("user"))


def _open_round(pk):
    round_ = Round.objects.open_for_registration().filter(pk=pk).first()
    if round_ is None:
        raise Http404
    return round_


@router.post("/rounds/{int:pk}/experts", response={201: ExpertOut})
def expert_register(request, pk: PathId, payload: ExpertIn):
    """A citizen registers themself; a facilitator of the round registers someone new."""
    data = payload.dict()
    profile = {
        f: data[f]
        for f in (*PROFILE_FIELDS, "has_timing", "has_desire", "understands_not_treatment")
    }
    profile["motivation"] = data["motivation"]
    own = Citizen.objects.filter(user=request.user).first()
    if own is not None:
        round_ = _open_round(pk)
        expert = actions.register_expert(
            by=request.user,
            round_=round_,
            citizen=own,
            profile=profile,
            consents=[ConsentPurpose.PARTNERSHIP],
        )
    else:
        round_ = get_round_for(request.user, pk)
        if not payload.display_name:
            raise ValidationError(
                {"display_name": _("Skriv borgerens visningsnavn eller initialer.")}
            )
        consents = [ConsentPurpose.REGISTRATION, ConsentPurpose.PARTNERSHIP]
        if payload.consent_contact:
            consents.append(ConsentPurpose.CONTACT)
        expert = actions.register_expert(
            by=request.user,
            round_=round_,
            citizen_data={
                "display_name": payload.display_name,
                "email": payload.email,
                "phone": payload.phone,
            },
            consents=consents,
            profile=profile,
        )
    return Status(201, expert)


@router.post("/rounds/{int:pk}/leaders", response={201: LeaderOut})
def leader_register(request, pk: PathId, payload: LeaderIn):
    require(is_leader, request.user)
    round_ = _open_round(pk)
    leader = actions.register_leader(by=request.user, round_=round_, profile=payload.dict())
    return Status(201, leader)


@router.post("/rounds/{int:pk}/experts/{int:expert_pk}/review", response=ExpertOut)
def expert_review(request, pk: PathId, expert_pk: PathId, payload: ReviewIn):
    round_ = get_round_for(request.user, pk)
    expert = get_object_or_404(
        ExperienceExpert.objects.select_related("citizen"), pk=expert_pk, round=round_
    )
    return actions.review_candidate(by=request.user, candidate=expert, status=payload.status)


@router.post("/rounds/{int:pk}/leaders/{int:leader_pk}/review", response=LeaderOut)
def leader_review(request, pk: PathId, leader_pk: PathId, payload: ReviewIn):
    round_ = get_round_for(request.user, pk)
    leader = get_object_or_404(Leader.objects.select_related("user"), pk=leader_pk, round=round_)
    return actions.review_candidate(by=request.user, candidate=leader, status=payload.status)


# Matching -----------------------------------------------------------------------------


class PairOut(Schema):
    expert: int
    leader: int
    score: float
    reasons: list[str]
    locked: bool


class RunOut(Schema):
    id: int
    round_id: int
    status: str
    progress: int
    expert_count: int
    leader_count: int
    total_score: float
    error: str
    pairs: list[PairOut]
    finished_at: datetime | None


@router.post("/rounds/{int:pk}/matching-runs", response={201: RunOut, 202: RunOut})
def matching_run(request, pk: PathId):
    """Solve the matching: small rounds at once (201), large ones in the background (202)."""
    round_ = get_round_for(request.user, pk)
    run = actions.run_matching(by=request.user, round_=round_)
    return Status(202 if run.status == RunStatus.QUEUED else 201, run)


@router.get("/rounds/{int:pk}/matching-runs/{int:run_pk}", response=RunOut)
def matching_run_detail(request, pk: PathId, run_pk: PathId):
    round_ = get_round_for(request.user, pk)
    return get_object_or_404(MatchingRun, pk=run_pk, round=round_)


# Partnerships -------------------------------------------------------------------------


NEEDS_HELP = (
    "The %(party)s's meeting needs, as on the page: null for the other party outside the "
    "kick-off, meetings and wrap-up phases (the facilitator and the %(party)s always see them)."
)


class PartnershipOut(Schema):
    id: int
    round_id: int
    expert_id: int
    leader_id: int
    expert_name: str
    leader_name: str
    state: str
    match_reasons: list[str]
    agreement: str
    shared_task: str
    kickoff_on: date | None
    state_reason: str
    state_changed_at: datetime
    version: str
    expert_accessibility_needs: str | None = Field(
        None, description=NEEDS_HELP % {"party": "expert"}
    )
    leader_accessibility_needs: str | None = Field(
        None, description=NEEDS_HELP % {"party": "leader"}
    )

    @staticmethod
    def resolve_expert_name(obj):
        return obj.expert.citizen.display_name

    @staticmethod
    def resolve_version(obj):
        return version_of(obj)

    @staticmethod
    def resolve_leader_name(obj):
        return str(obj.leader)

    @staticmethod
    def resolve_expert_accessibility_needs(obj, context):
        user = context["request"].user
        return obj.expert.accessibility_needs if can_view_expert_needs(user, obj) else None

    @staticmethod
    def resolve_leader_accessibility_needs(obj, context):
        user = context["request"].user
        return obj.leader.accessibility_needs if can_view_leader_needs(user, obj) else None


@router.post(
    "/rounds/{int:pk}/matching-runs/{int:run_pk}/confirm", response={201: list[PartnershipOut]}
)
def matching_confirm(request, pk: PathId, run_pk: PathId):
    round_ = get_round_for(request.user, pk)
    run = get_object_or_404(MatchingRun, pk=run_pk, round=round_)
    with conflict_on_refusal():
        created = actions.confirm_matching(by=request.user, run=run)
    return Status(
        201,
        list(
            Partnership.objects.filter(round=round_, expert__in=[p.expert_id for p in created])
            .exclude(state=PartnershipState.DECLINED)
            .select_related("expert__citizen", "leader__user")
            .order_by("pk")
        ),
    )


class PartnershipFilter(OrderedFilter):
    state: PartnershipState | None = None
    round_id: Id | None = None
    ordering: Literal["state_changed_at", "-state_changed_at", "pk", "-pk"] | None = None
    DEFAULT_ORDERING = ("round", "pk")

    def filter_round_id(self, value):
        return Q(round_id=value) if value is not None else Q()


@router.get("/partnerships", response=list[PartnershipOut], summary="Partnerships you may see")
@paginate(Page)
def partnership_list(request, filters: Query[PartnershipFilter]):
    log_page(
        request,
        purpose=gettext_noop("Oversigt over partnerskaber"),
        citizen_id_of=lambda p: p.expert.citizen_id,
    )
    # Citizens and users are fetched for the page only: joining them into the list query
    # made PostgreSQL scan all citizens of the nation for every page.
    return filters.filter(
        Partnership.objects.visible_to(request.user)
        .select_related("round", "expert", "leader")
        .prefetch_related("expert__citizen", "leader__user")
    )


def _read(request, partnership, purpose):
    log_access(
        by=request.user,
        action=AccessAction.READ,
        obj=partnership,
        citizen_id=partnership.expert.citizen_id,
        purpose=purpose,
    )


@router.get("/partnerships/{int:pk}", response=PartnershipOut)
def partnership_detail(request, pk: PathId):
    partnership = get_partnership_for(request.user, pk)
    _read(request, partnership, gettext_noop("Partnerskabets side"))
    return partnership


class TransitionIn(Schema):
    event: Literal[tuple(name for name in lifecycle.EVENTS if name != "hold_kickoff")]
    reason: FreeText = ""
    accept_warnings: bool = False


@router.post("/partnerships/{int:pk}/transitions", response=PartnershipOut)
def partnership_transition(request, pk: PathId, payload: TransitionIn):
    """Move the partnership through its lifecycle; an illegal move is 409."""
    partnership = get_partnership_for(request.user, pk)
    if payload.event in PARTY_EVENTS:
        require(is_party, request.user, partnership)
    else:
        require(can_manage_partnership, request.user, partnership)
    with conflict_on_refusal():
        actions.transition(
            by=request.user,
            partnership=partnership,
            event=payload.event,
            reason=payload.reason,
            accept_warnings=payload.accept_warnings,
        )
    return get_partnership_for(request.user, pk)


class KickoffIn(Schema):
    agreement: FreeText
    shared_task: FreeText
    kickoff_on: date | None = None
    version: str | None = Field(None, max_length=64, description=VERSION_HELP)


@router.post("/partnerships/{int:pk}/kickoff", response=PartnershipOut)
def partnership_kickoff(request, pk: PathId, payload: KickoffIn):
    partnership = get_partnership_for(request.user, pk)
    require(can_manage_partnership, request.user, partnership)
    with conflict_on_refusal():
        actions.record_kickoff(
            by=request.user,
            partnership=partnership,
            seen_version=seen_version_from(request, payload.version),
            **payload.dict(exclude={"version"}),
        )
    return get_partnership_for(request.user, pk)


class PartnershipMeetingIn(Schema):
    activity: Activity
    activity_text: str = Field("", max_length=200)
    held_on: date
    starts_at: time | None = None
    place: str = Field(..., min_length=1, max_length=200)
    duration_hours: Decimal = Field(..., ge=Decimal("0.5"), le=12, max_digits=4, decimal_places=1)


class PartnershipMeetingOut(Schema):
    id: int
    partnership_id: int
    activity: str
    activity_text: str
    held_on: date
    starts_at: str | None = Field(None, pattern=r"^\d{2}:\d{2}$", description="Local time, HH:MM")
    place: str
    duration_hours: Decimal

    @staticmethod
    def resolve_starts_at(obj):
        # JSON Schema's "time" format demands a UTC offset; a meeting's time is local.
        return obj.starts_at.strftime("%H:%M") if obj.starts_at else None


class PartnershipMeetingFilter(OrderedFilter):
    activity: Activity | None = None
    ordering: Literal["held_on", "-held_on"] | None = None
    DEFAULT_ORDERING = ("held_on", "starts_at")


@router.get("/partnerships/{int:pk}/meetings", response=list[PartnershipMeetingOut])
@paginate(Page)
def meeting_list(request, pk: PathId, filters: Query[PartnershipMeetingFilter]):
    partnership = get_partnership_for(request.user, pk)
    log_page(
        request,
        purpose=gettext_noop("Partnerskabets møder"),
        citizen_id_of=lambda _m: partnership.expert.citizen_id,
    )
    return filters.filter(partnership.meetings.all())


@router.post("/partnerships/{int:pk}/meetings", response={201: PartnershipMeetingOut})
def meeting_create(request, pk: PathId, payload: PartnershipMeetingIn):
    partnership = get_partnership_for(request.user, pk)
    require(can_register_meeting, request.user, partnership)
    data = payload.dict()
    data["activity"] = str(payload.activity.value)
    # Outside the meetings phase the refusal is about state (409); otherwise about input.
    in_phase = partnership.state == PartnershipState.MEETINGS
    with nullcontext() if in_phase else conflict_on_refusal():
        meeting = actions.register_meeting(by=request.user, partnership=partnership, data=data)
    return Status(201, meeting)
