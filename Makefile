# The handbook's commands. `make serve` and `make test` set everything up on a fresh machine.
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1

PY_STAMP   := $(VENV)/.installed
ZVENV      := .venv-zensical
Z_STAMP    := $(ZVENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: help setup serve build zensical zensical-setup check test test-fast bench audit screenshots new-role sync-stubs schemas contract browser clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(PY_STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@# The project itself, editable: mkdocs.yml names its Markdown extensions by module (setuptools' notice quiet).
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --no-deps --editable .
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(PY_STAMP) $(NODE_STAMP)  ## install Python and npm dependencies into .venv and node_modules

serve: setup  ## preview at http://127.0.0.1:8000/handbook/ with live reload (data/, macros/, overrides/ watched)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload --dirty

build: setup  ## build the site into site/ (a failed build keeps the previous site)
	$(BIN)/python -m macros build

$(Z_STAMP): requirements.txt requirements-zensical.txt pyproject.toml
	$(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --upgrade pip
	$(ZVENV)/bin/python -m pip install --quiet -r requirements-zensical.txt
	PYTHONWARNINGS=ignore $(ZVENV)/bin/python -m pip install --quiet --no-deps --editable .
	@touch $@

zensical-setup: $(Z_STAMP)  ## install the pinned Zensical into .venv-zensical (CI does, so tests compare both sites)

zensical: $(Z_STAMP)  ## build the same mkdocs.yml with Zensical (pinned, own .venv-zensical) into site-zensical/
	$(ZVENV)/bin/python -m macros zensical --zensical $(ZVENV)/bin/zensical

check: $(PY_STAMP)  ## validate data/ and the role pages; every problem with file:line
	$(BIN)/python -m macros check

BROWSER_PACKAGES := chromium fonts-noto-cjk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

browser:  ## install Debian's Chromium and the Noto CJK fonts (browser tests, link-preview cards; root or sudo)
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -q 'Noto Sans CJK'; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; \
	fi

test: setup  ## run every test (browser tests need Chromium: `make browser`), one worker per core
	$(BIN)/python -m macros check
	$(BIN)/python -m pytest -n auto

test-fast: setup  ## every test except the browser and audit suites
	$(BIN)/python -m pytest -m "not browser"

bench: setup  ## build 13, 100 and 1,000 synthetic roles against the plain-MkDocs floor
	$(BIN)/python -m benchmarks

audit: setup  ## Lighthouse scores for every page type, mobile and desktop, into test-output/lighthouse/
	$(BIN)/python -m audit

screenshots: setup  ## every page type, phone and desktop, light and dark, into test-output/screenshots/
	$(BIN)/python -m audit.screenshots

new-role: $(PY_STAMP)  ## scaffold a role: make new-role SLUG=release-manager
	@test -n "$(SLUG)" || { echo "用法：make new-role SLUG=<岗位的网址名>，例如 make new-role SLUG=release-manager"; exit 2; }
	$(BIN)/python -m macros new-role $(SLUG)

sync-stubs: $(PY_STAMP)  ## write missing role page stubs
	$(BIN)/python -m macros sync-stubs

schemas: $(PY_STAMP)  ## regenerate data/schema/, macros/site/api_schema/ (from the models) and data/guide-examples.json
	$(BIN)/python -m macros schemas

contract: $(PY_STAMP)  ## promise newly published URLs in data/url-contract.txt
	$(BIN)/python -m macros contract

clean:  ## remove built output (keeps the environments)
	rm -rf site site.building* site.old site-zensical test-output .pytest_cache
