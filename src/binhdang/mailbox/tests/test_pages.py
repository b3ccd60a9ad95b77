"""The standing office's pages: every button pressed, its effect read back from the database."""

import hashlib

import pytest
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.mailbox import services
from binhdang.mailbox.models import MailFile, MailMessage, MessageStatus, UnitMailAddress
from binhdang.reporting.models import AttachmentKind, SubmissionAttachment
from binhdang.reporting.tests.factories import make_round
from tests.html_forms import form

from .servers import EXE, PDF, ROUND_ADDRESS, soft_copy

STRANGER = "nguoi.la@example.com"


@pytest.fixture
def triaged(world, mail_round):
    return services.receive(soft_copy(sender=f"Lò Văn Sử <{STRANGER}>"), via="smtp").message


def test_the_list_shows_the_triage_and_the_attached(login, world, mail_round, triaged):
    UnitMailAddress.objects.create(org_unit=world.commune_b, email="kimthach@example.vn")
    client = login(world.standing_office)
    page = client.get(reverse("mailbox:list")).content.decode()
    assert "Hộp thư bản mềm" in page
    assert "Người gửi chưa được đăng ký cho đơn vị nào" in page
    assert "Báo cáo BĐG năm 2023 - Xã Phú Linh" in page
    attached = client.get(reverse("mailbox:list") + "?status=attached").content.decode()
    assert "Không có thư." in attached
    everything = client.get(reverse("mailbox:list") + "?status=all").content.decode()
    assert STRANGER in everything
    # An unknown status falls back to the triage list.
    assert client.get(reverse("mailbox:list") + "?status=%C2%B2").status_code == 200


