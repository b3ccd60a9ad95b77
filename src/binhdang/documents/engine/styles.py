"""Named styles of the official-document templates.

The renderer only assigns these style names; every font size, weight and spacing lives in the
template, so a clerk can restyle a template in Word without touching code. When a replacement
template lacks one of the names, the defaults below are added so rendering still succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Times New Roman"

C = WD_ALIGN_PARAGRAPH.CENTER
J = WD_ALIGN_PARAGRAPH.JUSTIFY
L = WD_ALIGN_PARAGRAPH.LEFT
R = WD_ALIGN_PARAGRAPH.RIGHT


@dataclass(frozen=True)
class StyleSpec:
    name: str
    size: float
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH | None = C
    before: float = 0
    after: float = 0
    first_indent_cm: float = 0
    left_indent_cm: float = 0
    line_spacing: float | None = None
    keep_with_next: bool = False
    character: bool = False
    superscript: bool = False


# Names are part of the template contract (see doc_templates/README.md).
PARENT_AGENCY = "BD Co quan chu quan"
ISSUING_AGENCY = "BD Co quan ban hanh"
NATIONAL_TITLE = "BD Quoc hieu"
MOTTO = "BD Tieu ngu"
RULE = "BD Duong ke"
NUMBER = "BD So ky hieu"
SUBJECT_SHORT = "BD Trich yeu cong van"
DATE_LINE = "BD Dia danh ngay thang"
DOC_TYPE = "BD Ten loai van ban"
SUBJECT = "BD Trich yeu"
RECIPIENT_LABEL = "BD Kinh gui"
RECIPIENT_ITEM = "BD Kinh gui muc"
BODY = "BD Noi dung"
BULLET = "BD Gach dau dong"
HEADING_1 = "BD Muc cap 1"
HEADING_2 = "BD Muc cap 2"
HEADING_3 = "BD Muc cap 3"
ATTRIBUTION = "BD Nguon trich"
AUTHORITY = "BD Tham quyen ky"
SIGNER = "BD Nguoi ky"
SIGN_SPACE = "BD Cho ky"
DIST_LABEL = "BD Noi nhan"
DIST_ITEM = "BD Noi nhan muc"
ANNEX_TITLE = "BD Phu luc"
ANNEX_SUBTITLE = "BD Phu luc ten"
ANNEX_NOTE = "BD Phu luc kem theo"
ANNEX_UNIT = "BD Don vi tinh"
TABLE_HEADER = "BD Bang tieu de"
TABLE_TEXT = "BD Bang chu"
TABLE_NUMBER = "BD Bang so"
TABLE_TOTAL_TEXT = "BD Bang tong chu"
TABLE_TOTAL_NUMBER = "BD Bang tong so"
FIGURE = "BD Hinh"
CAPTION = "BD Chu thich hinh"
PAGE_NUMBER = "BD So trang"
DEMO_NOTE = "BD Du lieu mau"
FOOTNOTE_TEXT = "BD Chu thich"
FOOTNOTE_REF = "BD Chu thich so"

BODY_SPACING = 1.2

SPECS: tuple[StyleSpec, ...] = (
    StyleSpec(PARENT_AGENCY, 13),
    StyleSpec(ISSUING_AGENCY, 13, bold=True),
    StyleSpec(NATIONAL_TITLE, 12, bold=True),
    StyleSpec(MOTTO, 13, bold=True),
    StyleSpec(RULE, 4, before=4),
    StyleSpec(NUMBER, 13, before=4),
    StyleSpec(SUBJECT_SHORT, 12),
    StyleSpec(DATE_LINE, 14, italic=True, before=4),
    StyleSpec(DOC_TYPE, 14, bold=True, before=18),
    StyleSpec(SUBJECT, 14, bold=True),
    StyleSpec(RECIPIENT_LABEL, 14, align=L, before=12, after=6, left_indent_cm=2.0),
    StyleSpec(RECIPIENT_ITEM, 14, align=J, after=0, left_indent_cm=3.0),
    StyleSpec(BODY, 14, align=J, after=6, first_indent_cm=1.27, line_spacing=BODY_SPACING),
    StyleSpec(BULLET, 14, align=J, after=6, first_indent_cm=1.27, line_spacing=BODY_SPACING),
    StyleSpec(
        HEADING_1,
        14,
        bold=True,
        align=J,
        before=6,
        after=6,
        first_indent_cm=1.27,
        line_spacing=BODY_SPACING,
        keep_with_next=True,
    ),
    StyleSpec(
        HEADING_2,
        14,
        bold=True,
        align=J,
        after=6,
        first_indent_cm=1.27,
        line_spacing=BODY_SPACING,
        keep_with_next=True,
    ),
    StyleSpec(
        HEADING_3,
        14,
        bold=True,
        italic=True,
        align=J,
        after=6,
        first_indent_cm=1.27,
        line_spacing=BODY_SPACING,
        keep_with_next=True,
    ),
    StyleSpec(ATTRIBUTION, 14, italic=True, character=True),
    StyleSpec(AUTHORITY, 14, bold=True),
    StyleSpec(SIGNER, 14, bold=True),
    StyleSpec(SIGN_SPACE, 14),
    StyleSpec(DIST_LABEL, 12, bold=True, italic=True, align=L),
    StyleSpec(DIST_ITEM, 11, align=L),
    StyleSpec(ANNEX_TITLE, 14, bold=True),
    StyleSpec(ANNEX_SUBTITLE, 14, bold=True),
    StyleSpec(ANNEX_NOTE, 13, italic=True, after=6),
    StyleSpec(ANNEX_UNIT, 12, italic=True, align=R, after=3),
    StyleSpec(TABLE_HEADER, 12, bold=True, before=2, after=2),
    StyleSpec(TABLE_TEXT, 12, align=L, before=2, after=2),
    StyleSpec(TABLE_NUMBER, 12, align=R, before=2, after=2),
    StyleSpec(TABLE_TOTAL_TEXT, 12, bold=True, align=L, before=2, after=2),
    StyleSpec(TABLE_TOTAL_NUMBER, 12, bold=True, align=R, before=2, after=2),
    StyleSpec(FIGURE, 14, before=6, keep_with_next=True),
    StyleSpec(CAPTION, 12, italic=True, after=6),
    StyleSpec(PAGE_NUMBER, 13),
    StyleSpec(DEMO_NOTE, 10, bold=True),
    StyleSpec(FOOTNOTE_TEXT, 10, align=J),
    StyleSpec(FOOTNOTE_REF, 14, character=True, superscript=True),
)


def set_fonts(rpr_owner, name: str = FONT) -> None:
    """Set all four font slots so Vietnamese (complex and East-Asian runs too) uses Times."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    size = rpr.find(qn("w:sz"))
    if size is not None:
        cs_size = rpr.find(qn("w:szCs"))
        if cs_size is None:
            cs_size = OxmlElement("w:szCs")
            size.addnext(cs_size)
        cs_size.set(qn("w:val"), size.get(qn("w:val")))
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attr), None)


