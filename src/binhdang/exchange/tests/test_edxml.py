"""edXML packages (QCVN 102:2016): a finalised report exported with its metadata and files,
an incoming package read into the directive register, and what is refused."""

import base64
import datetime
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.directives.models import Directive, DirectiveStatus
from binhdang.documents.engine import pdf_available
from binhdang.exchange import edxml
from binhdang.exchange.models import ExchangeRecord, OrganCode, SignatureCheck
from binhdang.exchange.registry import EdxmlFileService, exchange_service
from tests.html_forms import form

from .helpers import sign, simple_pdf

pytestmark = pytest.mark.django_db


def _document(**changes) -> edxml.EdxmlDocument:
    values = {
        "sender": edxml.Organ("000.00.30.H20", "UBND huyện Vị Xuyên"),
        "recipients": [edxml.Organ("000.00.00.H20", "UBND tỉnh Hà Giang")],
        "code_number": "760",
        "code_notation": "UBND-LĐTBXH",
        "place": "Vị Xuyên",
        "date": datetime.date(2023, 4, 14),
        "type_name": "Công văn",
        "subject": "V/v triển khai công tác bình đẳng giới năm 2023",
        "signer_name": "Đặng Thị Phượng",
        "signer_position": "Phó Chủ tịch",
        "competence": "KT. CHỦ TỊCH",
        "attachments": [edxml.Attachment("Công văn 760.pdf", "application/pdf", simple_pdf())],
    }
    values.update(changes)
    return edxml.EdxmlDocument(**values)


def test_a_package_reads_back_as_it_was_written():
    document = _document()
    data = edxml.build(document)
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b'xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"' in data
    assert b"<edXML:PromulgationDate>2023/04/14</edXML:PromulgationDate>" in data
    back = edxml.parse(data)
    assert (back.sender.organ_id, back.sender.name) == ("000.00.30.H20", "UBND huyện Vị Xuyên")
    assert back.number_symbol == "760/UBND-LĐTBXH"
    assert back.date == datetime.date(2023, 4, 14)
    assert back.signer_name == "Đặng Thị Phượng" and back.signer_position == "Phó Chủ tịch"
    assert back.document_id == "000.00.30.H20,2023/04/14,760/UBND-LĐTBXH"
    assert [(a.name, a.data) for a in back.attachments] == [("Công văn 760.pdf", simple_pdf())]


def test_a_package_of_another_system_with_its_own_prefix_is_read():
    pdf = base64.b64encode(simple_pdf()).decode()
    data = f"""<?xml version="1.0" encoding="UTF-8"?>
<ns2:edXMLEnvelope xmlns:ns2="http://www.mic.gov.vn/TBT/QCVN_102_2016"><ns2:edXMLHeader>
<ns2:MessageHeader><ns2:From><ns2:OrganId>000.00.00.H20</ns2:OrganId>
<ns2:OrganName>UBND tỉnh Hà Giang</ns2:OrganName></ns2:From>
<ns2:Code><ns2:CodeNumber>961</ns2:CodeNumber><ns2:CodeNotation>UBND-VHXH</ns2:CodeNotation></ns2:Code>
<ns2:PromulgationInfo><ns2:Place>Hà Giang</ns2:Place><ns2:PromulgationDate>2023-04-06</ns2:PromulgationDate></ns2:PromulgationInfo>
<ns2:DocumentType><ns2:Type>1</ns2:Type><ns2:TypeName>Công văn</ns2:TypeName></ns2:DocumentType>
<ns2:Subject>V/v triển khai công tác bình đẳng giới</ns2:Subject></ns2:MessageHeader></ns2:edXMLHeader>
<ns2:AttachmentEncoded><ns2:Attachment><ns2:ContentId>a1</ns2:ContentId>
<ns2:AttachmentName>CV 961.pdf</ns2:AttachmentName><ns2:ContentType>application/pdf</ns2:ContentType>
<ns2:ContentTransferEncoded>{pdf[:40]}
{pdf[40:]}</ns2:ContentTransferEncoded></ns2:Attachment></ns2:AttachmentEncoded>
</ns2:edXMLEnvelope>"""
    back = edxml.parse(data.encode())
    assert back.number_symbol == "961/UBND-VHXH" and back.date == datetime.date(2023, 4, 6)
    assert back.sender.name == "UBND tỉnh Hà Giang" and back.type_name == "Công văn"
    assert [(a.name, a.data) for a in back.attachments] == [("CV 961.pdf", simple_pdf())]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"not xml", "XML"),
        (b"<a/>", "MessageHeader"),
        (
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b"<a>&e;</a>",
            "XML",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx"><!ENTITY y "&x;&x;">]><a>&y;</a>',
            "XML",
        ),
    ],
)
def test_what_is_not_an_edxml_package_is_refused(data, message):
    with pytest.raises(edxml.EdxmlError, match=message):
        edxml.parse(data)


