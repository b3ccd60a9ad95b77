"""PostgreSQL restarted under load (run by tests/faults/pg_restart.sh; not part of `make test`).

A private PostgreSQL cluster is created under /tmp (so the shared server is never touched),
the app runs under gunicorn against it, and 6 threads keep sending API reads and draft saves
while the cluster is stopped for a few seconds and started again. Asserted:
- during the outage every answer is 200 or the "try again" 503 page, never a stack trace;
- the service comes back by itself (no app restart);
- every draft save acknowledged before, during or after the outage is in the database.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.faults.server import BIN, ROOT, AppServer, free_port  # noqa: E402

PG = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
OUTAGE_S = float(os.environ.get("PG_OUTAGE_SECONDS", "4"))


def as_postgres(*args: str) -> None:
    cmd = list(args)
    if os.geteuid() == 0:  # initdb and pg_ctl refuse to run as root
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)  # noqa: S603


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="binhdang-pgfault-"))
    os.chmod(work, 0o777)  # noqa: S103 - a throwaway folder the postgres user must write to
    data = work / "pgdata"
    port = free_port()
    as_postgres(str(PG / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
    ctl = [str(PG / "pg_ctl"), "-D", str(data), "-l", str(work / "pg.log"), "-w"]
    opts = f"-p {port} -k {work} -c listen_addresses=127.0.0.1 -c fsync=on"
    as_postgres(*ctl, "-o", opts, "start")
    app = AppServer(work / "app")
    (work / "app").mkdir()
    gunicorn = None
    try:
        subprocess.run(
            [str(PG / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "app"],
            check=True,
        )  # noqa: S603
        app.env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{port}/app"
        app.env.update(
            {
                "BINHDANG_DEBUG": "0",
                "BINHDANG_SECRET_KEY": "pgfault-" + os.urandom(20).hex(),
                "BINHDANG_ALLOWED_HOSTS": "127.0.0.1",
                "BINHDANG_HTTPS": "0",
            }
        )
        world = app.setup(6)
        app.manage("collectstatic", "--noinput", "-v0")
        app.port = free_port()
        gunicorn = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy/gunicorn.conf.py"), "binhdang.wsgi"],
            env={**app.env, "GUNICORN_BIND": f"127.0.0.1:{app.port}", "GUNICORN_WORKERS": "2"},
            stdout=open(work / "gunicorn.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            try:
                if requests.get(app.url + "/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        statuses: Counter = Counter()
        bad: list[str] = []
        saved: dict[int, int] = {}
        stop = threading.Event()
        phase = {"name": "before"}
        outage_503 = Counter()

        def worker(reporter):
            api = f"{app.url}/api/v1/reporting/rounds/{world['slug']}/units/{reporter['unit_id']}"
            headers = {"Authorization": f"Bearer {reporter['token']}"}
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    r = requests.get(api, headers=headers, timeout=15)
                    if r.status_code == 200:
                        body = {
                            "version": r.json()["version"],
                            "answers": {f"{world['section']}:done": f"lần lưu {n}"},
                            "values": {"participants": str(n)},
                        }
                        r = requests.put(api + "/draft", json=body, headers=headers, timeout=15)
                        if r.status_code == 200:
                            saved[reporter["unit_id"]] = n
                except requests.RequestException as exc:
                    bad.append(f"connection error: {exc}")
                    continue
                statuses[r.status_code] += 1
                if r.status_code == 503:
                    outage_503[phase["name"]] += 1
                if r.status_code not in (200, 503):
                    bad.append(f"{r.status_code}: {r.text[:200]}")
                if "Traceback" in r.text or 'File "/' in r.text:
                    bad.append(f"stack trace in a {r.status_code} answer")
                if (
                    r.status_code == 503
                    and "thử lại" not in r.text.lower()
                    and "try again" not in r.text.lower()
                ):
                    bad.append(f"503 without a try-again message: {r.text[:200]}")
                time.sleep(0.05)

        threads = [threading.Thread(target=worker, args=(r,)) for r in world["reporters"]]
        for t in threads:
            t.start()
        time.sleep(3)
        phase["name"] = "outage"
        as_postgres(*ctl, "-m", "fast", "stop")
        time.sleep(OUTAGE_S)
        as_postgres(*ctl, "-o", opts, "start")
        phase["name"] = "after"
        back = None
        started = time.monotonic()
        while time.monotonic() - started < 30:
            try:
                if requests.get(app.url + "/healthz", timeout=2).status_code == 200:
                    back = time.monotonic() - started
                    break
            except requests.RequestException:
                pass
            time.sleep(0.2)
        time.sleep(3)
        stop.set()
        for t in threads:
            t.join()
        # Every acknowledged save is in the database.
        import psycopg

        lost = []
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/app") as conn:
            for unit_id, n in saved.items():
                row = conn.execute(
                    "SELECT v.value FROM reporting_submissionvalue v JOIN reporting_submission s "
                    "ON s.id = v.submission_id WHERE s.org_unit_id = %s",
                    [unit_id],
                ).fetchone()
                if row is None or int(row[0]) < n:
                    lost.append((unit_id, n, row))
        print(f"answers: {dict(statuses)}; 503 during outage: {outage_503['outage']}")
        print(
            f"service back {back:.1f} s after PostgreSQL started"
            if back is not None
            else "service did NOT come back"
        )
        print(f"acknowledged saves checked: {len(saved)} units, lost: {lost}")
        for line in bad[:10]:
            print("  PROBLEM:", line)
        ok = back is not None and not lost and not bad and outage_503["outage"] > 0
        print("PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(20)
        with contextlib.suppress(subprocess.CalledProcessError):
            as_postgres(*ctl, "-m", "immediate", "stop")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
