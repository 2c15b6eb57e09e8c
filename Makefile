# Both targets set themselves up on a fresh machine with only Python 3.11 and pip.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint typecheck bench clean

# The tests come in three layers (README, Development): tests/unit (pure logic,
# storage, the command line), tests/ui (Pilot, snapshots), tests/e2e (ptys,
# subprocesses). `make test` runs them all in parallel: four workers on two cores,
# as much of a test's time is waiting (Pilot waits for the app to go idle after
# each key; a pty test, for the app it drives).
# With bytecode caches: the e2e tests start over a hundred Python processes, each would
# compile the package anew (a fifth of their CPU time) where PYTHONDONTWRITEBYTECODE is set.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(VENV)/bin/python -m pytest -q
PARALLEL := -n 4 --dist loadgroup

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

lint: $(STAMP)
	$(VENV)/bin/ruff check .

test-fast: $(STAMP)
	$(PYTEST) tests/unit

test: lint typecheck
	$(PYTEST) $(PARALLEL) tests

# mypy over tpm_tui/, strict (settings in pyproject.toml); cached in .mypy_cache.
typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(VENV)/bin/python bench/store.py
	$(VENV)/bin/python bench/review.py
	$(VENV)/bin/python bench/autosave.py
	$(VENV)/bin/python bench/tui.py
	$(VENV)/bin/python bench/detail.py
	@# Over a real sshd on loopback: only where OpenSSH's server is installed.
	if [ -x /usr/sbin/sshd ]; then $(VENV)/bin/python bench/ssh.py; \
	else echo "bench/ssh.py skipped: sshd not installed (apt-get install openssh-server)"; fi

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache
