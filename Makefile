# `make site` and `make test` work on a fresh Debian machine as root: they install what they need first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system-packages

.PHONY: setup site validate test lint imports typecheck pytest bench clean

setup: $(STAMP)

$(SYSTEM_STAMP): scripts/install-system-packages.sh
	bash scripts/install-system-packages.sh
	mkdir -p $(VENV) && touch $@

$(STAMP): pyproject.toml $(SYSTEM_STAMP)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[site,dev]'
	touch $@

# The main job on the bundled sample campaign: check, then build the 公示 site and its PDF into public/.
site: setup
	$(BIN)/awards status
	$(BIN)/awards build

validate: setup
	$(BIN)/awards validate

lint: setup
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks

# The layers of the code (pyproject.toml, [tool.importlinter]): no stage imports one above it, no cycles.
imports: setup
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest

test: lint imports typecheck pytest

bench: setup
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_export.py

clean:
	rm -rf public exports site/generated .awards-cache
