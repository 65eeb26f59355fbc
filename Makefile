# The README's two commands. Each builds .venv itself, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo demo-decisions test lint clean reports browser readme

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
# The committed reports/ show the rules' tags alone, whatever decisions the user's own store holds.
demo: $(VENV)/.installed
	$(BIN)/cow-compare list
	$(BIN)/cow-compare diff us-28 eu-e3 || [ $$? -eq 1 ]
	$(BIN)/cow-compare diff us-28 ua-20 || [ $$? -eq 1 ]
	$(BIN)/cow-compare tag us-28 --explain
	$(BIN)/cow-compare history us-28:21
	$(BIN)/cow-compare report --all -o reports --store off
	$(MAKE) --no-print-directory demo-decisions
	@echo "To review the rules' calls in a browser: $(BIN)/cow-compare review (a local page on 127.0.0.1; Ctrl-C stops it)"

# Analysts' decisions, recorded on a copy of the corpus in a temporary folder (removed at the end,
# whatever happens): the store is the copy's default one, .cow-compare-decisions.sqlite inside it.
demo-decisions: $(VENV)/.installed
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	cp -R proposals "$$tmp/corpus"; \
	unset COW_COMPARE_STORE; export COW_COMPARE_CORPUS="$$tmp/corpus" COW_COMPARE_ANALYST=alex; \
	run() { printf '$$ cow-compare'; for a in "$$@"; do case "$$a" in *" "*) printf ' "%s"' "$$a";; *) printf ' %s' "$$a";; esac; done; \
	        echo; $(BIN)/cow-compare "$$@" || [ $$? -eq 1 ]; echo; }; \
	run annotate confirm us-28:8 MNF-U --why "a flat ban on NATO troops in Ukraine"; \
	run annotate add us-28:21.b territory recognizes --evidence "de facto recognition of that line" \
	    --why "freezing the line amounts to recognizing it"; \
	run annotate confirm us-28:22 territory --analyst lena; \
	run annotate reject us-28:28 DMZ requires --analyst lena --why "a pull-back to agreed points, not a zone"; \
	run tag us-28 --tag territory; \
	run diff us-28 eu-e3 --only modified --tag MNF-U; \
	run diff us-28 eu-e3 --only identical --tag territory; \
	run annotate list --state needs-review

# The committed reports/ must match the code byte for byte (a test checks it): rules' tags only.
reports: $(VENV)/.installed
	$(BIN)/cow-compare report --all -o reports --store off

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
