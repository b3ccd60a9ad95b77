"""Budget lines: entered through the pages' forms, scoped to the unit, uploaded all or nothing,
rolled up the unit tree by the database, counted into the round's budget figure and reported
in triệu đồng."""

import datetime
import unicodedata
from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binhdang.audit.models import AuditEntry
from binhdang.budget.models import BudgetEntry, SpendingLine
from binhdang.budget.report_section import consolidated_part
from binhdang.budget.selectors import rollup, spent_millions_by_unit
from binhdang.core.registry import figure
from binhdang.core.sheets import unit_key
from tests.html_forms import form, rows

from .factories import make_entry

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_the_catalogue_of_the_circular_is_loaded_and_editable():
    lines = list(SpendingLine.objects.values_list("code", flat=True))
    assert len(lines) == 10 and lines[0] == "TT191-01"
    line = SpendingLine.objects.get(code="TT191-09")
    assert line.name == "Hoạt động của Ban vì sự tiến bộ của phụ nữ"


def test_a_reporter_enters_edits_and_deletes_a_line_through_the_forms(world, login):
    client = login(world.reporter_a)
    page = client.get(reverse("budget:create")).content.decode()
    entry_form = form(page, has="spent")
    data = entry_form.data(
        "Lưu",
        org_unit=entry_form.option("org_unit", "Xã Phú Linh"),
        year="2023",
        source="commune",
        spending_line=entry_form.option("spending_line", "Tuyên truyền"),
        planned="15.000.000",
        spent="12.500.000",
        description=nfd("Hội nghị tuyên truyền Luật Bình đẳng giới ở thôn Nậm Am"),
        link_kind="activity",
        link_id="100234",
        link_label="Hội nghị tuyên truyền tháng 9",
    )
    response = client.post(reverse("budget:create"), data)
    entry = BudgetEntry.objects.get()
    assert response.status_code == 302 and response.url == reverse("budget:detail", args=[entry.pk])
    assert (entry.planned, entry.spent, entry.year) == (15_000_000, 12_500_000, 2023)
    assert entry.description == "Hội nghị tuyên truyền Luật Bình đẳng giới ở thôn Nậm Am"
    assert (entry.link_kind, entry.link_id) == ("activity", 100234)
    assert AuditEntry.objects.filter(action="budget.entry.create", object_id=str(entry.pk)).exists()
    detail = client.get(response.url).content.decode()
    assert "12.500.000" in detail and "15.000.000" in detail

    edit_page = client.get(reverse("budget:edit", args=[entry.pk])).content.decode()
    edit_form = form(edit_page, has="spent")
    assert edit_form.value("spent") == "12500000"
    client.post(reverse("budget:edit", args=[entry.pk]), edit_form.data("Lưu", spent="1.104.400"))
    entry.refresh_from_db()
    assert entry.spent == 1_104_400
    assert AuditEntry.objects.get(action="budget.entry.update").changes["spent"] == [
        12_500_000, 1_104_400,
    ]  # fmt: skip

    detail = client.get(reverse("budget:detail", args=[entry.pk])).content.decode()
    delete_form = form(detail, action=reverse("budget:delete", args=[entry.pk]))
    client.post(delete_form.action, delete_form.data("Xóa"))
    assert BudgetEntry.objects.exists(), "not deleted without the confirmation ticked"
    client.post(delete_form.action, delete_form.data("Xóa", confirm="1"))
    assert not BudgetEntry.objects.exists()
    assert AuditEntry.objects.filter(action="budget.entry.delete").exists()


@pytest.mark.parametrize(
    ("spent", "message"),
    [
        ("1234.5", "“1234.5” không phải là số."),
        ("12,5", "“12,5” không phải là số nguyên."),
        ("khoảng 20 triệu", "“khoảng 20 triệu” không phải là số."),
    ],
)
def test_an_amount_that_cannot_be_read_saves_nothing(world, login, spent, message):
    client = login(world.reporter_a)
    entry_form = form(client.get(reverse("budget:create")).content.decode(), has="spent")
    response = client.post(
        reverse("budget:create"),
        entry_form.data("Lưu", source="commune", spent=spent,
                        org_unit=entry_form.option("org_unit", "Xã Phú Linh"),
                        spending_line=entry_form.option("spending_line", "Tập huấn")),
    )  # fmt: skip
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BudgetEntry.objects.exists()


