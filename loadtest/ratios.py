"""Each hot address alone, beside /healthz in the same run (called by loadtest/run.sh).

wrk (Debian's `wrk`, a C generator that takes little of the CPU the server needs) loads one
address at a time for LOADTEST_RATIO_SECONDS (default 10) and reports its requests/s; each is
printed as a share of /healthz's, beside the target of issue 16. Pages are loaded with the
session cookie of a signed-in user, API calls with a reporter's token (Lua scripts written
here). The draft save runs one connection per wrk thread, each on its own unit, carrying the
version the previous save answered; the submit sends the prepared drafts of the submit round,
each once, after opening each of those reports once (as its reporter does before sending),
and its rate is taken over the time from its first request to its last answer.

    python loadtest/ratios.py --base http://127.0.0.1:8765 --data data.json --out ratios.json
    LOADTEST_ONLY="my work,API open" python loadtest/ratios.py ...   (only those, beside /healthz)
"""

import argparse
import concurrent.futures
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

SECONDS = int(os.environ.get("LOADTEST_RATIO_SECONDS", "10"))
# The submit sends each prepared draft once (510 for the 579 communes): a shorter window.
SUBMIT_SECONDS = int(os.environ.get("LOADTEST_SUBMIT_SECONDS", "3"))
# LOADTEST_SUBMIT_OPENED=0: the submit on tokens, users and reports the server has not seen.
SUBMIT_OPENED = os.environ.get("LOADTEST_SUBMIT_OPENED", "1") != "0"
WRK = os.environ.get("WRK", "wrk")
# LOADTEST_ONLY="my work,API open": only the addresses whose names hold one of these (and /healthz).
ONLY = [w.strip() for w in os.environ.get("LOADTEST_ONLY", "").split(",") if w.strip()]

# (name, target share of /healthz in %, None: shown without a target)
TARGETS = {
    "/healthz": None,
    "login page (anonymous)": None,
    "my work, standing office": 15,
    "round page, 579 communes": 5,
    "indicators dashboard, province": 5,
    "API open of a report": 15,
    "API draft save": 15,
    "API submit": 15,
}

HEADERS_LUA = """
wrk.headers["%(name)s"] = "%(value)s"
"""

COUNT_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
"""

DRAFT_LUA = """
local units = %(units)s
local n = 0
function setup(thread) n = n + 1; thread:set("tid", n) end
function init(args)
  me = units[(tid - 1) %% #units + 1]
  version = me.version
  math.randomseed(tid)
end
function request()
  local body = string.format(
    '{"version": %%d, "answers": {"%(section)s:done": "Đã tổ chức %%d buổi tuyên truyền."}, ' ..
    '"values": {"participants": "%%d", "participants_women": "150"}}',
    version, math.random(1, 20), math.random(200, 400))
  return wrk.format("PUT", me.path .. "/draft",
    {["Authorization"] = "Bearer " .. me.token, ["Content-Type"] = "application/json"}, body)
end
function response(status, headers, body)
  local v = body:match('"version":%%s*(%%d+)')
  if v then version = tonumber(v) end
end
"""

# Each thread notes when it sent its first request and when its last answer came (LuaJIT's
# ffi, the monotonic clock); `done` prints the window from the first to the last, which
# ratios.py divides by: wrk's own rate divides by the whole -d window, drafts used up or not.
SUBMIT_LUA = """
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } lt_timespec;
int clock_gettime(int clk_id, lt_timespec *tp);
]]
local function now()
  local t = ffi.new("lt_timespec")
  ffi.C.clock_gettime(1, t)
  return tonumber(t.tv_sec) + tonumber(t.tv_nsec) / 1e9
end
local units = %(units)s
local threads_n = %(threads)d
local n = 0
local threads = {}
function setup(thread) n = n + 1; thread:set("tid", n); table.insert(threads, thread) end
function init(args)
  mine = {}
  for i = tid, #units, threads_n do table.insert(mine, units[i]) end
  idx = 1
