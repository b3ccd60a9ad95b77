# binhdang: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/sh
VENV := .venv
BIN := $(VENV)/bin
export BINHDANG_VAR_DIR ?= $(CURDIR)/var

# `make demo-reset` (or `make run FRESH=1`) starts the demo afresh, keeping the venv.
.PHONY: run demo-reset demo-load test check bench loadtest messages clean serve-prod

$(BIN)/python:
	@py=$$(scripts/find-python) || exit 1; echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

demo-reset: $(VENV)/.installed
	@if [ -n "$$DATABASE_URL" ]; then echo "DATABASE_URL is set: demo-reset only drops the SQLite demo database; unset it or recreate that database yourself"; exit 1; fi
	@echo "Starting the demo afresh: removing $(BINHDANG_VAR_DIR)/binhdang.sqlite3 (the venv stays)"
	rm -f "$(BINHDANG_VAR_DIR)/binhdang.sqlite3" "$(BINHDANG_VAR_DIR)/binhdang.sqlite3-wal" "$(BINHDANG_VAR_DIR)/binhdang.sqlite3-shm"
	$(MAKE) --no-print-directory demo-load

demo-load: $(VENV)/.installed
	BINHDANG_DEBUG=1 $(BIN)/binhdang migrate --noinput -v0
	BINHDANG_DEBUG=1 $(BIN)/binhdang import-admin-units --set legacy
	BINHDANG_DEBUG=1 $(BIN)/binhdang import-admin-units --set 2025
	BINHDANG_DEBUG=1 $(BIN)/binhdang load-demo

run: $(VENV)/.installed
	@if [ -n "$(FRESH)" ]; then $(MAKE) --no-print-directory demo-reset; else $(MAKE) --no-print-directory demo-load; fi
	@echo "Serving http://127.0.0.1:8000 with a background worker beside it (Ctrl+C stops both)"
	@BINHDANG_DEBUG=1 $(BIN)/binhdang run-worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	BINHDANG_DEBUG=1 $(BIN)/binhdang runserver 127.0.0.1:8000

test: $(VENV)/.installed
	@url=$$(scripts/test-database-url $(BIN)/python); \
	if [ -n "$$url" ]; then echo "Test database: PostgreSQL ($$url)"; export DATABASE_URL="$$url"; \
	else echo "Test database: SQLite (no PostgreSQL answered on 127.0.0.1:5432)"; unset DATABASE_URL; fi; \
	if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then echo "Browser tests: on (Chromium found)"; \
	else echo "Browser tests: SKIPPED (install chromium to run them)"; fi; \
	BINHDANG_TESTING=1 $(BIN)/pytest $(PYTEST_ARGS)

check: $(VENV)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	BINHDANG_DEBUG=1 $(BIN)/binhdang makemigrations --check --dry-run
	$(BIN)/python scripts/i18n.py check
	$(BIN)/python scripts/pip-audit-venv $(BIN)
	$(BIN)/bandit -q -r src -c pyproject.toml

# Every benchmark of the project in one table (PostgreSQL when it answers, else SQLite).
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Deadline-day load test against gunicorn + PostgreSQL on 127.0.0.1 (bounded; stops by itself).
loadtest: $(VENV)/.installed
	loadtest/run.sh

messages: $(VENV)/.installed
	$(BIN)/python scripts/i18n.py update

clean:
	rm -rf $(VENV) var .pytest_cache