def test_a_year_before_the_unit_existed_is_refused(world, login):
    world.commune_a.valid_from = datetime.date(2025, 7, 1)
    world.commune_a.save()
    client = login(world.reporter_a)
    entry_form = form(client.get(reverse("budget:create")).content.decode(), has="spent")
    response = client.post(
        reverse("budget:create"),
        entry_form.data("Lưu", year="2023", source="commune", spent="1.000.000",
                        org_unit=entry_form.option("org_unit", "Xã Phú Linh"),
                        spending_line=entry_form.option("spending_line", "Tập huấn")),
    )  # fmt: skip
    assert "không tồn tại trong năm 2023" in response.content.decode()
    assert not BudgetEntry.objects.exists()


def test_commune_b_sees_nothing_of_commune_a_and_the_office_sees_both(world, login):
    a = make_entry(world, description="Dòng kinh phí của Phú Linh")
    b = make_entry(world, unit=world.commune_b, description="Dòng kinh phí của Kim Thạch")
    client = login(world.reporter_b)
    listing = client.get(reverse("budget:list")).content.decode()
    assert "Kim Thạch" in listing and "Phú Linh" not in listing
    assert client.get(reverse("budget:detail", args=[a.pk])).status_code == 404
    assert client.get(reverse("budget:edit", args=[a.pk])).status_code == 404
    assert client.get(f"/api/v1/budget/entries/{a.pk}").status_code == 404
    api = client.get("/api/v1/budget/entries").json()
    assert [e["id"] for e in api] == [b.pk]
    office = login(world.standing_office).get(reverse("budget:list")).content.decode()
    assert "Phú Linh" in office and "Kim Thạch" in office
    assert login(world.outsider).get(reverse("budget:detail", args=[b.pk])).status_code == 404


def test_totals_roll_up_the_tree_in_the_database(world, login, django_assert_max_num_queries):
    make_entry(world, source="commune", code="TT191-03", planned=20_000_000, spent=12_500_000)
    make_entry(world, source="contributions", code="TT191-03", spent=3_000_000)
    make_entry(world, unit=world.commune_b, source="commune", code="TT191-04", spent=8_400_000)
    make_entry(world, unit=world.labour_office, source="district", code="TT191-04",
               planned=900_000_000, spent=850_500_000)  # fmt: skip
    make_entry(world, unit=world.district, source="province", code="TT191-09", spent=230_000_000)
    make_entry(world, unit=world.commune_c, source="commune", spent=99_000_000)  # Bắc Mê
    make_entry(world, year=2022, spent=77_000_000)
    with django_assert_max_num_queries(8):
        result = rollup(world.standing_office, world.district, 2023)
    assert result.spent == 12_500_000 + 3_000_000 + 8_400_000 + 850_500_000 + 230_000_000
    assert result.spent_millions == Decimal("1104.4")
    by_source = {r.key: r.spent for r in result.by_source}
    assert by_source == {
        "province": 230_000_000, "district": 850_500_000, "commune": 20_900_000,
        "contributions": 3_000_000,
    }  # fmt: skip
    assert [r.key for r in result.by_source] == ["province", "district", "commune", "contributions"]
    by_line = {r.key: r.spent for r in result.by_line}
    assert by_line == {"TT191-03": 15_500_000, "TT191-04": 858_900_000, "TT191-09": 230_000_000}
    by_unit = {r.label: r.spent for r in result.by_child}
    assert by_unit == {
        "Huyện Vị Xuyên": 230_000_000, "Xã Phú Linh": 15_500_000, "Xã Kim Thạch": 8_400_000,
        "Phòng Lao động - Thương binh và Xã hội huyện": 850_500_000,
    }  # fmt: skip
    # A commune's reporter sums only what it may see, and cannot ask for the district.
    own = rollup(world.reporter_a, world.district, 2023)
    assert own.spent == 15_500_000
    html = login(world.standing_office).get(
        reverse("budget:summary"), {"year": 2023, "unit": world.district.pk}
    )
    html = html.content.decode()
    assert "1.104,4" in html and "<svg" in html
    assert rows(html, "by-source")[1] == ["Ngân sách cấp huyện", "900", "850,5"]


