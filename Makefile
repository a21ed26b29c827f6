# Timo Desktop — one command to run it, one to test it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Qt's runtime libraries, the desktop test harness (Xvfb, a tray host, xdotool,
# screenshots), Chromium for the browser sign-in test, pdftoppm for PDF checks and
# GNOME Keyring, a real Secret Service for the keyring tests (sysdeps also makes the
# de_DE.UTF-8 locale, as root, where it is missing).
DEB_PACKAGES := libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0 libxss1 \
	xvfb trayer xdotool imagemagick x11-utils dbus-daemon chromium chromium-driver poppler-utils \
	gnome-keyring
TIMO_DEV_HOME := $(CURDIR)/.timo-home

.PHONY: install sysdeps run test test-all bench lint format schema screenshots package smoke icons clean

install: sysdeps $(STAMP)

sysdeps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing system packages: $$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Note: missing system packages (desktop tests will be skipped): $$missing"; \
	  fi; \
	fi
	@# A second language, for the test that day and month names stay English under it.
	@if [ "$$(id -u)" = 0 ] && command -v localedef >/dev/null && \
	  ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$$'; then \
	  localedef -i de_DE -f UTF-8 de_DE.UTF-8 2>/dev/null || \
	    echo "Note: no de_DE.UTF-8 locale (one test will be skipped)"; \
	fi

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: install
	TIMO_HOME=$(TIMO_DEV_HOME) $(PY) scripts/devrun.py

# Lint first: style, types and the workflows are part of what every change must pass.
test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 --dist loadgroup -q -p no:warnings

bench: install
	$(PY) -m benchmarks

lint: install
	$(VENV)/bin/ruff check src tests benchmarks scripts packaging assets
	$(VENV)/bin/ruff format --check src tests benchmarks scripts packaging assets
	$(VENV)/bin/mypy
	$(VENV)/bin/actionlint

format: install
	$(VENV)/bin/ruff check --fix src tests benchmarks scripts packaging assets
	$(VENV)/bin/ruff format src tests benchmarks scripts packaging assets

# After adding a migration: the schema new databases are built with, from the migrations.
schema: install
	$(PY) scripts/write_schema.py

# Pictures of the window, the tray menu, the manual entry dialog and reports for the README.
screenshots: install
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) build dist .timo-home

# Packaging: render the icon set from assets/icons/*.svg; build the PyInstaller
# bundle for this OS (Linux: dist/timo/timo and a tarball); smoke-run that bundle.
icons: install
	$(PY) assets/render_icons.py

package: install
	$(PY) -c 'import PyInstaller' 2>/dev/null || $(PY) -m pip install -q -e '.[package]'
	$(PY) packaging/build.py

smoke: install
	$(PY) packaging/smoke.py

# The slower gate: every test, then the frozen bundle built and smoke-run.
test-all: test package smoke
	TIMO_FROZEN_TESTS=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/packaging -m frozen -q
