"""Build the default templates in ``doc_templates/``.

Run ``python -m binhdang.documents.engine.build_templates`` after changing ``styles.py``; the
output is byte-for-byte reproducible so the committed .docx files only change when the layout
does.
"""

from __future__ import annotations

import datetime
import sys
import zipfile
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from . import styles as S
from .docx_render import DEFAULT_TEMPLATE_DIR

TEMPLATES = {
    "bao_cao.docx": "Mẫu báo cáo (Nghị định 30/2020/NĐ-CP)",
    "cong_van.docx": "Mẫu công văn (Nghị định 30/2020/NĐ-CP)",
    "ke_hoach.docx": "Mẫu kế hoạch (Nghị định 30/2020/NĐ-CP)",
}
FIXED_TIME = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def _page_field(paragraph) -> None:
    """A PAGE field: Word and LibreOffice print the current page number there."""

    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    text = OxmlElement("w:t")
    text.text = "2"
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def build_template(title: str) -> bytes:
    document = Document()
    S.set_document_defaults(document)
    S.ensure_styles(document)

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.gutter = Mm(0)
    # Decree 30: page numbers centred in the top margin, none on the first page.
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = S.PAGE_NUMBER
    _page_field(p)
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = S.PAGE_NUMBER
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    document.add_paragraph(
        "Nội dung mẫu này được thay thế khi tạo văn bản; chỉ định dạng trang, kiểu chữ "
        "(styles) và đầu trang được giữ lại.",
        style=S.BODY,
    )

    props = document.core_properties
    props.title = title
    props.author = "binhdang"
    props.last_modified_by = "binhdang"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    props.language = "vi-VN"

    raw = BytesIO()
    document.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed timestamps and order so rebuilds are identical."""
    src = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        ordered = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    target = Path(args[0]) if args else DEFAULT_TEMPLATE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, title in TEMPLATES.items():
        (target / name).write_bytes(build_template(title))
        print(f"{target / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
