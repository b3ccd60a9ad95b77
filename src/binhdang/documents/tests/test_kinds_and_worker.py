"""Document kinds come from the registry: a kind an app registers is ordered, built, followed
and downloaded through the same pages as the built-in ones, and nothing else names it.
A job whose worker died is enqueued once more and then failed with a message (the real
SIGKILL of a worker process: tests/faults/test_killed_worker.py). Tasks run at once in the
request here (django-tasks' immediate backend)."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from binhdang.accounts.scoping import units_for
from binhdang.core.periodic import PERIODIC, PeriodicJob, Scheduler
from binhdang.documents import jobs
from binhdang.documents.kinds import KINDS, DocumentKind, register_kind, unregister_kind
from binhdang.documents.models import DocumentJob, JobStatus
from binhdang.reporting.permissions import ROUND_VIEW

pytestmark = pytest.mark.django_db

CARD = b"PK-not-really-a-docx: the unit card"


def _card_scope(actor, target_id: int):
    unit = units_for(actor, ROUND_VIEW).filter(pk=target_id).first()
    if unit is None:
        raise Http404
    return unit, ROUND_VIEW


BUILT: list[int] = []


def _card_build(job, progress):
    BUILT.append(job.pk)
    progress(50, "Đang viết thẻ đơn vị…")
    return "Thẻ đơn vị.docx", CARD


CARD_KIND = DocumentKind(
    key="unit-card",
    label="Thẻ đơn vị",
    formats=("docx",),
    target_scope=_card_scope,
    build=_card_build,
    page=lambda target_id: reverse("documents:list"),
)


@pytest.fixture
def card_kind():
    BUILT.clear()
    register_kind(CARD_KIND)
    yield CARD_KIND
    unregister_kind(CARD_KIND.key)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_apps_register_the_three_documents_of_the_project():
    assert {"report", "directive", "submission"} <= set(KINDS)
    assert KINDS["directive"].formats == ("docx", "pdf")
    assert {job.name for job in PERIODIC} >= {"stale-documents", "reminders"}


def test_a_registered_kind_is_ordered_built_and_downloaded_through_the_pages(
    world, login, media, card_kind
):
    office = login(world.standing_office)
    response = office.post(
        reverse("documents:job_create"),
        {"kind": "unit-card", "target": world.commune_a.pk, "fmt": "docx"},
    )
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/documents/jobs/{job.pk}/"
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 1)
    assert job.task_id and job.org_unit == world.commune_a and [job.pk] == BUILT
    page = office.get(f"/documents/jobs/{job.pk}/").content.decode()
    assert "Thẻ đơn vị" in page and 'href="/documents/"' in page
    status = office.get(f"/documents/jobs/{job.pk}/status/").json()
    assert status["progress"] == 100 and status["download_url"]
    download = office.get(status["download_url"])
    assert b"".join(download.streaming_content) == CARD
    assert "Th%E1%BA%BB%20%C4%91%C6%A1n%20v%E1%BB%8B.docx" in download["Content-Disposition"]

    # Out of the kind's scope: a 404, and nothing is built or stored.
    outsider = login(world.outsider)
    response = outsider.post(
        reverse("documents:job_create"),
        {"kind": "unit-card", "target": world.commune_a.pk, "fmt": "docx"},
    )
    assert response.status_code == 404
    assert outsider.get(f"/documents/jobs/{job.pk}/download/").status_code == 404
    assert DocumentJob.objects.count() == 1 and [job.pk] == BUILT


@pytest.mark.parametrize(
    "kind, fmt", [("unit-card", "xlsx"), ("no-such-kind", "docx"), ("", "docx")]
)
def test_a_kind_or_format_nobody_registered_is_refused_with_a_message(
    world, login, media, card_kind, kind, fmt
):
    office = login(world.standing_office)
    response = office.post(
        reverse("documents:job_create"),
        {"kind": kind, "target": world.commune_a.pk, "fmt": fmt, "back": "/documents/"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Văn bản này không có ở định dạng đã chọn." in response.content.decode()
    assert not DocumentJob.objects.exists() and BUILT == []


def test_the_registry_refuses_a_second_kind_under_a_key_in_use(card_kind):
    register_kind(CARD_KIND)  # the same registration again (a second ready()) is harmless
    other = DocumentKind("unit-card", "Khác", ("docx",), _card_scope, _card_build)
    with pytest.raises(ValueError):
        register_kind(other)
    with pytest.raises(ValueError):
        register_kind(DocumentKind("x" * 21, "Quá dài", ("docx",), _card_scope, _card_build))
    assert KINDS["unit-card"] is CARD_KIND


def _stale_job(world, *, status, attempts, heartbeat_age, task_id="dead-task"):
    old = timezone.now() - datetime.timedelta(seconds=heartbeat_age)
    job = DocumentJob.objects.create(
        kind="unit-card", fmt="docx", target_id=world.commune_a.pk, org_unit=world.commune_a,
        permission=ROUND_VIEW, created_by=world.standing_office, status=status,
        attempts=attempts, heartbeat_at=old if status == JobStatus.RUNNING else None,
        task_id=task_id, progress=40,
    )  # fmt: skip
    DocumentJob.objects.filter(pk=job.pk).update(created_at=old)
    return job


def test_a_job_whose_worker_died_is_retried_once_then_failed_with_a_message(
    world, login, media, card_kind, settings
):
    settings.BINHDANG_JOB_STALE_AFTER = 60
    retried = _stale_job(world, status=JobStatus.RUNNING, attempts=1, heartbeat_age=61)
    given_up = _stale_job(world, status=JobStatus.RUNNING, attempts=2, heartbeat_age=61)
    alive = _stale_job(world, status=JobStatus.RUNNING, attempts=1, heartbeat_age=5)
    never_enqueued = _stale_job(
        world, status=JobStatus.QUEUED, attempts=0, heartbeat_age=61, task_id=""
    )

    assert jobs.recover_stale() == 3
    for job in (retried, given_up, alive, never_enqueued):
        job.refresh_from_db()
    assert (retried.status, retried.attempts, retried.progress) == (JobStatus.DONE, 2, 100)
    assert retried.task_id != "dead-task"
    assert (never_enqueued.status, never_enqueued.attempts) == (JobStatus.DONE, 1)
    assert sorted(BUILT) == sorted([retried.pk, never_enqueued.pk])
    assert (given_up.status, given_up.attempts, given_up.file.name) == (JobStatus.FAILED, 2, "")
    assert "tiến trình chạy nền đã dừng giữa chừng hai lần" in given_up.error
    assert (alive.status, alive.attempts) == (JobStatus.RUNNING, 1)
    # The job page shows the failure and its message where the progress bar was.
    status = login(world.standing_office).get(f"/documents/jobs/{given_up.pk}/status/").json()
    assert status["status"] == "failed" and status["error"] == given_up.error
    assert jobs.recover_stale() == 0


def test_the_periodic_jobs_run_when_a_worker_starts_and_then_at_their_interval(settings):
    settings.TEST_EVERY = 10
    calls = []

    def broken():
        calls.append("broken")
        raise RuntimeError("the database went away")

    scheduler = Scheduler(
        [
            PeriodicJob("a", lambda: calls.append("a"), "TEST_EVERY"),
            PeriodicJob("broken", broken, "TEST_EVERY"),
        ]
    )
    assert scheduler.tick(now=100.0) == ["a", "broken"]
    assert scheduler.tick(now=105.0) == []
    assert scheduler.tick(now=110.0) == ["a", "broken"]
    assert calls == ["a", "broken", "a", "broken"]


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_with_the_database_queue_a_job_waits_for_its_task_and_a_lost_task_is_noticed(
    world, media, card_kind, database_queue, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.BINHDANG_JOB_STALE_AFTER = 60
    later = timezone.now() + datetime.timedelta(seconds=61)
    waiting = jobs.job_create(
        actor=world.standing_office, kind="unit-card", target_id=world.commune_a.pk, fmt="docx"
    )
    assert waiting.status == JobStatus.QUEUED and BUILT == []
    task = DBTaskResult.objects.get(id=waiting.task_id)
    assert (task.status, task.args_kwargs["args"]) == ("READY", [waiting.pk])
    assert jobs.recover_stale(later) == 0  # a task still waits: the job only queues

    # The task ended without running the job (a worker crashed before taking the job).
    DBTaskResult.objects.filter(id=waiting.task_id).update(status="FAILED")
    # A running job whose worker died: retried with a new task; the dead one is closed.
    dying = _stale_job(world, status=JobStatus.RUNNING, attempts=1, heartbeat_age=0)
    dead_task = DBTaskResult.objects.create(
        task_path="binhdang.documents.tasks.generate_document", args_kwargs={"args": [dying.pk],
        "kwargs": {}}, backend_name="default", status="RUNNING", run_after=timezone.now(),
    )  # fmt: skip
    DocumentJob.objects.filter(pk=dying.pk).update(task_id=str(dead_task.id))

    assert jobs.recover_stale(later) == 2
    waiting.refresh_from_db()
    dying.refresh_from_db()
    assert waiting.status == JobStatus.FAILED and "Không tạo được văn bản" in waiting.error
    assert (dying.status, dying.progress, dying.attempts) == (JobStatus.QUEUED, 0, 1)
    assert dying.message == "Đang chạy lại sau khi bị gián đoạn…"
    assert DBTaskResult.objects.get(id=dead_task.id).status == "FAILED"
    assert DBTaskResult.objects.get(id=dying.task_id).status == "READY"
    assert BUILT == []
