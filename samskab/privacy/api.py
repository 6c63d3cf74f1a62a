"""Data protection in the API: the citizen's own data and Min log; data-subject requests and
the access-log search for the data-protection officer. Thin: the pages' permission
functions, export and actions, access-logged as the pages are."""

from contextlib import nullcontext
from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from samskab.api.errors import conflict_on_refusal
from samskab.api.lists import Id, OrderedFilter, Page, PathId, on_page
from samskab.core.actions import log_access, log_access_many
from samskab.core.models import AccessAction, AccessLogEntry
from samskab.core.pages import require
from samskab.core.text import FreeText
from samskab.people.models import Citizen

from . import actions
from .access_log import access_log_rows, search_access_log
from .display import model_name
from .forms import AccessLogFilterForm
from .models import DataSubjectRequest, RequestKind, RequestOutcome
from .permissions import (
    get_citizen_for_dpo,
    get_request_for,
    is_dpo,
)

router = Router(tags=["privacy"])


# The citizen's own data ----------------------------------------------------------------------


class ExportSectionOut(Schema):
    type: str
    name: str
    fields: dict[str, str]
    rows: list[dict[str, Any]]


class ExportOut(Schema):
    citizen_id: int
    generated_at: str
    sections: list[ExportSectionOut]


def _own_citizen(request) -> Citizen | None:
    return Citizen.objects.filter(user=request.user).select_related("organisation").first()


def _export(request, citizen):
    actions.record_data_access(by=request.user, citizen=citizen, download=True)
    export = actions.citizen_export(citizen)
    for section in export["sections"]:
        section["type"], section["name"] = str(section["type"]), str(section["name"])
    return export


@router.get("/me/data", response=ExportOut, summary="Everything Samskab holds about you")
def my_data(request):
    citizen = _own_citizen(request)
    if citizen is None:
        raise PermissionDenied
    return _export(request, citizen)


class LogEntryOut(Schema):
    sequence: int
    at: datetime
    actor_name: str
    is_self: bool
    action: str
    object_type: str
    object_name: str
    object_id: str
    purpose: str

    @staticmethod
    def resolve_is_self(obj, context):
        return obj.actor_id is not None and obj.actor_id == context["request"].user.pk

    @staticmethod
    def resolve_object_name(obj):
        return str(model_name(obj.object_type))

    @staticmethod
    def resolve_purpose(obj):
        return _(obj.purpose)


class LogFilter(OrderedFilter):
    ordering: Literal["sequence", "-sequence"] | None = None
    DEFAULT_ORDERING = ("-sequence",)


@router.get(
    "/me/log",
    response=list[LogEntryOut],
    summary="Min log: who accessed your data, when and why",
)
@paginate(Page)
def my_log(request, filters: Query[LogFilter]):
    """As the page: reading one's own log is not itself logged."""
    citizen = _own_citizen(request)
    if citizen is None:
        return filters.filter(AccessLogEntry.objects.none())
    return filters.filter(AccessLogEntry.objects.for_citizen(citizen.pk))


# Data-subject requests (the DPO) -------------------------------------------------------------


class RequestOut(Schema):
    id: int
    citizen_id: int
    kind: RequestKind
    received_on: date
    deadline_on: date
    description: str
    is_open: bool
    is_overdue: bool
    answered_on: date | None
    outcome: str
    answer_note: str


class RequestIn(Schema):
    citizen_id: Id
    kind: RequestKind
    received_on: date | None = None
    description: FreeText = ""


class AnswerIn(Schema):
    outcome: RequestOutcome
    note: FreeText = ""


class RequestFilter(OrderedFilter):
    is_open: bool | None = None
    kind: RequestKind | None = None
    ordering: Literal["deadline_on", "-deadline_on", "received_on", "-received_on"] | None = None
    DEFAULT_ORDERING = ("deadline_on",)

    def filter_is_open(self, value):
        return Q() if value is None else Q(answered_on__isnull=value)


