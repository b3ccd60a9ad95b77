"""edXML packages (QCVN 102:2016/BTTTT, amended by Thông tư 01/2022/TT-BTTTT): one official
document with its metadata and attached files, as document-management systems exchange them.

The layout written and read here:

    <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
      <edXML:edXMLEnvelope xmlns:edXML="…same namespace…">
        <edXML:edXMLHeader>
          <edXML:MessageHeader>
            From (OrganId, OrganizationInCharge, OrganName, OrganAdd, Email, Telephone, Fax,
                  Website)
            To … (one per recipient, same children)
            Code (CodeNumber, CodeNotation)
            PromulgationInfo (Place, PromulgationDate yyyy/mm/dd)
            DocumentType (Type: TYPE_CODES, TypeDetail, TypeName)
            Subject, Content
            SignerInfo (Competence, Position, FullName)
            DueDate, ToPlaces (Place …)
            OtherInfo (Priority, SphereOfPromulgation, TyperNotation, PromulgationAmount,
                       PageAmount, Appendixes (Appendix …))
            SteeringType
            DocumentId ("OrganId,yyyy/mm/dd,number/notation")
          </edXML:MessageHeader>
          <edXML:TraceHeaderList> TraceHeader (OrganId, Timestamp),
                                  Bussiness (BussinessDocType, Paper) </edXML:TraceHeaderList>
        </edXML:edXMLHeader>
        <edXML:edXMLBody><edXML:edXMLManifest>
          Reference xlink:href="cid:…" (Description, AttachmentName, ContentType, ContentId)
        </edXML:edXMLManifest></edXML:edXMLBody>
      </edXML:edXMLEnvelope>
      <AttachmentEncoded> Attachment (ContentType, ContentId, Description,
                           ContentTransferEncoded: base64, AttachmentName) … </AttachmentEncoded>
    </edXML>

Reading matches elements by their local names, so a package written with another prefix, or
without the outer <edXML> wrapper, is read the same; XML is parsed with defusedxml (no
entities, no external references).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import re
import uuid
import xml.etree.ElementTree as ET  # noqa: S405 - used to build XML only; parsing is defusedxml
from dataclasses import dataclass, field

from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"

# DocumentType/Type: the kind of an administrative document, numbered in the order Decree
# 30/2020/NĐ-CP (Art. 7) lists the kinds, which is how the exchange axis' SDK sample for QCVN
# 102:2016 (edoc_new.edxml: Type 18 "Công văn", TypeDetail 0) and the LGSP builders that
# follow it write it; Thông tư 01/2022/TT-BTTTT kept this header. The header also follows
# that sample: From/To carry OrganizationInCharge (OrganInCharge is still read), the
# TraceHeaderList carries Bussiness (BussinessDocType 0: a new document; Paper 0: no paper
# copy), dates are yyyy/mm/dd, DocumentId is "OrganId,yyyy/mm/dd,number/notation".
TYPE_CODES = {
    "Nghị quyết": "1", "Quyết định": "2", "Chỉ thị": "3", "Quy chế": "4", "Quy định": "5",
    "Thông cáo": "6", "Thông báo": "7", "Hướng dẫn": "8", "Chương trình": "9",
    "Kế hoạch": "10", "Phương án": "11", "Đề án": "12", "Dự án": "13", "Báo cáo": "14",
    "Biên bản": "15", "Tờ trình": "16", "Hợp đồng": "17", "Công văn": "18", "Công điện": "19",
    "Bản ghi nhớ": "20", "Bản thỏa thuận": "21", "Giấy ủy quyền": "22", "Giấy mời": "23",
    "Giấy giới thiệu": "24", "Giấy nghỉ phép": "25", "Phiếu gửi": "26", "Phiếu chuyển": "27",
    "Phiếu báo": "28", "Thư công": "29",
}  # fmt: skip
TYPE_NAMES = {code: name for name, code in TYPE_CODES.items()}


def type_code_of(type_name: str) -> str:
    """The DocumentType/Type code of a kind's name ("Công văn" → "18"), "" when unlisted."""
    import unicodedata

    wanted = unicodedata.normalize("NFC", type_name or "").strip().casefold()
    for name, code in TYPE_CODES.items():
        if name.casefold() == wanted:
            return code
    return ""


XLINK = "http://www.w3.org/1999/xlink"
MAX_PACKAGE_BYTES = 60 * 1024 * 1024


class EdxmlError(ValueError):
    """The package cannot be read; `str(exc)` is a message for the user."""


@dataclass
class Organ:
    organ_id: str
    name: str
    in_charge: str = ""
    address: str = ""
    email: str = ""
    telephone: str = ""


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes
    description: str = ""


