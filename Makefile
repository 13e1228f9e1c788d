# ituplans: `make run` sets everything up and processes samples/ into output/; `make test` runs the tests.
# Set-up is idempotent: the system packages are checked (a few `command -v`, installed with apt-get only when
# missing: scripts/system-packages.sh), the install is redone only when pyproject.toml / constraints.txt change
# (stamp file), and the Prefect database is migrated once.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALL_STAMP := $(VENV)/.stamp-install
DB_STAMP := .prefect/.stamp-db
BENCH_STAMP := $(VENV)/.stamp-bench
SAMPLES ?= samples
OUT ?= output
PYTEST_ARGS ?=
# Two test processes (pytest-xdist), one test module each at a time: module fixtures (LibreOffice renderings) are
# made once; tests/conftest.py keeps LibreOffice to two conversions at a time across both.
TEST_WORKERS ?= 2
BENCH_ARGS ?=

# The same defaults pipeline/settings.py applies (a value from the environment wins).
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120

.PHONY: system system-test setup run test ui bench clean help

help:
	@echo "make run    install what is missing (python3-venv, LibreOffice), set up .venv, then process $(SAMPLES)/ and publish into $(OUT)/"
	@echo "make test   the same and Chromium, then run the tests"
	@echo "make ui     start a Prefect server with the project's settings and print the URL of its UI (ituplans server)"
	@echo "make bench  install the compared tools, run bench/run.py, write bench/RESULTS.md (BENCH_ARGS=--quick: smoke run)"
	@echo "make clean  remove output/ and the task cache"

# System packages (Debian): what `make run` needs, and what `make test` needs on top. Checked every time (fast);
# apt-get runs only when something is missing; without root or password-less sudo, stops with the command to run.
system:
	@PYTHON=$(PYTHON) VENV=$(VENV) scripts/system-packages.sh run

system-test:
	@PYTHON=$(PYTHON) VENV=$(VENV) scripts/system-packages.sh test

$(PY): | system
	$(PYTHON) -m venv $(VENV)

$(INSTALL_STAMP): pyproject.toml constraints.txt | system $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -c constraints.txt -e .
	@touch $@

$(DB_STAMP): $(INSTALL_STAMP)
	@mkdir -p $(dir $@)
	$(VENV)/bin/prefect server database upgrade -y >/dev/null
	@touch $@

setup: $(DB_STAMP)

run: system setup
	$(VENV)/bin/ituplans run $(SAMPLES) --out $(OUT)

# system-test first: a missing package stops `make test` before anything else starts.
test: system-test setup
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

ui: system setup
	$(VENV)/bin/ituplans server

# The tools compared in bench/RESULTS.md (camelot, tabula-py) are installed for the benchmark only.
$(BENCH_STAMP): bench/requirements.txt $(INSTALL_STAMP)
	$(PY) -m pip install --disable-pip-version-check -q -c constraints.txt -r bench/requirements.txt
	@touch $@

bench: setup $(BENCH_STAMP)
	@bench/setup-system.sh
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(OUT) .prefect/ituplans-cache
