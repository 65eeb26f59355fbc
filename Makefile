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

# diff exits 1 when it finds changes, as diff(1) does; only 2 (an error) fails the demo.
demo: $(VENV)/.installed
	$(BIN)/cow-compare list
	$(BIN)/cow-compare diff us-28 eu-e3 || [ $$? -eq 1 ]
	$(BIN)/cow-compare diff us-28 ua-20 || [ $$? -eq 1 ]
	$(BIN)/cow-compare tag us-28 --explain

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check cow_compare tests
	$(BIN)/mypy

lint: $(VENV)/.installed-test
	$(BIN)/ruff check cow_compare tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info
