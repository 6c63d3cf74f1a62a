"""Import of organisations, units and staff from CSV or XLSX (e.g. an HR export).

`import_file(kind, filename, content, by=..., dry_run=...)` is the one entry point. It
reads the file, then handles every row inside one transaction: the dry run and the real
run take the same path, and the transaction is rolled back after a dry run or when any
row is rejected, so an import stores all rows or none. The report lists every rejected
row (row number, column, Danish message) and what would be (or was) created or updated.

Importing the same file twice updates rows in place (natural keys: organisation name;
organisation and unit name; staff e-mail), it never duplicates them. An empty optional
cell keeps what is stored. Roles are only added, never removed; platform administrator
and citizen roles cannot be imported.
"""

import csv
import io
import logging
import zipfile
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    AuthorityArea,
    Organisation,
    OrganisationKind,
    Role,
    RoleAssignment,
    StaffMember,
    Unit,
)

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
EXTENSIONS = (".csv", ".xlsx")
#: Roles an HR import may grant. Administrators and citizens are never created from a file.
IMPORTABLE_ROLES = [
    Role.FACILITATOR,
    Role.LEADER,
    Role.PROFESSIONAL,
    Role.SUPERVISOR,
    Role.RESEARCHER,
    Role.DATA_PROTECTION_OFFICER,
    Role.NETWORK_COORDINATOR,
]


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisationer", gettext_lazy("Organisationer")
    UNITS = "enheder", gettext_lazy("Enheder")
    STAFF = "medarbejdere", gettext_lazy("Medarbejdere")


@dataclass(frozen=True)
class ImportColumn:
    name: str
    required: bool
    example: str
    description: str


def _choice_list(choices) -> str:
    return ", ".join(value for value, _label in choices)


COLUMNS = {
    ImportKind.ORGANISATIONS: [
        ImportColumn("navn", True, "Aarhus Kommune", gettext_lazy("Organisationens navn (nøgle).")),
        ImportColumn("type", True, "kommune", _choice_list(OrganisationKind.choices)),
        ImportColumn(
            "kode",
            False,
            "0751",
            gettext_lazy("Kommune- eller regionskode, fire cifre; kun kommuner/regioner."),
        ),
    ],
    ImportKind.UNITS: [
        ImportColumn(
            "organisation", True, "Aarhus Kommune", gettext_lazy("Organisationens navn eller kode.")
        ),
        ImportColumn(
            "navn",
            True,
            "Jobcenter Aarhus",
            gettext_lazy("Enhedens navn (nøgle i organisationen)."),
        ),
        ImportColumn("myndighedsområde", True, "jobcenter", _choice_list(AuthorityArea.choices)),
    ],
    ImportKind.STAFF: [
        ImportColumn(
            "e-mail", True, "anna@aarhus.dk", gettext_lazy("Medarbejderens e-mail (nøgle).")
        ),
        ImportColumn("fornavn", True, "Anna", ""),
        ImportColumn("efternavn", True, "Hansen", ""),
        ImportColumn(
            "organisation", True, "Aarhus Kommune", gettext_lazy("Organisationens navn eller kode.")
        ),
        ImportColumn(
            "enhed", False, "Jobcenter Aarhus", gettext_lazy("En enhed i organisationen.")
        ),
        ImportColumn("stilling", False, "Jobkonsulent", ""),
        ImportColumn(
            "roller",
            False,
            "professional, supervisor",
            format_lazy(
                gettext_lazy("Adskilt med komma: {roles}"),
                roles=", ".join(str(r.value) for r in IMPORTABLE_ROLES),
            ),
        ),
    ],
}


@dataclass
class RowError:
    row: int | None  # None: the file as a whole
    column: str
    message: str


