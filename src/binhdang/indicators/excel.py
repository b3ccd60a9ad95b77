"""The Excel template for entering indicator values and the reading of a filled one.

The template has one sheet per unit: a title (merged cells), the unit's name and key, the year,
then one row per (data element, disaggregation) with last year's value beside the cell to
fill. Reading is tolerant of what officers do to such a file (merged banners, headers retyped in
another case or in decomposed Unicode, "1.234", "50,9", numbers stored as text, blank rows,
empty extra sheets) and refuses the whole file, naming the sheet and cell, whenever a number
could be stored wrong: a year outside 2000-2100 or disagreeing with the sheet's title, a unit on
two sheets (hidden or not), a sheet it does not understand, a formula Excel never computed. It
is strict about what is unsafe (macros, external links, parts too large to be a template, which
are refused from the zip directory before openpyxl reads them): see `read_upload`.
"""

import re
from dataclasses import dataclass, field
from io import BytesIO
from itertools import zip_longest

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from binhdang.core.sheets import inspect_workbook, open_workbook, unit_key
from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.cells import safe_cell_text
from binhdang.formats.numbers import NumberError, parse_id, parse_number
from binhdang.formats.text import nfc
from binhdang.orgunits.models import OrgUnit

from .models import DataElement, disaggregation_label

MAX_ROWS_PER_SHEET = 1000  # a unit's sheet has about 100 rows; more is not a template
MAX_SHEETS = 60
MAX_COLUMNS = 12
YEAR_MIN, YEAR_MAX = 2000, 2100  # as the entry form
TEMPLATE_TITLE = "SỐ LIỆU CHỈ TIÊU BÌNH ĐẲNG GIỚI"
UNIT_KEY_LABEL = "Mã đơn vị"
YEAR_LABEL = "Năm báo cáo"
CODE_HEADER = "Mã số liệu"
OPTION_HEADER = "Mã phân tổ"
VALUE_HEADER_PREFIX = "Số liệu năm"

HEADERS = ["STT", CODE_HEADER, "Tên số liệu", OPTION_HEADER, "Phân tổ", "Năm trước"]


def find_unit(units, key: str) -> OrgUnit | None:
    """The unit of `units` (a queryset in the user's scope) with this key, or None."""
    key = key.strip()
    if key.upper().startswith("ID") and (pk := parse_id(key[2:])) is not None:
        return units.filter(pk=pk).first()
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
        ws["A1"] = safe_cell_text(f"{TEMPLATE_TITLE} NĂM {year} - {unit.name}".upper())
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
    key_ref: str = "B3"
    year_ref: str = "B4"
    hidden: bool = False
    # (code, option) -> (raw value, cell reference)
    values: dict[tuple[str, str], tuple[object, str]] = field(default_factory=dict)


@dataclass
class ParsedUpload:
    sheets: list[SheetValues] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)


def read_upload(uploaded) -> ParsedUpload:
    """Read the values of a filled template. Raises UploadRejected for an unsafe or absurd
    file; returns per-sheet raw values and the problems of layout (not of values), each
    naming its sheet and cell. A sheet that is not understood is an error, never skipped:
    only an empty sheet is."""
    check_upload(uploaded, allowed={"xlsx"})
    inspect_workbook(uploaded)
    # The workbook is read twice, streaming: once for the values Excel computed and once for
    # the formulas, to tell a formula Excel never computed (no cached value) from a blank.
    values_wb = open_workbook(uploaded, data_only=True)
    try:
        formulas_wb = open_workbook(uploaded, data_only=False)
    except UploadRejected:
        values_wb.close()
        raise
    parsed = ParsedUpload()
    try:
        if len(values_wb.sheetnames) > MAX_SHEETS:
            raise UploadRejected(
                _("The file has %(n)s sheets; at most %(max)s are accepted.")
                % {"n": len(values_wb.sheetnames), "max": MAX_SHEETS}
            )
        for ws, formulas in zip(values_wb.worksheets, formulas_wb.worksheets, strict=True):
            sheet = _read_sheet(ws, formulas, parsed)
            if sheet is not None:
                parsed.sheets.append(sheet)
    finally:
        values_wb.close()
        formulas_wb.close()
    if not parsed.sheets and not parsed.errors:
        parsed.errors.append(
            CellError(
                "",
                "",
                _("No sheet of the file has the template's layout (no “Mã số liệu” column)."),
            )
        )
    return parsed


