"""Signing with a PKCS#11 token: a SoftHSM token made by the test holds the signer's key and
certificate (issued by the test CA); the leader presses "Ký số" on the finalised report and the
signed file validates with pyHanko, its certificate the token's."""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from django.urls import reverse

from binhdang.documents.engine import pdf_available
from binhdang.exchange import pades
from binhdang.exchange.models import KeyStore, SignedFile, SigningCertificate
from tests.html_forms import form

from .test_signed_report import _final_report

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN = "UBND huyen Vi Xuyen"
KEY = "Dang Thi Phuong"
PIN = "246813"

pytestmark = [
    pytest.mark.skipif(
        shutil.which("softhsm2-util") is None or not Path(MODULE).is_file(),
        reason="SoftHSM (Debian package softhsm2) is needed for the PKCS#11 token",
    ),
    pytest.mark.skipif(not pdf_available(), reason="LibreOffice is needed for the report's PDF"),
]


@pytest.fixture(scope="session")
def soft_token(tmp_path_factory, authority):
    """A SoftHSM token with the signer's key (imported as PKCS#8 by softhsm2-util) and
    certificate (written through python-pkcs11). SoftHSM reads SOFTHSM2_CONF when the module
    is first loaded in the process, so the token lives for the whole test session."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    signer = authority.issue("Đặng Thị Phượng")
    key_file = folder / "key.pem"
    key_file.write_bytes(signer.pkcs8_pem())
    run = {"check": True, "capture_output": True, "timeout": 60}
    subprocess.run(  # noqa: S603 - fixed argument lists
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--so-pin", "13572468",
         "--pin", PIN], **run,
    )  # fmt: skip
    subprocess.run(  # noqa: S603
        ["softhsm2-util", "--import", str(key_file), "--token", TOKEN, "--label", KEY,
         "--id", "01", "--pin", PIN], **run,
    )  # fmt: skip
    key_file.unlink()
    token = pkcs11.lib(MODULE).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: KEY,
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: signer.certificate.subject.public_bytes(),
                Attribute.VALUE: signer.certificate.public_bytes(serialization.Encoding.DER),
            }
        )
    yield signer
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


@pytest.fixture
def token_certificate(world, trusted, soft_token, monkeypatch):
    monkeypatch.setenv("BINHDANG_TEST_TOKEN_PIN", PIN)
    return SigningCertificate.objects.create(
        org_unit=world.district,
        label="Token ký số UBND huyện Vị Xuyên",
        store=KeyStore.PKCS11,
        pkcs11_module=MODULE,
        pkcs11_token=TOKEN,
        pkcs11_key=KEY,
        secret_env="BINHDANG_TEST_TOKEN_PIN",
    )


def test_the_leader_signs_the_finalised_report_with_the_token(
    world, token_certificate, soft_token, client, tmp_path
):
    report = _final_report(world)
    client.force_login(world.leader)
    page_url = reverse("documents:round", kwargs={"round_id": report.round_id})
    sign_form = form(client.get(page_url).content.decode(), id="sign-form")
    response = client.post(sign_form.action, sign_form.data())
    assert response.status_code == 302
    signed = SignedFile.objects.get()
    assert signed.certificate == token_certificate
    token_der = soft_token.certificate.public_bytes(serialization.Encoding.DER)
    assert signed.certificate_sha256 == hashlib.sha256(token_der).hexdigest()
    data = signed.file.read()
    result = pades.verify_pdf(data, trust_roots=pades.trust_roots_in(tmp_path / "trust"))
    assert result.status == pades.VALID, result.reasons
    [signature] = result.signatures
    assert signature.signer == "Đặng Thị Phượng"
    assert signature.certificate_sha256 == signed.certificate_sha256


def test_a_wrong_pin_or_token_label_says_so_and_signs_nothing(
    world, token_certificate, client, monkeypatch
):
    report = _final_report(world)
    client.force_login(world.leader)
    page_url = reverse("documents:round", kwargs={"round_id": report.round_id})
    sign_form = form(client.get(page_url).content.decode(), id="sign-form")
    monkeypatch.setenv("BINHDANG_TEST_TOKEN_PIN", "000000")
    answer = client.post(sign_form.action, sign_form.data(), follow=True).content.decode()
    assert "Không mở được thiết bị ký số (PKCS#11)" in answer and "mã PIN" in answer
    monkeypatch.setenv("BINHDANG_TEST_TOKEN_PIN", PIN)
    SigningCertificate.objects.update(pkcs11_token="Token khác")
    answer = client.post(sign_form.action, sign_form.data(), follow=True).content.decode()
    assert "Không mở được thiết bị ký số" in answer
    assert not SignedFile.objects.exists()
