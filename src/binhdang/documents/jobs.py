"""Background generation of documents, with progress.

`job_create` queues a DocumentJob and, after the transaction commits, hands it to a small
thread pool in the web process. `binhdang run-document-jobs` (a timer or a worker loop) picks
up what the pool did not finish: queued jobs left by a restart, and running jobs whose
heartbeat stopped (the process died), so a crash never leaves a job stuck.

The result file is written to the default storage first; only then is the job marked done,
in one transaction, and the file is deleted again if that fails: no job row ever points at a
missing file.

BINHDANG_DOCUMENT_JOBS selects the runner: "thread" (default), "inline" (in the request,
after commit; used by tests and scripts) or "command" (left to run-document-jobs only).
"""

from __future__ import annotations

import datetime
import io
import logging
import os
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from binhdang.accounts.permissions import DIRECTIVE_VIEW, ROUND_VIEW, SUBMISSION_VIEW
from binhdang.audit.services import record

from . import builders, frozen, selectors
from .engine import PdfError, pdf_available, render_docx, render_pdf, render_xlsx
from .models import ConsolidatedReport, DocumentJob, JobFormat, JobKind, JobStatus

log = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(minutes=5)
MAX_ATTEMPTS = 3
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


class JobFailed(Exception):
    """Generation failed with a message for the user (Vietnamese)."""


def jobs_mode() -> str:
    return getattr(settings, "BINHDANG_DOCUMENT_JOBS", None) or os.environ.get(
        "BINHDANG_DOCUMENT_JOBS", "thread"
    )


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="binhdang-doc")
        return _executor


# ---------------------------------------------------------------- creating


ALLOWED_FORMATS = {
    JobKind.REPORT: {JobFormat.DOCX, JobFormat.XLSX, JobFormat.PDF, JobFormat.ZIP},
    JobKind.DIRECTIVE: {JobFormat.DOCX, JobFormat.PDF},
    JobKind.SUBMISSION: {JobFormat.DOCX, JobFormat.XLSX, JobFormat.PDF},
}


def target_scope(actor, kind: str, target_id: int):
    """(org unit, permission) under which the target is visible to `actor`; 404 otherwise."""
    if kind == JobKind.REPORT:
        report = selectors.report_for_document(actor, target_id)
        return report.round.owner_unit, ROUND_VIEW
    if kind == JobKind.DIRECTIVE:
        directive = selectors.directive_for_document(actor, target_id)
        # The directive's readers are decided by the register's own rules; the job is then
        # scoped to its issuing unit and re-checked against the register on download.
        return directive.issuing_unit, DIRECTIVE_VIEW
    if kind == JobKind.SUBMISSION:
        submission = selectors.submission_for_document(actor, target_id)
        return submission.org_unit, SUBMISSION_VIEW
    selectors.require_visible(False)
    return None


def job_create(*, actor, kind: str, target_id: int, fmt: str) -> DocumentJob:
    """Queue one document for generation and start it after commit. An identical job still
    queued or running is returned instead of a second one. 404 when the actor may not read
    the target; JobFailed for a format this kind of document does not have, or PDF when
    LibreOffice is missing."""
    if kind not in ALLOWED_FORMATS or fmt not in ALLOWED_FORMATS[kind]:
        raise JobFailed(_("This document is not available in that format."))
    if fmt == JobFormat.PDF and not pdf_available():
        raise JobFailed(
            _(
                "PDF is not available: LibreOffice is not installed on the server. Download the Word file."
            )
        )
    unit, permission = target_scope(actor, kind, target_id)
    with transaction.atomic():
        running = (
            DocumentJob.objects.filter(
                kind=kind, target_id=target_id, fmt=fmt, created_by=actor,
                status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
            )
            .order_by("-created_at")
            .first()
        )  # fmt: skip
        if running is not None:
            return running
        job = DocumentJob.objects.create(
            kind=kind, fmt=fmt, target_id=target_id, org_unit=unit, permission=permission,
            created_by=actor, message=_("Waiting to start…"),
        )  # fmt: skip
        record(
            actor=actor,
            action="document_job.create",
            obj=job,
            org_unit=unit,
            changes={"kind": kind, "fmt": fmt, "target": target_id},
        )
        transaction.on_commit(lambda: dispatch(job.pk))
    return job


def dispatch(job_id: int) -> None:
    mode = jobs_mode()
    if mode == "inline":
        run_job(job_id)
    elif mode == "thread":
        _pool().submit(_run_in_thread, job_id)


def background(task, *args) -> bool:
    """Run `task(*args)` outside the request like a job (same runner setting), for work no
    one waits on and that is redone on demand if lost. False when the runner is "command"
    (nothing runs in the web process)."""
    mode = jobs_mode()
    if mode == "inline":
        task(*args)
    elif mode == "thread":
        _pool().submit(_task_in_thread, task, *args)
    else:
        return False
    return True


def _task_in_thread(task, *args) -> None:
    close_old_connections()
    try:
        task(*args)
    except Exception:  # noqa: BLE001 - never let a worker thread die silently
        log.exception("background task %s crashed", getattr(task, "__name__", task))
    finally:
        connection.close()


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        run_job(job_id)
    except Exception:  # noqa: BLE001 - never let a worker thread die silently
        log.exception("document job %s crashed", job_id)
    finally:
        connection.close()


# ---------------------------------------------------------------- running


def _claim(job_id: int) -> bool:
    now = timezone.now()
    return bool(
        DocumentJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            attempts=F("attempts") + 1,
            progress=2,
        )
    )


