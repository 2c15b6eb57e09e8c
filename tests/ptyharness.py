"""The pty harness for tests: the one in bench/ptyrun.py, plus starting the real app.

One piece of code drives both the tests and bench/tui.py; this module only puts
bench/ on the import path and adds what the tests need on top.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from ptyrun import KEYS, PtyProcess, strip_ansi, terminal_env  # noqa: E402

__all__ = ["KEYS", "PtyProcess", "spawn_tpm", "strip_ansi", "terminal_env"]


def spawn_tpm(home: Path, *args: str, cols: int = 80, rows: int = 24, **env: str) -> PtyProcess:
    """`python -m tpm_tui ARGS` in a pty, with HOME (and so every default folder) in `home`."""
    return PtyProcess(
        [sys.executable, "-m", "tpm_tui", *args],
        cols=cols,
        rows=rows,
        env=terminal_env(home, **env),
        cwd=home,
    )
