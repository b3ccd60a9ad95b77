"""A deadline day (locust): commune reporters save drafts and submit, the standing office
watches completeness and reviews, leaders open dashboards.

Run by loadtest/run.sh, which prepares the database (loadtest/prepare.py writes the users to
LOADTEST_DATA) and checks it afterwards. The run stops by itself at --run-time or after
LOADTEST_MAX_REQUESTS requests, whichever comes first, and writes a summary to
LOADTEST_SUMMARY: requests/s, p95 of pages and of saves, errors, the units submitted.
"""

import itertools
import json
import os
import random
import re
import threading
import time

from locust import FastHttpUser, HttpUser, between, events, task

with open(os.environ.get("LOADTEST_DATA", "loadtest-data.json"), encoding="utf-8") as _fh:
    DATA = json.load(_fh)
MAX_REQUESTS = int(os.environ.get("LOADTEST_MAX_REQUESTS", "60000"))
SUMMARY = os.environ.get("LOADTEST_SUMMARY", "loadtest-summary.json")
SLUG = DATA["slug"]

# The reports to send, round after round (loadtest/prepare.py): each a commune's reporter, the
# round's slug and its first section.
_reporters = iter(DATA["mix"])
_lock = threading.Lock()
_times: dict[str, list[float]] = {"page": [], "save": []}
_errors: list[str] = []
_submitted: list[tuple[str, int]] = []  # (round slug, unit id) acknowledged as sent
_started = time.monotonic()
_count = itertools.count(1)


def _next_reporter():
    with _lock:
        return next(_reporters, None)


# Every request as (the moment it started, page or save, ms): the figures after the ramp-up,
# once every user is spawned and signed in, are printed beside those of the whole run.
_log: list[tuple[float, str, float]] = []
_ramped_up = {"spawned": None, "last_sign_in": 0.0}


@events.spawning_complete.add_listener
def _on_spawned(**kw):
    _ramped_up["spawned"] = time.monotonic()


@events.request.add_listener
def _on_request(request_type, name, response_time, exception=None, **kw):
    kind = "save" if name.startswith("save") else "page"
    _times[kind].append(response_time)
    now = time.monotonic()
    _log.append((now - response_time / 1000, kind, response_time))
    if name == "page: sign in":
        _ramped_up["last_sign_in"] = max(_ramped_up["last_sign_in"], now)
    if exception is not None:
        _errors.append(f"{request_type} {name}: {str(exception)[:200]}")
    if next(_count) >= MAX_REQUESTS:
        runner = kw.get("context", {}).get("runner") or _ENV.runner
        if runner is not None:
            runner.quit()


_ENV = None


@events.init.add_listener
def _on_init(environment, **kw):
    global _ENV
    _ENV = environment


@events.test_start.add_listener
def _on_start(**kw):
    global _started
    _started = time.monotonic()


