"""The Esbjerg model in the API: leadership-compass rounds and their aggregated results,
readiness assessments, stepwise rollouts with unit memberships and their effect evaluation.
Thin: the pages' QuerySets, permission predicates, actions and result functions."""

from contextlib import nullcontext
from datetime import date
from typing import Annotated, Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from samskab.api.errors import conflict_on_refusal
from samskab.api.lists import Id, OrderedFilter, Page, PathId
from samskab.core.pages import require
from samskab.core.text import FreeText
from samskab.outcomes.evaluation import min_group_size
from samskab.outcomes.models import Measure
from samskab.people.models import Citizen, Organisation, Unit

from . import actions, results, rollouts
from .models import (
    SUPPORTS,
    Answer,
    CompassResponse,
    CompassRound,
    ReadinessAssessment,
    Rollout,
    UnitMembership,
)
from .permissions import (
    can_create_rollout,
    can_manage_memberships,
    can_manage_round,
    get_assessment_for,
    get_rollout_for,
    get_round_for,
)

router = Router(tags=["compass"])

Support = Literal[tuple(s.value for s in SUPPORTS)]


# Compass rounds -----------------------------------------------------------------------


class CompassRoundOut(Schema):
    id: int
    organisation_id: int
    unit_id: int | None
    title: str
    period_start: date
    period_end: date
    is_open: bool


class CompassRoundIn(Schema):
    organisation_id: Id
    unit_id: Id | None = None
    title: str = Field(..., min_length=1, max_length=200)
    period_start: date
    period_end: date


class GroupOut(Schema):
    mean: float | None
    n: int
    is_hidden: bool


class SupportResultOut(Schema):
    support: str
    leader: GroupOut
    employee: GroupOut
    gap: float | None


class CompassResultOut(Schema):
    round: CompassRoundOut
    results_shown: bool = Field(
        ...,
        description="False while the round is open: then only the respondents per group are "
        "given, and every mean is null, so comparing two calls reveals no one's answer.",
    )
    respondents: dict[str, int]
    hidden_roles: list[str]
    min_respondents: int
    supports: list[SupportResultOut]


class CompassResponseIn(Schema):
    scores: dict[Support, Annotated[int, Field(ge=1, le=5)]] = Field(
        ..., description="A score 1–5 for each of the six supports"
    )
    comments: dict[Support, FreeText] = Field(default_factory=dict)


class CompassRoundFilter(OrderedFilter):
    is_open: bool | None = None
    ordering: Literal["period_start", "-period_start", "title", "-title"] | None = None
    DEFAULT_ORDERING = ("-period_start",)


@router.get("/rounds", response=list[CompassRoundOut], summary="Leadership-compass rounds")
@paginate(Page)
def round_list(request, filters: Query[CompassRoundFilter]):
    return filters.filter(CompassRound.objects.visible_to(request.user))


@router.post("/rounds", response={201: CompassRoundOut})
def round_create(request, payload: CompassRoundIn):
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    unit = None
    if payload.unit_id is not None:
        unit = get_object_or_404(Unit, pk=payload.unit_id, organisation=organisation)
    round_ = actions.open_round(
        by=request.user,
        organisation=organisation,
        unit=unit,
        title=payload.title,
        period_start=payload.period_start,
        period_end=payload.period_end,
    )
    return Status(201, round_)


@router.get("/rounds/{int:pk}", response=CompassResultOut, summary="A round and its results")
def round_detail(request, pk: PathId):
    """As on the page: means only for a closed round, and only for groups with at least the
    minimum respondents; an open round gives the respondents per group."""
    round_ = get_round_for(request.user, pk)
    result = results.compass_result(round_)
    return {
        "round": round_,
        "results_shown": result.is_shown,
        "respondents": {str(k): v for k, v in result.respondents.items()},
        "hidden_roles": [str(r) for r in result.hidden_roles],
        "min_respondents": results.MIN_RESPONDENTS,
        "supports": [
            {
                "support": s.support.value,
                "leader": s.leader,
                "employee": s.employee,
                "gap": s.gap,
            }
            for s in result.supports
        ],
    }


@router.post("/rounds/{int:pk}/responses", response={201: dict[str, str]})
def round_answer(request, pk: PathId, payload: CompassResponseIn):
    round_ = get_round_for(request.user, pk)
    # A closed round or a second answer is about state (409); a missing score is input (422).
    answered = CompassResponse.objects.filter(round=round_, respondent=request.user).exists()
    with conflict_on_refusal() if answered or not round_.is_open else nullcontext():
        actions.submit_compass_response(
            by=request.user, round_=round_, scores=payload.scores, comments=payload.comments
        )
    return Status(201, {"status": "ok"})


