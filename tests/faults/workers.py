"""A SQLite file, the app's commands and background workers as real processes, with a
document kind that blocks until released (blocking_documents): for killing a worker in the
middle of a task and for watching a job page follow a real worker."""

import sqlite3
import subprocess
import time

from .server import BIN, ROOT, AppServer

SETUP = """
from binhdang.accounts.models import User
from binhdang.documents import jobs
from binhdang.orgunits.models import OrgUnit

unit, _new = OrgUnit.objects.get_or_create(name="Xã Thử Nghiệm", kind="commune")
user = User.objects.create_user(username="nguoi.thu.%s", password="x" * 12)
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

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)

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
        """A blocking document ordered by a new user `nguoi.thu.<name>` (password "x" * 12);
        its job id."""
        out = self.app.manage("shell", "-c", SETUP % name)
        return int(next(line for line in out.splitlines() if line.startswith("JOB")).split()[1])

    def started(self, job_id: int, attempt: int) -> bool:
        return (self.block / f"started-{job_id}-{attempt}").exists()
