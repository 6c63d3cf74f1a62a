"""Business-case arithmetic with NumPy: present values per payer, NPV and break-even year.

Year 0 is not discounted; a flow in year t is divided by (1 + r) ** t for t up to 35, and
after that by (1 + r) ** 35 * (1 + r_long) ** (t - 35) (the Ministry of Finance's stepped
socio-economic rate: 3.5 % for years 0–35 and 2.5 % after).
"""

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.utils.translation import gettext as _

from .models import LineKind, Payer


@dataclass
class PayerResult:
    payer: str
    label: str
    cost: float
    gain: float

    @property
    def npv(self) -> float:
        return self.gain - self.cost


@dataclass
class BusinessCaseResult:
    rate: float
    payers: list[PayerResult] = field(default_factory=list)
    break_even_year: int | None = None
    years: int = 0

    @property
    def total_cost(self) -> float:
        return sum(p.cost for p in self.payers)

    @property
    def total_gain(self) -> float:
        return sum(p.gain for p in self.payers)

    @property
    def total_npv(self) -> float:
        return self.total_gain - self.total_cost

    @property
    def investors(self) -> list[PayerResult]:
        return [p for p in self.payers if p.npv < 0]

    @property
    def winners(self) -> list[PayerResult]:
        return [p for p in self.payers if p.npv > 0]

    @property
    def has_incentive_problem(self) -> bool:
        return bool(self.investors and self.winners)


#: Years discounted at the first rate before the long-term rate applies.
LONG_TERM_FROM = 35


def discount_factors(rate: float, years: int, long_term_rate: float | None = None) -> np.ndarray:
    t = np.arange(years)
    if long_term_rate is None:
        long_term_rate = rate
    early = np.minimum(t, LONG_TERM_FROM)
    late = np.maximum(t - LONG_TERM_FROM, 0)
    return 1.0 / (np.power(1.0 + rate, early) * np.power(1.0 + long_term_rate, late))


def compute(
    lines, rate_percent, gain_factor: float = 1.0, long_term_percent=None
) -> BusinessCaseResult:
    """Present values per payer from lines with kind, payer, year and amount.

    `gain_factor` scales every gain, for the sensitivity view (effect ±%).
    """
    rate = float(Decimal(rate_percent) / 100)
    long_rate = None if long_term_percent is None else float(Decimal(long_term_percent) / 100)
    lines = list(lines)
    years = max((line.year for line in lines), default=-1) + 1
    result = BusinessCaseResult(rate=rate, years=years)
    if not years:
        return result
    payers = list(Payer)
    # flows[kind, payer, year], in kroner
    flows = np.zeros((2, len(payers), years))
    for line in lines:
        kind = 0 if line.kind == LineKind.COST else 1
        factor = gain_factor if kind else 1.0
        flows[kind, payers.index(Payer(line.payer)), line.year] += float(line.amount) * factor
    present = flows * discount_factors(rate, years, long_rate)
    for i, payer in enumerate(payers):
        cost, gain = present[0, i].sum(), present[1, i].sum()
        if cost or gain:
            result.payers.append(PayerResult(payer.value, payer.label, float(cost), float(gain)))
    # Rounded to øre so that a case that exactly breaks even is not lost to float noise.
    cumulative = np.round(np.cumsum(present[1].sum(axis=0) - present[0].sum(axis=0)), 2)
    if cumulative[-1] >= 0:
        # The first year from which the cumulative discounted net stays non-negative.
        negative = np.flatnonzero(cumulative < 0)
        result.break_even_year = int(negative[-1] + 1) if negative.size else 0
    return result


def _kr(value: float) -> str:
    return f"{abs(value):,.0f}".replace(",", ".")


def incentive_sentence(result: BusinessCaseResult) -> str:
    """The cross-sector incentive problem in one plain sentence, or an empty string."""
    if not result.has_incentive_problem:
        return ""
    investors = ", ".join(
        _("%(payer)s (netto %(amount)s kr.)") % {"payer": p.label, "amount": _kr(p.npv)}
        for p in result.investors
    )
    winners = ", ".join(
        _("%(payer)s (netto %(amount)s kr.)") % {"payer": p.label, "amount": _kr(p.npv)}
        for p in result.winners
    )
    return _(
        "Incitamentsproblem på tværs af sektorer: %(investors)s investerer, mens gevinsten "
        "lander hos %(winners)s. Den, der betaler, får ikke selv gevinsten – aftal derfor, "
        "hvordan udgifter og gevinster deles, før projektet skaleres."
    ) % {"investors": investors, "winners": winners}


SENSITIVITY_STEPS = (-20, -10, 0, 10, 20)


def sensitivity(lines, rate_percent, long_term_percent=None) -> list[tuple[int, float]]:
    """(effect change in %, total NPV) when every gain is that much smaller or larger."""
    lines = list(lines)
    return [
        (step, compute(lines, rate_percent, 1 + step / 100, long_term_percent).total_npv)
        for step in SENSITIVITY_STEPS
    ]


#: Number of municipalities for the scaling view: one, ten, fifty and all of Denmark's 98.
SCALES = (1, 10, 50, 98)


def scaling(result: BusinessCaseResult, adopters: int) -> list[tuple[int, float, bool]]:
    """(municipalities, total NPV, is now) if each adopter repeats the business case.

    A simple linear projection: the case is per municipality, so n adopters give n times the
    net present value. `adopters` is the number now (the owner included).
    """
    scales = sorted(set(SCALES) | {max(adopters, 1)})
    return [(n, result.total_npv * n, n == max(adopters, 1)) for n in scales]
