"""The app server is killed (SIGKILL) in the middle of the heavier operations, in the way of
test_killed_server.py (its own SQLite file, requests on threads, the kill at a random moment):

- an indicators Excel import is all or nothing: every value of an uploaded workbook is in the
  database with its DataValueChange row, or none is; a retry saves the whole workbook;
- a consolidation leaves the previous report or the complete new one (every section present
  and compiled in the same compilation), never a partial set; a retry compiles;
- a document job ordered when the server is killed is queued with its task or not at all (the
  job row and the task engine's row commit together), a worker (`run-worker --batch`) finishes
  every job the kill left, no job row points at a missing file, and a new job afterwards is
  built by a running worker. (A worker killed mid-job: test_killed_worker.py.)

One server and world serve the three tests (a migrate costs seconds).
"""

import json
import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

import pytest
import requests
from openpyxl import load_workbook

from .server import BIN, AppServer

COMMUNES = 12
PASSWORD = "x" * 12
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    app = AppServer(tmp_path_factory.mktemp("killed-ops"))
    base = app.setup(COMMUNES)
    out = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "world_more.py")],
        env=app.env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    more = json.loads(out.stdout.strip().splitlines()[-1])
    app.start()
    yield app, {**base, **more}
    app.stop()


def _kill_during(app, rng, work, items, *, delay, threads=8) -> int:
    """Run work(item) on threads and SIGKILL the server after a random delay; returns how
    many calls the kill cut off (work returns False when its request died)."""
    killer = threading.Timer(rng.uniform(*delay), app.kill)
    killer.start()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(work, items))
    killer.join()
    return results.count(False)


def _restart(app) -> None:
    started = time.monotonic()
    app.start()  # no manual repair between a kill and a restart
    assert time.monotonic() - started < 30


def _db(app):
    return sqlite3.connect(app.db)


# ---------------------------------------------------------------- Excel import


def _login(app, username) -> requests.Session:
    s = requests.Session()
    page = s.get(app.url + "/accounts/login/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    r = s.post(
        app.url + "/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        timeout=10,
    )
    assert r.status_code == 200 and "sessionid" in s.cookies, r.status_code
    return s


def _filled(template: bytes, keys: set, value: int) -> bytes:
    wb = load_workbook(BytesIO(template))
    filled = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=8):
            if (row[1].value, row[3].value) in keys:
                row[6].value = value
                filled += 1
    assert filled == len(keys)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(app, session, content: bytes) -> bool | None:
    """True: the server said saved; False: the request died; None: answered otherwise."""
    try:
        page = session.get(app.url + "/indicators/upload/", timeout=10).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        r = session.post(
            app.url + "/indicators/upload/",
            data={"csrfmiddlewaretoken": token},
            files={"file": ("chi-tieu.xlsx", content, XLSX)},
            timeout=15,
        )
    except (requests.RequestException, AttributeError):
        return False
    return r.status_code == 200 and "Đã lưu:" in r.text or None


def _check_uploads(app, world, uploads, acked):
    """Each upload (unit, value) is wholly in the database or not at all."""
    n = len(world["keys"])
    db = _db(app)
    try:
        whole = set()
        for unit, value in uploads:
            changes = db.execute(
                "SELECT COUNT(*) FROM indicators_datavaluechange WHERE org_unit_id = ? "
                "AND year = ? AND source = 'excel' AND CAST(new_value AS REAL) = ?",
                [unit, world["year"], value],
            ).fetchone()[0]
            assert changes in (0, n), f"upload {value} of unit {unit}: {changes} of {n} changes"
            if changes:
                whole.add((unit, value))
        assert acked <= whole, acked - whole
        for unit in world["units"]:
            rows = db.execute(
                "SELECT CAST(value AS REAL) FROM indicators_datavalue "
                "WHERE org_unit_id = ? AND year = ?",
                [unit["unit_id"], world["year"]],
            ).fetchall()
            # every stored value of a unit comes from one and the same upload
            assert len(rows) in (0, n) and len({v for (v,) in rows}) <= 1, (unit, rows)
        return whole
    finally:
        db.close()


