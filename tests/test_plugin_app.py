"""A new app plugs into the shell with its own folder and one line of INSTALLED_APPS.

The field-visits app (tests/plugin_app/) runs in a pytest of its own, started here, with the
project's settings plus that one line: the shell finds its permission, pages, API route,
navigation entry, "my work" provider and report section exactly as at a real start-up, and
the rest of the suite (the permission matrix above all) never sees the app."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ROOT / "tests" / "plugin_app" / "checks.py"


def test_an_app_plugs_in_with_its_folder_and_one_installed_apps_line():
    path = os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path, "DJANGO_SETTINGS_MODULE": "tests.plugin_app.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
         "--ds=tests.plugin_app.settings", str(CHECKS)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "6 passed" in result.stdout, result.stdout[-2000:]
