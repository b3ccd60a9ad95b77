"""The standing office and the soft-copy mailbox: a commune's e-mailed report, received by the
real SMTP endpoint, is found attached to the commune's report; a message from an unknown
address waits in triage and the office assigns it to the right commune."""

import smtplib
from datetime import timedelta

import pytest


def _sign_in(page, user):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_office_finds_an_emailed_report_and_assigns_a_triaged_one(page, world, settings):
    from django.utils import timezone

    from binhdang.mailbox.models import MailMessage, UnitMailAddress
    from binhdang.mailbox.receivers import smtp_controller
    from binhdang.mailbox.tests.servers import ROUND_ADDRESS, SmtpSink, free_port, soft_copy
    from binhdang.reporting.models import SubmissionAttachment
    from binhdang.reporting.tests.factories import make_round

    today = timezone.localdate()
    reporting_round = make_round(
        world,
        opens_on=today - timedelta(days=3),
        deadline=today + timedelta(days=9),
        soft_copy_email=ROUND_ADDRESS,
    )
    UnitMailAddress.objects.create(
        org_unit=world.commune_a, email="vanthu.phulinh@gmail.com", added_by=world.standing_office
    )
    sink = SmtpSink()
    sink.controller.start()
    for name, value in sink.settings().items():
        setattr(settings, name, value)
    endpoint = smtp_controller("127.0.0.1", free_port())
    endpoint.start()
    try:
        with smtplib.SMTP("127.0.0.1", endpoint.port, timeout=20) as client:
            client.sendmail("vanthu.phulinh@gmail.com", [ROUND_ADDRESS], soft_copy())
            client.sendmail(
                "bdg.kimthach@yahoo.com",
                [ROUND_ADDRESS],
                soft_copy(
                    sender="Ma Thị Lan <bdg.kimthach@yahoo.com>",
                    subject="Gửi báo cáo năm 2023",
                    files=[("BC BĐG Kim Thạch.pdf", b"%PDF-1.4\n%%EOF\n")],
                ),
            )
    finally:
        endpoint.stop()

    try:
        _sign_in(page, world.standing_office)
        page.get_by_role("link", name="Hộp thư bản mềm").first.click()
        page.get_by_role("link", name="Đã đính kèm vào báo cáo của đơn vị").click()
        page.get_by_role("link", name="Báo cáo BĐG năm 2023 - Xã Phú Linh").click()
        page.locator("#message-unit a").click()
        page.wait_for_load_state()
        assert "Xã Phú Linh" in page.content()
        assert page.get_by_text("Báo cáo BĐG 2023 xã Phú Linh.docx").count() >= 1

        page.get_by_role("link", name="Hộp thư bản mềm").first.click()
        page.get_by_role("link", name="Gửi báo cáo năm 2023").click()
        page.locator("#assign select[name=unit]").select_option(label="Xã Kim Thạch")
        page.locator("#assign input[name=remember]").check()
        page.get_by_role("button", name="Gán cho đơn vị này").click()
        page.wait_for_load_state()
        assert "Đã đính kèm BC BĐG Kim Thạch.pdf vào báo cáo của Xã Kim Thạch." in page.content()
    finally:
        sink.controller.stop()

    triaged = MailMessage.objects.get(sender="bdg.kimthach@yahoo.com")
    assert (triaged.status, triaged.org_unit) == ("assigned", world.commune_b)
    assert (
        SubmissionAttachment.objects.filter(
            submission__round=reporting_round, submission__org_unit=world.commune_b
        ).count()
        == 1
    )
    assert UnitMailAddress.objects.filter(email="bdg.kimthach@yahoo.com").exists()
    assert sorted(rcpt[0] for _, rcpt, _ in sink.messages) == [
        "bdg.kimthach@yahoo.com",
        "vanthu.phulinh@gmail.com",
    ]
