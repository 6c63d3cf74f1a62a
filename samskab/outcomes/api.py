"""Outcome measures and a citizen's measurements in the API (the effect evaluation of a
stepwise rollout is in the compass router). Thin: the pages' predicates and actions."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop
from ninja import Field, FilterLookup, Query, Router, Schema, Status
from ninja.pagination import paginate

from samskab.api.lists import Id, OrderedFilter, Page, PathId, log_page
from samskab.core.pages import require
from samskab.core.text import FreeText

from . import actions
from .models import Domain, Measure, MeasureKind, Measurement
from .permissions import can_view_measures, get_citizen_for_measurements

router = Router(tags=["outcomes"])


class MeasureOut(Schema):
    id: int
    code: str
    name: str
    description: str
    domain: str
    kind: str
    min_value: Decimal
    max_value: Decimal | None
    unit: str
    is_builtin: bool


class MeasureIn(Schema):
    code: str = Field(..., min_length=1, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$")
    name: str = Field(..., min_length=1, max_length=200)
    description: FreeText = ""
    domain: Domain
    kind: MeasureKind
    min_value: Decimal = Field(..., max_digits=12, decimal_places=2)
    max_value: Decimal | None = Field(None, max_digits=12, decimal_places=2)
    unit: str = Field("", max_length=50)


class MeasureFilter(OrderedFilter):
    domain: Domain | None = None
    q: Annotated[str | None, FilterLookup("name__icontains")] = None
    ordering: Literal["name", "-name", "domain", "-domain"] | None = None
    DEFAULT_ORDERING = ("name",)


@router.get("/measures", response=list[MeasureOut], summary="Outcome measures")
@paginate(Page)
def measure_list(request, filters: Query[MeasureFilter]):
    require(can_view_measures, request.user)
    return filters.filter(Measure.objects.all())


@router.post("/measures", response={201: MeasureOut})
def measure_create(request, payload: MeasureIn):
    data = payload.dict()
    data["domain"], data["kind"] = str(payload.domain.value), str(payload.kind.value)
    return Status(201, actions.create_measure(by=request.user, data=data))


class MeasurementOut(Schema):
    id: int
    citizen_id: int
    measure_id: int
    measure_code: str
    value: Decimal
    measured_on: date
    is_self_reported: bool
    item_answers: list[int]

    @staticmethod
    def resolve_measure_code(obj):
        return obj.measure.code


class MeasurementIn(Schema):
    measure_id: Id
    value: Decimal = Field(..., max_digits=12, decimal_places=2)
    measured_on: date


class Who5In(Schema):
    answers: list[int] = Field(..., min_length=5, max_length=5)
    measured_on: date


class MeasurementFilter(OrderedFilter):
    measure_id: Id | None = None
    ordering: Literal["measured_on", "-measured_on"] | None = None
    DEFAULT_ORDERING = ("-measured_on",)


@router.get("/citizens/{int:pk}/measurements", response=list[MeasurementOut])
@paginate(Page)
def measurement_list(request, pk: PathId, filters: Query[MeasurementFilter]):
    citizen = get_citizen_for_measurements(request.user, pk)
    log_page(request, purpose=gettext_noop("Borgerens effektmålinger"), citizen_id_of=_citizen_id)
    return filters.filter(Measurement.objects.for_citizen(citizen).select_related("measure"))


def _citizen_id(measurement):
    return measurement.citizen_id


@router.post("/citizens/{int:pk}/measurements", response={201: MeasurementOut})
def measurement_create(request, pk: PathId, payload: MeasurementIn):
    citizen = get_citizen_for_measurements(request.user, pk, record=True)
    measure = get_object_or_404(Measure, pk=payload.measure_id)
    measurement = actions.record_measurement(
        by=request.user,
        citizen=citizen,
        measure=measure,
        value=payload.value,
        measured_on=payload.measured_on,
    )
    return Status(201, measurement)


@router.post("/citizens/{int:pk}/who5", response={201: MeasurementOut})
def who5_create(request, pk: PathId, payload: Who5In):
    """WHO-5: staff record it, or the citizen answers for themself (self-reported)."""
    citizen = get_citizen_for_measurements(request.user, pk)
    measurement = actions.record_who5(
        by=request.user,
        citizen=citizen,
        answers=payload.answers,
        measured_on=payload.measured_on,
        self_reported=citizen.user_id == request.user.pk,
    )
    return Status(201, measurement)
