"""Difference-in-differences: known effects are recovered, and it equals a direct fit."""

import numpy as np
import pytest
import statsmodels.formula.api as smf
from django.test import override_settings

from samskab.outcomes.evaluation import (
    Observation,
    difference_in_differences,
    min_group_size,
    summary,
    to_frame,
)


def generate(true_effect, *, citizens=60, seed=1, periods=(0, 0, 1, 2)):
    """Half the citizens treated; citizen-level noise, a common time trend and an effect."""
    rng = np.random.default_rng(seed)
    observations = []
    for citizen in range(citizens):
        treated = citizen < citizens // 2
        level = rng.normal(50 + (5 if treated else 0), 8)
        for period in periods:
            post = period > 0
            value = level + (3 if post else 0) + (true_effect if treated and post else 0)
            observations.append(Observation(citizen, treated, period, value + rng.normal(0, 4)))
    return observations


def test_interval_covers_a_known_true_effect():
    result = difference_in_differences(generate(10.0), minimum=10)
    assert result.has_estimate
    assert result.ci_low < 10.0 < result.ci_high
    assert result.ci_low > 0  # an effect this size is clearly detected
    assert result.treated_citizens == result.comparison_citizens == 30


def test_no_true_effect_is_centred_near_zero():
    estimates = []
    covered = 0
    for seed in range(20):
        result = difference_in_differences(generate(0.0, seed=seed), minimum=10)
        estimates.append(result.estimate)
        covered += result.ci_low <= 0 <= result.ci_high
    assert abs(np.mean(estimates)) < 0.5
    assert covered >= 17  # about 95 % of intervals cover the true value 0


def test_estimate_equals_a_direct_statsmodels_fit():
    observations = generate(4.0, seed=7)
    result = difference_in_differences(observations, minimum=10)
    frame = to_frame(observations)
    direct = smf.ols("value ~ treated + post + treated:post", data=frame).fit(
        cov_type="cluster", cov_kwds={"groups": frame["citizen"]}
    )
    low, high = direct.conf_int().loc["treated:post"]
    assert result.estimate == pytest.approx(direct.params["treated:post"])
    assert (result.ci_low, result.ci_high) == pytest.approx((low, high))
    assert result.p_value == pytest.approx(direct.pvalues["treated:post"])


def test_group_means_before_and_after_are_plain_means():
    observations = [
        Observation(1, True, 0, 10),
        Observation(1, True, 1, 20),
        Observation(2, True, 0, 12),
        Observation(2, True, 1, 26),
        Observation(3, False, 0, 10),
        Observation(3, False, 1, 11),
        Observation(4, False, 0, 14),
        Observation(4, False, 1, 15),
    ]
    result = difference_in_differences(observations, minimum=2)
    assert result.means == {
        (True, False): 11,
        (True, True): 23,
        (False, False): 12,
        (False, True): 13,
    }
    # (23 - 11) - (13 - 12) = 11: with one observation per cell and citizen, OLS gives exactly this.
    assert result.estimate == pytest.approx(11)
    assert [p.period for p in result.periods] == [0, 1]


def test_small_groups_give_no_estimate_and_say_why():
    result = difference_in_differences(generate(5.0, citizens=16), minimum=10)
    assert not result.has_estimate
    assert "8 borgere i pilotenhederne" in result.reason
    assert "mindst være 10" in result.reason
    assert summary(result, measure_name="WHO-5") == result.reason


def test_no_observations_give_no_estimate():
    result = difference_in_differences([], minimum=10)
    assert not result.has_estimate and "ingen målinger" in result.reason


@override_settings(SAMSKAB_EVALUATION_MIN_GROUP_SIZE=40)
def test_minimum_group_size_is_a_setting():
    assert min_group_size() == 40
    assert not difference_in_differences(generate(5.0)).has_estimate


def test_default_minimum_is_ten():
    assert min_group_size() == 10


def test_summary_states_the_uncertainty():
    clear = difference_in_differences(generate(10.0), minimum=10)
    text = summary(clear, measure_name="WHO-5", unit="point")
    assert text.startswith("WHO-5 steg")
    assert "95 %-konfidensintervallet går fra" in text
    assert "indeholder ikke 0" in text and "lodtrækning" in text
    unclear = difference_in_differences(generate(0.0, seed=3), minimum=10)
    if unclear.ci_covers_zero:
        assert "kan ikke sige, om modellen har en effekt" in summary(unclear, measure_name="X")


def test_too_few_clusters_give_a_reason_not_an_error():
    observations = [
        Observation(1, True, 0, 10),
        Observation(1, True, 1, 20),
        Observation(2, False, 0, 10),
        Observation(2, False, 1, 11),
    ]
    result = difference_in_differences(observations, minimum=1)
    assert not result.has_estimate and "Intet estimat" in result.reason
