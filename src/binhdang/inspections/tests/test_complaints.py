"""Complaints and denunciations: registered and moved through their legal steps with the
pages' forms, their deadlines reminded once each, the complainant's identity read only by the
handlers and every look at it audited."""

import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.core.periodic import PERIODIC
from binhdang.inspections.models import Complaint
from binhdang.inspections.reminders import send_complaint_reminders
from binhdang.inspections.report_section import complaint_annex, consolidated_part
from binhdang.inspections.services import handler_add
from binhdang.notifications.models import Notification
from tests.html_forms import form, rows

from .factories import COMPLAINANT, make_complaint

pytestmark = pytest.mark.django_db


def test_a_commune_registers_a_complaint_and_takes_its_steps(world, login):
    client = login(world.reporter_a)
    entry = form(client.get(reverse("inspections:complaint_create")).content.decode(),
                 has="respondent")  # fmt: skip
    response = client.post(reverse("inspections:complaint_create"), entry.data(
        "Lưu", kind="complaint", received_on="20/11/2023", channel="letter",
        respondent="Trưởng thôn Nậm Am", content="Không được bầu vào ban quản lý thôn vì là nữ.",
        **{"identity-name": "Lò Thị Xuân", "identity-contact": "0912 345 678"},
    ))  # fmt: skip
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert complaint.identity.name == "Lò Thị Xuân" and list(complaint.handlers.all()) == [
        world.reporter_a
    ]
    created = AuditEntry.objects.get(action="complaint.create")
    assert "Lò Thị Xuân" not in json.dumps(created.changes, ensure_ascii=False)

    detail = client.get(response.url).content.decode()
    assert "Quyết định thụ lý hoặc không thụ lý, hạn 30/11/2023" in " ".join(detail.split())
    assert rows(detail, "steps")[0][1].startswith("30/11/2023")

    progress_url = reverse("inspections:complaint_progress", args=[complaint.pk])
    progress = form(client.get(progress_url).content.decode(), has="acceptance")
    refused = client.post(progress_url, progress.data("Lưu", acceptance="accepted",
                                                       decided_on="18/11/2023"))  # fmt: skip
    assert "Ngày quyết định không được trước ngày nhận." in refused.content.decode()
    client.post(progress_url, progress.data("Lưu", acceptance="accepted", decided_on="27/11/2023",
                                            verification_due="15/12/2023"))  # fmt: skip
    complaint.refresh_from_db()
    assert (complaint.acceptance, complaint.decided_on) == ("accepted", date(2023, 11, 27))
    detail = " ".join(client.get(response.url).content.decode().split())
    assert "Hoàn thành xác minh, hạn 15/12/2023" in detail
    assert rows(client.get(response.url).content.decode(), "steps")[2][1].startswith("27/12/2023")

    progress = form(client.get(progress_url).content.decode(), has="acceptance")
    client.post(progress_url, progress.data(
        "Lưu", verified_on="14/12/2023", concluded_on="20/12/2023", outcome="partly",
        outcome_text="Yêu cầu thôn tổ chức bầu lại theo quy chế.",
    ))  # fmt: skip
    complaint.refresh_from_db()
    assert complaint.is_closed and complaint.outcome == "partly"
    assert AuditEntry.objects.filter(action="complaint.progress").count() == 2


def test_the_identity_is_read_only_by_the_handlers_and_each_look_is_audited(world, login):
    complaint = make_complaint(world)
    detail_url = reverse("inspections:complaint_detail", args=[complaint.pk])
    identity_url = reverse("inspections:complaint_identity", args=[complaint.pk])
    for persona in (world.standing_office, world.leader, world.head_a):
        client = login(persona)
        page = client.get(detail_url)
        assert page.status_code == 200 and COMPLAINANT not in page.content.decode()
        assert identity_url not in page.content.decode()
        assert client.get(identity_url).status_code == 404
        assert (
            client.get(f"/api/v1/inspections/complaints/{complaint.pk}/identity").status_code == 404
        )
        listing = client.get(reverse("inspections:complaint_list")).content.decode()
        assert COMPLAINANT not in listing
        exported = client.get(reverse("inspections:complaint_export")).content
        assert COMPLAINANT.encode() not in exported
    assert login(world.viewer).get(detail_url).status_code == 404
    assert login(world.reporter_b).get(detail_url).status_code == 404
    assert not AuditEntry.objects.filter(sensitive_read=True).exists()

    handler = login(world.reporter_a)
    assert identity_url in handler.get(detail_url).content.decode()
    assert COMPLAINANT in handler.get(identity_url).content.decode()
    api = handler.get(f"/api/v1/inspections/complaints/{complaint.pk}/identity").json()
    assert api["name"] == COMPLAINANT
    looks = AuditEntry.objects.filter(sensitive_read=True, action="complaint.identity.read")
    assert looks.count() == 2 and {e.actor for e in looks} == {world.reporter_a}
    assert looks.first().object_id == str(complaint.pk)

    # Made a handler, the standing office reads it too, and its look is recorded.
    add = form(handler.get(detail_url).content.decode(), id="add-handler")
    handler.post(add.action, add.data("Thêm người giải quyết",
                                      user=add.option("user", "Standing Office")))  # fmt: skip
    assert COMPLAINANT in login(world.standing_office).get(identity_url).content.decode()
    assert looks.filter(actor=world.standing_office).count() == 1


