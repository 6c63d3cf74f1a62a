"""People in the API: organisations and units, citizens and their consent. Thin: the
permission predicates, QuerySets and actions are the pages' own."""

from datetime import datetime
from typing import Annotated, Literal

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop
from ninja import Field, FilterLookup, Query, Router, Schema, Status
from ninja.pagination import paginate

from samskab.api.errors import conflict_on_refusal
from samskab.api.lists import Id, OrderedFilter, Page, PathId, log_page
from samskab.core.pages import require

from . import actions
from .models import Citizen, ConsentPurpose, Organisation, OrganisationKind
from .permissions import (
    can_change_citizen,
    can_manage_consent,
    can_view_organisations,
    citizen_data_organisation_ids,
    get_citizen_for,
    may_register_citizens,
)

router = Router(tags=["people"])


class UnitOut(Schema):
    id: int
    name: str
    authority_area: str


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    official_code: str
    region_id: int | None


class OrganisationDetailOut(OrganisationOut):
    units: list[UnitOut]

    @staticmethod
    def resolve_units(obj):
        return obj.units.order_by("name", "pk")


class OrganisationFilter(OrderedFilter):
    kind: OrganisationKind | None = None
    q: Annotated[str | None, FilterLookup("name__icontains")] = None
    ordering: Literal["name", "-name", "kind", "-kind"] | None = None
    DEFAULT_ORDERING = ("name",)


@router.get("/organisations", response=list[OrganisationOut], summary="List organisations")
@paginate(Page)
def organisation_list(request, filters: Query[OrganisationFilter]):
    require(can_view_organisations, request.user)
    return filters.filter(Organisation.objects.all())


@router.get("/organisations/{int:pk}", response=OrganisationDetailOut)
def organisation_detail(request, pk: PathId):
    require(can_view_organisations, request.user)
    return get_object_or_404(Organisation, pk=pk)


class CitizenOut(Schema):
    id: int
    display_name: str
    birth_year: int | None
    email: str
    phone: str
    organisation_id: int
    has_login: bool

    @staticmethod
    def resolve_has_login(obj):
        return obj.user_id is not None


class CitizenIn(Schema):
    display_name: str = Field(..., min_length=1, max_length=100)
    birth_year: int | None = Field(None, ge=1900, le=2100)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)


class CitizenCreateIn(CitizenIn):
    organisation_id: Id
    consents: list[ConsentPurpose] = Field(..., min_length=1)


class CitizenPatchIn(Schema):
    display_name: str | None = Field(None, min_length=1, max_length=100)
    birth_year: int | None = Field(None, ge=1900, le=2100)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=20)


class CitizenFilter(OrderedFilter):
    organisation_id: Id | None = None
    q: Annotated[str | None, FilterLookup("display_name__icontains")] = None
    ordering: Literal["display_name", "-display_name", "created_at", "-created_at"] | None = None
    DEFAULT_ORDERING = ("display_name",)


@router.get("/citizens", response=list[CitizenOut], summary="List citizens you may see")
@paginate(Page)
def citizen_list(request, filters: Query[CitizenFilter]):
    log_page(request, purpose=gettext_noop("Oversigt over borgere"))
    return filters.filter(Citizen.objects.visible_to(request.user))


@router.get("/citizens/{int:pk}", response=CitizenOut)
def citizen_detail(request, pk: PathId):
    citizen = get_citizen_for(request.user, pk)
    actions.record_citizen_read(
        by=request.user, citizen=citizen, purpose=gettext_noop("Borgerens stamdata")
    )
    return citizen


@router.post("/citizens", response={201: CitizenOut}, summary="Register a citizen")
def citizen_create(request, payload: CitizenCreateIn):
    require(may_register_citizens, request.user)
    if payload.organisation_id not in citizen_data_organisation_ids(request.user):
        raise Http404
    organisation = Organisation.objects.get(pk=payload.organisation_id)
    data = payload.dict(exclude={"organisation_id", "consents"})
    citizen = actions.register_citizen(
        by=request.user,
        organisation=organisation,
        data=data,
        consents=[str(c.value) for c in payload.consents],
    )
    return Status(201, citizen)


@router.patch("/citizens/{int:pk}", response=CitizenOut)
def citizen_update(request, pk: PathId, payload: CitizenPatchIn):
    citizen = get_citizen_for(request.user, pk)
    require(can_change_citizen, request.user, citizen)
    data = payload.dict(exclude_unset=True)
    data = {k: ("" if v is None and k in ("email", "phone") else v) for k, v in data.items()}
    return actions.update_citizen(by=request.user, citizen=citizen, data=data)


class ConsentOut(Schema):
    id: int
    purpose: str
    legal_basis: str
    given_at: datetime
    withdrawn_at: datetime | None


class ConsentIn(Schema):
    purpose: ConsentPurpose


class ConsentFilter(OrderedFilter):
    purpose: ConsentPurpose | None = None
    is_active: bool | None = None
    ordering: Literal["given_at", "-given_at"] | None = None
    DEFAULT_ORDERING = ("-given_at",)

    def filter_is_active(self, value):
        return Q() if value is None else Q(withdrawn_at__isnull=value)


@router.get("/citizens/{int:pk}/consents", response=list[ConsentOut])
@paginate(Page)
def consent_list(request, pk: PathId, filters: Query[ConsentFilter]):
    citizen = get_citizen_for(request.user, pk)
    actions.record_citizen_read(
        by=request.user, citizen=citizen, purpose=gettext_noop("Borgerens samtykker")
    )
    return filters.filter(citizen.consents.all())


@router.post("/citizens/{int:pk}/consents", response={201: ConsentOut})
def consent_give(request, pk: PathId, payload: ConsentIn):
    citizen = get_citizen_for(request.user, pk)
    require(can_manage_consent, request.user, citizen)
    with conflict_on_refusal():
        consent = actions.give_consent(
            by=request.user, citizen=citizen, purpose=str(payload.purpose.value)
        )
    return Status(201, consent)


@router.post("/citizens/{int:pk}/consents/{int:consent_pk}/withdraw", response=ConsentOut)
def consent_withdraw(request, pk: PathId, consent_pk: PathId):
    citizen = get_citizen_for(request.user, pk)
    require(can_manage_consent, request.user, citizen)
    consent = get_object_or_404(citizen.consents, pk=consent_pk)
    with conflict_on_refusal():
        return actions.withdraw_consent(by=request.user, consent=consent)
