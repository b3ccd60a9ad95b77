"""Values safe to put in a spreadsheet cell or a CSV field."""

from __future__ import annotations

import io
import re
import zipfile

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


# Number formats of spreadsheet cells. The "[$-42A]" prefix (Vietnamese, LCID 0x042A) makes
# LibreOffice group thousands with "." and write decimals with "," whatever the machine's own
# locale ("14.085", "58,2%"); Excel keeps the reader's system separators. Percentages are
# stored as fractions (0.582), so a formula on them works.
VI_LOCALE = "[$-42A]"
COUNT_FORMAT = VI_LOCALE + "#,##0"
DECIMAL_FORMATS = {1: VI_LOCALE + "#,##0.0", 2: VI_LOCALE + "#,##0.00"}
PERCENT_FORMAT = VI_LOCALE + "0.0%"
DATE_FORMAT = "dd/mm/yyyy"
DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm"


def print_on_a4_landscape(ws, *, title_rows: str, area: str) -> None:
    """Page setup of a worksheet for printing: A4 landscape, all columns on one page wide,
    the header rows `title_rows` ("5:6") repeated on every page, the print area `area`
    ("A1:H40") and page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = title_rows
    ws.print_area = area
    ws.oddFooter.center.text = "Trang &P / &N"
    ws.oddFooter.center.size = 9


_FORMULA_CELL = re.compile(rb'(<c r="([A-Z]+[0-9]+)"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(?:</v>)?')


def with_formula_results(data: bytes, results: list[dict[str, float | int]]) -> bytes:
    """The workbook `data` (as openpyxl saves it) with the result of each formula stored
    beside it: `results[i]` maps a cell ("C20") of the i-th sheet to its number. A reader that
    does not compute (a phone's viewer, a script reading values) then shows the totals too;
    LibreOffice and Excel still compute the formulas on opening."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if match and int(match.group(1)) <= len(results):
                cells = results[int(match.group(1)) - 1]

                def cached(m, cells=cells):
                    value = cells.get(m.group(2).decode())
                    if value is None:
                        return m.group(0)
                    value = value if isinstance(value, int) else float(value)
                    return m.group(1) + m.group(3) + b"<v>" + repr(value).encode() + b"</v>"

                content = _FORMULA_CELL.sub(cached, content)
            target.writestr(item, content)
    return out.getvalue()
