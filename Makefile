# Two commands do all the set-up on a fresh machine:
#   make run    start the dashboard on the bundled sample data (http://localhost:8501)
#   make test   run the whole test suite (installs what it needs first)
#   make test-fast   the unit and database tiers only: no root, no browser

# The suite starts a hundred Python processes (the CLI, the decoder, the app): each reads the bytecode
# compiled once into __pycache__/ (git-ignored) instead of compiling every module again.
unexport PYTHONDONTWRITEBYTECODE

VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test test-fast lint samples screenshots

$(VENV)/.installed-runtime: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed-runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed-runtime
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address localhost

# The suite writes about a gigabyte of scratch databases and archives a run (each test its own copy); on a file system
# in memory creating and deleting them costs a fraction of what a disk's journal does (`make test-fast`: 3-7 s less,
# and no 4-5 s tail at the end while the oldest run's folders are deleted). Used when /dev/shm has 4 GB free;
# a passing test's folder is deleted when it ends (pytest.ini), a failing one's kept for three runs.
TEST_TMPDIR := $(shell df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 && $$4 > 4194304 { print "/dev/shm" }')
TEST_ENV := $(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR))

# every tier (tests/conftest.py): unit, database, app, system, browser; a file's tests share a worker,
# so a module's server or dataset is made once
test: $(VENV)/.installed-dev
	bash scripts/ensure-chromium
	$(TEST_ENV) $(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder

# unit and database: test by test over both workers (their module fixtures are cheap)
test-fast: $(VENV)/.installed-dev
	$(TEST_ENV) $(PY) -m pytest -n 2 --dist worksteal tests/unit tests/database

# the browser tier again, writing what it looks at to test-output/screenshots/ for a person to review
screenshots: $(VENV)/.installed-dev
	bash scripts/ensure-chromium
	DP_SCREENSHOTS=1 $(PY) -m pytest -n 2 --dist loadfile tests/browser

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .

samples: $(VENV)/.installed-runtime
	$(PY) -m samples.town
	$(PY) -m samples.examples
