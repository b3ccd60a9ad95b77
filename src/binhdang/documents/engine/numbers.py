"""Table cells of the documents: numbers written the Vietnamese way (binhdang.formats)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from binhdang.formats.dates import format_date
from binhdang.formats.numbers import format_number

from .types import ColumnFormat

_DECIMALS: dict[str, int] = {"int": 0, "dec1": 1, "dec2": 2, "pct1": 1}


def format_cell(value: object, fmt: ColumnFormat) -> str:
    """Text shown in a table cell for ``value`` in a column of format ``fmt``."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        return format_date(value)
    if fmt in ("text", "center") or isinstance(value, (str, bool)):
        return str(value)
    if isinstance(value, int | float | Decimal):
        # A count in a column of decimals stays a count: "12", not "12,00".
        decimals = 0 if isinstance(value, int) and fmt != "pct1" else _DECIMALS.get(fmt, 0)
        text = format_number(value, decimals)
        return f"{text}%" if fmt == "pct1" else text
    return str(value)