@router.post("/rounds/{int:pk}/close", response=CompassRoundOut)
def round_close(request, pk: PathId):
    round_ = get_round_for(request.user, pk)
    require(can_manage_round, request.user, round_)
    with conflict_on_refusal():
        return actions.close_round(by=request.user, round_=round_)


# Readiness ----------------------------------------------------------------------------

AnswerValue = Literal[tuple(a.value for a in Answer)]


class ReadinessIn(Schema):
    model_name: str = Field("Esbjerg-modellen", min_length=1, max_length=200)
    source_organisation_id: Id
    receiving_organisation_id: Id
    assessed_on: date
    advantage: AnswerValue
    advantage_evidence: FreeText = ""
    values: AnswerValue
    values_evidence: FreeText = ""
    backing: AnswerValue
    backing_evidence: FreeText = ""
    conditions: AnswerValue
    conditions_evidence: FreeText = ""


def _readiness(assessment):
    cached = getattr(assessment, "_api_result", None)
    if cached is None:
        cached = assessment._api_result = results.readiness_result(assessment)
    return cached


class ReadinessOut(ReadinessIn):
    id: int
    points: int
    max_points: int
    verdict: str
    level: str

    @staticmethod
    def resolve_points(obj):
        return _readiness(obj).points

    @staticmethod
    def resolve_max_points(obj):
        return _readiness(obj).max_points

    @staticmethod
    def resolve_verdict(obj):
        return str(_readiness(obj).verdict)

    @staticmethod
    def resolve_level(obj):
        return _readiness(obj).level


class ReadinessFilter(OrderedFilter):
    ordering: Literal["assessed_on", "-assessed_on"] | None = None
    DEFAULT_ORDERING = ("-assessed_on",)


@router.get("/readiness", response=list[ReadinessOut], summary="Readiness assessments")
@paginate(Page)
def readiness_list(request, filters: Query[ReadinessFilter]):
    return filters.filter(ReadinessAssessment.objects.visible_to(request.user))


@router.post("/readiness", response={201: ReadinessOut})
def readiness_create(request, payload: ReadinessIn):
    for pk in (payload.source_organisation_id, payload.receiving_organisation_id):
        get_object_or_404(Organisation, pk=pk)
    return Status(201, actions.record_readiness(by=request.user, data=payload.dict()))


@router.get("/readiness/{int:pk}", response=ReadinessOut)
def readiness_detail(request, pk: PathId):
    return get_assessment_for(request.user, pk)


# Rollouts and their evaluation -----------------------------------------------------------


class PeriodIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    starts_on: date
    ends_on: date


class RolloutIn(Schema):
    organisation_id: Id
    name: str = Field(..., min_length=1, max_length=200)
    model_name: str = Field("Esbjerg-modellen", min_length=1, max_length=200)
    pilot_unit_ids: list[Id] = Field(..., max_length=100)
    comparison_unit_ids: list[Id] = Field(..., max_length=100)
    baseline_start: date
    baseline_end: date
    pilot_starts_on: date
    follow_up_periods: list[PeriodIn] = Field(..., max_length=20)
    measure_ids: list[Id] = Field(default_factory=list, max_length=50)


class RolloutOut(Schema):
    id: int
    organisation_id: int
    name: str
    model_name: str
    baseline_start: date
    baseline_end: date


class RolloutFilter(OrderedFilter):
    ordering: Literal["name", "-name", "baseline_start", "-baseline_start"] | None = None
    DEFAULT_ORDERING = ("name",)


@router.get("/rollouts", response=list[RolloutOut], summary="Stepwise rollouts")
@paginate(Page)
def rollout_list(request, filters: Query[RolloutFilter]):
    return filters.filter(Rollout.objects.visible_to(request.user))


def _units(organisation, ids):
    units = list(Unit.objects.filter(pk__in=ids, organisation=organisation))
    if len(units) != len(set(ids)):
        raise Http404
    return units


@router.post("/rollouts", response={201: RolloutOut})
def rollout_create(request, payload: RolloutIn):
    require(can_create_rollout, request.user)
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    measures = list(Measure.objects.filter(pk__in=payload.measure_ids))
    if len(measures) != len(set(payload.measure_ids)):
        raise Http404
    rollout = actions.create_rollout(
        by=request.user,
        organisation=organisation,
        name=payload.name,
        model_name=payload.model_name,
        pilot_units=_units(organisation, payload.pilot_unit_ids),
        comparison_units=_units(organisation, payload.comparison_unit_ids),
        baseline_start=payload.baseline_start,
        baseline_end=payload.baseline_end,
        pilot_starts_on=payload.pilot_starts_on,
        follow_up_periods=[(p.name, p.starts_on, p.ends_on) for p in payload.follow_up_periods],
        measures=measures,
    )
    return Status(201, rollout)


