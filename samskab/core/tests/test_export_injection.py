"""Formula injection: every CSV and XLSX file Samskab produces escapes cells a spreadsheet
would run, and nothing writes such a file except `samskab/core/exports.py`.

The walk loads the demo, prefixes every stored text with a payload (`=HYPERLINK(…)`, `+1`,
`-1`, `@SUM(1)`, a leading tab, a leading carriage return), downloads every export as a
user who may, and reads every cell back. The project's `Export` declarations are found by
importing every module, so a new export without a row in `CASES` fails here.
"""

import csv
import datetime
import importlib
import io
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Concat, Left
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.safestring import mark_safe
from openpyxl import load_workbook

import samskab
from samskab.core.access import pk_of
from samskab.core.exports import Export, write_csv, write_xlsx
from samskab.core.models import AccessLogEntry

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(1)", "\tfane", "\rlinje"]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")
NUMBER = re.compile(r"-\d+(,\d+)?")  # a negative number in a numeric column stays readable
SAMSKAB_DIR = Path(samskab.__file__).parent


def _norm(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")  # XML reads a CR back as LF


def unsafe_cells(rows) -> list[str]:
    """Cells a spreadsheet would treat as a formula (header included)."""
    problems = []
    for row in rows:
        for cell in row:
            if not isinstance(cell, str) or not cell:
                continue
            if cell.startswith(DANGEROUS) and not NUMBER.fullmatch(cell):
                problems.append(repr(cell[:40]))
    return problems


def escaped(rows, payload: str) -> bool:
    """Whether some cell begins with the payload, escaped with a leading apostrophe (only its
    first character: research screening masks words such as HYPERLINK)."""
    want = "'" + _norm(payload[0])
    return any(isinstance(c, str) and _norm(c).startswith(want) for row in rows for c in row)


def read_file(response) -> tuple[str, list[list]]:
    disposition = response["Content-Disposition"]
    filename = re.search(r'filename="([^"]+)"', disposition).group(1)
    if filename.endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(response.content)).active
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{filename}: formula in {cell.coordinate}"
        return filename, [list(row) for row in sheet.iter_rows(values_only=True)]
    assert response.content.startswith("\ufeff".encode()), filename
    text = response.content.decode("utf-8-sig")
    return filename, list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


# The mechanism: every kind of value, both formats ----------------------------------------


class Named:
    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


VALUE_KINDS: dict[str, Callable[[str], object]] = {
    "text": str,
    "lazy text": lazy(str, str),
    "safe text": mark_safe,
    "list": lambda p: [p, "b"],
    "tuple": lambda p: (p,),
    "object": Named,
}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("kind", VALUE_KINDS)
@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_every_kind_of_value_is_escaped_in_both_formats(payload, kind, writer):
    value = VALUE_KINDS[kind](payload)
    content = writer([payload, "Navn"], [[value, "ok"]])
    if writer is write_xlsx:
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    else:
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert not unsafe_cells(rows)
    assert _norm(rows[0][0]) == _norm("'" + payload)  # the header too
    assert _norm(rows[1][0]).startswith(_norm("'" + payload))


