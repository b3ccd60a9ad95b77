"""Records as spreadsheets: the template a unit fills, the all-or-nothing upload, the export.

An app describes its records once, as a `SheetSpec` (one `Column` per field), and gets the
three from it: `build_template` (headers, drop-down lists for choices, a sheet of the units
the user may name), `import_rows` (every row read and checked, then saved by the app's own
service in one transaction: one refused row and nothing is saved, with every problem of the
file named by row and column) and `export_rows` (the same layout, filled).

Reading is tolerant of what officers do to such a file (headers retyped in another case, in
decomposed Unicode or without accents, "1.234" and "12,5", numbers stored as text, dates
typed as text, blank rows) and strict where a value could be stored wrong (a formula Excel
never computed, a choice it does not know, a unit outside the user's scope, too many rows).
The workbook itself is checked before openpyxl reads it: `inspect_workbook` refuses macros,
external links and parts too large to be a filled template from the zip directory alone.

The pages of an app use `xlsx_response` for a template or an export and `upload_page` for the
page that takes a filled template (its problems shown by "core/_sheet_errors.html").
"""

import datetime
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from itertools import zip_longest
from xml.etree.ElementTree import ParseError

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.xml.functions import fromstring

from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.cells import COUNT_FORMAT, DATE_FORMAT, safe_cell_text
from binhdang.formats.dates import DateError, parse_date
from binhdang.formats.numbers import NumberError, format_number, parse_id, parse_number
from binhdang.formats.text import TextError, clean_text, fold, nfc

KINDS = ("text", "int", "decimal", "date", "bool", "choice", "choices", "unit")
BANNER_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
MAX_HEADER_SCAN = 10  # the header row is looked for in the first rows (banners get added)
MAX_COLUMNS = 60
# Unpacked sizes, checked from the zip directory before openpyxl reads anything.
MAX_PART_BYTES = 8 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 2 * 1024 * 1024
UNITS_SHEET = "Đơn vị"
LISTS_SHEET = "Danh mục"
TRUE_WORDS = {"co", "x", "1", "yes", "true", "dung"}
FALSE_WORDS = {"khong", "0", "no", "false", "sai"}


@dataclass(frozen=True)
class Column:
    key: str  # key of the value in the row dict
    header: str  # as printed in the sheet (Vietnamese)
    kind: str = "text"
    required: bool = False
    # (value, label) for "choice" and "choices"; the cell holds the label (the value is read
    # too); "choices" takes several, separated by ";".
    choices: Sequence[tuple[str, str]] = ()
    width: int = 18
    help: str = ""
    max_length: int | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass(frozen=True)
class SheetSpec:
    title: str  # the banner printed on the sheet: "HOẠT ĐỘNG TRUYỀN THÔNG"
    columns: tuple[Column, ...]
    sheet_name: str = "Dữ liệu"
    max_rows: int = 5000


@dataclass(frozen=True)
class CellError:
    row: int | None  # the sheet's row number; None for the file as a whole
    column: str  # the column's header, "" for the whole row or file
    message: str


class SheetRejected(Exception):
    """The file cannot be taken as it is; `errors` names every problem, `str(exc)` sums up."""

    def __init__(self, errors: list[CellError]):
        self.errors = errors
        super().__init__(
            ngettext(
                "The file was not imported: %(n)s problem to fix (nothing was saved).",
                "The file was not imported: %(n)s problems to fix (nothing was saved).",
                len(errors),
            )
            % {"n": format_number(len(errors))}
        )


def unit_key(unit) -> str:
    """A unique, stable key of a unit in our own files (official codes repeat across the pre-
    and post-2025 unit sets, so the imported key is used, else our id)."""
    return unit.external_id or f"ID{unit.pk}"


# ---------------------------------------------------------------- the workbook itself


def _megabytes(size: int) -> str:
    return format_number(Decimal(size) / 1048576, 1)


def _shared_strings_part(archive: zipfile.ZipFile) -> str:
    """The part openpyxl reads as shared strings: the one [Content_Types].xml names (its
    size is bounded by then), else the usual name. Parsed by openpyxl's own parser (defusedxml
    when installed), as openpyxl is about to parse it anyway."""
    try:
        root = fromstring(archive.read("[Content_Types].xml"))
    except (KeyError, ParseError, ValueError):
        return "xl/sharedStrings.xml"
    for override in root:
        if str(override.get("ContentType", "")).endswith(".sharedStrings+xml"):
            return str(override.get("PartName", "")).lstrip("/")
    return "xl/sharedStrings.xml"


def inspect_workbook(uploaded) -> None:
    """Refuse macros, external links and any part too large to be a filled template, from
    the zip directory alone, before openpyxl reads a byte of it.

    openpyxl keeps every shared string in memory even in read-only mode, so their part is
    capped tighter than the sheets, which are streamed. A zip entry cannot unpack past the
    size its directory states (zipfile stops there and checks the CRC), so the check holds
    against a file that lies about its sizes.
    """
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            infos = archive.infolist()
            names = [i.filename.lower() for i in infos]
            if any(n.endswith("vbaproject.bin") for n in names):
                raise UploadRejected(
                    _(
                        "The file contains macros, which are not accepted. Save it as a normal "
                        ".xlsx file."
                    )
                )
            if any(n.startswith("xl/externallinks/") for n in names):
                raise UploadRejected(
                    _(
                        "The file links to other workbooks (external links), which are not "
                        "accepted. Copy the values in and remove the links, then upload again."
                    )
                )
            for info in infos:
                if info.filename == "[Content_Types].xml" and info.file_size > MAX_PART_BYTES:
                    raise UploadRejected(_("The file is not a valid Excel workbook."))
            shared = _shared_strings_part(archive)
            for info in infos:
                if info.filename == shared or info.filename.lower().endswith("sharedstrings.xml"):
                    if info.file_size > MAX_SHARED_STRINGS_BYTES:
                        raise UploadRejected(
                            _(
                                "The file holds %(size)s MB of text (its shared strings); a "
                                "filled template holds a few dozen KB, and at most %(max)s MB "
                                "is accepted. Copy the values into a template downloaded from "
                                "the entry page and upload that file."
                            )
                            % {
                                "size": _megabytes(info.file_size),
                                "max": _megabytes(MAX_SHARED_STRINGS_BYTES),
                            }
                        )
                elif info.file_size > MAX_PART_BYTES:
                    raise UploadRejected(
                        _(
                            "The part “%(part)s” of the file unpacks to %(size)s MB (at most "
                            "%(max)s MB): the file is far larger than a filled template. Copy "
                            "the values into a template downloaded from the entry page and "
                            "upload that file."
                        )
                        % {
                            "part": info.filename[:80],
                            "size": _megabytes(info.file_size),
                            "max": _megabytes(MAX_PART_BYTES),
                        }
                    )
    except zipfile.BadZipFile as exc:
        raise UploadRejected(_("The file could not be read as an Excel workbook.")) from exc
    finally:
        uploaded.seek(0)


def open_workbook(uploaded, *, data_only: bool):
    """The workbook, streamed (read-only), without external links; UploadRejected when it
    cannot be read."""
    uploaded.seek(0)
    try:
        return load_workbook(uploaded, read_only=True, data_only=data_only, keep_links=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise UploadRejected(_("The file could not be read as an Excel workbook.")) from exc


# ---------------------------------------------------------------- writing


def _header_text(column: Column) -> str:
    return f"{column.header} *" if column.required else column.header


def _label_key(text: object) -> str:
    """A header or a choice as compared: accents, case, spaces and a trailing "*" or ":"
    ignored, NFC or NFD alike."""
    return fold(nfc(str(text or ""))).rstrip("*: ").strip()


def _new_sheet(spec: SheetSpec, note: str):
    wb = Workbook()
    ws = wb.active
    ws.title = spec.sheet_name[:31]
    last = get_column_letter(len(spec.columns))
    ws.merge_cells(f"A{BANNER_ROW}:{last}{BANNER_ROW}")
    ws.cell(row=BANNER_ROW, column=1, value=safe_cell_text(spec.title.upper()))
    ws.cell(row=BANNER_ROW, column=1).font = Font(bold=True, size=13)
    ws.cell(row=BANNER_ROW, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A{NOTE_ROW}:{last}{NOTE_ROW}")
    ws.cell(row=NOTE_ROW, column=1, value=note).font = Font(italic=True)
    fill = PatternFill("solid", fgColor="FFF5D6")
    for index, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=index, value=_header_text(column))
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if column.help:
            cell.comment = Comment(column.help, "binhdang")
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    return wb, ws


def _list_range(wb, index: int, labels: list[str]) -> str:
    """Write `labels` in column `index` of the hidden lists sheet; the range's reference."""
    if LISTS_SHEET in wb.sheetnames:
        lists = wb[LISTS_SHEET]
    else:
        lists = wb.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
    letter = get_column_letter(index)
    for row, label in enumerate(labels, start=1):
        lists.cell(row=row, column=index, value=safe_cell_text(label))
    return f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${max(len(labels), 1)}"


def build_template(
    spec: SheetSpec, *, units: Iterable = (), examples: Iterable[dict] = ()
) -> bytes:
    """The .xlsx a unit fills: a banner, one header per column (required ones marked "*",
    the column's help as the header's comment), drop-down lists for choices and units, the
    sheet "Đơn vị" listing the units the user may name, and `examples` as the first rows."""
    wb, ws = _new_sheet(
        spec,
        "Mỗi dòng một bản ghi; cột có dấu * phải điền. Số: 1.234 hoặc 12,5; ngày: dd/mm/yyyy; "
        "chọn trong danh sách ở các cột có danh mục (nhiều mục cách nhau bằng dấu ;).",
    )
    units = list(units)
    last_row = HEADER_ROW + spec.max_rows
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        area = f"{letter}{HEADER_ROW + 1}:{letter}{last_row}"
        if column.kind == "choice" and column.choices:
            source = _list_range(wb, index, [label for _value, label in column.choices])
            rule = DataValidation(type="list", formula1=source, allow_blank=not column.required)
            rule.error = "Chọn một mục trong danh sách."
            rule.add(area)
            ws.add_data_validation(rule)
        elif column.kind == "unit" and units:
            rule = DataValidation(
                type="list",
                formula1=f"{quote_sheetname(UNITS_SHEET)}!$A$2:$A${len(units) + 1}",
                allow_blank=not column.required,
            )
            rule.add(area)
            ws.add_data_validation(rule)
        elif column.kind == "date":
            for row in range(HEADER_ROW + 1, HEADER_ROW + 201):
                ws.cell(row=row, column=index).number_format = DATE_FORMAT
    if units:
        sheet = wb.create_sheet(UNITS_SHEET)
        sheet.append(["Mã đơn vị", "Tên đơn vị"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for unit in units:
            sheet.append([safe_cell_text(unit_key(unit)), safe_cell_text(unit.name)])
        sheet.column_dimensions["A"].width = 24
        sheet.column_dimensions["B"].width = 48
    _write_rows(ws, spec, examples)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell_value(column: Column, value):
    if value is None or value == "" or value == []:
        return None
    if column.kind == "unit":
        return safe_cell_text(getattr(value, "name", str(value)))
    if column.kind == "bool":
        return "Có" if value else "Không"
    if column.kind in ("choice", "choices"):
        labels = dict(column.choices)
        values = value if isinstance(value, list | tuple | set) else [value]
        return safe_cell_text("; ".join(str(labels.get(v, v)) for v in values))
    if column.kind in ("int", "decimal"):
        return int(value) if column.kind == "int" else float(value)
    if column.kind == "date":
        return value
    return safe_cell_text(str(value))


def _write_rows(ws, spec: SheetSpec, rows: Iterable[dict]) -> None:
    row_number = HEADER_ROW
    for row in rows:
        row_number += 1
        for index, column in enumerate(spec.columns, start=1):
            cell = ws.cell(
                row=row_number, column=index, value=_cell_value(column, row.get(column.key))
            )
            if column.kind == "date":
                cell.number_format = DATE_FORMAT
            elif column.kind in ("int", "decimal"):
                cell.number_format = COUNT_FORMAT if column.kind == "int" else "#,##0.##"


def export_rows(spec: SheetSpec, rows: Iterable[dict]) -> bytes:
    """The records as a sheet of the template's layout (so an export can be corrected and
    uploaded again): units by name, choices by label, numbers and dates as cells."""
    wb, ws = _new_sheet(spec, f"Trích xuất ngày {datetime.date.today():%d/%m/%Y}")
    _write_rows(ws, spec, rows)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- reading


class _NoCachedValue:
    """A formula cell Excel never computed (files written by programs, not by Excel)."""


NO_CACHED_VALUE = _NoCachedValue()


def _values(row, formula_row) -> list:
    values = []
    for cell, formula_cell in zip_longest(row, formula_row):
        value = getattr(cell, "value", None)
        if (
            value is None
            and getattr(formula_cell, "data_type", None) == "f"
            and getattr(cell, "data_type", None) != "s"
        ):
            value = NO_CACHED_VALUE
        values.append(value)
    return values


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _UnitFinder:
    """Units of the user's scope by key ("ID123", the imported key) or by exact name."""

    def __init__(self, units: Iterable):
        self.by_key = {}
        self.by_name: dict[str, list] = {}
        for unit in units:
            self.by_key[fold(unit_key(unit))] = unit
            self.by_name.setdefault(_label_key(unit.name), []).append(unit)

    def find(self, raw: object):
        text = nfc(str(raw)).strip()
        key = fold(text)
        if key in self.by_key:
            return self.by_key[key]
        if key.startswith("id") and (pk := parse_id(text[2:])) is not None:
            found = [u for u in self.by_key.values() if u.pk == pk]
            if found:
                return found[0]
        named = self.by_name.get(_label_key(text), [])
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            raise ValueError(
                _("Several units are named “%(name)s”: write the unit's key (sheet “Đơn vị”).")
                % {"name": text[:80]}
            )
        raise ValueError(
            _("“%(name)s” is not a unit you may record for (see the sheet “Đơn vị”).")
            % {"name": text[:80]}
        )


def _parse(column: Column, raw, units: _UnitFinder):
    """The value of one cell, or ValueError with a message for the user."""
    if raw is NO_CACHED_VALUE:
        raise ValueError(
            _(
                "The cell holds a formula whose result the file does not contain; open the "
                "file in Excel or LibreOffice, save it, and upload it again (or type the value)."
            )
        )
    if _blank(raw):
        if column.required:
            raise ValueError(_("This column must be filled."))
        return [] if column.kind == "choices" else None
    try:
        if column.kind == "text":
            return clean_text(str(raw).strip(), max_length=column.max_length)
        if column.kind in ("int", "decimal"):
            value = parse_number(raw, integer=column.kind == "int")
            if value is not None and value < 0:
                raise ValueError(_("Enter a number that is not negative."))
            return int(value) if column.kind == "int" and value is not None else value
        if column.kind == "date":
            return parse_date(raw)
        if column.kind == "bool":
            word = _label_key(raw)
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            raise ValueError(_("Write “Có” or “Không”."))
        if column.kind == "unit":
            return units.find(raw)
        known = {}
        for value, label in column.choices:
            known[_label_key(value)] = value
            known[_label_key(label)] = value
        parts = str(raw).split(";") if column.kind == "choices" else [str(raw)]
        chosen = []
        for part in parts:
            if not part.strip():
                continue
            if _label_key(part) not in known:
                raise ValueError(
                    _("“%(value)s” is not in the list; choose one of: %(choices)s.")
                    % {
                        "value": nfc(part.strip())[:60],
                        "choices": "; ".join(label for _v, label in column.choices),
                    }
                )
            chosen.append(known[_label_key(part)])
        return chosen if column.kind == "choices" else chosen[0]
    except (NumberError, DateError, TextError) as exc:
        raise ValueError(getattr(exc, "message", None) or str(exc)) from exc


def _find_header(rows: list[list], spec: SheetSpec) -> tuple[int, dict[int, Column]] | None:
    wanted = {_label_key(c.header): c for c in spec.columns}
    for offset, values in enumerate(rows):
        found = {}
        for index, value in enumerate(values[:MAX_COLUMNS]):
            column = wanted.get(_label_key(value)) if isinstance(value, str) else None
            if column is not None:
                found[index] = column
        if len(found) >= max(1, (len(spec.columns) + 1) // 2):
            return offset, found
    return None


def read_rows(spec: SheetSpec, uploaded, *, units: Iterable = ()) -> list[dict]:
    """The records of a filled sheet, each a dict by column key with "_row" (the sheet's row
    number). Raises UploadRejected for an unsafe or unreadable file, SheetRejected naming
    every problem of its values."""
    check_upload(uploaded, allowed={"xlsx"})
    inspect_workbook(uploaded)
    values_wb = open_workbook(uploaded, data_only=True)
    try:
        formulas_wb = open_workbook(uploaded, data_only=False)
    except UploadRejected:
        values_wb.close()
        raise
    try:
        names = values_wb.sheetnames
        name = spec.sheet_name if spec.sheet_name in names else names[0]
        ws, formulas = values_wb[name], formulas_wb[name]
        head = []
        for row, formula_row in zip(
            ws.iter_rows(max_row=MAX_HEADER_SCAN, max_col=MAX_COLUMNS),
            formulas.iter_rows(max_row=MAX_HEADER_SCAN, max_col=MAX_COLUMNS),
            strict=False,
        ):
            head.append(_values(row, formula_row))
        found = _find_header(head, spec)
        if found is None:
            raise SheetRejected(
                [
                    CellError(
                        None,
                        "",
                        _(
                            "The sheet “%(sheet)s” does not have the template's columns "
                            "(%(headers)s). Download the template and copy the values into it."
                        )
                        % {
                            "sheet": name,
                            "headers": ", ".join(c.header for c in spec.columns[:4]) + ", …",
                        },
                    )
                ]
            )
        offset, by_index = found
        header_row = offset + 1
        errors = [
            CellError(None, c.header, _("The file has no column “%(h)s”.") % {"h": c.header})
            for c in spec.columns
            if c.required and c not in by_index.values()
        ]
        finder = _UnitFinder(units)
        rows: list[dict] = []
        number = header_row
        for row, formula_row in zip(
            ws.iter_rows(min_row=header_row + 1, max_col=MAX_COLUMNS),
            formulas.iter_rows(min_row=header_row + 1, max_col=MAX_COLUMNS),
            strict=False,
        ):
            number += 1
            values = _values(row, formula_row)
            if all(_blank(values[i]) if i < len(values) else True for i in by_index):
                continue
            if len(rows) >= spec.max_rows:
                errors.append(
                    CellError(
                        None,
                        "",
                        _("The file has more than %(max)s rows; split it into several files.")
                        % {"max": format_number(spec.max_rows)},
                    )
                )
                break
            record = {"_row": number}
            for index, column in by_index.items():
                raw = values[index] if index < len(values) else None
                try:
                    record[column.key] = _parse(column, raw, finder)
                except ValueError as exc:
                    errors.append(CellError(number, column.header, str(exc)))
            for column in spec.columns:
                record.setdefault(column.key, [] if column.kind == "choices" else None)
            rows.append(record)
    finally:
        values_wb.close()
        formulas_wb.close()
    if errors:
        raise SheetRejected(errors)
    if not rows:
        raise SheetRejected([CellError(None, "", _("The file has no rows to import."))])
    return rows


def _row_errors(spec: SheetSpec, number: int, exc: Exception) -> list[CellError]:
    headers = {c.key: c.header for c in spec.columns}
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return [
                CellError(number, headers.get(field, ""), " ".join(messages))
                for field, messages in exc.message_dict.items()
            ]
        return [CellError(number, "", " ".join(exc.messages))]
    return [CellError(number, "", str(exc))]


def import_rows(
    spec: SheetSpec,
    uploaded,
    *,
    units: Iterable = (),
    save_row: Callable[[dict], object],
    refused: tuple[type[Exception], ...] = (),
) -> int:
    """Read the file and save every row with `save_row` (the app's service, which checks the
    record and raises ValidationError or one of `refused`, each with a message for the user)
    in one transaction: any refused row and nothing is saved, SheetRejected naming every
    row's problem. Returns the number of records saved."""
    rows = read_rows(spec, uploaded, units=units)
    errors: list[CellError] = []
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    save_row(row)
            except (ValidationError, *refused) as exc:
                errors.extend(_row_errors(spec, row["_row"], exc))
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise SheetRejected(errors)
    return len(rows)


# ---------------------------------------------------------------- pages

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """A workbook (a template or an export) as a download named `filename`."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))


def upload_page(
    request,
    *,
    template_name: str,
    importer: Callable,
    success: str,
    done: str,
    context: dict | None = None,
    form_class: type[forms.Form] = UploadForm,
) -> HttpResponse:
    """The page that takes a filled template; the caller has checked the user may record.

    A POST gives the file to `importer(user, uploaded)`, the app's import (`import_rows`, which
    checks the file with `check_upload` and refuses it all or nothing). Saved: the message
    `success` (formatted with the count as `n` and `count`) and a redirect to `done` (a URL or
    its name). A file that cannot be read: its message on the file field. Refused rows: the
    page again, with `sheet_errors` and `sheet_rejected` for "core/_sheet_errors.html"."""
    form = form_class(request.POST or None, request.FILES or None)
    page = {"form": form, "sheet_errors": [], "sheet_rejected": "", **(context or {})}
    if request.method == "POST" and form.is_valid():
        try:
            count = importer(request.user, form.cleaned_data["file"])
        except UploadRejected as exc:
            form.add_error("file", str(exc))
        except SheetRejected as exc:
            page["sheet_errors"], page["sheet_rejected"] = exc.errors, str(exc)
        else:
            n = format_number(count)
            messages.success(request, success % {"n": n, "count": n})
            return redirect(done)
    return render(request, template_name, page)
