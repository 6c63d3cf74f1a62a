"""Insights in the API: search over the body of insight (always within the reader's
permissions), the lemniscate balance, saved themes and the user's notifications. Thin: the
pages' search functions, permission predicates and actions."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from samskab.api.lists import OrderedFilter, Page, PathId, on_page
from samskab.core.models import Perspective
from samskab.core.pages import require
from samskab.core.text import FreeText

from . import actions
from .balance import balance
from .forms import BalanceForm, SearchForm
from .models import PRACTICE_CHOICES, SavedTheme
from .permissions import can_use_insights, get_theme_for
from .scopes import organisations_of, scope_choices, scope_filters, scope_label
from .search import Filters, apply_filters, countable_entries, log_reads, search

router = Router(tags=["insights"])

Practice = Literal[tuple(key for key, _label in PRACTICE_CHOICES)]


# Search --------------------------------------------------------------------------------------


class InsightOut(Schema):
    id: int
    source: str
    object_id: int
    title: str
    text: str
    perspective: str
    practice: str
    organisation_id: int | None
    created_at: datetime
    url: str


class _NoLookup:
    """Fields applied through `search.apply_filters` (as the page does), not as lookups."""

    def filter_q(self, value):
        return Q()

    def filter_perspective(self, value):
        return Q()

    def filter_practice(self, value):
        return Q()

    def filter_organisation_id(self, value):
        return Q()

    def filter_theme_id(self, value):
        return Q()  # a theme the user may not see is not a valid choice: 422, as the form

    def filter_start(self, value):
        return Q()

    def filter_end(self, value):
        return Q()


class SearchFilter(_NoLookup, OrderedFilter):
    q: str = Field("", max_length=200, description="Words; Danish inflections match")
    perspective: Perspective | None = None
    practice: Practice | None = None
    organisation_id: int | None = Field(None, ge=1, le=2_147_483_647)
    theme_id: int | None = Field(None, ge=1, le=2_147_483_647)
    start: date | None = None
    end: date | None = None
    ordering: Literal["created_at", "-created_at"] | None = None
    DEFAULT_ORDERING = ("-created_at",)


@router.get(
    "/search",
    response=list[InsightOut],
    summary="Search the insights you may read (Danish stemming)",
)
@paginate(Page)
def insight_search(request, filters: Query[SearchFilter]):
    require(can_use_insights, request.user)
    form = _valid(
        SearchForm(
            {
                "q": filters.q,
                "perspective": filters.perspective.value if filters.perspective else "",
                "practice": filters.practice or "",
                "organisation": filters.organisation_id or "",
                "theme": filters.theme_id or "",
                "start": filters.start or "",
                "end": filters.end or "",
            },
            organisations=organisations_of(request.user),
            themes=SavedTheme.objects.visible_to(request.user),
        )
    )
    data = form.cleaned_data
    found = search(
        request.user,
        Filters(
            query=data["q"],
            practice=data["practice"],
            organisation_id=data["organisation"],
            start=data["start"],
            end=data["end"],
            theme=data["theme"],
            perspective=data["perspective"],
        ),
    )
    # As the page: every insight about a named citizen on the returned page is logged.
    on_page(request, lambda items: log_reads(request.user, items))
    return filters.filter(found)


def _valid(form):
    """The page's form checks the input (and what this user may choose): 422 otherwise."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form


# Balance -------------------------------------------------------------------------------------


class PeriodOut(Schema):
    start: date
    label: str
    citizen: int
    system: int
    both: int
    total: int
    missing: list[str]


class BalanceOut(Schema):
    scope: str
    scope_label: str
    period: str
    periods: list[PeriodOut]


class BalanceQuery(Schema):
    scope: str = Field("", max_length=40, description='"org:1", "round:2", "team:3", "project:4"')
    period: Literal["month", "quarter"] = "month"
    start: date | None = None
    end: date | None = None


@router.get("/balance", response=BalanceOut, summary="The lemniscate balance per period")
def balance_view(request, query: Query[BalanceQuery]):
    require(can_use_insights, request.user)
    choices = scope_choices(request.user)
    form = _valid(
        BalanceForm(
            {
                "scope": query.scope,
                "period": query.period,
                "start": query.start or "",
                "end": query.end or "",
            },
            scopes=choices,
        )
    )
    data = form.cleaned_data
    filters = scope_filters(data["scope"], Filters(start=data["start"], end=data["end"]))
    entries = apply_filters(countable_entries(request.user), filters)
    periods = balance(entries, data["period"], start=data["start"], end=data["end"])
    return {
        "scope": data["scope"],
        "scope_label": scope_label(data["scope"], choices),
        "period": data["period"],
        "periods": periods,
    }


# Saved themes --------------------------------------------------------------------------------


class ThemeOut(Schema):
    id: int
    name: str
    keywords: list[str]
    description: str
    organisation_id: int
    created_at: datetime


class ThemeIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    keywords: list[str] = Field(..., min_length=1, max_length=12)
    description: FreeText = ""


class ThemeFilter(OrderedFilter):
    ordering: Literal["name", "-name", "created_at", "-created_at"] | None = None
    DEFAULT_ORDERING = ("name",)


@router.get("/themes", response=list[ThemeOut], summary="Saved themes of your organisations")
@paginate(Page)
def theme_list(request, filters: Query[ThemeFilter]):
    require(can_use_insights, request.user)
    return filters.filter(SavedTheme.objects.visible_to(request.user))


@router.post("/themes", response={201: ThemeOut}, summary="Save a theme")
def theme_save(request, payload: ThemeIn):
    require(can_use_insights, request.user)
    keywords = [word.strip() for word in payload.keywords if word.strip()]
    if not keywords:
        raise ValidationError(_("Skriv mindst ét nøgleord."))
    theme = actions.save_theme(
        by=request.user,
        data={"name": payload.name, "keywords": keywords, "description": payload.description},
    )
    return Status(201, theme)


@router.get("/themes/{int:pk}", response=ThemeOut)
def theme_detail(request, pk: PathId):
    return get_theme_for(request.user, pk)


# Notifications -------------------------------------------------------------------------------


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    due_on: date | None
    created_at: datetime
    read_at: datetime | None
    resolved_at: datetime | None


class NotificationFilter(OrderedFilter):
    include_resolved: bool = False
    ordering: Literal["created_at", "-created_at", "due_on", "-due_on"] | None = None
    DEFAULT_ORDERING = ("-created_at",)

    def filter_include_resolved(self, value):
        return Q() if value else Q(resolved_at__isnull=True)


@router.get("/notifications", response=list[NotificationOut], summary="Your notifications")
@paginate(Page)
def notification_list(request, filters: Query[NotificationFilter]):
    return filters.filter(request.user.notifications.all())


@router.post("/notifications/{int:pk}/read", response=NotificationOut)
def notification_read(request, pk: PathId):
    notification = request.user.notifications.filter(pk=pk).first()
    if notification is None:
        raise Http404
    actions.mark_read(by=request.user, notifications=[notification])
    notification.refresh_from_db()
    return notification


class CountOut(Schema):
    count: int


@router.post("/notifications/read-all", response=CountOut, summary="Mark all as read")
def notifications_read_all(request):
    count = actions.mark_read(by=request.user, notifications=request.user.notifications.unread())
    return {"count": count}
