"""Consolidation pages, document generation with progress, downloads."""

import base64
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import frozen, jobs, panels, selectors, services
from .builders import ascii_name
from .engine import PdfError, pdf_available
from .forms import HeaderForm, ReopenForm, SectionTextForm, SendRecordForm, UpwardForm
from .kinds import JobFailed, kind_for, require_kind
from .models import JobFormat, JobStatus

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "zip": "application/zip",
}


def _formats(kind: str) -> list[JobFormat]:
    """The buttons of a kind's document, in the order the kind lists its formats."""
    return [JobFormat(fmt) for fmt in require_kind(kind).formats]


def _round_url(reporting_round) -> str:
    return reverse("documents:round", kwargs={"round_id": reporting_round.pk})


def _report_or_404(user, reporting_round):
    report = selectors.report_of(user, reporting_round)
    if report is None:
        raise Http404
    return report


@login_required
def report_list(request):
    return render(
        request,
        "documents/list.html",
        {
            "rounds": selectors.visible_rounds(request.user).select_related(
                "owner_unit", "consolidated_report"
            )[:200]
        },
    )


@login_required
def round_report(request, round_id: int):
    reporting_round = selectors.round_for(request.user, round_id)
    report = selectors.report_of(request.user, reporting_round)
    version = report.frozen_version if report is not None else None
    # A final report shows what was frozen; a draft what the database holds now.
    figures = (
        frozen.figures_of(version)
        if version
        else selectors.round_figures(request.user, reporting_round)
    )
    can_consolidate = selectors.can_consolidate(request.user, reporting_round)
    context = {
        "round": reporting_round,
        "report": report,
        "version": version,
        "figures": figures,
        "can_consolidate": can_consolidate,
        "can_sign": selectors.can_sign(request.user, reporting_round),
        "pdf_available": pdf_available(),
        "formats_report": _formats("report"),
    }
    if report is not None:
        from binhdang.reporting.models import NarrativePart

        from .compilation import PART_LABELS

        labels = {**dict(NarrativePart.choices), **PART_LABELS}
        sections = selectors.sections_of(request.user, report)
        for s in sections:
            s.part_label = labels.get(s.part, s.part)
            s.figures = (
                figures.for_section(s.form_section_id) if s.part in ("results", "done") else []
            )
        # Figures show once per form section, under its first part.
        shown = set()
        for s in sections:
            if s.form_section_id in shown:
                s.figures = []
            elif s.figures:
                shown.add(s.form_section_id)
        parent_rounds = list(
            selectors.parent_round_candidates(request.user, reporting_round).select_related(
                "owner_unit"
            )
        )
        refusal = services.reopen_refusal(report)
        context.update(
            report_hidden=not selectors.report_text_visible(request.user, report),
            sections=sections,
            send_records=selectors.send_records_of(request.user, report),
            send_form=SendRecordForm(),
            upward_form=UpwardForm(parent_rounds=parent_rounds),
            reopen_form=ReopenForm() if can_consolidate and refusal is None else None,
            reopen_refusal=refusal if not report.is_editable else None,
            jobs=selectors.recent_jobs(request.user, "report", report.pk),
            parent_rounds=parent_rounds,
            pending_count=sum(1 for s in sections if s.pending),
            versions=selectors.versions_of(request.user, report),
            arrivals=frozen.arrivals_after(version) if version else [],
            version_panels=panels.version_panels(request, report, version) if version else [],
        )
    return render(request, "documents/round.html", context)


@login_required
@require_POST
def compile_view(request, round_id: int):
    reporting_round = selectors.round_for(request.user, round_id)
    try:
        services.compile_report(actor=request.user, round=reporting_round)
        messages.success(request, _("The report was compiled from the accepted submissions."))
    except services.DocumentError as exc:
        messages.error(request, str(exc))
    return redirect(_round_url(reporting_round))


