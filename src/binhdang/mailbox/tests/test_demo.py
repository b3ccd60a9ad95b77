"""The demo's mailbox: Kim Thạch's e-mailed report attached on its behalf, a message about
Phú Linh from an unknown address waiting for the office."""

from io import StringIO

import pytest
from django.core.management import call_command

from binhdang.accounts.models import User
from binhdang.mailbox.models import MailMessage, MessageStatus, TriageReason
from binhdang.mailbox.selectors import messages_for
from binhdang.reporting.models import SubmissionAttachment

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_message_attached_and_one_to_decide(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    call_command("load-demo", stdout=out)
    assert "Soft-copy mailbox: 1 message attached to Xã Kim Thạch" in out.getvalue()
    placed = MailMessage.objects.get(status=MessageStatus.ATTACHED)
    assert SubmissionAttachment.objects.filter(
        submission__org_unit=placed.org_unit, original_name__startswith="BC BĐG 2023 - Kim Thạch"
    ).exists()
    triaged = MailMessage.objects.get(status=MessageStatus.TRIAGE)
    assert triaged.reason == TriageReason.UNKNOWN_SENDER
    assert [u.name for u in triaged.candidate_units.all()] == ["Xã Phú Linh"]
    office = User.objects.get(username="thuongtruc.vixuyen")
    assert set(messages_for(office)) == {placed, triaged}
    call_command("load-demo", stdout=StringIO())
    assert MailMessage.objects.count() == 2
