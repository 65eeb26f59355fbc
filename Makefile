# The README's two commands. Each builds .venv itself, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files so that an unchanged pyproject.toml does not reinstall on every run.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/cow-compare list
	$(BIN)/cow-compare show us-28

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check cow_compare tests
	$(BIN)/mypy

lint: $(VENV)/.installed-test
	$(BIN)/ruff check cow_compare tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info
