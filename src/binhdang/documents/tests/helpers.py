"""Resolve the formatting Word would actually apply to a run (run → style chain → defaults)."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.oxml.ns import qn


def load(data: bytes):
    return Document(BytesIO(data))


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _default_rpr(document):
    return (
        document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )


def effective(run, paragraph, attr: str):
    """attr: "name" | "size" | "bold" | "italic"."""
    value = getattr(run.font, attr)
    if value is not None:
        return value.pt if attr == "size" else value
    if run.style is not None and run.style.name != "Default Paragraph Font":
        for style in _style_chain(run.style):
            value = getattr(style.font, attr)
            if value is not None:
                return value.pt if attr == "size" else value
    for style in _style_chain(paragraph.style):
        value = getattr(style.font, attr)
        if value is not None:
            return value.pt if attr == "size" else value
    if attr in ("bold", "italic"):
        return False
    rpr = _default_rpr(paragraph.part.document)
    if attr == "name":
        return rpr.find(qn("w:rFonts")).get(qn("w:ascii"))
    return int(rpr.find(qn("w:sz")).get(qn("w:val"))) / 2


def paragraph_effective(paragraph, attr: str):
    """Paragraph-format attribute: "alignment" | "first_line_indent" | "space_after"."""
    value = getattr(paragraph.paragraph_format, attr)
    if value is not None:
        return value
    for style in _style_chain(paragraph.style):
        value = getattr(style.paragraph_format, attr)
        if value is not None:
            return value
    return None


def all_paragraphs(document):
    """Body paragraphs and those inside (top-level) table cells, in document order."""
    body = document.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document._body)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document._body)
            for tc in child.iter(qn("w:tc")):
                for p in tc.findall(qn("w:p")):
                    yield Paragraph(p, table)


def find_paragraph(document, text: str):
    for p in all_paragraphs(document):
        if p.text.strip() == text:
            return p
    raise AssertionError(f"no paragraph with text {text!r}")


def find_paragraph_starting(document, prefix: str):
    for p in all_paragraphs(document):
        if p.text.strip().startswith(prefix):
            return p
    raise AssertionError(f"no paragraph starting {prefix!r}")


def xlsx_to_pdf(data: bytes, workdir) -> tuple[str, str]:
    """Print a workbook with LibreOffice Calc as a reader would: (pdfinfo's output, the PDF's
    text laid out). Needs soffice with Calc (libreoffice-calc-nogui) and poppler-utils."""
    import shutil
    import subprocess
    from pathlib import Path

    work = Path(workdir)
    source = work / "phu_luc.xlsx"
    source.write_bytes(data)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run(  # noqa: S603 - fixed argument list
        [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(work), "PATH": "/usr/bin:/bin"},
        cwd=work,
    )
    pdf = work / "out" / "phu_luc.pdf"
    assert pdf.is_file(), "LibreOffice Calc did not print the workbook (libreoffice-calc-nogui?)"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)  # noqa: S603,S607
    text = subprocess.run(  # noqa: S603,S607
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return info.stdout, text.stdout
