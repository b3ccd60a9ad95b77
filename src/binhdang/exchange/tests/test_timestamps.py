"""Time-stamped, long-term signatures: a time-stamp authority and the CA's CRL served on
127.0.0.1 by the test; the signed file carries the RFC 3161 time-stamp (PAdES B-T), the CRL in
its document security store and a document time-stamp (B-LTA), as pyHanko reads them, and the
check of a received file shows the time-stamp."""

import datetime
import io

import pytest
from asn1crypto import crl as asn1_crl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko_certvalidator import ValidationContext

from binhdang.directives.tests.factories import make_directive
from binhdang.exchange import pades
from binhdang.exchange.models import SignatureCheck, SignedFile, SigningCertificate
from tests.html_forms import form

from .helpers import simple_pdf
from .pki import PASSPHRASE
from .servers import serve


@pytest.fixture
def ca_services(authority):
    """The test CA's CRL and a time-stamp authority of the CA, on 127.0.0.1."""
    services, stop = serve()
    services.crl = authority.crl()
    services.start_tsa(authority)
    yield services
    stop()


def _sign(authority, ca_services, signer=None, **options):
    signer = signer or authority.issue("Đặng Thị Phượng", crl_url=ca_services.crl_url)
    return pades.sign_pdf(
        simple_pdf(),
        signer=pades.load_pkcs12(signer.p12(), PASSPHRASE),
        signer_name="Đặng Thị Phượng",
        timestamp_url=ca_services.tsa_url,
        trust_roots=pades.load_certificates(authority.pem),
        **options,
    )


def test_a_long_term_signature_carries_its_time_stamp_and_the_crl(authority, ca_services):
    before = datetime.datetime.now(datetime.UTC)
    result = _sign(authority, ca_services, long_term=True)
    assert result.level == "B-LTA"
    assert "GET /ca.crl" in ca_services.requests
    assert ca_services.requests.count("POST /tsa") >= 2  # the signature's and the document's
    reader = PdfFileReader(io.BytesIO(result.data))
    signature, document_stamp = reader.embedded_signatures
    assert document_stamp.sig_object_type == "/DocTimeStamp"
    roots = pades.load_certificates(authority.pem)
    status = pades._apart_from_event_loop(
        lambda: validate_pdf_signature(signature, ValidationContext(trust_roots=roots))
    )
    assert status.bottom_line
    stamp = status.timestamp_validity
    assert stamp is not None and stamp.valid and stamp.trusted
    assert before - datetime.timedelta(seconds=5) <= stamp.timestamp
    assert stamp.timestamp <= datetime.datetime.now(datetime.UTC)
    assert "dấu thời gian" in stamp.signing_cert.subject.human_friendly
    document_status = pades._apart_from_event_loop(
        lambda: validate_pdf_timestamp(document_stamp, ValidationContext(trust_roots=roots))
    )
    assert document_status.valid and document_status.trusted
    # The CRL the test served is the one embedded, with the chain.
    dss = DocumentSecurityStore.read_dss(reader)
    served = asn1_crl.CertificateList.load(ca_services.crl)
    assert [c.get_object().data for c in dss.crls] == [served.dump()]
    assert len(dss.certs) >= 2
    checked = pades.verify_pdf(result.data, trust_roots=roots)
    assert checked.status == pades.VALID, checked.reasons
    assert {"timestamped", "document_timestamp", "validation_info_embedded"} <= set(checked.reasons)
    assert checked.validation_info["crls"] == 1
    assert [s.kind for s in checked.signatures] == ["signature", "timestamp"]


def test_without_long_term_the_signature_is_time_stamped_only(authority, ca_services):
    result = _sign(authority, ca_services, long_term=False)
    assert result.level == "B-T"
    assert "GET /ca.crl" not in ca_services.requests
    reader = PdfFileReader(io.BytesIO(result.data))
    [signature] = reader.embedded_signatures
    assert "/DSS" not in reader.root
    checked = pades.verify_pdf(result.data, trust_roots=pades.load_certificates(authority.pem))
    assert checked.status == pades.VALID
    assert "timestamped" in checked.reasons and "validation_info_embedded" not in checked.reasons
    assert checked.signatures[0].timestamp_trusted


