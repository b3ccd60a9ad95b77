"""How an indicator's figures read in Vietnamese (reports, and the pages through the `qty`
filter): a value with its unit of measure, yes/no as "Có"/"Không", a target with its sign and
unit, the forecast with its interval, the coverage of a figure ("số liệu của 12/24 xã")."""

from django.utils.translation import gettext as _

from binhdang.formats.numbers import format_number

from . import forecast
from .models import Indicator


def _child_word(kind: str) -> str:
    return {"commune": _("communes"), "district": _("districts"), "province": _("provinces")}.get(
        kind, _("units")
    )


SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": ""}
MAX_NAMED_BODIES = 2


def _decimals(value: float, percent: bool) -> int:
    if percent:
        return 1
    if float(value).is_integer():
        return 0
    return 2 if abs(value) < 10 else 1


def number(value, indicator: Indicator) -> str:
    """The figure alone, in the indicator's precision (Có/Không for a yes/no)."""
    if value is None:
        return ""
    if indicator.is_yes_no:
        return _("Yes") if float(value) >= 0.5 else _("No")
    percent = indicator.unit_label.strip() == "%"
    return format_number(value, _decimals(float(value), percent))


def _with_unit(text: str, indicator: Indicator) -> str:
    unit = indicator.unit_label.strip()
    if not text or not unit or indicator.is_yes_no:
        return text
    if unit == "%" or unit.startswith("/"):
        return f"{text}{unit}"
    return f"{text} {unit}"


def quantity(value, indicator: Indicator) -> str:
    """ "42,9%", "1,88 lần", "112,1 bé trai/100 bé gái", "0/100.000 trẻ đẻ sống", "Có"."""
    return _with_unit(number(value, indicator), indicator)


def target(value, comparison: str, indicator: Indicator) -> str:
    """ "≥ 60%", "≤ 111 bé trai/100 bé gái", "Có" for a yes/no target: as the text writes it."""
    if indicator.is_yes_no:
        return number(value, indicator)
    sign = SIGNS.get(comparison, comparison)
    text = _with_unit(format_number(value, _decimals(float(value), False)), indicator)
    return f"{sign} {text}" if sign else text


def interval(status, indicator: Indicator) -> str:
    """ "52,4% (khoảng dự báo 95%: 0,0 - 100,0%)", or "" without a forecast."""
    p = status.prediction
    if p is None:
        return ""
    text = quantity(p.value, indicator)
    if p.low is not None:
        text += " " + _("(%(confidence)s%% prediction interval: %(low)s - %(high)s)") % {
            "confidence": forecast.CONFIDENCE,
            "low": number(p.low, indicator),
            "high": quantity(p.high, indicator),
        }
    return text


def path_verb(comparison: str) -> str:
    """What the path asks of the value: reach it, or stay under it (lower is better)."""
    return _("stay at most at") if comparison in ("<=", "<") else _("reach")


def coverage(cov, unit_word: str | None = None) -> str:
    """ "số liệu của 12/24 xã và 3 cơ quan, đơn vị", "số liệu của Phòng Nội vụ huyện",
    "số liệu của huyện" (`unit_word`, the unit's own figure); "" when unknown."""
    if cov is None:
        return ""
    parts = []
    if cov.territorial_total and cov.territorial_with_data:
        parts.append(
            f"{cov.territorial_with_data}/{cov.territorial_total} "
            f"{_child_word(cov.territorial_kind)}"
        )
    if cov.bodies_with_data:
        if len(cov.bodies_with_data) <= MAX_NAMED_BODIES and not parts:
            parts.append(", ".join(cov.bodies_with_data))
        else:
            parts.append(_("%(n)s agencies and bodies") % {"n": len(cov.bodies_with_data)})
    if not parts and cov.own:
        parts.append(unit_word or _("the unit itself"))
    if not parts:
        return ""
    if len(parts) == 2:
        parts = [_("%(first)s and %(second)s") % {"first": parts[0], "second": parts[1]}]
    return _("data of %(parts)s") % {"parts": parts[0]}