def test_ordinary_values_stay_readable():
    row = ["Før - efter", "-", -3, Decimal("-1.50"), -2.5, datetime.date(2026, 1, 2), "a=b"]
    rows = list(
        csv.reader(
            io.StringIO(write_csv(list("abcdefg"), [row]).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[1] == ["Før - efter", "'-", "-3", "-1,50", "-2,5", "2026-01-02", "a=b"]
    sheet = load_workbook(io.BytesIO(write_xlsx(list("abcdefg"), [row]))).active
    values = next(sheet.iter_rows(min_row=2, values_only=True))
    assert values[:5] == ("Før - efter", "'-", -3, -1.5, -2.5)  # numbers stay numbers


# Nothing else writes a spreadsheet --------------------------------------------------------

HAND_WRITTEN = re.compile(r"csv\.writer|csv\.DictWriter|Workbook\(|text/csv|spreadsheetml")


def test_no_module_outside_core_exports_writes_csv_or_xlsx():
    offenders = []
    for path in SAMSKAB_DIR.rglob("*.py"):
        relative = path.relative_to(SAMSKAB_DIR)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        if relative == Path("core/exports.py"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if HAND_WRITTEN.search(line):
                offenders.append(f"samskab/{relative}:{number}: {line.strip()}")
    assert not offenders, "write files through samskab.core.exports:\n" + "\n".join(offenders)


def project_exports() -> dict[str, list[Export]]:
    """Every module-level `Export` in the project (tests and migrations aside), by name."""
    found: dict[str, list[Export]] = {}
    for info in pkgutil.walk_packages(samskab.__path__, "samskab."):
        if ".tests" in info.name or ".migrations" in info.name:
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, Export) and value not in found.get(value.name, []):
                found.setdefault(value.name, []).append(value)
    return found


# Every export of the app, end to end ------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One downloadable file: the export's name (its file name starts with it), who fetches
    it, the URL and query, and whether demo text must show up in it."""

    name: str
    user: str
    url: str
    kwargs: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    formats: tuple = ("csv", "xlsx")
    has_text: bool = True

    def requests(self):
        """(format, URL, query) for each format this case is fetched in."""
        kwargs = {k: v.resolve() if hasattr(v, "resolve") else v for k, v in self.kwargs.items()}
        for fmt in self.formats:
            if fmt == "file":  # a fixed-format download
                yield fmt, reverse(self.url, kwargs=kwargs), dict(self.query)
            elif "fmt" in kwargs:  # the format is part of the path
                yield fmt, reverse(self.url, kwargs={**kwargs, "fmt": fmt}), dict(self.query)
            else:
                yield fmt, reverse(self.url, kwargs=kwargs), {**self.query, "format": fmt}


ROUND = pk_of("partnerships.Round", theme="Psykisk sårbare unge voksne i Aarhus")
GATHERING = pk_of("partnerships.Gathering", title="Fællesmøde for partnerskaber i Borgerdesign")
TEAM = pk_of("pathways.Team", name="Team Midtbyen")
PATHWAY = pk_of("pathways.Pathway", citizen__display_name="Anders (fiktiv)")
ANDERS = pk_of("people.Citizen", display_name="Anders (fiktiv)")


def _workshop_query():
    today = timezone.localdate()
    return {
        "teams": [TEAM.resolve()],
        "date_from": (today - datetime.timedelta(days=365)).isoformat(),
        "date_to": today.isoformat(),
        "n_themes": "2",
    }


CASES = [
    Case("organisationer", "leder", "people:organisation-list"),
    Case("borgere", "fagperson", "people:citizen-list"),
    *(
        Case(
            f"skabelon-{kind}",
            "admin",
            "people:import-template",
            {"kind": kind, "fmt": "csv"},
            has_text=False,
        )
        for kind in ("organisationer", "enheder", "medarbejdere")
    ),
    Case("runder", "facilitator", "partnerships:index"),
    Case(
        "erfaringseksperter",
        "facilitator",
        "partnerships:round-detail",
        {"pk": ROUND},
        {"liste": "eksperter"},
    ),
    Case("ledere", "facilitator", "partnerships:round-detail", {"pk": ROUND}, {"liste": "ledere"}),
    Case(
        "partnerskaber",
        "facilitator",
        "partnerships:round-detail",
        {"pk": ROUND},
        {"liste": "partnerskaber"},
    ),
    Case("honorarer", "facilitator", "partnerships:payment-export", {"pk": ROUND, "fmt": "csv"}),
    Case(
        "faellesmoede",
        "facilitator",
        "partnerships:gathering-export",
        {"pk": GATHERING},
        formats=("file",),
    ),
    Case("borgerforloeb", "fagperson", "pathways:team-detail", {"pk": TEAM}, {"liste": "forloeb"}),
    Case(
        "manglende-opsamlinger", "fagperson", "pathways:team-list", query={"liste": "opsamlinger"}
    ),
    Case("moeder", "fagperson", "pathways:pathway-detail", {"pk": PATHWAY}, {"liste": "moeder"}),
    Case("workshopark", "fagperson", "pathways:workshop-csv", formats=("file",)),
    Case("ledelseskompas-runder", "esbjerg-leder", "compass:index", query={"liste": "kompas"}),
    Case("parathed-til-spredning", "esbjerg-leder", "compass:index", query={"liste": "parathed"}),
    Case("udrulninger", "esbjerg-leder", "compass:index", query={"liste": "udrulning"}),
    Case("maalinger", "fagperson", "outcomes:citizen-measurements", {"pk": ANDERS}),
    Case("projekter", "slagelse-leder", "innovation:portfolio"),
    Case("laering", "koordinator", "innovation:lesson-list"),
    Case("adgangslog", "dpo", "privacy:access-log-csv", formats=("file",)),
    Case("forskning-data", "dpo", "privacy:study-export", query={"del": "data"}, formats=("file",)),
    Case(
        "forskning-aggregater",
        "dpo",
        "privacy:study-export",
        query={"del": "aggregater"},
        formats=("file",),
    ),
]

# Names in the database that code looks up, and secrets: left as they are.
NOT_POISONED = re.compile(r"code|key|hash|token|slug|password|username|secret|salt|session")


def poison(payload: str) -> None:
    """Prefix every non-empty free text in the database with the payload."""
    user_model = get_user_model()
    for model in apps.get_models():
        if not (model.__module__.startswith("samskab.") or model is user_model):
            continue
        if model._meta.proxy or not model._meta.managed or model is AccessLogEntry:
            continue
        for f in model._meta.concrete_fields:
            if not isinstance(f, models.CharField | models.TextField) or f.choices:
                continue
            if f.primary_key or NOT_POISONED.search(f.name):
                continue
            if f.max_length and f.max_length < len(payload) + 20:
                continue
            value = Concat(models.Value(payload), models.F(f.name), output_field=models.TextField())
            if f.max_length:
                value = Left(value, f.max_length)
            rows = model._base_manager.exclude(**{f.name: ""}).exclude(
                **{f"{f.name}__isnull": True}
            )
            try:
                with transaction.atomic():
                    rows.update(**{f.name: value})
            except IntegrityError:
                continue  # a unique value that the prefix made collide: leave it


def fill_gaps_in_the_demo() -> dict[str, int]:
    """Text where the demo leaves the exported columns empty, and two approved studies of
    the DPO's organisation (record-level and aggregate); returns the studies' pks."""
    from samskab.outcomes.models import Measure, Measurement
    from samskab.pathways.models import Meeting
    from samskab.people.models import Citizen, Consent, ConsentPurpose, Organisation
    from samskab.privacy.models import ResearchStudy

    aarhus = Organisation.objects.get(name="Aarhus Kommune")
    measure = Measure.objects.order_by("pk").first()
    consenting = Consent.objects.active().filter(purpose=ConsentPurpose.RESEARCH)
    for citizen in Citizen.objects.filter(organisation=aarhus):
        Measurement.objects.create(
            citizen=citizen, measure=measure, value=Decimal("3"), measured_on=timezone.localdate()
        )
        if not consenting.filter(citizen=citizen).exists():
            Consent.objects.create(citizen=citizen, purpose=ConsentPurpose.RESEARCH)
    Meeting.objects.filter(pathway_id=PATHWAY.resolve()).update(other_participants="Mor")
    common = {"organisation": aarhus, "purpose": "Test", "approved_at": timezone.now()}
    records = ResearchStudy.objects.create(
        title="Records", has_record_level_approval=True, include_free_text=True, **common
    )
    aggregates = ResearchStudy.objects.create(title="Aggregates", **common)
    return {"forskning-data": records.pk, "forskning-aggregater": aggregates.pk}


def test_every_export_of_the_project_has_a_case():
    exports = project_exports()
    shared = {name: found for name, found in exports.items() if len(found) > 1}
    assert not shared, f"two exports share a file name: {sorted(shared)}"
    missing = set(exports) - {case.name for case in CASES}
    assert not missing, f"add a Case for these exports: {sorted(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
def test_every_export_escapes_every_cell(payload, demo_clients, settings):
    settings.RESEARCH_MIN_COHORT = 1
    settings.RESEARCH_MIN_CELL = 1
    study = fill_gaps_in_the_demo()
    planned = []
    for case in CASES:  # URLs first: the lookups use the demo's names, poisoned below
        if case.name in study:
            case = replace(case, kwargs={"pk": study[case.name]})
        if case.name == "workshopark":
            case = replace(case, query=_workshop_query())
        planned.append((case, list(case.requests())))
    poison(payload)

    problems = []
    for case, requests in planned:
        for fmt, url, query in requests:
            response = demo_clients[case.user].get(url, query)
            where = f"{case.name} ({fmt}, {case.user})"
            if response.status_code != 200 or "Content-Disposition" not in response:
                problems.append(f"{where}: no file ({response.status_code})")
                continue
            filename, rows = read_file(response)
            if not filename.startswith(case.name):
                problems.append(f"{where}: got {filename}")
            if bad := unsafe_cells(rows):
                problems.append(f"{where}: unescaped {', '.join(bad[:3])}")
            if case.has_text and not escaped(rows[1:], payload):
                problems.append(f"{where}: no demo text in the file ({len(rows) - 1} rows)")
    assert not problems, "\n".join(problems)
