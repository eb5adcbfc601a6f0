# The two commands of the README's quick start, and a few helpers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench-memory clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)  ## ingest the bundled sample news into detente-demo.duckdb and show what it found
	$(BIN)/detente demo

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest -q

bench-memory: $(STAMP)  ## peak memory of ingesting 2,000 generated articles
	$(BIN)/python bench/ingest_memory.py --articles 2000

clean:
	rm -rf $(VENV) detente-demo.duckdb .pytest_cache
