"""One registry of personal data, filled by each app's `personal_data.py` (like the admin).

Each entry says which model holds data about a citizen, how to find a citizen's rows, what a
citizen gets in a right-of-access export, how the rows are erased (anonymised in place so that
reports keep their counts and averages, deleted, or kept with a stated reason) and, optionally,
how long they are kept. Access, erasure, retention and research exports all walk this registry,
and a test fails while a model related to a citizen is missing from it.

Each entry also names the consent purpose its data belongs to and the actions that write it,
with what the consent guard (`people.consent_guard`) refuses for each; a test walks every
declared writer and proves it refuses after withdrawal and under restriction.
"""

import datetime
import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules, import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: Stored in place of erased free text (Danish, the record's language).
REDACTED = "[slettet]"


class Erasure(enum.StrEnum):
    #: Keep the row (its numbers feed reports), blank or screen what identifies the citizen.
    ANONYMISE = "anonymise"
    #: Delete the rows: no report counts them.
    DELETE = "delete"
    #: Keep unchanged, for the stated reason (e.g. a legal obligation to keep records).
    KEEP = "keep"


ERASURE_LABELS = {
    Erasure.ANONYMISE: _("Anonymiseres (tal bevares)"),
    Erasure.DELETE: _("Slettes"),
    Erasure.KEEP: _("Bevares"),
}


@dataclass(frozen=True)
class Retention:
    """Rows whose `date_field` (a lookup) lies more than `days` back are erased as declared."""

    date_field: str
    days: int
    description: str | Promise

    def cutoff(self, now=None) -> datetime.datetime:
        return (now or timezone.now()) - datetime.timedelta(days=self.days)


class Guard(enum.StrEnum):
    #: Refused without consent to the purpose, and while processing is restricted.
    CONSENT = "consent"
    #: Refused only while processing is restricted: the write ends processing (e.g. closing a
    #: pathway), which must stay possible after a withdrawal.
    RESTRICTION = "restriction"
    #: Never refused, for the stated reason: the citizen's rights and the DPO's work.
    NONE = "none"


@dataclass(frozen=True)
class Writer:
    """An action that writes the entry's model, and what the consent guard refuses for it."""

    #: Dotted path of the action, e.g. "samskab.pathways.actions.add_plan_action".
    action: str
    guard: Guard = Guard.CONSENT
    #: Why the guard is weaker than CONSENT (required then).
    why: str | Promise = ""
    #: Overrides the entry's consent purpose (a copy such as the insight index).
    purpose: str = ""
    #: A bulk write that leaves out the citizens it may not process instead of refusing.
    leaves_out: bool = False

    @property
    def name(self) -> str:
        return self.action.rsplit(".", 1)[-1]

    def resolve(self) -> Callable:
        return import_string(self.action)


@dataclass(frozen=True)
class PersonalData:
    """How one model's personal data is found, exported, erased and counted."""

    model: type[models.Model]
    #: Lookup from the model to the citizen's primary key ("pk" for the citizen itself).
    citizen_path: str
    #: Fields a citizen gets in their own data (readable page and JSON).
    export_fields: tuple[str, ...]
    erasure: Erasure
    #: Why this erasure strategy (shown to the data-protection officer).
    why: str | Promise
    #: Field → value written on anonymisation (free text, names, places).
    blank: Mapping[str, object] = field(default_factory=dict)
    #: Free-text fields kept on anonymisation, with the citizen's name, e-mail and phone masked.
    screen: tuple[str, ...] = ()
    #: Extra anonymisation step: `anonymiser(queryset)` after blanking and screening.
    anonymiser: Callable[[models.QuerySet], None] | None = None
    retention: Retention | None = None
    #: Exported values that are stored in Danish and marked with gettext_noop.
    translated: tuple[str, ...] = ()
    #: Limits the export to rows that are the citizen's own (not e.g. a partner's notes).
    export_filter: Mapping[str, object] = field(default_factory=dict)
    #: The consent purpose (`people.ConsentPurpose`) the data is processed under.
    consent_purpose: str = ""
    #: Every action that writes this model, with what the consent guard refuses for it.
    writers: tuple[Writer, ...] = ()
    #: Why the model has no writers of its own (a copy, or the log every action writes).
    writers_why: str | Promise = ""

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def rows_for(self, citizen) -> models.QuerySet:
        citizen_id = getattr(citizen, "pk", citizen)
        return self.model._default_manager.filter(**{self.citizen_path: citizen_id})

    def count_for(self, citizen) -> int:
        return self.rows_for(citizen).count()

    def field_labels(self) -> dict[str, str]:
        return {
            name: str(self.model._meta.get_field(name).verbose_name) for name in self.export_fields
        }

    def export_rows(self, citizen) -> list[dict[str, object]]:
        """The citizen's rows as plain JSON values, choice fields as their readable label."""
        fields = [self.model._meta.get_field(name) for name in self.export_fields]
        related = [f.name for f in fields if f.many_to_one or f.one_to_one]
        rows = (
            self.rows_for(citizen)
            .filter(**self.export_filter)
            .select_related(*related)
            .order_by("pk")
        )
        return [{f.name: self._value(obj, f) for f in fields} for obj in rows]

    def _value(self, obj, model_field):
        if model_field.choices:
            return str(getattr(obj, f"get_{model_field.name}_display")())
        value = getattr(obj, model_field.name)
        if value is None or isinstance(value, bool | int | float | str | list | dict):
            if model_field.name in self.translated and value:
                return gettext(value)
            return value
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).isoformat(timespec="seconds")
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)

    def erase(self, queryset: models.QuerySet) -> int:
        """Erase the rows in `queryset` as declared; the number of rows affected."""
        if self.erasure == Erasure.KEEP:
            return 0
        if self.erasure == Erasure.DELETE:
            return queryset.delete()[0]
        pks = list(queryset.values_list("pk", flat=True))
        if not pks:
            return 0
        rows = self.model._default_manager.filter(pk__in=pks)
        if self.screen:
            self._screen(rows)
        if self.blank:
            rows.update(**self.blank)
        if self.anonymiser is not None:
            self.anonymiser(rows)
        return len(pks)

    def _screen(self, rows):
        from samskab.people.models import Citizen

        from .screening import screen_text

        pairs = list(rows.values_list("pk", self.citizen_path))
        citizens = Citizen.objects.in_bulk({citizen_id for _pk, citizen_id in pairs})
        citizen_of = dict(pairs)
        for obj in rows.only("pk", *self.screen):
            citizen = citizens.get(citizen_of[obj.pk])
            names = [citizen] if citizen else []
            for name in self.screen:
                setattr(obj, name, screen_text(getattr(obj, name), citizens=names))
            obj.save(update_fields=list(self.screen))

    def expired(self, now=None) -> models.QuerySet:
        """Rows past their retention period (none when the type declares no retention)."""
        if self.retention is None:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(
            **{f"{self.retention.date_field}__lt": self.retention.cutoff(now)}
        )


