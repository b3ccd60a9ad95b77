#!/bin/sh
# Deadline-day load test against the production set-up on 127.0.0.1:
# gunicorn (deploy/gunicorn.conf.py) + PostgreSQL, BINHDANG_DEBUG=0, static files by whitenoise.
# Bounded in time and requests; stops by itself; checks the database afterwards.
#
#   loadtest/run.sh                  (defaults below; override with the environment)
#   LOADTEST_USERS=300 LOADTEST_RUN_TIME=90s LOADTEST_MAX_REQUESTS=40000 loadtest/run.sh
# First each hot address alone beside /healthz (loadtest/ratios.py, wrk), then the mix (locust).
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${BIN:-$ROOT/.venv/bin}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-root}
DB=${LOADTEST_DB:-binhdang_loadtest}
PORT=${LOADTEST_PORT:-8765}
# Another server on the port (a colleague's dev server) would answer the health check instead.
PORT=$("$BIN/python" - "$PORT" <<'PY'
import socket, sys
port = int(sys.argv[1])
while True:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            break
        except OSError:
            port += 1
print(port)
PY
)
USERS=${LOADTEST_USERS:-120}
SPAWN=${LOADTEST_SPAWN_RATE:-20}
RUN_TIME=${LOADTEST_RUN_TIME:-60s}
COMMUNES=${LOADTEST_COMMUNES:-579}
export LOADTEST_MAX_REQUESTS=${LOADTEST_MAX_REQUESTS:-40000}
VAR=${LOADTEST_VAR:-/tmp/binhdang-loadtest}
mkdir -p "$VAR"

export DATABASE_URL="postgres://$PGUSER@$PGHOST:5432/$DB"
export BINHDANG_VAR_DIR="$VAR"
export BINHDANG_DEBUG=0
export BINHDANG_SECRET_KEY="loadtest-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
export BINHDANG_ALLOWED_HOSTS=127.0.0.1,localhost
export BINHDANG_HTTPS=0  # plain HTTP on the loopback; production runs behind TLS (deploy/nginx.conf)
export BINHDANG_EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export PYTHONWARNINGS=ignore
export LOADTEST_DATA="$VAR/data.json"
# The demo holds case records, encrypted with keys that production takes from the environment.
export BINHDANG_CASE_KEYS="${BINHDANG_CASE_KEYS:-$("$BIN/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')}"
export BINHDANG_CASE_INDEX_KEY="${BINHDANG_CASE_INDEX_KEY:-$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(32))')}"
export LOADTEST_SUMMARY="$VAR/summary.json"

if [ "${LOADTEST_REUSE_DB:-0}" != 1 ]; then
  echo "== fresh database $DB"
  "$BIN/python" - <<PY
import psycopg
with psycopg.connect("postgres://$PGUSER@$PGHOST:5432/postgres", autocommit=True) as c:
    c.execute('DROP DATABASE IF EXISTS "$DB" WITH (FORCE)')
    c.execute('CREATE DATABASE "$DB"')
PY
  "$BIN/binhdang" migrate --noinput -v0
  "$BIN/binhdang" import-admin-units --set legacy
  "$BIN/binhdang" load-demo >/dev/null || echo "(the demo did not load; the load test does not need it)"
fi
"$BIN/python" loadtest/prepare.py --communes "$COMMUNES" --out "$LOADTEST_DATA"
# The planner's statistics of the tables just filled, as autovacuum keeps them in production
# (without them it plans for empty tables: nested loops over thousands of rows).
"$BIN/python" - <<PY
import psycopg
with psycopg.connect("postgres://$PGUSER@$PGHOST:5432/$DB", autocommit=True) as c:
    c.execute("ANALYZE")
PY
"$BIN/binhdang" collectstatic --noinput -v0

# The shared cache of a production set-up (sessions in the cache, written through to the
# database): a private Redis on a socket in $VAR when redis-server is installed.
RPID=""
if [ "${LOADTEST_REDIS:-1}" = 1 ] && command -v redis-server >/dev/null 2>&1; then
  rm -f "$VAR/redis.sock"
  redis-server --port 0 --unixsocket "$VAR/redis.sock" --save "" --appendonly no \
    --daemonize no >"$VAR/redis.log" 2>&1 &
  RPID=$!
  i=0
  until [ -S "$VAR/redis.sock" ]; do i=$((i+1)); [ $i -gt 40 ] && break; sleep 0.1; done
  export BINHDANG_REDIS_URL="unix://$VAR/redis.sock"
  echo "== redis on $VAR/redis.sock (cache and sessions)"
fi

echo "== gunicorn on 127.0.0.1:$PORT"
GUNICORN_BIND=127.0.0.1:$PORT "$BIN/gunicorn" -c deploy/gunicorn.conf.py binhdang.wsgi \
  --pid "$VAR/gunicorn.pid" >"$VAR/gunicorn.log" 2>&1 &
GPID=$!
# gunicorn first, Redis once its last request is answered (it reads the cache to the end).
trap 'kill $GPID 2>/dev/null || true; wait $GPID 2>/dev/null || true; kill $RPID 2>/dev/null || true' EXIT INT TERM
i=0
until "$BIN/python" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null; do
  kill -0 $GPID 2>/dev/null || { echo "gunicorn exited"; cat "$VAR/gunicorn.log"; exit 1; }
  i=$((i+1)); [ $i -gt 60 ] && { echo "gunicorn did not start"; cat "$VAR/gunicorn.log"; exit 1; }
  sleep 0.5
done

if [ "${LOADTEST_RATIOS:-1}" = 1 ]; then
  if command -v "${WRK:-wrk}" >/dev/null 2>&1; then
    "$BIN/python" loadtest/ratios.py --base "http://127.0.0.1:$PORT" --data "$LOADTEST_DATA" \
      --out "$VAR/ratios.json" || true
  else
    echo "(wrk is not installed: apt-get install wrk; the single-address ratios are skipped)"
  fi
fi

if [ "${LOADTEST_MIX:-1}" != 1 ]; then
  echo "(LOADTEST_MIX=0: the mix and the database check are skipped)"
  exit 0
fi

echo "== locust: $USERS users, at most $RUN_TIME and $LOADTEST_MAX_REQUESTS requests"
"$BIN/locust" -f loadtest/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  -u "$USERS" -r "$SPAWN" --run-time "$RUN_TIME" --stop-timeout 10 --only-summary \
  --csv "$VAR/locust" --loglevel WARNING >"$VAR/locust.log" 2>&1 || true
kill $GPID 2>/dev/null || true
wait $GPID 2>/dev/null || true
[ -n "$RPID" ] && { kill $RPID 2>/dev/null || true; }
trap - EXIT INT TERM

tail -n 25 "$VAR/locust.log" | grep -E "Aggregated|Name|----|page:|save:" || true
"$BIN/python" - "$LOADTEST_SUMMARY" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
def verdict(ok): return "PASS" if ok else "FAIL"
print()
print(f"{'figure':<28} {'measured':>12} {'target':>12}  result")
print(f"{'requests/s overall':<28} {s['requests_per_s']:>12} {'>= 300':>12}  {verdict(s['requests_per_s'] >= 300)}")
print(f"{'p95 pages (ms)':<28} {s['p95_page_ms']:>12} {'< 300':>12}  {verdict(s['p95_page_ms'] < 300)}")
print(f"{'p95 saves (ms)':<28} {s['p95_save_ms']:>12} {'< 1000':>12}  {verdict(s['p95_save_ms'] < 1000)}")
print(f"{'errors':<28} {s['errors']:>12} {'0':>12}  {verdict(s['errors'] == 0)}")
print(f"requests {s['requests']} in {s['seconds']} s ({s['pages']} pages, {s['saves']} saves); "
      f"median page {s.get('median_page_ms')} ms, median save {s.get('median_save_ms')} ms")
r = s.get("after_ramp_up")
if r and r["requests"]:
    print(f"after the ramp-up (every user spawned and signed in), the last {r['seconds']} s: "
          f"{r['requests_per_s']} requests/s, p95 pages {r['p95_page_ms']} ms, "
          f"p95 saves {r['p95_save_ms']} ms")
for e in s["error_samples"]:
    print("  error:", e)
PY
"$BIN/python" loadtest/verify.py "$LOADTEST_SUMMARY"
