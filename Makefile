# The README's two commands. Each builds .venv itself, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint clean reports browser readme

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
	$(BIN)/cow-compare history us-28:21
	$(BIN)/cow-compare report --all -o reports

# The committed reports/ must match the code byte for byte (a test checks it).
reports: $(VENV)/.installed
	$(BIN)/cow-compare report --all -o reports

# README.md's generated blocks (command reference, settings, figures); a test checks they are current.
readme: $(VENV)/.installed-test
	$(BIN)/python -m cogapp -r -I . README.md

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
# Installed when running as root; otherwise the tests say why they skip (and fail under CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 || \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }; \
	  else echo "chromium is not installed and cannot be installed here: browser tests will skip"; fi; }

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check cow_compare tests
	$(BIN)/mypy

lint: $(VENV)/.installed-test
	$(BIN)/ruff check cow_compare tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info
