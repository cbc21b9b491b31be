# Kinerja: make run (install, migrate, demo data, serve) · make test (lint, types, migrations, tests x2 DBs)
SHELL := /bin/bash
VENV := .venv
KINERJA := $(VENV)/bin/kinerja
PYTEST := $(VENV)/bin/pytest
PG_URL ?= postgres://postgres@127.0.0.1:5432/kinerja_ci
HOST ?= 127.0.0.1:8000

.PHONY: setup run serve migrate demo test test-sqlite test-postgres test-api lint typecheck format bench clean

setup: ## install into .venv from the committed lock file
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	uv sync --frozen --compile-bytecode
	@# Bytecode written at install: a command then starts in well under a second, also where
	@# PYTHONDONTWRITEBYTECODE is set (every start would compile ~500 modules again, 0.6 s).
	@$(VENV)/bin/python -m compileall -q -j 0 kinerja >/dev/null
	@mkdir -p var
	@# axe-core for the browser tests' accessibility check (test-only, from npm, never a CDN).
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent

migrate: setup
	$(KINERJA) migrate --noinput

demo: migrate ## demo accounts, and demo data when the registries are empty
	$(KINERJA) demo_users
	$(KINERJA) demo --if-empty


# DEBUG stays off (as in production): no debug page with personal data, Indonesian error pages;
# WhiteNoise serves CSS/JS from the apps' static folders (WHITENOISE_USE_FINDERS). Cookies are not
# Secure-only because this server speaks plain HTTP on the loopback address (ALLOWED_HOSTS default).
run: demo ## serve on http://127.0.0.1:8000 with the background worker
	@echo "Kinerja berjalan di http://$(HOST)  (Ctrl+C untuk berhenti)"
	@trap 'kill 0' EXIT; $(KINERJA) db_worker >var/worker.log 2>&1 & \
	  DEBUG=$${DEBUG:-0} SECURE_COOKIES=$${SECURE_COOKIES:-0} $(KINERJA) runserver --noreload $(HOST)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup ## mypy with django-stubs: strict for kinerja/lib and the engine (pyproject.toml)
	$(VENV)/bin/mypy kinerja

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: setup lint typecheck
	DATABASE_URL=sqlite:///var/ci-check.sqlite3 $(KINERJA) makemigrations --check --dry-run
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite:
	DATABASE_URL=sqlite:///var/test.sqlite3 $(PYTEST) -p no:cacheprovider

test-postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || (echo "PostgreSQL tidak berjalan di 127.0.0.1:5432" && exit 1)
	DATABASE_URL=$(PG_URL) $(PYTEST) -p no:cacheprovider --create-db

test-api: setup ## the API against its OpenAPI schema only (schemathesis, every role; also in `test`)
	DATABASE_URL=sqlite:///var/test.sqlite3 $(PYTEST) -p no:cacheprovider -m api_fuzz

bench: setup ## every benchmark (long: tens of minutes); figures in bench/README.md
	$(VENV)/bin/python bench/import_bench.py
	$(VENV)/bin/python bench/compute_bench.py
	$(VENV)/bin/python bench/web_bench.py

clean:
	rm -rf var/test.sqlite3 var/test-db.sqlite3* var/ci-check.sqlite3
