"""Leaving with a session open says so, in one plain line on stderr once the terminal
is back to the shell: a take-over from another terminal, `ctrl+q`, SIGTERM. The
app left silently, and the interviewer could not tell whether anything was kept."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from ptyharness import PtyProcess, spawn_tpm, strip_ansi
from test_pty import STARTUP, start_interview

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

MAIN_SCREEN = b"\x1b[?1049l"  # Textual's last act: back to the shell's screen


def session_file(sessions: Path) -> Path:
    files = sorted(sessions.glob("*.toml"))
    assert len(files) == 1, files
    return files[0]


def after_the_app(process: PtyProcess) -> str:
    """What the terminal got once the app had given the screen back: the shell's view."""
    raw = process.raw
    assert MAIN_SCREEN in raw, strip_ansi(raw)[-800:]
    return strip_ansi(raw.rsplit(MAIN_SCREEN, 1)[1]).strip()


def test_a_take_over_says_where_everything_went(home: Path, sessions: Path) -> None:
    first, _ = start_interview(home, sessions)
    second: PtyProcess | None = None
    try:
        path = session_file(sessions)
        second = spawn_tpm(home, "resume", str(path), "--sessions", str(sessions))
        second.wait_for("open in another terminal", timeout=STARTUP)
        second.press("y")
        assert first.wait(10) == 0
        assert after_the_app(first) == (
            f"tpm-tui: another terminal took over {path}; everything typed here is saved in it."
        )
        second.wait_for("PAUSED", timeout=10)
        second.press("ctrl+q")
        assert second.wait(10) == 0
        assert after_the_app(second) == (
            f"tpm-tui: {path} saved; continue with: tpm-tui resume {path}"
        )
    finally:
        if second is not None:
            second.close()
        first.close()


@pytest.mark.parametrize("how", ["ctrl+q", "SIGTERM"])
def test_leaving_an_unfinished_session_says_how_to_go_on(
    home: Path, sessions: Path, how: str
) -> None:
    process, _ = start_interview(home, sessions)
    try:
        path = session_file(sessions)
        if how == "ctrl+q":
            process.press("ctrl+q")
        else:
            process.signal(signal.SIGTERM)
        assert process.wait(10) == 0
        assert after_the_app(process) == (
            f"tpm-tui: {path} saved; continue with: tpm-tui resume {path}"
        )
    finally:
        process.close()


def test_quitting_with_no_session_open_stays_silent(home: Path, sessions: Path) -> None:
    process = spawn_tpm(home, "--sessions", str(sessions))
    try:
        process.wait_for("Practice", timeout=STARTUP)
        process.press("q")
        assert process.wait(10) == 0
        assert after_the_app(process) == ""
    finally:
        process.close()