class _NoCachedValue:
    """A formula cell Excel never computed (files written by programs, not by Excel)."""

    def __str__(self) -> str:
        return ""


NO_CACHED_VALUE = _NoCachedValue()


def _label(text: str) -> str:
    """A label as compared: NFC, spaces collapsed, no trailing colon, case folded."""
    return " ".join(text.split()).rstrip(":").strip().casefold()


def _text(value) -> str:
    if value is None or value is NO_CACHED_VALUE:
        return ""
    return nfc(str(value)).strip()


def _row_values(row, formula_row) -> list:
    """The values of a row, text in NFC; NO_CACHED_VALUE for a formula without a result.

    A formula whose result is text ("" included) is marked as a string by Excel even when
    the text is empty; one with no stored result at all is not."""
    values = []
    for cell, formula_cell in zip_longest(row, formula_row):
        value = getattr(cell, "value", None)
        if (
            value is None
            and getattr(formula_cell, "data_type", None) == "f"
            and getattr(cell, "data_type", None) != "s"
        ):
            value = NO_CACHED_VALUE
        elif isinstance(value, str):
            value = nfc(value)
        values.append(value)
    return values


def _no_cache(name: str, ref: str) -> CellError:
    return CellError(
        name,
        ref,
        _(
            "The cell holds a formula whose result the file does not contain (it was written "
            "by a program, not saved by Excel). Type the value, or open the file in Excel, "
            "save it and upload it again."
        ),
    )


YEAR_IN_TEXT = re.compile(r"(?<!\d)(\d{4})(?!\d)")
YEAR_IN_TITLE = re.compile(r"năm\s+(\d{4})(?!\d)")


def _read_year(name: str, ref: str, raw, errors: list[CellError]) -> int | None:
    if raw is NO_CACHED_VALUE:
        errors.append(_no_cache(name, ref))
        return None
    try:
        value = parse_number(raw, integer=True)
    except NumberError as exc:
        errors.append(
            CellError(
                name,
                ref,
                _("The year (Năm báo cáo) is not a year: %(problem)s") % {"problem": exc.message},
            )
        )
        return None
    if value is None:
        return None
    if not YEAR_MIN <= value <= YEAR_MAX:
        errors.append(
            CellError(
                name,
                ref,
                _(
                    "The year (Năm báo cáo) must be between %(min)s and %(max)s; the cell holds "
                    "%(value)s."
                )  # fmt: skip
                % {"min": YEAR_MIN, "max": YEAR_MAX, "value": _text(raw)[:40]},
            )
        )
        return None
    return int(value)