def test_a_package_without_a_date_or_number_is_refused():
    data = edxml.build(_document(code_number="", code_notation=""))
    with pytest.raises(edxml.EdxmlError):
        edxml.parse(data)
    data = edxml.build(_document()).replace(b"2023/04/14", b"14 thang 4")
    with pytest.raises(edxml.EdxmlError, match="14 thang 4"):
        edxml.parse(data)


def test_the_service_registry_gives_the_file_service():
    service = exchange_service("edxml")
    assert isinstance(service, EdxmlFileService)
    delivery = service.deliver(_document())
    assert delivery.file_name == "760-UBND-LĐTBXH.edxml"
    assert service.receive(delivery.data).subject == _document().subject


def _import_page(client, user):
    client.force_login(user)
    return client.get(reverse("exchange:import")).content.decode()


def _post_import(client, page, data: bytes, name="van-ban.edxml", **changes):
    upload = form(page, id="import-form")
    fields = upload.data(**changes)
    fields["package"] = SimpleUploadedFile(name, data, "application/xml")
    return client.post(reverse("exchange:import"), fields)


def test_an_incoming_package_goes_into_the_register_with_its_signed_file(world, client, trusted):
    OrganCode.objects.create(org_unit=world.district, organ_id="000.00.30.H20")
    signed = sign(simple_pdf(), trusted.issue("Đặng Thị Phượng"))
    nfd = unicodedata.normalize("NFD", "V/v triển khai công tác bình đẳng giới năm 2023")
    package = edxml.build(
        _document(
            subject=nfd,
            recipients=[edxml.Organ("", "Xã Phú Linh")],
            attachments=[edxml.Attachment("Công văn 760 ký số.pdf", "application/pdf", signed)],
        )
    )
    page = _import_page(client, world.standing_office)
    response = _post_import(client, page, package)
    directive = Directive.objects.get()
    assert response.url == reverse("directives:detail", kwargs={"pk": directive.pk})
    assert directive.number_symbol == "760/UBND-LĐTBXH"
    assert directive.subject == unicodedata.normalize("NFC", nfd)
    assert directive.issuing_unit == world.district
    assert directive.status == DirectiveStatus.DRAFT and directive.doc_type == "cong_van"
    assert directive.issued_on == datetime.date(2023, 4, 14)
    assert directive.signer_name == "Đặng Thị Phượng"
    assert list(directive.recipient_units.all()) == [world.commune_a]
    [attachment] = directive.attachments.all()
    assert attachment.original_name == "Công văn 760 ký số.pdf"
    assert SignatureCheck.objects.get().status == "valid"
    record = ExchangeRecord.objects.get()
    assert (record.direction, record.directive) == ("import", directive)
    assert AuditEntry.objects.filter(action="directive.edxml_import", object_id=str(directive.pk))
    # The same package again is refused; nothing is added.
    again = _post_import(client, page, package)
    assert again.status_code == 400
    assert "760/UBND-LĐTBXH" in again.content.decode()
    assert Directive.objects.count() == 1


def test_a_package_from_an_unknown_sender_needs_the_register_chosen(world, client, trusted):
    package = edxml.build(_document(sender=edxml.Organ("000.00.99.H99", "Sở Nội vụ tỉnh X")))
    page = _import_page(client, world.standing_office)
    refused = _post_import(client, page, package)
    assert refused.status_code == 400
    assert "Sở Nội vụ tỉnh X" in refused.content.decode()
    assert not Directive.objects.exists()
    chosen = form(page, id="import-form").option("issuing_unit", "Huyện Vị Xuyên")
    response = _post_import(client, page, package, issuing_unit=chosen)
    assert response.status_code == 302
    assert Directive.objects.get().issuing_unit == world.district


