"""Render an OfficialDocument into a .docx laid out per Decree 30/2020/NĐ-CP.

The renderer opens a template (.docx), keeps its page setup, styles and page headers, drops its
body and builds the content using only the contract style names from ``styles.py``.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from binhdang.formats.dates import date_line
from binhdang.formats.markup import spans
from binhdang.formats.numbers import parse_id

from . import styles as S
from .footnotes import add_footnote
from .metrics import text_width_mm
from .numbers import format_cell
from .types import AnnexTable, DocImage, OfficialDocument, Paragraph, Section

DEFAULT_TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "doc_templates"
TEMPLATE_DIR_ENV = "BINHDANG_DOCUMENT_TEMPLATES_DIR"  # same name as settings.py
NATIONAL_TITLE_TEXT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_TEXT = "Độc lập - Tự do - Hạnh phúc"
DEMO_TEXT = "DỮ LIỆU MẪU / DEMO - không dùng để ban hành"

DOC_TYPE_TITLES = {
    "bao_cao": "BÁO CÁO",
    "ke_hoach": "KẾ HOẠCH",
    "quyet_dinh": "QUYẾT ĐỊNH",
    "thong_bao": "THÔNG BÁO",
    "huong_dan": "HƯỚNG DẪN",
    "chuong_trinh": "CHƯƠNG TRÌNH",
    "to_trinh": "TỜ TRÌNH",
    "giay_moi": "GIẤY MỜI",
}

# Header table split of the 165 mm text width; the right column fits the quốc hiệu at 13 pt.
LEFT_HEADER_SHARE = 0.42
LEFT_SIGN_SHARE = 0.45
# A heading of more lines than this is text, not a title: it is not held to what follows.
MAX_HEADING_LINES = 3


class TemplateNotFound(FileNotFoundError):
    pass


def resolve_template(kind: str, search_dirs: Sequence[Path | str] = ()) -> Path:
    """The template used for ``kind``.

    Looked up in order: each of ``search_dirs``, the directory named by the environment variable
    BINHDANG_DOCUMENT_TEMPLATES_DIR, then the shipped defaults; in each place ``<kind>.docx`` is
    tried, and finally the shipped ``bao_cao.docx`` serves any kind without its own template.
    """
    dirs = [Path(d) for d in search_dirs]
    env_dir = os.environ.get(TEMPLATE_DIR_ENV)
    if env_dir:
        dirs.append(Path(env_dir))
    dirs.append(DEFAULT_TEMPLATE_DIR)
    safe_kind = re.sub(r"[^a-z0-9_]", "", kind.lower()) or "bao_cao"
    for directory in dirs:
        candidate = directory / f"{safe_kind}.docx"
        if candidate.is_file():
            return candidate
    fallback = DEFAULT_TEMPLATE_DIR / "bao_cao.docx"
    if fallback.is_file():
        return fallback
    raise TemplateNotFound(f"Không tìm thấy mẫu văn bản cho loại “{kind}”.")


def render_docx(doc: OfficialDocument, template_path: Path | None = None) -> bytes:
    path = Path(template_path) if template_path else resolve_template(doc.kind)
    if not path.is_file():
        raise TemplateNotFound(f"Không tìm thấy tệp mẫu văn bản: {path.name}")
    document = Document(str(path))
    S.ensure_styles(document)
    _cache_style_ids(document)
    _clear_body(document)
    _Renderer(document, doc).render()
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _cache_style_ids(document) -> None:
    """python-docx resolves a style name by scanning every style (and the default style) on
    each assignment, which made a 50-unit report spend most of its time there. The styles do
    not change while the body is built, so each (style, type) is resolved once."""
    part = document.part
    resolve = part.get_style_id
    cache: dict = {}

    def get_style_id(style_or_name, style_type):
        name = (
            style_or_name
            if isinstance(style_or_name, str) or style_or_name is None
            else (style_or_name.style_id)
        )
        key = (name, style_type)
        if key not in cache:
            cache[key] = resolve(style_or_name, style_type)
        return cache[key]

    part.get_style_id = get_style_id


def _clear_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


# ---------------------------------------------------------------- low-level helpers


def _mm(length) -> float:
    return length / 36000 if length is not None else 0.0


def _style_size(document, name: str, default: float) -> float:
    style = document.styles[name]
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return default


def _style_flag(document, name: str, attr: str) -> bool:
    style = document.styles[name]
    while style is not None:
        value = getattr(style.font, attr)
        if value is not None:
            return bool(value)
        style = style.base_style
    return False


def _add_lines(paragraph, lines: Iterable[str], style: str | None = None) -> None:
    for i, line in enumerate(lines):
        run = paragraph.add_run(line, style=style)
        if i:
            run._r.addprevious(_break_run())


def _break_run():
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:br"))
    return r


def _split_balanced(text: str, max_mm: float, size: float, bold: bool) -> list[str]:
    """Split an over-long centred line into two lines of similar width.

    Word would break "ỦY BAN NHÂN DÂN HUYỆN VỊ XUYÊN" as "... HUYỆN VỊ / XUYÊN"; a clerk would
    write "ỦY BAN NHÂN DÂN / HUYỆN VỊ XUYÊN". Explicit "\\n" in the text is always respected.
    """
    if "\n" in text:
        return [part.strip() for part in text.split("\n")]
    if text_width_mm(text, size, bold) <= max_mm:
        return [text]
    # The name of the body stays whole: "ỦY BAN NHÂN DÂN / XÃ LINH HỒ", never
    # "ỦY BAN NHÂN / DÂN XÃ LINH HỒ", however the widths balance.
    for body in ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"):
        rest = text[len(body) :].strip()
        if text.startswith(body + " ") and text_width_mm(rest, size, bold) <= max_mm:
            return [body, rest]
    words = text.split()
    # A body's name breaks before its locality: "BỘ CHỈ HUY QUÂN SỰ / TỈNH HÀ GIANG".
    for i in range(len(words) - 1, 0, -1):
        rest = " ".join(words[i:])
        if _opens_locality(words, i):
            left = " ".join(words[:i])
            if max(text_width_mm(left, size, bold), text_width_mm(rest, size, bold)) <= max_mm:
                return [left, rest]
            break
    best: tuple[float, list[str]] | None = None
    for i in range(1, len(words)):
        left, right = " ".join(words[:i]), " ".join(words[i:])
        wl, wr = text_width_mm(left, size, bold), text_width_mm(right, size, bold)
        if max(wl, wr) > max_mm:
            continue
        # Break after a comma or a dash, or before "và" / "của", rather than mid-phrase.
        natural = left.endswith((",", ";", "-")) or right.startswith(("VÀ ", "CỦA "))
        score = max(wl, wr) - (15 if natural else 0)
        if best is None or score < best[0]:
            best = (score, [left, right])
    return best[1] if best else [text]


def _opens_locality(words: list[str], i: int) -> bool:
    """Whether words[i] opens a locality: "HUYỆN VỊ XUYÊN", "THỊ TRẤN ...", "THÀNH PHỐ ...",
    but not the "XÃ HỘI" of "THƯƠNG BINH VÀ XÃ HỘI" nor the "XÃ" of "THỊ XÃ"."""
    word = words[i]
    after = words[i + 1] if i + 1 < len(words) else ""
    if i + 1 >= len(words) or words[i - 1] == "THỊ":
        return False
    if word in ("TỈNH", "HUYỆN", "QUẬN", "PHƯỜNG"):
        return True
    if word == "XÃ":
        return after != "HỘI"
    return (word, after) in (("THỊ", "XÃ"), ("THỊ", "TRẤN"), ("THÀNH", "PHỐ"), ("ĐẶC", "KHU"))


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _no_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "nil")
    bdr.append(top)
    ppr.insert_element_before(bdr, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")


def _grid_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_margins(table, left_mm: float, right_mm: float) -> None:
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for edge, value in (("left", left_mm), ("right", right_mm)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(round(value * 56.7)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tbl_pr.append(mar)


def _fix_widths(table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(round(sum(widths_mm) * 56.7)))
    tbl_w.set(qn("w:type"), "dxa")
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


_TBLPR_ORDER = [
    qn("w:tblStyle"),
    qn("w:tblpPr"),
    qn("w:tblOverlap"),
    qn("w:bidiVisual"),
    qn("w:tblStyleRowBandSize"),
    qn("w:tblStyleColBandSize"),
    qn("w:tblW"),
    qn("w:jc"),
    qn("w:tblCellSpacing"),
    qn("w:tblInd"),
    qn("w:tblBorders"),
    qn("w:shd"),
    qn("w:tblLayout"),
    qn("w:tblCellMar"),
    qn("w:tblLook"),
    qn("w:tblCaption"),
    qn("w:tblDescription"),
]


def _order_tblpr(table) -> None:
    """Word rejects a table whose properties are out of schema order."""
    tbl_pr = table._tbl.tblPr
    children = list(tbl_pr)
    for child in children:
        tbl_pr.remove(child)
    rank = {tag: i for i, tag in enumerate(_TBLPR_ORDER)}
    for child in sorted(children, key=lambda el: rank.get(el.tag, len(rank))):
        tbl_pr.append(child)


def _cell_para(cell, style: str, text: str = ""):
    """First use fills the empty paragraph every new cell has; later uses append."""
    first = cell.paragraphs[0]
    if len(cell.paragraphs) == 1 and not first.runs and first._p.get("bd-used") is None:
        first.style = style
        paragraph = first
    else:
        paragraph = cell.add_paragraph(style=style)
    paragraph._p.set("bd-used", "1")
    if text:
        _add_lines(paragraph, text.split("\n"))
    return paragraph


def _strip_markers(element) -> None:
    for p in element.iter(qn("w:p")):
        p.attrib.pop("bd-used", None)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _with_terminators(items: Sequence[str], mid: str = ";", last: str = ".") -> list[str]:
    out = []
    for i, item in enumerate(items):
        text = item.strip().rstrip(";.,")
        if not text.startswith(("-", "–", "+")):
            text = f"- {text}"
        out.append(text + (last if i == len(items) - 1 else mid))
    return out


# ---------------------------------------------------------------- the renderer


class _Renderer:
    def __init__(self, document, doc: OfficialDocument):
        self.d = document
        self.doc = doc
        section = document.sections[0]
        self.text_mm = (
            _mm(section.page_width) - _mm(section.left_margin) - _mm(section.right_margin)
        )
        self.portrait = (section.orientation, _mm(section.page_width), _mm(section.page_height))
        self.footnotes_used: set[int] = set()
        self.last_body_paragraph = None
        self.ref_style = document.styles[S.FOOTNOTE_REF].style_id
        self.note_style = document.styles[S.FOOTNOTE_TEXT].style_id

    # -- top to bottom
    def render(self) -> None:
        doc = self.doc
        self.d.core_properties.title = doc.subject
        self.d.core_properties.author = doc.issuing_agency
        self.d.core_properties.language = "vi-VN"
        if doc.identifier:
            self.d.core_properties.identifier = doc.identifier
        if doc.revision:
            self.d.core_properties.revision = doc.revision
        self.header_block()
        if doc.kind != "cong_van":
            self.title_block()
        if doc.recipients:
            self.recipients()
        for para in doc.intro_paragraphs:
            self.paragraph(para)
        for section in doc.sections:
            self.section(section, level=1)
        for image in doc.images:
            self.image(image)
        for para in doc.closing_paragraphs:
            self.paragraph(para)
            # The closing words stay on the page of the signature.
            self.last_body_paragraph.paragraph_format.keep_with_next = True
        self.unreferenced_footnotes()
        self.signature_block()
        for index, annex in enumerate(doc.annexes):
            self.annex(annex, first=index == 0)
        if doc.demo_watermark:
            self.demo_note()
        _strip_markers(self.d.element)
        for table in self.d.tables:
            _order_tblpr(table)

    def header_block(self) -> None:
        doc, d = self.doc, self.d
        # LibreOffice pushes a table that opens the body down by a blank line when the page
        # also carries footnotes; a 1 pt paragraph before it keeps the header at the margin.
        anchor = d.add_paragraph(style=S.RULE)
        anchor.paragraph_format.space_before = Pt(0)
        anchor.paragraph_format.line_spacing = Pt(1)
        _no_border(anchor)
        left = round(self.text_mm * LEFT_HEADER_SHARE, 1)
        widths = (left, self.text_mm - left)
        pad = 1.0
        table = d.add_table(rows=2, cols=2)
        _no_borders(table)
        _cell_margins(table, pad, pad)
        _fix_widths(table, widths)
        inner_left = widths[0] - 2 * pad
        inner_right = widths[1] - 2 * pad

        cell = table.cell(0, 0)
        if doc.parent_agency.strip():
            size = _style_size(d, S.PARENT_AGENCY, 13)
            lines = _split_balanced(doc.parent_agency.upper(), inner_left, size, False)
            _cell_para(cell, S.PARENT_AGENCY, "\n".join(lines))
        size = _style_size(d, S.ISSUING_AGENCY, 13)
        lines = _split_balanced(doc.issuing_agency.upper(), inner_left, size, True)
        _cell_para(cell, S.ISSUING_AGENCY, "\n".join(lines))
        if doc.issuer_mark.strip():
            mark = _cell_para(cell, S.ISSUING_AGENCY, doc.issuer_mark.strip())
            mark.paragraph_format.space_before = Pt(0)
        else:
            self.rule(cell, inner_left, inner_left / 3)

        cell = table.cell(0, 1)
        national = (doc.national_title or NATIONAL_TITLE_TEXT).strip().upper()
        _cell_para(cell, S.NATIONAL_TITLE, national)
        motto = doc.motto.strip()
        if motto:
            _cell_para(cell, S.MOTTO, motto)
            under_mm = text_width_mm(
                motto, _style_size(d, S.MOTTO, 14), _style_flag(d, S.MOTTO, "bold")
            )
        else:
            under_mm = text_width_mm(
                national,
                _style_size(d, S.NATIONAL_TITLE, 13),
                _style_flag(d, S.NATIONAL_TITLE, "bold"),
            )
        self.rule(cell, inner_right, min(inner_right, under_mm + 1))

        cell = table.cell(1, 0)
        _cell_para(cell, S.NUMBER, self.number_line())
        if doc.kind == "cong_van" and doc.subject:
            size = _style_size(d, S.SUBJECT_SHORT, 12)
            text = doc.subject.strip()
            if not text.lower().startswith("v/v"):
                text = f"V/v {text}"
            _cell_para(cell, S.SUBJECT_SHORT, text)
        cell = table.cell(1, 1)
        _cell_para(cell, S.DATE_LINE, date_line(doc.place, doc.date, doc.year))
        for row in table.rows:
            _cant_split(row)

    def number_line(self) -> str:
        raw = self.doc.number_symbol.strip()
        if raw.lower().startswith("số"):
            raw = raw.split(":", 1)[-1].strip()
        number, _, symbol = raw.partition("/")
        number = number.strip()
        if (value := parse_id(number)) is not None and value < 10:
            number = f"{value:02d}"
        if not number:
            # Left blank for the clerk to write in the registered number on signing day.
            number = "\u00a0" * 8
        return f"Số: {number}/{symbol}" if symbol else f"Số: {number}"

    def rule(self, container, inner_mm: float, width_mm: float) -> None:
        p = _cell_para(container, S.RULE)
        indent = max(0.0, (inner_mm - width_mm) / 2)
        p.paragraph_format.left_indent = Mm(indent)
        p.paragraph_format.right_indent = Mm(indent)
        p.paragraph_format.first_line_indent = Mm(0)

    def title_block(self) -> None:
        doc, d = self.doc, self.d
        title = doc.doc_type_title or DOC_TYPE_TITLES.get(doc.kind, "")
        if title:
            d.add_paragraph(title.upper(), style=S.DOC_TYPE)
        if doc.subject:
            size = _style_size(d, S.SUBJECT, 14)
            lines = _split_balanced(doc.subject, self.text_mm * 0.85, size, True)
            p = d.add_paragraph(style=S.SUBJECT)
            _add_lines(p, lines)
            widest = max(text_width_mm(line, size, True) for line in lines)
            p = d.add_paragraph(style=S.RULE)
            width = min(max(widest * 0.3, 25.0), 55.0)
            indent = (self.text_mm - width) / 2
            p.paragraph_format.left_indent = Mm(indent)
            p.paragraph_format.right_indent = Mm(indent)

    def recipients(self) -> None:
        items = [r for r in (x.strip() for x in self.doc.recipients) if r]
        if len(items) == 1:
            p = self.d.add_paragraph(style=S.RECIPIENT_LABEL)
            p.add_run(f"Kính gửi: {items[0].rstrip('.;')}.")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.left_indent = Mm(0)
            return
        self.d.add_paragraph("Kính gửi:", style=S.RECIPIENT_LABEL)
        for text in _with_terminators(items):
            self.d.add_paragraph(text, style=S.RECIPIENT_ITEM)
        spacer = self.d.add_paragraph(style=S.RECIPIENT_ITEM)
        spacer.paragraph_format.space_after = 0

    # -- body
    def paragraph(self, para: Paragraph | str, style: str = S.BODY) -> None:
        if isinstance(para, str):
            para = Paragraph(para)
        p = self.d.add_paragraph(style=style)
        if para.markup:
            self.markup(p, para.text)
        else:
            _add_lines(p, para.text.split("\n"))
        if para.attribution:
            p.add_run(" ")
            p.add_run(para.attribution.strip(), style=S.ATTRIBUTION)
        self.last_body_paragraph = p
        for bullet in para.bullets:
            text = bullet.strip()
            if not text.startswith(("-", "–", "+")):
                text = f"- {text}"
            if para.markup:
                bp = self.d.add_paragraph(style=S.BULLET)
                self.markup(bp, text)
            else:
                bp = self.d.add_paragraph(text, style=S.BULLET)
            self.last_body_paragraph = bp

    def markup(self, p, text: str) -> None:
        for span in spans(text):
            if span.style == "bold":
                p.add_run(span.text).bold = True
            elif span.style == "italic":
                p.add_run(span.text).italic = True
            elif span.style == "note":
                index = int(span.text)
                if 1 <= index <= len(self.doc.footnotes):
                    add_footnote(
                        self.d,
                        p,
                        self.doc.footnotes[index - 1],
                        self.note_style,
                        self.ref_style,
                    )
                    self.footnotes_used.add(index)
                else:
                    p.add_run(span.raw)
            elif span.text:
                p.add_run(span.text)

    def unreferenced_footnotes(self) -> None:
        anchor = self.last_body_paragraph
        for index, note in enumerate(self.doc.footnotes, start=1):
            if index in self.footnotes_used:
                continue
            if anchor is None:
                anchor = self.d.add_paragraph(style=S.BODY)
            add_footnote(self.d, anchor, note, self.note_style, self.ref_style)

    def section(self, section: Section, level: int) -> None:
        paragraphs = list(section.paragraphs)
        if section.title.strip() or not paragraphs:
            style = {1: S.HEADING_1, 2: S.HEADING_2}.get(level, S.HEADING_3)
            heading = f"{section.number.strip()} {section.title.strip()}".strip()
            p = self.d.add_paragraph(heading, style=style)
            if not self.is_short_heading(heading, style):
                # A long title reads as text: holding it to the next paragraph would push
                # whole blocks to the next page and leave this one part empty.
                p.paragraph_format.keep_with_next = False
        else:
            # An item with no title of its own: its number runs into its first paragraph,
            # as the paper prints "1.1. Tiếp tục tuyên truyền ...".
            first = paragraphs.pop(0)
            if isinstance(first, str):
                first = Paragraph(first)
            self.paragraph(replace(first, text=f"{section.number.strip()} {first.text}"))
        for para in paragraphs:
            self.paragraph(para)
        for image in section.images:
            self.image(image)
        for child in section.children:
            self.section(child, level + 1)

    def is_short_heading(self, text: str, style: str) -> bool:
        size = _style_size(self.d, style, 14)
        width = text_width_mm(text, size, _style_flag(self.d, style, "bold"))
        return width <= self.text_mm * MAX_HEADING_LINES

    def image(self, image: DocImage, max_mm: float | None = None) -> None:
        width = min(image.width_mm, max_mm or self.text_mm)
        p = self.d.add_paragraph(style=S.FIGURE)
        p.add_run().add_picture(BytesIO(image.png), width=Mm(width))
        if image.caption:
            self.d.add_paragraph(image.caption, style=S.CAPTION)
        else:
            p.paragraph_format.keep_with_next = False

    # -- signature and distribution
    def signature_block(self) -> None:
        doc, d = self.doc, self.d
        left = round(self.text_mm * LEFT_SIGN_SHARE, 1)
        widths = (left, self.text_mm - left)
        spacer = d.add_paragraph(style=S.SIGN_SPACE)
        spacer.paragraph_format.keep_with_next = True
        table = d.add_table(rows=1, cols=2)
        _no_borders(table)
        _cell_margins(table, 0.5, 0.5)
        _fix_widths(table, widths)
        _cant_split(table.rows[0])

        cell = table.cell(0, 0)
        if doc.distribution:
            _cell_para(cell, S.DIST_LABEL, "Nơi nhận:")
            for item in _with_terminators(doc.distribution):
                _cell_para(cell, S.DIST_ITEM, item)
        else:
            _cell_para(cell, S.DIST_ITEM, "")

        cell = table.cell(0, 1)
        sig = doc.signature
        for line in [*sig.authority, sig.title]:
            if line.strip():
                _cell_para(cell, S.AUTHORITY, line.strip().upper())
        for _ in range(4):
            _cell_para(cell, S.SIGN_SPACE, "")
        _cell_para(cell, S.SIGNER, sig.signer_name.strip())
        if not doc.annexes:
            d.add_paragraph(style=S.SIGN_SPACE)

    # -- annexes
    def annex(self, annex: AnnexTable, first: bool) -> None:
        d = self.d
        landscape = annex.is_landscape
        current = d.sections[-1]
        is_landscape_now = current.orientation == WD_ORIENT.LANDSCAPE
        new_section = landscape != is_landscape_now
        if new_section:
            section = d.add_section(WD_SECTION.NEW_PAGE)
            section.different_first_page_header_footer = False
            w, h = section.page_width, section.page_height
            if landscape:
                section.orientation = WD_ORIENT.LANDSCAPE
                section.page_width, section.page_height = max(w, h), min(w, h)
            else:
                section.orientation = WD_ORIENT.PORTRAIT
                section.page_width, section.page_height = min(w, h), max(w, h)
        section = d.sections[-1]
        text_mm = _mm(section.page_width) - _mm(section.left_margin) - _mm(section.right_margin)

        p = d.add_paragraph(annex.title, style=S.ANNEX_TITLE)
        if not new_section:
            p.paragraph_format.page_break_before = True
        if annex.subtitle:
            size = _style_size(d, S.ANNEX_SUBTITLE, 14)
            lines = _split_balanced(annex.subtitle.upper(), text_mm * 0.9, size, True)
            _add_lines(d.add_paragraph(style=S.ANNEX_SUBTITLE), lines)
        if annex.note:
            d.add_paragraph(annex.note, style=S.ANNEX_NOTE)
        if annex.unit:
            d.add_paragraph(annex.unit, style=S.ANNEX_UNIT)
        self.annex_table(annex, text_mm)
        for image in annex.images:
            self.image(image, max_mm=text_mm)

    def annex_table(self, annex: AnnexTable, text_mm: float) -> None:
        d = self.d
        cols = annex.columns
        two_levels = any(c.group for c in cols)
        header_rows = 2 if two_levels else 1
        n_rows = header_rows + len(annex.rows) + (1 if annex.totals else 0)
        table = d.add_table(rows=n_rows, cols=len(cols))
        _grid_borders(table)
        _cell_margins(table, 1.2, 1.2)
        _fix_widths(table, _column_widths(annex, text_mm))

        for r in range(header_rows):
            _repeat_header(table.rows[r])
            _cant_split(table.rows[r])
        if two_levels:
            i = 0
            while i < len(cols):
                col = cols[i]
                if not col.group:
                    merged = table.cell(0, i).merge(table.cell(1, i))
                    _cell_para(merged, S.TABLE_HEADER, col.title)
                    merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                    i += 1
                    continue
                j = i
                while j + 1 < len(cols) and cols[j + 1].group == col.group:
                    j += 1
                top = table.cell(0, i).merge(table.cell(0, j)) if j > i else table.cell(0, i)
                _cell_para(top, S.TABLE_HEADER, col.group)
                top.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                for k in range(i, j + 1):
                    cell = table.cell(1, k)
                    _cell_para(cell, S.TABLE_HEADER, cols[k].title)
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                i = j + 1
        else:
            for i, col in enumerate(cols):
                cell = table.cell(0, i)
                _cell_para(cell, S.TABLE_HEADER, col.title)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

        body = list(annex.rows) + ([annex.totals] if annex.totals else [])
        rows = list(table.rows)
        for r, values in enumerate(body):
            total = annex.totals is not None and r == len(body) - 1
            row = rows[header_rows + r]
            _cant_split(row)
            # row.cells rebuilds the whole cell list on each access: read it once per row.
            cells = row.cells
            for i, col in enumerate(cols):
                value = values[i] if i < len(values) else None
                text = format_cell(value, col.fmt)
                numeric = col.fmt in ("int", "dec1", "dec2", "pct1") and not isinstance(value, str)
                if total:
                    style = S.TABLE_TOTAL_NUMBER if numeric else S.TABLE_TOTAL_TEXT
                else:
                    style = S.TABLE_NUMBER if numeric else S.TABLE_TEXT
                cell = cells[i]
                p = _cell_para(cell, style, text)
                if col.fmt == "center":
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        d.add_paragraph(style=S.ANNEX_NOTE)

    def demo_note(self) -> None:
        section = self.d.sections[0]
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            first.insert_paragraph_before(DEMO_TEXT, style=S.DEMO_NOTE)


def _column_widths(annex: AnnexTable, text_mm: float) -> list[float]:
    weights = []
    fixed = 0.0
    for col in annex.columns:
        if col.width_mm:
            fixed += col.width_mm
            weights.append(0.0)
        elif col.title.strip().upper() in ("STT", "TT"):
            weights.append(0.5)
        elif col.fmt == "text":
            weights.append(3.0)
        else:
            weights.append(1.0)
    remaining = max(text_mm - fixed, 10.0 * len(annex.columns))
    total_weight = sum(weights) or 1.0
    out = []
    for col, weight in zip(annex.columns, weights, strict=True):
        out.append(col.width_mm if col.width_mm else remaining * weight / total_weight)
    return [math.floor(w * 10) / 10 for w in out]
