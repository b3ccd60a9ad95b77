"""The finalised consolidated report 125/BC-UBND signed: by the leader pressing the button on
the report page, stored once beside the version with the hash of what was signed, opened by
LibreOffice's companion tools (pdftoppm renders it) and valid for pyHanko."""

import hashlib
import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.documents import services as documents
from binhdang.documents.engine import pdf_available, render_docx, render_pdf
from binhdang.documents.engine.samples import sample_bao_cao
from binhdang.documents.tests import fixtures
from binhdang.exchange import pades
from binhdang.exchange.models import SignedFile
from tests.html_forms import form

from .helpers import sign

pytestmark = pytest.mark.skipif(
    not pdf_available() or shutil.which("pdftoppm") is None,
    reason="LibreOffice and poppler-utils are needed to sign and render a report",
)


def _render(pdf: bytes, tmp_path, name: str, page: int | None = None):
    """The page (1-based; the last by default) rendered by pdftoppm, in grey."""
    from PIL import Image

    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    pages = page or pades.page_count(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "72", "-f", str(pages), "-l", str(pages), "-png", str(source),
         str(tmp_path / name)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    [png] = sorted(tmp_path.glob(f"{name}-*.png"))
    return Image.open(png).convert("L")


def test_the_sample_125_bc_ubnd_signed_as_pdfa_renders_and_validates(tmp_path, authority):
    pdf = render_pdf(render_docx(sample_bao_cao()), timeout=120, pdfa=True)
    assert b"pdfaid:part>2<" in pdf or b'pdfaid:part="2"' in pdf
    signed = sign(pdf, authority.issue("Đặng Thị Phượng"))
    # What was signed is kept as it was: the signature is appended.
    assert signed.startswith(pdf)
    result = pades.verify_pdf(signed, trust_roots=pades.load_certificates(authority.pem))
    assert result.status == pades.VALID, result.reasons
    # The visible block sits above the signer's name, on the page of the signature (the
    # annex after it is landscape and carries no signature).
    placement = pades.find_placement(pdf, "Đặng Thị Phượng", pades.page_count(pdf))
    assert pades.page_count(pdf) == 3 and placement.page == 1
    before = _render(pdf, tmp_path, "before", 2)
    after = _render(signed, tmp_path, "after", 2)
    assert before.size == after.size
    x1, y1, x2, y2 = placement.box
    height = before.size[1]
    box = (int(x1), int(height - y2), int(x2), int(height - y1))
    changed = sum(
        1
        for a, b in zip(before.crop(box).getdata(), after.crop(box).getdata(), strict=True)
        if abs(a - b) > 60
    )
    assert changed > 50  # the signature block's text is drawn there
    outside = (0, 0, int(x1) - 5, height)
    assert list(before.crop(outside).getdata()) == list(after.crop(outside).getdata())


def _final_report(world):
    rnd = fixtures.make_round(world)
    report = documents.compile_report(actor=world.standing_office, round=rnd)
    report = documents.report_update_header(
        actor=world.standing_office,
        report=report,
        values={
            "number_symbol": "125/BC-UBND", "date": date(2023, 12, 8), "place": "Vị Xuyên",
            "signer_name": "Đặng Thị Phượng", "signer_title": "PHÓ CHỦ TỊCH",
            "signing_authority": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        },
    )  # fmt: skip
    return documents.report_finalise(actor=world.standing_office, report=report)


def test_the_leader_signs_the_finalised_report_once(world, certificate, client, tmp_path):
    report = _final_report(world)
    version = report.frozen_version
    page_url = reverse("documents:round", kwargs={"round_id": report.round_id})
    client.force_login(world.standing_office)
    assert 'id="sign-form"' not in client.get(page_url).content.decode()
    client.force_login(world.leader)
    page = client.get(page_url).content.decode()
    sign_form = form(page, id="sign-form")
    response = client.post(sign_form.action, sign_form.data())
    assert response.status_code == 302
    signed = SignedFile.objects.get()
    assert (signed.source_kind, signed.source_id) == ("report_version", version.pk)
    assert signed.signer_name == "Đặng Thị Phượng" and signed.signer_title == "PHÓ CHỦ TỊCH"
    assert signed.pdfa == "PDF/A-2b"
    assert signed.signed_by == world.leader
    assert signed.origin_sha256 == version.files.get(fmt="docx").sha256
    data = signed.file.read()
    assert hashlib.sha256(data).hexdigest() == signed.sha256
    entry = AuditEntry.objects.get(action="report.sign")
    assert entry.changes["signed_sha256"] == signed.sha256
    assert entry.changes["source_sha256"] == signed.source_sha256
    assert entry.actor == world.leader
    result = pades.verify_pdf(data, trust_roots=pades.trust_roots_in(_trust(tmp_path)))
    assert result.status == pades.VALID, result.reasons
    assert result.signatures[0].signer == "Đặng Thị Phượng"
    # The page lists the signed copy with its hashes; the download is those bytes.
    page = client.get(page_url).content.decode()
    assert signed.sha256 in page and signed.source_sha256 in page
    assert 'id="sign-form"' not in page
    download = client.get(reverse("exchange:signed_download", kwargs={"pk": signed.pk}))
    assert b"".join(download.streaming_content) == data
    # pdftoppm opens it.
    assert _render(data, tmp_path, "signed").size[0] > 500
    # Signing the same version again is refused, nothing is added.
    again = client.post(sign_form.action, sign_form.data(), follow=True)
    assert "đã được ký" in again.content.decode()
    assert SignedFile.objects.count() == 1
    with pytest.raises(ValueError):
        signed.save()


def _trust(tmp_path):
    return tmp_path / "trust"


def test_signing_without_a_certificate_or_its_passphrase_says_what_is_missing(
    world, certificate, client, monkeypatch
):
    from binhdang.exchange import services
    from binhdang.exchange.models import SigningCertificate

    report = _final_report(world)
    page_url = reverse("documents:round", kwargs={"round_id": report.round_id})
    client.force_login(world.leader)
    sign_form = form(client.get(page_url).content.decode(), id="sign-form")
    monkeypatch.delenv("BINHDANG_TEST_SIGNING_PASSPHRASE")
    answer = client.post(sign_form.action, sign_form.data(), follow=True).content.decode()
    assert "BINHDANG_TEST_SIGNING_PASSPHRASE" in answer
    monkeypatch.setenv("BINHDANG_TEST_SIGNING_PASSPHRASE", "sai mật khẩu")
    answer = client.post(sign_form.action, sign_form.data(), follow=True).content.decode()
    assert "sai mật khẩu hoặc tệp không hợp lệ" in answer
    SigningCertificate.objects.update(is_active=False)
    page = client.get(page_url).content.decode()
    assert 'id="no-certificate"' in page and 'id="sign-form"' not in page
    with pytest.raises(services.ExchangeError, match="Chưa cấu hình"):
        services.sign_report(actor=world.leader, report=report, number=1)
    assert not SignedFile.objects.exists()
    # Someone who reads the report but does not sign it gets nothing to sign.
    client.force_login(world.viewer)
    assert client.post(sign_form.action, sign_form.data()).status_code == 404