def test_it_keeps_each_excel_import_whole_or_absent_when_the_server_is_killed(world):
    app, w = world
    rng = random.Random(6001)
    keys = {tuple(k) for k in w["keys"]}
    assert len(keys) > 20
    units = [u["unit_id"] for u in w["units"]]
    with ThreadPoolExecutor(6) as pool:  # password hashing is slow on purpose
        logged_in = pool.map(lambda u: _login(app, u["username"]), w["units"])
    sessions = dict(zip(units, logged_in, strict=True))  # sessions outlive a restart
    templates = {}
    for unit in units:
        r = sessions[unit].get(f"{app.url}/indicators/unit/{unit}/template/{w['year']}/")
        assert r.status_code == 200, r.status_code
        templates[unit] = r.content
    uploads, acked, cut = [], set(), 0
    for value in (1, 2, 3):
        files = {u: _filled(templates[u], keys, value) for u in units}

        def send(unit, value=value, files=files):
            ok = _upload(app, sessions[unit], files[unit])
            if ok:
                acked.add((unit, value))
            return ok is not False

        uploads += [(u, value) for u in units]
        cut += _kill_during(app, rng, send, units, delay=(0.15, 0.7))
        whole = _check_uploads(app, w, uploads, acked)
        _restart(app)
    assert cut, "the kill should have cut off uploads in flight"
    assert len(whole) < len(uploads), "some uploads should have been lost to the kills"
    # Retry: every unit uploads once more and the whole workbook goes in.
    uploads += [(u, 5) for u in units]
    for unit in units:
        assert _upload(app, sessions[unit], _filled(templates[unit], keys, 5)) is True
        acked.add((unit, 5))
    whole = _check_uploads(app, w, uploads, acked)
    db = _db(app)
    try:
        for unit in units:
            values = db.execute(
                "SELECT CAST(value AS REAL) FROM indicators_datavalue "
                "WHERE org_unit_id = ? AND year = ?",
                [unit, w["year"]],
            ).fetchall()
            assert sorted(v for (v,) in values) == [5.0] * len(keys)
    finally:
        db.close()


# ---------------------------------------------------------------- consolidation


def _check_report(app, world, before):
    """The report is absent, the previous one, or a complete newer compilation."""
    db = _db(app)
    try:
        report = db.execute(
            "SELECT r.id, r.compiled_at, r.compiled_versions FROM documents_consolidatedreport r "
            "WHERE r.round_id = ?",
            [world["round_id"]],
        ).fetchone()
        if report is None:
            assert before is None, "a compiled report vanished"
            return None
        report_id, compiled_at, versions = report
        sections = db.execute(
            "SELECT compiled_at, sources FROM documents_consolidatedsection WHERE report_id = ?",
            [report_id],
        ).fetchall()
        assert len(sections) == world["parts"], (len(sections), world["parts"])
        assert {at for at, _s in sections} == {compiled_at}, "sections of several compilations"
        units = {u["unit_id"] for u in world["units"]}
        drawn = [{s["unit_id"] for s in json.loads(sources)} for _at, sources in sections]
        # Every unit wrote every task area; the report-level parts draw on some of them.
        assert sum(1 for d in drawn if d == units) >= world["area_parts"], drawn
        assert all(d <= units for d in drawn)
        assert set(json.loads(versions)) == {str(u["submission"]) for u in world["units"]}
        assert before is None or compiled_at >= before
        return compiled_at
    finally:
        db.close()


def test_it_leaves_the_previous_or_the_whole_new_consolidation_when_killed(world):
    app, w = world
    rng = random.Random(6002)
    path = f"/api/v1/documents/rounds/{w['round_id']}/report/compile"
    headers = {"Authorization": f"Bearer {w['office_token']}"}

    def compile_once(_i):
        try:
            requests.post(app.url + path, headers=headers, timeout=15)
        except requests.RequestException:
            return False
        return True

    # The kills fall between the start and a few compilations' time, so some are cut off in
    # flight and some commit first, whatever the machine's speed.
    started = time.monotonic()
    assert compile_once(0)
    one = time.monotonic() - started
    state, cut, changed = _check_report(app, w, None), 0, 0
    for _round in range(3):
        cut += _kill_during(
            app, rng, compile_once, range(12), delay=(0.05, max(0.4, 3 * one)), threads=6
        )
        after = _check_report(app, w, state)
        changed += after != state
        state = after
        _restart(app)
    assert cut, "the kill should have cut off compilations in flight"
    assert changed, "at least one compilation should have committed before a kill"
    r = requests.post(app.url + path, headers=headers, timeout=30)
    assert r.status_code == 200, r.text[:300]
    after = _check_report(app, w, state)
    assert after is not None and after > (state or "")


