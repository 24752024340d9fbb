# Two commands on a fresh machine:
#   make run   create .venv, install, migrate, load the demo, serve on 127.0.0.1:$(PORT)
#   make test  install the test tools, run ruff, Django's checks and every test
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PYTEST_ARGS ?= -n 2
MANAGE := $(BIN)/python manage.py

.PHONY: run test install install-test lint checks pytest messages vendor clean seed bench loadtest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --if-empty
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

checks: install-test
	DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint checks pytest

# Measurements (docs/performance.md): `make seed SIZE=L`, `make bench`, `make loadtest`.
SIZE ?= S
BENCH_ARGS ?=
LOADTEST_ARGS ?=
seed: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_scale --size $(SIZE)

bench: install
	$(MANAGE) bench $(BENCH_ARGS)

loadtest: install
	$(BIN)/python scripts/load_test.py $(LOADTEST_ARGS)

# Regenerate the translation catalogues (needs GNU gettext) and compile them.
MESSAGE_DIRS := . courses assignments mentoring
messages: install-test
	for dir in $(MESSAGE_DIRS); do \
		if [ "$$dir" = "." ]; then ignore="--ignore=courses --ignore=assignments --ignore=mentoring"; else ignore=""; fi; \
		(cd $$dir && $(CURDIR)/$(BIN)/django-admin makemessages --locale ja --locale en --settings=lms.settings.test --pythonpath=$(CURDIR) \
			--ignore='.venv*' --ignore=var --ignore=node_modules --ignore=tests --ignore=staticfiles $$ignore) || exit 1; \
	done
	$(BIN)/python scripts/fill_english_catalogue.py
	$(BIN)/python scripts/compile_messages.py

# Re-create the vendored browser files (quill, axe-core) from frontend/package-lock.json.
# Not part of run or test: the copies are committed.
vendor:
	bash scripts/vendor_frontend.sh

clean:
	rm -rf $(VENV) var staticfiles
