"""Welfare innovation in the API: projects, gate decisions (an illegal move is 409) and the
business case with its computed figures from `economics.py`. Thin: the pages' predicates,
actions and arithmetic."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, FilterLookup, Query, Router, Schema, Status
from ninja.pagination import paginate

from samskab.api.errors import conflict_on_refusal
from samskab.api.lists import Id, OrderedFilter, Page, PathId
from samskab.core.pages import require
from samskab.core.text import FreeText

from . import actions, economics, gates
from .models import (
    BusinessCase,
    BusinessCaseLine,
    GateCriterion,
    GateOutcome,
    LineKind,
    Mission,
    Payer,
    Phase,
    Project,
    ProjectStatus,
)
from .permissions import (
    can_change_project,
    can_create_project,
    can_decide_gate,
    can_view_portfolio,
    get_project_for,
)

router = Router(tags=["innovation"])


class MissionOut(Schema):
    id: int
    name: str
    description: str
    challenge_id: int
    owner_id: int


class MissionFilter(OrderedFilter):
    ordering: Literal["name", "-name"] | None = None
    DEFAULT_ORDERING = ("name",)


@router.get("/missions", response=list[MissionOut])
@paginate(Page)
def mission_list(request, filters: Query[MissionFilter]):
    require(can_view_portfolio, request.user)
    return filters.filter(Mission.objects.all())


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    mission_id: int | None
    phase: str
    phase_number: int
    status: str
    gate_requested_on: date | None
    allowed_gate_outcomes: list[str]
    partner_organisation_ids: list[int]

    @staticmethod
    def resolve_allowed_gate_outcomes(obj):
        return gates.allowed_outcomes(gates.State(obj.phase, obj.status))

    @staticmethod
    def resolve_partner_organisation_ids(obj):
        return sorted(p.organisation_id for p in obj.partners.all())


class ProjectIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: FreeText = ""
    mission_id: Id | None = None


class ProjectFilter(OrderedFilter):
    phase: Phase | None = None
    status: ProjectStatus | None = None
    mission_id: Id | None = None
    q: Annotated[str | None, FilterLookup("title__icontains")] = None
    ordering: Literal["title", "-title", "created_at", "-created_at"] | None = None
    DEFAULT_ORDERING = ("title",)


@router.get("/projects", response=list[ProjectOut], summary="The network's projects")
@paginate(Page)
def project_list(request, filters: Query[ProjectFilter]):
    require(can_view_portfolio, request.user)
    return filters.filter(Project.objects.prefetch_related("partners"))


@router.post("/projects", response={201: ProjectOut}, summary="Start a project in Opstart")
def project_create(request, payload: ProjectIn):
    require(can_create_project, request.user)
    mission = None
    if payload.mission_id is not None:
        mission = get_object_or_404(Mission, pk=payload.mission_id)
    project = actions.create_project(
        by=request.user,
        organisation=request.user.staff_member.organisation,
        data={"title": payload.title, "description": payload.description, "mission": mission},
    )
    return Status(201, project)


@router.get("/projects/{int:pk}", response=ProjectOut)
def project_detail(request, pk: PathId):
    return get_project_for(request.user, pk)


@router.post("/projects/{int:pk}/gate-request", response=ProjectOut)
def gate_request(request, pk: PathId):
    project = get_project_for(request.user, pk)
    require(can_change_project, request.user, project)
    with conflict_on_refusal():
        return actions.request_gate_decision(by=request.user, project=project)


class GateDecisionIn(Schema):
    outcome: GateOutcome
    to_phase: Phase | None = None
    decided_on: date
    decision_makers: str = Field(..., min_length=1, max_length=500)
    criteria_met: list[GateCriterion] = Field(default_factory=list, max_length=10)
    notes: FreeText = ""
    risks_reviewed: bool = False  # required true when the project has open risks


class GateDecisionOut(Schema):
    id: int
    project_id: int
    decided_on: date
    outcome: str
    from_phase: str
    to_phase: str
    decision_makers: str
    criteria_met: list[str]
    notes: str
    created_at: datetime


class GateDecisionFilter(OrderedFilter):
    outcome: GateOutcome | None = None
    ordering: Literal["decided_on", "-decided_on"] | None = None
    DEFAULT_ORDERING = ("decided_on",)


@router.get("/projects/{int:pk}/gate-decisions", response=list[GateDecisionOut])
@paginate(Page)
def gate_decision_list(request, pk: PathId, filters: Query[GateDecisionFilter]):
    project = get_project_for(request.user, pk)
    return filters.filter(project.gate_decisions.all())


@router.post("/projects/{int:pk}/gate-decisions", response={201: GateDecisionOut})
def gate_decide(request, pk: PathId, payload: GateDecisionIn):
    """The state machine in gates.py decides; an illegal move is 409 and changes nothing."""
    project = get_project_for(request.user, pk)
    require(can_decide_gate, request.user, project)
    decision = actions.record_gate_decision(
        by=request.user,
        project=project,
        outcome=str(payload.outcome.value),
        to_phase=str(payload.to_phase.value) if payload.to_phase else None,
        decided_on=payload.decided_on,
        decision_makers=payload.decision_makers,
        criteria_met=[str(c.value) for c in payload.criteria_met],
        notes=payload.notes,
        risks_reviewed=payload.risks_reviewed,
    )
    return Status(201, decision)


# Business case ------------------------------------------------------------------------


class LineIn(Schema):
    kind: LineKind
    payer: Payer
    year: int = Field(..., ge=0, le=50)
    description: str = Field(..., min_length=1, max_length=200)
    quantity: Decimal = Field(Decimal(1), ge=0, max_digits=12, decimal_places=2)
    unit_price: Decimal = Field(..., ge=0, max_digits=14, decimal_places=2)


class LineOut(Schema):
    id: int
    kind: str
    payer: str
    year: int
    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal


class PayerOut(Schema):
    payer: str
    label: str
    cost: float
    gain: float
    npv: float


class SensitivityOut(Schema):
    effect_change_percent: int
    npv: float


class BusinessCaseIn(Schema):
    discount_rate: Decimal = Field(..., ge=0, le=20, max_digits=5, decimal_places=2)
    long_term_rate: Decimal | None = Field(None, ge=0, le=20, max_digits=5, decimal_places=2)
    notes: FreeText = ""


class BusinessCaseOut(Schema):
    project_id: int
    discount_rate: Decimal
    long_term_rate: Decimal
    notes: str
    lines: list[LineOut]
    payers: list[PayerOut]
    total_cost: float
    total_gain: float
    npv: float
    break_even_year: int | None
    incentive_problem: str
    sensitivity: list[SensitivityOut]


def _business_case(project):
    """The same figures the business-case page shows, computed by economics.py."""
    case = BusinessCase.objects.filter(project=project).first() or BusinessCase(project=project)
    lines = list(case.lines.all()) if case.pk else []
    rate, long_rate = case.discount_rate, case.long_term_rate
    result = economics.compute(lines, rate, long_term_percent=long_rate)
    return {
        "project_id": project.pk,
        "discount_rate": rate,
        "long_term_rate": long_rate,
        "notes": case.notes,
        "lines": lines,
        "payers": [
            {"payer": p.payer, "label": str(p.label), "cost": p.cost, "gain": p.gain, "npv": p.npv}
            for p in result.payers
        ],
        "total_cost": result.total_cost,
        "total_gain": result.total_gain,
        "npv": result.total_npv,
        "break_even_year": result.break_even_year,
        "incentive_problem": economics.incentive_sentence(result),
        "sensitivity": [
            {"effect_change_percent": step, "npv": npv}
            for step, npv in (economics.sensitivity(lines, rate, long_rate) if lines else [])
        ],
    }


@router.get("/projects/{int:pk}/business-case", response=BusinessCaseOut)
def business_case(request, pk: PathId):
    return _business_case(get_project_for(request.user, pk))


def _changeable(request, pk):
    project = get_project_for(request.user, pk)
    require(can_change_project, request.user, project)
    return project


@router.put("/projects/{int:pk}/business-case", response=BusinessCaseOut)
def business_case_save(request, pk: PathId, payload: BusinessCaseIn):
    project = _changeable(request, pk)
    actions.save_business_case(by=request.user, project=project, **payload.dict())
    return _business_case(project)


@router.post("/projects/{int:pk}/business-case/lines", response={201: LineOut})
def line_add(request, pk: PathId, payload: LineIn):
    project = _changeable(request, pk)
    data = payload.dict()
    data["kind"], data["payer"] = str(payload.kind.value), str(payload.payer.value)
    return Status(201, actions.add_business_case_line(by=request.user, project=project, data=data))


@router.delete("/projects/{int:pk}/business-case/lines/{int:line_pk}", response={204: None})
def line_delete(request, pk: PathId, line_pk: PathId):
    project = _changeable(request, pk)
    line = get_object_or_404(BusinessCaseLine, pk=line_pk, business_case__project=project)
    actions.delete_business_case_line(by=request.user, line=line)
    return Status(204, None)
