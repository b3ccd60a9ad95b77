"""The seed dispatch 760/UBND-LĐTBXH as Word lays it out: footnotes where the text cites them,
only short titles held to what follows, the closing words on the signature's page, and the
seed's bold and italic kept."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from binhdang.demo.steps import s10_units, s20_directive
from binhdang.directives.models import Directive
from binhdang.documents import builders
from binhdang.documents.engine import pdf_available, render_docx, render_pdf
from binhdang.documents.engine import styles as S

from .helpers import load

ARTEFACTS = Path(__file__).resolve().parents[4] / "var" / "artefacts"
HEADINGS = {S.HEADING_1, S.HEADING_2, S.HEADING_3}
CLOSING = "tổ chức triển khai thực hiện./."


@pytest.fixture
def docx_bytes(db):
    out = io.StringIO()
    s10_units.run(out)
    s20_directive.run(out)
    seed = Directive.objects.get(number_symbol=s20_directive.SEED_NUMBER)
    doc = builders.directive_document(seed)
    return render_docx(doc, builders.template_for(doc.kind))


@pytest.fixture
def document(docx_bytes):
    return load(docx_bytes)


def _keeps_with_next(paragraph) -> bool:
    own = paragraph.paragraph_format.keep_with_next
    if own is not None:
        return own
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return style.paragraph_format.keep_with_next
        style = style.base_style
    return False


def _paragraph(document, starts: str):
    return next(p for p in document.paragraphs if p.text.startswith(starts))


def test_it_puts_real_footnotes_where_item_1_2_cites_them(document, docx_bytes):
    item = _paragraph(document, "1.2. Tăng cường tuyên truyền")
    refs = item._p.findall(".//" + qn("w:footnoteReference"))
    assert len(refs) == 2
    text = "\n".join(p.text for p in document.paragraphs)
    assert "¹" not in text and "²" not in text
    assert "2021-2030, các Quyết định" in item.text  # the mark is a reference, not a digit
    closing = _paragraph(document, "Ủy ban nhân dân huyện đề nghị")
    assert not closing._p.findall(".//" + qn("w:footnoteReference"))
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        notes = archive.read("word/footnotes.xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert "footnotes.xml" in rels
    ids = [ref.get(qn("w:id")) for ref in refs]
    assert f'w:id="{ids[0]}"' in notes and f'w:id="{ids[1]}"' in notes
    assert "Nghị quyết số 28/NQ-CP ngày 03/3/2021" in notes
    assert "Quyết định số 45/QĐ-TTg ngày 13/01/2022" in notes


def test_only_short_titles_are_held_to_the_next_paragraph(document):
    held = [p for p in document.paragraphs if _keeps_with_next(p) and p.text.strip()]
    titles = [p for p in held if p.style.name in HEADINGS]
    assert [p.text.split(" ", 1)[0] for p in titles] == ["1.", "2.", "3.", "4.", "5."]
    others = [p for p in held if p.style.name not in HEADINGS]
    assert [p.text[-len(CLOSING) :] for p in others] == [CLOSING]
    item = _paragraph(document, "1.1. Tiếp tục tuyên truyền")
    assert item.style.name == S.BODY and not _keeps_with_next(item)
    assert not any(p.text.startswith(("1.1.", "2.3.", "5.4.")) for p in titles)


def test_the_closing_paragraph_stays_with_the_signature(document):
    closing = _paragraph(document, "Ủy ban nhân dân huyện đề nghị")
    assert _keeps_with_next(closing)
    following = closing._p.getnext()
    assert following.tag == qn("w:p")  # the space before the signature, itself held
    spacer = next(p for p in document.paragraphs if p._p is following)
    assert _keeps_with_next(spacer)
    assert following.getnext().tag == qn("w:tbl")


def test_it_keeps_the_seeds_bold_and_italic(document):
    deadline = _paragraph(document, "5.4. Các cơ quan")
    bold = [r.text for r in deadline.runs if r.bold]
    italic = [r.text for r in deadline.runs if r.italic]
    assert bold == ["trước ngày 05/12/2023"]
    assert italic == ["đồng gửi bản mềm vào hộp thư điện tử: ldtbxh.vx@hagiang.gov.vn"]
    month = _paragraph(document, "1.3. Tổ chức đợt cao điểm")
    assert [r.text for r in month.runs if r.italic] == ["từ ngày 15/11 đến 15/12"]
    aside = _paragraph(document, "2.3. Tiếp tục nâng cao")
    assert [r.text for r in aside.runs if r.italic][0].startswith("Địa chỉ tin cậy, nhà tạm lánh")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "**" not in text and "(*" not in text and "*)" not in text


def _page_words(pdf: Path) -> list[list[tuple[float, str]]]:
    """Per page, (bottom edge in pt, word) of every word, from pdftotext's bounding boxes."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        words = re.findall(r'yMax="([\d.]+)">([^<]*)</word>', page)
        pages.append([(float(y), w) for y, w in words])
    return pages


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_its_pages_are_full_and_the_signature_is_not_alone(docx_bytes, tmp_path):
    pdf = tmp_path / "cong_van_760.pdf"
    pdf.write_bytes(render_pdf(docx_bytes, timeout=180))
    pages = _page_words(pdf)
    assert len(pages) <= 7
    # A4 is 842 pt high; the text area ends 20 mm (57 pt) above the bottom edge.
    for number, words in enumerate(pages[:-1], start=1):
        lowest = max(y for y, _ in words)
        assert lowest > 842 - 57 - 0.2 * (842 - 2 * 57), f"page {number} is part empty"
    last = " ".join(w for _, w in pages[-1])
    assert "Phượng" in last and "thực hiện./." in last
    assert "5.4." in last or "5.3." in last  # the items run on to the signature's page
    if shutil.which("pdftoppm"):
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTEFACTS / "cong_van_760")],
            check=True,
        )
