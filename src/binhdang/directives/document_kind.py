"""A directive laid out as an official dispatch (công văn): the directive's document kind."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.directives.permissions import DIRECTIVE_VIEW
from binhdang.documents import builders, selectors
from binhdang.documents.engine import render_docx, render_pdf
from binhdang.documents.kinds import DocumentKind

from .models import Directive


def directive_scope(actor, target_id: int):
    # The directive's readers are decided by the register's own rules; the job is then
    # scoped to its issuing unit and re-checked against the register on download.
    directive = selectors.directive_for_document(actor, target_id)
    return directive.issuing_unit, DIRECTIVE_VIEW


def build_directive(job, progress) -> tuple[str, bytes]:
    directive = Directive.objects.select_related("issuing_unit", "issuing_unit__parent").get(
        pk=job.target_id
    )
    progress(30, _("Laying out the Word document…"))
    doc = builders.directive_document(directive)
    data = render_docx(doc, builders.template_for(doc.kind))
    if job.fmt == "pdf":
        progress(60, _("Converting to PDF with LibreOffice…"))
        data = render_pdf(data)
    return builders.safe_file_name(f"{builders.directive_file_stem(directive)}.{job.fmt}"), data


DIRECTIVE = DocumentKind(
    key="directive",
    label=gettext_lazy("Directive as an official dispatch"),
    formats=("docx", "pdf"),
    target_scope=directive_scope,
    build=build_directive,
    page=lambda target_id: reverse("documents:directive", kwargs={"pk": target_id}),
)
