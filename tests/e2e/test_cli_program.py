"""The command line as a program: `python -m tpm_tui` in a subprocess, as a user runs it.

The same commands are tested in-process in tests/unit/test_cli.py; these check
what only a real process shows: the entry point, its exit codes and no traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
