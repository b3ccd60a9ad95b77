"""Messages arriving by the SMTP endpoint (aiosmtpd) and by polling dovecot over IMAP: each
stored as .eml with its SHA-256, placed on one unit or sent to triage, the sender told by a
real SMTP delivery (Django's SMTP backend to an aiosmtpd sink)."""

import hashlib
import smtplib
import ssl
from io import StringIO

import pytest
from django.core.management import call_command

from binhdang.audit.models import AuditEntry
from binhdang.mailbox import services
from binhdang.mailbox.models import (
    MailFile,
    MailMessage,
    MessageStatus,
    TriageReason,
    UnitMailAddress,
)
from binhdang.mailbox.receivers import KEYWORD, poll_if_configured, poll_imap, smtp_controller
from binhdang.reporting.models import AttachmentKind, Submission, SubmissionAttachment

from .servers import EXE, PDF, ROUND_ADDRESS, docx_bytes, free_port, soft_copy

CLERK = "vanthu.phulinh@gmail.com"


def _register(world, email=CLERK, unit=None):
    return UnitMailAddress.objects.create(
        org_unit=unit or world.commune_a, email=email, added_by=world.standing_office
    )


def _attachments(world, unit=None):
    return SubmissionAttachment.objects.filter(
        submission__org_unit=unit or world.commune_a
    ).order_by("id")


@pytest.fixture
def endpoint(settings):
    controller = smtp_controller("127.0.0.1", free_port())
    controller.start()
    yield controller
    controller.stop()


def _send(endpoint, raw: bytes, to=ROUND_ADDRESS, sender=CLERK):
    with smtplib.SMTP(endpoint.hostname, endpoint.port, timeout=20) as client:
        return client.sendmail(sender, [to], raw)


@pytest.mark.django_db(transaction=True)
def test_a_registered_sender_by_smtp_is_attached_to_the_unit_and_told(
    world, mail_round, endpoint, sink
):
    _register(world)
    raw = soft_copy(message_id="<bc-2023-phulinh@mail.example>")
    _send(endpoint, raw)

    message = MailMessage.objects.get()
    assert message.status == MessageStatus.ATTACHED
    assert (message.round, message.org_unit, message.via) == (mail_round, world.commune_a, "smtp")
    assert message.sha256 == hashlib.sha256(raw).hexdigest()
    with message.raw.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == message.sha256
    # The NFD subject is stored as NFC.
    assert message.subject == "Báo cáo BĐG năm 2023 - Xã Phú Linh"
    attached = list(_attachments(world))
    assert [a.original_name for a in attached] == [
        "Báo cáo BĐG 2023 xã Phú Linh.docx",
        "Phụ lục số liệu.pdf",
    ]
    assert {a.kind for a in attached} == {AttachmentKind.EMAILED_COPY}
    # Attached on the unit's behalf by the officer who registered the address.
    assert all(a.on_behalf and a.uploaded_by == world.standing_office for a in attached)
    assert list(MailFile.objects.values_list("status", flat=True)) == ["attached", "attached"]
    assert AuditEntry.objects.filter(action="mailbox.receive", object_id=str(message.pk)).exists()
    assert AuditEntry.objects.filter(action="mailbox.attach", object_id=str(message.pk)).exists()

    ((mail_from, rcpt, ack),) = sink.wait_for(1)
    assert rcpt == [CLERK]
    assert ack["In-Reply-To"] == "<bc-2023-phulinh@mail.example>"
    assert ack["Auto-Submitted"] == "auto-replied"
    body = ack.get_content()
    assert "Xã Phú Linh" in body and "Phụ lục số liệu.pdf" in body
    assert str(ack["Subject"]).strip().startswith("Đã nhận")
    message.refresh_from_db()
    assert message.acknowledged_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_endpoint_refuses_an_address_no_round_uses(world, mail_round, endpoint):
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        _send(endpoint, soft_copy(to="khac@hagiang.gov.vn"), to="khac@hagiang.gov.vn")
    assert refused.value.recipients["khac@hagiang.gov.vn"][0] == 550
    assert not MailMessage.objects.exists()