# ---------------------------------------------------------------- document jobs


def _check_jobs(app, *, settled: bool, allowed_orphans: int):
    db = _db(app)
    try:
        jobs = db.execute("SELECT id, status, file FROM documents_documentjob").fetchall()
    finally:
        db.close()
    referenced = set()
    for job_id, status, name in jobs:
        assert (status == "done") == bool(name), (job_id, status, name)
        if name:
            assert (app.media / name).is_file(), f"job {job_id} points at missing {name}"
            referenced.add(name)
        if settled:
            assert status == "done", (job_id, status)
    files = {str(p.relative_to(app.media)) for p in (app.media / "documents").rglob("*.*")}
    orphans = files - referenced
    assert len(orphans) <= allowed_orphans, orphans
    return {status for _i, status, _n in jobs}


def _work_off(app) -> None:
    """A worker takes every job the kill left queued, then exits."""
    db = _db(app)
    try:
        ((without_task,),) = db.execute(
            "SELECT count(*) FROM documents_documentjob WHERE task_id = ''"
        ).fetchall()
    finally:
        db.close()
    assert without_task == 0, "a job was committed without its task"
    subprocess.run(
        [str(BIN / "binhdang"), "run-worker", "--batch", "--no-startup-delay", "-v0"],
        env=app.env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip


def test_it_finishes_document_jobs_abandoned_by_a_killed_server(world):
    app, w = world
    rng = random.Random(6003)
    base = "/api/v1/documents"
    headers = {"Authorization": f"Bearer {w['office_token']}"}
    r = requests.post(
        app.url + f"{base}/rounds/{w['round_id']}/report/compile", headers=headers, timeout=30
    )
    assert r.status_code == 200, r.text[:300]
    report_id = r.json()["id"]
    orders = [("report", report_id, fmt) for fmt in ("docx", "xlsx", "zip", "pdf")]
    orders += [("submission", u["submission"], f) for u in w["units"] for f in ("docx", "xlsx")]

    def order(item):
        kind, target, fmt = item
        try:
            body = {"kind": kind, "target_id": target, "fmt": fmt}
            requests.post(app.url + f"{base}/jobs", json=body, headers=headers, timeout=15)
        except requests.RequestException:
            return False
        return True

    left_behind = set()
    for _round in range(2):
        _kill_during(app, rng, order, orders, delay=(0.8, 2.0), threads=6)
        left_behind |= _check_jobs(app, settled=False, allowed_orphans=2 * (_round + 1))
        _work_off(app)
        _check_jobs(app, settled=True, allowed_orphans=2 * (_round + 1))
        _restart(app)
    assert left_behind & {"queued", "running"}, "the kill should have left unfinished jobs"
    # A new job on the restarted server is built by a worker running beside it.
    worker = subprocess.Popen(
        [str(BIN / "binhdang"), "run-worker", "--no-reload", "--no-startup-delay", "-v0"],
        env=app.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    r = requests.post(
        app.url + f"{base}/jobs", json={"kind": "report", "target_id": report_id, "fmt": "docx"},
        headers=headers, timeout=15,
    )  # fmt: skip
    assert r.status_code == 200, r.text[:300]
    job = r.json()
    deadline = time.monotonic() + 30
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = requests.get(app.url + f"{base}/jobs/{job['id']}", headers=headers, timeout=10).json()
    worker.terminate()
    worker.wait(30)
    assert job["status"] == "done", job
    _check_jobs(app, settled=True, allowed_orphans=4)
