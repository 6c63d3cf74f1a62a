"""Lists in the API: page-number pagination, `?ordering=` from an allowed list, filters.

A list that shows citizens' data logs a read for the rows on the returned page only
(`log_page`), like the pages do for the page of a table they render.
"""

from typing import Annotated, Any, ClassVar

from django.db.models import Q
from ninja import Field, FilterSchema, Path, Schema
from ninja.pagination import PaginationBase

from samskab.core.actions import log_access_many
from samskab.core.models import AccessAction

MAX_PAGE_SIZE = 100
#: The largest id a client may send: beyond a 32-bit integer no row exists, and SQLite
#: cannot even compare with a larger number.
MAX_ID = 2_147_483_647

#: An id in a request body or a filter.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
#: An id in the URL path.
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


class Page(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int = Field(25, ge=1, le=MAX_PAGE_SIZE)

    class Output(Schema):
        count: int
        page: int
        page_size: int
        items: list[Any]

    def paginate_queryset(self, queryset, pagination: Input, request, **params):
        offset = (pagination.page - 1) * pagination.page_size
        items = list(queryset[offset : offset + pagination.page_size])
        logger = getattr(request, "_samskab_log_page", None)
        if logger is not None and items:
            logger(items)
        return {
            "count": len(queryset) if isinstance(queryset, list) else queryset.count(),
            "page": pagination.page,
            "page_size": pagination.page_size,
            "items": items,
        }


def on_page(request, logger):
    """Call `logger(items)` with the rows of the page the paginator returns, for a list that
    logs its reads as its page does (e.g. only the rows about a named citizen)."""
    request._samskab_log_page = logger


def log_page(request, *, purpose: str, citizen_id_of=None):
    """Log a read of each citizen-data row on the page the paginator returns."""
    on_page(
        request,
        lambda items: log_access_many(
            by=request.user,
            action=AccessAction.READ,
            objs=items,
            purpose=purpose,
            citizen_id_of=citizen_id_of,
        ),
    )


class OrderedFilter(FilterSchema):
    """A FilterSchema with `ordering`; subclasses declare it as a Literal of allowed values.

    Sorting always ends with the primary key, so pages never overlap.
    """

    ordering: str | None = None
    DEFAULT_ORDERING: ClassVar[tuple[str, ...]] = ()

    def filter_ordering(self, value):
        return Q()

    def filter(self, queryset):
        queryset = super().filter(queryset)
        if self.ordering:
            return queryset.order_by(self.ordering, "pk")
        return queryset.order_by(*self.DEFAULT_ORDERING, "pk")
