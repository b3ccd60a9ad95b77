"""Forecast and status of an indicator against a target (the rule is shown to users on the
catalogue page, under every dashboard and in the reports; `RULE_TEXT` below is its wording).

- Forecast: an ordinary least-squares line through the yearly values (year, value), read at the
  target year, with its 95% prediction interval: point ± t(0,975; n−2) · s · √(1 + 1/n +
  (x₀ − x̄)² / Sxx), s² = Σ residual² / (n − 2). A percentage is kept within 0-100 and no
  figure goes below 0.
- Path to the target: the straight line from the unit's baseline (its first yearly value from
  the strategy's base year 2020 on) to the target in the target year; the path's value in a
  year is where the value should stand then to reach the target. A baseline that already meets
  the target makes the path the target itself (hold it).
- Status of one target:
  * no target: "no target set";
  * the target year has a value: it meets the target -> "achieved", else "not achieved";
  * a yes/no indicator: the latest value meets the target -> on track, else at risk;
  * fewer than 3 yearly values: "not enough data" (no status is guessed);
  * on track: the latest value is at or beyond the path for its year AND the whole prediction
    interval (even its worse end) meets the target;
  * off track: the latest value is behind the path AND the forecast misses the target by more
    than the margin (a share of the target, 10% by default, set by an administrator);
  * at risk: every other case (one test passes, or the forecast is too uncertain to tell).
  Direction comes from how the target is written: ">=" / ">" higher is better, "<=" / "<" lower
  is better (sex ratio at birth), "=" exactly.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

ON_TRACK, AT_RISK, OFF_TRACK, NOT_ENOUGH, NO_TARGET, ACHIEVED, NOT_ACHIEVED = (
    "on_track",
    "at_risk",
    "off_track",
    "not_enough_data",
    "no_target",
    "achieved",
    "not_achieved",
)

STATUS_LABELS = {
    ON_TRACK: _("On track"),
    AT_RISK: _("At risk"),
    OFF_TRACK: _("Off track"),
    NOT_ENOUGH: _("Not enough data"),
    NO_TARGET: _("No target set"),
    ACHIEVED: _("Target achieved"),
    NOT_ACHIEVED: _("Target not achieved"),
}
STATUS_CSS = {
    ON_TRACK: "ok",
    AT_RISK: "warn",
    OFF_TRACK: "bad",
    NOT_ENOUGH: "none",
    NO_TARGET: "info",
    ACHIEVED: "ok",
    NOT_ACHIEVED: "bad",
}
# Shapes that differ without colour (and are read aloud with the label next to them).
STATUS_ICONS = {
    ON_TRACK: "✔",
    AT_RISK: "▲",
    OFF_TRACK: "✖",
    NOT_ENOUGH: "…",
    NO_TARGET: "–",
    ACHIEVED: "★",
    NOT_ACHIEVED: "✖",
}

MIN_YEARS = 3
BASE_YEAR = 2020
CONFIDENCE = 95

# Student t quantiles t(0,975; df); between rows the smaller df is used (a wider interval).
T_975 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
    9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120,
    17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064,
    25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000,
    120: 1.980,
}  # fmt: skip
Z_975 = 1.960

RULE_TEXT = _(
    "Forecast: a straight line fitted by least squares through the yearly values and read at "
    "the target year, with its 95%% prediction interval. Path: the straight line from the "
    "unit's first yearly value (from 2020) to the target in the target year, that is where the "
    "value should stand each year to reach the target. With fewer than 3 yearly values no "
    "status is given (“not enough data”). On track: the latest value is at or beyond the path "
    "for its year and the whole prediction interval meets the target. Off track: the latest "
    "value is behind the path and the forecast misses the target by more than "
    "%(margin)s%% of the target. At risk: every other case. A target year that has a value is "
    "judged on that value (achieved / not achieved); a yes/no indicator on its latest value. "
    "For a “lower is better” indicator (such as the sex ratio at birth) beyond means below."
)


def t_quantile(df: int) -> float:
    """t(0,975; df), the two-sided 95% quantile of Student's t."""
    if df < 1:
        raise ValueError("df must be at least 1")
    if df in T_975:
        return T_975[df]
    lower = [k for k in T_975 if k < df]
    return T_975[max(lower)] if df <= 120 else Z_975


@dataclass(frozen=True)
class Trend:
    """The least-squares line through (year, value) and what its interval needs."""

    slope: float
    intercept: float
    n: int
    mean_x: float
    sxx: float
    residual_sd: float  # s = sqrt(SSE / (n - 2)); 0 with two points

    def at(self, year: int) -> float:
        return self.slope * year + self.intercept

    def half_width(self, year: int) -> float | None:
        """Half the 95% prediction interval at `year`; None below 3 points."""
        if self.n < 3:
            return None
        spread = math.sqrt(1 + 1 / self.n + (year - self.mean_x) ** 2 / self.sxx)
        return t_quantile(self.n - 2) * self.residual_sd * spread


def linear_trend(points: dict[int, float | Decimal]) -> Trend | None:
    """Least-squares line through (year, value); None with fewer than two distinct years."""
    pairs = [(int(y), float(v)) for y, v in points.items() if v is not None]
    if len({y for y, _ in pairs}) < 2:
        return None
    n = len(pairs)
    mean_x = sum(x for x, _ in pairs) / n
    mean_y = sum(y for _, y in pairs) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in pairs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    slope = sxy / sxx
    intercept = mean_y - slope * mean_x
    sse = sum((y - (slope * x + intercept)) ** 2 for x, y in pairs)
    sd = math.sqrt(sse / (n - 2)) if n > 2 else 0.0
    return Trend(slope, intercept, n, mean_x, sxx, sd)


