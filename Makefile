# The two commands a newcomer types: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INDEX ?= var/index
CORPUS ?= corpus
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test targets lint index bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## Serve the bundled corpus on http://127.0.0.1:8000 (builds the index first if missing).
run: $(VENV)/.runtime
	$(BIN)/python -m search_app --corpus $(CORPUS) --index $(INDEX) --host $(HOST) --port $(PORT)

## Lint, then every test (unit, integration, browser end-to-end, slow ones included), then the
## relevance targets (a yardstick, run as itself: tests never run bench/ or eval/).
test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q
	$(MAKE) targets

## The relevance targets: MRR >= 0.85, every number's document first, ahead of both baselines on the
## bundled corpus, and nDCG@10 >= the better baseline + 0.10 on the whole query set (exit 1 when missed).
targets: $(VENV)/.dev
	$(BIN)/python -m eval.run --part bundled --no-write --check 0
	$(BIN)/python -m eval.run --part all --no-write --check 0.10

index: $(VENV)/.runtime
	$(BIN)/python -m indexer build --corpus $(CORPUS) --index $(INDEX)

## Relevance table (eval/RESULTS.md) and speed tables (bench/RESULTS.md): scripts, not tests.
eval: $(VENV)/.dev
	$(BIN)/python -m eval.run
	$(BIN)/pip install --quiet -r bench/requirements.txt  # tantivy, a baseline of eval.questions
	$(BIN)/python -m eval.questions

bench: $(VENV)/.dev
	$(BIN)/pip install --quiet -r bench/requirements.txt
	$(BIN)/python -m bench.run

clean:
	rm -rf var test-output .pytest_cache
