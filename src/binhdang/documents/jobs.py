"""Document jobs: ordered on a page, built by the background worker, followed on the page.

`job_create` stores a `DocumentJob`, the record the user follows (status, progress, message,
the file), and in the same transaction enqueues the `generate_document` task on the task
engine (django-tasks; its database backend in production, so the job and its task commit
together and a worker on any machine may take it). The job keeps the task's id.

The worker runs `run_job`: it claims the job (queued -> running, one attempt more), touches
its heartbeat every few seconds while the kind's builder (`kinds.py`) works, writes the file
to the default storage and only then marks the job done, in one transaction; the file is
deleted again if that fails, so no job row ever points at a missing file.

The engine does not notice a worker that died in the middle of a task. `recover_stale`, a
periodic job of every worker, does: a running job whose heartbeat is older than
BINHDANG_JOB_STALE_AFTER seconds is enqueued once more; when its second attempt dies too it
fails with a message. A queued job without a task (left by an older release) is enqueued.
"""

from __future__ import annotations

import datetime
import logging
import os
import threading
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from binhdang.audit.services import record

from .engine import PdfError, pdf_available
from .kinds import JobFailed, kind_for, require_kind
from .models import DocumentJob, JobFormat, JobStatus

log = logging.getLogger(__name__)

# The first attempt and one retry after a worker died.
MAX_ATTEMPTS = 2

__all__ = ["JobFailed", "job_create", "job_visible_to", "recover_stale", "run_job"]


# ---------------------------------------------------------------- creating


def target_scope(actor, kind: str, target_id: int):
    """(org unit, permission) under which the target is visible to `actor`; 404 otherwise."""
    return require_kind(kind).target_scope(actor, target_id)


def job_create(*, actor, kind: str, target_id: int, fmt: str) -> DocumentJob:
    """Queue one document for generation. An identical job still queued or running is
    returned instead of a second one. 404 when the actor may not read the target; JobFailed
    for a format this kind of document does not have, or PDF when LibreOffice is missing."""
    document_kind = kind_for(kind)
    if document_kind is None or fmt not in document_kind.formats:
        raise JobFailed(_("This document is not available in that format."))
    if fmt == JobFormat.PDF and not pdf_available():
        raise JobFailed(
            _(
                "PDF is not available: LibreOffice is not installed on the server. Download the Word file."
            )
        )
    unit, permission = document_kind.target_scope(actor, target_id)
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
        _enqueue(job.pk)
    job.refresh_from_db()
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import generate_document

    result = generate_document.enqueue(job_id)
    DocumentJob.objects.filter(pk=job_id).update(task_id=str(result.id))


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


class Progress:
    """Writes progress and a message to the job row (and the heartbeat)."""

    def __init__(self, job_id: int):
        self.job_id = job_id

    def __call__(self, percent: int, message: str) -> None:
        DocumentJob.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
            progress=max(0, min(99, percent)), message=message[:300], heartbeat_at=timezone.now()
        )


