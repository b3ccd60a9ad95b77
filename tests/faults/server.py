"""The app server as a separate process on its own SQLite file, for killing it mid-request."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.media = tmp / "media"
        self.db = tmp / "db.sqlite3"
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("BINHDANG_", "DJANGO_", "DATABASE_URL"))
        }
        self.env.update(
            {
                "DATABASE_URL": f"sqlite:///{self.db}",
                "BINHDANG_VAR_DIR": str(tmp),
                "BINHDANG_MEDIA_ROOT": str(self.media),
                "BINHDANG_DEBUG": "1",
                "BINHDANG_AXES_ENABLED": "0",
                "BINHDANG_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                "PYTHONWARNINGS": "ignore",
            }
        )
        self.proc = None
        self.port = None

    def manage(self, *args: str) -> str:
        out = subprocess.run(
            [str(BIN / "binhdang"), *args], env=self.env, capture_output=True, text=True,
            timeout=300, check=True,
        )  # fmt: skip
        return out.stdout

    def setup(self, communes: int) -> dict:
        self.manage("migrate", "--noinput", "-v0")
        out = subprocess.run(
            [sys.executable, str(Path(__file__).parent / "world_setup.py"), str(communes)],
            env=self.env, capture_output=True, text=True, timeout=300, check=True,
        )  # fmt: skip
        return json.loads(out.stdout.strip().splitlines()[-1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [str(BIN / "binhdang"), "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("the app server did not start")

    def kill(self) -> None:
        """SIGKILL: no cleanup, no finishing of the requests in flight."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