@login_required
def header_view(request, round_id: int):
    reporting_round = selectors.round_for(request.user, round_id)
    report = _report_or_404(request.user, reporting_round)
    selectors.require_visible(selectors.can_consolidate(request.user, reporting_round))
    form = HeaderForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update_header(
                actor=request.user, report=report, values=form.cleaned_data
            )
            messages.success(request, _("The report header was saved."))
            return redirect(_round_url(reporting_round))
        except services.DocumentError as exc:
            form.add_error(None, str(exc))
    return render(
        request, "documents/header.html", {"round": reporting_round, "report": report, "form": form}
    )


@login_required
@require_POST
def section_view(request, round_id: int, section_id: int):
    reporting_round = selectors.round_for(request.user, round_id)
    report = _report_or_404(request.user, reporting_round)
    action = request.POST.get("action", "save")
    form = SectionTextForm(request.POST)
    try:
        if action == "reset":
            services.section_reset(actor=request.user, report=report, section_id=section_id)
            messages.success(request, _("The section follows the compiled text again."))
        elif not form.is_valid():
            messages.error(request, _("The text could not be saved: it is too long."))
        else:
            services.section_edit(
                actor=request.user,
                report=report,
                section_id=section_id,
                text=form.cleaned_data["text"],
            )
            messages.success(request, _("Your text was saved."))
    except services.DocumentError as exc:
        messages.error(request, str(exc))
    return redirect(f"{_round_url(reporting_round)}#section-{section_id}")


@login_required
@require_POST
def pending_view(request, round_id: int, section_id: int, unit_id: int):
    reporting_round = selectors.round_for(request.user, round_id)
    report = _report_or_404(request.user, reporting_round)
    try:
        services.section_take_pending(
            actor=request.user, report=report, section_id=section_id, unit_id=unit_id,
            insert=request.POST.get("action") != "dismiss",
        )  # fmt: skip
    except services.DocumentError as exc:
        messages.error(request, str(exc))
    return redirect(f"{_round_url(reporting_round)}#section-{section_id}")


