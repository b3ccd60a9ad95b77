#!/bin/sh
# PostgreSQL restarted under load, on a private throwaway cluster (see pg_restart.py).
set -eu
cd "$(dirname "$0")/../.."
exec .venv/bin/python tests/faults/pg_restart.py "$@"
