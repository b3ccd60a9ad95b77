"""The completeness workbook an office prints: counts with a =SUM total and shares as real
percentages, every unit numbered, dates as dates, A4 landscape in LibreOffice Calc."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from binhdang.documents.engine import pdf_available
from binhdang.documents.tests.helpers import xlsx_to_pdf

from .factories import make_round, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese(settings, tmp_path):
    settings.LANGUAGE_CODE = "vi"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def workbook_bytes(world, login):
    reporting_round = make_round(world)
    submitted(world)
    response = login(world.standing_office).get(
        reverse("reporting:export", args=[reporting_round.slug])
    )
    assert response.status_code == 200
    return response.content


def _row_of(sheet, column: int, value):
    return next(r for r in sheet.iter_rows() if r[column].value == value)


def test_it_writes_counts_shares_and_a_sum_total(workbook_bytes):
    sheet = load_workbook(BytesIO(workbook_bytes)).active
    missing = _row_of(sheet, 1, "Chưa gửi")
    assert missing[2].value == 2 and missing[2].data_type == "n"  # commune B, Women's Union
    assert missing[2].number_format == "[$-42A]#,##0"
    total = _row_of(sheet, 1, "Tổng số")
    first = _row_of(sheet, 1, "Gửi đúng hạn")[1].row
    assert _row_of(sheet, 1, "Gửi muộn")[2].value == 1  # commune A, after the 2023 deadline
    assert total[2].value == f"=SUM(C{first}:C{total[2].row - 1})"
    assert missing[3].value == f'=IF($C${total[2].row}=0,"",C{missing[3].row}/$C${total[2].row})'
    assert missing[3].number_format == "[$-42A]0.0%"
    assert sheet["C3"].is_date and sheet["C3"].value.date().isoformat() == "2022-12-15"
    assert sheet["E3"].value.date().isoformat() == "2023-12-14"


def test_it_numbers_the_units_and_sets_up_printing(workbook_bytes):
    sheet = load_workbook(BytesIO(workbook_bytes)).active
    phu_linh = _row_of(sheet, 1, "Xã Phú Linh")
    assert phu_linh[5].is_date
    header = _row_of(sheet, 1, "Đơn vị")[0].row
    numbers = [r[0] for r in sheet.iter_rows(min_row=header + 1) if r[1].value]
    assert [c.value for c in numbers] == [1, 2, 3]
    assert all(c.data_type == "n" for c in numbers)
    assert sheet.print_title_rows == f"${header}:${header}"
    last = max(r[0].row for r in sheet.iter_rows() if r[1].value)
    assert sheet.print_area.endswith(f"$A$1:$H${last}")
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9
    assert sheet.page_setup.fitToWidth == 1


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice (soffice) is not installed")
def test_it_prints_on_a4_landscape_with_the_total_computed(workbook_bytes, tmp_path):
    info, text = xlsx_to_pdf(workbook_bytes, tmp_path)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (842, 595)
    # Three units expected, one sent on time: LibreOffice computed the =SUM and the shares.
    assert re.search(r"Tổng số\s+3\s+100,0%", text), text
    assert re.search(r"Gửi muộn\s+1\s+33,3%", text), text
    assert re.search(r"Chưa gửi\s+2\s+66,7%", text), text
    assert "15/12/2022" in text and "14/12/2023" in text


def test_a_reader_that_does_not_compute_still_sees_the_total(workbook_bytes):
    sheet = load_workbook(BytesIO(workbook_bytes), data_only=True).active
    total = _row_of(sheet, 1, "Tổng số")
    assert total[2].value == 3
    assert total[3].value == pytest.approx(1.0)
    assert _row_of(sheet, 1, "Chưa gửi")[3].value == pytest.approx(2 / 3)
