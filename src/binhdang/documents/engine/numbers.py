"""Vietnamese number and date formatting."""

from __future__ import annotations

import datetime
from decimal import Decimal

from .types import ColumnFormat

_DECIMALS: dict[str, int] = {"int": 0, "dec1": 1, "dec2": 2, "pct1": 1}


def format_vn_number(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """1234567.5 -> "1.234.567,5" (dot groups thousands, comma marks decimals)."""
    if value is None:
        return ""
    text = f"{float(value):,.{decimals}f}" if decimals else f"{round(float(value)):,d}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_cell(value: object, fmt: ColumnFormat) -> str:
    """Text shown in a table cell for ``value`` in a column of format ``fmt``."""
    if value is None or value == "":
        return ""
    if fmt in ("text", "center") or isinstance(value, (str, bool)):
        return str(value)
    if isinstance(value, int | float | Decimal):
        text = format_vn_number(value, _DECIMALS.get(fmt, 0))
        return f"{text}%" if fmt == "pct1" else text
    return str(value)


def format_vn_date_line(place: str, date: datetime.date | None, year: int | None = None) -> str:
    """ "Vị Xuyên, ngày 05 tháng 12 năm 2023".

    Decree 30 writes days below 10 and the months January and February with a leading zero.
    Without a date the day and month are left blank for the clerk to fill in by hand.
    """
    prefix = f"{place}, " if place else ""
    if date is None:
        y = year or datetime.date.today().year
        return f"{prefix}ngày     tháng     năm {y}"
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{prefix}ngày {day} tháng {month} năm {date.year}"