def _p95(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


@events.quitting.add_listener
def _on_quit(environment, **kw):
    elapsed = time.monotonic() - _started
    total = len(_times["page"]) + len(_times["save"])
    summary = {
        "requests": total,
        "seconds": round(elapsed, 1),
        "requests_per_s": round(total / elapsed, 1) if elapsed else 0,
        "pages": len(_times["page"]),
        "saves": len(_times["save"]),
        "p95_page_ms": round(_p95(_times["page"]), 1),
        "p95_save_ms": round(_p95(_times["save"]), 1),
        "errors": len(_errors),
        "error_samples": _errors[:10],
        "submitted": sorted(_submitted),
    }
    ramped = max(_ramped_up["spawned"] or elapsed + _started, _ramped_up["last_sign_in"])
    after = [(kind, ms) for start, kind, ms in _log if start >= ramped]
    seconds = _started + elapsed - ramped
    summary["after_ramp_up"] = {
        "seconds": round(seconds, 1),
        "requests": len(after),
        "requests_per_s": round(len(after) / seconds, 1) if seconds > 0 else 0,
        "p95_page_ms": round(_p95([ms for kind, ms in after if kind == "page"]), 1),
        "p95_save_ms": round(_p95([ms for kind, ms in after if kind == "save"]), 1),
    }
    if _times["page"]:
        summary["median_page_ms"] = round(sorted(_times["page"])[len(_times["page"]) // 2], 1)
    if _times["save"]:
        summary["median_save_ms"] = round(sorted(_times["save"])[len(_times["save"]) // 2], 1)
    with open(SUMMARY, "w", encoding="utf-8") as fh:
        json.dump(summary, fh, indent=1)


class CommuneReporter(FastHttpUser):
    """One commune's reporter on deadline day, through the API with a token: opens the
    report, saves the draft a few times, sends it; then takes the next commune, if any."""

    weight = 8
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self._take()

    def _take(self):
        self.reporter = _next_reporter()
        self.saves_left = random.randint(2, 4)
        self.version = None
        if self.reporter is not None:
            self.headers = {"Authorization": f"Bearer {self.reporter['token']}"}
            self.url = (
                f"/api/v1/reporting/rounds/{self.reporter['slug']}/units/{self.reporter['unit_id']}"
            )

    @task
    def work(self):
        if self.reporter is None:
            self.wait_time = lambda: 5
            return
        if self.version is None:
            with self.client.get(
                self.url, headers=self.headers, name="page: api open report", catch_response=True
            ) as r:
                if r.status_code != 200:
                    r.failure(f"{r.status_code}")
                    return
                self.version = r.json()["version"]
            return
        if self.saves_left > 0:
            self.saves_left -= 1
            body = {
                "version": self.version,
                "answers": {
                    f"{self.reporter['section']}:done": f"Đã tổ chức {random.randint(1, 20)} buổi tuyên truyền về Luật Bình đẳng giới."
                },
                "values": {
                    "participants": str(random.randint(200, 400)),
                    "participants_women": "150",
                },
            }
            with self.client.put(
                self.url + "/draft", json=body, headers=self.headers, name="save: draft",
                catch_response=True,
            ) as r:  # fmt: skip
                if r.status_code != 200:
                    r.failure(f"{r.status_code} {r.text[:200]}")
                    return
                self.version = r.json()["version"]
            return
        with self.client.post(
            self.url + "/submit", json={"version": self.version}, headers=self.headers,
            name="save: submit", catch_response=True,
        ) as r:  # fmt: skip
            if r.status_code != 200:
                r.failure(f"{r.status_code} {r.text[:200]}")
                return
            with _lock:
                _submitted.append((self.reporter["slug"], self.reporter["unit_id"]))
        self._take()


class _SignedIn(HttpUser):
    abstract = True
    username = ""

    def on_start(self):
        page = self.client.get("/accounts/login/", name="page: login form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post(
            "/accounts/login/",
            {
                "username": self.username,
                "password": DATA["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.client.base_url + "/accounts/login/"},
            name="page: sign in",
        )

    def _page(self, url, name):
        with self.client.get(url, name=name, catch_response=True) as r:
            if r.status_code != 200 or "/accounts/login/" in r.url:
                r.failure(f"{r.status_code} {r.url}")


class StandingOffice(_SignedIn):
    """The province's standing office: watches completeness, opens reports to review."""

    weight = 1
    wait_time = between(0.5, 2.0)
    username = DATA["office"]

    @task(3)
    def completeness(self):
        self._page(f"/rounds/{SLUG}/", "page: completeness")

    @task(2)
    def review(self):
        with _lock:
            slug, unit_id = random.choice(_submitted) if _submitted else (SLUG, None)
        if unit_id is None:
            unit_id = random.choice(DATA["reporters"])["unit_id"]
        self._page(f"/rounds/{slug}/units/{unit_id}/", "page: review report")


class Leader(_SignedIn):
    """A leader: their work page, the round, the indicators dashboard."""

    weight = 1
    wait_time = between(1.0, 3.0)
    username = DATA["leader"]

    @task
    def home(self):
        self._page("/", "page: my work")

    @task
    def round_page(self):
        self._page(f"/rounds/{SLUG}/", "page: completeness")

    @task
    def dashboard(self):
        self._page(f"/indicators/unit/{DATA['province_id']}/", "page: indicators dashboard")
