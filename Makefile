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

# The main job: check the book, then run SOP Pengukuran Kinerja to its end on a
# virtual clock (no questions asked) and show its timeline.
run: $(STAMP)
	$(BIN)/sopengine validate sops/
	$(BIN)/sopengine run sops/pengukuran.yaml --auto

# Everything: lint, then every test; the runtime tests run on SQLite and on a
# PostgreSQL server on loopback that tests/pg/start.sh installs and starts;
# tests/sysdeps.sh installs Graphviz, Pango, Chromium and the npm libraries the
# drawing tests use (Mermaid's parser, bpmn-js).
test: $(STAMP)
	$(BIN)/ruff check sopengine tests bench
	@eval "$$(bash tests/sysdeps.sh)"; \
	eval "$$(bash tests/pg/start.sh || echo 'echo "PostgreSQL unavailable: SQLite only" >&2')"; \
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/validate.py
	$(BIN)/python -m pip install --quiet "SpiffWorkflow>=3,<4"
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/simulate.py
	$(BIN)/python bench/book.py

clean:
	rm -rf $(VENV) build .pytest_cache .cache
