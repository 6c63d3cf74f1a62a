# Samskab: `make run` serves the demo, `make test` runs every check. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: backup restore run test install install-dev npm lint messages migrate demo serve test-sqlite test-postgres test-future clean bench lighthouse

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

# Debian's Chromium for the browser tests and Lighthouse (test tools cannot fetch their own).
/usr/bin/chromium:
	$$([ "$$(id -u)" = 0 ] || echo sudo) apt-get update -qq
	$$([ "$$(id -u)" = 0 ] || echo sudo) env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null

install: $(VENV)/.runtime node_modules/.installed
install-dev: $(VENV)/.dev node_modules/.installed /usr/bin/chromium

messages:
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

.secret_key:
	umask 077; $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Serve the demo with the production server (gunicorn, static files through WhiteNoise)
# and the background-task worker beside it.
# Plain HTTP on localhost, so the HTTPS-only cookie and redirect settings are relaxed here.
# Every step uses the key in .secret_key (config/settings.py reads it when SECRET_KEY is
# unset), so the demo's access-log entries are signed with the key the server verifies.
run: install messages .secret_key
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py createcachetable
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
	@echo "  dpo              databeskyttelsesrådgiver i Aarhus Kommune"
	@echo "  koordinator      netværkskoordinator i Region Midtjylland"
	@echo ""
	@export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false; \
	$(PY) manage.py db_worker --no-startup-delay --interval 1 & worker=$$!; \
	$(PY) manage.py schedule & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	GUNICORN_BIND=127.0.0.1:$(PORT) $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v1
	SECRET_KEY=ci-check-$$(date +%s)-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ \
		ACCESS_LOG_KEYS=ci:ci-check-access-log-key-abcdefghijklmnopqrstuvwxyz0123 \
		$(PY) manage.py check --deploy --fail-level WARNING

# The whole suite on SQLite (including the browser tests), then again on PostgreSQL
# when it is reachable (DATABASE_URL, or 127.0.0.1:5432 database `test`).
# ... and once more on SQLite with the clock 400 days ahead (without the browser tests, whose
# Chromium keeps its own clock): a test, factory or demo that depends on today's date fails.
test: install-dev lint messages test-sqlite test-postgres test-future

test-sqlite:
	DATABASE_URL= SAMSKAB_REQUIRE_BROWSER=1 $(VENV)/bin/pytest

test-future:
	@echo "== The suite again with the clock 400 days ahead =="
	DATABASE_URL= SAMSKAB_CLOCK_SHIFT_DAYS=400 $(VENV)/bin/pytest -m "not browser"

test-postgres:
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if DATABASE_URL="$$url" $(PY) -c "import sys, dj_database_url, psycopg; c = dj_database_url.parse(sys.argv[1]); psycopg.connect(host=c['HOST'], port=c['PORT'] or 5432, user=c['USER'], password=c['PASSWORD'], dbname=c['NAME'], connect_timeout=3).close()" "$$url" 2>/dev/null; then \
		echo "== PostgreSQL reachable: running the suite again on $$url (browser tests ran on SQLite) =="; \
		DATABASE_URL="$$url" $(VENV)/bin/pytest -m "not browser"; \
	else \
		echo "== PostgreSQL not reachable: skipped the PostgreSQL run =="; \
	fi

# National scale: the synthetic national data set in PostgreSQL (database samskab_bench, or
# BENCH_DATABASE_URL), gunicorn with DEBUG off, locust with 4 users, the in-process solves and
# Lighthouse; prints one table and writes bench/results.json. BENCH_SCALE=0.1 for a quick run.
bench: install-dev messages
	$(PY) bench/run.py

# Lighthouse only (LCP, CLS, total blocking time) on a few main pages: bench/lighthouse.json.
lighthouse: install-dev messages
	$(PY) bench/run.py --lighthouse-only

# Backup of the database (SQLite: online backup API; PostgreSQL: pg_dump) into backups/,
# with a fingerprint of every table; `make restore FILE=backups/…` puts it back and checks.
backup: install
	$(PY) manage.py backup $(if $(FILE),--output $(FILE),)

restore: install
	@test -n "$(FILE)" || { echo "Brug: make restore FILE=backups/samskab-….sqlite3"; exit 2; }
	$(PY) manage.py restore $(FILE) $(if $(FORCE),--force,)

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3* .pytest_cache anchors
