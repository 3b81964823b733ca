# Koinonia: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install install-python install-node install-browser messages demo lint stop-db bench clean production-check

## make run: install everything, start the embedded PostgreSQL, migrate, load the demo and serve.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: the same install plus Chromium, then the whole suite on the embedded server.
test: install install-browser
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest $(PYTEST_ARGS)

install: install-python install-node messages

install-python: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install-node: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Translations are compiled by the set-up, never committed.
messages: install-python
	@command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
install-browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

lint: install-python
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## make production-check: `check --deploy` with the production settings, then nginx (installed
## with apt-get if missing) in front of gunicorn on an embedded PostgreSQL of its own, smoke-tested.
production-check: install
	$(PY) scripts/prodstack.py check $(if $(PORT_CHECK),--port $(PORT_CHECK))

stop-db:
	$(PY) -c "from pathlib import Path; from portal.embedded_db import stop; stop(Path('.'))"

clean: stop-db
	rm -rf .pgdata .test-media collected-static
