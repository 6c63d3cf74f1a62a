# Samskab: `make run` serves the demo, `make test` runs every check. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test install install-dev npm lint messages migrate demo serve test-sqlite test-postgres clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.lock | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.runtime

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.runtime node_modules/.installed
install-dev: $(VENV)/.dev node_modules/.installed

messages:
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

.secret_key:
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Serve the demo with the production server (gunicorn, static files through WhiteNoise)
# and the background-task worker beside it.
# Plain HTTP on localhost, so the HTTPS-only cookie and redirect settings are relaxed here.
run: install messages .secret_key
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --no-input -v0
	@echo ""
	@echo "Samskab kører på http://127.0.0.1:$(PORT)/"
	@echo "Demologins (adgangskode: samskab-demo-2026):"
	@echo "  admin        platformadministrator (også /admin/)"
	@echo "  facilitator  facilitator, Borgerdesign, Region Midtjylland"
	@echo "  leder        strategisk leder, Aarhus Kommune"
	@echo "  fagperson    fagperson, Jobcenter Aarhus"
	@echo "  supervisor   supervisor, Aarhus Kommune"
	@echo "  forsker      forsker, Københavns Professionshøjskole"
	@echo "  borger       borger/erfaringsekspert (Mille, fiktiv)"
	@echo "  esbjerg-leder, esbjerg-fagperson   Esbjerg Kommune (Esbjerg-modellen)"
	@echo "  slagelse-leder   leder i Slagelse Kommune (velfærdsinnovation)"
	@echo ""
	@export SECRET_KEY="$$(cat .secret_key)" SECURE_SSL_REDIRECT=false SECURE_COOKIES=false; \
	$(PY) manage.py db_worker --no-startup-delay --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers 3 --access-logfile -

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v1
	SECRET_KEY=ci-check-$$(date +%s)-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ \
		$(PY) manage.py check --deploy --fail-level WARNING

# The whole suite on SQLite (including the browser tests), then again on PostgreSQL
# when it is reachable (DATABASE_URL, or 127.0.0.1:5432 database `test`).
test: install-dev lint messages test-sqlite test-postgres

test-sqlite:
	DATABASE_URL= $(VENV)/bin/pytest

test-postgres:
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if DATABASE_URL="$$url" $(PY) -c "import sys, dj_database_url, psycopg; c = dj_database_url.parse(sys.argv[1]); psycopg.connect(host=c['HOST'], port=c['PORT'] or 5432, user=c['USER'], password=c['PASSWORD'], dbname=c['NAME'], connect_timeout=3).close()" "$$url" 2>/dev/null; then \
		echo "== PostgreSQL reachable: running the suite again on $$url (browser tests ran on SQLite) =="; \
		DATABASE_URL="$$url" $(VENV)/bin/pytest -m "not browser"; \
	else \
		echo "== PostgreSQL not reachable: skipped the PostgreSQL run =="; \
	fi

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3* .pytest_cache
