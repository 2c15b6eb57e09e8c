"""Two terminals on one sessions folder, as interviewers on a shared host meet it.

The real app in two ptys: the second one is refused while the first has the
session open (naming its pid), takes it over on `y` with everything the first had
(the note being typed included), whether the first was running, stopped or
killed; and a file edited by hand while a session runs is never overwritten.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest
from ptyharness import PtyProcess, spawn_tpm, strip_ansi
from test_pty import KEYS, PICK, STARTUP, TYPING, start_interview, title

from tpm_tui.domain.models import Session
from tpm_tui.storage.store import CONFLICT_MARK, SessionStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

TAKE_OVER_WITHIN = 3.0  # the README's promise: the holder saves and exits by then


def session_file(sessions: Path) -> Path:
    files = sorted(sessions.glob("*.toml"))
    assert len(files) == 1, files
    return files[0]


def load(path: Path) -> Session:
    return SessionStore(path.parent).load(path)


def resume(home: Path, path: Path) -> PtyProcess:
    return spawn_tpm(home, "resume", str(path), "--sessions", str(path.parent))


def wait_until(check, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_second_terminal_is_refused_and_told_who_has_it(home: Path, sessions: Path) -> None:
    first, _ = start_interview(home, sessions)
    second = resume(home, session_file(sessions))
    try:
        second.wait_for("open in another terminal", timeout=STARTUP)
        assert f"pid {first.pid}" in second.text()
        second.press("n")  # nothing changes: home, which marks the session
        second.wait_for("Open elsewhere", timeout=10)
        assert f"pid {first.pid}" in second.text()
        second.press("q")
        assert second.wait(10) is not None
        assert first.poll() is None  # the first terminal never noticed
    finally:
        second.close()
        first.close()


@pytest.mark.parametrize("state", ["running", "stopped"])
def test_take_over_brings_the_note_being_typed(home: Path, sessions: Path, state: str) -> None:
    first, _ = start_interview(home, sessions)
    second: PtyProcess | None = None
    try:
        first.press("1")
        first.press("e")
        first.wait_for(TYPING, timeout=10)
        first.type("typed in the first terminal")
        first.wait_for("typed in the first terminal", timeout=10)
        if state == "stopped":  # ctrl+z, or a frozen SSH session
            first.signal(signal.SIGSTOP)
        second = resume(home, session_file(sessions))
        second.wait_for("open in another terminal", timeout=STARTUP)
        asked = time.monotonic()
        second.press("y")
        assert first.wait(TAKE_OVER_WITHIN + 2) is not None, "the first never let go"
        assert time.monotonic() - asked <= TAKE_OVER_WITHIN
        assert first.exit_code == 0, strip_ansi(first.raw)[-1500:]
        second.wait_for(title(PICK[0]), timeout=10)
        second.wait_for("typed in the first terminal", timeout=5)
        assert "PAUSED" in second.text()
        second.press("e")
        second.wait_for(TYPING, timeout=10)
        second.type(" ADDED")
        second.wait_for("ADDED", timeout=5)
        second.press("escape")
        second.wait_for(KEYS, timeout=10)
        second.press("ctrl+q")
        assert second.wait(10) is not None
        record = load(session_file(sessions)).questions[0]
        # Opened on existing text, the editor types at its end.
        assert record.notes == "typed in the first terminal ADDED"
        assert record.areas[0].covered
    finally:
        if second is not None:
            second.close()
        first.close()


def test_kill_9_frees_the_session_at_once(home: Path, sessions: Path) -> None:
    first, _ = start_interview(home, sessions)
    second: PtyProcess | None = None
    try:
        first.signal(signal.SIGKILL)
        assert first.wait(5) is not None
        second = resume(home, session_file(sessions))
        second.wait_for(title(PICK[0]), timeout=STARTUP)  # straight in, nothing to ask
        assert "open in another terminal" not in second.text()
        second.press("ctrl+q")
        assert second.wait(10) is not None
    finally:
        if second is not None:
            second.close()
        first.close()


def test_a_hand_edit_during_a_session_is_kept_and_so_is_the_session(
    home: Path, sessions: Path
) -> None:
    first, _ = start_interview(home, sessions)
    try:
        path = session_file(sessions)
        edited = path.read_text().replace('name = "Jane"', 'name = "Jane Edited"', 1)
        assert edited != path.read_text()
        path.write_text(edited)  # as an editor (or a git pull) would, mid-session
        first.press("e")
        first.wait_for(TYPING, timeout=10)
        first.type("note after the edit")
        first.wait_for("note after the edit", timeout=10)
        first.wait_for("Saved beside it", timeout=10)  # the notice; the line stays
        copies = [p for p in sessions.glob("*.toml") if CONFLICT_MARK in p.name]
        assert len(copies) == 1
        assert copies[0].name in first.text().replace("\n", "")
        wait_until(lambda: load(copies[0]).questions[0].notes == "note after the edit")
        first.press("escape")
        first.wait_for(KEYS, timeout=10)
        first.press("ctrl+q")
        assert first.wait(10) is not None
        # Nothing lost either way: the edit where it was, the session beside it.
        assert path.read_text() == edited
        mine = load(copies[0])
        assert mine.candidate.name == "Jane" and mine.questions[0].notes == "note after the edit"
    finally:
        first.close()
