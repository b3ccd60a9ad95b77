"""Drafted documents and gender mainstreaming: entered through the pages' forms, scoped to
the unit, uploaded all or nothing, counted over the unit tree by the database and reported."""

import datetime
import unicodedata
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binhdang.audit.models import AuditEntry
from binhdang.core.registry import figure
from binhdang.core.sheets import unit_key
from binhdang.mainstreaming.models import DraftedDocument
from binhdang.mainstreaming.report_section import consolidated_part
from binhdang.mainstreaming.selectors import counts
from tests.html_forms import form, rows

from .factories import make_document

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_reporter_records_a_plan_and_how_gender_was_mainstreamed(world, login):
    client = login(world.reporter_a)
    page = client.get(reverse("mainstreaming:create")).content.decode()
    entry = form(page, has="title")
    assert entry.value("org_unit") == str(world.commune_a.pk), "the only unit is chosen"
    data = entry.data(
        "Lưu", year="2023", kind="plan",
        title=nfd("Kế hoạch thực hiện công tác bình đẳng giới năm 2023"),
        number_symbol="45/KH-UBND", drafted_on="15/03/2023", gender_assessed="on",
        assessment_report="on", method_note="Lấy ý kiến Hội LHPN xã", outcome="adopted",
    )  # fmt: skip
    response = client.post(reverse("mainstreaming:create"), data)
    document = DraftedDocument.objects.get()
    assert response.status_code == 302
    assert document.title == "Kế hoạch thực hiện công tác bình đẳng giới năm 2023"
    assert document.drafted_on == datetime.date(2023, 3, 15)
    assert (document.gender_assessed, document.assessment_report, document.justice_appraisal) == (
        True, True, False,
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="mainstreaming.document.create").exists()

    edit = form(client.get(reverse("mainstreaming:edit", args=[document.pk])).content.decode(),
                has="title")  # fmt: skip
    client.post(reverse("mainstreaming:edit", args=[document.pk]),
                edit.data("Lưu", justice_appraisal="on"))  # fmt: skip
    document.refresh_from_db()
    assert document.justice_appraisal
    assert AuditEntry.objects.get(action="mainstreaming.document.update").changes == {
        "justice_appraisal": [False, True]
    }
    detail = client.get(reverse("mainstreaming:detail", args=[document.pk])).content.decode()
    delete = form(detail, action=reverse("mainstreaming:delete", args=[document.pk]))
    client.post(delete.action, delete.data("Xóa", confirm="1"))
    assert not DraftedDocument.objects.exists()


def test_a_report_without_mainstreaming_is_refused_and_nothing_saved(world, login):
    client = login(world.reporter_a)
    entry = form(client.get(reverse("mainstreaming:create")).content.decode(), has="title")
    response = client.post(
        reverse("mainstreaming:create"),
        entry.data("Lưu", year="2023", kind="plan", title="Kế hoạch", assessment_report="on",
                   gender_assessed=None),
    )  # fmt: skip
    assert "Chỉ ghi báo cáo đánh giá tác động giới" in response.content.decode()
    response = client.post(
        reverse("mainstreaming:create"),
        entry.data("Lưu", year="2023", kind="plan", title="Kế hoạch", drafted_on="15/03/2022"),
    )
    assert "Ngày phải thuộc năm của văn bản." in response.content.decode()
    assert not DraftedDocument.objects.exists()


def test_commune_b_sees_nothing_of_commune_a(world, login):
    a = make_document(world, title="Kế hoạch của Phú Linh")
    make_document(world, unit=world.commune_b, title="Kế hoạch của Kim Thạch")
    client = login(world.reporter_b)
    listing = client.get(reverse("mainstreaming:list")).content.decode()
    assert "Kim Thạch" in listing and "Kế hoạch của Phú Linh" not in listing
    assert client.get(reverse("mainstreaming:detail", args=[a.pk])).status_code == 404
    assert client.get(f"/api/v1/mainstreaming/documents/{a.pk}").status_code == 404
    office = login(world.standing_office).get(reverse("mainstreaming:list")).content.decode()
    assert "Kế hoạch của Phú Linh" in office and "Kế hoạch của Kim Thạch" in office


