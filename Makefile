# Steward — developer entry points. `make serve` runs the gateway, `make test` runs the test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install node serve test lint typecheck bench eval clean

install: $(STAMP)

# Exact versions come from constraints.txt so a fresh install is reproducible.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip>=24"
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# The official Node SDK, for the SSE byte-compatibility test (skipped, with the reason, without npm).
NODE_STAMP := tests/node/node_modules/.installed
node: $(NODE_STAMP)
$(NODE_STAMP): tests/node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/node --no-audit --no-fund --silent && touch $(NODE_STAMP) \
		|| echo "npm ci failed: the Node SDK test will skip"; \
	else echo "npm not found: the Node SDK test will skip"; fi

# make serve [PORT=8080] [HOST=127.0.0.1] [CONFIG=config/examples/council.yaml]
PORT ?= 8080
HOST ?= 127.0.0.1
CONFIG ?=
serve: install
	$(BIN)/steward serve --host $(HOST) --port $(PORT) $(if $(CONFIG),--config $(CONFIG))

test: install node
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy proxy policies detectors audit config

# Gateway vs direct-to-mock (bench/README.md); BENCH_ARGS="--scan" for the scanning variant.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
