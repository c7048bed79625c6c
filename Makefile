# Red Interamericana de Compras Gubernamentales — developer commands. `make help` lists them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
ADDRESS ?= 127.0.0.1:8000
# The PostgreSQL database the second test pass runs on (trust auth on this machine), through
# the server's local socket when it has one: creating a test page took 206 ms that way, 257 ms
# over TCP, and the suite creates thousands.
PG_SOCKET := /var/run/postgresql/.s.PGSQL.5432
PG_TEST_URL ?= $(if $(wildcard $(PG_SOCKET)),postgres://postgres@%2Fvar%2Frun%2Fpostgresql/test,postgres://postgres@127.0.0.1:5432/test)
PYTEST_ARGS ?=
# Test processes per pass (pytest-xdist); the browser tests all run in one of them.
TEST_WORKERS ?= 2
XDIST := -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder

.DEFAULT_GOAL := help
.PHONY: help install messages db run lint check translations test test-sqlite test-postgres browser-deps audit bench bench-ocds clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed ## Create .venv and install the pinned requirements

messages: install ## Compile the translation catalogues in locale/
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --verbosity=0

db: messages ## Migrate the SQLite database and load the reference data, demo content and local accounts
	$(MANAGE) migrate --noinput
	SITE_URL=$${SITE_URL:-http://$(ADDRESS)} $(MANAGE) load_reference_data
	SITE_URL=$${SITE_URL:-http://$(ADDRESS)} $(MANAGE) load_demo_content
	$(MANAGE) create_local_admin
	$(MANAGE) create_local_country_editor

run: db ## Serve the site with demo content at http://127.0.0.1:8000/
	$(MANAGE) runserver $(ADDRESS)

lint: install ## ruff lint and format check, and the import contracts (layers) in pyproject.toml
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check: messages ## Django system checks and missing-migration check
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run --noinput

# One pass after the other: each keeps both cores busy with its workers, and side by side
# they slowed each other down (a clean-clone CI run took 14 min 50 s, 10 min 43 s in turn).
test: check lint browser-deps ## Checks, lint, then the whole suite on SQLite and on PostgreSQL
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: messages ## The suite on SQLite, browser tests included
	env -u DATABASE_URL $(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

# The browser tests serve their own scratch SQLite site, so the PostgreSQL pass skips them.
test-postgres: messages ## The suite on PostgreSQL (DATABASE_URL, else the local test database)
	DATABASE_URL=$${DATABASE_URL:-$(PG_TEST_URL)} $(BIN)/pytest -m "not browser" $(XDIST) $(PYTEST_ARGS)

browser-deps: ## Chromium (Debian package) and axe-core (npm) for the browser tests
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent

# Minutes, not part of `make test`: the demo site on a scratch SQLite database, served and audited.
audit: messages ## Lighthouse SEO, accessibility and performance of every public page type, both languages
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	@test -x node_modules/.bin/lighthouse || npm ci --no-audit --no-fund --silent
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python scripts/audit.py

# Figures depend on the machine's load: note it (both scripts print it) when comparing runs.
bench: messages ## Benchmarks: every page type at full volume, HTTP load under gunicorn, search engine
	@command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; }
	$(BIN)/python bench/pages.py
	bench/http.sh
	$(BIN)/python bench/search.py

# Scratch SQLite file and PostgreSQL database (bench_ocds), both removed at the end. BENCH_OCDS_ARGS
# scales it down, e.g. "--releases 20000 --processes 100000" (a couple of minutes), or adds --big.
BENCH_OCDS_ARGS ?=
bench-ocds: messages ## Benchmark of open contracting data: import rate and memory, indicators at 1M processes
	$(BIN)/python bench/ocds.py $(BENCH_OCDS_ARGS)

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) node_modules db.sqlite3 static_root .test-media .pytest_cache test-artifacts

translations: install ## Extract UI strings into locale/es and locale/en (then translate the es file)
	$(MANAGE) makemessages -l es -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench
