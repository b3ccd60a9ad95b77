"""A background worker (`binhdang run-worker`, a real process on its own SQLite file) is
killed with SIGKILL while it builds a document: the job is enqueued once more and finished
by the next worker; killed a second time, the job is failed with a Vietnamese message that
the job page shows. The document kind blocks until the test releases it
(blocking_documents), so the kill always lands in the middle of the task."""

import signal
import sqlite3
import subprocess
import time

import pytest

from .server import BIN, ROOT, AppServer

SETUP = """
from binhdang.accounts.models import User
from binhdang.documents import jobs
from binhdang.orgunits.models import OrgUnit

unit, _new = OrgUnit.objects.get_or_create(name="Xã Thử Nghiệm", kind="commune")
user = User.objects.create_user(username="nguoi.thu.%s", password=None)
print("JOB", jobs.job_create(actor=user, kind="blocking", target_id=unit.pk, fmt="docx").pk)
"""


class Workers:
    def __init__(self, tmp):
        self.app = AppServer(tmp)
        self.block = tmp / "block"
        self.block.mkdir()
        pythonpath = self.app.env.get("PYTHONPATH", "")
        self.app.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
                "PYTHONPATH": f"{ROOT}:{pythonpath}" if pythonpath else str(ROOT),
                "BINHDANG_TASKS_BACKEND": "database",
                "BINHDANG_BLOCK_DIR": str(self.block),
                "BINHDANG_JOB_HEARTBEAT": "0.2",
                "BINHDANG_JOB_STALE_AFTER": "1.5",
                "BINHDANG_JOB_CHECK_EVERY": "0.3",
            }
        )
        self.procs = []

    def start(self) -> subprocess.Popen:
        proc = subprocess.Popen(
            [str(BIN / "binhdang"), "run-worker", "--no-reload", "--no-startup-delay",
             "--interval", "0.1", "-v0"],
            env=self.app.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.procs.append(proc)
        return proc

    def row(self, job_id: int) -> dict:
        db = sqlite3.connect(self.app.db)
        try:
            db.row_factory = sqlite3.Row
            return dict(
                db.execute("SELECT * FROM documents_documentjob WHERE id = ?", (job_id,)).fetchone()
            )
        finally:
            db.close()

    def task_statuses(self) -> list[str]:
        db = sqlite3.connect(self.app.db)
        try:
            rows = db.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = ?",
                ("binhdang.documents.tasks.generate_document",),
            )
            return [status for (status,) in rows]
        finally:
            db.close()

    def wait_for(self, condition, what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}")

    def order(self, name: str) -> int:
        """A blocking document ordered by a new user; its job id."""
        out = self.app.manage("shell", "-c", SETUP % name)
        return int(next(line for line in out.splitlines() if line.startswith("JOB")).split()[1])

    def started(self, job_id: int, attempt: int) -> bool:
        return (self.block / f"started-{job_id}-{attempt}").exists()


@pytest.fixture
def workers(tmp_path):
    w = Workers(tmp_path)
    w.app.manage("migrate", "--noinput", "-v0")
    yield w
    for proc in w.procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def _kill(proc) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)


def test_a_killed_workers_document_is_retried_once_then_failed_with_a_message(workers):
    started = time.monotonic()
    first = workers.order("a")

    # First job: killed in its first attempt, finished by the next worker.
    worker = workers.start()
    workers.wait_for(lambda: workers.started(first, 1), "the first attempt")
    _kill(worker)
    assert workers.row(first)["status"] == "running"
    worker = workers.start()
    workers.wait_for(lambda: workers.started(first, 2), "the retry of the first job")
    (workers.block / "release").write_text("")
    workers.wait_for(lambda: workers.row(first)["status"] == "done", "the first job to finish")
    row = workers.row(first)
    assert row["attempts"] == 2 and row["progress"] == 100 and row["file"]
    (workers.block / "release").unlink()

    # Second job: killed in both attempts; the next worker fails it with a message.
    second = workers.order("b")
    workers.wait_for(lambda: workers.started(second, 1), "the second job's first attempt")
    _kill(worker)
    worker = workers.start()
    workers.wait_for(lambda: workers.started(second, 2), "the retry of the second job")
    _kill(worker)
    assert workers.row(second)["status"] == "running"
    worker = workers.start()
    workers.wait_for(lambda: workers.row(second)["status"] == "failed", "the second job to fail")
    row = workers.row(second)
    assert row["attempts"] == 2
    assert "tiến trình chạy nền đã dừng giữa chừng hai lần" in row["error"], row["error"]
    assert not (workers.block / f"started-{second}-3").exists()
    # The engine's rows: each killed attempt failed, the finished one successful, none left
    # running (a worker that died leaves no task that looks alive).
    statuses = workers.task_statuses()
    assert statuses.count("FAILED") == 3 and statuses.count("SUCCESSFUL") == 1, statuses
    assert "RUNNING" not in statuses and "READY" not in statuses, statuses
    worker.terminate()
    assert worker.wait(10) == 0
    print(f"killed-worker test: {time.monotonic() - started:.1f} s")
