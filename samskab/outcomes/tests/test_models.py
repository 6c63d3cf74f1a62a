"""Measures refuse values outside their range; built-in measures exist from the migration."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from samskab.outcomes.models import Measure, MeasureKind

from .factories import MeasureFactory, MeasurementFactory, builtin

pytestmark = pytest.mark.django_db


def test_builtin_measures_cover_the_three_domains():
    codes = dict(Measure.objects.builtin().values_list("code", "domain"))
    assert codes == {
        "who5": "quality_of_life",
        "support_hours": "economic",
        "cost": "economic",
        "contacts": "health",
    }


def test_value_outside_range_is_refused_with_the_range_in_danish():
    measure = MeasureFactory(name="Tilfredshed", min_value=1, max_value=10, unit="point")
    with pytest.raises(ValidationError) as error:
        measure.check_value(Decimal("11"))
    assert error.value.message_dict["value"] == [
        "Tilfredshed skal være et tal fra 1 til 10 (point). Ret værdien og prøv igen."
    ]
    measure.check_value(Decimal("10"))


def test_numeric_measure_without_maximum_refuses_only_negative_values():
    cost = builtin("cost")
    cost.check_value(Decimal("1000000"))
    with pytest.raises(ValidationError, match="mindst 0"):
        cost.check_value(Decimal("-1"))


def test_scale_needs_a_maximum_above_the_minimum():
    with pytest.raises(ValidationError):
        MeasureFactory.build(kind=MeasureKind.SCALE, max_value=None).full_clean()
    with pytest.raises(ValidationError):
        MeasureFactory.build(min_value=5, max_value=5).full_clean()


def test_who5_measurement_must_match_its_items():
    measurement = MeasurementFactory.build(
        measure=builtin("who5"), value=Decimal("40"), item_answers=[3, 2, 4, 1, 1]
    )
    with pytest.raises(ValidationError, match="passer ikke"):
        measurement.full_clean()
    measurement.item_answers = [3, 2, 4, 1, 0]
    measurement.full_clean(exclude=["citizen"])
    assert measurement.who5_score.raw == 10
