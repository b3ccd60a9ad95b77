"""gunicorn settings for binhdang (`gunicorn -c deploy/gunicorn.conf.py binhdang.wsgi`).

Sized for the 2-core reference machine and tuned with the load test (loadtest/README.md):
requests are short and mostly wait on PostgreSQL, so a few processes each with a few threads
keep both cores busy without the memory of many processes. Override any figure with the
environment (GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_BIND, ...).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# (2 x cores) + 1 processes is gunicorn's rule of thumb for mixed CPU/IO work.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Load the application once before forking: faster start, shared memory pages.
preload_app = True
# A document generation (LibreOffice) can take a while; anything longer is a hung worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never take the server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# Behind nginx on the same host: trust its X-Forwarded-* headers only from there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
# Temporary files of requests in memory, not on a possibly slow disk.
SHM = "/dev/shm"  # noqa: S108 - gunicorn heartbeat files, recommended location
worker_tmp_dir = SHM if os.path.isdir(SHM) else None


def post_fork(server, worker):
    # Database connections opened while preloading must not be shared between processes.
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.close()


def when_ready(server):
    """Warm the preloaded application before the workers fork: the first request otherwise
    pays for URL resolution, template loading, translations and the API schema (over a
    second), in every worker."""
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".")
    client = Client(HTTP_HOST=host, raise_request_exception=False)
    for path in ("/healthz", "/accounts/login/", "/api/v1/openapi.json"):
        try:
            client.get(path, secure=settings.SECURE_SSL_REDIRECT)
        except Exception as exc:  # a warm-up failure must never stop the server
            server.log.warning("warm-up of %s failed: %s", path, exc)
    for conn in connections.all(initialized_only=True):
        conn.close()
