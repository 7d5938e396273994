PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test venv clean

$(BIN)/parley: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/parley

venv: $(BIN)/parley

run: venv
	$(BIN)/parley run examples/corpus

test: venv
	$(BIN)/pytest

clean:
	rm -rf $(VENV) parley.db