def claim_next() -> int | None:
    """Take the oldest queued job; on PostgreSQL concurrent workers skip each other's row."""
    with transaction.atomic():
        qs = DocumentJob.objects.filter(status=JobStatus.QUEUED).order_by("created_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        job_id = qs.values_list("pk", flat=True).first()
        if job_id is None or not _claim(job_id):
            return None
    return job_id


def recover_stale(now: datetime.datetime | None = None) -> int:
    """Requeue running jobs whose heartbeat stopped (the process died); after MAX_ATTEMPTS
    they fail with a message. Returns how many were touched."""
    now = now or timezone.now()
    stale = DocumentJob.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
    with translation.override(settings.LANGUAGE_CODE):
        failed = stale.filter(attempts__gte=MAX_ATTEMPTS).update(
            status=JobStatus.FAILED,
            finished_at=now,
            error=_("The document could not be produced after several attempts."),
            message="",
        )
        requeued = stale.filter(attempts__lt=MAX_ATTEMPTS).update(
            status=JobStatus.QUEUED, message=_("Restarting after an interruption…"), progress=0
        )
    return failed + requeued


class Progress:
    """Writes progress and a message to the job row (and the heartbeat)."""

    def __init__(self, job_id: int):
        self.job_id = job_id

    def __call__(self, percent: int, message: str) -> None:
        DocumentJob.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
            progress=max(0, min(99, percent)), message=message[:300], heartbeat_at=timezone.now()
        )


def run_job(job_id: int) -> None:
    """Generate the job's document if it is still queued (any runner may call this)."""
    if _claim(job_id):
        run_claimed(job_id)


def run_claimed(job_id: int) -> None:
    """Generate a job this process has claimed (status running)."""
    job = DocumentJob.objects.select_related("created_by").get(pk=job_id)
    progress = Progress(job_id)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            name, data = produce(job, progress)
            progress(95, _("Saving the file…"))
            _store_result(job_id, name, data)
        except JobFailed as exc:
            _fail(job_id, str(exc))
        except PdfError as exc:
            _fail(job_id, str(exc))
        except Exception:  # noqa: BLE001 - any failure becomes a message, the detail a log line
            log.exception("document job %s failed", job_id)
            _fail(
                job_id,
                _(
                    "The document could not be produced. Please try again or tell the administrator."
                ),
            )


def _store_result(job_id: int, name: str, data: bytes) -> None:
    extension = name.rsplit(".", 1)[-1]
    stored = default_storage.save(
        f"documents/{timezone.now():%Y/%m}/{os.urandom(12).hex()}.{extension}", ContentFile(data)
    )
    try:
        with transaction.atomic():
            done = DocumentJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
                status=JobStatus.DONE, file=stored, file_name=name[:200], size=len(data),
                progress=100, message=_("Ready to download."), finished_at=timezone.now(),
                heartbeat_at=timezone.now(), error="",
            )  # fmt: skip
            if not done:
                raise RuntimeError("job no longer running")
    except Exception:
        default_storage.delete(stored)
        raise


def _fail(job_id: int, message: str) -> None:
    DocumentJob.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, error=message[:2000], message="", finished_at=timezone.now()
    )


# ---------------------------------------------------------------- producing


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


def produce(job: DocumentJob, progress) -> tuple[str, bytes]:
    """(download file name, content) of the job's document."""
    if job.kind == JobKind.REPORT:
        report = ConsolidatedReport.objects.select_related("round", "round__owner_unit").get(
            pk=job.target_id
        )
        stem = builders.report_file_stem(report)
        version = report.frozen_version
        if version is not None:
            # A final report is what was frozen: the kept files, the same bytes every time.
            progress(30, _("Reading the finalised version…"))
            if job.fmt == JobFormat.ZIP:
                formats = ("docx", "xlsx", "pdf") if pdf_available() else ("docx", "xlsx")
                progress(50, _("Packing the files…"))
                data = frozen.package(version, formats)
                return frozen.file_name(report, version.number, "zip"), data
            row, data = frozen.file_bytes(version, job.fmt)
            return row.file_name, data
        if job.fmt == JobFormat.ZIP:
            formats = ("docx", "xlsx", "pdf") if pdf_available() else ("docx", "xlsx")
            files = report_files(report, user=job.created_by, formats=formats, progress=progress)
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
    if job.kind == JobKind.DIRECTIVE:
        from binhdang.directives.models import Directive

        directive = Directive.objects.select_related("issuing_unit", "issuing_unit__parent").get(
            pk=job.target_id
        )
        progress(30, _("Laying out the Word document…"))
        doc = builders.directive_document(directive)
        data = render_docx(doc, builders.template_for(doc.kind))
        if job.fmt == JobFormat.PDF:
            progress(60, _("Converting to PDF with LibreOffice…"))
            data = render_pdf(data)
        return builders.safe_file_name(f"{builders.directive_file_stem(directive)}.{job.fmt}"), data
    if job.kind == JobKind.SUBMISSION:
        from binhdang.reporting.models import Submission

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
        if job.fmt == JobFormat.XLSX:
            return builders.safe_file_name(f"{stem}.xlsx"), render_xlsx(annexes, stem)
        data = render_docx(doc, builders.template_for(doc.kind))
        if job.fmt == JobFormat.PDF:
            progress(60, _("Converting to PDF with LibreOffice…"))
            data = render_pdf(data)
        return builders.safe_file_name(f"{stem}.{job.fmt}"), data
    raise JobFailed(_("Unknown kind of document."))


def job_visible_to(user, job: DocumentJob) -> bool:
    """Re-check the target on download: a directive's readers follow the register's rules."""
    try:
        target_scope(user, job.kind, job.target_id)
    except Http404:  # out of scope, or the target no longer exists
        return False
    return True
