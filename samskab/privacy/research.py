"""Research exports: pseudonymised per study, free text only when chosen and screened,
aggregate cells below the minimum suppressed. Nothing here flows back into casework.

Disclosure control: a study gets exactly one kind of file, fixed by what its approval
covers (`ResearchStudy.has_record_level_approval`):

- without record-level approval, the suppressed aggregates and nothing else;
- with it, the pseudonymised record-level file and nothing else, and only while at least
  `RESEARCH_MIN_COHORT` citizens have data in it.

Never both for the same people: beside the records every suppressed cell could be recomputed,
and an aggregate taken at one time could be subtracted from records taken at another (e.g.
after a citizen withdrew consent) to reveal that citizen's values.
"""

import hashlib
import hmac
from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from samskab.core.actions import log_access_many
from samskab.core.exports import Column, Export
from samskab.core.models import AccessAction
from samskab.outcomes.models import Measurement
from samskab.pathways.models import RATING_ITEMS, MeetingRating
from samskab.people.models import Citizen, ConsentPurpose

from .models import ResearchStudy
from .screening import screen_text

#: The two kinds of file, as the `del` parameter of the export URL names them.
RECORDS = "data"
AGGREGATES = "aggregater"

SUPPRESSED = "<{n}"


def min_cell() -> int:
    return int(getattr(settings, "RESEARCH_MIN_CELL", 5))


def min_cohort() -> int:
    return int(getattr(settings, "RESEARCH_MIN_COHORT", 20))


def pseudonym(study: ResearchStudy, citizen_id: int) -> str:
    """HMAC-SHA256 of the citizen's id under the study's key: stable within the study,
    unlinkable between studies, not reversible without the key."""
    digest = hmac.new(study.secret_key.encode(), str(citizen_id).encode(), hashlib.sha256)
    return digest.hexdigest()[:20]


def study_citizens(study: ResearchStudy):
    """The organisation's citizens who consented to research and are neither restricted nor
    erased."""
    return Citizen.objects.filter(
        organisation_id=study.organisation_id,
        erased_at__isnull=True,
        processing_restricted_at__isnull=True,
        consents__purpose=ConsentPurpose.RESEARCH,
        consents__withdrawn_at__isnull=True,
    ).distinct()


@dataclass(frozen=True)
class Record:
    pseudonym: str
    source: str
    variable: str
    period: str
    value: float | None
    text: str = ""


def study_records(study: ResearchStudy) -> list[Record]:
    citizens = {c.pk: c for c in study_citizens(study)}
    records = []
    measurements = Measurement.objects.filter(citizen_id__in=citizens).select_related("measure")
    for m in measurements.order_by("citizen_id", "measured_on", "pk"):
        records.append(
            Record(
                pseudonym(study, m.citizen_id),
                _("Måling"),
                m.measure.name,
                f"{m.measured_on:%Y-%m}",
                float(m.value),
            )
        )
    ratings = MeetingRating.objects.filter(meeting__pathway__citizen_id__in=citizens).values(
        "meeting__pathway__citizen_id", "meeting__held_on", "comment", *RATING_ITEMS
    )
    labels = {name: str(MeetingRating._meta.get_field(name).verbose_name) for name in RATING_ITEMS}
    known = list(Citizen.objects.filter(organisation_id=study.organisation_id))
    for rating in ratings.order_by("meeting__pathway__citizen_id", "meeting__held_on", "pk"):
        who = pseudonym(study, rating["meeting__pathway__citizen_id"])
        period = f"{rating['meeting__held_on']:%Y-%m}"
        for item in RATING_ITEMS:
            records.append(Record(who, _("Vurdering af møde"), labels[item], period, rating[item]))
        if study.include_free_text and rating["comment"]:
            records.append(
                Record(
                    who,
                    _("Vurdering af møde"),
                    str(MeetingRating._meta.get_field("comment").verbose_name),
                    period,
                    None,
                    screen_text(rating["comment"], citizens=known),
                )
            )
    return records


@dataclass(frozen=True)
class Cell:
    source: str
    variable: str
    year: str
    count: int
    mean: float | None

    @property
    def is_suppressed(self) -> bool:
        return self.mean is None


