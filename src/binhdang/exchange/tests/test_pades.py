"""Signing and checking PDFs with a test CA made here: a valid signature, an unknown signer,
a file changed after signing, an expired certificate, an unsigned and a broken file."""

import datetime
import shutil
import subprocess

import pytest

from binhdang.exchange import pades

from .helpers import sign, simple_pdf
from .pki import PASSPHRASE, expired_signer, make_authority


@pytest.fixture(scope="session")
def signed(authority):
    return sign(simple_pdf(), authority.issue("Đặng Thị Phượng"))


def test_a_signature_by_a_trusted_signer_is_valid(authority, signed):
    result = pades.verify_pdf(signed, trust_roots=[pades.load_certificates(authority.pem)[0]])
    assert result.status == pades.VALID
    [signature] = result.signatures
    assert signature.signer == "Đặng Thị Phượng"
    assert "UBND huyện Vị Xuyên" in signature.subject
    assert "CA thử nghiệm Bình Đẳng" in signature.issuer
    assert signature.intact and signature.valid and signature.trusted
    assert signature.coverage == "ENTIRE_FILE"
    when = datetime.datetime.fromisoformat(signature.signing_time)
    assert abs(datetime.datetime.now(datetime.UTC) - when) < datetime.timedelta(minutes=5)
    assert result.reasons == ["valid"]


def test_the_same_signature_without_the_ca_in_the_trust_list_is_untrusted(signed):
    other = make_authority("CA khác")
    result = pades.verify_pdf(signed, trust_roots=[pades.load_certificates(other.pem)[0]])
    assert result.status == pades.UNTRUSTED
    assert result.signatures[0].intact and not result.signatures[0].trusted
    assert result.reasons == ["untrusted"]


def test_a_byte_changed_after_signing_is_flagged(authority, signed):
    # Change one letter of the page's text, inside the signed byte range.
    at = signed.index(b"125/BC-UBND")
    tampered = signed[:at] + b"126" + signed[at + 3 :]
    assert len(tampered) == len(signed)
    result = pades.verify_pdf(tampered, trust_roots=[pades.load_certificates(authority.pem)[0]])
    assert result.status == pades.MODIFIED
    assert not result.signatures[0].intact
    assert "tampered" in result.reasons


def test_content_appended_after_signing_is_flagged(authority, signed):
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 30 Tf 100 400 Td (SUA) Tj ET")
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    result = pades.verify_pdf(
        out.getvalue(), trust_roots=[pades.load_certificates(authority.pem)[0]]
    )
    assert result.status == pades.MODIFIED
    assert result.signatures[0].intact  # the signed revision itself is untouched
    assert "modified_after" in result.reasons


def test_an_expired_certificate_is_flagged(authority):
    data = sign(simple_pdf(), expired_signer(authority))
    result = pades.verify_pdf(data, trust_roots=[pades.load_certificates(authority.pem)[0]])
    assert result.status == pades.INVALID
    assert result.signatures[0].intact
    assert result.signatures[0].problem in ("EXPIRED", "OUT_OF_BOUNDS_NO_POE")
    assert "expired" in result.reasons


def test_an_unsigned_pdf_and_a_broken_file_are_never_valid():
    assert pades.verify_pdf(simple_pdf()).status == pades.UNSIGNED
    assert pades.verify_pdf("%PDF-1.4\nkhông phải PDF".encode()).status == pades.ERROR


def test_a_wrong_passphrase_is_refused_with_a_message(authority):
    with pytest.raises(pades.SigningError, match="passphrase|mật khẩu"):
        pades.load_pkcs12(authority.issue("A").p12(), "sai")
    assert pades.load_pkcs12(authority.issue("B").p12(), PASSPHRASE) is not None


def test_the_trust_folder_reads_pem_and_der_files(tmp_path, authority):
    from cryptography.hazmat.primitives import serialization

    (tmp_path / "a.pem").write_bytes(authority.pem)
    (tmp_path / "b.cer").write_bytes(
        make_authority("CA hai").certificate.public_bytes(serialization.Encoding.DER)
    )
    (tmp_path / "readme.txt").write_text("không phải chứng thư")
    (tmp_path / "broken.crt").write_bytes(b"rac")
    roots = pades.trust_roots_in(tmp_path)
    assert [r.subject.native["common_name"] for r in roots] == ["CA thử nghiệm Bình Đẳng", "CA hai"]
    assert pades.trust_roots_in(tmp_path / "missing") == []


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils renders the page")
def test_the_seal_image_is_drawn_in_the_signature_block(authority, tmp_path):
    from PIL import Image, ImageDraw

    seal = tmp_path / "con-dau.png"
    image = Image.new("RGBA", (200, 200), (255, 255, 255, 0))
    ImageDraw.Draw(image).ellipse((10, 10, 190, 190), outline=(220, 0, 0, 255), width=14)
    image.save(seal)
    key = pades.load_pkcs12(authority.issue("Đặng Thị Phượng").p12(), PASSPHRASE)
    pdf = simple_pdf()
    data = pades.sign_pdf(pdf, signer=key, signer_name="Đặng Thị Phượng", seal_image=str(seal)).data
    result = pades.verify_pdf(data, trust_roots=pades.load_certificates(authority.pem))
    assert result.status == pades.VALID
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "72", "-png", str(path), str(tmp_path / "page")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    [png] = sorted(tmp_path.glob("page-*.png"))
    page = Image.open(png).convert("RGB")
    # No name printed on the page: the block is at the bottom right, in the seal's red.
    x1, y1, x2, y2 = pades.find_placement(pdf, "Đặng Thị Phượng", 1).box
    height = page.size[1]
    box = page.crop((int(x1), int(height - y2), int(x2), int(height - y1)))
    reds = sum(1 for r, g, b in box.getdata() if r > 150 and g < 120 and b < 120)
    assert reds > 30
    with pytest.raises(pades.SigningError):
        pades.sign_pdf(pdf, signer=key, signer_name="A", seal_image=str(tmp_path / "khong-co.png"))