def test_a_broken_package_is_refused_with_a_message_and_nothing_changes(world, client):
    page = _import_page(client, world.standing_office)
    response = _post_import(client, page, b"<html>not edxml</html>")
    assert response.status_code == 400
    assert "MessageHeader" in response.content.decode()
    assert not Directive.objects.exists() and not ExchangeRecord.objects.exists()


def test_the_import_page_is_for_those_who_manage_a_register(world, client):
    client.force_login(world.reporter_a)
    assert client.get(reverse("exchange:import")).status_code == 404


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice is needed for the report's PDF")
def test_the_finalised_report_is_exported_with_its_metadata_and_files(world, client, trusted):
    from .test_signed_report import _final_report

    OrganCode.objects.create(org_unit=world.district, organ_id="000.00.30.H20")
    report = _final_report(world)
    client.force_login(world.standing_office)
    page = client.get(reverse("documents:round", kwargs={"round_id": report.round_id}))
    href = (
        reverse("exchange:export", kwargs={"round_id": report.round_id, "number": 1})
        + "?service=edxml"
    )
    assert href in page.content.decode()
    response = client.get(href)
    assert response["Content-Type"].startswith("application/xml")
    assert "125-BC-UBND.edxml" in response["Content-Disposition"]
    back = edxml.parse(response.content)
    assert back.sender.organ_id == "000.00.30.H20"
    assert back.sender.name == "Huyện Vị Xuyên"
    assert back.number_symbol == "125/BC-UBND" and back.date == datetime.date(2023, 12, 8)
    assert back.type_name == "Báo cáo" and back.signer_name == "Đặng Thị Phượng"
    assert back.subject == report.subject
    names = [a.name for a in back.attachments]
    assert [n.rsplit(".", 1)[1] for n in names] == ["pdf", "docx", "xlsx"]
    files = {f.fmt: f for f in report.frozen_version.files.all()}
    import hashlib

    assert hashlib.sha256(back.attachments[1].data).hexdigest() == files["docx"].sha256
    record = ExchangeRecord.objects.get()
    assert record.direction == "export" and record.report == report
    assert record.sha256 == hashlib.sha256(response.content).hexdigest()
    assert AuditEntry.objects.get(action="report.edxml_export").changes["signed"] is False
    # A viewer reads the report but does not export it.
    client.force_login(world.viewer)
    assert client.get(href).status_code == 404


def test_the_type_codes_follow_the_kinds_of_decree_30():
    assert edxml.type_code_of("Công văn") == "18"
    assert edxml.type_code_of(unicodedata.normalize("NFD", "Báo cáo")) == "14"
    assert edxml.type_code_of("Kế hoạch") == "10" and edxml.type_code_of("Văn bản") == ""
    data = edxml.build(_document())
    assert b"<edXML:Type>18</edXML:Type>" in data
    assert b"<edXML:OrganizationInCharge>" in data
    assert b"<edXML:BussinessDocType>0</edXML:BussinessDocType>" in data
    # A package giving only the code is read with the kind's name.
    back = edxml.parse(data.replace("<edXML:TypeName>Công văn</edXML:TypeName>".encode(), b""))
    assert back.type_name == "Công văn"


def _export_link(page: str) -> str:
    import html
    import re

    found = re.search(r'id="edxml-export" href="([^"]+)"', page)
    assert found, "no export button"
    return html.unescape(found.group(1))


