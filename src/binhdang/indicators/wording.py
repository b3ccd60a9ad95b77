"""How an indicator's figures read in Vietnamese (reports, and the pages through the `qty`
filter): a value with its unit of measure, yes/no as "Có"/"Không", a target with its sign and
unit, the forecast with its interval, the coverage of a figure ("số liệu của 12/24 xã")."""

from binhdang.formats.numbers import format_number

from . import forecast
from .models import Indicator

CHILD_WORDS = {"commune": "xã", "district": "huyện", "province": "tỉnh"}
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
        return "Có" if float(value) >= 0.5 else "Không"
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
        span = f"{number(p.low, indicator)} - {quantity(p.high, indicator)}"
        text += f" (khoảng dự báo {forecast.CONFIDENCE}%: {span})"
    return text


def path_verb(comparison: str) -> str:
    """What the path asks of the value: reach it, or stay under it (lower is better)."""
    return "không vượt quá" if comparison in ("<=", "<") else "đạt"


def coverage(cov, unit_word: str = "huyện") -> str:
    """ "số liệu của 12/24 xã và 3 cơ quan, đơn vị", "số liệu của Phòng Nội vụ huyện",
    "số liệu của huyện"; "" when unknown."""
    if cov is None:
        return ""
    parts = []
    if cov.territorial_total and cov.territorial_with_data:
        word = CHILD_WORDS.get(cov.territorial_kind, "đơn vị")
        parts.append(f"{cov.territorial_with_data}/{cov.territorial_total} {word}")
    if cov.bodies_with_data:
        if len(cov.bodies_with_data) <= MAX_NAMED_BODIES and not parts:
            parts.append(", ".join(cov.bodies_with_data))
        else:
            parts.append(f"{len(cov.bodies_with_data)} cơ quan, đơn vị")
    if not parts and cov.own:
        parts.append(unit_word)
    if not parts:
        return ""
    return "số liệu của " + " và ".join(parts)