@dataclass
class EdxmlDocument:
    """One document and its metadata, as an edXML package carries it."""

    sender: Organ
    recipients: list[Organ]
    code_number: str
    code_notation: str
    place: str
    date: datetime.date
    type_name: str
    subject: str
    content: str = ""
    signer_name: str = ""
    signer_position: str = ""
    competence: str = ""
    type_code: str = ""
    due_date: datetime.date | None = None
    page_amount: int = 1
    attachments: list[Attachment] = field(default_factory=list)
    document_id: str = ""
    # "Nơi nhận" as printed (ToPlaces); the recipients' names when empty.
    to_places: list[str] = field(default_factory=list)

    @property
    def number_symbol(self) -> str:
        if self.code_number and self.code_notation:
            return f"{self.code_number}/{self.code_notation}"
        return self.code_notation or self.code_number

    def make_document_id(self) -> str:
        return f"{self.sender.organ_id},{self.date:%Y/%m/%d},{self.number_symbol}"


def split_number_symbol(number_symbol: str) -> tuple[str, str]:
    """("125", "BC-UBND") of "125/BC-UBND"; ("", "BC-UBND") when the number is left out."""
    number, _sep, notation = (number_symbol or "").strip().partition("/")
    if not _sep:
        return "", number
    return number.strip(), notation.strip()


# ---------------------------------------------------------------- writing


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent, tag: str, text: str | None = None):
    element = ET.SubElement(parent, _q(tag))
    if text is not None:
        element.text = str(text)
    return element


def _organ(parent, tag: str, organ: Organ) -> None:
    node = _sub(parent, tag)
    _sub(node, "OrganId", organ.organ_id)
    _sub(node, "OrganizationInCharge", organ.in_charge or organ.name)
    _sub(node, "OrganName", organ.name)
    _sub(node, "OrganAdd", organ.address)
    _sub(node, "Email", organ.email)
    _sub(node, "Telephone", organ.telephone)
    _sub(node, "Fax", "")
    _sub(node, "Website", "")


def build(document: EdxmlDocument, *, now: datetime.datetime | None = None) -> bytes:
    """The package of `document`, UTF-8."""
    now = now or datetime.datetime.now(datetime.UTC)
    ET.register_namespace("edXML", NS)
    ET.register_namespace("xlink", XLINK)
    root = ET.Element(_q("edXML"))
    envelope = _sub(root, "edXMLEnvelope")
    header = _sub(envelope, "edXMLHeader")
    message = _sub(header, "MessageHeader")
    _organ(message, "From", document.sender)
    for recipient in document.recipients:
        _organ(message, "To", recipient)
    code = _sub(message, "Code")
    _sub(code, "CodeNumber", document.code_number)
    _sub(code, "CodeNotation", document.code_notation)
    promulgation = _sub(message, "PromulgationInfo")
    _sub(promulgation, "Place", document.place)
    _sub(promulgation, "PromulgationDate", f"{document.date:%Y/%m/%d}")
    doc_type = _sub(message, "DocumentType")
    _sub(doc_type, "Type", document.type_code or type_code_of(document.type_name))
    _sub(doc_type, "TypeDetail", "0")
    _sub(doc_type, "TypeName", document.type_name)
    _sub(message, "Subject", document.subject)
    _sub(message, "Content", document.content or document.subject)
    signer = _sub(message, "SignerInfo")
    _sub(signer, "Competence", document.competence)
    _sub(signer, "Position", document.signer_position)
    _sub(signer, "FullName", document.signer_name)
    _sub(message, "DueDate", f"{document.due_date:%Y/%m/%d}" if document.due_date else "")
    places = _sub(message, "ToPlaces")
    for place in document.to_places or [r.name for r in document.recipients]:
        _sub(places, "Place", place)
    other = _sub(message, "OtherInfo")
    _sub(other, "Priority", "0")
    _sub(other, "SphereOfPromulgation", "")
    _sub(other, "TyperNotation", "")
    _sub(other, "PromulgationAmount", "1")
    _sub(other, "PageAmount", str(document.page_amount))
    appendixes = _sub(other, "Appendixes")
    for attachment in document.attachments[1:]:
        _sub(appendixes, "Appendix", attachment.name)
    _sub(message, "SteeringType", "0")
    _sub(message, "DocumentId", document.document_id or document.make_document_id())
    trace = _sub(header, "TraceHeaderList")
    trace_header = _sub(trace, "TraceHeader")
    _sub(trace_header, "OrganId", document.sender.organ_id)
    _sub(trace_header, "Timestamp", f"{now:%Y/%m/%d %H:%M:%S}")
    business = _sub(trace, "Bussiness")
    _sub(business, "BussinessDocType", "0")
    _sub(business, "Paper", "0")
    body = _sub(envelope, "edXMLBody")
    manifest = _sub(body, "edXMLManifest", None)
    manifest.set("version", "1.0")
    encoded = _sub(root, "AttachmentEncoded")
    for index, attachment in enumerate(document.attachments, start=1):
        content_id = uuid.uuid4().hex
        description = attachment.description or f"Tệp đính kèm {index}"
        reference = _sub(manifest, "Reference")
        reference.set(f"{{{XLINK}}}href", f"cid:{content_id}")
        reference.set(f"{{{XLINK}}}type", "simple")
        _sub(reference, "Description", description)
        _sub(reference, "AttachmentName", attachment.name)
        _sub(reference, "ContentType", attachment.content_type)
        _sub(reference, "ContentId", f"cid:{content_id}")
        item = _sub(encoded, "Attachment")
        _sub(item, "ContentType", attachment.content_type)
        _sub(item, "ContentId", content_id)
        _sub(item, "Description", description)
        _sub(item, "ContentTransferEncoded", base64.b64encode(attachment.data).decode("ascii"))
        _sub(item, "AttachmentName", attachment.name)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# ---------------------------------------------------------------- reading


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(node, name: str):
    if node is None:
        return None
    for child in node:
        if _local(child.tag) == name:
            return child
    return None


