# make run   - create .venv, install pinned requirements, prepare data, fill an empty store from the seed, start the dashboard
# make test  - lint (ruff) and the whole suite, browser and PostgreSQL tests included (installs Debian's chromium and
#              postgresql when missing and root)
# make bench - benchmarks (not tests); BENCH_JSON=FILE also writes the figures as JSON
# make bench-against REF=COMMIT - the slider at COMMIT and here, interleaved in one run (is it as fast as then?)
# make loadtest - 5 browser sessions moving the slider on 100,000 incidents: errors and server memory per round

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
TSTAMP := $(VENV)/.installed-test-$(shell cat requirements.txt requirements-test.txt | cksum | cut -d' ' -f1)
CHROMIUM ?= /usr/bin/chromium
PORT   ?= 8501
ADDRESS ?= 127.0.0.1

.PHONY: run test test-fast lint bench bench-against loadtest prepare browser postgres clean help

help:
	@sed -n '1,7p' Makefile

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed; set PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-[!t]*
	touch $@

$(TSTAMP): $(STAMP) requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	rm -f $(VENV)/.installed-test-*
	touch $@

prepare: $(STAMP)
	$(PY) -m dashboard prepare

# MALLOC_ARENA_MAX=2: each session's script thread would otherwise get its own glibc arena and keep freed memory
# resident after its tab closed (make loadtest measures it).
run: prepare
	$(PY) -m dashboard seed
	MALLOC_ARENA_MAX=2 $(PY) -m streamlit run dashboard/ui/app.py --server.port $(PORT) --server.address $(ADDRESS) \
	  --server.enableStaticServing true --browser.gatherUsageStats false

browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Chromium at $(CHROMIUM): run 'sudo apt-get install -y chromium' (or set CHROMIUM=/path)"; exit 1; \
	  fi; \
	fi

# The store tests run on SQLite and on a throwaway PostgreSQL cluster (dashboard/testing/pgcluster.py) when Debian's
# server is installed; without it (and without root to install it) they are skipped, saying so.
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's postgresql for the store tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else \
	    echo "PostgreSQL store tests will be skipped: run 'sudo apt-get install -y postgresql' to run them"; \
	  fi; \
	fi

lint: $(TSTAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: prepare browser postgres lint
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest

test-fast: prepare postgres $(TSTAMP)
	$(PY) -m pytest -m "not browser"

bench: prepare browser
	CHROMIUM=$(CHROMIUM) $(PY) -m benchmarks $(if $(BENCH_JSON),--json $(BENCH_JSON))

bench-against: prepare browser
	@test -n "$(REF)" || { echo "Error: name the earlier commit: make bench-against REF=f9b874e"; exit 1; }
	CHROMIUM=$(CHROMIUM) $(PY) -m benchmarks.against $(REF) $(if $(BENCH_JSON),--json $(BENCH_JSON))

loadtest: prepare browser
	CHROMIUM=$(CHROMIUM) $(PY) -m benchmarks.loadtest

clean:
	rm -rf $(VENV) data/cache dashboard/ui/static artifacts data/incidents.db *.egg-info