class _Heartbeat:
    """Touches the job's heartbeat from a thread while the builder works (a LibreOffice
    conversion reports no progress for seconds). Not inside a transaction: no other worker
    could see the beats there (tests run tasks in the request that ordered them)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def _beat(self) -> None:
        try:
            while not self.stop.wait(settings.BINHDANG_JOB_HEARTBEAT):
                DocumentJob.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        except Exception:  # noqa: BLE001 - a lost beat only makes the job look stale sooner
            log.exception("heartbeat of document job %s stopped", self.job_id)
        finally:
            connection.close()

    def __enter__(self):
        if not connection.in_atomic_block:
            self.thread = threading.Thread(target=self._beat, daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join()


def run_job(job_id: int) -> str | None:
    """Generate the job's document if it is still queued; returns the job's final status
    (None when another run had it already)."""
    if not _claim(job_id):
        return None
    job = DocumentJob.objects.select_related("created_by").get(pk=job_id)
    progress = Progress(job_id)
    with translation.override(settings.LANGUAGE_CODE), _Heartbeat(job_id):
        try:
            kind = kind_for(job.kind)
            if kind is None:
                raise JobFailed(_("Unknown kind of document."))
            name, data = kind.build(job, progress)
            progress(95, _("Saving the file…"))
            _store_result(job_id, name, data)
        except (JobFailed, PdfError) as exc:
            _fail(job_id, str(exc))
        except Exception:  # noqa: BLE001 - any failure becomes a message, the detail a log line
            log.exception("document job %s failed", job_id)
            _fail(
                job_id,
                _(
                    "The document could not be produced. Please try again or tell the administrator."
                ),
            )
    return DocumentJob.objects.values_list("status", flat=True).get(pk=job_id)


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


# ---------------------------------------------------------------- recovering


def recover_stale(now: datetime.datetime | None = None) -> int:
    """Enqueue again, once, each running job whose worker died (heartbeat older than
    BINHDANG_JOB_STALE_AFTER seconds); fail it with a message when that was its last attempt.
    A queued job that never got a task (left by an older release) is enqueued; one whose task
    ended without running it is failed. Returns how many jobs were touched. Safe on several
    workers at once: each change is conditional on the row not having moved."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.BINHDANG_JOB_STALE_AFTER)
    fields = ("pk", "status", "attempts", "heartbeat_at", "task_id")
    stale = list(
        DocumentJob.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff).values_list(
            *fields
        )
    )
    stale += [
        row
        for row in DocumentJob.objects.filter(
            status=JobStatus.QUEUED, created_at__lt=cutoff
        ).values_list(*fields)
        if not _task_waiting(row[4], cutoff)
    ]
    touched = 0
    with translation.override(settings.LANGUAGE_CODE):
        for job_id, status, attempts, heartbeat_at, task_id in stale:
            with transaction.atomic():
                row = DocumentJob.objects.filter(
                    pk=job_id, status=status, heartbeat_at=heartbeat_at, task_id=task_id
                )
                enqueue = False
                if status == JobStatus.QUEUED and not task_id:
                    changed = row.update(message=_("Restarting after an interruption…"))
                    enqueue = True
                elif status == JobStatus.QUEUED:
                    changed = row.update(
                        status=JobStatus.FAILED,
                        finished_at=now,
                        message="",
                        error=_(
                            "The document could not be produced. Please try again or tell the administrator."
                        ),
                    )
                elif attempts >= MAX_ATTEMPTS:
                    changed = row.update(
                        status=JobStatus.FAILED,
                        finished_at=now,
                        message="",
                        error=_(
                            "The document could not be produced: the background worker stopped "
                            "twice while preparing it. Please try again or tell the administrator."
                        ),
                    )
                else:
                    changed = row.update(
                        status=JobStatus.QUEUED,
                        progress=0,
                        message=_("Restarting after an interruption…"),
                    )
                    enqueue = True
                if not changed:
                    continue
                touched += 1
                _abandon_task(task_id, now)
                if enqueue:
                    _enqueue(job_id)
    return touched


def _task_waiting(task_id: str, cutoff: datetime.datetime) -> bool:
    """Whether the job's task still waits in the engine's queue or runs since `cutoff` (a
    backend that keeps no queue, as in tests, is taken at its word)."""
    if not task_id:
        return False
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from .tasks import generate_document

    if not isinstance(generate_document.get_backend(), DatabaseBackend):
        return True
    try:
        uuid.UUID(task_id)
    except ValueError:
        return False
    return DBTaskResult.objects.filter(
        Q(status="READY") | Q(status="RUNNING", started_at__gte=cutoff), id=task_id
    ).exists()


def _abandon_task(task_id: str, now: datetime.datetime) -> None:
    """Mark the dead worker's task result as failed in the engine's table too."""
    from django_tasks_db.models import DBTaskResult

    try:
        uuid.UUID(task_id)
    except ValueError:  # no task, or one of a backend that keeps no rows (tests)
        return

    DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
        status="FAILED",
        finished_at=now,
        exception_class_path="binhdang.documents.jobs.WorkerLost",
        traceback="The worker running this task stopped (its job's heartbeat stopped).",
    )


def job_visible_to(user, job: DocumentJob) -> bool:
    """Re-check the target on download: a directive's readers follow the register's rules."""
    try:
        target_scope(user, job.kind, job.target_id)
    except Http404:  # out of scope, unknown kind, or the target no longer exists
        return False
    return True