def _read_sheet(ws, formulas, parsed: ParsedUpload) -> SheetValues | None:
    name = ws.title
    # A sheet's stated size (its <dimension>) may be wrong: read every row there is.
    ws.reset_dimensions()
    formulas.reset_dimensions()
    sheet = SheetValues(
        sheet=name, unit_key="", year=None, hidden=getattr(ws, "sheet_state", "") != "visible"
    )
    errors: list[CellError] = []
    code_col = option_col = value_col = None
    header_row = None
    header_year = title_year = None
    header_ref = title_ref = ""
    anything = False
    rows = zip_longest(
        ws.iter_rows(max_col=MAX_COLUMNS), formulas.iter_rows(max_col=MAX_COLUMNS), fillvalue=()
    )
    for count, (row, formula_row) in enumerate(rows, start=1):
        if count > MAX_ROWS_PER_SHEET:
            raise UploadRejected(
                _(
                    "The sheet “%(sheet)s” has more than %(max)s rows; a unit's template has "
                    "about a hundred. Remove the extra rows or use the template."
                )
                % {"sheet": name, "max": MAX_ROWS_PER_SHEET}
            )
        values = _row_values(row, formula_row)
        texts = [_text(v) for v in values]
        if not any(texts) and NO_CACHED_VALUE not in values:
            continue
        anything = True

        def ref(col: int, row_number: int = count) -> str:
            return f"{get_column_letter(col + 1)}{row_number}"

        if header_row is None:
            label = _label(texts[0]) if texts else ""
            if label == _label(UNIT_KEY_LABEL) and len(values) > 1:
                sheet.key_ref = ref(1)
                if values[1] is NO_CACHED_VALUE:
                    errors.append(_no_cache(name, ref(1)))
                sheet.unit_key = texts[1]
                continue
            if label == _label(YEAR_LABEL) and len(values) > 1:
                sheet.year_ref = ref(1)
                sheet.year = _read_year(name, ref(1), values[1], errors)
                continue
            if title_year is None and _label(TEMPLATE_TITLE) in label:
                found = YEAR_IN_TITLE.search(label)
                if found:
                    title_year, title_ref = int(found.group(1)), ref(0)
                continue
            lowered = [_label(t) for t in texts]
            if _label(CODE_HEADER) in lowered:
                header_row = count
                code_col = lowered.index(_label(CODE_HEADER))
                option_col = (
                    lowered.index(_label(OPTION_HEADER))
                    if _label(OPTION_HEADER) in lowered
                    else None
                )
                candidates = [
                    i for i, t in enumerate(lowered) if t.startswith(_label(VALUE_HEADER_PREFIX))
                ]
                if len(candidates) != 1:
                    errors.append(
                        CellError(
                            name,
                            ", ".join(ref(i) for i in candidates)
                            or ref(max(i for i, t in enumerate(texts) if t)),
                            _(
                                "The header row must have one column named “%(header)s "
                                "<year>” for the values to save; found %(n)s. Use the "
                                "template's header."
                            )
                            % {"header": VALUE_HEADER_PREFIX, "n": len(candidates)},
                        )
                    )
                    break
                value_col = candidates[0]
                header_ref = ref(value_col)
                found = YEAR_IN_TEXT.search(texts[value_col])
                header_year = int(found.group(1)) if found else None
            continue
        code = texts[code_col] if code_col < len(texts) else ""
        if code_col < len(values) and values[code_col] is NO_CACHED_VALUE:
            errors.append(_no_cache(name, ref(code_col)))
            continue
        if not code:
            continue
        option = ""
        if option_col is not None and option_col < len(values):
            if values[option_col] is NO_CACHED_VALUE:
                errors.append(_no_cache(name, ref(option_col)))
                continue
            option = texts[option_col]
        option = option or "total"
        if value_col >= len(values):
            continue
        value = values[value_col]
        if value is NO_CACHED_VALUE:
            errors.append(_no_cache(name, ref(value_col)))
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        key = (code, option)
        if key in sheet.values:
            errors.append(
                CellError(
                    name, ref(value_col), _("This data element and disaggregation appear twice.")
                )
            )
            continue
        sheet.values[key] = (value, ref(value_col))
    if not anything:
        return None  # an empty sheet: nothing to understand
    if header_row is None:
        if not errors:
            errors.append(
                CellError(
                    name,
                    "",
                    _(
                        "This sheet does not have the template's layout (no “Mã số liệu” "
                        "column), so none of its values can be read, and nothing of the file "
                        "was saved. Remove the sheet, or copy its values into the template."
                    ),
                )
            )
        parsed.errors.extend(errors)
        return None
    if not sheet.unit_key and not any(e.cell == sheet.key_ref for e in errors):
        errors.append(CellError(name, sheet.key_ref, _("The unit key (Mã đơn vị) is missing.")))
    if sheet.year is None and not any(e.cell == sheet.year_ref for e in errors):
        errors.append(CellError(name, sheet.year_ref, _("The year (Năm báo cáo) is missing.")))
    if sheet.year is not None:
        for stated, where in ((title_year, title_ref), (header_year, header_ref)):
            if stated is not None and stated != sheet.year:
                errors.append(
                    CellError(
                        name,
                        sheet.year_ref,
                        _(
                            "The year (Năm báo cáo) is %(year)s but cell %(cell)s of the sheet "
                            "says %(stated)s. Correct the year, or download the template of "
                            "the year you are entering."
                        )
                        % {"year": sheet.year, "cell": where, "stated": stated},
                    )
                )
                break
    parsed.errors.extend(errors)
    return sheet
