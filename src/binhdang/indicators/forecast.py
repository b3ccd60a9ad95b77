"""Trend, projection and status against a target.

The rule (shown to users on the catalogue page):
- a least-squares straight line through the yearly values, when there are at least two years;
  otherwise "not enough data";
- the line gives the projected value in 2025 and 2030 (a percentage is kept within 0-100);
- the projection is compared with the target the way the target is written (>=, >, <=, <, =):
  it meets it -> on track; it misses by at most the margin (a share of the target, 10% by
  default, set by an administrator) -> at risk; it misses by more -> off track.
  "Lower is better" targets (sex ratio at birth) are written "<=", so a projection above them
  misses.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

ON_TRACK, AT_RISK, OFF_TRACK, NOT_ENOUGH, NO_TARGET = (
    "on_track",
    "at_risk",
    "off_track",
    "not_enough_data",
    "no_target",
)

STATUS_LABELS = {
    ON_TRACK: _("On track"),
    AT_RISK: _("At risk"),
    OFF_TRACK: _("Off track"),
    NOT_ENOUGH: _("Not enough data"),
    NO_TARGET: _("No target set"),
}
STATUS_CSS = {
    ON_TRACK: "ok",
    AT_RISK: "warn",
    OFF_TRACK: "bad",
    NOT_ENOUGH: "none",
    NO_TARGET: "info",
}
# Shapes that differ without colour (and are read aloud with the label next to them).
STATUS_ICONS = {ON_TRACK: "✔", AT_RISK: "▲", OFF_TRACK: "✖", NOT_ENOUGH: "…", NO_TARGET: "–"}


@dataclass(frozen=True)
class Trend:
    slope: float
    intercept: float

    def at(self, year: int) -> float:
        return self.slope * year + self.intercept


def linear_trend(points: dict[int, float | Decimal]) -> Trend | None:
    """Least-squares line through (year, value); None with fewer than two years."""
    pairs = [(int(y), float(v)) for y, v in points.items() if v is not None]
    if len({y for y, _ in pairs}) < 2:
        return None
    n = len(pairs)
    mean_x = sum(x for x, _ in pairs) / n
    mean_y = sum(y for _, y in pairs) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in pairs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    slope = sxy / sxx
    return Trend(slope=slope, intercept=mean_y - slope * mean_x)


def project(trend: Trend | None, year: int, *, percent: bool = False) -> float | None:
    if trend is None:
        return None
    # Every figure here (counts, ratios) is non-negative.
    value = max(0.0, trend.at(year))
    if percent:
        value = min(100.0, max(0.0, value))
    return value


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


def status(
    projection: float | None,
    target: float | Decimal | None,
    comparison: str,
    margin_percent: float | Decimal = 10,
) -> str:
    """on_track / at_risk / off_track of a projection against a target (see module doc)."""
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
