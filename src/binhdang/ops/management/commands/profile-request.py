"""`binhdang profile-request URL --user NAME`: where one request's time goes.

Sends the request through the whole stack (middleware, URL resolver, view, template or
serialiser) in process, a few times to warm up, then under cProfile, and prints the functions
that took the most time and every query with its count and time. Writes (`--method PUT` with
`--data`) run inside a transaction that is rolled back, so the database is left as it was and
the same save can be profiled again (the write's own transaction then shows as one SAVEPOINT
and its RELEASE, where a real request has BEGIN and COMMIT).

    binhdang profile-request / --user lt.thuongtruc
    binhdang profile-request /api/v1/reporting/rounds/SLUG/units/ID --token TOKEN
    binhdang profile-request /api/v1/.../draft --token TOKEN --method PUT --data '{"version": 0}'
"""

import cProfile
import io
import json
import pstats
import re
import time
from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client

_SAVEPOINT = re.compile(r'"s\d+_x\d+"')


class _Rollback(Exception):
    pass


class _QueryLog:
    def __init__(self):
        self.queries: list[tuple[str, float]] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((sql, time.perf_counter() - start))


class Command(BaseCommand):
    help = "Profile one request in process: the slowest functions and the query log."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--user", default="", help="sign in as this username (session)")
        parser.add_argument("--token", default="", help="send this API key as a Bearer token")
        parser.add_argument("--method", default="GET", choices=["GET", "POST", "PUT"])
        parser.add_argument("--data", default="", help="JSON body of a POST or PUT")
        parser.add_argument("--repeat", type=int, default=20, help="profiled runs (default 20)")
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--top", type=int, default=25)
        parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])

    def handle(self, *args, **opts):
        client = Client(raise_request_exception=True, HTTP_HOST=_host())
        headers = {}
        if opts["user"]:
            from binhdang.accounts.models import User

            user = User.objects.filter(username=opts["user"]).first()
            if user is None:
                raise CommandError(f"no user {opts['user']!r}")
            client.force_login(user)
        if opts["token"]:
            headers["Authorization"] = f"Bearer {opts['token']}"
        method = opts["method"]
        body = opts["data"] or None
        if body is not None:
            try:
                json.loads(body)
            except ValueError as exc:
                raise CommandError(f"--data is not JSON: {exc}") from exc
        write = method != "GET"

        def once():
            kwargs = {"headers": headers}
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            call = getattr(client, method.lower())
            if not write:
                return call(opts["url"], **kwargs)
            response = None
            try:
                with transaction.atomic():
                    response = call(opts["url"], **kwargs)
                    raise _Rollback
            except _Rollback:
                pass
            return response

        for _ in range(opts["warmup"]):
            response = once()
        status = response.status_code if opts["warmup"] else None
        log = _QueryLog()
        profile = cProfile.Profile()
        times, cpu = [], []
        with connection.execute_wrapper(log):
            for _ in range(opts["repeat"]):
                start, start_cpu = time.perf_counter(), time.process_time()
                profile.enable()
                response = once()
                profile.disable()
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
        runs = opts["repeat"]
        times.sort()
        cpu.sort()
        sql_total = sum(t for _s, t in log.queries)
        out = self.stdout
        out.write(
            f"{method} {opts['url']} -> {response.status_code} (warm-up {status}), "
            f"{len(response.content)} bytes"
        )
        out.write(
            f"median {times[len(times) // 2] * 1000:.1f} ms over {runs} runs "
            f"({cpu[len(cpu) // 2] * 1000:.1f} ms of this process's CPU, profiler included); "
            f"{len(log.queries) / runs:.1f} queries per request, "
            f"{sql_total / runs * 1000:.1f} ms in SQL per request"
        )
        stream = io.StringIO()
        stats = pstats.Stats(profile, stream=stream)
        stats.strip_dirs().sort_stats(opts["sort"]).print_stats(opts["top"])
        out.write(stream.getvalue())
        grouped: dict[str, list[float]] = defaultdict(list)
        for sql, elapsed in log.queries:
            grouped[_SAVEPOINT.sub('"sp"', sql)].append(elapsed)
        out.write(f"queries per request (count, ms per request), {len(grouped)} distinct:")
        rows = sorted(grouped.items(), key=lambda kv: -sum(kv[1]))
        for sql, spent in rows:
            out.write(
                f"  {len(spent) / runs:4.1f}  {sum(spent) / runs * 1000:6.2f} ms  {sql[:220]}"
            )


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h and h != "*" and not h.startswith(".")]
    return hosts[0] if hosts else "localhost"
