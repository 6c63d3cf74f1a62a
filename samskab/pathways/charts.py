"""Run charts of citizens' meeting ratings (median line, as in quality improvement) and flags.

A rating is flagged for the team to talk about when "alt i alt" is below the threshold
(setting PATHWAYS_RATING_THRESHOLD, default 6) or fell by RATING_DROP or more since the
pathway's previous rated meeting.
"""

from dataclasses import dataclass, field

import numpy as np
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
