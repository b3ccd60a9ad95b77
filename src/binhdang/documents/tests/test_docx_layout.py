"""Decree 30/2020/NĐ-CP layout, checked on the produced .docx."""

from __future__ import annotations

import datetime
import re
import struct
import zipfile
import zlib
from dataclasses import replace
from io import BytesIO

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from binhdang.documents.engine import (
    DocImage,
    OfficialDocument,
    Section,
    render_docx,
    resolve_template,
)
from binhdang.documents.engine import styles as S
from binhdang.documents.engine.samples import sample_bao_cao, sample_cong_van

from .helpers import (
    all_paragraphs,
    effective,
    find_paragraph,
    find_paragraph_starting,
    load,
    paragraph_effective,
)


def _tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def report():
    return load(render_docx(sample_bao_cao()))


@pytest.fixture(scope="module")
def letter():
    return load(render_docx(sample_cong_van()))


def _runs(p):
    runs = [r for r in p.runs if r.text.strip()]
    assert runs, f"paragraph {p.text!r} has no text runs"
    return runs


def assert_text_style(document, text, *, size, bold=False, italic=False):
    p = find_paragraph(document, text)
    for run in _runs(p):
        assert effective(run, p, "size") == size, text
        assert bool(effective(run, p, "bold")) is bold, text
        assert bool(effective(run, p, "italic")) is italic, text
    return p


def test_it_uses_a4_portrait_with_decree_30_margins(report):
    section = report.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert abs(section.top_margin - Mm(20)) < Mm(0.2)
    assert abs(section.bottom_margin - Mm(20)) < Mm(0.2)
    assert abs(section.left_margin - Mm(30)) < Mm(0.2)
    assert abs(section.right_margin - Mm(15)) < Mm(0.2)


def test_it_sets_times_new_roman_on_styles_and_every_run(report):
    for spec in S.SPECS:
        fonts = report.styles[spec.name].element.rPr.find(qn("w:rFonts"))
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(slot)) == "Times New Roman", (spec.name, slot)
    defaults = report.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}").get(
        qn("w:eastAsia")
    ) == ("Times New Roman")
    count = 0
    for p in all_paragraphs(report):
        for run in p.runs:
            if run.text.strip():
                assert effective(run, p, "name") == "Times New Roman", run.text
                count += 1
    assert count > 40