def test_a_handler_corrects_the_identity(world, login):
    complaint = make_complaint(world)
    client = login(world.reporter_a)
    url = reverse("inspections:complaint_identity", args=[complaint.pk])
    correct = form(client.get(url).content.decode(), has="identity-name")
    client.post(url, correct.data("Lưu", **{"identity-name": "Lò Thị Xuân Mai"}))
    complaint.identity.refresh_from_db()
    assert complaint.identity.name == "Lò Thị Xuân Mai"
    assert AuditEntry.objects.filter(action="complaint.identity.update").exists()


def test_each_deadline_is_reminded_once_before_it_passes(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    complaint = make_complaint(world, received_on=date(2023, 11, 20))  # acceptance by 30/11
    handler_add(actor=world.reporter_a, complaint=complaint, user=world.head_a)
    assert send_complaint_reminders(date(2023, 11, 26)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_complaint_reminders(date(2023, 11, 27)) == 2
    notice = Notification.objects.filter(user=world.reporter_a).get()
    assert "Sắp đến hạn" in notice.title and "30/11/2023" in notice.body
    assert COMPLAINANT not in notice.title + notice.body
    assert notice.url == reverse("inspections:complaint_detail", args=[complaint.pk])
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        [world.reporter_a.email, world.head_a.email]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_complaint_reminders(date(2023, 11, 28)) == 0
        assert send_complaint_reminders(date(2023, 12, 5)) == 0, "passed: not reminded again"
    assert len(mail.outbox) == 2

    complaint.acceptance, complaint.decided_on = "accepted", date(2023, 11, 29)
    complaint.save()
    conclusion = date(2023, 12, 29)  # 30 days from acceptance
    assert send_complaint_reminders(conclusion - timedelta(days=4)) == 0
    assert send_complaint_reminders(conclusion - timedelta(days=3)) == 2
    assert send_complaint_reminders(conclusion) == 0
    assert Notification.objects.filter(user=world.reporter_a).count() == 2
    # The standing office, not a handler, is never told.
    assert not Notification.objects.filter(user=world.standing_office).exists()


def test_the_reminder_runs_in_the_background_worker():
    assert "complaint-reminders" in [job.name for job in PERIODIC]


def test_the_next_step_is_in_the_handlers_work(world, login):
    make_complaint(world, received_on=date(2023, 11, 20))
    home = " ".join(login(world.reporter_a).get(reverse("core:home")).content.decode().split())
    assert "Khiếu nại nhận ngày 20/11/2023" in home
    other = login(world.standing_office).get(reverse("core:home")).content.decode()
    assert "Khiếu nại nhận ngày 20/11/2023" not in " ".join(other.split())


def test_the_report_counts_complaints_without_names(world):
    make_complaint(world)
    make_complaint(world, kind="denunciation", received_on=date(2023, 12, 1))
    from types import SimpleNamespace

    report = SimpleNamespace(round=SimpleNamespace(owner_unit=world.district, period_year=2023))
    part = consolidated_part(report, user=world.standing_office, with_charts=False)
    text = " ".join(part.paragraphs)
    assert "tiếp nhận 2 đơn khiếu nại, tố cáo về bình đẳng giới (1 khiếu nại, 1 tố cáo)" in text
    assert "Đang giải quyết: khiếu nại nhận ngày 20/11/2023 tại Xã Phú Linh" in text
    assert COMPLAINANT not in text and "Trưởng thôn" not in text
    annex = complaint_annex(world.standing_office, world.district, 2023)
    assert len(annex.rows) == 2 and COMPLAINANT not in json.dumps(annex.rows, ensure_ascii=False)


def test_a_register_upload_saves_every_complaint_or_none(world, login):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from binhdang.core.sheets import unit_key

    client = login(world.reporter_a)

    def filled(values):
        wb = load_workbook(BytesIO(client.get(reverse("inspections:complaint_template")).content))
        ws = wb["Dữ liệu"]
        for r, row in enumerate(values, start=4):
            for c, value in enumerate(row, start=1):
                ws.cell(row=r, column=c, value=value)
        out = BytesIO()
        wb.save(out)
        return SimpleUploadedFile("so-khieu-nai.xlsx", out.getvalue())

    good = [unit_key(world.commune_a), "tố cáo", "20/11/2023", "Trực tiếp", "Lò Thị Xuân",
            "", "Thôn Nậm Am", "Ông Vàng Văn Páo", "Bạo lực gia đình đối với vợ", "", "Có"]  # fmt: skip
    future = [unit_key(world.commune_a), "Khiếu nại", "20/11/2099", "Đơn, thư", "Lò Văn Sinh",
              "", "", "Trưởng thôn", "Không được họp thôn"]  # fmt: skip
    upload = form(client.get(reverse("inspections:complaint_upload")).content.decode(), has="file")
    response = client.post(reverse("inspections:complaint_upload"),
                           {**upload.data("Tải lên"), "file": filled([good, future])})  # fmt: skip
    assert [e[0] for e in rows(response.content.decode(), "sheet-errors")] == ["5"]
    assert not Complaint.objects.exists()
    response = client.post(reverse("inspections:complaint_upload"),
                           {**upload.data("Tải lên"), "file": filled([good])})  # fmt: skip
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.kind, complaint.remote_area) == ("denunciation", True)
    assert complaint.identity.name == "Lò Thị Xuân"
    assert list(complaint.handlers.all()) == [world.reporter_a]


def test_the_work_of_a_closed_unit_is_the_record_not_work(world, login):
    make_complaint(world, received_on=date(2023, 11, 20))
    world.commune_a.valid_to = date(2025, 6, 30)
    world.commune_a.save()
    home = " ".join(login(world.reporter_a).get(reverse("core:home")).content.decode().split())
    assert "Khiếu nại nhận ngày 20/11/2023" not in home
