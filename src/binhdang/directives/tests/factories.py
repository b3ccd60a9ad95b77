"""Directives for tests, built through the services as the standing office would."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from binhdang.directives.models import DirectiveType
from binhdang.directives.services import (
    LegalBasisData,
    TaskData,
    attachment_add,
    directive_create,
    directive_issue,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_directive(
    world,
    *,
    number="100/UBND-LĐTBXH",
    subject="triển khai công tác bình đẳng giới năm 2023",
    issuing_unit=None,
    actor=None,
    recipients=None,
    groups=(),
    lead=None,
    cooperating=(),
    due_on=None,
    issue=True,
    implements=None,
    bases=(),
):
    issuing_unit = issuing_unit or world.district
    actor = actor or (world.admin if issuing_unit == world.province else world.standing_office)
    recipients = [world.commune_a] if recipients is None else recipients
    lead = [world.commune_a] if lead is None else lead
    directive = directive_create(
        actor=actor,
        data={
            "doc_type": DirectiveType.CONG_VAN,
            "number_symbol": number,
            "issued_on": date(2023, 4, 14),
            "place": "Vị Xuyên",
            "issuing_unit": issuing_unit,
            "subject": subject,
            "implements": implements,
        },
        tasks=[
            TaskData(number="1", title="Công tác tuyên truyền"),
            TaskData(
                number="1.1",
                text="Tuyên truyền, phổ biến pháp luật.",
                due_on=due_on,
                lead_units=list(lead),
                cooperating_units=list(cooperating),
            ),
        ],
        legal_bases=list(bases),
        recipient_units=recipients,
        recipient_groups=groups,
    )
    if issue:
        directive = directive_issue(actor=actor, directive=directive, notify_units=False)
    return directive


def make_attachment(world, directive, name="Công văn 760 bản ký.pdf", content=PDF):
    return attachment_add(
        actor=world.standing_office,
        directive=directive,
        uploaded=SimpleUploadedFile(name, content, content_type="application/pdf"),
    )


__all__ = ["LegalBasisData", "make_attachment", "make_directive"]