@dataclass
class RowChange:
    row: int
    action: str  # "create", "update" or "unchanged"
    label: str

    @property
    def action_label(self):
        return {
            "create": _("Oprettes"),
            "update": _("Opdateres"),
            "unchanged": _("Uændret"),
        }[self.action]


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    errors: list[RowError] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)
    stored: bool = False

    def count(self, action):
        return sum(1 for change in self.changes if change.action == action)

    @property
    def created(self):
        return self.count("create")

    @property
    def updated(self):
        return self.count("update")

    @property
    def unchanged(self):
        return self.count("unchanged")


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, too big, empty, columns missing."""


class _RollbackError(Exception):
    pass


# --- reading the file -------------------------------------------------------------------


def check_upload(filename: str, size: int) -> None:
    """Type and size, before the content is read (the form and `import_file` both ask)."""
    if not filename.lower().endswith(EXTENSIONS):
        raise ImportFileError(_("Forkert filtype. Vælg en CSV- eller XLSX-fil."))
    if size > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            _("Filen er for stor. Den må højst fylde %(mb)s MB.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if size == 0:
        raise ImportFileError(_("Filen er tom."))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_csv(content: bytes) -> list[list[str]]:
    if b"\x00" in content:
        raise ImportFileError(_("Forkert filtype. Filen er ikke en CSV-fil."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # CSV saved by Danish Excel
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    if not content.startswith(b"PK"):
        raise ImportFileError(_("Forkert filtype. Filen er ikke et Excel-regneark (XLSX)."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(_("Filen kunne ikke læses som et Excel-regneark (XLSX).")) from error
    try:
        sheet = workbook.worksheets[0]
        return [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_rows(kind: str, filename: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(row number as the spreadsheet shows it, {column: value}) for every non-empty row."""
    check_upload(filename, len(content))
    table = _read_xlsx(content) if filename.lower().endswith(".xlsx") else _read_csv(content)
    if not table or not any(_text(v) for v in table[0]):
        raise ImportFileError(_("Filen har ingen overskriftsrække."))
    headers = [_text(h).lower().rstrip("*").strip() for h in table[0]]
    missing = [c.name for c in COLUMNS[kind] if c.required and c.name not in headers]
    if missing:
        raise ImportFileError(
            _("Kolonnen mangler i filen: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows = []
    for number, values in enumerate(table[1:], start=2):
        values = [_text(v) for v in values]
        if not any(values):
            continue
        rows.append(
            (
                number,
                {h: (values[i] if i < len(values) else "") for i, h in enumerate(headers) if h},
            )
        )
    if not rows:
        raise ImportFileError(_("Filen indeholder ingen rækker under overskrifterne."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("Filen har for mange rækker. Højst %(max)s ad gangen.") % {"max": MAX_ROWS}
        )
    return rows


# --- the import -------------------------------------------------------------------------


def import_file(kind: str, filename: str, content: bytes, *, by, dry_run: bool) -> ImportReport:
    """Read and import one file; all rows or none are stored (a dry run stores none)."""
    report = ImportReport(kind=kind, dry_run=dry_run)
    try:
        rows = read_rows(kind, filename, content)
    except ImportFileError as error:
        report.errors.append(RowError(None, "", str(error)))
        return report
    importer = {
        ImportKind.ORGANISATIONS: _OrganisationImporter,
        ImportKind.UNITS: _UnitImporter,
        ImportKind.STAFF: _StaffImporter,
    }[kind](report)
    try:
        with transaction.atomic():
            for number, row in rows:
                importer.row(number, row)
            if report.errors or dry_run:
                raise _RollbackError
    except _RollbackError:
        pass
    else:
        report.stored = True
        logger.info(
            "Import of %s by %s: %s created, %s updated",
            kind,
            by,
            report.created,
            report.updated,
        )
    return report


def _lookup(value: str, choices) -> str | None:
    """A choice given by its value or its Danish label, in any case."""
    wanted = value.strip().lower()
    for choice_value, label in choices:
        if wanted in (str(choice_value).lower(), str(label).lower()):
            return choice_value
    return None


class _Importer:
    kind: str

    def __init__(self, report: ImportReport):
        self.report = report
        self.seen: dict = {}

    def error(self, number, column, message):
        self.report.errors.append(RowError(number, column, message))

    def required(self, number, row) -> bool:
        ok = True
        for column in COLUMNS[self.kind]:
            if column.required and not row.get(column.name):
                self.error(number, column.name, _("Feltet skal udfyldes."))
                ok = False
        return ok

    def once(self, number, column, key, what) -> bool:
        """False (and an error) when the file names the same thing twice."""
        if key in self.seen:
            self.error(
                number,
                column,
                _("%(what)s står også i række %(row)s.") % {"what": what, "row": self.seen[key]},
            )
            return False
        self.seen[key] = number
        return True

    def organisation(self, number, value) -> Organisation | None:
        """An existing organisation named by its name or its official code."""
        code = value.zfill(4) if value.isdigit() else None
        organisation = Organisation.objects.filter(name__iexact=value).first() or (
            Organisation.objects.filter(official_code=code).first() if code else None
        )
        if organisation is None:
            self.error(
                number, "organisation", _("Ukendt organisation »%(name)s«.") % {"name": value}
            )
        return organisation

    def save(self, number, obj, fields_to_columns) -> str | None:
        """Validate and save one object in a savepoint; 'create', 'update', 'unchanged'."""
        is_new = obj.pk is None
        changed = is_new or self._changed(obj)
        try:
            obj.full_clean()
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                column = fields_to_columns.get(field_name, "")
                for message in messages:
                    self.error(number, column, message)
            return None
        if not changed:
            return "unchanged"
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError:
            self.error(number, "", _("Rækken strider mod en eksisterende række."))
            return None
        return "create" if is_new else "update"

    @staticmethod
    def _changed(obj) -> bool:
        stored = type(obj).objects.filter(pk=obj.pk).values().first() or {}
        return any(
            stored.get(f.attname) != getattr(obj, f.attname)
            for f in obj._meta.concrete_fields
            if f.attname in stored and f.attname not in ("created_at", "updated_at")
        )


class _OrganisationImporter(_Importer):
    kind = ImportKind.ORGANISATIONS

    def row(self, number, row):
        if not self.required(number, row):
            return
        name, code = row["navn"], row.get("kode", "")
        if code.isdigit() and len(code) < 4:
            code = code.zfill(4)  # spreadsheets drop the leading zero of 0751
        kind = _lookup(row["type"], OrganisationKind.choices)
        if kind is None:
            self.error(
                number,
                "type",
                _("Ukendt organisationstype »%(value)s«. Brug en af: %(choices)s.")
                % {"value": row["type"], "choices": _choice_list(OrganisationKind.choices)},
            )
            return
        if not self.once(number, "navn", ("name", name.lower()), _("Organisationen")):
            return
        if code and not self.once(number, "kode", ("code", kind, code), _("Koden")):
            return
        organisation = Organisation.objects.filter(name__iexact=name).first() or Organisation()
        if code:
            holder = (
                Organisation.objects.filter(kind=kind, official_code=code)
                .exclude(pk=organisation.pk)
                .first()
            )
            if holder:
                self.error(
                    number,
                    "kode",
                    _("Koden %(code)s bruges allerede af %(name)s.")
                    % {"code": code, "name": holder.name},
                )
                return
        organisation.name = organisation.name or name
        organisation.kind = kind
        organisation.official_code = code or organisation.official_code
        action = self.save(
            number, organisation, {"name": "navn", "kind": "type", "official_code": "kode"}
        )
        if action:
            self.report.changes.append(RowChange(number, action, name))


class _UnitImporter(_Importer):
    kind = ImportKind.UNITS

    def row(self, number, row):
        if not self.required(number, row):
            return
        organisation = self.organisation(number, row["organisation"])
        area = _lookup(row["myndighedsområde"], AuthorityArea.choices)
        if area is None:
            self.error(
                number,
                "myndighedsområde",
                _("Ukendt myndighedsområde »%(value)s«. Brug en af: %(choices)s.")
                % {
                    "value": row["myndighedsområde"],
                    "choices": _choice_list(AuthorityArea.choices),
                },
            )
        if organisation is None or area is None:
            return
        name = row["navn"]
        if not self.once(number, "navn", (organisation.pk, name.lower()), _("Enheden")):
            return
        unit = Unit.objects.filter(organisation=organisation, name__iexact=name).first() or Unit(
            organisation=organisation, name=name
        )
        unit.authority_area = area
        action = self.save(number, unit, {"name": "navn", "authority_area": "myndighedsområde"})
        if action:
            self.report.changes.append(RowChange(number, action, f"{name} ({organisation})"))


class _StaffImporter(_Importer):
    kind = ImportKind.STAFF

    def row(self, number, row):
        if not self.required(number, row):
            return
        email = row["e-mail"].lower()
        try:
            validate_email(email)
        except ValidationError:
            self.error(
                number, "e-mail", _("Ugyldig e-mailadresse »%(value)s«.") % {"value": row["e-mail"]}
            )
            return
        organisation = self.organisation(number, row["organisation"])
        roles = self._roles(number, row.get("roller", ""))
        unit = None
        if organisation and row.get("enhed"):
            unit = organisation.units.filter(name__iexact=row["enhed"]).first()
            if unit is None:
                self.error(
                    number,
                    "enhed",
                    _("Ukendt enhed »%(unit)s« i %(organisation)s.")
                    % {"unit": row["enhed"], "organisation": organisation},
                )
                return
        if organisation is None or roles is None:
            return
        if not self.once(number, "e-mail", ("email", email), _("E-mailadressen")):
            return
        user_model = get_user_model()
        users = list(user_model.objects.filter(email__iexact=email)[:2])
        if len(users) > 1:
            self.error(number, "e-mail", _("Flere brugere har denne e-mailadresse."))
            return
        user = users[0] if users else user_model(username=email, email=email)
        if user.pk is None and user_model.objects.filter(username__iexact=email).exists():
            self.error(number, "e-mail", _("Brugernavnet findes allerede for en anden bruger."))
            return
        if user.pk is None:
            user.set_unusable_password()  # they log in through single sign-on or reset it
        user.first_name, user.last_name = row["fornavn"][:150], row["efternavn"][:150]
        user_action = self.save(
            number, user, {"first_name": "fornavn", "last_name": "efternavn", "email": "e-mail"}
        )
        if user_action is None:
            return
        staff = StaffMember.objects.filter(user=user).first() or StaffMember(user=user)
        if staff.organisation_id != organisation.pk:
            staff.unit = None  # a unit belongs to one organisation
        staff.organisation = organisation
        staff.unit = unit or staff.unit
        staff.job_title = row.get("stilling", "")[:200] or staff.job_title
        staff_action = self.save(
            number,
            staff,
            {"unit": "enhed", "job_title": "stilling", "organisation": "organisation"},
        )
        if staff_action is None:
            return
        new_roles = [
            role
            for role in roles
            if not RoleAssignment.objects.filter(
                user=user, role=role, organisation=organisation
            ).exists()
        ]
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=user, role=role, organisation=organisation) for role in new_roles
        )
        outcomes = {user_action, staff_action} | ({"update"} if new_roles else set())
        action = next(a for a in ("create", "update", "unchanged") if a in outcomes)
        self.report.changes.append(
            RowChange(number, action, f"{row['fornavn']} {row['efternavn']} <{email}>")
        )

    def _roles(self, number, value) -> list[str] | None:
        roles = []
        for part in value.replace(";", ",").split(","):
            if not part.strip():
                continue
            role = _lookup(part, [(r.value, r.label) for r in IMPORTABLE_ROLES])
            if role is None:
                self.error(
                    number,
                    "roller",
                    _("Ukendt rolle »%(value)s«. Brug en af: %(choices)s.")
                    % {
                        "value": part.strip(),
                        "choices": ", ".join(str(r.value) for r in IMPORTABLE_ROLES),
                    },
                )
                return None
            roles.append(role)
        return roles


def template_rows(kind: str) -> tuple[list[str], list[list[str]]]:
    """Header and one example row for the downloadable template."""
    columns = COLUMNS[kind]
    return [c.name for c in columns], [[c.example for c in columns]]