def apply_spec(style, spec: StyleSpec) -> None:
    font = style.font
    font.name = FONT
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    font.color.rgb = RGBColor(0, 0, 0)
    if spec.superscript:
        font.superscript = True
    set_fonts(style.element)
    if spec.character:
        return
    style.base_style = None
    pf = style.paragraph_format
    pf.alignment = spec.align
    pf.space_before = Pt(spec.before)
    pf.space_after = Pt(spec.after)
    pf.first_line_indent = Cm(spec.first_indent_cm) if spec.first_indent_cm else None
    pf.left_indent = Cm(spec.left_indent_cm) if spec.left_indent_cm else None
    pf.line_spacing = spec.line_spacing if spec.line_spacing else 1.0
    pf.keep_with_next = spec.keep_with_next or None
    pf.widow_control = True
    if spec.name == RULE:
        _top_border(style.element)


def _top_border(style_el) -> None:
    ppr = style_el.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, val in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), val)
    bdr.append(top)
    ppr.insert_element_before(
        bdr,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )


def ensure_styles(document) -> None:
    """Add any contract style missing from ``document`` with its default look."""
    styles = document.styles
    existing = {s.name for s in styles}
    for spec in SPECS:
        if spec.name in existing:
            continue
        kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
        style = styles.add_style(spec.name, kind)
        style.quick_style = True
        apply_spec(style, spec)


def set_document_defaults(document) -> None:
    """Times New Roman 14, black, Vietnamese language for the whole document."""
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_el.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    for child in list(rpr):
        if child.tag in (qn("w:rFonts"), qn("w:lang"), qn("w:sz"), qn("w:szCs"), qn("w:color")):
            rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    rpr.insert(0, fonts)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "000000")
    rpr.append(color)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "28")
        rpr.append(el)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    for child in list(ppr_default):
        ppr_default.remove(child)
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    ppr_default.append(ppr)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(normal.element)
