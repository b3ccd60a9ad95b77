"""Numbers as Vietnamese officers type and read them.

One rule for everything a person types, in forms, Excel text cells and uploaded text: "."
groups thousands and "," is the decimal mark. "1.234" is one thousand two hundred and
thirty-four, "12,5" is twelve and a half, "1 234" (space-grouped) is 1234. Anything else,
including "1234.5", "1e3" or "khoảng 20", is refused with a message saying how to write it:
a guess would store a wrong figure without anyone noticing. The API takes JSON numbers, and
spreadsheet cells that hold real numbers are taken as they are (`from_cell`).

Written numbers use the same marks: `format_number(Decimal("1104.4"))` -> "1.104,4".
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils import numberformat
from django.utils.translation import gettext as _

# The largest value any field stores (a 15-digit count fits every column on PostgreSQL).
MAX_ABS = Decimal("1e15")

_GROUPED_DOT = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$", re.ASCII)
_GROUPED_SPACE = re.compile(r"^-?\d{1,3}(?: \d{3})+(?:,\d+)?$", re.ASCII)
_PLAIN = re.compile(r"^-?\d+(?:,\d+)?$", re.ASCII)  # digits 0-9 only
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " "})


class NumberError(ValueError):
    """A number that cannot be read; `message` is for the person who typed it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_number(
    raw: object,
    *,
    integer: bool = False,
    percent: bool = False,
    max_abs: Decimal = MAX_ABS,
) -> Decimal | None:
    """The Decimal a person meant by `raw`, or None when it is blank.

    `raw` is text typed by a person (the module's rule applies) or a number from a
    spreadsheet or JSON (taken as it is). `integer` refuses fractions, `percent` allows a
    trailing "%". Raises NumberError with a Vietnamese message.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise NumberError(_("Enter a number."))
    if isinstance(raw, int | float | Decimal):
        return _checked(_decimal(str(raw), raw), raw, integer=integer, max_abs=max_abs)
    text = " ".join(str(raw).translate(_SPACES).split())
    if text in {"", "-", "—", "–"}:
        return None
    if percent and text.endswith("%"):
        text = text[:-1].rstrip()
    if _GROUPED_DOT.match(text):
        text = text.replace(".", "")
    elif _GROUPED_SPACE.match(text):
        text = text.replace(" ", "")
    elif not _PLAIN.match(text):
        raise NumberError(_refusal(str(raw)))
    return _checked(_decimal(text.replace(",", "."), raw), raw, integer=integer, max_abs=max_abs)


def _decimal(text: str, raw: object) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise NumberError(_refusal(str(raw))) from exc
    if not value.is_finite():
        raise NumberError(_refusal(str(raw)))
    return value


def _checked(value: Decimal, raw: object, *, integer: bool, max_abs: Decimal) -> Decimal:
    if abs(value) > max_abs:
        raise NumberError(
            _("“%(text)s” is too large (at most %(max)s).")
            % {"text": _short(raw), "max": format_number(max_abs)}
        )
    if integer and value != value.to_integral_value():
        raise NumberError(_("“%(text)s” is not a whole number.") % {"text": _short(raw)})
    if value == 0:
        value = abs(value)  # "-0" is 0
    return value


def _short(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 40 else text[:39] + "…"


def _refusal(raw: str) -> str:
    return _(
        "“%(text)s” is not a number. Write numbers as 1.234 or 1.234,5 "
        "(a dot groups thousands, a comma marks decimals)."
    ) % {"text": _short(raw)}


def format_number(value: object, decimals: int | None = None) -> str:
    """ "1.234.567,5": a dot groups thousands, a comma marks decimals.

    `decimals` None writes the digits the value has (Decimal("1104.40") -> "1.104,4");
    a number rounds to `decimals` places otherwise. None and "" give "".
    """
    if value is None or value == "":
        return ""
    if isinstance(value, int):
        value = Decimal(value)
    elif not isinstance(value, Decimal):
        value = Decimal(str(float(value)))  # float, numpy scalars, text holding a number
    if decimals is None:
        value = value.normalize() if value != value.to_integral_value() else value.quantize(1)
    else:
        value = value.quantize(Decimal(1).scaleb(-decimals)) if decimals else value.quantize(1)
    if value == 0:
        value = abs(value)
    return numberformat.format(
        value,
        ",",
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=".",
        force_grouping=True,
    )


def format_percent(value: object, decimals: int = 1) -> str:
    """ "58,2%"."""
    text = format_number(value, decimals)
    return f"{text}%" if text else ""


def input_value(value: object) -> str:
    """A stored number as it goes back into a text input: no grouping, comma decimals
    ("1104,4"), so that reading it again gives the same number."""
    if value is None or value == "":
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f").replace(".", ",")


_ID = re.compile(r"^[0-9]{1,18}$")


def parse_id(raw: object) -> int | None:
    """An id or a small count from a URL, a form key or a select: ASCII digits only, else None.

    `str.isdigit()` also accepts "²" or "١", which `int()` then refuses with an error; every
    id read from a request goes through here instead."""
    text = str(raw).strip() if raw is not None else ""
    return int(text) if _ID.match(text) else None
