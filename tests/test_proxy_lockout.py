"""The sign-in lock-out and the audit log behind a real nginx, in front of a real gunicorn.

nginx is the Debian package, started with a configuration made from deploy/nginx.conf (only
the ports, TLS and the file locations differ); gunicorn runs deploy/gunicorn.conf.py on its
own SQLite file, with the production defaults for trusted proxies (nginx on 127.0.0.1).
Clients are told apart the way nginx tells them apart, by the address they connect from: the
whole 127.0.0.0/8 is local, so client A connects from 127.0.0.3 and client B from 127.0.0.4.
"""

import os
import pwd
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
CLIENT_A, CLIENT_B, STRANGER = "127.0.0.3", "127.0.0.4", "127.0.0.5"
PASSWORD = "Mật-khẩu-cán-bộ-2024"
FAILURE_LIMIT = 3

pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (apt-get install nginx-light); CI installs it"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: the server stopped:\n{log.read_text()}")
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer:\n{log.read_text()}")


def nginx_conf(tmp: Path, listen: int, upstream: int) -> str:
    """deploy/nginx.conf on local ports, without TLS, with its files under `tmp`."""
    conf = (ROOT / "deploy/nginx.conf").read_text()
    conf = re.sub(r"server \{\s*listen 80;.*?\n\}\n", "", conf, count=1, flags=re.S)
    conf = conf.replace("server 127.0.0.1:8000", f"server 127.0.0.1:{upstream}")
    conf = conf.replace("listen 443 ssl;", f"listen 127.0.0.1:{listen};")
    conf = "\n".join(
        line for line in conf.splitlines() if not line.strip().startswith(("ssl_", "http2 "))
    )
    assert "ssl" not in conf and f"127.0.0.1:{upstream}" in conf, "deploy/nginx.conf changed shape"
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {tmp}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {tmp}/access.log;
{temp}
{conf}
}}
"""


class FromAddress(HTTPAdapter):
    """Connections from a chosen local address, as from another machine."""

    def __init__(self, source: str):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def client(source: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", FromAddress(source))
    return session


def sign_in(session: requests.Session, base: str, password: str, **headers) -> int:
    page = session.get(f"{base}/accounts/login/", headers=headers, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    response = session.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": "officer", "password": password},
        headers=headers,
        allow_redirects=False,
        timeout=10,
    )
    return response.status_code


@pytest.fixture
def proxied_app(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BINHDANG_", "DJANGO_", "DATABASE_URL", "GUNICORN_"))
    }
    db = tmp_path / "db.sqlite3"
    app_port, nginx_port = _free_port(), _free_port()
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{db}",
            "BINHDANG_VAR_DIR": str(tmp_path),
            "BINHDANG_DEBUG": "1",
            "BINHDANG_LOGIN_FAILURE_LIMIT": str(FAILURE_LIMIT),
            "BINHDANG_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "GUNICORN_BIND": f"127.0.0.1:{app_port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "2",
            "PYTHONWARNINGS": "ignore",
        }
    )
    manage = [str(BIN / "binhdang")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, timeout=300)
    create = (
        "from binhdang.accounts.models import User; "
        f"User.objects.create_user(username='officer', password={PASSWORD!r})"
    )
    subprocess.run([*manage, "shell", "-c", create], env=env, check=True, timeout=120)

    app_log, nginx_log = tmp_path / "gunicorn.log", tmp_path / "error.log"
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf(tmp_path, nginx_port, app_port))
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / kind).mkdir()
    nginx_log.touch()
    gunicorn = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy/gunicorn.conf.py"), "binhdang.wsgi"],
        env=env, stdout=app_log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    nginx = subprocess.Popen(  # noqa: S603
        [NGINX, "-p", str(tmp_path), "-e", str(nginx_log), "-c", str(conf)],
        stdout=subprocess.DEVNULL, stderr=nginx_log.open("a"),
    )  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{app_port}/healthz", gunicorn, app_log)
        _wait_for(f"http://127.0.0.1:{nginx_port}/healthz", nginx, nginx_log)
        yield (f"http://127.0.0.1:{nginx_port}", f"http://127.0.0.1:{app_port}", db)
    finally:
        for proc in (nginx, gunicorn):
            proc.terminate()
        for proc in (nginx, gunicorn):
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_the_lock_holds_one_user_at_one_address_and_the_log_names_the_client(proxied_app):
    via_nginx, direct, db = proxied_app
    a, b, stranger = client(CLIENT_A), client(CLIENT_B), client(STRANGER)

    # Client A guesses, writing B's address into X-Forwarded-For itself: nginx appends the
    # address A really connects from, and only that hop is believed.
    spoofed_b = {"X-Forwarded-For": CLIENT_B}
    answers = [sign_in(a, via_nginx, "wrong-password", **spoofed_b) for _ in range(FAILURE_LIMIT)]
    assert answers == [200] * (FAILURE_LIMIT - 1) + [429]  # the last guess locks
    assert sign_in(a, via_nginx, PASSWORD) == 429  # user@A is locked, even with the password

    # The officer at B signs in: a stranger's guesses do not lock them out.
    assert sign_in(b, via_nginx, PASSWORD) == 302

    # Straight to gunicorn, not through a trusted proxy: the header is ignored, so claiming
    # to be B (or A) changes nothing; the request is the stranger's own.
    spoofed = {"X-Forwarded-For": CLIENT_A}
    assert sign_in(stranger, direct, PASSWORD, **spoofed) == 302

    attempts = _rows(db, "SELECT username, ip_address FROM axes_accessattempt")
    assert attempts == [("officer", CLIENT_A)]
    log = _rows(db, "SELECT action, ip_address FROM audit_auditentry ORDER BY id")
    # Every guess and the locked attempt are A's; each sign-in is at its own address.
    assert log == [("auth.login_failed", CLIENT_A)] * (FAILURE_LIMIT + 1) + [
        ("auth.login", CLIENT_B),
        ("auth.login", STRANGER),
    ]
    assert "127.0.0.1" not in {ip for _action, ip in log}
