# Tandem: `make run` starts it on its embedded default; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# The tabs (tab/, React + Vite) are rebuilt when a source changes; the stamp sits in the build.
TAB_STAMP := tab/dist/.built
TAB_SOURCES := $(shell find tab/src -type f 2>/dev/null) tab/index.html tab/vite.config.ts \
	tab/tsconfig.json tab/package.json

.PHONY: run test lint typecheck contracts unit bench bench-matching package clean tab

run: $(PY_STAMP) $(NODE_STAMP) $(TAB_STAMP)
	$(PY) -m teams_app dev $(ARGS)

test: $(PY_STAMP) $(NODE_STAMP) $(TAB_STAMP) lint typecheck contracts
	$(PY) -m pytest -q

lint: $(PY_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(PY_STAMP) $(NODE_STAMP)
	$(VENV)/bin/mypy
	npm run --silent typecheck:tab

contracts: $(PY_STAMP)
	$(VENV)/bin/lint-imports

unit: $(PY_STAMP)
	$(PY) -m pytest -q tests/unit

BENCH_STAMP := $(VENV)/.bench-installed

bench: $(PY_STAMP) $(BENCH_STAMP) $(TAB_STAMP)
	$(PY) bench/bot_load.py
	$(PY) bench/matching.py
	$(PY) bench/reminders.py
	$(PY) bench/tab_paint.py

bench-matching: $(PY_STAMP) $(BENCH_STAMP)
	$(PY) bench/matching.py $(ARGS)

$(BENCH_STAMP): requirements-bench.txt $(PY_STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

$(PY_STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json tab/package.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

tab: $(TAB_STAMP)

$(TAB_STAMP): $(NODE_STAMP) $(TAB_SOURCES)
	npm run --silent build:tab
	touch $@

clean:
	rm -rf $(VENV) node_modules tab/dist var test-artifacts .mypy_cache .ruff_cache .pytest_cache

package: $(PY_STAMP) $(NODE_STAMP)
	$(PY) -m teams_app package