def aggregate(records: list[Record], minimum: int | None = None) -> list[Cell]:
    """Citizens and mean per source, variable and year; cells with fewer citizens than the
    minimum keep neither count nor mean."""
    minimum = min_cell() if minimum is None else minimum
    groups: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
    for record in records:
        if record.value is not None:
            groups[(record.source, record.variable, record.period[:4])].append(record)
    cells = []
    for (source, variable, year), rows in sorted(groups.items()):
        citizens = len({r.pseudonym for r in rows})
        if citizens < minimum:
            cells.append(Cell(source, variable, year, 0, None))
        else:
            cells.append(
                Cell(source, variable, year, citizens, round(mean(r.value for r in rows), 2))
            )
    return cells


def log_export(*, by, study: ResearchStudy):
    log_access_many(
        by=by,
        action=AccessAction.EXPORT,
        objs=study_citizens(study),
        purpose=gettext_noop("Pseudonymiseret forskningsudtræk"),
    )


def file_kind(study: ResearchStudy) -> str:
    """The one kind of file this study gets (see the module docstring)."""
    return RECORDS if study.has_record_level_approval else AGGREGATES


def cohort_size(study: ResearchStudy) -> int:
    """Citizens with data in the study: the people a record-level file would describe."""
    return (
        study_citizens(study)
        .filter(Q(measurements__isnull=False) | Q(pathways__meetings__rating__isnull=False))
        .values("pk")
        .distinct()
        .count()
    )


def _kind_refusal(study: ResearchStudy, kind: str) -> str | None:
    if not study.is_approved:
        return _("Databeskyttelsesrådgiveren skal godkende projektet før udtræk.")
    if kind == RECORDS and not study.has_record_level_approval:
        return _(
            "Projektets godkendelse omfatter ikke data på individniveau, så du kan kun hente "
            "aggregater."
        )
    if kind == AGGREGATES and study.has_record_level_approval:
        return _(
            "Projektet får data på individniveau og derfor ikke aggregater ved siden af: med "
            "begge filer kunne de undertrykte celler regnes ud."
        )
    if kind not in (RECORDS, AGGREGATES):
        return _("Vælg en af filerne på projektets side.")
    return None


def refusal(study: ResearchStudy, kind: str, cohort: int | None = None) -> str | None:
    """Why this study may not get this kind of file now, or None when it may.

    `cohort` is the number of citizens with data (counted when needed and not given)."""
    if reason := _kind_refusal(study, kind):
        return reason
    if kind == RECORDS:
        cohort = cohort_size(study) if cohort is None else cohort
        if cohort < min_cohort():
            return _(
                "Der er data om færre end %(n)s borgere i projektet. Data på individniveau "
                "udleveres først, når der er data om mindst %(n)s borgere."
            ) % {"n": min_cohort()}
    return None


def deliver(study: ResearchStudy, kind: str | None, *, by) -> tuple[Export, list]:
    """The study's file and its rows, logged as an export; ValidationError when refused.

    The cohort is counted on the records themselves, so the file never describes fewer
    people than the minimum, whatever changed since the page was shown."""
    kind = kind or file_kind(study)
    if reason := _kind_refusal(study, kind):
        raise ValidationError(reason)
    records = study_records(study)
    if kind == RECORDS:
        if reason := refusal(study, kind, cohort=len({r.pseudonym for r in records})):
            raise ValidationError(reason)
        log_export(by=by, study=study)
        return RECORDS_FILE, records
    log_export(by=by, study=study)
    return AGGREGATES_FILE, aggregate(records)


def _suppressed_count(cell: Cell):
    return SUPPRESSED.format(n=min_cell()) if cell.is_suppressed else cell.count


RECORDS_FILE = Export(
    "forskning-data",
    [
        Column(gettext_lazy("pseudonym"), "pseudonym"),
        Column(gettext_lazy("kilde"), "source"),
        Column(gettext_lazy("variabel"), "variable"),
        Column(gettext_lazy("periode"), "period"),
        Column(gettext_lazy("værdi"), "value"),
        Column(gettext_lazy("fritekst"), "text"),
    ],
)

AGGREGATES_FILE = Export(
    "forskning-aggregater",
    [
        Column(gettext_lazy("kilde"), "source"),
        Column(gettext_lazy("variabel"), "variable"),
        Column(gettext_lazy("år"), "year"),
        Column(gettext_lazy("antal borgere"), _suppressed_count),
        Column(gettext_lazy("gennemsnit"), "mean"),
    ],
)
