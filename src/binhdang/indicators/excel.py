"""The Excel template for entering indicator values and the reading of a filled one.

The template has one sheet per unit: a title (merged cells), the unit's name and key, the year,
then one row per (data element, disaggregation) with last year's value beside the cell to
fill. Reading is tolerant of what officers do to such a file (merged or retyped headers,
"1.234", "50,9", numbers stored as text, blank rows, extra sheets) and strict about what is
unsafe (macros, external links, absurd sizes): see `read_upload`.
"""

import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection

from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.cells import safe_cell_text
from binhdang.orgunits.models import OrgUnit

from .models import DataElement, disaggregation_label

MAX_ROWS_PER_SHEET = 1000  # a unit's sheet has about 100 rows; more is not a template
MAX_SHEETS = 60
MAX_COLUMNS = 12
UNIT_KEY_LABEL = "Mã đơn vị"
YEAR_LABEL = "Năm báo cáo"
CODE_HEADER = "Mã số liệu"
OPTION_HEADER = "Mã phân tổ"
VALUE_HEADER_PREFIX = "Số liệu năm"

HEADERS = ["STT", CODE_HEADER, "Tên số liệu", OPTION_HEADER, "Phân tổ", "Năm trước"]


def unit_key(unit: OrgUnit) -> str:
    """A unique, stable key of a unit in our own files (official codes repeat across the
    pre- and post-2025 unit sets, so the imported key is used, else our id)."""
    return unit.external_id or f"ID{unit.pk}"


def find_unit(units, key: str) -> OrgUnit | None:
    """The unit of `units` (a queryset in the user's scope) with this key, or None."""
    key = key.strip()
    if key.upper().startswith("ID") and key[2:].isdigit():
        return units.filter(pk=int(key[2:])).first()
    return units.filter(external_id=key).first()


def build_template(
    units: list[OrgUnit],
    year: int,
    elements: list[DataElement],
    stored: dict[tuple[int, str, str, int], object],
) -> bytes:
    """An .xlsx with one sheet per unit. `stored` maps (unit id, code, option, year) -> value
    for this year's and last year's values."""
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF5D6")
    for index, unit in enumerate(units, start=1):
        title = f"{index:02d} {unit.short_name or unit.name}"[:31]
        for ch in "[]:*?/\\":
            title = title.replace(ch, " ")
        ws = wb.create_sheet(title)
        ws.merge_cells("A1:G1")
        ws["A1"] = safe_cell_text(f"SỐ LIỆU CHỈ TIÊU BÌNH ĐẲNG GIỚI - {unit.name}".upper())
        ws["A1"].font = Font(bold=True, size=13)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws["A2"], ws["B2"] = "Đơn vị", safe_cell_text(unit.name)
        ws["A3"], ws["B3"] = UNIT_KEY_LABEL, safe_cell_text(unit_key(unit))
        ws["A4"], ws["B4"] = YEAR_LABEL, year
        ws["A5"] = (
            "Nhập số vào cột G. Để trống = giữ nguyên số đã có. Số lẻ dùng dấu phẩy (50,9); "
            "có/không nhập 1/0."
        )
        ws["A5"].font = Font(italic=True)
        header = [*HEADERS[:-1], f"Năm {year - 1}", f"{VALUE_HEADER_PREFIX} {year}"]
        for col, text in enumerate(header, start=1):
            cell = ws.cell(row=7, column=col, value=text)
            cell.font = bold
        row = 8
        for element in elements:
            for option in element.options:
                ws.cell(row=row, column=1, value=row - 7)
                ws.cell(row=row, column=2, value=element.code)
                ws.cell(row=row, column=3, value=safe_cell_text(element.name))
                ws.cell(row=row, column=4, value=option)
                ws.cell(row=row, column=5, value=str(disaggregation_label(option)))
                last = stored.get((unit.pk, element.code, option, year - 1))
                ws.cell(row=row, column=6, value=float(last) if last is not None else None)
                current = stored.get((unit.pk, element.code, option, year))
                cell = ws.cell(
                    row=row, column=7, value=float(current) if current is not None else None
                )
                cell.fill = fill
                cell.protection = Protection(locked=False)
                row += 1
        for col, width in zip("ABCDEFG", (6, 26, 70, 22, 22, 14, 16), strict=True):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A8"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class CellError:
    sheet: str
    cell: str
    message: str


@dataclass
class SheetValues:
    sheet: str
    unit_key: str
    year: int | None
    # (code, option) -> (raw value, cell reference)
    values: dict[tuple[str, str], tuple[object, str]] = field(default_factory=dict)


