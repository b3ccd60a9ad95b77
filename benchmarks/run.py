"""`make bench`: run every benchmark of the project and print one table.

Each figure: median and p95 over repeated runs, its target from the issues, pass or fail.

- Org-unit import: `import-admin-units --set legacy` then `--set 2025`, each on a fresh SQLite
  file (the target is stated for SQLite), repeated --import-runs times.
- Everything else runs on one benchmark database: PostgreSQL when a server answers on
  127.0.0.1:5432 (database `binhdang_bench`, created if missing), else an SQLite file. The
  national indicator data set is loaded once (`generate-national-data`, timed), then the apps'
  bench commands run: `bench-indicators`, `bench-reporting`, `bench-documents`,
  `bench-communication`.

Contract with the apps' bench commands: `binhdang bench-<x> --json` prints a JSON list of
{"name", "median_ms", "p95_ms", "target_ms", "runs"}. A command without --json is run plainly
and its text parsed defensively; a missing command shows as "not available yet".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("BIN", ROOT / ".venv" / "bin"))
BINHDANG = str(BIN / "binhdang")


@dataclass
class Row:
    name: str
    median: str = "—"
    p95: str = "—"
    target: str = "—"
    result: str = "n/a"
    runs: str = ""
    source: str = ""


def pct95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.1f} ms"


def base_env(database_url: str | None, var_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BINHDANG_")}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(
        {
            # Production settings: DEBUG would record every query and skew the figures.
            "BINHDANG_DEBUG": "0",
            "BINHDANG_SECRET_KEY": "bench-" + os.urandom(24).hex(),
            "BINHDANG_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "BINHDANG_HTTPS": "0",
            "BINHDANG_VAR_DIR": var_dir,
            "BINHDANG_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONWARNINGS": "ignore",
        }
    )
    return env


def run(args: list[str], env: dict[str, str], timeout: int = 3600) -> tuple[int, str, float]:
    started = time.perf_counter()
    proc = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [BINHDANG, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    return proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - started


def postgres_url(name: str) -> str | None:
    """A fresh-or-existing benchmark database on the local PostgreSQL, or None."""
    try:
        import psycopg
    except ImportError:
        return None
    for user in ("root", "postgres"):
        try:
            with psycopg.connect(
                f"postgresql://{user}@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3
            ) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [name]
                ).fetchone()
                if not exists:
                    conn.execute(f'CREATE DATABASE "{name}"')
            return f"postgres://{user}@127.0.0.1:5432/{name}"
        except psycopg.Error:
            continue
    return None


# ----------------------------------------------------------------- org-unit import


def bench_import(runs: int) -> list[Row]:
    times: dict[str, list[float]] = {"legacy": [], "2025": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="binhdang-bench-import-") as tmp:
            env = base_env(None, tmp)
            code, out, _ = run(["migrate", "--noinput", "-v0"], env)
            if code:
                return [Row("org-unit import", result="ERROR", source=out[-300:])]
            for admin_set in ("legacy", "2025"):
                code, out, wall = run(["import-admin-units", "--set", admin_set], env)
                if code:
                    return [Row(f"import-admin-units --set {admin_set}", result="ERROR")]
                reported = re.search(r"in ([\d.]+) s\b", out)
                times[admin_set].append(
                    float(reported.group(1)) * 1000 if reported else wall * 1000
                )
    rows = []
    for admin_set, values in times.items():
        median, p95 = statistics.median(values), pct95(values)
        rows.append(
            Row(
                f"org-unit import --set {admin_set} (fresh SQLite)",
                fmt_ms(median),
                fmt_ms(p95),
                "< 30 s",
                "PASS" if p95 < 30_000 else "FAIL",
                str(runs),
                "import-admin-units",
            )
        )
    return rows


# ----------------------------------------------------------------- parsing bench output

UNIT = {"ms": 1.0, "s": 1000.0}
INLINE = re.compile(
    r"^(?P<name>.*?)[:\s]+median\s+(?P<m>[\d.,]+)\s*(?P<mu>ms|s)\b.*?p95\s+(?P<p>[\d.,]+)\s*"
    r"(?P<pu>ms|s)\b(?P<rest>.*)$"
)
TARGET = re.compile(r"target\s*(?:<|<=|under)\s*(?P<t>[\d.,]+)\s*(?P<tu>ms|s)\b")
VERDICT = re.compile(r"\b(PASS|FAIL|OK|SLOW|TOO SLOW)\b")


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def parse_json(out: str, source: str) -> list[Row] | None:
    start = out.find("[")
    if start < 0:
        return None
    try:
        items = json.loads(out[start : out.rfind("]") + 1])
    except json.JSONDecodeError:
        return None
    rows = []
    for item in items:
        target = item.get("target_ms")
        p95 = item.get("p95_ms")
        result = (
            "n/a" if target is None else ("PASS" if p95 is not None and p95 < target else "FAIL")
        )
        rows.append(
            Row(
                item.get("name", "?"),
                fmt_ms(item.get("median_ms")),
                fmt_ms(p95),
                "—" if target is None else f"< {fmt_ms(target)}",
                item.get("result", result),
                str(item.get("runs", "")),
                source,
            )
        )
    return rows


def parse_text(out: str, source: str) -> list[Row]:
    rows = []
    header: list[int] | None = None
    for raw in out.splitlines():
        line = raw.rstrip()
        match = INLINE.match(line.strip())
        if match:
            median = _num(match["m"]) * UNIT[match["mu"]]
            p95 = _num(match["p"]) * UNIT[match["pu"]]
            target = TARGET.search(match["rest"])
            verdict = VERDICT.search(
                match["rest"].replace(target.group(0), "") if target else match["rest"]
            )
            result = "n/a"
            target_text = "—"
            if target:
                target_ms = _num(target["t"]) * UNIT[target["tu"]]
                target_text = f"< {fmt_ms(target_ms)}"
                result = "PASS" if p95 < target_ms else "FAIL"
                if result == "FAIL" and verdict and verdict.group(1) == "OK":
                    result = "FAIL (median ok)" if median < target_ms else "FAIL"
            runs = re.search(r"over (\d+) runs", match["rest"])
            rows.append(
                Row(
                    match["name"].strip(" :"),
                    fmt_ms(median),
                    fmt_ms(p95),
                    target_text,
                    result,
                    runs.group(1) if runs else "",
                    source,
                )
            )
            # A ratio target printed beside the figure (roll-up vs hand-written SQL).
            ratio = re.search(r"ratio ([\d.]+)x \(target <= ([\d.]+)x\)", match["rest"])
            if ratio:
                rows.append(
                    Row(
                        match["name"].strip(" :") + ": ratio to hand-written SQL",
                        f"{ratio.group(1)}x",
                        "",
                        f"<= {ratio.group(2)}x",
                        "PASS" if float(ratio.group(1)) <= float(ratio.group(2)) else "FAIL",
                        "",
                        source,
                    )
                )
            continue
        lower = line.lower()
        if lower.startswith("figure") and "median" in lower and "p95" in lower:
            # A fixed-width table: right-aligned columns end where their headings end.
            ends = [lower.index("median") + 6, lower.index("p95") + 3]
            ends.append(lower.index("target") + 6 if "target" in lower else ends[-1])
            header = ends
            continue
        verdict_at = re.search(r"\b(PASS|FAIL)\s*$", line)
        if header and verdict_at:
            head = line[: header[0]]
            median = "" if head.endswith(" ") else head.rsplit(maxsplit=1)[-1]
            name = head[: len(head) - len(median)].strip() if median else head.strip()
            p95 = line[header[0] : header[1]].strip()
            target = line[header[1] : verdict_at.start()].strip()
            unit = " ms" if "(ms)" in name else (" /s" if "per s" in name else "")
            rows.append(
                Row(
                    name.replace(" (ms)", ""),
                    (median + unit) if median and median[0].isdigit() else (median or "—"),
                    (p95 + unit) if p95 and p95[0].isdigit() else (p95 or "—"),
                    target or "—",
                    verdict_at.group(1),
                    "",
                    source,
                )
            )
    return rows


def bench_command(command: str, extra: list[str], env: dict[str, str]) -> list[Row]:
    code, out, _ = run([command, "--json", *extra], env)
    if code and "Unknown command" in out:
        return [Row(f"{command}", result="not available yet", source=command)]
    if code and "unrecognized arguments" in out:
        code, out, _ = run([command, *extra], env)
    elif code == 0:
        rows = parse_json(out, command)
        if rows:
            return rows
    if code:
        last = [line for line in out.strip().splitlines() if line.strip()][-1:] or [""]
        return [Row(command, result=f"ERROR: {last[0][:70]}", source=command)]
    rows = parse_text(out, command)
    return rows or [Row(command, result="no figures found in its output", source=command)]


# ----------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--import-runs", type=int, default=3)
    parser.add_argument("--sqlite", action="store_true", help="do not use PostgreSQL")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-national", action="store_true", help="reuse the loaded data")
    parser.add_argument(
        "--only", default="", help="comma-separated: import,national,indicators,reporting,documents,communication"
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()}

    def wanted(part: str) -> bool:
        return not only or part in only

    rows: list[Row] = []
    var_dir = str(ROOT / "var" / "bench")
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    url = None if args.sqlite else postgres_url("binhdang_bench")
    database = "PostgreSQL (binhdang_bench)" if url else f"SQLite ({var_dir}/binhdang.sqlite3)"
    print(f"benchmark database: {database}", flush=True)

    if wanted("import") and not args.skip_import:
        print(f"org-unit import, {args.import_runs} runs on fresh SQLite files...", flush=True)
        rows += bench_import(args.import_runs)

    env = base_env(url, var_dir)
    needs_db = any(wanted(p) for p in ("national", "indicators", "reporting", "documents"))
    if needs_db:
        code, out, _ = run(["migrate", "--noinput", "-v0"], env)
        if code:
            print(out[-2000:])
            return 1
        for admin_set in ("legacy", "2025"):
            run(["import-admin-units", "--set", admin_set], env)
        run(["load-demo"], env)
        # Production settings serve static files from the collected manifest.
        run(["collectstatic", "--noinput", "-v0"], env)

    if wanted("national") and not args.skip_national:
        print("national data load (generate-national-data --replace)...", flush=True)
        code, out, wall = run(["generate-national-data", "--replace"], env, timeout=7200)
        if code and "Unknown command" in out:
            rows.append(Row("national data load", result="not available yet"))
        elif code:
            rows.append(Row("national data load", result="ERROR", source=out[-200:]))
        else:
            values = re.search(r"([\d,.]+) values", out)
            rows.append(
                Row(
                    "national data load" + (f" ({values.group(1)} values)" if values else ""),
                    fmt_ms(wall * 1000),
                    "",
                    "< 3 min (PostgreSQL)",
                    "PASS" if wall < 180 else "FAIL",
                    "1",
                    "generate-national-data",
                )
            )

    for part, command, extra in (
        ("indicators", "bench-indicators", []),
        ("reporting", "bench-reporting", []),
        ("documents", "bench-documents", []),
        ("communication", "bench-communication", []),
    ):
        if wanted(part):
            print(f"{command}...", flush=True)
            rows += bench_command(command, extra, env)

    print()
    print(f"binhdang benchmarks on {database}")
    headers = ("figure", "median", "p95", "target", "result", "runs")
    widths = (
        [
            max(len(h), *(len(str(getattr(r, f))) for r in rows))
            for h, f in zip(
                headers, ("name", "median", "p95", "target", "result", "runs"), strict=True
            )
        ]
        if rows
        else [len(h) for h in headers]
    )
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        values = (r.name, r.median, r.p95, r.target, r.result, r.runs)
        print("  ".join(str(v).ljust(w) for v, w in zip(values, widths, strict=True)))
    if args.json:
        print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=1))
    failed = [r for r in rows if r.result.startswith(("FAIL", "ERROR"))]
    print(f"\n{len(rows)} figures, {len(failed)} failing or in error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