def test_the_budget_figure_is_the_units_own_spending_in_millions(world):
    make_entry(world, spent=12_500_000)
    make_entry(world, spent=1_234_567, code="TT191-04")
    make_entry(world, unit=world.commune_b, spent=8_400_000)
    make_entry(world, year=2022, spent=5_000_000)
    compute = figure("budget.spent").compute
    got = compute([world.commune_a.pk, world.commune_b.pk, world.commune_c.pk],
                  datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))  # fmt: skip
    assert got == {world.commune_a.pk: Decimal("13.7346"), world.commune_b.pk: Decimal("8.4")}
    assert spent_millions_by_unit([world.commune_a.pk], None, None)[world.commune_a.pk] == Decimal(
        "18.7346"
    )
    url = figure("budget.spent").records_url(world.commune_a.pk, datetime.date(2023, 1, 1),
                                              datetime.date(2023, 12, 31))  # fmt: skip
    assert url == f"/budget/?unit={world.commune_a.pk}&year=2023"


def _filled_template(client, rows_to_write):
    data = client.get(reverse("budget:template")).content
    wb = load_workbook(BytesIO(data))
    ws = wb["Dữ liệu"]
    for offset, values in enumerate(rows_to_write):
        for column, value in enumerate(values, start=1):
            ws.cell(row=4 + offset, column=column, value=value)
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile("kinh-phi.xlsx", out.getvalue())


