# The two commands a new user needs (see README):
#   make serve   install, build and serve the site on http://127.0.0.1:8000
#   make test    install everything the tests need and run every test
# and for maintainers: make lock   regenerate requirements-ci.txt (see README)
#                      make golden update tests/golden/ after a change of output that is meant
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test chromium java clean lock golden

# Every package comes from requirements-ci.txt, pinned with hashes (pip
# refuses a file whose hash differs); the project itself is then installed
# on its own, as an editable install cannot be hash-checked.
# --no-build-isolation: a package published only as source (feedgen) is
# built with the locked setuptools, installed first (the venv's own is too
# old to build a wheel), instead of one pip would download for the build
# without checking its hash.
$(BIN)/.installed: pyproject.toml constraints.txt requirements-ci.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r <(awk '/^setuptools==/{p=1} p{print; if ($$0 !~ /\\$$/) exit}' requirements-ci.txt)
	$(BIN)/pip install --quiet --require-hashes --no-deps --no-build-isolation -r requirements-ci.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# requirements-ci.txt: the test extras of pyproject.toml resolved under
# constraints.txt, with the hash of every file each release has on PyPI.
# pip-tools runs from a venv of its own so that it never enters the lock.
LOCK_VENV := .venv-lock
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet pip-tools==7.6.2
	$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --extra test --build-deps-for editable -c constraints.txt \
	  -o requirements-ci.txt pyproject.toml

# --dirty: after an edit, MkDocs rebuilds only the pages whose Markdown the
# hook rewrote (about 2.5 s at 500 documents instead of 30; docs/benchmark.md).
serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

CHECK_FORMAT ?= text
check: $(BIN)/.installed
	$(BIN)/styrdok check --format $(CHECK_FORMAT)

chromium:
	scripts/install-chromium

# The HTML checker (v.Nu, npm package vnu-jar) runs on Java. --ignore-scripts:
# vnu-jar's install script would download a Java of its own when none is found.
java:
	@command -v java >/dev/null 2>&1 || { sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq default-jre-headless >/dev/null; }

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

test: $(BIN)/.installed chromium java node_modules/.installed
	$(BIN)/pytest -n 2 --dist loadgroup

# The rendered body of each real document, in both languages (tests/golden_files.py).
golden: $(BIN)/.installed
	$(BIN)/python -m tests.golden_files --update

clean:
	rm -rf site $(VENV) $(LOCK_VENV) node_modules
