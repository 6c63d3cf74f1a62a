"""The export mechanism: CSV for Danish Excel, XLSX, formula injection, links and logging."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.http import Http404
from django.test import RequestFactory
from openpyxl import load_workbook

from samskab.core.exports import Column, Export, neutralise, write_csv, write_xlsx
from samskab.core.models import AccessAction, AccessLogEntry
from samskab.people.tests.factories import CitizenFactory, UserFactory


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+45 1234", "'+45 1234"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Mille", "Mille"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised(text, expected):
    assert neutralise(text) == expected


def test_csv_has_bom_semicolons_decimal_comma_and_no_live_formulas():
    content = write_csv(
        ["Navn", "Beløb"],
        [["=cmd|' /C calc'!A0", Decimal("12.50")], ["Søren Ærø", 3], [None, True]],
    )

    rows = read_csv(content)

    assert rows[0] == ["Navn", "Beløb"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "12,50"]
    assert rows[2] == ["Søren Ærø", "3"]
    assert rows[3] == ["", "Ja"]


def test_xlsx_opens_with_the_header_row_and_typed_values():
    stamp = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)
    content = write_xlsx(
        ["Navn", "Dato", "Tidspunkt", "Tal"],
        [["@evil", datetime.date(2026, 11, 2), stamp, Decimal("1.5")]],
    )

    sheet = load_workbook(io.BytesIO(content)).active
    assert [c.value for c in sheet[1]] == ["Navn", "Dato", "Tidspunkt", "Tal"]
    name, day, moment, number = (c.value for c in sheet[2])
    assert name == "'@evil"
    assert day.date() == datetime.date(2026, 11, 2)
    assert moment.tzinfo is None
    assert number == 1.5


CITIZENS = Export(
    "borgere",
    [Column("Navn", "display_name"), Column("Organisation", "organisation.name")],
    citizen_id_of=lambda c: c.pk,
    purpose="Test",
)


@pytest.mark.django_db
def test_export_of_citizen_data_logs_one_entry_per_row():
    request = RequestFactory().get("/borgere/", {"format": "csv"})
    request.user = UserFactory()
    citizens = [CitizenFactory(), CitizenFactory()]

    response = CITIZENS.respond(request, citizens)

    assert response["Content-Disposition"].startswith('attachment; filename="borgere-')
    assert len(read_csv(response.content)) == 3
    entries = AccessLogEntry.objects.filter(action=AccessAction.EXPORT)
    assert sorted(entries.values_list("citizen_id", flat=True)) == sorted(c.pk for c in citizens)


def test_export_of_citizen_data_must_state_a_purpose():
    with pytest.raises(ValueError, match="purpose"):
        Export("x", [], citizen_id_of=lambda c: c.pk)


def test_a_request_without_format_or_for_another_list_is_not_an_export():
    factory = RequestFactory()
    named = Export("x", [], slug="liste-a")

    assert CITIZENS.respond(factory.get("/"), []) is None
    assert CITIZENS.respond(factory.get("/", {"format": "pdf"}), []) is None
    assert named.respond(factory.get("/", {"format": "csv"}), []) is None
    assert named.respond(factory.get("/", {"format": "csv", "liste": "liste-b"}), []) is None
    assert named.respond(factory.get("/", {"format": "csv", "liste": "liste-a"}), []) is not None


def test_unknown_format_in_a_path_is_404():
    with pytest.raises(Http404):
        Export("x", []).response(RequestFactory().get("/"), [], "exe")


def test_links_keep_filters_but_not_the_page_number():
    request = RequestFactory().get("/liste/", {"q": "æble", "side": "3"})

    links = Export("x", [], slug="a").links(request, "ting")

    assert links["label"] == "ting"
    assert links["csv"] == "/liste/?q=%C3%A6ble&format=csv&liste=a"
    assert links["xlsx"].endswith("format=xlsx&liste=a")