end
function request()
  if not first then first = now() end
  local u = mine[math.min(idx, #mine)]
  return wrk.format("POST", u.path .. "/submit",
    {["Authorization"] = "Bearer " .. u.token, ["Content-Type"] = "application/json"},
    string.format('{"version": %%d}', u.version))
end
function response(status, headers, body)
  last = now()
  idx = idx + 1
  if idx > #mine then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local a, b = nil, nil
  for _, t in ipairs(threads) do
    local f, l = t:get("first"), t:get("last")
    if f and (not a or f < a) then a = f end
    if l and (not b or l > b) then b = l end
  end
  if a and b and b > a then io.write(string.format("Active window: %%.4f s\\n", b - a)) end
end
"""


def _lua_units(units, slug):
    rows = [
        f'{{path = "/api/v1/reporting/rounds/{slug}/units/{u["unit_id"]}", '
        f'token = "{u["token"]}", version = {u.get("version", 0)}}}'
        for u in units
    ]
    return "{" + ",\n".join(rows) + "}"


def open_reports(base: str, units: list, slug: str) -> None:
    """Each unit's report opened once through the API with its reporter's token, as a
    reporter opens the report before sending it: the submit is then measured as it comes on
    deadline day, after the open, and not on a token, user and memberships never seen."""

    def open_one(unit):
        request = urllib.request.Request(  # noqa: S310 - run.sh's own http://127.0.0.1
            f"{base}/api/v1/reporting/rounds/{slug}/units/{unit['unit_id']}",
            headers={"Authorization": f"Bearer {unit['token']}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                answer.read()
        except OSError:  # HTTPError and URLError among them: counted, the measurement goes on
            return False
        return True

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        failed = sum(1 for opened in pool.map(open_one, units) if not opened)
    if failed:
        print(f"(the submit: {failed} of {len(units)} reports could not be opened beforehand)")


def sign_in(base: str, username: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - the base URL is run.sh's own http://127.0.0.1
        base + "/accounts/login/", data=body, headers={"Referer": base + "/accounts/login/"}
    )
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"could not sign in as {username}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def run_wrk(url: str, lua: str, threads: int, connections: int, seconds: int = SECONDS) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as fh:
        fh.write(lua)
        script = fh.name
    try:
        out = subprocess.run(  # noqa: S603 - wrk with arguments built here
            [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script,
             url],
            capture_output=True, text=True, timeout=seconds + 60, check=False,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    requests = re.search(r"(\d+) requests in", out)
    window = re.search(r"Active window: ([\d.]+) s", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    if window and requests:
        # The submit's own window (SUBMIT_LUA), from its first request to its last answer.
        rate = int(requests.group(1)) / float(window.group(1))
    else:
        rate = float(rps.group(1)) if rps else 0.0
    return {
        "requests_per_s": rate,
        "requests": int(requests.group(1)) if requests else 0,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(int(g) for g in errors.groups()) if errors else 0,
        "p99": f"{p99.group(1)} {p99.group(2)}" if p99 else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as fh:
        data = json.load(fh)
    base, slug = args.base, data["slug"]
    office = sign_in(base, data["office"], data["password"])
    leader = sign_in(base, data["leader"], data["password"])
    reporter = data["reporters"][0]

    def cookie(value):
        return HEADERS_LUA % {"name": "Cookie", "value": value}

    bearer = HEADERS_LUA % {"name": "Authorization", "value": f"Bearer {reporter['token']}"}
    section = data["sections"]["1"]
    submit_section = section
    plan = [
        ("/healthz", "/healthz", "", 2, 16),
        ("login page (anonymous)", "/accounts/login/", "", 2, 16),
        ("my work, standing office", "/", cookie(office), 2, 16),
        ("round page, 579 communes", f"/rounds/{slug}/", cookie(office), 2, 16),
        (
            "indicators dashboard, province",
            f"/indicators/unit/{data['province_id']}/",
            cookie(leader),
            2,
            16,
        ),
        (
            "API open of a report",
            f"/api/v1/reporting/rounds/{slug}/units/{reporter['unit_id']}",
            bearer,
            2,
            16,
        ),
        (
            "API draft save",
            "/",
            DRAFT_LUA % {"units": _lua_units(data["draft_units"], slug), "section": section},
            16,
            16,
        ),
    ]
    if data.get("submit_units"):
        plan.append(
            (
                "API submit",
                "/",
                SUBMIT_LUA
                % {
                    "units": _lua_units(data["submit_units"], data["submit_slug"]),
                    "threads": 16,
                    "section": submit_section,
                },
                16,
                16,
            )
        )
    if ONLY:
        plan = [p for p in plan if p[0] == "/healthz" or any(w in p[0] for w in ONLY)]
    results = {}
    for name, path, lua, threads, connections in plan:
        # Each prepared draft is sent once, in a short window; the rate is taken over the
        # time they were being sent (SUBMIT_LUA), used up before the window's end or not.
        seconds = min(SECONDS, SUBMIT_SECONDS) if name == "API submit" else SECONDS
        if name == "API submit" and SUBMIT_OPENED:
            open_reports(base, data["submit_units"], data["submit_slug"])
        results[name] = run_wrk(base + path, lua or COUNT_LUA, threads, connections, seconds)
        results[name]["path"] = path
        if name == "API submit" and results[name]["requests"] >= len(data["submit_units"]):
            results[name]["used_up"] = True
    health = results["/healthz"]["requests_per_s"] or 1.0
    print(f"\n== each address alone, wrk {SECONDS} s, 16 connections, beside /healthz")
    print(f"{'address':<34} {'req/s':>9} {'share':>7} {'target':>8}  result   p99, errors")
    failed = False
    for name, r in results.items():
        share = 100.0 * r["requests_per_s"] / health
        r["share_pct"] = round(share, 1)
        target = TARGETS.get(name)
        errors = r["non_2xx"] + r["socket_errors"]
        if target is None:
            verdict = ""
        else:
            ok = share >= target and errors == 0
            failed = failed or not ok
            verdict = "PASS" if ok else "FAIL"
        shown = f">= {target}%" if target else ""
        print(
            f"{name:<34} {r['requests_per_s']:>9.1f} {share:>6.1f}% {shown:>8}  {verdict:<7}"
            f"  {r['p99']}, {errors} of {r['requests']}"
        )
        if r.get("used_up"):
            print(f"{'':<34} (every prepared draft was sent: the rate is over the time it took)")
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