def test_it_sizes_the_national_title_motto_and_agency_lines(report):
    assert_text_style(report, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    assert_text_style(report, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    department = load(
        render_docx(
            replace(
                sample_bao_cao(),
                parent_agency="UBND huyện Vị Xuyên",
                issuing_agency="Phòng Lao động - Thương binh và Xã hội",
            )
        )
    )
    assert_text_style(department, "UBND HUYỆN VỊ XUYÊN", size=13, bold=False)
    agency = find_paragraph_starting(report, "ỦY BAN NHÂN DÂN")
    assert agency.text == "ỦY BAN NHÂN DÂN\nHUYỆN VỊ XUYÊN"
    for run in _runs(agency):
        assert effective(run, agency, "bold") is True
        assert effective(run, agency, "size") == 13


def test_it_rules_the_motto_about_as_wide_as_the_text_and_the_agency_shorter(report):
    header = report.tables[0]
    cell_width = header.cell(0, 1).width
    rules = [p for p in header.cell(0, 1).paragraphs if p.style.name == S.RULE]
    assert len(rules) == 1
    indent = rules[0].paragraph_format.left_indent
    rule_mm = (cell_width - 2 * indent) / 36000 - 2  # cell padding 1 mm each side
    assert 40 < rule_mm < 60  # "Độc lập - Tự do - Hạnh phúc" at 13 pt bold is about 47 mm
    left_rules = [p for p in header.cell(0, 0).paragraphs if p.style.name == S.RULE]
    assert len(left_rules) == 1
    left_mm = (header.cell(0, 0).width - 2 * left_rules[0].paragraph_format.left_indent) / 36000
    assert 15 < left_mm < 30
    border = report.styles[S.RULE].element.pPr.find(qn("w:pBdr")).find(qn("w:top"))
    assert border.get(qn("w:val")) == "single"


def test_it_writes_the_number_line_and_an_italic_date_line(report):
    number = assert_text_style(report, "Số: 125/BC-UBND", size=13)
    assert number.alignment in (None, WD_ALIGN_PARAGRAPH.CENTER)
    assert_text_style(report, "Vị Xuyên, ngày 05 tháng 12 năm 2023", size=14, italic=True)


def test_it_leaves_number_and_date_blank_for_the_clerk():
    doc = sample_cong_van()
    doc.number_symbol = "/UBND-LĐTBXH"
    doc.date = None
    doc.year = 2023
    rendered = load(render_docx(doc))
    number = find_paragraph_starting(rendered, "Số:")
    assert re.fullmatch(r"Số: \s{5,}/UBND-LĐTBXH", number.text)
    find_paragraph(rendered, "Vị Xuyên, ngày     tháng     năm 2023")


def test_it_pads_single_digit_numbers():
    doc = sample_cong_van()
    doc.number_symbol = "7/UBND-LĐTBXH"
    find_paragraph(load(render_docx(doc)), "Số: 07/UBND-LĐTBXH")


def test_it_centres_the_document_type_and_subject_in_bold(report):
    title = assert_text_style(report, "BÁO CÁO", size=14, bold=True)
    assert paragraph_effective(title, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    subject = find_paragraph_starting(report, "Kết quả thực hiện công tác bình đẳng giới")
    assert subject.text.replace("\n", " ") == (
        "Kết quả thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ năm 2023"
    )
    assert paragraph_effective(subject, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    for run in _runs(subject):
        assert effective(run, subject, "bold") is True
    # The short rule follows the subject directly.
    following = subject._p.getnext()
    assert following.pPr.pStyle.val == report.styles[S.RULE].style_id


def test_it_formats_body_paragraphs(report):
    p = find_paragraph_starting(report, "Các cơ quan, đơn vị, UBND các xã")
    assert paragraph_effective(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(paragraph_effective(p, "first_line_indent") - Cm(1.27)) < Mm(0.2)
    assert paragraph_effective(p, "space_after") >= Pt(6)
    spacing = paragraph_effective(p, "line_spacing")
    assert 1.0 <= spacing <= 1.5
    assert effective(p.runs[0], p, "size") == 14
    heading = find_paragraph(report, "I. KẾT QUẢ THỰC HIỆN")
    assert effective(heading.runs[0], heading, "bold") is True
    bullet = find_paragraph_starting(report, "- Tổ chức Tháng hành động")
    assert bullet.style.name == S.BULLET
    attributed = find_paragraph_starting(report, "Mô hình “Địa chỉ tin cậy")
    last = attributed.runs[-1]
    assert last.text == "(UBND xã Phú Linh)"
    assert effective(last, attributed, "italic") is True


def test_it_builds_the_signature_block_and_distribution_list(report):
    sign = report.tables[1]
    left, right = sign.cell(0, 0), sign.cell(0, 1)
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert effective(label.runs[0], label, "bold") is True
    assert effective(label.runs[0], label, "italic") is True
    assert effective(label.runs[0], label, "size") == 12
    items = [p.text for p in left.paragraphs[1:]]
    assert items == [
        "- Sở Lao động - TBXH tỉnh;",
        "- TTr Huyện ủy;",
        "- TTr HĐND - UBND huyện;",
        "- Lưu: VT, LĐTBXH.",
    ]
    for p in left.paragraphs[1:]:
        assert effective(p.runs[0], p, "size") == 11
    texts = [p.text for p in right.paragraphs if p.text]
    assert texts == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đặng Thị Phượng"]
    blank_lines = [p for p in right.paragraphs if not p.text]
    assert len(blank_lines) >= 3
    for p in right.paragraphs:
        if p.text:
            assert effective(p.runs[0], p, "bold") is True
            assert paragraph_effective(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def _instr_texts(header) -> str:
    return "".join(el.text or "" for el in header._element.iter(qn("w:instrText")))


def test_it_numbers_pages_in_the_top_margin_except_the_first(report):
    section = report.sections[0]
    assert section.different_first_page_header_footer is True
    assert "PAGE" not in _instr_texts(section.first_page_header)
    assert "PAGE" in _instr_texts(section.header)
    number_paragraph = next(p for p in section.header.paragraphs if p.runs)
    assert paragraph_effective(number_paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    # The landscape annex section numbers every page, including its first.
    annex_section = report.sections[-1]
    assert annex_section.different_first_page_header_footer is False
    assert "PAGE" in _instr_texts(annex_section.header)


def test_it_puts_the_annex_on_a_landscape_page_with_a_repeating_header(report):
    assert len(report.sections) == 2
    assert report.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    assert report.sections[-1].page_width > report.sections[-1].page_height
    title = find_paragraph(report, "Phụ lục I")
    assert effective(title.runs[0], title, "bold") is True
    assert paragraph_effective(title, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    table = report.tables[2]
    header_rows = [row for row in table.rows if row._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(header_rows) == 2
    assert table.cell(0, 2).text == "Cán bộ, công chức cấp xã"
    assert table.cell(1, 3).text == "Trong đó nữ"
    assert table.cell(0, 0).text == "STT"
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:insideH")).get(qn("w:val")) == "single"
    totals = table.rows[-1]
    assert [c.text for c in totals.cells][1:6] == ["Tổng cộng", "105", "38", "36,2%", "4"]
    for cell in totals.cells[1:6]:
        p = cell.paragraphs[0]
        assert effective(p.runs[0], p, "bold") is True
    assert table.rows[2].cells[4].text == "42,9%"


def test_it_formats_numbers_the_vietnamese_way():
    from binhdang.documents.engine import format_cell
    from binhdang.formats.numbers import format_number

    assert format_number(1234567) == "1.234.567"
    assert format_number(12.5, 1) == "12,5"
    assert format_number(-1234.56, 2) == "-1.234,56"
    assert format_cell(3215, "int") == "3.215"
    assert format_cell(58.64, "pct1") == "58,6%"
    assert format_cell(None, "int") == ""


def test_it_writes_the_date_line_with_decree_30_leading_zeros():
    from binhdang.formats.dates import date_line

    assert date_line("Vị Xuyên", datetime.date(2023, 12, 5)) == (
        "Vị Xuyên, ngày 05 tháng 12 năm 2023"
    )
    assert date_line("Vị Xuyên", datetime.date(2023, 4, 14)) == (
        "Vị Xuyên, ngày 14 tháng 4 năm 2023"
    )
    assert date_line("Hà Giang", datetime.date(2024, 2, 1)) == (
        "Hà Giang, ngày 01 tháng 02 năm 2024"
    )


def test_it_keeps_vietnamese_diacritics_through_a_save_and_reload(report):
    buffer = BytesIO()
    report.save(buffer)
    again = load(buffer.getvalue())
    texts = "\n".join(p.text for p in all_paragraphs(again))
    for phrase in (
        "ỦY BAN NHÂN DÂN\nHUYỆN VỊ XUYÊN",
        "Đặng Thị Phượng",
        "Độc lập - Tự do - Hạnh phúc",
        "Xã Đạo Đức",
        "vì sự tiến bộ của phụ nữ năm 2023",
    ):
        assert phrase in texts
    assert "Ủy ban nhân dân huyện Vị Xuyên" in texts


def test_it_lays_out_a_cong_van_with_vv_and_recipients(letter):
    header = letter.tables[0]
    left = [p.text for p in header.cell(1, 0).paragraphs]
    assert left[0] == "Số: 760/UBND-LĐTBXH"
    vv = header.cell(1, 0).paragraphs[1]
    assert vv.text.startswith("V/v triển khai công tác bình đẳng giới")
    assert effective(vv.runs[0], vv, "size") == 12
    assert not any(p.text == "BÁO CÁO" for p in all_paragraphs(letter))
    texts = [p.text for p in all_paragraphs(letter)]
    start = texts.index("Kính gửi:")
    items = texts[start + 1 : start + 6]
    assert items[0] == "- Ủy ban MTTQVN huyện và các tổ chức chính trị - xã hội huyện;"
    assert all(item.startswith("- ") and item.endswith(";") for item in items[:-1])
    assert items[-1] == "- Ủy ban nhân dân các xã, thị trấn."
    assert "- Như trên;" in texts
    assert "- Lưu: VT, VHXH." in texts


def test_it_puts_a_single_recipient_on_the_kinh_gui_line(report):
    find_paragraph(report, "Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang.")


def test_it_marks_demo_documents_in_the_header():
    doc = sample_cong_van()
    doc.demo_watermark = True
    rendered = load(render_docx(doc))
    section = rendered.sections[0]
    for header in (section.header, section.first_page_header):
        assert any("DỮ LIỆU MẪU / DEMO" in p.text for p in header.paragraphs)
    plain = load(render_docx(sample_cong_van())).sections[0]
    assert not any("DEMO" in p.text for p in plain.header.paragraphs)


def test_it_adds_real_footnotes(report):
    buffer = BytesIO()
    report.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        footnotes = archive.read("word/footnotes.xml").decode()
        document = archive.read("word/document.xml").decode()
    assert "Công văn số 961/UBND-VHXH ngày 06/4/2023 của UBND tỉnh Hà Giang." in footnotes
    assert "<w:footnoteReference" in document
    intro = find_paragraph_starting(report, "Thực hiện Công văn số 961")
    assert "[^1]" not in intro.text


def test_it_places_images_with_captions():
    doc = OfficialDocument(
        kind="bao_cao",
        issuing_agency="Ủy ban nhân dân huyện Vị Xuyên",
        number_symbol="1/BC-UBND",
        place="Vị Xuyên",
        subject="Thử hình",
        sections=[Section("I.", "BIỂU ĐỒ", images=[DocImage(_tiny_png(), "Biểu đồ 1. Thử", 80)])],
    )
    rendered = load(render_docx(doc))
    caption = find_paragraph(rendered, "Biểu đồ 1. Thử")
    assert effective(caption.runs[0], caption, "italic") is True
    picture = caption._p.getprevious()
    assert picture.xpath(".//pic:pic")


def test_it_uses_a_replacement_template_from_the_environment(tmp_path, monkeypatch):
    from docx import Document

    template = Document(str(resolve_template("bao_cao")))
    template.styles[S.BODY].font.size = Pt(13)
    template.sections[0].left_margin = Mm(35)
    template.save(str(tmp_path / "bao_cao.docx"))
    monkeypatch.setenv("BINHDANG_DOCUMENT_TEMPLATES_DIR", str(tmp_path))
    assert resolve_template("bao_cao") == tmp_path / "bao_cao.docx"
    rendered = load(render_docx(sample_bao_cao()))
    assert abs(rendered.sections[0].left_margin - Mm(35)) < Mm(0.2)
    body = find_paragraph_starting(rendered, "Các cơ quan, đơn vị, UBND các xã")
    assert effective(body.runs[0], body, "size") == 13
    # Kinds without their own template fall back to the shipped báo cáo template.
    monkeypatch.delenv("BINHDANG_DOCUMENT_TEMPLATES_DIR")
    assert resolve_template("to_trinh").name == "bao_cao.docx"
    assert resolve_template("../../etc/passwd").parent.name == "doc_templates"


def test_it_fills_in_missing_styles_of_an_older_template(tmp_path):
    from docx import Document

    bare = Document()
    bare.save(str(tmp_path / "bare.docx"))
    rendered = load(render_docx(sample_bao_cao(), template_path=tmp_path / "bare.docx"))
    assert_text_style(rendered, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)


def test_it_ships_reproducible_templates(tmp_path):
    from binhdang.documents.engine.build_templates import main

    main([str(tmp_path)])
    for name in ("bao_cao.docx", "cong_van.docx", "ke_hoach.docx"):
        shipped = resolve_template(name.removesuffix(".docx"))
        assert shipped.read_bytes() == (tmp_path / name).read_bytes(), (
            f"{name} is stale: run python -m binhdang.documents.engine.build_templates"
        )


def test_it_fits_the_national_title_on_one_line(report):
    from binhdang.documents.engine.docx_render import LEFT_HEADER_SHARE
    from binhdang.documents.engine.metrics import _font_widths, text_width_mm

    if _font_widths(True, False) is None:
        pytest.skip("no Times New Roman or Liberation Serif font to measure with")
    size = report.styles[S.NATIONAL_TITLE].font.size.pt
    width = text_width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size, bold=True)
    assert width < 165 * (1 - LEFT_HEADER_SHARE) - 2


def test_it_keeps_the_name_of_the_body_whole_in_the_letterhead():
    from binhdang.documents.engine.docx_render import _split_balanced

    for name in ("ỦY BAN NHÂN DÂN XÃ LINH HỒ", "ỦY BAN NHÂN DÂN HUYỆN VỊ XUYÊN"):
        lines = _split_balanced(name, 60, 13, True)
        assert lines[0] == "ỦY BAN NHÂN DÂN", lines
