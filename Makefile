# Inspector: `make run` opens the app on the sample case; `make test` runs the test suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := $(filter-out %.json %.md,$(wildcard resources/samples/*))

export OMP_THREAD_LIMIT := 1

.PHONY: run test check-sample system lint bench clean dist system-dist system-test

system:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: system $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" = Darwin ]; then \
		$(BIN)/inspector-gui $(SAMPLE); \
	else \
		echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): the desktop app cannot open here."; \
		echo "Showing the command-line check of the same sample case instead:"; \
		echo "  $(BIN)/inspector check --no-save $(SAMPLE)"; \
		$(BIN)/inspector check --no-save $(SAMPLE); \
	fi

lint: $(STAMP)
	$(BIN)/ruff check inspector ui tests benchmarks
	$(BIN)/lint-imports

system-test:
	@bash scripts/system-deps.sh --test

test: system system-test $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

bench: system $(STAMP)
	$(BIN)/python benchmarks/ocr_speed.py

# The frozen app, its tarball and its .deb in dist/ (scripts/build-dist.sh, docs/packaging.md).
$(VENV)/.installed-package: $(STAMP)
	$(BIN)/pip install -q -c constraints.txt -e '.[test,package]'
	touch $@

system-dist:
	@bash scripts/system-deps.sh --dist

dist: system-dist $(VENV)/.installed-package
	bash scripts/build-dist.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache
