"""CSV and XLSX exports of the lists on the pages: columns declared once per list.

A list view builds its rows from the same `visible_to` QuerySet as the page and asks its
`Export` whether this request wants a file::

    CITIZENS = Export("borgere", [Column(_("Navn"), "display_name"), ...],
                      citizen_id_of=lambda c: c.pk, purpose=gettext_noop("Eksport af borgere"))

    def citizen_list(request):
        citizens = Citizen.objects.visible_to(request.user)
        if response := CITIZENS.respond(request, citizens):
            return response
        ...
        context["export"] = CITIZENS.links(request)

The page then shows the DKFDS button pair with
`{% include "components/export_links.html" with export=export %}`. `?format=csv|xlsx`
selects the file; a page with several lists adds `liste=<slug>`. Exports of citizen data
are written to the access log (one entry per row, action "export").

A file that is not a list's button pair (the access log, a gathering's invitations, the
workshop sheet, research files) declares an `Export` all the same and answers with
`EXPORT.response(request, rows, "csv")`. Nothing else in Samskab writes CSV or XLSX, so
every cell passes `neutralise`; `core/tests/test_export_injection.py` fails for a
hand-written writer anywhere else.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .actions import log_access_many
from .models import AccessAction

FORMATS = ("csv", "xlsx")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column: a header (translated at export time) and an attribute path or function."""

    header: Any
    value: str | Callable[[Any], Any]

    def get(self, obj):
        if callable(self.value):
            return self.value(obj)
        current = obj
        for part in self.value.split("."):
            if current is None:
                return None
            current = getattr(current, part)
            if callable(current):
                current = current()
        return current


def neutralise(text: str) -> str:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if text and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _plain(value):
    """A cell value for either format: text, number, date, or empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    if isinstance(value, list | tuple | set):
        return neutralise(", ".join(str(v) for v in value))
    return neutralise(str(value))


def _csv_cell(value) -> str:
    value = _plain(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")  # Danish Excel reads a decimal comma
    return str(value)


def write_csv(headers: list[str], rows: Iterable[list]) -> bytes:
    """UTF-8 with BOM and `;` as separator, so Danish Excel opens it with æ, ø and å intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(headers: list[str], rows: Iterable[list], title: str = "Samskab") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31] or "Samskab"
    sheet.append([neutralise(str(h)) for h in headers])
    for row in rows:
        cells = []
        for value in row:
            value = _plain(value)
            cells.append(float(value) if isinstance(value, Decimal) else value)
        sheet.append(cells)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(header)) + 4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    content_type = XLSX_CONTENT_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


class Export:
    """One list's export: its columns, file name and, for citizen data, how to log it."""

    def __init__(
        self,
        name: str,
        columns: list[Column],
        *,
        slug: str | None = None,
        citizen_id_of: Callable[[Any], int | None] | None = None,
        purpose: str | None = None,
    ):
        if citizen_id_of is not None and not purpose:
            raise ValueError("An export of citizen data must state its purpose")
        self.name = name
        self.columns = columns
        self.slug = slug
        self.citizen_id_of = citizen_id_of
        self.purpose = purpose

    def requested_format(self, request) -> str | None:
        fmt = request.GET.get("format")
        if fmt not in FORMATS or request.GET.get("liste") != self.slug:
            return None
        return fmt

    def respond(self, request, rows, *, suffix: str = "") -> HttpResponse | None:
        """The file if this request asks for this list's export, otherwise None."""
        fmt = self.requested_format(request)
        if fmt is None:
            return None
        return self.response(request, rows, fmt, suffix=suffix)

    def response(self, request, rows, fmt: str, *, suffix: str = "") -> HttpResponse:
        if fmt not in FORMATS:
            raise Http404
        rows = list(rows)
        if self.citizen_id_of is not None:
            log_access_many(
                by=request.user,
                action=AccessAction.EXPORT,
                objs=rows,
                purpose=self.purpose,
                citizen_id_of=self.citizen_id_of,
            )
        headers = [str(column.header) for column in self.columns]
        values = ([column.get(obj) for column in self.columns] for obj in rows)
        filename = "-".join(
            part
            for part in (self.name, slugify(suffix), f"{timezone.localdate():%Y-%m-%d}")
            if part
        )
        if fmt == "xlsx":
            return file_response(write_xlsx(headers, values, title=self.name), fmt, filename)
        return file_response(write_csv(headers, values), fmt, filename)

    def links(self, request, label=None, *, path=None) -> dict:
        """URLs for the page's "Eksportér" buttons, keeping its filters but not its page number.

        `label` names the list in the buttons when a page has several; `path` is the list's
        page when this response answers a form posted elsewhere.
        """
        urls = {"label": label}
        for fmt in FORMATS:
            query = request.GET.copy() if path is None else QueryDict(mutable=True)
            query.pop("side", None)
            query["format"] = fmt
            if self.slug:
                query["liste"] = self.slug
            else:
                query.pop("liste", None)
            urls[fmt] = f"{path or request.path}?{query.urlencode()}"
        return urls
