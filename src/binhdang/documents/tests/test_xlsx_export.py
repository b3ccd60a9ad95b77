from __future__ import annotations

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from binhdang.documents.engine import AnnexColumn, AnnexTable, pdf_available, render_xlsx
from binhdang.documents.engine.samples import sample_annex
from binhdang.formats.cells import safe_cell_text

from .helpers import xlsx_to_pdf


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
    assert row[:6] == [3, "Xã Đạo Đức", 23, 10, 0.435, 2]
    total = _find(sheet, "Tổng cộng")
    assert sheet.cell(row=total.row, column=3).value == f"=SUM(C{total.row - 5}:C{total.row - 1})"
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
    assert sheet.cell(row=first.row, column=3).number_format == "[$-42A]#,##0"
    assert sheet.cell(row=first.row, column=5).number_format == "[$-42A]0.0%"


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
    total = _find(sheet, "Tổng cộng")
    for row in sheet.iter_rows():
        for c in row:
            # The only formulas are the ones the annex writes in its totals row.
            assert c.data_type != "f" or (
                c.row == total.row and c.value.startswith(("=SUM(", "=IF("))
            )


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


BIG = AnnexTable(
    title="Phụ lục I",
    subtitle="Kết quả truyền thông năm 2023",
    columns=[
        AnnexColumn("STT", fmt="center", width_mm=12),
        AnnexColumn("Đơn vị", fmt="text", width_mm=55),
        AnnexColumn("Tổng số", group="Lượt người tham dự", fmt="int"),
        AnnexColumn("Trong đó: nữ", group="Lượt người tham dự", fmt="int"),
        AnnexColumn("Tỷ lệ nữ (%)", group="Lượt người tham dự", fmt="pct1", ratio_of=(3, 2)),
        AnnexColumn("Kinh phí (triệu đồng)", fmt="dec2"),
        AnnexColumn("Ngày gửi", fmt="center", width_mm=24),
    ],
    rows=[
        [str(i), f"Xã thứ {i}", 1000 + i, 600 + i, round((600 + i) / (1000 + i) * 100, 1), 12.5, "05/12/2023"]
        for i in range(1, 14)
    ]
    + [["14", "Thị trấn Vị Xuyên", 994, 311, 31.3, 3, "04/12/2023"]],
    totals=["", "Tổng cộng", 14085, 8202, 58.2, 165.5, ""],
)  # fmt: skip


@pytest.fixture(scope="module")
def big():
    return render_xlsx([BIG], "Báo cáo 125/BC-UBND")


def test_it_writes_numbers_percentages_dates_and_totals_as_a_spreadsheet_holds_them(big):
    ws = load_workbook(BytesIO(big))["Phụ lục I"]
    first = _find(ws, "Xã thứ 1").row
    last = _find(ws, "Thị trấn Vị Xuyên").row
    total = _find(ws, "Tổng cộng").row
    stt = ws.cell(row=first, column=1)
    assert stt.value == 1 and stt.data_type == "n"
    women_pct = ws.cell(row=first, column=5)
    assert women_pct.value == pytest.approx(0.6) and women_pct.number_format == "[$-42A]0.0%"
    sent = ws.cell(row=first, column=7)
    assert sent.is_date and sent.value.date().isoformat() == "2023-12-05"
    assert sent.number_format == "dd/mm/yyyy"
    assert ws.cell(row=last, column=6).number_format == "[$-42A]#,##0"  # 3, not "3,00"
    assert ws.cell(row=first, column=6).number_format == "[$-42A]#,##0.00"
    assert ws.cell(row=total, column=3).value == f"=SUM(C{first}:C{last})"
    assert ws.cell(row=total, column=4).value == f"=SUM(D{first}:D{last})"
    assert ws.cell(row=total, column=5).value == f'=IF(C{total}=0,"",D{total}/C{total})'
    assert ws.cell(row=total, column=6).value == f"=SUM(F{first}:F{last})"
    assert ws.print_area == f"'Phụ lục I'!$A$1:$G${total}"
    assert ws.print_title_rows == f"${first - 2}:${first - 1}"


def test_it_keeps_the_given_total_when_the_rows_do_not_add_up_to_it():
    annex = AnnexTable(
        title="Phụ lục",
        columns=[AnnexColumn("Đơn vị"), AnnexColumn("Số", fmt="int")],
        rows=[["A", 1], ["B", 2]],
        totals=["Tổng cộng", 4],  # e.g. a unit outside the table counted in the total
    )
    ws = load_workbook(BytesIO(render_xlsx([annex], "Thử"))).active
    assert _find(ws, "Tổng cộng").offset(column=1).value == 4


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice (soffice) is not installed")
def test_it_prints_on_a4_landscape_in_libreoffice_with_the_totals_computed(big, tmp_path):
    info, text = xlsx_to_pdf(big, tmp_path)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size, info
    width, height = float(size.group(1)), float(size.group(2))
    assert (round(width), round(height)) == (842, 595)
    assert "Pages:           1" in info
    # LibreOffice computed the formulas on opening, and wrote them the Vietnamese way.
    total_line = next(line for line in text.splitlines() if "Tổng cộng" in line)
    assert re.search(r"14\.085\s+8\.202\s+58,2%\s+165,50", total_line), total_line
    assert "05/12/2023" in text
    assert re.search(r"^\s*14\s+Thị trấn Vị Xuyên\s+994\s+311\s+31,3%\s+3\b", text, re.M), text


def test_it_stores_what_each_formula_comes_to(big):
    ws = load_workbook(BytesIO(big), data_only=True)["Phụ lục I"]
    total = _find(ws, "Tổng cộng").row
    assert [ws.cell(row=total, column=c).value for c in (3, 4, 6)] == [14085, 8202, 165.5]
    assert ws.cell(row=total, column=5).value == pytest.approx(8202 / 14085)


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_computes_the_formulas_themselves(big, tmp_path):
    # LibreOffice shows a stored result as it is and computes a formula stored without one:
    # saved again by openpyxl, the workbook keeps its formulas and loses their results.
    workbook = load_workbook(BytesIO(big))
    stripped = BytesIO()
    workbook.save(stripped)
    assert (
        load_workbook(BytesIO(stripped.getvalue()), data_only=True)["Phụ lục I"][
            f"C{_find(workbook['Phụ lục I'], 'Tổng cộng').row}"
        ].value
        is None
    )
    _info, text = xlsx_to_pdf(stripped.getvalue(), tmp_path)
    total_line = next(line for line in text.splitlines() if "Tổng cộng" in line)
    assert re.search(r"14\.085\s+8\.202\s+58,2%\s+165,50", total_line), total_line
