"""The Esbjerg demo: loads twice without duplicates and carries a real effect."""

import pytest
from django.core.management import call_command

from samskab.compass import rollouts
from samskab.compass.models import CompassAnswer, CompassRound, ReadinessAssessment, Rollout
from samskab.outcomes.models import Measurement

pytestmark = pytest.mark.django_db


def _counts():
    return [
        m.objects.count()
        for m in (CompassRound, CompassAnswer, ReadinessAssessment, Rollout, Measurement)
    ]


def test_demo_is_idempotent_and_the_effect_is_found():
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    assert 200 <= first[-1] <= 500
    evaluation = dict(rollouts.evaluate(Rollout.objects.get(), by=None, minimum=10))
    who5 = evaluation["quality_of_life"][0].result
    hours = evaluation["economic"][0].result
    assert who5.ci_low > 0  # the demo's WHO-5 effect is real (about +12)
    assert hours.ci_high < 0  # and support hours fall (about -1.5)
