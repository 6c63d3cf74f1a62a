"""Demo outcomes: the citizen login's own WHO-5 answers over time (the rollout's
measurements are made by the compass demo, which knows the districts)."""

import importlib
from datetime import date
from decimal import Decimal

from django.apps import apps

from . import who5
from .models import Measure, Measurement

MILLE_WHO5 = [
    (date(2026, 3, 2), [2, 2, 1, 2, 3]),
    (date(2026, 9, 7), [3, 3, 3, 2, 4]),
]


def ensure_builtin_measures():
    """The built-ins come from the data migration; a flushed database (transactional
    tests) has lost them, so the demo puts them back from the same definitions."""
    migration = importlib.import_module("samskab.outcomes.migrations.0002_builtin_measures")
    migration.add_builtin_measures(apps, None)


def load(context):
    ensure_builtin_measures()
    mille = context.citizens.get("Mille (fiktiv)")
    if mille is None:
        return
    measure = Measure.objects.get(code=who5.CODE)
    for measured_on, answers in MILLE_WHO5:
        Measurement.objects.update_or_create(
            citizen=mille,
            measure=measure,
            measured_on=measured_on,
            defaults={
                "value": Decimal(who5.score(answers).index),
                "item_answers": answers,
                "is_self_reported": True,
                "entered_by": mille.user,
            },
        )