@login_required
@require_POST
def status_view(request, round_id: int):
    reporting_round = selectors.round_for(request.user, round_id)
    report = _report_or_404(request.user, reporting_round)
    try:
        if request.POST.get("action") == "reopen":
            services.report_reopen(
                actor=request.user, report=report, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The report is a draft again."))
        else:
            report = services.report_finalise(actor=request.user, report=report)
            messages.success(request, _("The report is final."))
    except services.DocumentError as exc:
        messages.error(request, str(exc))
    return redirect(_round_url(reporting_round))


@login_required
@require_POST
def send_record_view(request, round_id: int):
    reporting_round = selectors.round_for(request.user, round_id)
    report = _report_or_404(request.user, reporting_round)
    selectors.require_visible(selectors.can_consolidate(request.user, reporting_round))
    form = SendRecordForm(request.POST)
    if form.is_valid():
        try:
            services.send_record_add(actor=request.user, report=report, **form.cleaned_data)
            messages.success(request, _("The sending was recorded."))
        except services.DocumentError as exc:
            messages.error(request, str(exc))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(f"{_round_url(reporting_round)}#sending")


@login_required
@require_POST
def submit_upward_view(request, round_id: int):
    reporting_round = selectors.round_for(request.user, round_id)
    report = _report_or_404(request.user, reporting_round)
    selectors.require_visible(selectors.can_consolidate(request.user, reporting_round))
    parent_rounds = selectors.parent_round_candidates(request.user, reporting_round)
    form = UpwardForm(request.POST, parent_rounds=parent_rounds.select_related("owner_unit"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(f"{_round_url(reporting_round)}#sending")
    parent = selectors.parent_round_for(
        request.user, reporting_round, form.cleaned_data["parent_round"]
    )
    try:
        services.report_submit_upward(
            actor=request.user, report=report, parent_round=parent,
            sent_on=form.cleaned_data["sent_on"],
        )  # fmt: skip
        messages.success(
            request,
            _("The report was submitted as this unit's report to “%(round)s”.")
            % {"round": parent.title},
        )
    except services.DocumentError as exc:
        messages.error(request, str(exc))
    return redirect(f"{_round_url(reporting_round)}#sending")


@login_required
@require_GET
def version_download(request, round_id: int, number: int, fmt: str):
    """One file of a finalised version, the bytes stored at its finalisation (the PDF is
    converted from the kept Word file the first time)."""
    reporting_round = selectors.round_for(request.user, round_id)
    report = _report_or_404(request.user, reporting_round)
    version = selectors.version_of(request.user, report, number)
    if fmt not in (JobFormat.DOCX, JobFormat.XLSX, JobFormat.PDF):
        raise Http404
    if fmt == JobFormat.PDF and fmt not in frozen.files_of(version) and not pdf_available():
        raise Http404
    try:
        row, data = frozen.file_bytes(version, fmt)
    except (FileNotFoundError, PdfError):
        raise Http404 from None
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(row.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    # RFC 9530: the client can check what it received against the hash on the page.
    response["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(row.sha256)).decode()}:"
    return response


# ---------------------------------------------------------------- other documents


@login_required
def directive_view(request, pk: int):
    directive = selectors.directive_for_document(request.user, pk)
    kind = require_kind("directive")
    return render(
        request,
        "documents/target.html",
        {
            "kind": kind.key,
            "target": directive,
            "title": _("Directive %(number)s as an official dispatch")
            % {"number": directive.number_symbol},
            "formats": _formats(kind.key),
            "jobs": selectors.recent_jobs(request.user, kind.key, directive.pk),
            "pdf_available": pdf_available(),
        },
    )


@login_required
def submission_view(request, pk: int):
    submission = selectors.submission_for_document(request.user, pk)
    kind = require_kind("submission")
    return render(
        request,
        "documents/target.html",
        {
            "kind": kind.key,
            "target": submission,
            "title": _("Report of %(unit)s as its own document")
            % {"unit": submission.org_unit.name},
            "formats": _formats(kind.key),
            "jobs": selectors.recent_jobs(request.user, kind.key, submission.pk),
            "pdf_available": pdf_available(),
        },
    )


# ---------------------------------------------------------------- jobs


@login_required
@require_POST
def job_create_view(request):
    kind = request.POST.get("kind", "")
    fmt = request.POST.get("fmt", "")
    try:
        target_id = int(request.POST.get("target", ""))
    except ValueError:
        raise Http404 from None
    try:
        job = jobs.job_create(actor=request.user, kind=kind, target_id=target_id, fmt=fmt)
    except JobFailed as exc:
        messages.error(request, str(exc))
        return redirect(request.POST.get("back") if _safe_back(request) else "documents:list")
    return redirect("documents:job", pk=job.pk)


def _safe_back(request) -> bool:
    back = request.POST.get("back", "")
    return back.startswith("/documents/") and "//" not in back


@login_required
@require_GET
def job_view(request, pk: int):
    job = selectors.job_for(request.user, pk)
    return render(
        request,
        "documents/job.html",
        {"job": job, "back": _job_back(job), "job_panels": panels.job_panels(request, job)},
    )


def _job_back(job) -> str:
    """The page the job was ordered from, as its kind names it."""
    kind = kind_for(job.kind)
    return kind.page(job.target_id) if kind is not None and kind.page is not None else ""


@login_required
@require_GET
def job_status(request, pk: int):
    job = selectors.job_for(request.user, pk)
    return JsonResponse(
        {
            "id": job.pk,
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "message": job.message,
            "error": job.error,
            "download_url": reverse("documents:download", kwargs={"pk": job.pk})
            if job.status == JobStatus.DONE
            else "",
            "file_name": job.file_name,
        }
    )


def content_disposition(name: str) -> str:
    """attachment with an ASCII fallback and the Vietnamese name per RFC 5987/6266."""
    return f"attachment; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


@login_required
@require_GET
def download(request, pk: int):
    job = selectors.job_for(request.user, pk)
    if job.status != JobStatus.DONE or not job.file or not jobs.job_visible_to(request.user, job):
        raise Http404
    try:
        handle = default_storage.open(job.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type=CONTENT_TYPES.get(job.fmt, "application/octet-stream")
    )
    response["Content-Disposition"] = content_disposition(job.file_name)
    response["Content-Length"] = str(job.size)
    response["X-Content-Type-Options"] = "nosniff"
    return response