@router.get("/rollouts/{int:pk}", response=RolloutOut)
def rollout_detail(request, pk: PathId):
    return get_rollout_for(request.user, pk)


class MembershipIn(Schema):
    citizen_id: Id
    unit_id: Id
    started_on: date


class MembershipOut(Schema):
    id: int
    citizen_id: int
    unit_id: int
    started_on: date
    ended_on: date | None


class MembershipFilter(OrderedFilter):
    unit_id: Id | None = None
    ordering: Literal["started_on", "-started_on"] | None = None
    DEFAULT_ORDERING = ("citizen__display_name", "started_on")


@router.get("/rollouts/{int:pk}/memberships", response=list[MembershipOut])
@paginate(Page)
def membership_list(request, pk: PathId, filters: Query[MembershipFilter]):
    """The memberships the page shows (the action logs the read of each), filtered and paged."""
    rollout = get_rollout_for(request.user, pk)
    require(can_manage_memberships, request.user, rollout)
    memberships = actions.rollout_memberships(by=request.user, rollout=rollout)
    return filters.filter(UnitMembership.objects.filter(pk__in=[m.pk for m in memberships]))


@router.post("/rollouts/{int:pk}/memberships", response={201: MembershipOut})
def membership_create(request, pk: PathId, payload: MembershipIn):
    rollout = get_rollout_for(request.user, pk)
    require(can_manage_memberships, request.user, rollout)
    citizen = Citizen.objects.visible_to(request.user).filter(pk=payload.citizen_id).first()
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if citizen is None or unit is None:
        raise Http404
    membership = actions.add_membership(
        by=request.user, rollout=rollout, citizen=citizen, unit=unit, started_on=payload.started_on
    )
    return Status(201, membership)


class EndMembershipIn(Schema):
    ended_on: date


@router.post("/rollouts/{int:pk}/memberships/{int:membership_pk}/end", response=MembershipOut)
def membership_end(request, pk: PathId, membership_pk: PathId, payload: EndMembershipIn):
    rollout = get_rollout_for(request.user, pk)
    require(can_manage_memberships, request.user, rollout)
    membership = get_object_or_404(UnitMembership, pk=membership_pk)
    ended = UnitMembership.objects.filter(pk=membership.pk, ended_on__isnull=False).exists()
    with conflict_on_refusal() if ended else nullcontext():
        return actions.end_membership(
            by=request.user, rollout=rollout, membership=membership, ended_on=payload.ended_on
        )


class PeriodMeanOut(Schema):
    period: int
    label: str
    pilot_mean: float | None
    pilot_citizens: int
    comparison_mean: float | None
    comparison_citizens: int


class MeasureEvaluationOut(Schema):
    measure_id: int
    measure: str
    domain: str
    pilot_citizens: int
    comparison_citizens: int
    observations: int
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    reason: str
    summary: str
    periods: list[PeriodMeanOut]


class EvaluationOut(Schema):
    rollout_id: int
    min_group_size: int
    measures: list[MeasureEvaluationOut]


@router.get(
    "/rollouts/{int:pk}/evaluation",
    response=EvaluationOut,
    summary="Difference-in-differences per measure (aggregates only)",
)
def rollout_evaluation(request, pk: PathId):
    rollout = get_rollout_for(request.user, pk)
    measures = []
    for domain, evaluations in rollouts.evaluate(rollout, by=request.user):
        for evaluation in evaluations:
            r = evaluation.result
            measures.append(
                {
                    "measure_id": evaluation.measure.pk,
                    "measure": evaluation.measure.name,
                    "domain": str(domain.value),
                    "pilot_citizens": r.treated_citizens,
                    "comparison_citizens": r.comparison_citizens,
                    "observations": r.observations,
                    "estimate": r.estimate,
                    "ci_low": r.ci_low,
                    "ci_high": r.ci_high,
                    "p_value": r.p_value,
                    "reason": str(r.reason),
                    "summary": str(evaluation.summary),
                    "periods": [
                        {
                            "period": p.period,
                            "label": str(evaluation.period_labels[p.period])
                            if p.period < len(evaluation.period_labels)
                            else str(p.period),
                            "pilot_mean": p.treated_mean,
                            "pilot_citizens": p.treated_n,
                            "comparison_mean": p.comparison_mean,
                            "comparison_citizens": p.comparison_n,
                        }
                        for p in r.periods
                    ],
                }
            )
    return {"rollout_id": rollout.pk, "min_group_size": min_group_size(), "measures": measures}