def test_an_issued_directive_is_exported_and_reads_back_through_the_import(world, client, trusted):
    from binhdang.directives.tests.factories import make_attachment, make_directive

    OrganCode.objects.create(org_unit=world.district, organ_id="000.00.30.H20")
    OrganCode.objects.create(org_unit=world.commune_a, organ_id="000.30.31.H20")
    nfd = unicodedata.normalize("NFD", "triển khai công tác bình đẳng giới năm 2023")
    directive = make_directive(world, number="760/UBND-LĐTBXH", subject=nfd)
    Directive.objects.filter(pk=directive.pk).update(
        signer_name="Đặng Thị Phượng", signer_title="PHÓ CHỦ TỊCH",
        signing_authority="KT. CHỦ TỊCH", distribution_list="Như trên;\nLưu: VT, LĐTBXH.",
    )  # fmt: skip
    signed = sign(simple_pdf(), trusted.issue("Đặng Thị Phượng"))
    make_attachment(world, directive, "Công văn 760 ký số.pdf", signed)
    page_url = reverse("directives:detail", kwargs={"pk": directive.pk})
    # A commune the directive is addressed to reads it, so it may export it.
    client.force_login(world.reporter_a)
    href = _export_link(client.get(page_url).content.decode())
    response = client.get(href)
    assert response["Content-Type"].startswith("application/xml")
    assert "760-UBND-L%C4%90TBXH.edxml" in response["Content-Disposition"]
    back = exchange_service("edxml").receive(response.content)
    assert (back.sender.organ_id, back.sender.name) == ("000.00.30.H20", "Huyện Vị Xuyên")
    assert (back.code_number, back.code_notation) == ("760", "UBND-LĐTBXH")
    assert back.date == datetime.date(2023, 4, 14) and back.place == "Vị Xuyên"
    assert (back.type_code, back.type_name) == ("18", "Công văn")
    assert back.subject == unicodedata.normalize("NFC", nfd)
    assert (back.signer_name, back.signer_position, back.competence) == (
        "Đặng Thị Phượng", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH",
    )  # fmt: skip
    assert [(r.organ_id, r.name) for r in back.recipients] == [("000.30.31.H20", "Xã Phú Linh")]
    assert back.to_places == ["Như trên;", "Lưu: VT, LĐTBXH."]
    assert back.document_id == "000.00.30.H20,2023/04/14,760/UBND-LĐTBXH"
    assert [(a.name, a.data) for a in back.attachments] == [("Công văn 760 ký số.pdf", signed)]
    import hashlib

    record = ExchangeRecord.objects.get()
    assert (record.direction, record.directive, record.org_unit) == (
        "export", directive, world.district,
    )  # fmt: skip
    assert record.sha256 == hashlib.sha256(response.content).hexdigest()
    entry = AuditEntry.objects.get(action="directive.edxml_export")
    assert entry.actor == world.reporter_a and entry.changes["files"] == ["Công văn 760 ký số.pdf"]
    # Read by the import path into a register: the same metadata and the signed file.
    page = _import_page(client, world.standing_office)
    assert _post_import(client, page, response.content).status_code == 302
    imported = Directive.objects.exclude(pk=directive.pk).get()
    assert (imported.number_symbol, imported.issued_on, imported.doc_type) == (
        "760/UBND-LĐTBXH", datetime.date(2023, 4, 14), "cong_van",
    )  # fmt: skip
    assert imported.signer_name == "Đặng Thị Phượng" and imported.issuing_unit == world.district
    assert list(imported.recipient_units.all()) == [world.commune_a]
    assert imported.attachments.get().original_name == "Công văn 760 ký số.pdf"
    assert SignatureCheck.objects.filter(status="valid").count() == 2
    # Whoever does not read the directive gets nothing.
    client.force_login(world.outsider)
    assert client.get(href).status_code == 404
    assert ExchangeRecord.objects.filter(direction="export").count() == 1


def test_a_draft_directive_has_no_export_and_is_refused(world, client):
    from binhdang.directives.tests.factories import make_directive

    draft = make_directive(world, number="761/UBND-LĐTBXH", issue=False)
    client.force_login(world.standing_office)
    page = client.get(reverse("directives:detail", kwargs={"pk": draft.pk})).content.decode()
    assert 'id="edxml-export"' not in page
    url = reverse("exchange:directive_export", kwargs={"pk": draft.pk}) + "?service=edxml"
    answer = client.get(url, follow=True).content.decode()
    assert "ban hành văn bản trước" in answer
    assert not ExchangeRecord.objects.exists()


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice is needed for the directive's PDF")
def test_a_directive_without_a_stored_pdf_goes_with_its_official_format_files(world, client):
    from binhdang.directives.tests.factories import make_directive

    directive = make_directive(world, number="762/UBND-LĐTBXH")
    client.force_login(world.standing_office)
    page = client.get(reverse("directives:detail", kwargs={"pk": directive.pk})).content.decode()
    back = edxml.parse(client.get(_export_link(page)).content)
    assert [a.name.rsplit(".", 1)[1] for a in back.attachments] == ["pdf", "docx"]
    assert back.attachments[0].data.startswith(b"%PDF")
    assert back.recipients[0].organ_id == world.commune_a.code
