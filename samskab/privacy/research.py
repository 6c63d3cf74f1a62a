"""Research exports: pseudonymised per study, free text only when chosen and screened,
aggregate cells below the minimum suppressed. Nothing here flows back into casework."""

import csv
import hashlib
import hmac
import io
from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samskab.core.actions import log_access_many
from samskab.core.models import AccessAction
from samskab.outcomes.models import Measurement
from samskab.pathways.models import RATING_ITEMS, MeetingRating
from samskab.people.models import Citizen, ConsentPurpose

from .models import ResearchStudy
from .screening import screen_text

SUPPRESSED = "<{n}"


def min_cell() -> int:
    return int(getattr(settings, "RESEARCH_MIN_CELL", 5))


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


def records_csv(records: list[Record]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("pseudonym"), _("kilde"), _("variabel"), _("periode"), _("værdi"), _("fritekst")]
    )
    for r in records:
        writer.writerow(
            [
                r.pseudonym,
                r.source,
                r.variable,
                r.period,
                "" if r.value is None else r.value,
                r.text,
            ]
        )
    return out.getvalue()


def aggregates_csv(cells: list[Cell]) -> str:
    minimum = min_cell()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("kilde"), _("variabel"), _("år"), _("antal borgere"), _("gennemsnit")])
    for c in cells:
        if c.is_suppressed:
            writer.writerow([c.source, c.variable, c.year, SUPPRESSED.format(n=minimum), ""])
        else:
            writer.writerow([c.source, c.variable, c.year, c.count, c.mean])
    return out.getvalue()
