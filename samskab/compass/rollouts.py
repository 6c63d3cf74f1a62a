"""From a stepwise rollout to effect estimates: who was pilot or comparison, and when.

A citizen counts for a unit while a UnitMembership covers the measurement date. A
comparison unit stops counting from the day a later stage brings it into the rollout,
so that it never compares the model with itself.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samskab.core.actions import log_access_many
from samskab.core.models import AccessAction
from samskab.outcomes.actions import CONSENT_PURPOSE
from samskab.outcomes.evaluation import (
    DidResult,
    Observation,
    difference_in_differences,
    summary,
)
from samskab.outcomes.models import Domain, Measurement
from samskab.people.models import Citizen, Consent

from .models import UnitMembership


@dataclass
class MeasureEvaluation:
    measure: object
    result: DidResult
    summary: str
    chart: dict
    period_labels: list


def _periods(rollout):
    periods = [(0, rollout.baseline_start, rollout.baseline_end, _("Før"))]
    for number, period in enumerate(rollout.follow_up_periods.all(), start=1):
        periods.append((number, period.starts_on, period.ends_on, period.name))
    return periods


def _unit_roles(rollout):
    """{unit_id: (is_treated, last day it may count or None)}."""
    stages = list(rollout.stages.all())
    pilot = {unit.pk for stage in stages if stage.number == 1 for unit in stage.units.all()}
    joins = {}
    for stage in stages:
        if stage.number == 1:
            continue
        for unit in stage.units.all():
            joins[unit.pk] = min(joins.get(unit.pk, stage.starts_on), stage.starts_on)
    roles = dict.fromkeys(pilot, (True, None))
    for unit in rollout.comparison_units.all():
        if unit.pk not in pilot:
            roles[unit.pk] = (False, joins.get(unit.pk))
    return roles


def observations_by_measure(rollout) -> dict:
    """{measure_id: [Observation]} for the rollout's measures, in a fixed number of queries."""
    periods = _periods(rollout)
    roles = _unit_roles(rollout)
    memberships = defaultdict(list)
    for membership in UnitMembership.objects.filter(unit_id__in=roles):
        memberships[membership.citizen_id].append(membership)
    measure_ids = [m.pk for m in rollout.measures.all()]
    first, last = periods[0][1], max(p[2] for p in periods)
    # Only citizens whose consent still stands: a withdrawal stops all further processing.
    consenting = (
        Consent.objects.active()
        .filter(purpose=CONSENT_PURPOSE, citizen_id__in=list(memberships))
        .values("citizen_id")
    )
    rows = Measurement.objects.filter(
        citizen_id__in=consenting,
        measure_id__in=measure_ids,
        measured_on__range=(first, last),
    ).values_list("citizen_id", "measure_id", "measured_on", "value")
    result = defaultdict(list)
    for citizen_id, measure_id, day, value in rows:
        period = next((n for n, start, end, _l in periods if start <= day <= end), None)
        if period is None:
            continue
        for membership in memberships[citizen_id]:
            is_treated, joined_on = roles[membership.unit_id]
            if membership.covers(day) and (joined_on is None or day < joined_on):
                result[measure_id].append(Observation(citizen_id, is_treated, period, float(value)))
                break
    return result


def evaluate(rollout, *, by, minimum=None):
    """Per domain (in the report's order), the evaluation of each of the rollout's measures.

    Only aggregates leave this function, but it reads citizens' measurements, so each
    citizen included gets an entry in their access log.
    """
    observations = observations_by_measure(rollout)
    citizen_ids = {o.citizen_id for rows in observations.values() for o in rows}
    log_access_many(
        by=by,
        action=AccessAction.READ,
        objs=Citizen.objects.filter(pk__in=citizen_ids).only("pk").order_by("pk"),
        purpose=gettext_noop("Effektevaluering af trinvis udrulning (kun samlede tal)"),
    )
    labels = [label for _n, _s, _e, label in _periods(rollout)]
    by_domain = {domain: [] for domain in Domain}
    for measure in rollout.measures.all():
        result = difference_in_differences(observations.get(measure.pk, []), minimum=minimum)
        by_domain[Domain(measure.domain)].append(
            MeasureEvaluation(
                measure=measure,
                result=result,
                summary=summary(result, measure_name=measure.name, unit=measure.unit),
                chart=line_chart(result, labels),
                period_labels=labels,
            )
        )
    return list(by_domain.items())


# Chart of both groups over time ---------------------------------------------------

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


def _short_label(index):
    return _("Før") if index == 0 else _("Opfølgning %(n)s") % {"n": index}


def _anchor(index, count):
    """Keep the first and last period labels inside the drawing."""
    if index == 0:
        return "start"
    return "end" if index == count - 1 else "middle"


def line_chart(result: DidResult, labels) -> dict:
    values = [
        v for p in result.periods for v in (p.treated_mean, p.comparison_mean) if v is not None
    ]
    if not values:
        return {}
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or 1
    low, high = low - pad, high + pad
    count = max(len(labels), 2)

    def x(period):
        return round(LEFT + (WIDTH - LEFT - RIGHT) * period / (count - 1), 1)

    def y(value):
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / (high - low), 1)

    series = []
    for key, css, label in (
        ("treated_mean", "pilot", _("Pilotenheder")),
        ("comparison_mean", "comparison", _("Sammenligningsenheder")),
    ):
        points = [
            (x(p.period), y(getattr(p, key))) for p in result.periods if getattr(p, key) is not None
        ]
        series.append(
            {
                "css": css,
                "label": label,
                "points": " ".join(f"{px},{py}" for px, py in points),
                "dots": [
                    {"x": px, "y": py, "rx": round(px - 4, 1), "ry": round(py - 4, 1)}
                    for px, py in points
                ],
            }
        )
    ticks = [
        {"y": y(v), "label": f"{v:.1f}".replace(".", ",")}
        for v in (low + pad, (low + high) / 2, high - pad)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "tick_x": LEFT - 6,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "label_y": HEIGHT - BOTTOM + 20,
        "xs": [
            # Short labels fit the narrow columns; the table beside the chart has the names.
            {"x": x(i), "label": _short_label(i), "anchor": _anchor(i, len(labels))}
            for i in range(len(labels))
        ],
        "ticks": ticks,
        "series": series,
    }
