"""Support records through Excel (template, all-or-nothing upload, export), the figures
counted from them over a window boundary, and the report sections."""

import unicodedata
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from binhdang.core.registry import figure
from binhdang.empowerment.models import Support
from binhdang.empowerment.sections import consolidated_part, unit_part
from tests.html_forms import form

from .factories import make_support

pytestmark = pytest.mark.django_db

HEADER_ROW = 3


def _filled(template: bytes, rows: list[list]) -> SimpleUploadedFile:
    wb = load_workbook(BytesIO(template))
    ws = wb["Dữ liệu"]
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            ws.cell(row=HEADER_ROW + offset, column=column, value=value)
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile("ho-tro.xlsx", out.getvalue())


def _row(
    title,
    *,
    unit="Xã Phú Linh",
    given="12/09/2023",
    total="1.234",
    women="1.200",
    amount="1.500.000.000",
):
    return [unit, given, "Chương trình MTQG giảm nghèo bền vững", "", "Tín dụng, vay vốn", title,
            "Xã Phú Linh", total, women, "30", "20", "0", "3", amount, ""]  # fmt: skip


def _upload(client, rows):
    template = client.get("/empowerment/template.xlsx").content
    f = form(client.get("/empowerment/upload/").content.decode(), has="file")
    return client.post("/empowerment/upload/", {**f.data(), "file": _filled(template, rows)})


def test_a_good_file_records_every_row(world, login):
    client = login(world.reporter_a)
    nfd = unicodedata.normalize("NFD", "Giải ngân vốn vay ủy thác cho hội viên phụ nữ")
    response = _upload(
        client, [_row("Vay vốn chăn nuôi bò"), _row(nfd, total=40, women=38, amount=2_000_000_000)]
    )
    assert response.status_code == 302
    first = Support.objects.get(title="Vay vốn chăn nuôi bò")
    assert (first.beneficiaries_total, first.women, first.amount) == (
        1234,
        1200,
        Decimal("1500000000"),
    )
    assert first.given_on == date(2023, 9, 12) and first.commune == world.commune_a
    assert Support.objects.get(title=unicodedata.normalize("NFC", nfd)).women == 38


def test_one_bad_row_saves_nothing_and_every_problem_is_named(world, login):
    client = login(world.reporter_a)
    response = _upload(
        client,
        [
            _row("Vay vốn chăn nuôi bò"),
            _row("Dạy nghề may", total="12,5"),
            _row("Tư vấn việc làm", unit="Xã Kim Thạch"),
        ],
    )
    assert response.status_code == 200
    assert not Support.objects.exists()
    page = response.content.decode()
    assert "12,5" in page and "Xã Kim Thạch" in page


def test_a_row_the_service_refuses_rolls_back_the_whole_file(world, login):
    client = login(world.reporter_a)
    response = _upload(
        client, [_row("Vay vốn chăn nuôi bò"), _row("Hỗ trợ con giống", women="1.300")]
    )
    assert response.status_code == 200
    assert not Support.objects.exists()
    assert "Trong đó: nữ không thể nhiều hơn số người được hỗ trợ" in response.content.decode()


def test_the_export_holds_what_the_user_may_read(world, login):
    make_support(world)
    make_support(world, unit=world.commune_b, title="Dạy nghề đan lát", actor=world.reporter_b)
    wb = load_workbook(
        BytesIO(login(world.standing_office).get("/empowerment/export.xlsx").content)
    )
    cells = [c.value for row in wb["Dữ liệu"].iter_rows() for c in row]
    assert "Mở lớp dạy nghề dệt thổ cẩm" in cells and "Dạy nghề đan lát" in cells
    assert 45000000 in cells
    wb = load_workbook(BytesIO(login(world.reporter_a).get("/empowerment/export.xlsx").content))
    cells = [c.value for row in wb["Dữ liệu"].iter_rows() for c in row]
    assert "Mở lớp dạy nghề dệt thổ cẩm" in cells and "Dạy nghề đan lát" not in cells


def test_the_figures_count_support_by_its_date_across_a_window_boundary(world):
    make_support(world, given_on=date(2023, 12, 14), total=10, women=9)
    make_support(world, given_on=date(2023, 12, 15), total=20, women=18, title="Vay vốn")
    make_support(
        world,
        unit=world.commune_b,
        given_on=date(2023, 6, 1),
        total=5,
        women=5,
        actor=world.reporter_b,
    )
    ids = [world.commune_a.pk, world.commune_b.pk]
    window = (date(2022, 12, 15), date(2023, 12, 14))
    assert figure("empowerment.beneficiaries").compute(ids, *window) == {
        world.commune_a.pk: Decimal(10), world.commune_b.pk: Decimal(5)
    }  # fmt: skip
    assert figure("empowerment.beneficiaries_women").compute(ids, date(2023, 12, 15), None) == {
        world.commune_a.pk: Decimal(18)
    }
    assert figure("empowerment.amount").compute([world.commune_a.pk], *window) == {
        world.commune_a.pk: Decimal(45000000)
    }
    url = figure("empowerment.beneficiaries").records_url(world.commune_a.pk, *window)
    assert url == f"/empowerment/?unit={world.commune_a.pk}&date_from=2022-12-15&date_to=2023-12-14"


def test_the_report_sections_name_programmes_and_examples(world):
    from binhdang.documents.tests import fixtures as consolidation
    from binhdang.reporting.tests.factories import fill, make_round

    make_support(world)
    make_support(world, programme="ntp_poverty", kind="credit", title="Giải ngân vốn vay ủy thác",
                 total=10, women=10, amount=Decimal(500_000_000), given_on=date(2023, 5, 2))  # fmt: skip
    make_support(world, given_on=date(2023, 12, 20), title="Ngoài kỳ báo cáo")
    make_support(world, unit=world.commune_b, title="Dạy nghề đan lát", actor=world.reporter_b)
    part = unit_part(fill(world, make_round(world)))
    text = " ".join(part.paragraphs)
    assert "với 2 hoạt động hỗ trợ cho 40 lượt người, trong đó 38 lượt phụ nữ" in text
    assert "tổng kinh phí 545,0 triệu đồng" in text
    assert "Chương trình MTQG giảm nghèo bền vững hỗ trợ 10 lượt người" in text
    assert "Ngoài kỳ báo cáo" not in text and "Dạy nghề đan lát" not in text
    annex = part.annexes[0]
    assert [r[2] for r in annex.rows] == [
        "Giải ngân vốn vay ủy thác",
        "Mở lớp dạy nghề dệt thổ cẩm",
    ]
    assert annex.totals[6:8] == [40, 38]
    rnd = consolidation.make_round(world)

    class Report:
        round = rnd

    text = " ".join(
        consolidated_part(Report(), user=world.standing_office, with_charts=False).paragraphs
    )
    assert "với 3 hoạt động hỗ trợ cho 70 lượt người" in text
    assert consolidated_part(Report(), user=world.outsider, with_charts=False) is None
