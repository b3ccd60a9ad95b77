"""The job page follows a document being built by a real background worker: it waits at 0 %
while no worker runs, its progress bar moves with the worker's progress, and the download
appears at 100 %, all without reloading the page. The app server (runserver) and the worker
(`binhdang run-worker`) are separate processes on one SQLite file; the document kind blocks
until the test releases it (tests/faults/blocking_documents), so the middle can be seen."""

import time
from pathlib import Path

import pytest

from tests.faults.workers import Workers


def _wait_for_value(page, bar, value: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while bar.evaluate("b => b.value") != value:
        assert time.monotonic() < deadline, f"the progress bar never showed {value}"
        page.wait_for_timeout(100)


@pytest.fixture
def workers(tmp_path):
    w = Workers(tmp_path)
    w.app.manage("migrate", "--noinput", "-v0")
    yield w
    w.stop_all()
    w.app.stop()


@pytest.mark.browser
def test_the_job_page_follows_the_worker_from_queued_to_the_download(browser, workers, tmp_path):
    (job_id,) = workers.order("trinh")
    workers.app.start()
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(workers.app.url + "/accounts/login/")
        page.fill("input[name=username]", "nguoi.thu.trinh")
        page.fill("input[name=password]", "x" * 12)
        page.locator("form.stacked button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{workers.app.url}/documents/jobs/{job_id}/")
        page.evaluate("window.samePage = true")
        bar = page.locator("[data-job-progress]")
        message = page.locator("[data-job-message]")
        assert bar.evaluate("b => b.value") == 0
        assert message.inner_text() == "Đang chờ bắt đầu…"
        page.wait_for_timeout(1500)  # polls, and nothing moves without a worker
        assert bar.evaluate("b => b.value") == 0

        workers.start()
        _wait_for_value(page, bar, 10)
        assert message.inner_text() == "Đang làm thẻ thử nghiệm…"
        assert page.locator("[data-job-download]").is_hidden()

        (workers.block / "release").write_text("")
        page.wait_for_selector("[data-job-download]:not([hidden])", timeout=30_000)
        assert bar.evaluate("b => b.value") == 100
        assert message.inner_text() == "Đã xong, có thể tải về."
        assert page.evaluate("window.samePage") is True
        with page.expect_download() as info:
            page.locator("[data-job-link]").click()
        download = info.value
        assert download.suggested_filename == "blocked.docx"
        assert Path(download.path()).read_bytes() == b"released"
    finally:
        context.close()