def test_a_revoked_signer_or_an_unreachable_authority_is_refused(authority, ca_services):
    revoked = authority.issue("Nguyễn Văn Thu Hồi", crl_url=ca_services.crl_url)
    ca_services.crl = authority.crl(revoked=(revoked.certificate,))
    with pytest.raises(pades.SigningError, match="thu hồi"):
        _sign(authority, ca_services, signer=revoked, long_term=True)
    ca_services.tsa = None  # the authority answers 404
    with pytest.raises(pades.SigningError, match="dấu thời gian"):
        _sign(authority, ca_services, long_term=False)


@pytest.fixture
def stamped_certificate(world, trusted, tmp_path, monkeypatch, ca_services):
    signer = trusted.issue("Đặng Thị Phượng", crl_url=ca_services.crl_url)
    path = tmp_path / "keys" / "vixuyen.p12"
    path.parent.mkdir()
    path.write_bytes(signer.p12())
    monkeypatch.setenv("BINHDANG_TEST_SIGNING_PASSPHRASE", PASSPHRASE)
    return SigningCertificate.objects.create(
        org_unit=world.district,
        label="Chứng thư số UBND huyện Vị Xuyên",
        p12_path=str(path),
        secret_env="BINHDANG_TEST_SIGNING_PASSPHRASE",
        tsa_url=ca_services.tsa_url,
    )


def test_the_signed_report_is_long_term_and_its_check_shows_the_time_stamp(
    world, stamped_certificate, client, ca_services, settings
):
    from binhdang.documents.engine import pdf_available

    if not pdf_available():
        pytest.skip("LibreOffice is needed for the report's PDF")
    from .test_signed_report import _final_report

    report = _final_report(world)
    client.force_login(world.leader)
    page_url = reverse("documents:round", kwargs={"round_id": report.round_id})
    sign_form = form(client.get(page_url).content.decode(), id="sign-form")
    assert client.post(sign_form.action, sign_form.data()).status_code == 302
    signed = SignedFile.objects.get()
    assert signed.pades_level == "B-LTA"
    assert "PAdES B-LTA" in client.get(page_url).content.decode()
    data = signed.file.read()
    # Filed with a directive of the register, the upload inspector checks it.
    directive = make_directive(world, number="961/UBND-VHXH")
    client.force_login(world.standing_office)
    directive_url = reverse("directives:detail", kwargs={"pk": directive.pk})
    upload = form(client.get(directive_url).content.decode(), action="/attachments/")
    fields = upload.data()
    fields["file"] = SimpleUploadedFile("Báo cáo 125 đã ký số.pdf", data, "application/pdf")
    assert client.post(upload.action, fields).status_code == 302
    check = SignatureCheck.objects.get()
    assert check.status == "valid"
    signature, document_stamp = check.signatures
    assert signature["timestamp_trusted"] is True
    assert signature["timestamp_authority"] == "Máy chủ cấp dấu thời gian thử nghiệm"
    assert document_stamp["kind"] == "timestamp"
    page = client.get(reverse("exchange:check", kwargs={"pk": check.pk})).content.decode()
    assert "Máy chủ cấp dấu thời gian thử nghiệm" in page
    assert "PAdES B-T" in page and "PAdES B-LTA" in page and "PAdES B-LT)" in page
    answer = client.get(f"/api/v1/exchange/checks/{check.pk}").json()
    assert answer["signatures"][0]["timestamp"] == signature["timestamp"]
    assert answer["signatures"][1]["kind"] == "timestamp"
    moment = datetime.datetime.fromisoformat(signature["timestamp"])
    from django.utils import timezone

    assert timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") in page
    # The TSA is down: signing another version says so and stores nothing more.
    ca_services.tsa = None
    settings.BINHDANG_SIGNING_TSA_URL = ""
    SignedFile.objects.all().delete()
    client.force_login(world.leader)
    answer = client.post(sign_form.action, sign_form.data(), follow=True).content.decode()
    assert "máy chủ cấp dấu thời gian" in answer
    assert not SignedFile.objects.exists()
