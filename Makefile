# chronik: two commands on a fresh machine — `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
DB ?= chronik.db
HOST ?= 127.0.0.1
PORT ?= 8000
LINTED := src tests benchmarks training data/gold/tools

.PHONY: demo install lint test test-deps screenshots browser postgres models e5-encoder resources eval eval-ner eval-timex eval-events eval-linking gold bench clean help

help:
	@echo "make demo    create .venv, install, ingest data/sample into $(DB), serve http://$(HOST):$(PORT)"
	@echo "make test    install test dependencies and run the whole suite"
	@echo "make screenshots  refresh docs/screenshots/ from the browser tests"
	@echo "make models  retrain the shipped models from ../shared/data (reproducible, fixed seeds)"
	@echo "make bench   throughput and latency benchmarks (needs ../shared/data)"

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/activate pyproject.toml
	$(PIP) install --quiet -e .
	touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/chronik ingest data/sample --db $(DB) || test $$? -eq 1
	$(VENV)/bin/chronik serve --db $(DB) --host $(HOST) --port $(PORT)

$(VENV)/.test-installed: $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	touch $@

test-deps: $(VENV)/.test-installed browser postgres

# The web tests drive Debian's chromium through Playwright; never a browser download.
browser:
	@command -v chromium >/dev/null || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The PostgreSQL tests start a throw-away cluster from Debian's binaries.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "installing Debian's postgresql for the PostgreSQL tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

# Lint and format check first (seconds), then the suite.
lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)

test: test-deps lint
	$(VENV)/bin/pytest -q

screenshots: test-deps
	CHRONIK_SCREENSHOTS=docs/screenshots $(VENV)/bin/pytest -q tests/web/test_pages_browser.py

# Retrain the shipped NER models from ../shared/data (fixed seeds; figures land in src/chronik/models/ner/metrics.json).
# The accurate tier is fine-tuned with PyTorch (CPU build from the local wheel folder; about 1 h on 2 cores),
# then its first member is retrained on GermEval + UD German sentences the gold-only members tagged
# (training.ner_selftrain; about 30 min more; that file is CC BY-SA, see models/ner/LICENCE-ud-pseudo-labels.md).
# NER_DATA: any GermEval 2014 file, e.g. the official train split once it is available (the dev file is all
# ../shared/data has); sentence i % 5 == 4 is held out for the validation figures either way.
NER_DATA ?= ../shared/data/germeval2014/NER-de-dev.tsv

models: install
	$(PIP) install --quiet -e '.[train]'
	nice $(PY) -m training.ner_fast --tier fast --data $(NER_DATA) --out src/chronik/models/ner
	nice $(PY) -m training.ner_accurate --data $(NER_DATA) --out src/chronik/models/ner
	nice $(PY) -m training.ner_selftrain --data $(NER_DATA) --out src/chronik/models/ner

# The e5 encoder (C, gcc + OpenMP: tokeniser and base weights of the accurate tier); also built on first use.
e5-encoder: install
	$(PY) -m chronik.nlp.ner.e5_encoder

# Developer-only: rebuild the NER name lists and the linker's place table (reruns give identical files).
resources: install
	$(PIP) install --quiet -e '.[resources]'
	$(PY) -m training.gazetteers
	$(PY) -m training.places

# Quality figures on the gold files (the held-out checks run the same commands on data we do not have).
eval: eval-timex eval-events eval-linking

# NER on a GermEval 2014 file (the shipped models were trained on all of the dev file, so scoring it says
# little; `make models` prints the held-out split's figures).
eval-ner: install
	$(VENV)/bin/chronik eval ner $(or $(GOLD),../shared/data/germeval2014/NER-de-dev.tsv) --tier accurate

eval-timex: install
	$(VENV)/bin/chronik eval timex data/gold/timex/test

eval-events: install
	mkdir -p build
	$(VENV)/bin/chronik eval events data/gold/events/dev.jsonl --predictions build/events-dev.jsonl
	$(VENV)/bin/chronik eval events data/gold/events/test.jsonl --predictions build/events-test.jsonl

eval-linking: install
	$(VENV)/bin/chronik eval linking data/gold/events/dev.jsonl data/gold/events/test.jsonl --roles data/gold/entities/roles.jsonl

# Rebuild the gold JSONL from its readable sources (data/gold/tools/build_gold.py checks every offset).
gold: install
	$(PY) data/gold/tools/build_gold.py

bench: install
	$(PIP) install --quiet -e '.[bench,pg,dask]'
	$(PY) -m benchmarks.run

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
