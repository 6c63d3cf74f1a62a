"""Demo outcomes: the citizen login's own WHO-5 answers, half a year ago and recently (the
rollout's measurements are made by the compass demo, which knows the districts).

Dates are relative to today. The measurements are keyed by their order, not their date,
so loading again on a later day moves the demo's answers instead of adding new ones.
"""

import datetime
import importlib
from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from . import who5
from .models import Measure, Measurement

# days ago, the five answers
MILLE_WHO5 = [
    (182, [2, 2, 1, 2, 3]),
    (21, [3, 3, 3, 2, 4]),
]
SYNCED_FIELDS = ["value", "measured_on", "entered_by", "item_answers", "is_self_reported"]


def ensure_builtin_measures():
    """The built-ins come from the data migration; a flushed database (transactional
    tests) has lost them, so the demo puts them back from the same definitions."""
    migration = importlib.import_module("samskab.outcomes.migrations.0002_builtin_measures")
    migration.add_builtin_measures(apps, None)


def sync_in_order(existing, wanted, key):
    """Make the stored demo measurements match `wanted` (unsaved, in order), group by group.

    Within a group (`key` of a measurement, e.g. citizen and measure) the oldest stored rows
    of `existing` are the demo's: they are updated in order and missing ones are created.
    Rows added later (by users) are left alone, so a reload neither duplicates nor moves them.
    """
    stored = defaultdict(list)
    for row in existing.order_by("pk"):
        stored[key(row)].append(row)
    update, create = [], []
    for measurement in wanted:
        rows = stored[key(measurement)]
        if not rows:
            create.append(measurement)
            continue
        row = rows.pop(0)
        for name in SYNCED_FIELDS:
            setattr(row, name, getattr(measurement, name))
        update.append(row)
    Measurement.objects.bulk_update(update, SYNCED_FIELDS)
    Measurement.objects.bulk_create(create)


def load(context):
    ensure_builtin_measures()
    mille = context.citizens.get("Mille (fiktiv)")
    if mille is None:
        return
    today = timezone.localdate()
    measure = Measure.objects.get(code=who5.CODE)
    wanted = [
        Measurement(
            citizen=mille,
            measure=measure,
            value=Decimal(who5.score(answers).index),
            measured_on=today - datetime.timedelta(days=days_ago),
            entered_by=mille.user,
            item_answers=answers,
            is_self_reported=True,
        )
        for days_ago, answers in MILLE_WHO5
    ]
    existing = Measurement.objects.filter(
        citizen=mille, measure=measure, entered_by=mille.user, is_self_reported=True
    )
    sync_in_order(existing, wanted, key=lambda m: (m.citizen_id, m.measure_id))