def test_an_upload_saves_every_row_or_none(world, login):
    client = login(world.reporter_a)
    good = [
        unit_key(world.commune_a), 2023, nfd("Ngân sách cấp xã"),
        nfd("Tuyên truyền, phổ biến, giáo dục chính sách, pháp luật về bình đẳng giới"),
        "15.000.000", "1.234.000", nfd("Tuyên truyền ở thôn Nậm Am"),
    ]  # fmt: skip
    bad = [unit_key(world.commune_a), 2023, "Xã hội hóa", "TT191-04", "", "12,5"]
    outside = [unit_key(world.commune_b), 2023, "Ngân sách cấp xã", "TT191-04", "", "1.000"]
    upload = form(client.get(reverse("budget:upload")).content.decode(), has="file")
    response = client.post(
        reverse("budget:upload"),
        {**upload.data("Tải lên"), "file": _filled_template(client, [good, bad, outside])},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not BudgetEntry.objects.exists()
    errors = rows(html, "sheet-errors")
    assert {e[0] for e in errors} == {"5", "6"}, errors
    response = client.post(
        reverse("budget:upload"),
        {**upload.data("Tải lên"), "file": _filled_template(client, [good, good])},
    )
    assert response.status_code == 302
    saved = list(BudgetEntry.objects.all())
    assert len(saved) == 2 and {e.spent for e in saved} == {1_234_000}
    assert saved[0].description == "Tuyên truyền ở thôn Nậm Am"
    assert saved[0].source == "commune" and saved[0].spending_line.code == "TT191-03"
    assert AuditEntry.objects.filter(action="budget.entry.create").count() == 2


def test_the_export_reads_back_as_the_list(world, login):
    make_entry(world, spent=1_104_400_000)
    client = login(world.standing_office)
    response = client.get(reverse("budget:export"), {"year": 2023})
    ws = load_workbook(BytesIO(response.content))["Dữ liệu"]
    values = [c.value for c in ws[4]]
    assert values[:6] == [
        "Xã Phú Linh", 2023, "Ngân sách cấp xã",
        "Tuyên truyền, phổ biến, giáo dục chính sách, pháp luật về bình đẳng giới",
        15_000_000, 1_104_400_000,
    ]  # fmt: skip


def _report(world, accepted=()):
    """A consolidated report of the district's 2023 round, whose round accepted the reports of
    `accepted`."""
    from binhdang.reporting.models import Submission
    from binhdang.reporting.tests.factories import make_round

    reporting_round = make_round(world)
    for unit in accepted:
        Submission.objects.create(round=reporting_round, org_unit=unit, status="accepted")
    Submission.objects.create(round=reporting_round, org_unit=world.commune_c, status="draft")
    return SimpleNamespace(round=reporting_round)


def test_the_consolidated_report_gives_millions_and_the_annex(world):
    make_entry(world, unit=world.labour_office, source="district", code="TT191-04",
               planned=1_200_000_000, spent=1_104_400_000)  # fmt: skip
    make_entry(world, unit=world.commune_a, spent=99_000_000)  # its report is not accepted
    report = _report(world, accepted=[world.labour_office])
    part = consolidated_part(report, user=world.standing_office, with_charts=True)
    text = " ".join(str(p) for p in part.paragraphs)
    assert "1.104,4 triệu đồng" in text and "dự toán 1.200 triệu đồng" in text
    assert "(tổng hợp từ các đơn vị có báo cáo được chấp nhận)" in text
    assert "ngân sách cấp huyện 1.104,4 triệu đồng" in text
    annex = part.annexes[0]
    assert annex.unit == "Đơn vị tính: triệu đồng"
    assert annex.rows[0][1].startswith("Tập huấn") and annex.totals[-1] == Decimal("1104.4")
    assert part.images and part.images[0].png.startswith(b"\x89PNG")
    assert consolidated_part(report, user=world.outsider, with_charts=False) is None


def test_the_consolidated_report_names_the_units_that_spent_most(world):
    make_entry(world, unit=world.labour_office, source="district", spent=850_500_000)
    make_entry(world, spent=12_500_000)
    make_entry(world, unit=world.commune_b, spent=8_400_000)
    report = _report(world, accepted=[world.labour_office, world.commune_a, world.commune_b])
    text = " ".join(
        consolidated_part(report, user=world.standing_office, with_charts=False).paragraphs
    )
    assert (
        "Các đơn vị sử dụng nhiều nhất: Phòng Lao động - Thương binh và Xã hội huyện 850,5 triệu "
        "đồng; Xã Phú Linh 12,5 triệu đồng; Xã Kim Thạch 8,4 triệu đồng." in text
    )


def test_the_api_records_a_line_with_amounts_written_as_people_write_them(world, login):
    client = login(world.reporter_a)
    response = client.post(
        "/api/v1/budget/entries",
        {"org_unit_id": world.commune_a.pk, "year": 2023, "source": "commune",
         "spending_line_code": "TT191-04", "planned": "2.000.000", "spent": 1_234_000},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    entry = BudgetEntry.objects.get(pk=response.json()["id"])
    assert (entry.planned, entry.spent) == (2_000_000, 1_234_000)
    refused = client.post(
        "/api/v1/budget/entries",
        {"org_unit_id": world.commune_a.pk, "year": 2023, "source": "commune",
         "spending_line_code": "TT191-04", "spent": "12,5"},
        content_type="application/json",
    )  # fmt: skip
    assert refused.status_code == 400 and "số nguyên" in refused.json()["detail"]
    other = client.post(
        "/api/v1/budget/entries",
        {"org_unit_id": world.commune_b.pk, "year": 2023, "source": "commune",
         "spending_line_code": "TT191-04", "spent": 1},
        content_type="application/json",
    )  # fmt: skip
    assert other.status_code == 404 and BudgetEntry.objects.count() == 1
    summary = client.get("/api/v1/budget/summary", {"unit": world.commune_a.pk, "year": 2023})
    assert summary.json()["spent_millions"] == "1.2"


def test_a_units_own_report_gives_its_budget(world):
    make_entry(world, spent=12_500_000)
    submission = SimpleNamespace(
        submitted_by=world.reporter_a, updated_by=None, org_unit=world.commune_a,
        round=SimpleNamespace(period_year=2023),
    )  # fmt: skip
    from binhdang.budget.report_section import unit_part

    part = unit_part(submission)
    assert "12,5 triệu đồng" in part.paragraphs[0] and len(part.annexes) == 1
