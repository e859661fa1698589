# Two commands do everything on a fresh clone: `make ingest` and `make test`.
# Each sets up .venv (dependencies and the Spanish model) the first time.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CONFIG ?= config.toml
PORT   ?= 8001

.PHONY: install ingest export serve stats eval check test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: Python 3.11 or newer is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m pipeline setup-model
	@touch $(STAMP)

ingest: $(STAMP)
	$(BIN)/python -m pipeline ingest --config $(CONFIG)

export: $(STAMP)
	@$(BIN)/python -m pipeline export --config $(CONFIG)

serve: $(STAMP)
	$(BIN)/python -m pipeline serve --config $(CONFIG) --port $(PORT)

stats: $(STAMP)
	@$(BIN)/python -m pipeline stats --config $(CONFIG)

eval: $(STAMP)
	$(BIN)/python -m pipeline eval ../shared/devset

check: $(STAMP)
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/ruff format --check pipeline
	$(BIN)/mypy

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data build *.egg-info .pytest_cache .hypothesis test-artifacts
