"""The consolidated report (báo cáo tổng hợp) as a document kind."""

from __future__ import annotations

import io
import zipfile

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.reporting.permissions import ROUND_VIEW

from . import builders, frozen, selectors
from .engine import pdf_available, render_docx, render_pdf, render_xlsx
from .kinds import DocumentKind
from .models import ConsolidatedReport, JobFormat


def report_scope(actor, target_id: int):
    report = selectors.report_for_document(actor, target_id)
    return report.round.owner_unit, ROUND_VIEW


def report_page(target_id: int) -> str:
    report = ConsolidatedReport.objects.filter(pk=target_id).only("round_id").first()
    return reverse("documents:round", kwargs={"round_id": report.round_id}) if report else ""


def report_files(
    report, *, user=None, formats=("docx",), progress=None, with_charts=True
) -> dict[str, bytes]:
    """Render the consolidated report in `formats` ("docx", "xlsx", "pdf"): {fmt: bytes}."""
    progress = progress or (lambda p, m: None)
    progress(10, _("Summing the figures…"))
    doc, annexes = builders.report_document(report, user=user, with_charts=with_charts)
    out: dict[str, bytes] = {}
    if "docx" in formats or "pdf" in formats:
        progress(40, _("Laying out the Word document…"))
        out["docx"] = render_docx(doc, builders.template_for(doc.kind))
    if "xlsx" in formats:
        progress(60, _("Writing the annex spreadsheet…"))
        out["xlsx"] = render_xlsx(annexes, f"Báo cáo {report.number_symbol}")
    if "pdf" in formats:
        progress(70, _("Converting to PDF with LibreOffice…"))
        out["pdf"] = render_pdf(out["docx"])
    return out


def build_report(job, progress) -> tuple[str, bytes]:
    report = ConsolidatedReport.objects.select_related("round", "round__owner_unit").get(
        pk=job.target_id
    )
    stem = builders.report_file_stem(report)
    package_formats = ("docx", "xlsx", "pdf") if pdf_available() else ("docx", "xlsx")
    version = report.frozen_version
    if version is not None:
        # A final report is what was frozen: the kept files, the same bytes every time.
        progress(30, _("Reading the finalised version…"))
        if job.fmt == JobFormat.ZIP:
            progress(50, _("Packing the files…"))
            data = frozen.package(version, package_formats)
            return frozen.file_name(report, version.number, "zip"), data
        row, data = frozen.file_bytes(version, job.fmt)
        return row.file_name, data
    if job.fmt == JobFormat.ZIP:
        files = report_files(
            report, user=job.created_by, formats=package_formats, progress=progress
        )
        progress(90, _("Packing the files…"))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for fmt, data in files.items():
                zf.writestr(builders.safe_file_name(f"{stem}.{fmt}"), data)
            if "pdf" not in files:
                zf.writestr(
                    "KHONG-CO-PDF.txt",
                    "Máy chủ chưa cài LibreOffice nên gói này không có bản PDF.\n",
                )
        return builders.safe_file_name(f"{stem}.zip"), buffer.getvalue()
    files = report_files(report, user=job.created_by, formats=(job.fmt,), progress=progress)
    return builders.safe_file_name(f"{stem}.{job.fmt}"), files[job.fmt]


REPORT = DocumentKind(
    key="report",
    label=gettext_lazy("Consolidated report"),
    formats=(JobFormat.DOCX, JobFormat.XLSX, JobFormat.PDF, JobFormat.ZIP),
    target_scope=report_scope,
    build=build_report,
    page=report_page,
)
