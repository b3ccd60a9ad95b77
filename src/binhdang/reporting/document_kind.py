"""A unit's report on its own letterhead: the submission's document kind."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.documents import builders, selectors
from binhdang.documents.engine import render_docx, render_pdf, render_xlsx
from binhdang.documents.kinds import DocumentKind
from binhdang.reporting.permissions import SUBMISSION_VIEW

from .models import Submission


def submission_scope(actor, target_id: int):
    submission = selectors.submission_for_document(actor, target_id)
    return submission.org_unit, SUBMISSION_VIEW


def build_submission(job, progress) -> tuple[str, bytes]:
    submission = Submission.objects.select_related(
        "round",
        "round__owner_unit",
        "round__standing_office",
        "round__directive",
        "org_unit",
        "org_unit__parent",
    ).get(pk=job.target_id)
    progress(30, _("Laying out the Word document…"))
    doc, annexes = builders.submission_document(submission)
    stem = builders.submission_file_stem(submission)
    if job.fmt == "xlsx":
        return builders.safe_file_name(f"{stem}.xlsx"), render_xlsx(annexes, stem)
    data = render_docx(doc, builders.template_for(doc.kind))
    if job.fmt == "pdf":
        progress(60, _("Converting to PDF with LibreOffice…"))
        data = render_pdf(data)
    return builders.safe_file_name(f"{stem}.{job.fmt}"), data


SUBMISSION = DocumentKind(
    key="submission",
    label=gettext_lazy("A unit's own report"),
    formats=("docx", "xlsx", "pdf"),
    target_scope=submission_scope,
    build=build_submission,
    page=lambda target_id: reverse("documents:submission", kwargs={"pk": target_id}),
)
