# Two commands do everything on a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers: one per core; each test file runs whole on one worker (its module fixtures start
# once), its transactional tests after the others (tests/conftest.py).
PYTEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help run test lint format bench system-deps clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

system-deps: ## Install Debian's PostgreSQL and Chromium when missing (needs root)
	@bash scripts/system_deps.sh

run: $(VENV)/.runtime ## Run the two demo sites on http://127.0.0.1:8000/ and http://localhost:8000/ (SQLite), with the mail worker
	$(MANAGE) check_local_database
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_local_admin
	$(MANAGE) ensure_demo_users
	$(MANAGE) ensure_demo_two_factor admin comms_editor approver shropshire_editor shropshire_approver
	$(PY) scripts/run_site.py $(HOST):$(PORT)  # runserver, and the mail worker beside it (stopped with it)

# What a reviewer checks, fastest first; each failure says what to do. The Django checks run with the
# test settings inside the test cluster (one cluster for checks and tests, and no db.sqlite3 is touched).
DJANGO_CHECKS := export DJANGO_SETTINGS_MODULE=stp_site.settings.test; \
	$(MANAGE) check || { echo "make test: manage.py check found problems (above)." >&2; exit 1; }; \
	$(MANAGE) makemigrations --check --dry-run || { echo "make test: models changed without a \
	migration (above): run \`$(MANAGE) makemigrations\` and commit the new file." >&2; exit 1; }

test: $(VENV)/.dev system-deps ## Run ruff, manage.py check and the migrations check, then every test (PostgreSQL, Chromium)
	@$(VENV)/bin/ruff check --quiet . || { echo "make test: ruff check found problems (above): \
	\`make format\` fixes most of them." >&2; exit 1; }
	@$(VENV)/bin/ruff format --check --quiet . || { echo "make test: the files above are not formatted: \
	run \`make format\`." >&2; exit 1; }
	$(PY) scripts/pgcluster.py -- sh -c '$(DJANGO_CHECKS); exec "$$@"' sh $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup --max-worker-restart=0 $(PYTEST_ARGS)

lint: $(VENV)/.dev ## Lint and check formatting with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev ## Format and fix with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.dev system-deps ## Print speed and size figures (see docs/performance.md)
	$(PY) bench/pages.py
	$(PY) bench/front_end_cache.py
	$(PY) bench/news.py
	$(PY) bench/search.py
	$(PY) bench/first_view.py
	$(PY) bench/lighthouse.py  # needs Node.js and npm; installs Lighthouse into ~/.cache on first use

clean: ## Remove the local database, media and collected static files
	rm -rf db.sqlite3 media staticfiles
