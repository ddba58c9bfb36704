# The two set-up commands of the README. Each creates .venv and installs what it
# needs on first use, so a fresh clone needs nothing but Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sopengine validate sops/
	$(BIN)/sopengine analyze sops/pengukuran.yaml

test: $(STAMP)
	$(BIN)/ruff check sopengine tests bench
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/validate.py

clean:
	rm -rf $(VENV) build .pytest_cache
