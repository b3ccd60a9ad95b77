"""Production mode refuses insecure settings, and `check --deploy` is clean."""

import os
import subprocess
import sys


def _run(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BINHDANG_", "DJANGO_"))}
    env.update({"BINHDANG_VAR_DIR": "/tmp/binhdang-settings-test", **env_overrides})
    return subprocess.run(
        [sys.executable, "-m", "binhdang.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_key_in_production():
    result = _run({}, "check")
    assert result.returncode != 0
    assert "BINHDANG_SECRET_KEY" in result.stderr


def test_it_refuses_the_development_key_in_production():
    result = _run(
        {
            "BINHDANG_SECRET_KEY": "dev-only-insecure-key-never-use-in-production",
            "BINHDANG_ALLOWED_HOSTS": "example.org",
        },
        "check",
    )
    assert result.returncode != 0


def test_it_passes_check_deploy_in_production_settings():
    result = _run(
        {
            "BINHDANG_SECRET_KEY": "x" * 30 + "-Kq8vZ3pL0sT7wN2mR5yB9cF4hJ6",
            "BINHDANG_ALLOWED_HOSTS": "binhdang.example.gov.vn",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