def test_counts_roll_up_the_tree(world, login, django_assert_max_num_queries):
    make_document(world, kind="plan")
    make_document(world, kind="plan", assessed=False)
    make_document(world, kind="legal", justice_appraisal=True, assessment_report=True)
    make_document(world, unit=world.commune_b, kind="plan")
    make_document(world, unit=world.labour_office, kind="programme")
    make_document(world, unit=world.commune_c, kind="plan")  # another district
    make_document(world, year=2022)
    with django_assert_max_num_queries(4):
        result = counts(world.standing_office, world.district, 2023)
    by_kind = {r.kind: (r.total, r.assessed, r.with_report, r.appraised) for r in result.rows}
    assert by_kind == {"legal": (1, 1, 1, 1), "plan": (3, 2, 0, 0), "programme": (1, 1, 0, 0)}
    assert (result.total, result.assessed) == (5, 4)
    html = (
        login(world.standing_office)
        .get(reverse("mainstreaming:summary"), {"year": 2023, "unit": world.district.pk})
        .content.decode()
    )
    assert rows(html, "counts")[1] == ["Kế hoạch", "3", "2", "0", "0", "3"]
    got = figure("mainstreaming.assessed").compute(
        [world.commune_a.pk, world.commune_b.pk], datetime.date(2023, 1, 1), None
    )
    assert got == {world.commune_a.pk: 2, world.commune_b.pk: 1}


def _filled(client, values):
    wb = load_workbook(BytesIO(client.get(reverse("mainstreaming:template")).content))
    ws = wb["Dữ liệu"]
    for r, row in enumerate(values, start=4):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile("van-ban.xlsx", out.getvalue())


def test_an_upload_saves_every_row_or_none(world, login):
    client = login(world.reporter_a)
    good = [unit_key(world.commune_a), 2023, nfd("Kế hoạch"), nfd("Kế hoạch tuyên truyền"),
            "12/KH-UBND", "15/03/2023", "Có", "Có", "Không"]  # fmt: skip
    bad = [unit_key(world.commune_a), 2023, "Kế hoạch", "Kế hoạch khác", "", "", "Không", "Có"]
    upload = form(client.get(reverse("mainstreaming:upload")).content.decode(), has="file")
    response = client.post(reverse("mainstreaming:upload"),
                           {**upload.data("Tải lên"), "file": _filled(client, [good, bad])})  # fmt: skip
    assert [r[0] for r in rows(response.content.decode(), "sheet-errors")] == ["5"]
    assert not DraftedDocument.objects.exists()
    response = client.post(reverse("mainstreaming:upload"),
                           {**upload.data("Tải lên"), "file": _filled(client, [good])})  # fmt: skip
    assert response.status_code == 302
    saved = DraftedDocument.objects.get()
    assert saved.title == "Kế hoạch tuyên truyền" and saved.assessment_report
    exported = load_workbook(BytesIO(client.get(reverse("mainstreaming:export")).content))
    assert [c.value for c in exported["Dữ liệu"][4]][:4] == [
        "Xã Phú Linh", 2023, "Kế hoạch", "Kế hoạch tuyên truyền",
    ]  # fmt: skip


def test_the_report_counts_and_lists_the_documents(world):
    make_document(world, kind="plan", justice_appraisal=True)
    make_document(world, kind="legal", assessed=False, title="Quyết định về quy chế làm việc")
    report = SimpleNamespace(round=SimpleNamespace(owner_unit=world.district, period_year=2023))
    part = consolidated_part(report, user=world.standing_office, with_charts=False)
    assert part.paragraphs[0].startswith("Năm 2023, đã xây dựng 2 văn bản")
    assert "trong đó 1 văn bản có lồng ghép vấn đề bình đẳng giới" in part.paragraphs[0]
    assert len(part.annexes[0].rows) == 2
    assert consolidated_part(report, user=world.reporter_b, with_charts=False) is None
