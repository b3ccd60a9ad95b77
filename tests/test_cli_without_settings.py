"""`binhdang ...` run outside make, without the production settings, answers with one line
saying which variable to set or how to run in development, never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import binhdang

SRC = str(Path(binhdang.__file__).resolve().parents[1])


def _run(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BINHDANG_")}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean.update(env, PYTHONPATH=SRC)
    return subprocess.run(  # noqa: S603 - the project's own entry point
        [sys.executable, "-c", "from binhdang.manage import main; main()", *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_names_the_missing_secret_key_and_the_development_way_in_one_line():
    result = _run("migrate")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "BINHDANG_SECRET_KEY" in lines[0]
    assert "BINHDANG_DEBUG=1 binhdang migrate" in lines[0]


def test_it_names_the_missing_allowed_hosts_once_the_key_is_set():
    result = _run("check", BINHDANG_SECRET_KEY="a-real-production-key-" + "x" * 40)
    assert result.returncode == 2
    assert "BINHDANG_ALLOWED_HOSTS" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_it_runs_in_development_mode():
    result = _run("check", BINHDANG_DEBUG="1")
    assert result.returncode == 0, result.stderr
