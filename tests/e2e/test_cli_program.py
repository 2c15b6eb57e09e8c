"""The command line as a program: `python -m tpm_tui` in a subprocess, as a user runs it.

The same commands are tested in-process in tests/unit/test_cli.py; these check
what only a real process shows: the entry point, its exit codes and no traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tpm_tui import __version__


def program(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tpm_tui", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_python_m_version(tmp_path: Path) -> None:
    result = program("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"tpm-tui {__version__}"


def test_python_m_validate_and_bad_usage(tmp_path: Path) -> None:
    assert program("validate", cwd=tmp_path).returncode == 0
    bad = program("interview", "--minutes", "-3", cwd=tmp_path)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize(("closed", "redirect"), [("stdin", "<&-"), ("stderr", "2>&-")])
def test_a_screen_with_stdin_or_stderr_closed_says_why(
    tmp_path: Path, closed: str, redirect: str
) -> None:
    # Textual reads keys on stdin and draws on stderr: with one closed it crashed
    # (a traceback, or exit 1 and nothing at all when stderr was the one).
    script = f'exec "$@" {redirect}'
    argv = [sys.executable, "-m", "tpm_tui", "review", "--sessions", str(tmp_path)]
    result = subprocess.run(
        ["sh", "-c", script, "sh", *argv], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    said = result.stdout + result.stderr  # with stderr closed, the message goes to stdout
    assert f"tpm-tui: cannot open a screen: {closed} is closed" in said
    assert "Traceback" not in said
