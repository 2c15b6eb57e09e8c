"""The pty harness for tests: the one in bench/ptyrun.py, plus starting the real app.

One piece of code drives both the tests and bench/tui.py; this module only puts
bench/ on the import path and adds what the tests need on top.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from ptyrun import KEYS, PtyProcess, strip_ansi, terminal_env  # noqa: E402

from tpm_tui.domain.models import Session  # noqa: E402
from tpm_tui.storage.store import SessionStore  # noqa: E402

__all__ = ["KEYS", "PtyProcess", "saved_when", "spawn_tpm", "strip_ansi", "terminal_env"]


def spawn_tpm(home: Path, *args: str, cols: int = 80, rows: int = 24, **env: str) -> PtyProcess:
    """`python -m tpm_tui ARGS` in a pty, with HOME (and so every default folder) in `home`."""
    return PtyProcess(
        [sys.executable, "-m", "tpm_tui", *args],
        cols=cols,
        rows=rows,
        env=terminal_env(home, **env),
        cwd=home,
    )


def saved_when(sessions: Path, done: Callable[[Session], bool], timeout: float = 10.0) -> Session:
    """The one session file in `sessions` once `done(session)` holds, or at the timeout
    (the caller's assertions then say what is missing): the app saves in its own time."""
    deadline = time.monotonic() + timeout
    while True:
        files = sorted(sessions.glob("*.toml"))
        if len(files) == 1:
            session = SessionStore(sessions).load(files[0])
            if done(session) or time.monotonic() > deadline:
                return session
        assert time.monotonic() < deadline, files
        time.sleep(0.1)
