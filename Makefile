# Two commands on a fresh machine: `make build` and `make test`.
# Each sets up .venv from nothing (and the few system packages) before it runs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# axe-core (npm) checks the pages' accessibility in the browser tests; project-local,
# ignored by git, installed only when missing
AXE    := node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build docs test lint typecheck golden system-deps node-deps venv axe clean distclean

all: build

# System tools: GNU gettext (tests compare our PO output with msgcat), Java for
# EPUBCheck, Chromium for browser tests, DejaVu Math TeX Gyre (fonts-dejavu-extra) for math in
# the PDF (PyPI has no math font), and Debian's Noto fonts for the scripts no PyPI package
# covers (Urdu Nastaliq, Gujarati, Gurmukhi, Kannada, Malayalam, Sinhala), and OmegaT, the
# CAT tool the XLIFF round trip is tested with (console mode). Installed only
# when missing.
NOTO := /usr/share/fonts/truetype/noto
system-deps:
	@missing=""; \
	command -v msgcat >/dev/null 2>&1 || missing="$$missing gettext"; \
	command -v java >/dev/null 2>&1 || missing="$$missing openjdk-17-jre-headless"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf ] || missing="$$missing fonts-dejavu-extra"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v omegat >/dev/null 2>&1 || missing="$$missing omegat"; \
	[ -f $(NOTO)/NotoNastaliqUrdu-Regular.ttf ] || missing="$$missing fonts-noto-core"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# DAISY Ace, the EPUB accessibility checker, into .node/node_modules (ignored by git), only
# when missing. It runs the system Chromium: no browser or Electron download.
ACE := .node/node_modules/.bin/ace-puppeteer
$(ACE):
	ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
	  npm install --silent --no-save --no-audit --no-fund --prefix .node @daisy/ace@1.4.6

node-deps: $(ACE)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

venv: $(STAMP)

$(AXE):
	npm install --prefix . --no-save --no-package-lock --no-audit --no-fund --silent axe-core@$(AXE_VERSION)

axe: $(AXE)

build: system-deps $(STAMP)
	$(BIN)/tarjama extract
	$(BIN)/tarjama update
	$(BIN)/tarjama build

# The manual (docs/), itself a tarjama publication: its configuration reference made from
# the code's table of keys, then every locale in every format into docs/build/, strictly
# (a broken link, a missing glyph or a check finding stops it). make test builds it too.
REFERENCE := docs/manual/publishers/configuration-reference.md
docs: system-deps $(STAMP)
	$(PY) -c "import pathlib, tarjama.core.settings as s; pathlib.Path('$(REFERENCE)').write_text(s.reference(), 'utf-8')"
	$(BIN)/tarjama -C docs extract
	$(BIN)/tarjama -C docs update
	$(BIN)/tarjama -C docs check --strict
	$(BIN)/tarjama -C docs build --strict
	@echo "the manual: docs/build/index.html (or: $(BIN)/tarjama -C docs preview)"

lint: $(STAMP)
	$(BIN)/ruff check tarjama tests bench
	$(BIN)/ruff format --check tarjama tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: system-deps node-deps $(STAMP) $(AXE) lint typecheck
	CI=$${CI:-} $(BIN)/pytest -n 2 --dist loadgroup -q

# Regenerate the golden files (tests/golden/) from the current code; review the diff.
golden: $(STAMP)
	TARJAMA_REGEN=1 $(BIN)/pytest -q tests/test_golden.py tests/test_golden_tree.py

clean:
	rm -rf build .cache docs/build docs/.cache

distclean: clean
	rm -rf $(VENV) node_modules .node