@dataclass(frozen=True)
class Exemption:
    """A model related to a citizen that holds nothing about them, and why."""

    model: type[models.Model]
    why: str | Promise


class AlreadyRegisteredError(Exception):
    pass


class Registry:
    def __init__(self):
        self._entries: dict[type[models.Model], PersonalData] = {}
        self._exempt: dict[type[models.Model], Exemption] = {}

    def register(self, entry: PersonalData) -> PersonalData:
        if entry.model in self._entries or entry.model in self._exempt:
            raise AlreadyRegisteredError(entry.label)
        self._entries[entry.model] = entry
        return entry

    def exempt(self, model: type[models.Model], why: str | Promise) -> None:
        if model in self._entries or model in self._exempt:
            raise AlreadyRegisteredError(model._meta.label)
        self._exempt[model] = Exemption(model, why)

    def entries(self) -> list[PersonalData]:
        """Every entry, the citizen's own record last: erasure screens other rows for the
        citizen's name before it is replaced."""
        from samskab.people.models import Citizen

        return sorted(
            self._entries.values(), key=lambda e: (e.model is Citizen, e.model._meta.label)
        )

    def exemptions(self) -> list[Exemption]:
        return sorted(self._exempt.values(), key=lambda e: e.model._meta.label)

    def writers(self) -> list[tuple[PersonalData, Writer]]:
        """Every (entry, writer) pair; an action writing several models appears per model."""
        return [(entry, writer) for entry in self.entries() for writer in entry.writers]

    def get(self, model) -> PersonalData | None:
        return self._entries.get(model)

    def is_covered(self, model) -> bool:
        return model in self._entries or model in self._exempt


registry = Registry()


def autodiscover():
    autodiscover_modules("personal_data")


def models_about_citizens() -> set[type[models.Model]]:
    """Every model that reaches `people.Citizen` through a chain of relations (FK, one-to-one,
    many-to-many, multi-table inheritance): the ones that must be registered or exempted."""
    from samskab.people.models import Citizen

    found: set[type[models.Model]] = {Citizen}
    all_models = apps.get_models()
    changed = True
    while changed:
        changed = False
        for model in all_models:
            if model in found:
                continue
            if any(issubclass(model, known) for known in found) or any(
                relation.related_model in found
                for relation in model._meta.get_fields()
                if relation.is_relation
                and relation.concrete
                and (relation.many_to_one or relation.one_to_one or relation.many_to_many)
            ):
                found.add(model)
                changed = True
    return found
