# Anxin: `make demo` serves the demo, `make test` runs everything CI checks.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export ANXIN_VAR_DIR ?= $(CURDIR)/var

.PHONY: demo test install system-packages assets messages lint check pytest pytest-sqlite pytest-postgres clean

demo: install
	ANXIN_DEMO=1 $(BIN)/anxin demo

install: system-packages $(VENV)/.installed node_modules/.installed assets messages
	@$(BIN)/anxin collectstatic --noinput -v0

# Debian packages that Anxin needs at run time (PDF fonts and layout, translations, pg_dump
# and pg_restore for `anxin backup` / `anxin restore`) and for the browser tests; installed
# only when missing and when running as root.
SYSTEM_PACKAGES := fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext \
	postgresql-client
TEST_PACKAGES := chromium poppler-utils
system-packages:
	@bash scripts/system-packages.sh $(SYSTEM_PACKAGES)

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Front-end packages from the npm registry, copied into the static files (no CDN).
assets: node_modules/.installed
	@mkdir -p $(ANXIN_VAR_DIR)/vendor/bootstrap/css $(ANXIN_VAR_DIR)/vendor/bootstrap/js $(ANXIN_VAR_DIR)/vendor/htmx
	@cp node_modules/bootstrap/dist/css/bootstrap.min.css* $(ANXIN_VAR_DIR)/vendor/bootstrap/css/
	@cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* $(ANXIN_VAR_DIR)/vendor/bootstrap/js/
	@cp node_modules/htmx.org/dist/htmx.min.js $(ANXIN_VAR_DIR)/vendor/htmx/
	@mkdir -p $(ANXIN_VAR_DIR)/vendor/leaflet
	@cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images $(ANXIN_VAR_DIR)/vendor/leaflet/

messages: $(VENV)/.installed
	@cd anxin && ../$(BIN)/django-admin compilemessages --ignore=.venv -v0

test: install
	@bash scripts/system-packages.sh $(TEST_PACKAGES)
	$(MAKE) --no-print-directory lint check pytest

# Style, then the import rules of docs/architecture.md (the contracts in pyproject.toml).
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

# Migrations match the models; the deploy checklist is clean with production values.
check:
	$(BIN)/python manage.py makemigrations --check --dry-run
	ANXIN_PRODUCTION=1 ANXIN_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ANXIN_DATA_KEYS=k1:$$($(BIN)/python -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())') \
	  ANXIN_AUDIT_KEY=check ANXIN_ALLOWED_HOSTS=eap.example.gov.tw \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

pytest: pytest-sqlite pytest-postgres

# The suite runs on PYTEST_WORKERS processes (pytest-xdist); the browser tests, which drive
# one Chromium each, run after it in one process.
PYTEST_WORKERS ?= 2

pytest-sqlite:
	@echo "== pytest on SQLite =="
	$(BIN)/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) -m "not browser"
	@echo "== browser tests (SQLite) =="
	$(BIN)/pytest -p no:cacheprovider -m browser

pytest-postgres:
	@echo "== pytest on PostgreSQL =="
	bash scripts/with-postgres.sh $(BIN)/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) -m "not browser"

# The pictures in docs/screenshots/ (each role's home and main page on the demo's data).
.PHONY: screenshots
screenshots: install
	ANXIN_SCREENSHOTS=1 $(BIN)/pytest -p no:cacheprovider -n 0 -m browser tests/browser/test_screenshots.py

clean:
	rm -rf $(VENV) node_modules var
