"""Work an app wants done every few minutes by the background worker (`binhdang run-worker`).

An app registers, in its AppConfig.ready(), a `PeriodicJob`: a function without arguments and
the name of the setting holding its interval in seconds. Every worker runs each job when it
starts and then at that interval, so the function must be safe to run on several worker
machines at once (check the database, or enqueue a task with `enqueue_once`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections, connection

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Callable[[], object]
    every_setting: str  # the setting with the interval in seconds

    @property
    def every(self) -> float:
        return float(getattr(settings, self.every_setting))


PERIODIC: list[PeriodicJob] = []


def register_periodic(job: PeriodicJob) -> None:
    if all(j.name != job.name for j in PERIODIC):
        PERIODIC.append(job)


class Scheduler:
    """Runs each registered job when due; one per worker process."""

    def __init__(self, jobs: list[PeriodicJob] | None = None):
        self.jobs = list(PERIODIC if jobs is None else jobs)
        self.last_run: dict[str, float] = {}

    def tick(self, now: float | None = None) -> list[str]:
        """Run the jobs that are due; returns their names. A failing job is logged and
        tried again at its next interval."""
        now = time.monotonic() if now is None else now
        ran = []
        for job in self.jobs:
            last = self.last_run.get(job.name)
            if last is not None and now - last < job.every:
                continue
            self.last_run[job.name] = now
            close_old_connections()
            try:
                job.run()
            except Exception:  # noqa: BLE001 - the worker keeps running; the next tick retries
                log.exception("periodic job %s failed", job.name)
            ran.append(job.name)
        return ran

    def run_in_thread(self, stop: threading.Event, every: float = 1.0) -> threading.Thread:
        def loop():
            try:
                while not stop.is_set():
                    self.tick()
                    stop.wait(every)
            finally:
                connection.close()

        thread = threading.Thread(target=loop, name="binhdang-periodic", daemon=True)
        thread.start()
        return thread


def enqueue_once(task) -> bool:
    """Enqueue `task()` (no arguments) unless it is already waiting in the database queue.
    True when it was enqueued."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if isinstance(task.get_backend(), DatabaseBackend):
        waiting = DBTaskResult.objects.filter(task_path=task.module_path, status="READY")
        if waiting.exists():
            return False
    task.enqueue()
    return True
