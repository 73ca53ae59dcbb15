# `make run` and `make test` work on a fresh machine with Python 3.11 and make:
# each creates .venv and installs what it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench bench-large clean browser

run: $(STAMP)
	$(BIN)/lineage build

test: $(STAMP) browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

bench-large: $(STAMP)
	LINEAGE_BENCH_SIZES=small,national,large $(BIN)/python -m bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

browser:  # Debian's Chromium and ChromeDriver, for the site's browser tests
	[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver)

clean:
	rm -rf build .venv .pytest_cache
