"""A background worker (`binhdang run-worker`, a real process on its own SQLite file) is
killed with SIGKILL while it builds a document: the job is enqueued once more and finished
by the next worker; killed a second time, the job is failed with a Vietnamese message that
the job page shows. The document kind blocks until the test releases it
(blocking_documents), so the kill always lands in the middle of the task."""

import signal
import time

import pytest

from .workers import Workers


@pytest.fixture
def workers(tmp_path):
    w = Workers(tmp_path)
    w.app.manage("migrate", "--noinput", "-v0")
    yield w
    w.stop_all()


def _kill(proc) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)


def test_a_killed_workers_document_is_retried_once_then_failed_with_a_message(workers):
    started = time.monotonic()
    (first,) = workers.order("a")

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
    (second,) = workers.order("b")
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
    print(f"killed-worker test ({workers.vendor}): {time.monotonic() - started:.1f} s")


def test_two_workers_share_the_queue_and_build_each_document_once(workers):
    ids = workers.order(*"abcdef")
    one, two = workers.start(), workers.start()
    # Each worker holds one blocked document at the same time: they took different tasks.
    workers.wait_for(
        lambda: len(list(workers.block.glob("started-*"))) == 2, "both workers to take a task"
    )
    (workers.block / "release").write_text("")
    workers.wait_for(lambda: all(workers.row(i)["status"] == "done" for i in ids), "every document")
    assert [workers.row(i)["attempts"] for i in ids] == [1] * len(ids)
    markers = sorted(p.name for p in workers.block.glob("started-*"))
    assert markers == sorted(f"started-{i}-1" for i in ids)
    pids = {(workers.block / m).read_text() for m in markers}
    assert pids == {str(one.pid), str(two.pid)}
    assert workers.task_statuses() == ["SUCCESSFUL"] * len(ids)
    for proc in (one, two):
        proc.terminate()
        assert proc.wait(10) == 0
