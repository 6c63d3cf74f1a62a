"""Effect evaluation: difference-in-differences between pilot and comparison units.

The estimate is the `treated:post` coefficient of an OLS fit of ``value ~ treated * post``
(statsmodels), with standard errors clustered by citizen because each citizen is measured
repeatedly. This module knows nothing of rollouts: callers hand it observations.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_MIN_GROUP_SIZE = 10


def min_group_size() -> int:
    """Fewest citizens per group for an estimate (setting SAMSKAB_EVALUATION_MIN_GROUP_SIZE)."""
    return int(getattr(settings, "SAMSKAB_EVALUATION_MIN_GROUP_SIZE", DEFAULT_MIN_GROUP_SIZE))


@dataclass(frozen=True)
class Observation:
    citizen_id: int
    is_treated: bool
    period: int  # 0 = baseline, 1… = follow-up periods
    value: float


@dataclass
class PeriodMean:
    period: int
    treated_mean: float | None
    treated_n: int
    comparison_mean: float | None
    comparison_n: int


@dataclass
class DidResult:
    treated_citizens: int
    comparison_citizens: int
    observations: int
    means: dict = field(default_factory=dict)  # (is_treated, is_post) -> mean
    periods: list[PeriodMean] = field(default_factory=list)
    estimate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    reason: str = ""

    @property
    def has_estimate(self) -> bool:
        return self.estimate is not None

    @property
    def ci_covers_zero(self) -> bool:
        return self.has_estimate and self.ci_low <= 0 <= self.ci_high


def to_frame(observations) -> "pd.DataFrame":
    # pandas and statsmodels load here, not at import: the URLconf imports this module, and
    # a second of imports on a web worker's first request made gunicorn kill it.
    import pandas as pd

    rows = [
        (o.citizen_id, int(o.is_treated), int(o.period > 0), o.period, float(o.value))
        for o in observations
    ]
    return pd.DataFrame(rows, columns=["citizen", "treated", "post", "period", "value"])


def fit(frame: "pd.DataFrame"):
    """The OLS fit with cluster-robust (by citizen) standard errors."""
    import statsmodels.formula.api as smf

    return smf.ols("value ~ treated * post", data=frame).fit(
        cov_type="cluster", cov_kwds={"groups": frame["citizen"].to_numpy()}
    )


def _mean(series):
    return float(series.mean()) if len(series) else None


def difference_in_differences(observations, *, minimum: int | None = None) -> DidResult:
    minimum = min_group_size() if minimum is None else minimum
    frame = to_frame(observations)
    treated = frame[frame.treated == 1]
    comparison = frame[frame.treated == 0]
    result = DidResult(
        treated_citizens=int(treated.citizen.nunique()),
        comparison_citizens=int(comparison.citizen.nunique()),
        observations=len(frame),
    )
    for is_treated in (True, False):
        for is_post in (False, True):
            cell = frame[(frame.treated == int(is_treated)) & (frame.post == int(is_post))]
            result.means[(is_treated, is_post)] = _mean(cell.value)
    for period in sorted(frame.period.unique()) if len(frame) else []:
        t = treated[treated.period == period]
        c = comparison[comparison.period == period]
        result.periods.append(
            PeriodMean(
                int(period),
                _mean(t.value),
                int(t.citizen.nunique()),
                _mean(c.value),
                int(c.citizen.nunique()),
            )
        )
    if frame.empty:
        result.reason = _(
            "Intet estimat: der er endnu ingen målinger i før- og opfølgningsperioderne."
        )
        return result
    for is_treated, label in ((True, _("pilotenhederne")), (False, _("sammenligningsenhederne"))):
        for is_post, when in ((False, _("før")), (True, _("efter"))):
            cell = frame[(frame.treated == int(is_treated)) & (frame.post == int(is_post))]
            n = int(cell.citizen.nunique())
            if n < minimum:
                result.reason = _(
                    "Intet estimat: %(n)s borgere i %(group)s %(when)s indførelsen, men der skal "
                    "mindst være %(minimum)s. Med så få borgere vil tilfældigheder dominere, og "
                    "enkeltpersoner kan genkendes."
                ) % {"n": n, "group": label, "when": when, "minimum": minimum}
                return result
    try:
        model = fit(frame)
        low, high = model.conf_int(alpha=0.05).loc["treated:post"]
    except (ZeroDivisionError, ValueError, KeyError, np.linalg.LinAlgError):
        low = high = float("nan")
        model = None
    if model is not None:
        result.estimate = float(model.params["treated:post"])
        result.ci_low, result.ci_high = float(low), float(high)
        result.p_value = float(model.pvalues["treated:post"])
    if model is None or not np.isfinite([result.estimate, result.ci_low, result.ci_high]).all():
        result.estimate = result.ci_low = result.ci_high = None
        result.reason = _("Intet estimat: data varierer ikke nok til at beregne usikkerheden.")
    return result


def _num(value: float) -> str:
    return number_format(round(value, 1), decimal_pos=1)


def summary(result: DidResult, *, measure_name: str, unit: str = "") -> str:
    """A plain-Danish summary that says how uncertain the estimate is."""
    if not result.has_estimate:
        return result.reason
    unit = f" {unit}" if unit else ""
    direction = _("steg") if result.estimate > 0 else _("faldt")
    text = _(
        "%(measure)s %(direction)s %(size)s%(unit)s mere i pilotenhederne end i "
        "sammenligningsenhederne fra før til efter indførelsen (bedste skøn). "
        "95 %%-konfidensintervallet går fra %(low)s til %(high)s%(unit)s: alle effekter i det "
        "spænd passer med data."
    ) % {
        "measure": measure_name,
        "direction": direction,
        "size": _num(abs(result.estimate)),
        "unit": unit,
        "low": _num(result.ci_low),
        "high": _num(result.ci_high),
    }
    if result.ci_covers_zero:
        text += " " + _(
            "Intervallet indeholder 0, så vi kan ikke sige, om modellen har en effekt på dette mål."
        )
    else:
        text += " " + _(
            "Intervallet indeholder ikke 0, så forskellen skyldes næppe tilfældigheder alene."
        )
    text += " " + _(
        "Enhederne er ikke fordelt ved lodtrækning: forskelle mellem dem, der ændrer sig over "
        "tid, kan også forklare resultatet."
    )
    return text
