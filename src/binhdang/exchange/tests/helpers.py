"""Shared pieces of the exchange tests: a small PDF made by LibreOffice or by hand, signing
it with a test signer, and the trust folder setting."""

from __future__ import annotations

import io

from binhdang.exchange import pades

from .pki import PASSPHRASE, Signer


# A minimal one-page PDF written by hand (valid cross-reference table), for tests that do not
# need LibreOffice.
def simple_pdf(text: str = "Bao cao 125/BC-UBND") -> bytes:
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def sign(
    pdf: bytes, signer: Signer, name: str = "Đặng Thị Phượng", title: str = "CHỦ TỊCH"
) -> bytes:
    key = pades.load_pkcs12(signer.p12(), PASSPHRASE)
    return pades.sign_pdf(pdf, signer=key, signer_name=name, signer_title=title).data


def trust_folder(tmp_path, authority) -> str:
    folder = tmp_path / "trust"
    folder.mkdir(exist_ok=True)
    (folder / "ca-thu-nghiem.pem").write_bytes(authority.pem)
    return str(folder)
