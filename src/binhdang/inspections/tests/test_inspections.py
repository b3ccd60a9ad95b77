"""Inspections and checks: entered and followed up through the pages' forms, with files,
seen by the inspecting and the inspected units only, uploaded all or nothing."""

import unicodedata
from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binhdang.audit.models import AuditEntry
from binhdang.core.sheets import unit_key
from binhdang.inspections.models import FollowUp, Inspection
from binhdang.inspections.selectors import inspection_counts
from tests.html_forms import form, rows

from .factories import PDF, make_follow_up, make_inspection

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_the_office_records_a_check_its_follow_up_and_a_file(world, login):
    client = login(world.standing_office)
    page = client.get(reverse("inspections:create")).content.decode()
    entry = form(page, has="title")
    data = entry.data(
        "Lưu",
        org_unit=entry.option("org_unit", "Huyện Vị Xuyên"),
        kind="check",
        title=nfd("Kiểm tra việc thực hiện Luật Bình đẳng giới năm 2023"),
        plan="Kế hoạch 15/KH-UBND ngày 20/02/2023",
        inspected_units=[entry.option("inspected_units", "Xã Phú Linh"),
                         entry.option("inspected_units", "Xã Kim Thạch")],
        started_on="12/09/2023", ended_on="13/09/2023", scope_law="on", scope_dv="on",
        findings="Xã đã ban hành kế hoạch năm 2023.",
        recommendations="Bố trí kinh phí riêng cho công tác bình đẳng giới.",
    )  # fmt: skip
    response = client.post(reverse("inspections:create"), data)
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert inspection.title == "Kiểm tra việc thực hiện Luật Bình đẳng giới năm 2023"
    assert set(inspection.inspected_units.all()) == {world.commune_a, world.commune_b}
    assert (inspection.scope_law, inspection.scope_strategy, inspection.scope_dv) == (
        True, False, True,
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="inspection.create").exists()

    detail = client.get(response.url).content.decode()
    add = form(detail, id="add-follow-up")
    client.post(add.action, add.data(
        "Thêm", text="Bố trí kinh phí năm 2024", due_on="31/12/2023",
        responsible_unit=add.option("responsible_unit", "Xã Phú Linh"),
    ))  # fmt: skip
    item = FollowUp.objects.get()
    assert (item.responsible_unit, item.due_on, item.status) == (
        world.commune_a, date(2023, 12, 31), "open",
    )  # fmt: skip
    attach = form(detail, id="add-file")
    client.post(attach.action, {**attach.data("Đính kèm"),
                                "file": SimpleUploadedFile("Biên bản.pdf", PDF)})  # fmt: skip
    attachment = inspection.files.get()
    assert attachment.original_name == "Biên bản.pdf"
    client.post(attach.action, {**attach.data("Đính kèm"),
                                "file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")})  # fmt: skip
    assert inspection.files.count() == 1

    # The commune responsible for the item marks it done from the same page.
    commune = login(world.reporter_a)
    detail = commune.get(reverse("inspections:detail", args=[inspection.pk])).content.decode()
    assert reverse("inspections:edit", args=[inspection.pk]) not in detail
    status = form(detail, action=reverse("inspections:follow_up_status", args=[item.pk]))
    commune.post(status.action, status.data("Cập nhật", status="done", done_on="20/12/2023",
                                            note="Đã bố trí 20 triệu đồng"))  # fmt: skip
    item.refresh_from_db()
    assert (item.status, item.done_on) == ("done", date(2023, 12, 20))
    assert commune.get(reverse("inspections:edit", args=[inspection.pk])).status_code == 404
    download = commune.get(reverse("inspections:file_download", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == PDF
    counts = inspection_counts(world.standing_office, world.district, 2023)
    assert (counts["total"], counts["checks"], counts["law"], counts["follow_ups_done"]) == (
        1, 1, 1, 1,
    )  # fmt: skip


def test_an_inspection_without_a_matter_or_ending_before_it_began_saves_nothing(world, login):
    client = login(world.standing_office)
    entry = form(client.get(reverse("inspections:create")).content.decode(), has="title")
    base = {
        "org_unit": entry.option("org_unit", "Huyện Vị Xuyên"), "title": "Kiểm tra",
        "inspected_units": entry.option("inspected_units", "Xã Phú Linh"),
        "started_on": "12/09/2023",
    }  # fmt: skip
    response = client.post(reverse("inspections:create"), entry.data("Lưu", **base))
    assert "Chọn ít nhất một nội dung thanh tra, kiểm tra." in response.content.decode()
    response = client.post(reverse("inspections:create"),
                           entry.data("Lưu", **base, scope_law="on", ended_on="01/09/2023"))  # fmt: skip
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert not Inspection.objects.exists()


def test_only_the_inspecting_and_inspected_units_see_an_inspection(world, login):
    of_a = make_inspection(world, title="Kiểm tra riêng xã Phú Linh")
    of_b = make_inspection(world, title="Kiểm tra riêng xã Kim Thạch", inspected=[world.commune_b])
    own = make_inspection(world, actor=world.reporter_a, unit=world.commune_a,
                          title="Tự kiểm tra của xã Phú Linh")  # fmt: skip
    b = login(world.reporter_b)
    listing = b.get(reverse("inspections:list")).content.decode()
    assert "Kiểm tra riêng xã Kim Thạch" in listing and "Phú Linh" not in listing
    for pk in (of_a.pk, own.pk):
        assert b.get(reverse("inspections:detail", args=[pk])).status_code == 404
        assert b.get(f"/api/v1/inspections/{pk}").status_code == 404
    a = login(world.reporter_a).get(reverse("inspections:list")).content.decode()
    assert "Kiểm tra riêng xã Phú Linh" in a and "Tự kiểm tra" in a and "Kim Thạch" not in a
    office = login(world.standing_office)
    assert office.get(reverse("inspections:detail", args=[own.pk])).status_code == 200
    assert (
        login(world.outsider).get(reverse("inspections:detail", args=[of_b.pk])).status_code == 404
    )


def _filled(client, values):
    wb = load_workbook(BytesIO(client.get(reverse("inspections:template")).content))
    ws = wb["Dữ liệu"]
    for r, row in enumerate(values, start=4):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile("kiem-tra.xlsx", out.getvalue())


def test_an_upload_saves_every_row_or_none(world, login):
    client = login(world.standing_office)
    good = [unit_key(world.district), "Kiểm tra", nfd("Kiểm tra công tác bình đẳng giới"),
            "Kế hoạch 15/KH-UBND", nfd("Xã Phú Linh; xã kim thạch"), "12/09/2023", "13/09/2023",
            nfd("Luật Bình đẳng giới; Phòng, chống bạo lực gia đình")]  # fmt: skip
    unknown = [unit_key(world.district), "Kiểm tra", "Kiểm tra xã Yên Phú", "", "Xã Yên Phú",
               "12/09/2023", "", "Luật Bình đẳng giới"]  # fmt: skip
    upload = form(client.get(reverse("inspections:upload")).content.decode(), has="file")
    response = client.post(reverse("inspections:upload"),
                           {**upload.data("Tải lên"), "file": _filled(client, [good, unknown])})  # fmt: skip
    errors = rows(response.content.decode(), "sheet-errors")
    assert [e[0] for e in errors] == ["5"] and "Xã Yên Phú" in errors[0][2]
    assert not Inspection.objects.exists()
    response = client.post(reverse("inspections:upload"),
                           {**upload.data("Tải lên"), "file": _filled(client, [good])})  # fmt: skip
    assert response.status_code == 302
    saved = Inspection.objects.get()
    assert set(saved.inspected_units.all()) == {world.commune_a, world.commune_b}
    assert saved.scope_law and saved.scope_dv and not saved.scope_strategy
    exported = load_workbook(BytesIO(client.get(reverse("inspections:export")).content))
    values = [c.value for c in exported["Dữ liệu"][4]]
    assert values[2] == "Kiểm tra công tác bình đẳng giới"
    assert values[7] == "Luật Bình đẳng giới; Phòng, chống bạo lực gia đình"


def test_an_open_follow_up_is_in_the_responsible_units_work(world, login):
    inspection = make_inspection(world)
    make_follow_up(world, inspection, due_on=date(2023, 12, 31))
    home = login(world.reporter_a).get(reverse("core:home")).content.decode()
    assert "Bố trí kinh phí cho công tác bình đẳng giới" in home
    assert (
        "Bố trí kinh phí cho công tác bình đẳng giới"
        not in login(world.reporter_b).get(reverse("core:home")).content.decode()
    )