def test_assigning_attaches_on_behalf_registers_the_address_and_tells_the_sender(
    login, world, mail_round, triaged, sink, django_capture_on_commit_callbacks
):
    client = login(world.standing_office)
    detail = client.get(reverse("mailbox:detail", args=[triaged.pk])).content.decode()
    assign = form(detail, id="assign")
    # The unit named in the subject is chosen already; the office ticks "register".
    assert assign.value("unit") == str(world.commune_a.pk)
    assert assign.value("round") == str(mail_round.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(assign.action, assign.data("Gán cho đơn vị này", remember="1"))
    assert response.status_code == 302
    triaged.refresh_from_db()
    assert triaged.status == MessageStatus.ASSIGNED
    assert (triaged.org_unit, triaged.decided_by) == (world.commune_a, world.standing_office)
    attached = SubmissionAttachment.objects.filter(submission__org_unit=world.commune_a)
    assert attached.count() == 2
    assert all(a.kind == AttachmentKind.EMAILED_COPY and a.on_behalf for a in attached)
    assert UnitMailAddress.objects.filter(org_unit=world.commune_a, email=STRANGER).exists()
    assert AuditEntry.objects.filter(action="mailbox.assign", actor=world.standing_office).exists()
    assert sink.wait_for(1)[0][1] == [STRANGER]
    # The next message from that address is placed without the office.
    again = services.receive(soft_copy(sender=STRANGER, subject="Bổ sung"), via="smtp").message
    assert again.status == MessageStatus.ATTACHED and again.org_unit == world.commune_a


def test_assigning_needs_a_round_and_an_expected_unit(login, world, mail_round, triaged):
    client = login(world.standing_office)
    url = reverse("mailbox:assign", args=[triaged.pk])
    for data, message in [
        ({}, "Hãy chọn đợt báo cáo của thư này."),
        ({"round": str(mail_round.pk)}, "Hãy chọn một đơn vị phải báo cáo trong đợt này."),
        # Commune C is in another district, not expected in the round.
        (
            {"round": str(mail_round.pk), "unit": str(world.commune_c.pk)},
            "Hãy chọn một đơn vị phải báo cáo trong đợt này.",
        ),
        ({"round": "²", "unit": "abc"}, "Hãy chọn đợt báo cáo của thư này."),
    ]:
        page = client.post(url, data, follow=True).content.decode()
        assert message in page
    triaged.refresh_from_db()
    assert triaged.status == MessageStatus.TRIAGE and triaged.decided_by is None
    assert not SubmissionAttachment.objects.exists()


def test_a_second_decision_is_refused(login, world, mail_round, triaged):
    client = login(world.standing_office)
    client.post(reverse("mailbox:reject", args=[triaged.pk]), {"note": "Thư quảng cáo"})
    page = client.post(
        reverse("mailbox:assign", args=[triaged.pk]),
        {"round": str(mail_round.pk), "unit": str(world.commune_a.pk)},
        follow=True,
    ).content.decode()
    assert "Thư này đã được xử lý." in page
    triaged.refresh_from_db()
    assert triaged.status == MessageStatus.REJECTED
    assert not SubmissionAttachment.objects.exists()


def test_rejecting_keeps_the_message_with_the_note(login, world, mail_round, triaged):
    client = login(world.standing_office)
    reject = form(client.get(reverse("mailbox:detail", args=[triaged.pk])).content, id="reject")
    response = client.post(reject.action, reject.data("Từ chối", note="Thư gửi nhầm địa chỉ"))
    assert response.status_code == 302
    triaged.refresh_from_db()
    assert triaged.status == MessageStatus.REJECTED
    assert triaged.decision_note == "Thư gửi nhầm địa chỉ"
    assert set(triaged.files.values_list("status", flat=True)) == {MailFile.Status.REJECTED}
    assert AuditEntry.objects.filter(action="mailbox.reject", object_id=str(triaged.pk)).exists()
    raw = client.get(reverse("mailbox:raw", args=[triaged.pk]))
    assert hashlib.sha256(b"".join(raw.streaming_content)).hexdigest() == triaged.sha256
    page = client.get(reverse("mailbox:detail", args=[triaged.pk])).content.decode()
    assert "Thư gửi nhầm địa chỉ" in page and 'id="assign"' not in page


def test_a_note_with_control_characters_is_refused(login, world, mail_round, triaged):
    client = login(world.standing_office)
    page = client.post(
        reverse("mailbox:reject", args=[triaged.pk]), {"note": "a\x07b"}, follow=True
    ).content.decode()
    assert "ký tự điều khiển" in page
    triaged.refresh_from_db()
    assert triaged.status == MessageStatus.TRIAGE


def test_only_refused_files_can_be_rejected_not_assigned(login, world, mail_round):
    message = services.receive(
        soft_copy(sender=STRANGER, files=[("bao-cao.pdf", EXE)]), via="smtp"
    ).message
    client = login(world.standing_office)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    assert "không khớp" in page and 'id="assign"' not in page and 'id="reject"' in page
    response = client.post(
        reverse("mailbox:assign", args=[message.pk]),
        {"round": str(mail_round.pk), "unit": str(world.commune_a.pk)},
        follow=True,
    )
    assert "Thư không có tệp nào đính kèm được" in response.content.decode()
    assert not SubmissionAttachment.objects.exists()


def test_the_round_choice_lists_the_units_of_the_chosen_round(login, world, mail_round):
    other = make_round(world, slug="bdg-2023-bo-sung", soft_copy_email=ROUND_ADDRESS)
    message = services.receive(
        soft_copy(sender=STRANGER, subject="Báo cáo", files=[("bc.pdf", PDF)]), via="smtp"
    ).message
    assert message.reason == "unclear_round"
    client = login(world.standing_office)
    page = client.get(
        reverse("mailbox:detail", args=[message.pk]) + f"?round={other.pk}"
    ).content.decode()
    assert f'<input type="hidden" name="round" value="{other.pk}">' in page
    client.post(
        reverse("mailbox:assign", args=[message.pk]),
        {"round": str(other.pk), "unit": str(world.commune_b.pk)},
    )
    message.refresh_from_db()
    assert (message.round, message.org_unit, message.status) == (other, world.commune_b, "assigned")
    assert SubmissionAttachment.objects.get().submission.round == other


def test_the_office_registers_and_removes_a_units_address(login, world, mail_round):
    client = login(world.standing_office)
    page = client.get(reverse("mailbox:addresses")).content.decode()
    add = form(page, id="address-add")
    client.post(
        add.action,
        add.data(
            "Đăng ký địa chỉ",
            unit=add.option("unit", "Xã Kim Thạch"),
            email=" VanThu.KimThach@Example.VN ",
        ),
    )
    address = UnitMailAddress.objects.get()
    assert (address.org_unit, address.email) == (world.commune_b, "vanthu.kimthach@example.vn")
    assert address.added_by == world.standing_office
    for data, text in [
        (
            {"unit": str(world.commune_b.pk), "email": "vanthu.kimthach@example.vn"},
            "đã được đăng ký",
        ),
        ({"unit": str(world.commune_b.pk), "email": "không-phải-thư"}, "hợp lệ"),
        ({"unit": str(world.commune_c.pk), "email": "x@example.vn"}, "Hãy chọn đơn vị."),
    ]:
        assert (
            text in client.post(reverse("mailbox:address_add"), data, follow=True).content.decode()
        )
    assert UnitMailAddress.objects.count() == 1
    page = client.get(reverse("mailbox:addresses")).content
    remove = form(page, action=reverse("mailbox:address_remove", args=[address.pk]))
    client.post(remove.action, remove.data("Xóa"))
    assert not UnitMailAddress.objects.exists()
    assert AuditEntry.objects.filter(action="mailbox.address_remove").exists()


def test_another_districts_office_sees_nothing(client, world, triaged):
    from binhdang.accounts.models import Membership, User

    other = User.objects.create_user(
        username="thuongtruc.bacme", password="x", email="bm@example.vn"
    )
    Membership.objects.create(
        user=other, org_unit=world.district2, role="standing_office", scope="subtree"
    )
    client.force_login(other)
    assert "Không có thư." in client.get(reverse("mailbox:list")).content.decode()
    assert client.get(reverse("mailbox:detail", args=[triaged.pk])).status_code == 404
    response = client.post(
        reverse("mailbox:assign", args=[triaged.pk]),
        {"round": str(triaged.round_id), "unit": str(world.commune_a.pk)},
    )
    assert response.status_code == 404
    assert MailMessage.objects.get(pk=triaged.pk).status == MessageStatus.TRIAGE


def test_assigning_to_a_closed_round_says_why_and_keeps_the_message(login, world, mail_round):
    from binhdang.reporting.services import round_close

    round_close(actor=world.standing_office, reporting_round=mail_round)
    message = services.receive(soft_copy(sender=STRANGER), via="smtp").message
    assert message.reason == "no_round" and message.round is None
    client = login(world.standing_office)
    page = client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()
    assert f'value="{mail_round.pk}"' in page
    response = client.post(
        reverse("mailbox:assign", args=[message.pk]),
        {"round": str(mail_round.pk), "unit": str(world.commune_b.pk)},
        follow=True,
    )
    assert "Đợt báo cáo này chưa mở hoặc đã đóng." in response.content.decode()
    message.refresh_from_db()
    assert message.status == MessageStatus.TRIAGE and message.decided_by is None
    assert not SubmissionAttachment.objects.exists()
