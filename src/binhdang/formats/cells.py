"""Values safe to put in a spreadsheet cell or a CSV field."""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell_text(value: object) -> object:
    """Text a spreadsheet would read as a formula ("=HYPERLINK(...)", "+1", "-2", "@SUM", or a
    leading tab/CR) gets a leading apostrophe so it stays inert text (OWASP CSV injection).
    Control characters that the xlsx format cannot store are dropped. Non-text values
    (numbers, dates, None) are returned unchanged.
    """
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text
