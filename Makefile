PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Extra pytest options, e.g. .ci/run's --junitxml.
PYTEST_ARGS ?=
# The dashboard's port: make run PORT=8010
PORT ?= 8000

.PHONY: run serve test lint test-fast test-postgres golden venv test-deps clean train

# What a user needs: Parley and its base dependencies (no test tools, no Ray), and the gazetteer index built.
$(BIN)/parley: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	$(BIN)/python scripts/build_gazetteer.py
	touch $(BIN)/parley

venv: $(BIN)/parley

# What the tests need besides: the `test` extra (pytest, Playwright, WeasyPrint, ...) and the `ray` extra
# (tests/test_scale.py runs a local Ray cluster). Only the test targets (and CI) install them.
$(BIN)/pytest: $(BIN)/parley
	$(BIN)/pip install --quiet -e '.[test,ray]'
	touch $(BIN)/pytest

test-deps: $(BIN)/pytest

run: venv
	$(BIN)/parley run examples/voa/articles.jsonl
	$(BIN)/parley serve --port $(PORT)

serve: venv
	$(BIN)/parley serve --port $(PORT)

# The lint gate first ([tool.ruff] in pyproject.toml), then the tests.
test: test-deps lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: test-deps
	$(BIN)/ruff check src tests

# The store, ingest, positions, API, dashboard, CLI-equals-API, golden, HTTP, brief, watch, hostile-input and reliability tests again, on PostgreSQL (.ci/run starts one and sets PARLEY_TEST_PG).
test-postgres: test-deps
	@test -n "$(PARLEY_TEST_PG)" || { echo "Set PARLEY_TEST_PG=postgresql://user:password@host/db first."; exit 2; }
	PARLEY_TEST_DB="$(PARLEY_TEST_PG)" $(BIN)/pytest $(PYTEST_ARGS) tests/test_store*.py tests/test_ingest*.py tests/test_positions_cli*.py \
		tests/test_api*.py tests/test_dashboard*.py tests/test_read_parity.py tests/test_golden.py tests/test_http.py tests/test_scale.py \
		tests/test_brief*.py tests/test_read_plans.py tests/test_response_cache.py tests/test_merge*.py \
		tests/test_watch.py tests/test_hostile_input.py tests/test_reliability.py

# The event classifier: sentences from data/training/events -> spacy train -> the model shipped in the package.
CLF_BUILD := build/event_classifier
CLF_MODEL := src/parley/models/event_classifier
train: venv
	$(BIN)/python data/training/events/generate.py
	$(BIN)/python training/event_classifier/make_corpus.py $(CLF_BUILD)
	$(BIN)/python -m spacy train training/event_classifier/config.cfg --output $(CLF_BUILD)/out \
		--paths.train $(CLF_BUILD)/train.spacy --paths.dev $(CLF_BUILD)/dev.spacy
	rm -rf $(CLF_MODEL) && mkdir -p $(dir $(CLF_MODEL)) && cp -r $(CLF_BUILD)/out/model-best $(CLF_MODEL)

clean:
	rm -rf $(VENV) parley.db

# The quick loop: skip the browser, schema-fuzzing and large-corpus tests (CI runs them).
test-fast: test-deps lint
	$(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

# Rewrite tests/golden/ from what extraction and the exports print now; review `git diff tests/golden` after.
golden: test-deps
	$(BIN)/pytest tests/test_golden.py --update-golden