@dataclass
class ParsedUpload:
    sheets: list[SheetValues] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)


def _refuse_unsafe(uploaded) -> None:
    """Macros and external links are refused before any cell is read."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = [n.lower() for n in archive.namelist()]
    finally:
        uploaded.seek(0)
    if any(n.endswith("vbaproject.bin") for n in names):
        raise UploadRejected(
            _("The file contains macros, which are not accepted. Save it as a normal .xlsx file.")
        )
    if any(n.startswith("xl/externallinks/") for n in names):
        raise UploadRejected(
            _(
                "The file links to other workbooks (external links), which are not accepted. "
                "Copy the values in and remove the links, then upload again."
            )
        )


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def read_upload(uploaded) -> ParsedUpload:
    """Read the values of a filled template. Raises UploadRejected for an unsafe or absurd
    file; returns per-sheet raw values and per-cell problems of layout (not of values)."""
    check_upload(uploaded, allowed={"xlsx"})
    _refuse_unsafe(uploaded)
    try:
        wb = load_workbook(uploaded, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise UploadRejected(_("The file could not be read as an Excel workbook.")) from exc
    parsed = ParsedUpload()
    try:
        if len(wb.sheetnames) > MAX_SHEETS:
            raise UploadRejected(
                _("The file has %(n)s sheets; at most %(max)s are accepted.")
                % {"n": len(wb.sheetnames), "max": MAX_SHEETS}
            )
        for ws in wb.worksheets:
            sheet = _read_sheet(ws, parsed)
            if sheet is not None:
                parsed.sheets.append(sheet)
    finally:
        wb.close()
    if not parsed.sheets and not parsed.errors:
        parsed.errors.append(
            CellError(
                "",
                "",
                _("No sheet of the file has the template's layout (no “Mã số liệu” column)."),
            )
        )
    return parsed


def _read_sheet(ws, parsed: ParsedUpload) -> SheetValues | None:
    name = ws.title
    sheet = SheetValues(sheet=name, unit_key="", year=None)
    code_col = option_col = value_col = None
    header_row = None
    for count, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
        if count > MAX_ROWS_PER_SHEET:
            raise UploadRejected(
                _(
                    "The sheet “%(sheet)s” has more than %(max)s rows; a unit's template has "
                    "about a hundred. Remove the extra rows or use the template."
                )
                % {"sheet": name, "max": MAX_ROWS_PER_SHEET}
            )
        cells = [(c, _text(getattr(c, "value", None))) for c in row]
        texts = [t for _c, t in cells]
        if not any(texts):
            continue
        if header_row is None:
            label = texts[0].rstrip(":").strip().lower() if texts else ""
            if label == UNIT_KEY_LABEL.lower() and len(texts) > 1:
                sheet.unit_key = texts[1]
                continue
            if label == YEAR_LABEL.lower() and len(texts) > 1:
                try:
                    sheet.year = int(float(texts[1].replace(",", ".")))
                except ValueError:
                    parsed.errors.append(
                        CellError(name, cells[1][0].coordinate, _("The year is not a number."))
                    )
                continue
            lowered = [t.lower() for t in texts]
            if CODE_HEADER.lower() in lowered:
                header_row = count
                code_col = lowered.index(CODE_HEADER.lower())
                option_col = (
                    lowered.index(OPTION_HEADER.lower())
                    if OPTION_HEADER.lower() in lowered
                    else None
                )
                candidates = [
                    i for i, t in enumerate(lowered) if t.startswith(VALUE_HEADER_PREFIX.lower())
                ]
                value_col = candidates[-1] if candidates else len(texts) - 1
            continue
        code = texts[code_col] if code_col < len(texts) else ""
        if not code:
            continue
        option = texts[option_col] if option_col is not None and option_col < len(texts) else ""
        option = option or "total"
        if value_col >= len(cells):
            continue
        cell = cells[value_col][0]
        value = getattr(cell, "value", None)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        key = (code, option)
        ref = cell.coordinate
        if key in sheet.values:
            parsed.errors.append(
                CellError(name, ref, _("This data element and disaggregation appear twice."))
            )
            continue
        sheet.values[key] = (value, ref)
    if header_row is None:
        return None
    if not sheet.unit_key:
        parsed.errors.append(CellError(name, "B3", _("The unit key (Mã đơn vị) is missing.")))
    if sheet.year is None:
        parsed.errors.append(CellError(name, "B4", _("The year (Năm báo cáo) is missing.")))
    return sheet
