# armsgraph — the two commands a new user needs:
#   make run    set up .venv, build the graph from data/, serve it on http://127.0.0.1:8000
#   make test   set up .venv and system packages, then ruff, mypy and pytest
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: run test setup system lint typecheck pytest bench namespace clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/armsgraph build
	$(BIN)/armsgraph serve

system:
	bash scripts/setup-system.sh

lint: setup
	$(BIN)/ruff check graph api tests bench scripts

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/python -m pytest -q

test: setup system lint typecheck pytest

bench: setup
	$(BIN)/python -m bench

namespace: setup
	$(BIN)/python scripts/gen_namespace.py

clean:
	rm -rf $(VENV) .armsgraph test-output

# The UD-trained parser (data/models/en_armsgraph_ud): convert the treebanks, train on one
# thread with fixed seeds (~25 min on one core), copy the best model in, benchmark it.
# Needs ../shared/datasets/ud-english; CI never runs this.
UD_DIR    ?= ../shared/datasets/ud-english
MODEL_WORK ?= ../parser-train
.PHONY: model
model: setup
	PY=$(abspath $(BIN))/python training/train.sh $(UD_DIR) $(MODEL_WORK)
	$(BIN)/python training/ship.py $(MODEL_WORK)/output/model-best $(UD_DIR)
	$(BIN)/python bench/bench_parser.py --ud $(UD_DIR) --write-meta