def test_a_reporter_of_the_unit_sending_from_their_own_address_attaches_as_the_unit(
    world, mail_round, sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.receive(
            soft_copy(sender=f"Reporter A <{world.reporter_a.email.upper()}>"), via="smtp"
        )
    assert outcome.message.status == MessageStatus.ATTACHED
    attached = list(_attachments(world))
    assert len(attached) == 2
    assert all(not a.on_behalf and a.uploaded_by == world.reporter_a for a in attached)
    assert sink.wait_for(1)[0][1] == [world.reporter_a.email]


def test_the_same_message_twice_is_stored_once(world, mail_round):
    _register(world)
    raw = soft_copy()
    first = services.receive(raw, via="smtp")
    second = services.receive(raw, via="imap")
    assert first.created and not second.created
    assert second.message.pk == first.message.pk
    assert MailMessage.objects.count() == 1
    assert _attachments(world).count() == 2


def test_an_unknown_sender_goes_to_triage_with_the_unit_named_in_the_subject(world, mail_round):
    outcome = services.receive(soft_copy(sender="la@example.com"), via="smtp")
    message = outcome.message
    assert message.status == MessageStatus.TRIAGE
    assert message.reason == TriageReason.UNKNOWN_SENDER
    assert message.org_unit is None and message.round == mail_round
    assert list(message.candidate_units.all()) == [world.commune_a]
    assert message.office_unit == world.district
    assert not SubmissionAttachment.objects.exists()
    assert list(MailFile.objects.values_list("status", flat=True)) == ["waiting", "waiting"]


def test_an_address_of_two_units_is_placed_by_the_name_in_the_subject_or_triaged(world, mail_round):
    shared = "bdg.chung@hagiang.gov.vn"
    _register(world, shared, world.commune_a)
    _register(world, shared, world.commune_b)
    unclear = services.receive(
        soft_copy(sender=shared, subject="Bao cao BDG 2023", files=[("bao-cao.pdf", PDF)]),
        via="smtp",
    ).message
    assert unclear.status == MessageStatus.TRIAGE
    assert unclear.reason == TriageReason.UNCLEAR_UNIT
    assert set(unclear.candidate_units.all()) == {world.commune_a, world.commune_b}

    clear = services.receive(
        soft_copy(sender=shared, subject="Báo cáo BĐG xã Kim Thạch", files=[("bc.pdf", PDF)]),
        via="smtp",
    ).message
    assert (clear.status, clear.org_unit) == (MessageStatus.ATTACHED, world.commune_b)
    assert _attachments(world, world.commune_b).count() == 1
    assert not _attachments(world, world.commune_a).exists()


def test_a_refused_file_is_kept_out_and_the_message_triaged(world, mail_round):
    _register(world)
    message = services.receive(
        soft_copy(files=[("bao-cao.pdf", PDF), ("bang-so-lieu.pdf", EXE)]), via="smtp"
    ).message
    assert message.status == MessageStatus.TRIAGE
    assert message.reason == TriageReason.REFUSED_FILE
    refused = message.files.get(name="bang-so-lieu.pdf")
    assert refused.status == MailFile.Status.REFUSED
    assert "không khớp" in refused.refusal
    assert [a.original_name for a in _attachments(world)] == ["bao-cao.pdf"]


def test_a_message_without_files_or_for_a_closed_round_goes_to_triage(world, mail_round):
    _register(world)
    no_files = services.receive(soft_copy(files=[]), via="smtp").message
    assert (no_files.status, no_files.reason) == (MessageStatus.TRIAGE, TriageReason.NO_ATTACHMENT)

    from binhdang.reporting.services import round_close

    round_close(actor=world.standing_office, reporting_round=mail_round)
    late = services.receive(soft_copy(subject="Gửi lại"), via="smtp").message
    assert (late.status, late.reason) == (MessageStatus.TRIAGE, TriageReason.NO_ROUND)
    assert late.office_unit == world.district
    assert not SubmissionAttachment.objects.exists()


def test_a_sent_report_from_the_reporter_waits_for_the_office(world, mail_round):
    from binhdang.reporting.tests.factories import submitted

    submission = submitted(world)
    before = submission.attachments.count()
    message = services.receive(soft_copy(sender=world.reporter_a.email), via="smtp").message
    assert (message.status, message.reason) == (MessageStatus.TRIAGE, TriageReason.NOT_ATTACHABLE)
    assert message.org_unit == world.commune_a
    assert Submission.objects.get(pk=submission.pk).attachments.count() == before


def test_a_malformed_message_is_stored_and_triaged(world, mail_round):
    raw = b"From: =?broken?= <<<\r\nSubject: \xff\xfe\r\n\r\n\x00garbage"
    message = services.receive(raw, via="smtp").message
    assert message.status == MessageStatus.TRIAGE
    with message.raw.open("rb") as stored:
        assert stored.read() == raw


def test_polling_dovecot_receives_each_message_once(world, mail_round, dovecot, settings):
    _register(world)
    dovecot.append(soft_copy(to="Phòng LĐTBXH <ldtbxh.vx@hagiang.gov.vn>"))
    dovecot.append(soft_copy(sender="nguoi.la@example.com", to="undisclosed-recipients:;"))

    stored = poll_imap()
    assert len(stored) == 2
    placed = MailMessage.objects.get(sender=CLERK)
    assert (placed.status, placed.org_unit, placed.via) == ("attached", world.commune_a, "imap")
    # The Bcc copy names no address: the mailbox's own address places it in the round.
    stranger = MailMessage.objects.get(sender="nguoi.la@example.com")
    assert stranger.round == mail_round and stranger.status == MessageStatus.TRIAGE
    assert ROUND_ADDRESS in stranger.recipients
    assert _attachments(world).count() == 2

    from imap_tools import AND, MailBoxUnencrypted

    with MailBoxUnencrypted("127.0.0.1", dovecot.port).login(
        settings.BINHDANG_MAILBOX_IMAP_USER, settings.BINHDANG_MAILBOX_IMAP_PASSWORD
    ) as box:
        assert len(box.uids(AND(keyword=KEYWORD))) == 2
        assert box.uids(AND(seen=False)), "the office's own mail client still sees them unread"

    assert poll_if_configured() == 0
    dovecot.append(
        soft_copy(subject="Bổ sung phụ lục xã Phú Linh", files=[("pl2.docx", docx_bytes())])
    )
    out = StringIO()
    call_command("poll-mail", stdout=out)
    assert "1 new message(s): 1 attached, 0 to triage" in out.getvalue()
    assert MailMessage.objects.count() == 3


def test_the_periodic_job_does_nothing_when_the_mailbox_is_off(settings, db):
    settings.BINHDANG_MAILBOX_MODE = "off"
    assert poll_if_configured() == 0


def test_an_automatic_message_is_attached_but_not_answered(
    world, mail_round, sink, django_capture_on_commit_callbacks
):
    _register(world)
    raw = soft_copy().replace(b"MIME-Version", b"Auto-Submitted: auto-generated\r\nMIME-Version", 1)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.receive(raw, via="smtp").message
    assert message.status == MessageStatus.ATTACHED
    assert _attachments(world).count() == 2
    assert sink.messages == [] and message.acknowledged_at is None


@pytest.mark.django_db(transaction=True)
def test_the_receive_mail_command_stores_what_it_is_sent(world, mail_round):
    import importlib
    import threading

    _register(world)
    command = importlib.import_module("binhdang.mailbox.management.commands.receive-mail").Command()
    port = free_port()
    out = StringIO()
    runner = threading.Thread(
        target=call_command,
        args=(command,),
        kwargs={"host": "127.0.0.1", "port": port, "stdout": out},
    )
    runner.start()
    try:
        assert command.listening.wait(20)
        with smtplib.SMTP("127.0.0.1", port, timeout=20) as client:
            client.sendmail(CLERK, [ROUND_ADDRESS], soft_copy())
    finally:
        command.stop.set()
        runner.join(20)
    assert not runner.is_alive()
    assert f"127.0.0.1:{port}" in out.getvalue()
    assert MailMessage.objects.get().status == MessageStatus.ATTACHED


@pytest.mark.django_db(transaction=True)
def test_a_message_that_cannot_be_stored_is_refused_for_a_later_try(
    world, mail_round, endpoint, settings, tmp_path
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    with pytest.raises(smtplib.SMTPDataError) as refused:
        _send(endpoint, soft_copy())
    assert refused.value.smtp_code == 451
    assert not MailMessage.objects.exists()


@pytest.mark.parametrize("tls", ["ssl", "starttls"])
def test_polling_over_tls_checks_the_servers_certificate(world, mail_round, dovecot, settings, tls):
    _register(world)
    dovecot.append(soft_copy())
    settings.BINHDANG_MAILBOX_IMAP_TLS = tls
    settings.BINHDANG_MAILBOX_IMAP_PORT = dovecot.tls_port if tls == "ssl" else dovecot.port
    # Without the CA that issued the server's certificate, nothing is read.
    settings.BINHDANG_MAILBOX_IMAP_CA_FILE = ""
    with pytest.raises(ssl.SSLCertVerificationError):
        poll_imap()
    assert not MailMessage.objects.exists()
    settings.BINHDANG_MAILBOX_IMAP_CA_FILE = str(dovecot.ca_file)
    assert [m.status for m in poll_imap()] == [MessageStatus.ATTACHED]
