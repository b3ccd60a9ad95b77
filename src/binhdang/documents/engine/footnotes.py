"""Real Word footnotes (python-docx has no API for them)."""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

# Loaded templates then expose their footnotes part as parsed XML instead of an opaque blob.
PartFactory.part_type_for.setdefault(CT_FOOTNOTES, XmlPart)

_EMPTY = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


def _footnotes_root(document):
    doc_part = document.part
    for rel in doc_part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            if not isinstance(part, XmlPart):
                part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
                rel._target = part
            return part.element
    part = XmlPart(
        PackURI("/word/footnotes.xml"), CT_FOOTNOTES, parse_xml(_EMPTY), doc_part.package
    )
    doc_part.relate_to(part, RT.FOOTNOTES)
    return part.element


def add_footnote(document, paragraph, text: str, text_style_id: str, ref_style_id: str) -> None:
    """Append a footnote reference run to ``paragraph`` and the note itself to footnotes.xml."""
    root = _footnotes_root(document)
    ids = [int(fn.get(qn("w:id"))) for fn in root.findall(qn("w:footnote"))]
    new_id = max([0, *ids]) + 1

    note = OxmlElement("w:footnote")
    note.set(qn("w:id"), str(new_id))
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(qn("w:val"), text_style_id)
    ppr.append(pstyle)
    p.append(ppr)
    p.append(_ref_run(ref_style_id, "w:footnoteRef"))
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = " " + text
    run.append(t)
    p.append(run)
    note.append(p)
    root.append(note)

    ref = _ref_run(ref_style_id, "w:footnoteReference")
    ref[-1].set(qn("w:id"), str(new_id))
    paragraph._p.append(ref)


def _ref_run(style_id: str, tag: str):
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rstyle = OxmlElement("w:rStyle")
    rstyle.set(qn("w:val"), style_id)
    rpr.append(rstyle)
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    run.append(rpr)
    run.append(OxmlElement(tag))
    return run
