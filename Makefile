# kindvoice: `make run` to start the app, `make test` to run everything CI runs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
export KINDVOICE_DATA_DIR ?= $(CURDIR)/var
PG_DIR := /tmp/kindvoice-pg-$(shell id -u)
PG_PORT ?= 54329

.PHONY: help run install install-dev test lint typecheck test-sqlite test-postgres bench clean

help:
	@echo "make run    set up and serve kindvoice at http://127.0.0.1:8000 (SQLite in ./var)"
	@echo "make test   set up and run lint, type checks, the suite on SQLite (browser tests"
	@echo "            included) and again on PostgreSQL"
	@echo "make bench  run the benchmark scripts"

$(BIN)/python:
	"$$(scripts/find-python)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/kindvoice migrate
	$(BIN)/kindvoice serve

lint: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install-dev
	$(BIN)/mypy

# Browser tests need Debian's Chromium; if it cannot be installed they are skipped, said once.
test-sqlite: install-dev
	@if scripts/ensure-chromium >/dev/null; then export KINDVOICE_CHROMIUM=/usr/bin/chromium; fi; \
	KINDVOICE_DATA_DIR=$$(mktemp -d) DATABASE_URL= $(BIN)/python -m pytest -q

test-postgres: install-dev
	@url=$$(scripts/pg-test-server start $(PG_DIR) $(PG_PORT)); status=$$?; \
	if [ $$status -eq 3 ]; then exit 0; elif [ $$status -ne 0 ]; then exit $$status; fi; \
	echo "Running the database tests again on PostgreSQL ($$url)"; \
	PATH="$$(scripts/pg-test-server bindir):$$PATH" KINDVOICE_DATA_DIR=$$(mktemp -d) DATABASE_URL=$$url \
	  $(BIN)/python -m pytest -q -m "not browser"; status=$$?; \
	scripts/pg-test-server stop $(PG_DIR); exit $$status

test: lint typecheck test-sqlite test-postgres

bench: install-dev
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build src/*.egg-info
