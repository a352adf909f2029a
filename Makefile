# Anchang — `make run` serves the app, `make test` runs every check. Both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
NPM := npm --prefix frontend
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export XDG_RUNTIME_DIR ?= /tmp/anchang-runtime-$(shell id -u)

.PHONY: install run dev build test lint typecheck pytest e2e frontend-check openapi openapi-check \
        migrate demo-reset bench chromium clean fuzz backup restore soak

$(VENV)/.installed: pyproject.toml
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed frontend/node_modules/.installed

frontend/dist/index.html: frontend/node_modules/.installed $(shell find frontend/src frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)
	$(NPM) run build

build: frontend/dist/index.html

run: install build
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) -m anchang serve

dev: install
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	@trap 'kill 0' EXIT; \
	$(PY) -m anchang serve --reload --port 8000 & \
	$(NPM) run dev -- --host 127.0.0.1 --port 5173

migrate: $(VENV)/.installed
	$(PY) -m anchang migrate

demo-reset: $(VENV)/.installed
	$(PY) -m anchang demo-reset

# `make backup [TO=file]` dumps the database; `make restore FILE=backups/….dump` replaces it with a dump.
backup: $(VENV)/.installed
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) -m anchang backup $(if $(TO),--to "$(TO)")

restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/anchang-….dump"; exit 2; }
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) -m anchang restore "$(FILE)"

# The OpenAPI document and the frontend's types generated from it.
openapi: install
	$(PY) -m anchang openapi -o frontend/openapi.json
	$(NPM) run --silent gen:api

openapi-check: install
	@$(PY) -m anchang openapi -o /tmp/anchang-openapi.json
	@diff -q frontend/openapi.json /tmp/anchang-openapi.json >/dev/null || \
	  { echo "frontend/openapi.json is stale: run 'make openapi' and commit"; exit 1; }
	@cd frontend && npx openapi-typescript ../frontend/openapi.json -o /tmp/anchang-schema.d.ts >/dev/null && \
	  diff -q src/api/schema.d.ts /tmp/anchang-schema.d.ts >/dev/null || \
	  { echo "frontend/src/api/schema.d.ts is stale: run 'make openapi' and commit"; exit 1; }

# Debian packages the tests use: Chromium for the browser tests, poppler to read the PDFs back.
chromium:
	@{ command -v chromium && command -v pdftotext && command -v pdffonts; } >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	  chromium fonts-noto-cjk poppler-utils >/dev/null; }

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check backend tests bench
	$(VENV)/bin/ruff format --check backend tests bench

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

# Includes tests/fuzz at its quick profile (seeded, a few examples per operation and role).
pytest: $(VENV)/.installed chromium
	ANCHANG_FUZZ_PROFILE=quick $(PY) -m pytest -m "not e2e" -q

# The long fuzzing profile (docs/testing.md): every operation, as admin and consultant, 200 random
# examples each (FUZZ_EXAMPLES=n for more or fewer); a failure prints the blob that replays it.
fuzz: $(VENV)/.installed
	ANCHANG_FUZZ_PROFILE=long ANCHANG_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/fuzz -m fuzz -q

frontend-check: frontend/node_modules/.installed
	$(NPM) run typecheck
	$(NPM) run lint
	$(NPM) run test

e2e: install build chromium
	$(PY) -m pytest -m e2e -q

test: install chromium lint typecheck openapi-check pytest frontend-check e2e

bench: install build
	$(PY) bench/run.py
	$(PY) bench/bundle.py

# Ten minutes of mixed load; passes when memory and connections stay flat and nothing answers 5xx.
soak: install
	$(PY) bench/soak.py $(if $(SOAK_SECONDS),--seconds $(SOAK_SECONDS))

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist
