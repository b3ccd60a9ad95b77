from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from binhdang.documents.engine import AnnexColumn, AnnexTable, render_xlsx
from binhdang.documents.engine.samples import sample_annex
from binhdang.formats.cells import safe_cell_text


@pytest.fixture(scope="module")
def sheet():
    wb = load_workbook(BytesIO(render_xlsx([sample_annex()], "Báo cáo 125/BC-UBND")))
    return wb["Phụ lục I"]


def _find(ws, value):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not in sheet")


def test_it_round_trips_values_and_titles(sheet):
    assert sheet["A1"].value == "Phụ lục I"
    assert sheet["A1"].font.bold
    _find(sheet, "Đơn vị tính: người, %")
    name = _find(sheet, "Xã Đạo Đức")
    row = [c.value for c in sheet[name.row]]
    assert row[:6] == ["3", "Xã Đạo Đức", 23, 10, 43.5, 2]
    total = _find(sheet, "Tổng cộng")
    assert sheet.cell(row=total.row, column=3).value == 105
    assert sheet.cell(row=total.row, column=3).font.bold


def test_it_writes_a_two_level_bold_wrapped_header(sheet):
    group = _find(sheet, "Cán bộ, công chức cấp xã")
    assert group.font.bold and group.alignment.wrap_text
    merged = [str(r) for r in sheet.merged_cells.ranges]
    assert f"C{group.row}:E{group.row}" in merged
    assert f"A{group.row}:A{group.row + 1}" in merged
    assert sheet.cell(row=group.row + 1, column=4).value == "Trong đó nữ"
    assert sheet.cell(row=group.row + 1, column=4).border.left.style == "thin"


def test_it_freezes_the_header_and_sets_number_formats(sheet):
    group = _find(sheet, "Cán bộ, công chức cấp xã")
    assert sheet.freeze_panes == f"A{group.row + 2}"
    first = _find(sheet, "Thị trấn Vị Xuyên")
    assert sheet.cell(row=first.row, column=3).number_format == "#,##0"
    assert sheet.cell(row=first.row, column=5).number_format == '0.0"%"'


def test_it_sets_up_printing_on_a4_landscape(sheet):
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows
    assert "&P" in sheet.oddFooter.center.text


def test_it_neutralises_formula_injection(sheet):
    cell = _find(sheet, '\'=HYPERLINK("http://x")')
    assert cell.data_type == "s"
    for row in sheet.iter_rows():
        for c in row:
            assert c.data_type != "f"


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+84912345678", "'+84912345678"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\r=1", "'\r=1"),
        ("Xã Phú Linh", "Xã Phú Linh"),
        ("bell\x07char", "bellchar"),
        (12, 12),
        (None, None),
    ],
)
def test_it_makes_cell_text_safe(raw, safe):
    assert safe_cell_text(raw) == safe


def test_it_gives_each_annex_its_own_sheet_with_unique_names():
    annex = AnnexTable(title="Phụ lục II: số liệu/xã", columns=[AnnexColumn("Tên")], rows=[["A"]])
    wb = load_workbook(BytesIO(render_xlsx([annex, annex], "Thử")))
    assert len(wb.sheetnames) == 2
    assert len(set(wb.sheetnames)) == 2
    assert all("/" not in name and ":" not in name for name in wb.sheetnames)
