"""Excel annexes."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from binhdang.formats.cells import safe_cell_text

from .types import AnnexColumn, AnnexTable

NUMBER_FORMATS = {
    "int": "#,##0",
    "dec1": "#,##0.0",
    "dec2": "#,##0.00",
    "pct1": '0.0"%"',
}

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
    from decimal import Decimal

    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _write_annex(ws: Worksheet, annex: AnnexTable, doc_title: str) -> None:
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
    for index, values in enumerate(body):
        is_total = annex.totals is not None and index == len(body) - 1
        for i, col in enumerate(cols):
            value = values[i] if i < len(values) else None
            cell = _put(ws, row, i + 1, value)
            cell.border = _BORDER
            cell.font = total_font if is_total else body_font
            if _is_number(value) and col.fmt in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[col.fmt]
                cell.alignment = Alignment(horizontal="right", vertical="center")
            else:
                horizontal = "center" if col.fmt == "center" else "left"
                cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        row += 1

    for i, col in enumerate(cols):
        letter = get_column_letter(i + 1)
        if col.width_mm:
            width = col.width_mm / 2.1
        elif col.title.strip().upper() in ("STT", "TT") or col.fmt == "center":
            width = 6
        elif col.fmt == "text":
            longest = max([len(str(r[i])) for r in body if i < len(r) and r[i]] or [10])
            width = min(max(longest * 0.9, 18), 50)
        else:
            width = min(max(len(col.title) * 0.9, 11), 18)
        ws.column_dimensions[letter].width = width

    # First column (usually STT/name) and the header stay visible while scrolling.
    ws.freeze_panes = ws.cell(row=first_header + header_rows, column=1)
    ws.print_title_rows = f"{first_header}:{first_header + header_rows - 1}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    header_text = safe_cell_text(doc_title) or ""
    ws.oddHeader.center.text = str(header_text).replace("&", "&&")[:200]
    ws.oddHeader.center.size = 9
    ws.oddFooter.center.text = "Trang &P / &N"
    ws.oddFooter.center.size = 9


def render_xlsx(annexes: list[AnnexTable], title: str) -> bytes:
    """One sheet per annex, ready to print on A4 landscape."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = title
    wb.properties.creator = "binhdang"
    used: set[str] = set()
    if not annexes:
        ws = wb.create_sheet(_sheet_title(title or "Phụ lục", used))
        _put(ws, 1, 1, "Không có số liệu.")
    for annex in annexes:
        ws = wb.create_sheet(_sheet_title(annex.title, used))
        _write_annex(ws, annex, title)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
