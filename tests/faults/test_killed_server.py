"""The app server is killed (SIGKILL) in the middle of submissions and uploads: afterwards each
submission is either wholly sent (status, answers, figures, version snapshot) or not at all,
every acknowledged request is in the database, no attachment row points at a missing file,
and a retry of everything that did not finish succeeds, leaving one submission per unit.

The server runs as a separate process on its own SQLite file; requests run on 8 threads and
the kill falls at a random moment while they are in flight (three rounds of kill + restart).
"""

import random
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from .server import AppServer

COMMUNES = 16
PDF = b"%PDF-1.4\n" + b"% binhdang fault test\n" * 2000 + b"%%EOF\n"


@pytest.fixture
def server(tmp_path):
    app = AppServer(tmp_path)
    world = app.setup(COMMUNES)
    app.start()
    yield app, world
    app.stop()


def _send(app, world, reporter, acked):
    """Draft, attachment, submit for one commune; records what the server acknowledged."""
    api = f"{app.url}/api/v1/reporting/rounds/{world['slug']}/units/{reporter['unit_id']}"
    headers = {"Authorization": f"Bearer {reporter['token']}"}
    try:
        current = requests.get(api, headers=headers, timeout=10).json()
        if current["status"] != "draft" and current["status"] != "not_started":
            return
        body = {
            "version": current["version"],
            "answers": {
                f"{world['section']}:done": f"Đã tổ chức tuyên truyền ({reporter['unit_id']})."
            },
            "values": {"participants": "120"},
        }
        r = requests.put(api + "/draft", json=body, headers=headers, timeout=10)
        r.raise_for_status()
        r = requests.post(
            api + "/attachments",
            files={"file": (f"bao-cao-{reporter['unit_id']}.pdf", PDF, "application/pdf")},
            headers=headers,
            timeout=10,
        )
        r.raise_for_status()
        acked["attachments"].add(r.json()["id"])
        version = requests.get(api, headers=headers, timeout=10).json()["version"]
        r = requests.post(api + "/submit", json={"version": version}, headers=headers, timeout=10)
        r.raise_for_status()
        acked["submitted"].add(reporter["unit_id"])
    except (requests.RequestException, ValueError, KeyError):
        pass  # the server died under us: checked below from the database


def _check_database(app, acked):
    db = sqlite3.connect(app.db)
    try:
        rows = db.execute(
            "SELECT s.id, s.org_unit_id, s.status, s.first_submitted_at, "
            "(SELECT COUNT(*) FROM reporting_submissionanswer a WHERE a.submission_id = s.id), "
            "(SELECT COUNT(*) FROM reporting_submissionvalue v WHERE v.submission_id = s.id), "
            "(SELECT COUNT(*) FROM reporting_submissionversion x "
            "  WHERE x.submission_id = s.id AND x.event = 'submit') "
            "FROM reporting_submission s"
        ).fetchall()
        per_unit = {}
        for _id, unit, status, first, answers, values, versions in rows:
            per_unit[unit] = per_unit.get(unit, 0) + 1
            sent = status == "submitted"
            assert sent == (first is not None), (unit, status, first)
            if sent:
                assert answers and values and versions == 1, (unit, answers, values, versions)
        assert all(n == 1 for n in per_unit.values()), per_unit
        sent_units = {u for _i, u, status, *_r in rows if status == "submitted"}
        assert acked["submitted"] <= sent_units, acked["submitted"] - sent_units
        attachments = db.execute("SELECT id, file FROM reporting_submissionattachment").fetchall()
        for _id, name in attachments:
            assert (app.media / name).is_file(), f"attachment {_id} points at missing {name}"
        assert acked["attachments"] <= {a for a, _n in attachments}
        return sent_units
    finally:
        db.close()


def test_it_keeps_every_submission_whole_or_absent_when_the_server_is_killed(server):
    app, world = server
    rng = random.Random(20231205)
    acked = {"submitted": set(), "attachments": set()}
    interrupted = 0
    for _round in range(3):
        pending = [r for r in world["reporters"] if r["unit_id"] not in acked["submitted"]]
        killer = threading.Timer(rng.uniform(0.3, 1.2), app.kill)
        killer.start()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda r: _send(app, world, r, acked), pending))
        killer.join()
        interrupted += app.proc.returncode is not None and app.proc.returncode < 0
        _check_database(app, acked)
        started = time.monotonic()
        app.start()  # no manual repair between a kill and a restart
        assert time.monotonic() - started < 30
    assert interrupted >= 2, "the kill should have fallen while requests were in flight"

    # Retry whatever did not finish: everything goes through, once.
    pending = [r for r in world["reporters"] if r["unit_id"] not in acked["submitted"]]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda r: _send(app, world, r, acked), pending))
    app.stop()
    sent = _check_database(app, acked)
    assert sent == {r["unit_id"] for r in world["reporters"]}
