"""Business-case arithmetic against hand-computed present values and break-even years."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from samskab.innovation.economics import compute, incentive_sentence, scaling, sensitivity
from samskab.innovation.models import LineKind, Payer


@dataclass
class Line:
    kind: str
    payer: str
    year: int
    amount: Decimal


def cost(payer, year, amount):
    return Line(LineKind.COST, payer, year, Decimal(amount))


def gain(payer, year, amount):
    return Line(LineKind.GAIN, payer, year, Decimal(amount))


def by_payer(result):
    return {p.payer: p for p in result.payers}


def test_municipality_invests_and_region_gains_at_ten_percent():
    # Region: 550 / 1.1 + 605 / 1.21 = 500 + 500 = 1000. Municipality: -1000 in year 0.
    lines = [
        cost(Payer.MUNICIPALITY, 0, 1000),
        gain(Payer.REGION, 1, 550),
        gain(Payer.REGION, 2, 605),
    ]
    result = compute(lines, Decimal("10"))
    payers = by_payer(result)
    assert payers[Payer.MUNICIPALITY].npv == pytest.approx(-1000)
    assert payers[Payer.REGION].gain == pytest.approx(1000)
    assert payers[Payer.REGION].npv == pytest.approx(1000)
    assert result.total_npv == pytest.approx(0)
    # Cumulative: -1000, -500, 0 → even in year 2.
    assert result.break_even_year == 2
    assert [p.payer for p in result.investors] == [Payer.MUNICIPALITY]
    assert [p.payer for p in result.winners] == [Payer.REGION]
    assert result.has_incentive_problem
    sentence = incentive_sentence(result)
    assert "Kommune (netto 1.000 kr.) investerer" in sentence
    assert "Region (netto 1.000 kr.)" in sentence


def test_default_rate_three_and_a_half_percent():
    # 103.5 in year 1 at 3.5 % is worth 100 today; 107.1225 in year 2 also 100.
    lines = [
        cost(Payer.STATE, 0, 150),
        gain(Payer.STATE, 1, "103.5"),
        gain(Payer.STATE, 2, "107.1225"),
    ]
    result = compute(lines, Decimal("3.5"))
    assert by_payer(result)[Payer.STATE].gain == pytest.approx(200)
    assert result.total_npv == pytest.approx(50)
    assert result.break_even_year == 2
    assert not result.has_incentive_problem
    assert incentive_sentence(result) == ""


def test_zero_rate_and_costs_and_gains_for_the_same_payer():
    lines = [cost(Payer.MUNICIPALITY, 0, 300), gain(Payer.MUNICIPALITY, 0, 400)]
    result = compute(lines, Decimal("0"))
    assert result.total_npv == pytest.approx(100)
    assert result.break_even_year == 0


def test_no_break_even_when_gains_never_cover_costs():
    result = compute([cost(Payer.REGION, 0, 1000), gain(Payer.REGION, 3, 100)], Decimal("5"))
    assert result.break_even_year is None
    assert result.total_npv == pytest.approx(-1000 + 100 / 1.05**3)


def test_empty_business_case():
    result = compute([], Decimal("3.5"))
    assert result.payers == [] and result.total_npv == 0 and result.break_even_year is None


def test_sensitivity_scales_gains_only():
    lines = [cost(Payer.MUNICIPALITY, 0, 1000), gain(Payer.REGION, 0, 1000)]
    assert sensitivity(lines, Decimal("3.5")) == [
        (-20, pytest.approx(-200)),
        (-10, pytest.approx(-100)),
        (0, pytest.approx(0)),
        (10, pytest.approx(100)),
        (20, pytest.approx(200)),
    ]


def test_long_term_rate_applies_after_year_35():
    # 1000 in year 36: 1000 / (1.035 ** 35 * 1.025); in year 10: 1000 / 1.035 ** 10.
    lines = [gain(Payer.MUNICIPALITY, 36, 1000), gain(Payer.REGION, 10, 1000)]
    result = compute(lines, Decimal("3.5"), long_term_percent=Decimal("2.5"))
    payers = by_payer(result)
    assert payers[Payer.MUNICIPALITY].gain == pytest.approx(1000 / (1.035**35 * 1.025))
    assert payers[Payer.REGION].gain == pytest.approx(1000 / 1.035**10)
    assert payers[Payer.MUNICIPALITY].gain == pytest.approx(292.66, abs=0.01)


def test_scaling_is_linear_in_the_number_of_municipalities():
    result = compute([gain(Payer.MUNICIPALITY, 0, 100)], Decimal("3.5"))
    assert scaling(result, 3) == [
        (1, pytest.approx(100), False),
        (3, pytest.approx(300), True),
        (10, pytest.approx(1000), False),
        (50, pytest.approx(5000), False),
        (98, pytest.approx(9800), False),
    ]