def _bounded(value: float, percent: bool) -> float:
    # Every figure here (counts, ratios) is non-negative; a percentage stops at 100.
    value = max(0.0, value)
    return min(100.0, value) if percent else value


def project(trend: Trend | None, year: int, *, percent: bool = False) -> float | None:
    if trend is None:
        return None
    return _bounded(trend.at(year), percent)


@dataclass(frozen=True)
class Prediction:
    year: int
    value: float
    low: float | None  # the 95% prediction interval (None below 3 points)
    high: float | None


def predict(trend: Trend | None, year: int, *, percent: bool = False) -> Prediction | None:
    """The forecast at `year` with its 95% prediction interval, bounded like the values."""
    if trend is None:
        return None
    point = trend.at(year)
    half = trend.half_width(year)
    low = None if half is None else _bounded(point - half, percent)
    high = None if half is None else _bounded(point + half, percent)
    return Prediction(year, _bounded(point, percent), low, high)


def meets(value: float, target: float, comparison: str) -> bool:
    if comparison == ">=":
        return value >= target
    if comparison == ">":
        return value > target
    if comparison == "<=":
        return value <= target
    if comparison == "<":
        return value < target
    return abs(value - target) < 1e-9


def shortfall(value: float, target: float, comparison: str) -> float:
    """How far `value` is from meeting the target, in the target's units (0 when it meets)."""
    if meets(value, target, comparison):
        return 0.0
    if comparison in (">=", ">"):
        return target - value
    if comparison in ("<=", "<"):
        return value - target
    return abs(value - target)


def baseline(values: dict[int, float]) -> tuple[int, float] | None:
    """The unit's first yearly value from the strategy's base year on (else its first)."""
    if not values:
        return None
    years = sorted(values)
    year = next((y for y in years if y >= BASE_YEAR), years[0])
    return year, values[year]


def path_value(base: tuple[int, float], target: float, target_year: int, comparison: str,
               year: int) -> float:  # fmt: skip
    """Where the value should stand in `year` on the straight path from `base` to the target."""
    base_year, base_value = base
    if meets(base_value, target, comparison) or year >= target_year or base_year >= target_year:
        return target
    share = max(0.0, (year - base_year) / (target_year - base_year))
    return base_value + (target - base_value) * share


def on_path(value: float, required: float, comparison: str) -> bool:
    """At or beyond the path (beyond = above, or below for a lower-is-better target)."""
    if comparison in (">=", ">"):
        return value >= required - 1e-9
    if comparison in ("<=", "<"):
        return value <= required + 1e-9
    return abs(value - required) < 1e-9


@dataclass(frozen=True)
class Judgement:
    """The status of one target and what it was judged on (for the page and the report)."""

    status: str
    target_year: int
    years: int  # how many yearly values the judgement had
    prediction: Prediction | None = None
    base: tuple[int, float] | None = None
    latest: tuple[int, float] | None = None
    required: float | None = None  # the path's value in the latest value's year
    is_on_path: bool | None = None


def judge(
    values: dict[int, float],
    target: float | Decimal | None,
    comparison: str,
    target_year: int,
    *,
    margin_percent: float | Decimal = 10,
    percent: bool = False,
    yes_no: bool = False,
) -> Judgement:
    """The status of `target` for `target_year` given the yearly values (see module doc)."""
    values = {int(y): float(v) for y, v in values.items() if v is not None}
    n = len(values)
    latest = (max(values), values[max(values)]) if values else None
    if target is None:
        return Judgement(NO_TARGET, target_year, n, latest=latest)
    target = float(target)
    if target_year in values:
        done = meets(values[target_year], target, comparison)
        return Judgement(ACHIEVED if done else NOT_ACHIEVED, target_year, n, latest=latest)
    if yes_no:
        if latest is None:
            return Judgement(NOT_ENOUGH, target_year, n)
        ok = meets(latest[1], target, comparison)
        return Judgement(ON_TRACK if ok else AT_RISK, target_year, n, latest=latest)
    if n < MIN_YEARS:
        return Judgement(NOT_ENOUGH, target_year, n, latest=latest)
    trend = linear_trend(values)
    prediction = predict(trend, target_year, percent=percent)
    base = baseline(values)
    required = path_value(base, target, target_year, comparison, latest[0])
    ahead = on_path(latest[1], required, comparison)
    interval_meets = meets(prediction.low, target, comparison) and meets(
        prediction.high, target, comparison
    )
    margin = abs(target) * float(margin_percent) / 100
    if ahead and interval_meets:
        status = ON_TRACK
    elif not ahead and shortfall(prediction.value, target, comparison) > margin:
        status = OFF_TRACK
    else:
        status = AT_RISK
    return Judgement(status, target_year, n, prediction, base, latest, required, ahead)


def status(
    projection: float | None,
    target: float | Decimal | None,
    comparison: str,
    margin_percent: float | Decimal = 10,
) -> str:
    """A single projected value against a target: on track when it meets it, at risk when it
    misses by at most the margin, off track beyond (used where no series is at hand)."""
    if target is None:
        return NO_TARGET
    if projection is None:
        return NOT_ENOUGH
    target = float(target)
    if meets(projection, target, comparison):
        return ON_TRACK
    gap = shortfall(projection, target, comparison)
    margin = abs(target) * float(margin_percent) / 100
    if gap <= margin:
        return AT_RISK
    return OFF_TRACK