@router.get("/requests", response=list[RequestOut], summary="Requests under the GDPR (DPO)")
@paginate(Page)
def request_list(request, filters: Query[RequestFilter]):
    require(is_dpo, request.user)
    on_page(
        request,
        lambda items: log_access_many(
            by=request.user,
            action=AccessAction.READ,
            objs={r.citizen_id: r.citizen for r in items}.values(),
            purpose=gettext_noop("Oversigt over anmodninger efter databeskyttelsesreglerne"),
        ),
    )
    return filters.filter(
        DataSubjectRequest.objects.visible_to(request.user).select_related("citizen")
    )


@router.post("/requests", response={201: RequestOut}, summary="Register a request (DPO)")
def request_create(request, payload: RequestIn):
    require(is_dpo, request.user)
    citizen = get_citizen_for_dpo(request.user, payload.citizen_id)
    if citizen.erased_at is not None:
        raise Http404
    created = actions.register_request(
        by=request.user,
        citizen=citizen,
        kind=str(payload.kind.value),
        received_on=payload.received_on or timezone.localdate(),
        description=payload.description,
    )
    return Status(201, created)


@router.get("/requests/{int:pk}", response=RequestOut)
def request_detail(request, pk: PathId):
    require(is_dpo, request.user)
    data_request = get_request_for(request.user, pk)
    log_access(
        by=request.user,
        action=AccessAction.READ,
        obj=data_request,
        citizen_id=data_request.citizen_id,
        purpose=gettext_noop("Behandling af anmodning efter databeskyttelsesreglerne"),
    )
    return data_request


@router.post("/requests/{int:pk}/answer", response=RequestOut, summary="Answer a request")
def request_answer(request, pk: PathId, payload: AnswerIn):
    require(is_dpo, request.user)
    data_request = get_request_for(request.user, pk)
    with conflict_on_refusal() if not data_request.is_open else nullcontext():
        return actions.answer_request(
            by=request.user,
            request=data_request,
            outcome=str(payload.outcome.value),
            note=payload.note,
        )


@router.get("/citizens/{int:pk}/data", response=ExportOut, summary="A citizen's data (DPO)")
def citizen_data(request, pk: PathId):
    citizen = get_citizen_for_dpo(request.user, pk)
    return _export(request, citizen)


# Access log (the DPO) ------------------------------------------------------------------------


class AccessLogEntryOut(LogEntryOut):
    actor_id: int | None
    citizen_id: int | None


class AccessLogFilter(OrderedFilter):
    citizen: str = Field("", max_length=200, description="Name or citizen id")
    user: str = Field("", max_length=150, description="User name")
    date_from: date | None = None
    date_to: date | None = None
    action: AccessAction | None = None
    ordering: Literal["sequence", "-sequence"] | None = None
    DEFAULT_ORDERING = ("-sequence",)

    def filter_citizen(self, value):
        return Q()

    def filter_user(self, value):
        return Q()

    def filter_date_from(self, value):
        return Q()

    def filter_date_to(self, value):
        return Q()

    def filter_action(self, value):
        return Q()


@router.get("/access-log", response=list[AccessLogEntryOut], summary="Search the access log")
@paginate(Page)
def access_log(request, filters: Query[AccessLogFilter]):
    require(is_dpo, request.user)
    form = AccessLogFilterForm(
        {
            "citizen": filters.citizen,
            "user": filters.user,
            "date_from": filters.date_from or "",
            "date_to": filters.date_to or "",
            "action": str(filters.action.value) if filters.action else "",
        }
    )
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())

    # As the page: the citizens on the returned page are logged as read.
    on_page(
        request,
        lambda items: log_access_many(
            by=request.user,
            action=AccessAction.READ,
            objs=access_log_rows(items)[1].values(),
            purpose=gettext_noop("Tilsyn med adgangsloggen"),
        ),
    )
    return filters.filter(search_access_log(request.user, form))
