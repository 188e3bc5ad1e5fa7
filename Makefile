# Steward — developer entry points. `make serve` runs the gateway, `make test` runs the test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve test lint typecheck bench eval clean

install: $(STAMP)

# Exact versions come from constraints.txt so a fresh install is reproducible.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip>=24"
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	@if command -v npm >/dev/null 2>&1 && [ -f tests/node/package-lock.json ]; then \
		npm ci --prefix tests/node --no-audit --no-fund --silent || echo "npm ci failed: Node SDK tests will skip"; fi
	touch $(STAMP)

serve: install
	$(BIN)/steward serve

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy proxy policies detectors audit config

bench: install
	bash bench/run.sh

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
