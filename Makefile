# Both targets set themselves up on a fresh machine with only Python 3.11 and pip.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	@# -qq: errors only. An editable install of this layout always ends with setuptools'
	@# 10-line "Editable installation" notice, which asks nothing of anyone; a deprecated
	@# setting would be hidden too, but tests/test_packaging.py fails on one.
	$(VENV)/bin/python -m pip install -qq -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/tpm-tui $(ARGS)

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/python -m pytest -q

# mypy over tpm_tui/, strict (settings in pyproject.toml); cached in .mypy_cache.
typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(VENV)/bin/python bench/store.py
	$(VENV)/bin/python bench/review.py
	$(VENV)/bin/python bench/autosave.py
	$(VENV)/bin/python bench/tui.py
	$(VENV)/bin/python bench/detail.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache
