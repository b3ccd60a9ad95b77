"""The completeness workbook of a round: how many units are in each state (counts, shares of
the expected units and their total as formulas), then every unit with its dates, ready to
print on A4 landscape."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from binhdang.formats.cells import (
    COUNT_FORMAT,
    DATE_FORMAT,
    DATE_TIME_FORMAT,
    PERCENT_FORMAT,
    print_on_a4_landscape,
    safe_cell_text,
    with_formula_results,
)

from . import selectors
from .models import TZ, ReportingRound, SubmissionStatus

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
# Width of each column of the unit table, in characters.
WIDTHS = [6, 40, 10, 26, 26, 17, 17, 17]


def _local(value):
    # Local time, without a time zone: spreadsheet dates have none.
    return value.astimezone(TZ).replace(tzinfo=None) if value else None


def completeness_workbook(
    reporting_round: ReportingRound, data: selectors.Completeness, labels: dict
) -> bytes:
    """The .xlsx of `data` (from `selectors.completeness`, already scoped to the reader);
    `labels` names each bucket of `selectors.BUCKETS` in the reader's language."""
    workbook = Workbook()
    workbook.calculation.fullCalcOnLoad = True
    sheet = workbook.active
    sheet.title = _("Completeness")[:31]
    last_col = get_column_letter(len(WIDTHS))

    def put(row, col, value, fmt=None, bold=False, border=False):
        cell = sheet.cell(row=row, column=col, value=safe_cell_text(value))
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text stays text, never a formula
        if fmt:
            cell.number_format = fmt
        if bold:
            cell.font = _BOLD
        if border:
            cell.border = _BORDER
        return cell

    def formula(row, col, text, fmt, bold=False):
        cell = sheet.cell(row=row, column=col, value=text)
        cell.number_format, cell.border = fmt, _BORDER
        if bold:
            cell.font = _BOLD
        return cell

    put(1, 1, reporting_round.title, bold=True)
    sheet.merge_cells(f"A1:{last_col}1")
    sheet["A1"].alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.row_dimensions[1].height = 32
    put(2, 2, _("Deadline"))
    put(2, 3, reporting_round.deadline, DATE_FORMAT)
    start, end = reporting_round.cutoff_window
    put(3, 2, _("Data counted from"))
    put(3, 3, start, DATE_FORMAT)
    put(3, 4, _("until"))
    put(3, 5, end, DATE_FORMAT)
    for cell in ("C2", "C3", "E3"):
        sheet[cell].alignment = Alignment(horizontal="left")

    # Counts by state, their total and each one's share of it.
    head = 5
    counted = (_("Status"), pgettext("a count of units", "Units"), _("Share"))
    for col, title in enumerate(counted, start=2):
        put(head, col, title, bold=True, border=True)
    first, last = head + 1, head + len(selectors.BUCKETS)
    total_row = last + 1
    counts = [data.totals[bucket] for bucket in selectors.BUCKETS]
    expected = sum(counts)
    results: dict[str, object] = {}  # what each formula comes to, stored beside it
    for row, bucket, count in zip(range(first, last + 1), selectors.BUCKETS, counts, strict=True):
        put(row, 2, labels[bucket], border=True)
        put(row, 3, count, COUNT_FORMAT, border=True)
        formula(row, 4, f'=IF($C${total_row}=0,"",C{row}/$C${total_row})', PERCENT_FORMAT)
        if expected:
            results[f"D{row}"] = count / expected
    put(total_row, 2, _("Total"), bold=True, border=True)
    formula(total_row, 3, f"=SUM(C{first}:C{last})", COUNT_FORMAT, bold=True)
    formula(total_row, 4, f"=SUM(D{first}:D{last})", PERCENT_FORMAT, bold=True)
    results[f"C{total_row}"] = expected
    if expected:
        results[f"D{total_row}"] = sum(count / expected for count in counts)

    # Every unit.
    table = total_row + 2
    titles = [
        _("No."),
        _("Unit"),
        _("Code"),
        _("Unit group"),
        _("Status"),
        _("First submitted"),
        _("Last submitted"),
        _("Accepted"),
    ]
    for col, title in enumerate(titles, start=1):
        cell = put(table, col, title, bold=True, border=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row = table
    for number, unit in enumerate(data.rows.iterator(chunk_size=2000), start=1):
        row = table + number
        status = labels[selectors.row_bucket(unit)]
        if unit["submission__status"] == SubmissionStatus.ACCEPTED:
            status += " · " + _("accepted")
        put(row, 1, number, "0", border=True).alignment = Alignment(horizontal="center")
        put(row, 2, unit["org_unit__name"], border=True)
        put(row, 3, unit["org_unit__code"], border=True)
        put(row, 4, unit["unit_group__name"] or "", border=True)
        put(row, 5, status, border=True)
        for col, key in (
            (6, "submission__first_submitted_at"),
            (7, "submission__submitted_at"),
            (8, "submission__accepted_at"),
        ):
            put(row, col, _local(unit[key]), DATE_TIME_FORMAT, border=True)
    for col, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(row=table + 1, column=1)
    print_on_a4_landscape(sheet, title_rows=f"{table}:{table}", area=f"A1:{last_col}{row}")
    sheet.oddHeader.center.text = str(safe_cell_text(reporting_round.title)).replace("&", "&&")[
        :200
    ]
    sheet.oddHeader.center.size = 9
    buffer = BytesIO()
    workbook.save(buffer)
    return with_formula_results(buffer.getvalue(), [results])
