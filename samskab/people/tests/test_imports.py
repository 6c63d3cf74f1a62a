"""Imports of organisations, units and staff: dry run, all-or-nothing, idempotence, the page."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from samskab.people.imports import MAX_UPLOAD_BYTES, ImportKind, import_file
from samskab.people.models import (
    Organisation,
    OrganisationKind,
    Role,
    RoleAssignment,
    StaffMember,
    Unit,
)
from samskab.people.tests.factories import OrganisationFactory, UnitFactory, user_with_role

pytestmark = pytest.mark.django_db

User = get_user_model()


def csv_bytes(rows):
    return ("\ufeff" + "\n".join(";".join(row) for row in rows)).encode("utf-8")


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ANNA = ["anna@aarhus.dk", "Anna", "Hansen", "Prøveby Kommune", "Jobcenter Aarhus", "", "fagperson"]
STAFF_HEADER = ["e-mail", "fornavn", "efternavn", "organisation", "enhed", "stilling", "roller"]


@pytest.fixture
def aarhus():
    organisation = OrganisationFactory(name="Prøveby Kommune", official_code="0042")
    UnitFactory(organisation=organisation, name="Jobcenter Aarhus")
    return organisation


@pytest.fixture
def admin():
    return user_with_role(Role.ADMIN)


def staff_rows_with_errors():
    return [
        STAFF_HEADER,
        [
            "anna@aarhus.dk",
            "Anna",
            "Hansen",
            "Prøveby Kommune",
            "Jobcenter Aarhus",
            "",
            "fagperson",
        ],
        ["ikke-en-mail", "Bo", "Berg", "Prøveby Kommune", "", "", ""],
        ["carl@x.dk", "Carl", "Dam", "Ukendt Kommune", "", "", ""],
        ["dorte@aarhus.dk", "Dorte", "", "Prøveby Kommune", "", "", ""],
        ["erik@aarhus.dk", "Erik", "Ek", "0042", "", "", "chef"],
        ["ANNA@aarhus.dk", "Anna", "Hansen", "Prøveby Kommune", "", "", ""],
        ["fie@aarhus.dk", "Fie", "Fos", "Prøveby Kommune", "", "", "Platformadministrator"],
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_dry_run_reports_every_bad_row_and_stores_nothing(aarhus, admin, fmt):
    rows = staff_rows_with_errors()
    content = csv_bytes(rows) if fmt == "csv" else xlsx_bytes(rows)

    report = import_file(ImportKind.STAFF, f"hr.{fmt}", content, by=admin, dry_run=True)

    problems = {(e.row, e.column) for e in report.errors}
    assert problems == {
        (3, "e-mail"),
        (4, "organisation"),
        (5, "efternavn"),
        (6, "roller"),
        (7, "e-mail"),
        (8, "roller"),
    }
    messages = {e.row: e.message for e in report.errors}
    assert messages[3] == "Ugyldig e-mailadresse »ikke-en-mail«."
    assert messages[4] == "Ukendt organisation »Ukendt Kommune«."
    assert messages[5] == "Feltet skal udfyldes."
    assert messages[6].startswith("Ukendt rolle »chef«.")
    assert messages[7] == "E-mailadressen står også i række 2."
    assert [(c.row, c.action) for c in report.changes] == [(2, "create")]
    assert not report.stored
    assert not User.objects.filter(email__iexact="anna@aarhus.dk").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_real_run_with_one_bad_row_stores_nothing(aarhus, admin, fmt):
    rows = [
        STAFF_HEADER,
        [
            "anna@aarhus.dk",
            "Anna",
            "Hansen",
            "Prøveby Kommune",
            "Jobcenter Aarhus",
            "",
            "fagperson",
        ],
        ["bo@aarhus.dk", "Bo", "Berg", "Prøveby Kommune", "Ukendt enhed", "", ""],
    ]
    content = csv_bytes(rows) if fmt == "csv" else xlsx_bytes(rows)

    report = import_file(ImportKind.STAFF, f"hr.{fmt}", content, by=admin, dry_run=False)

    assert [(e.row, e.column) for e in report.errors] == [(3, "enhed")]
    assert not report.stored
    assert not User.objects.filter(email="anna@aarhus.dk").exists()
    assert not StaffMember.objects.filter(organisation=aarhus).exists()


def test_staff_import_creates_user_staff_record_and_roles(aarhus, admin):
    content = csv_bytes(staff_rows_with_errors()[:2])

    report = import_file(ImportKind.STAFF, "hr.csv", content, by=admin, dry_run=False)

    assert report.stored and report.created == 1
    user = User.objects.get(email="anna@aarhus.dk")
    assert not user.has_usable_password()
    assert user.staff_member.unit.name == "Jobcenter Aarhus"
    assert set(RoleAssignment.objects.filter(user=user).values_list("role", "organisation")) == {
        (Role.PROFESSIONAL, aarhus.pk)
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_importing_the_same_file_twice_updates_and_never_duplicates(aarhus, admin, fmt):
    def run(title):
        rows = [
            STAFF_HEADER,
            ["anna@aarhus.dk", "Anna", "Hansen", "Prøveby Kommune", "", title, "fagperson, leder"],
        ]
        content = csv_bytes(rows) if fmt == "csv" else xlsx_bytes(rows)
        return import_file(ImportKind.STAFF, f"hr.{fmt}", content, by=admin, dry_run=False)

    assert run("Jobkonsulent").created == 1
    again = run("Jobkonsulent")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = run("Teamleder")
    assert changed.updated == 1
    assert User.objects.filter(email="anna@aarhus.dk").count() == 1
    assert StaffMember.objects.get(user__email="anna@aarhus.dk").job_title == "Teamleder"
    assert RoleAssignment.objects.filter(user__email="anna@aarhus.dk").count() == 2


def test_organisation_import_checks_type_duplicate_names_and_codes(admin):
    # Denmark's municipalities and regions are already there (people migration 0004).
    content = csv_bytes(
        [
            ["navn", "type", "kode"],
            ["Prøveby Kommune", "kommune", "42"],
            ["Region Prøve", "Region", "1099"],
            ["Prøveby Kommune", "kommune", "0042"],
            ["Falsk Kommune", "kommune", "0561"],
            ["Foreningen", "forening", ""],
            ["VIA", "vidensinstitution", "1234"],
            ["", "kommune", ""],
        ]
    )

    report = import_file(ImportKind.ORGANISATIONS, "org.csv", content, by=admin, dry_run=True)

    assert {(e.row, e.column) for e in report.errors} == {
        (4, "navn"),
        (5, "kode"),
        (6, "type"),
        (7, "kode"),
        (8, "navn"),
    }
    assert "bruges allerede af Esbjerg Kommune" in report.errors[1].message
    assert [c.row for c in report.changes] == [2, 3]
    assert not Organisation.objects.filter(name="Prøveby Kommune").exists()


def test_organisation_import_keeps_the_leading_zero_and_is_idempotent(admin):
    content = xlsx_bytes([["Navn", "Type", "Kode"], ["Prøveby Kommune", "kommune", 42]])

    first = import_file(ImportKind.ORGANISATIONS, "org.xlsx", content, by=admin, dry_run=False)
    second = import_file(ImportKind.ORGANISATIONS, "org.xlsx", content, by=admin, dry_run=False)

    assert first.created == 1 and second.unchanged == 1
    assert Organisation.objects.get(name="Prøveby Kommune").official_code == "0042"
    assert Organisation.objects.filter(name="Prøveby Kommune").count() == 1


def test_unit_import_finds_the_organisation_by_name_or_code(aarhus, admin):
    content = csv_bytes(
        [
            ["organisation", "navn", "myndighedsområde"],
            ["0042", "Familieenheden", "Familieenhed"],
            ["Prøveby Kommune", "Jobcenter Aarhus", "jobcenter"],
            ["Prøveby Kommune", "Skolen", "skolevæsen"],
        ]
    )

    dry = import_file(ImportKind.UNITS, "u.csv", content, by=admin, dry_run=True)
    assert [(e.row, e.column) for e in dry.errors] == [(4, "myndighedsområde")]

    fixed = content.replace("skolevæsen".encode(), b"school")
    report = import_file(ImportKind.UNITS, "u.csv", fixed, by=admin, dry_run=False)
    assert report.stored
    assert [c.action for c in report.changes] == ["create", "update", "create"]
    assert set(Unit.objects.filter(organisation=aarhus).values_list("name", flat=True)) == {
        "Familieenheden",
        "Jobcenter Aarhus",
        "Skolen",
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hr.pdf", b"%PDF-1.4", "Forkert filtype"),
        ("hr.xlsx", b"navn;type\nA;kommune", "ikke et Excel-regneark"),
        ("hr.xlsx", b"PK\x03\x04broken", "kunne ikke læses"),
        ("hr.csv", b"navn;kode\nA;1", "Kolonnen mangler i filen: type"),
        ("hr.csv", b"navn;type\n", "ingen rækker"),
        ("hr.csv", b"x" * (MAX_UPLOAD_BYTES + 1), "for stor"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_danish_message(admin, name, content, message):
    report = import_file(ImportKind.ORGANISATIONS, name, content, by=admin, dry_run=True)

    assert len(report.errors) == 1 and report.errors[0].row is None
    assert message in report.errors[0].message


def test_csv_from_danish_excel_in_windows_1252_is_read(admin):
    content = "navn,type\nKøgeby Kommune,kommune\n".encode("cp1252")

    report = import_file(ImportKind.ORGANISATIONS, "org.csv", content, by=admin, dry_run=False)

    assert report.stored
    assert Organisation.objects.filter(name="Køgeby Kommune", kind=OrganisationKind.MUNICIPALITY)


# --- the pages ----------------------------------------------------------------------------


def upload(client, kind, name, content):
    return client.post(
        reverse("people:import"),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def test_admin_checks_then_imports_a_file(client, admin):
    client.force_login(admin)
    content = csv_bytes([["navn", "type", "kode"], ["Prøveby Kommune", "kommune", "0042"]])

    dry = upload(client, ImportKind.ORGANISATIONS, "org.csv", content)
    assert dry.status_code == 200
    assert "1 oprettes" in dry.content.decode()
    assert not Organisation.objects.filter(name="Prøveby Kommune").exists()

    digest = dry.context["digest"]
    done = client.post(reverse("people:import-confirm"), {"digest": digest})
    assert done.status_code == 302
    assert Organisation.objects.filter(name="Prøveby Kommune").exists()
    # The session's file is used once.
    again = client.post(reverse("people:import-confirm"), {"digest": digest})
    assert again.status_code == 302
    assert Organisation.objects.filter(name="Prøveby Kommune").count() == 1


def test_page_shows_the_rejected_rows_and_offers_no_import(client, admin):
    client.force_login(admin)
    content = csv_bytes([["navn", "type"], ["A", "kommune"], ["B", "planet"]])

    response = upload(client, ImportKind.ORGANISATIONS, "org.csv", content)

    body = response.content.decode()
    assert "Ukendt organisationstype »planet«" in body
    assert "Importér nu" not in body
    assert not Organisation.objects.filter(name__in=["A", "B"]).exists()


def test_wrong_file_type_is_refused_by_the_form(client, admin):
    client.force_login(admin)

    response = upload(client, ImportKind.STAFF, "hr.exe", b"MZ")

    assert response.status_code == 200
    assert "Forkert filtype" in response.content.decode()


@pytest.mark.parametrize("role", [Role.LEADER, Role.FACILITATOR, Role.CITIZEN])
def test_only_platform_admins_may_import(client, role):
    client.force_login(user_with_role(role))

    assert client.get(reverse("people:import")).status_code == 403
    assert client.post(reverse("people:import-confirm"), {"digest": "x"}).status_code == 403
    template = reverse("people:import-template", args=["enheder", "csv"])
    assert client.get(template).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("people:import"))

    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("kind", ImportKind.values)
def test_templates_have_the_columns_and_import_cleanly(client, admin, kind):
    client.force_login(admin)
    aarhus = Organisation.objects.get(name="Aarhus Kommune")  # the templates' example
    UnitFactory(organisation=aarhus, name="Jobcenter Aarhus")

    xlsx = client.get(reverse("people:import-template", args=[kind, "xlsx"]))
    csv_file = client.get(reverse("people:import-template", args=[kind, "csv"]))

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value in ("navn", "organisation", "e-mail")
    content = b"".join(csv_file.streaming_content) if csv_file.streaming else csv_file.content
    if kind != ImportKind.ORGANISATIONS:  # the example organisation already exists there
        report = import_file(kind, "t.csv", content, by=admin, dry_run=True)
        assert report.errors == []
