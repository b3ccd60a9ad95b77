"""Signed PDFs received on upload (a unit's attachment, a directive's file) are checked:
signer, chain to the trust list, signing time, changes after signing; the result is kept
beside the file, shown on its page and in the audit log, and a bad signature is flagged."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.directives.tests.factories import make_directive
from binhdang.exchange.models import SignatureCheck
from binhdang.reporting.models import SubmissionAttachment
from binhdang.reporting.tests.factories import fill, make_round
from tests.html_forms import form

from .helpers import sign, simple_pdf
from .pki import expired_signer

pytestmark = pytest.mark.django_db


def _upload_to_submission(client, world, name, content):
    reporting_round = make_round(world)
    fill(world, reporting_round)
    page_url = reverse(
        "reporting:submission", kwargs={"slug": reporting_round.slug, "unit_id": world.commune_a.pk}
    )
    client.force_login(world.reporter_a)
    upload = form(client.get(page_url).content.decode(), action="/attachments/")
    data = upload.data(file=None)
    data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(upload.action, data)
    assert response.status_code == 302
    return page_url


def test_a_units_validly_signed_report_is_shown_as_valid(world, client, trusted):
    signed = sign(simple_pdf(), trusted.issue("Hoàng Văn Phú"), name="Hoàng Văn Phú")
    page_url = _upload_to_submission(client, world, "Báo cáo Phú Linh đã ký.pdf", signed)
    attachment = SubmissionAttachment.objects.get()
    check = SignatureCheck.objects.get()
    assert check.file_record == attachment
    assert check.status == "valid" and not check.is_flagged
    assert check.signatures[0]["signer"] == "Hoàng Văn Phú"
    assert check.signatures[0]["trusted"] is True
    entry = AuditEntry.objects.get(action="file.signature_check")
    assert entry.changes["result"] == "valid" and entry.changes["flagged"] is False
    assert entry.org_unit == world.commune_a
    page = client.get(page_url).content.decode()
    check_url = reverse("exchange:check", kwargs={"pk": check.pk})
    assert check_url in page
    detail = client.get(check_url).content.decode()
    assert "Hoàng Văn Phú" in detail and 'data-status="valid"' in detail
    assert 'id="check-flag"' not in detail


def test_a_report_changed_after_signing_is_flagged_on_the_page(world, client, trusted):
    signed = sign(simple_pdf(), trusted.issue("Hoàng Văn Phú"))
    at = signed.index(b"125/BC-UBND")
    tampered = signed[:at] + b"999" + signed[at + 3 :]
    _upload_to_submission(client, world, "Báo cáo đã sửa.pdf", tampered)
    check = SignatureCheck.objects.get()
    assert check.status == "modified" and check.is_flagged
    detail = client.get(reverse("exchange:check", kwargs={"pk": check.pk})).content.decode()
    assert 'id="check-flag"' in detail
    assert 'data-status="modified"' in detail
    assert AuditEntry.objects.get(action="file.signature_check").changes["flagged"] is True


def test_a_directive_signed_with_an_expired_certificate_is_flagged(world, client, trusted):
    directive = make_directive(world, number="961/UBND-VHXH")
    client.force_login(world.standing_office)
    page_url = reverse("directives:detail", kwargs={"pk": directive.pk})
    upload = form(client.get(page_url).content.decode(), action="/attachments/")
    data = upload.data()
    data["file"] = SimpleUploadedFile(
        "Công văn 961 ký số.pdf", sign(simple_pdf(), expired_signer(trusted)), "application/pdf"
    )
    assert client.post(upload.action, data).status_code == 302
    check = SignatureCheck.objects.get()
    assert check.status == "invalid"
    assert "expired" in check.summary
    assert check.org_unit == world.district
    page = client.get(page_url).content.decode()
    assert reverse("exchange:check", kwargs={"pk": check.pk}) in page
    # The API gives the same result to whoever reads the file.
    answer = client.get(f"/api/v1/exchange/checks/{check.pk}").json()
    assert answer["status"] == "invalid" and answer["flagged"] is True
    assert answer["signatures"][0]["signer"] == "Nguyễn Văn Hết Hạn"


def test_checking_again_after_the_trust_list_changed_keeps_both_results(
    world, client, trusted, settings, tmp_path
):
    signed = sign(simple_pdf(), trusted.issue("Hoàng Văn Phú"))
    _upload_to_submission(client, world, "Báo cáo.pdf", signed)
    first = SignatureCheck.objects.get()
    assert first.status == "valid"
    settings.BINHDANG_SIGNING_TRUST_DIR = str(tmp_path / "empty")
    detail = client.get(reverse("exchange:check", kwargs={"pk": first.pk})).content.decode()
    again = form(detail, id="recheck-form")
    response = client.post(again.action, again.data())
    second = SignatureCheck.objects.exclude(pk=first.pk).get()
    assert response.url == reverse("exchange:check", kwargs={"pk": second.pk})
    assert second.status == "untrusted" and second.sha256 == first.sha256
    assert AuditEntry.objects.filter(action="file.signature_check").count() == 2


def test_an_unsigned_pdf_is_marked_unsigned_and_other_files_are_not_checked(world, client, trusted):
    _upload_to_submission(client, world, "Bản scan.pdf", simple_pdf())
    assert SignatureCheck.objects.get().status == "unsigned"
    assert SignatureCheck.objects.get().is_flagged
