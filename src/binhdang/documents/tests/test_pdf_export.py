from __future__ import annotations

import shutil
import subprocess

import pytest

from binhdang.documents.engine import (
    PdfUnavailable,
    pdf_available,
    render_docx,
    render_pdf,
)
from binhdang.documents.engine import pdf as pdf_module
from binhdang.documents.engine.samples import sample_bao_cao


def test_it_reports_missing_libreoffice_in_vietnamese(monkeypatch):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda _name: None)
    assert pdf_available() is False
    with pytest.raises(PdfUnavailable, match="LibreOffice"):
        render_pdf(b"PK")


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice (soffice) is not installed")
def test_it_converts_a_report_to_pdf_with_vietnamese_text(tmp_path):
    pdf = render_pdf(render_docx(sample_bao_cao()), timeout=120)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; PDF produced but not read back")
    path = tmp_path / "bao_cao.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Vị Xuyên, ngày 05 tháng 12 năm 2023",
        "Số: 125/BC-UBND",
        "Đặng Thị Phượng",
        "Phụ lục I",
    ):
        assert line in text
    first_page = text.split("\f")[0]
    second_page = text.split("\f")[1]
    assert first_page.splitlines()[0].strip().startswith("ỦY BAN NHÂN DÂN")
    assert second_page.strip().startswith("2")
