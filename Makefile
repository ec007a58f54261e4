# Two commands do everything on a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test lint format check bench system-deps clean

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

run: $(VENV)/.runtime ## Run the site with demo content on http://127.0.0.1:8000/ (SQLite)
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_local_admin
	$(MANAGE) ensure_demo_users
	$(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.dev system-deps ## Run every test against a throwaway PostgreSQL cluster and Chromium
	$(PY) scripts/pgcluster.py -- $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev ## Lint and check formatting with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev ## Format and fix with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.dev system-deps ## Print speed and size figures (see docs/performance.md)
	$(PY) bench/pages.py
	$(PY) bench/news.py
	$(PY) bench/search.py

clean: ## Remove the local database, media and collected static files
	rm -rf db.sqlite3 media staticfiles