def _children(node, name: str) -> list:
    if node is None:
        return []
    return [child for child in node if _local(child.tag) == name]


def _find(node, name: str):
    """The first descendant named `name` (any namespace)."""
    if node is None:
        return None
    for element in node.iter():
        if _local(element.tag) == name:
            return element
    return None


def _text(node, name: str) -> str:
    element = _child(node, name)
    return (element.text or "").strip() if element is not None else ""


DATE_FORMATS = ("%Y/%m/%d", "%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M:%S")


def parse_date(raw: str) -> datetime.date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    for candidate in (raw, raw[:10]):
        for fmt in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


def _read_organ(node) -> Organ:
    return Organ(
        organ_id=_text(node, "OrganId"),
        name=_text(node, "OrganName"),
        in_charge=_text(node, "OrganInCharge") or _text(node, "OrganizationInCharge"),
        address=_text(node, "OrganAdd"),
        email=_text(node, "Email"),
        telephone=_text(node, "Telephone"),
    )


def parse(data: bytes) -> EdxmlDocument:
    """The document of a package; EdxmlError (translated) when it is not a readable edXML
    package with the metadata a register needs (sender, number and symbol, date, subject)."""
    if len(data) > MAX_PACKAGE_BYTES:
        raise EdxmlError(_("The edXML package is too large."))
    try:
        root = SafeET.fromstring(data)
    except Exception as exc:
        raise EdxmlError(_("The file is not a readable XML document.")) from exc
    message = _find(root, "MessageHeader")
    if message is None:
        raise EdxmlError(_("The file is not an edXML package (no MessageHeader)."))
    sender_node = _child(message, "From")
    if sender_node is None:
        raise EdxmlError(_("The edXML package does not say who sent it (From)."))
    code = _child(message, "Code")
    promulgation = _child(message, "PromulgationInfo")
    doc_type = _child(message, "DocumentType")
    signer = _child(message, "SignerInfo")
    date_raw = _text(promulgation, "PromulgationDate") or _text(promulgation, "Date")
    date = parse_date(date_raw)
    if date is None:
        raise EdxmlError(
            _("The edXML package has no readable date of issue (PromulgationDate: %(value)s).")
            % {"value": date_raw or "—"}
        )
    subject = _text(message, "Subject")
    number, notation = _text(code, "CodeNumber"), _text(code, "CodeNotation")
    if not notation and not number:
        raise EdxmlError(_("The edXML package has no number and symbol (Code)."))
    if not subject:
        raise EdxmlError(_("The edXML package has no subject."))
    if "/" in number and not notation:
        number, notation = split_number_symbol(number)
    attachments = []
    names = {}
    for reference in _children(
        _find(root, "edXMLManifest") or _find(root, "Manifest"), "Reference"
    ):
        cid = (reference.get(f"{{{XLINK}}}href") or _text(reference, "ContentId")).removeprefix(
            "cid:"
        )
        names[cid] = _text(reference, "AttachmentName")
    for item in _children(_find(root, "AttachmentEncoded"), "Attachment"):
        cid = _text(item, "ContentId").removeprefix("cid:")
        name = _text(item, "AttachmentName") or names.get(cid, "") or f"{cid}.bin"
        try:
            content = base64.b64decode(
                re.sub(r"\s+", "", _text(item, "ContentTransferEncoded")), validate=True
            )
        except (binascii.Error, ValueError) as exc:
            raise EdxmlError(
                _("The attached file %(name)s of the package is damaged.") % {"name": name}
            ) from exc
        attachments.append(
            Attachment(
                name=name,
                content_type=_text(item, "ContentType"),
                data=content,
                description=_text(item, "Description"),
            )
        )
    page_amount = _text(_child(message, "OtherInfo"), "PageAmount")
    return EdxmlDocument(
        sender=_read_organ(sender_node),
        recipients=[_read_organ(node) for node in _children(message, "To")],
        code_number=number,
        code_notation=notation,
        place=_text(promulgation, "Place"),
        date=date,
        type_name=_text(doc_type, "TypeName") or TYPE_NAMES.get(_text(doc_type, "Type"), ""),
        type_code=_text(doc_type, "Type"),
        subject=subject,
        content=_text(message, "Content"),
        signer_name=_text(signer, "FullName"),
        signer_position=_text(signer, "Position"),
        competence=_text(signer, "Competence"),
        due_date=parse_date(_text(message, "DueDate")),
        page_amount=int(page_amount) if re.fullmatch(r"[0-9]{1,6}", page_amount) else 1,
        attachments=attachments,
        document_id=_text(message, "DocumentId"),
        to_places=[
            (p.text or "").strip()
            for p in _children(_child(message, "ToPlaces"), "Place")
            if (p.text or "").strip()
        ],
    )
