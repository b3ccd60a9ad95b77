"""The app's commands and background workers as real processes on a database of their own,
with a document kind that blocks until released (blocking_documents): for killing a worker in
the middle of a task and for watching a job page follow a real worker.

The database is a fresh one on the PostgreSQL server of the test run when DATABASE_URL points
at one (dropped afterwards), else a SQLite file."""

import os
import sqlite3
import subprocess
import time
import uuid

from .server import BIN, ROOT, AppServer

SETUP = """
from binhdang.accounts.models import User
from binhdang.documents import jobs
from binhdang.orgunits.models import OrgUnit

unit, _new = OrgUnit.objects.get_or_create(name="Xã Thử Nghiệm", kind="commune")
for name in %r:
    user = User.objects.create_user(username="nguoi.thu." + name, password="x" * 12)
    print("JOB", jobs.job_create(actor=user, kind="blocking", target_id=unit.pk, fmt="docx").pk)
"""


class Workers:
    def __init__(self, tmp):
        self.app = AppServer(tmp)
        self.pg_server = None
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            import psycopg

            self.pg_server = url
            name = f"worker_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name}")
            self.pg_url = url.rsplit("/", 1)[0] + "/" + name
            self.pg_name = name
            self.app.env["DATABASE_URL"] = self.pg_url
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

    @property
    def vendor(self) -> str:
        return "postgresql" if self.pg_server else "sqlite"

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        if self.pg_server:
            import psycopg

            with psycopg.connect(self.pg_server, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)")

    def query(self, sql: str, params: tuple = ()) -> list[dict]:
        if self.pg_server:
            import psycopg
            from psycopg.rows import dict_row

            with psycopg.connect(self.pg_url, row_factory=dict_row) as conn:
                return conn.execute(sql.replace("?", "%s"), params).fetchall()
        db = sqlite3.connect(self.app.db)
        try:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute(sql, params).fetchall()]
        finally:
            db.close()

    def start(self) -> subprocess.Popen:
        proc = subprocess.Popen(
            [str(BIN / "binhdang"), "run-worker", "--no-reload", "--no-startup-delay",
             "--interval", "0.1", "-v0"],
            env=self.app.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.procs.append(proc)
        return proc

    def row(self, job_id: int) -> dict:
        (row,) = self.query("SELECT * FROM documents_documentjob WHERE id = ?", (job_id,))
        return row

    def task_statuses(self) -> list[str]:
        rows = self.query(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = ?",
            ("binhdang.documents.tasks.generate_document",),
        )
        return [row["status"] for row in rows]

    def wait_for(self, condition, what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}")

    def order(self, *names: str) -> list[int]:
        """A blocking document ordered by each new user `nguoi.thu.<name>` (password
        "x" * 12); their job ids."""
        out = self.app.manage("shell", "-c", SETUP % (list(names),))
        return [int(line.split()[1]) for line in out.splitlines() if line.startswith("JOB")]

    def started(self, job_id: int, attempt: int) -> bool:
        return (self.block / f"started-{job_id}-{attempt}").exists()
