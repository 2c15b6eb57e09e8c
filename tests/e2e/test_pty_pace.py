"""The pace and the one-key habits in a real terminal (the app in a pty at 80x24).

The pace must read in every colour mode (16 colours, the Linux console, NO_COLOR)
by its words and by more than colour; alt+digit must tick from the notes as a
terminal sends it (escape then the digit, as `tmux send-keys M-2` does).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ptyharness import PtyProcess, saved_when, spawn_tpm

from tpm_tui.domain.models import Candidate, Interviewer, new_session
from tpm_tui.storage.bank import default_bank_path, load_bank
from tpm_tui.storage.store import SessionStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

PICK = ("technical-trade-off", "data-informed-decision", "prioritizing-competing-features")
STARTUP = 30.0

# Each a session to resume (it opens paused, so the screen stays as it is):
# (question elapsed, interview elapsed) → what the top line says.
STATES = {
    "warning": (590, 2200, ("0:10 left, wrap up", "Total 9m left, 12m behind")),
    "over": (700, 2800, ("+1:40 over", "Total +2m over")),
}
MODES = {
    "16 colours": {"TERM": "xterm", "COLORTERM": ""},
    "linux console": {"TERM": "linux", "COLORTERM": ""},
    "NO_COLOR": {"NO_COLOR": "1"},
}


def write_session(sessions: Path, question: int, total: int) -> None:
    bank = load_bank(default_bank_path())
    session = new_session(
        kind="interview",
        session_id="x",
        bank=bank,
        questions=[bank.question(qid) for qid in PICK],
        candidate=Candidate("Jane", "Technical Product Manager", "senior"),
        minutes=45,
        interviewer=Interviewer("sam"),
    )
    session.elapsed_seconds = total
    session.questions[0].elapsed_seconds = question
    SessionStore(sessions).create(session)


def cells(process: PtyProcess, text: str) -> list[object]:
    """The screen cells (pyte Chars) of `text` on the top line."""
    with process._changed:
        row = process.screen.buffer[0]
        line = "".join(row[col].data for col in range(process.screen.columns))
        start = line.index(text)
        return [row[col] for col in range(start, start + len(text))]


def stands_out(process: PtyProcess, text: str) -> bool:
    """Whether `text` is drawn unlike plain text: bold, reversed or in a colour."""
    plain = cells(process, "Jane")[0]
    return all(
        char.bold or char.reverse or (char.fg, char.bg) != (plain.fg, plain.bg)  # type: ignore[attr-defined]
        for char in cells(process, text)
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("state", STATES)
def test_the_pace_reads_in_words_and_stands_out_in_every_colour_mode(
    tmp_path: Path, state: str, mode: str
) -> None:
    question, total, words = STATES[state]
    sessions = tmp_path / "sessions"
    write_session(sessions, question, total)
    process = spawn_tpm(tmp_path, "resume", "--sessions", str(sessions), **MODES[mode])
    try:
        process.wait_for("Q 1/3", timeout=STARTUP)
        for text in words:
            process.wait_for(text, timeout=10)
        process.wait_quiet(0.3, timeout=5)
        top = process.line(0)
        assert all(text in top for text in words), top
        figure, *_ = words[0].split()
        assert stands_out(process, figure), f"{figure} looks like plain text in {mode}"
        if mode == "NO_COLOR":  # no colour at all: bold or reversed
            assert all(c.bold or c.reverse for c in cells(process, words[0]))  # type: ignore[attr-defined]
    finally:
        process.close()


def typing_notes(home: Path, sessions: Path, text: str) -> PtyProcess:
    """A new interview with `text` typed into the first question's notes."""
    process = spawn_tpm(
        home, "interview", "--candidate", "Jane", "--pick", ",".join(PICK),
        "--sessions", str(sessions),
    )  # fmt: skip
    try:
        process.wait_for("Q 1/3", timeout=STARTUP)
        process.wait_quiet(0.3, timeout=5)
        process.press("e")
        process.wait_for("TYPING", timeout=10)
        process.type(text)
        process.wait_for(text, timeout=10)
    except BaseException:
        process.close()
        raise
    return process


def test_alt_digit_in_the_notes_ticks_and_types_nothing(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    process = typing_notes(tmp_path, sessions, "ab")
    try:
        process.write("\x1b2")  # alt+2 as terminals (and tmux send-keys M-2) send it
        process.wait_for("[x] 2", timeout=10)
        process.type("c")
        saved = saved_when(
            sessions, lambda s: s.questions[0].notes == "abc" and s.questions[0].areas[1].covered
        )
        assert [area.covered for area in saved.questions[0].areas].count(True) == 1
        assert "TYPING" in process.text()  # still in the notes
    finally:
        process.close()


def test_escape_then_n_in_one_packet_leaves_the_notes_and_moves_on(tmp_path: Path) -> None:
    # A fast typist's escape then `n`, or a slow link's one packet: Textual alone
    # read it as alt+n and typed `n` into the notes.
    sessions = tmp_path / "sessions"
    process = typing_notes(tmp_path, sessions, "ok")
    try:
        process.write("\x1bn")
        process.wait_for("Q 2/3", timeout=10)
        saved = saved_when(sessions, lambda s: s.current == 1)
        assert saved.questions[0].notes == "ok"
    finally:
        process.close()
