"""Excel annexes: numbers as numbers (Vietnamese number formats), percentages as fractions,
dates as dates, totals as formulas, printed on A4 landscape."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from binhdang.formats.cells import (
    COUNT_FORMAT,
    DATE_FORMAT,
    DATE_TIME_FORMAT,
    DECIMAL_FORMATS,
    PERCENT_FORMAT,
    print_on_a4_landscape,
    safe_cell_text,
    with_formula_results,
)

from .types import AnnexColumn, AnnexTable

NUMBER_FORMATS = {
    "int": COUNT_FORMAT,
    "dec1": DECIMAL_FORMATS[1],
    "dec2": DECIMAL_FORMATS[2],
    "pct1": PERCENT_FORMAT,
}
SEQUENCE_TITLES = ("STT", "TT")
_SEQUENCE = re.compile(r"^[1-9]\d{0,5}$", re.ASCII)
_DAY = re.compile(r"^\d{2}/\d{2}/\d{4}$", re.ASCII)

_FONT = "Times New Roman"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _put(ws: Worksheet, row: int, col: int, value: object):
    cell = ws.cell(row=row, column=col)
    value = safe_cell_text(value)
    cell.value = value
    if isinstance(value, str):
        # Never let openpyxl infer a formula from text.
        cell.data_type = "s"
    return cell


def _sheet_title(title: str, used: set[str]) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'") or "Phu luc"
    cleaned = cleaned[:31]
    candidate, n = cleaned, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = cleaned[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _cell_value(value: object, col: AnnexColumn) -> object:
    """The value as the spreadsheet should hold it: an STT "3" as the number 3, a percentage
    (0-100 in the annex) as a fraction, a "05/12/2023" in a non-text column as a date."""
    if isinstance(value, str):
        if col.title.strip().upper() in SEQUENCE_TITLES and _SEQUENCE.match(value):
            return int(value)
        if col.fmt != "text" and _DAY.match(value):
            day, month, year = (int(part) for part in value.split("/"))
            try:
                return datetime.date(year, month, day)
            except ValueError:
                return value
        return value
    if col.fmt == "pct1" and _is_number(value):
        return float(value) / 100
    return value


def _number_format(value: object, col: AnnexColumn) -> str | None:
    if isinstance(value, datetime.datetime):
        return DATE_FORMAT if value.time() == datetime.time.min else DATE_TIME_FORMAT
    if isinstance(value, datetime.date):
        return DATE_FORMAT
    if not _is_number(value):
        return None
    if col.title.strip().upper() in SEQUENCE_TITLES:
        return "0"
    if col.fmt in ("dec1", "dec2") and value == int(value):
        return COUNT_FORMAT  # a count in a decimal column: "12", not "12,00"
    return NUMBER_FORMATS.get(col.fmt, COUNT_FORMAT)


def _total_formula(
    annex: AnnexTable, i: int, col: AnnexColumn, first: int, last: int, total_row: int
) -> str | None:
    """The totals row's formula for column `i`: the SUM of the rows above when they add up to
    the total given (so the sheet never disagrees with the report), the ratio of two totals
    for a percentage column that names them; None to keep the value as given."""
    total = annex.totals[i] if i < len(annex.totals) else None
    if not _is_number(total) or last < first:
        return None
    letter = get_column_letter(i + 1)
    if col.fmt == "pct1":
        if col.ratio_of is None:
            return None
        num, den = (get_column_letter(c + 1) for c in col.ratio_of)
        return f'=IF({den}{total_row}=0,"",{num}{total_row}/{den}{total_row})'
    values = [row[i] if i < len(row) else None for row in annex.rows]
    if any(v is not None and v != "" and not _is_number(v) for v in values):
        return None
    if abs(sum(Decimal(str(v)) for v in values if _is_number(v)) - Decimal(str(total))) > Decimal(
        "0.000001"
    ):
        return None
    return f"=SUM({letter}{first}:{letter}{last})"


def _formula_result(annex: AnnexTable, i: int, col: AnnexColumn) -> float | None:
    """What a totals formula of column `i` comes to: the total given (a SUM is written only
    when the rows add up to it), or for a percentage the ratio of the two totals."""
    totals = annex.totals or []
    if col.fmt == "pct1" and col.ratio_of is not None:
        num, den = (totals[c] if c < len(totals) else None for c in col.ratio_of)
        if _is_number(num) and _is_number(den) and den:
            return float(num) / float(den)
        return None
    total = totals[i] if i < len(totals) else None
    return total if _is_number(total) else None


def _write_annex(ws: Worksheet, annex: AnnexTable, doc_title: str) -> dict[str, object]:
    """Write the annex on `ws`; returns the result of each formula written, by cell."""
    cols: list[AnnexColumn] = annex.columns
    n = len(cols)
    last_col = get_column_letter(n)
    row = 1
    for text, bold, italic, size in (
        (annex.title, True, False, 13),
        (annex.subtitle.upper() if annex.subtitle else "", True, False, 13),
        (annex.note, False, True, 12),
    ):
        if not text:
            continue
        cell = _put(ws, row, 1, text)
        cell.font = Font(name=_FONT, bold=bold, italic=italic, size=size)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if n > 1:
            ws.merge_cells(f"A{row}:{last_col}{row}")
        ws.row_dimensions[row].height = 20 if len(text) < 120 else 36
        row += 1
    if annex.unit:
        cell = _put(ws, row, 1, annex.unit)
        cell.font = Font(name=_FONT, italic=True, size=11)
        cell.alignment = Alignment(horizontal="right")
        if n > 1:
            ws.merge_cells(f"A{row}:{last_col}{row}")
        row += 1
    row += 0 if annex.unit else 1

    header_font = Font(name=_FONT, bold=True, size=11)
    header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    first_header = row
    two_levels = any(c.group for c in cols)
    header_rows = 2 if two_levels else 1
    for r in range(first_header, first_header + header_rows):
        for c in range(1, n + 1):
            cell = ws.cell(row=r, column=c)
            cell.font, cell.alignment, cell.border = header_font, header_align, _BORDER
    if two_levels:
        i = 0
        while i < n:
            col = cols[i]
            if not col.group:
                _put(ws, first_header, i + 1, col.title)
                ws.merge_cells(
                    start_row=first_header,
                    start_column=i + 1,
                    end_row=first_header + 1,
                    end_column=i + 1,
                )
                i += 1
                continue
            j = i
            while j + 1 < n and cols[j + 1].group == col.group:
                j += 1
            _put(ws, first_header, i + 1, col.group)
            if j > i:
                ws.merge_cells(
                    start_row=first_header,
                    start_column=i + 1,
                    end_row=first_header,
                    end_column=j + 1,
                )
            for k in range(i, j + 1):
                _put(ws, first_header + 1, k + 1, cols[k].title)
            i = j + 1
    else:
        for i, col in enumerate(cols):
            _put(ws, first_header, i + 1, col.title)
    row = first_header + header_rows

    body_font = Font(name=_FONT, size=11)
    total_font = Font(name=_FONT, size=11, bold=True)
    body = list(annex.rows) + ([annex.totals] if annex.totals else [])
    results: dict[str, object] = {}
    first_body, last_body = row, row + len(annex.rows) - 1
    for index, values in enumerate(body):
        is_total = annex.totals is not None and index == len(body) - 1
        for i, col in enumerate(cols):
            value = values[i] if i < len(values) else None
            formula = (
                _total_formula(annex, i, col, first_body, last_body, row) if is_total else None
            )
            if formula:
                cell = ws.cell(row=row, column=i + 1, value=formula)
                result = _formula_result(annex, i, col)
                if result is not None:
                    results[cell.coordinate] = result
                fmt = NUMBER_FORMATS.get(col.fmt, COUNT_FORMAT)
                if col.fmt in ("dec1", "dec2") and _is_number(value) and value == int(value):
                    fmt = COUNT_FORMAT
            else:
                value = _cell_value(value, col)
                cell = _put(ws, row, i + 1, value)
                fmt = _number_format(value, col)
            cell.border = _BORDER
            cell.font = total_font if is_total else body_font
            if fmt is not None:
                cell.number_format = fmt
                centred = col.fmt == "center" or isinstance(value, datetime.date)
                cell.alignment = Alignment(
                    horizontal="center" if centred else "right", vertical="center"
                )
            else:
                horizontal = "center" if col.fmt == "center" else "left"
                cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        row += 1

    for i, col in enumerate(cols):
        letter = get_column_letter(i + 1)
        if col.width_mm:
            width = col.width_mm / 2.1
        elif col.title.strip().upper() in SEQUENCE_TITLES or col.fmt == "center":
            width = 6
        elif col.fmt == "text":
            longest = max([len(str(r[i])) for r in body if i < len(r) and r[i]] or [10])
            width = min(max(longest * 0.9, 18), 50)
        else:
            width = min(max(len(col.title) * 0.9, 11), 18)
        if any(isinstance(_cell_value(r[i], col), datetime.date) for r in body if i < len(r)):
            width = max(width, 12)  # "05/12/2023" on one line, never "###"
        ws.column_dimensions[letter].width = width

    # First column (usually STT/name) and the header stay visible while scrolling.
    ws.freeze_panes = ws.cell(row=first_header + header_rows, column=1)
    print_on_a4_landscape(
        ws,
        title_rows=f"{first_header}:{first_header + header_rows - 1}",
        area=f"A1:{last_col}{max(row - 1, first_header + header_rows - 1)}",
    )
    header_text = safe_cell_text(doc_title) or ""
    ws.oddHeader.center.text = str(header_text).replace("&", "&&")[:200]
    ws.oddHeader.center.size = 9
    return results


def render_xlsx(annexes: list[AnnexTable], title: str) -> bytes:
    """One sheet per annex, ready to print on A4 landscape."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = title
    wb.properties.creator = "binhdang"
    # Totals are formulas, stored with their results; Excel is told to compute them again on
    # opening, as LibreOffice does.
    wb.calculation.fullCalcOnLoad = True
    used: set[str] = set()
    results: list[dict[str, object]] = []
    if not annexes:
        ws = wb.create_sheet(_sheet_title(title or "Phụ lục", used))
        _put(ws, 1, 1, "Không có số liệu.")
    for annex in annexes:
        ws = wb.create_sheet(_sheet_title(annex.title, used))
        results.append(_write_annex(ws, annex, title))
    out = BytesIO()
    wb.save(out)
    return with_formula_results(out.getvalue(), results)
