"""The lemniscate balance: how much of the insight comes from the citizen's side, the
system's side and both, period by period, and a signal when one side is not heard.

A side is heard in a period when it has insights of its own perspective or of "both".
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _

from samskab.core.models import Perspective

PERIODS = ("month", "quarter")


@dataclass
class PeriodBalance:
    start: datetime.date
    label: str
    citizen: int = 0
    system: int = 0
    both: int = 0
    missing: list[str] = field(default_factory=list)  # Perspective values not heard

    @property
    def total(self) -> int:
        return self.citizen + self.system + self.both

    def share(self, perspective: str) -> int:
        """Whole per cent of the period's insights."""
        return round(100 * getattr(self, perspective) / self.total) if self.total else 0

    @property
    def citizen_share(self):
        return self.share(Perspective.CITIZEN)

    @property
    def system_share(self):
        return self.share(Perspective.SYSTEM)

    @property
    def both_share(self):
        return self.share(Perspective.BOTH)

    @property
    def missing_labels(self) -> list[str]:
        return [str(Perspective(p).label) for p in self.missing]


def _period_start(day: datetime.date, period: str) -> datetime.date:
    if period == "quarter":
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return day.replace(day=1)


def _next(start: datetime.date, period: str) -> datetime.date:
    months = 3 if period == "quarter" else 1
    month = start.month - 1 + months
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def _label(start: datetime.date, period: str) -> str:
    if period == "quarter":
        return _("%(quarter)s. kvartal %(year)s") % {
            "quarter": (start.month - 1) // 3 + 1,
            "year": start.year,
        }
    return formats.date_format(start, "F Y").capitalize()


def balance(entries, period: str = "month", start=None, end=None) -> list[PeriodBalance]:
    """Counts per period and perspective of the given (already permission-filtered) entries,
    every period from the first to the last (or `start`..`end`), empty ones included."""
    period = period if period in PERIODS else "month"
    rows = (
        entries.order_by()
        .annotate(month=TruncMonth("created_at"))
        .values("month", "perspective")
        .annotate(n=Count("pk"))
    )
    counts: dict[datetime.date, dict[str, int]] = {}
    for row in rows:
        month = row["month"]
        day = month.date() if isinstance(month, datetime.datetime) else month
        bucket = counts.setdefault(_period_start(day, period), {})
        bucket[row["perspective"]] = bucket.get(row["perspective"], 0) + row["n"]
    if not counts and not (start and end):
        return []
    first = _period_start(start, period) if start else min(counts)
    last = _period_start(end, period) if end else max(counts)
    result = []
    current = first
    while current <= last and len(result) < 120:
        bucket = counts.get(current, {})
        item = PeriodBalance(
            start=current,
            label=_label(current, period),
            citizen=bucket.get(Perspective.CITIZEN, 0),
            system=bucket.get(Perspective.SYSTEM, 0),
            both=bucket.get(Perspective.BOTH, 0),
        )
        if item.total:
            if not (item.citizen or item.both):
                item.missing.append(Perspective.CITIZEN)
            if not (item.system or item.both):
                item.missing.append(Perspective.SYSTEM)
        result.append(item)
        current = _next(current, period)
    return result


@dataclass
class Bar:
    """One stacked bar of the SVG chart: segments as (perspective, y, height, count)."""

    x: int
    label: str
    segments: list[tuple[str, int, int, int]]
    missing: bool


CHART_HEIGHT = 200
BAR_WIDTH = 36
BAR_GAP = 16
LEFT = 40


def chart_bars(periods: list[PeriodBalance]) -> tuple[list[Bar], int, int]:
    """Bars as shares of 100 % per period (so months of different volume compare)."""
    bars = []
    for i, item in enumerate(periods):
        x = LEFT + i * (BAR_WIDTH + BAR_GAP)
        y = CHART_HEIGHT
        segments = []
        if item.total:
            for perspective in (Perspective.CITIZEN, Perspective.BOTH, Perspective.SYSTEM):
                count = getattr(item, perspective)
                height = round(CHART_HEIGHT * count / item.total)
                if height:
                    y -= height
                    segments.append((str(perspective), y, height, count))
        bars.append(Bar(x=x, label=item.label, segments=segments, missing=bool(item.missing)))
    width = LEFT + max(1, len(periods)) * (BAR_WIDTH + BAR_GAP)
    return bars, width, CHART_HEIGHT
