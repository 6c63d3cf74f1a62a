"""Run charts of citizens' meeting ratings (median line, as in quality improvement) and flags,
and the monthly medians that are all a leader sees.

A rating is flagged for the team to talk about when "alt i alt" is below the threshold
(setting PATHWAYS_RATING_THRESHOLD, default 6) or fell by RATING_DROP or more since the
pathway's previous rated meeting.

Leaders see medians only (product rule): per month, the number of ratings and the median
"alt i alt", and only for months with at least PATHWAYS_LEADER_MIN_RATINGS ratings (default
5) from at least MIN_CITIZENS citizens. With fewer, a leader who knows which citizen met the
team that month could read that citizen's own answer off the number.
"""

import datetime
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from .models import RATING_DROP, rating_threshold

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 36


@dataclass
class RatedPoint:
    rating: object
    value: int
    reasons: list[str] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0

    @property
    def is_flagged(self):
        return bool(self.reasons)

    @property
    def marker_x(self):
        """Top-left corner of the square drawn for a flagged point."""
        return round(self.x - 6, 1)

    @property
    def marker_y(self):
        return round(self.y - 6, 1)


def flag_ratings(ratings, threshold=None, drop=RATING_DROP) -> list[RatedPoint]:
    """Ratings in time order → points with the reasons each is flagged (empty: no flag).

    The drop is measured within a pathway, from its previous rated meeting (the rating's
    `previous_overall` when the QuerySet annotated it, see `latest_with_previous`).
    """
    threshold = rating_threshold() if threshold is None else threshold
    previous_by_pathway = {}
    points = []
    for rating in ratings:
        point = RatedPoint(rating=rating, value=rating.overall)
        if rating.overall < threshold:
            point.reasons.append(_("Under %(threshold)s i alt") % {"threshold": threshold})
        previous = getattr(
            rating, "previous_overall", previous_by_pathway.get(rating.meeting.pathway_id)
        )
        if previous is not None and previous - rating.overall >= drop:
            point.reasons.append(
                _("Faldt %(points)s point siden sidste møde")
                % {"points": previous - rating.overall}
            )
        previous_by_pathway[rating.meeting.pathway_id] = rating.overall
        points.append(point)
    return points


@dataclass
class RunChart:
    points: list[RatedPoint]
    median: float | None
    median_y: float | None
    polyline: str
    grid: list[tuple[int, float]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    label_x: int = LEFT - 8

    @property
    def flagged(self):
        return [point for point in self.points if point.is_flagged]


def _y(value):
    return TOP + (10 - value) * (HEIGHT - TOP - BOTTOM) / 10


def run_chart(ratings, threshold=None) -> RunChart:
    """Coordinates for an inline SVG run chart of "alt i alt" with its median line."""
    points = flag_ratings(ratings, threshold=threshold)
    n = len(points)
    span = WIDTH - LEFT - RIGHT
    for index, point in enumerate(points):
        point.x = round(LEFT + (span / 2 if n == 1 else index * span / (n - 1)), 1)
        point.y = round(_y(point.value), 1)
    median = float(np.median([p.value for p in points])) if points else None
    return RunChart(
        points=points,
        median=median,
        median_y=round(_y(median), 1) if median is not None else None,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        grid=[(v, round(_y(v), 1)) for v in range(0, 11, 2)],
    )


# Leaders' monthly medians ----------------------------------------------------------

#: A median of one citizen's ratings is that citizen's own figure, however many there are.
MIN_CITIZENS = 2
#: A leader's table covers the latest months with ratings, not the team's whole history.
LEADER_MONTHS = 12


def leader_min_ratings() -> int:
    return int(getattr(settings, "PATHWAYS_LEADER_MIN_RATINGS", 5))


@dataclass
class RatingSummary:
    """Ratings of a period (or of all time), as a leader may see them."""

    count: int
    citizens: int
    median: float | None  # None when suppressed or empty
    is_suppressed: bool
    minimum: int
    month: datetime.date | None = None  # the first day of the month; None: all time

    @property
    def shown_count(self) -> int | None:
        """The exact count only from the minimum up; below it, "fewer than the minimum"."""
        return self.count if self.count >= self.minimum else None


def summarise(values, citizen_ids, month=None, minimum=None) -> RatingSummary:
    """The median of `values` unless there are too few ratings or too few citizens."""
    minimum = leader_min_ratings() if minimum is None else minimum
    citizens = len(set(citizen_ids))
    suppressed = len(values) < minimum or citizens < MIN_CITIZENS
    median = None if suppressed or not values else float(np.median(values))
    return RatingSummary(len(values), citizens, median, suppressed, minimum, month)


def monthly_summaries(ratings, minimum=None, months=LEADER_MONTHS) -> list[RatingSummary]:
    """A rating QuerySet → the latest `months` months with ratings, oldest first, each
    summarised by `summarise`; one query, and no rating object leaves this function."""
    by_month = {}
    rows = ratings.values_list("meeting__held_on", "overall", "meeting__pathway__citizen_id")
    for held_on, overall, citizen_id in rows:
        values, citizens = by_month.setdefault(held_on.replace(day=1), ([], []))
        values.append(overall)
        citizens.append(citizen_id)
    latest = sorted(by_month)[-months:] if months else []
    return [summarise(*by_month[month], month=month, minimum=minimum) for month in latest]
