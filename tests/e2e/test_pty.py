"""The README's promises about data, in a real terminal: the app in a pty at 80x24.

Killed with `kill -9`, hung up (terminal closed, SSH dropped), terminated or
interrupted, a session loses at most its last 2 seconds, the app exits within 2
seconds (0 on SIGHUP and SIGTERM, 130 on SIGINT), and the terminal is left as it
was found. These run the real command line
(`python -m tpm_tui`) as a user would, so they are slower than Pilot tests;
they wait for what is on screen, never for a fixed time, where they can.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import sys
import termios
import time
from pathlib import Path

import pytest
from ptyharness import PtyProcess, saved_when, spawn_tpm, strip_ansi, terminal_env

from tpm_tui.domain.models import Candidate, Session, new_session
from tpm_tui.storage.bank import default_bank_path, load_bank
from tpm_tui.storage.store import SessionStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

PICK = ("technical-trade-off", "data-informed-decision", "prioritizing-competing-features")
# The mode line tells whether keys act or type: wait for it after `e` and `escape`,
# since a key sent before the focus has moved goes to the widget that had it.
TYPING = re.compile(r"^ TYPING", re.MULTILINE)
KEYS = re.compile(r"^ KEYS", re.MULTILINE)
STARTUP = 30.0  # a loaded 2-core CI machine can be slow to import Textual
EXIT_WITHIN = 2.0  # the README's promise on SIGHUP and SIGTERM
EXIT_CODES = {signal.SIGHUP: 0, signal.SIGTERM: 0, signal.SIGINT: 130}  # as the README says


def title(question_id: str) -> str:
    """A question's title: on screen means its page is showing (texts all begin alike)."""
    return load_bank(default_bank_path()).question(question_id).title


def start_interview(home: Path, sessions: Path, **env: str) -> tuple[PtyProcess, float]:
    """A new interview with Jane on its session screen, and when it was first shown."""
    process = spawn_tpm(
        home,
        "interview",
        "--candidate",
        "Jane",
        "--pick",
        ",".join(PICK),
        "--sessions",
        str(sessions),
        **env,
    )
    try:
        shown = process.wait_for(title(PICK[0]), timeout=STARTUP)
        process.wait_for("Q 1/3", timeout=STARTUP)
        process.wait_quiet(0.3, timeout=5)  # startup queries and first repaints done
    except BaseException:
        process.close()
        raise
    return process, shown


@pytest.fixture
def interview(home: Path, sessions: Path):
    process, _shown = start_interview(home, sessions)
    try:
        yield process
    finally:
        process.close()


def saved(sessions: Path) -> Session:
    """The one session file in the folder, read back as review would."""
    files = sorted(sessions.glob("*.toml"))
    assert len(files) == 1, files
    return SessionStore(sessions).load(files[0])


def errors_in(output: bytes) -> list[str]:
    text = strip_ansi(output)
    return [word for word in ("Traceback", "Error", "error:") if word in text]


def test_kill_9_keeps_all_but_the_last_two_seconds(home: Path, sessions: Path) -> None:
    interview, shown = start_interview(home, sessions)
    try:
        bank = load_bank(default_bank_path())
        first_q, second_q = bank.question(PICK[0]), bank.question(PICK[1])
        interview.press("1", "2")
        interview.wait_for("[x] 2 " + first_q.areas[1][:40], timeout=10)
        interview.press("f")
        interview.wait_for(first_q.follow_ups[0][:40], timeout=10)  # the drill-down
        interview.press("space", "e")
        interview.wait_for(TYPING, timeout=10)
        interview.type("asked about rollback")
        interview.wait_for("asked about rollback", timeout=10)
        interview.press("escape")
        interview.wait_for(KEYS, timeout=10)
        interview.press("escape")
        interview.wait_for(first_q.areas[2][:40], timeout=10)  # back on the question
        interview.press("e")
        interview.wait_for(TYPING, timeout=10)
        interview.type("Clear trade-off, weak on metrics.")
        interview.wait_for("weak on metrics.", timeout=10)
        interview.press("escape")
        interview.wait_for(KEYS, timeout=10)
        interview.press("n")
        interview.wait_for("Q 2/3", timeout=10)
        interview.press("1")
        interview.wait_for("[x] 1 " + second_q.areas[0][:40], timeout=10)
        # The autosave (every second) writes it: well within 5 s, even on a loaded machine.
        saved_when(sessions, lambda s: s.current == 1 and s.questions[1].areas[0].covered, 5)
        interview.signal(signal.SIGKILL)
        killed = time.monotonic()
        assert interview.wait(10) is not None
        assert interview.exit_code == -signal.SIGKILL
    finally:
        interview.close()

    session = saved(sessions)
    first, second, third = session.questions
    assert [area.covered for area in first.areas[:3]] == [True, True, False]
    assert all(isinstance(area.covered_at, int) for area in first.areas[:2])
    assert first.follow_ups[0].asked
    assert first.follow_ups[0].notes == "asked about rollback"
    assert not any(follow_up.asked for follow_up in first.follow_ups[1:])
    assert first.notes == "Clear trade-off, weak on metrics."
    assert session.current == 1
    assert second.areas[0].covered and not any(area.covered for area in second.areas[1:])
    assert not any(area.covered for area in third.areas)
    # The clock starts as the screen opens; at most 2 s (the last autosave) may be missing.
    expected = killed - shown
    assert expected - 3 <= session.elapsed_seconds <= expected + 2
    assert abs(first.elapsed_seconds + second.elapsed_seconds - session.elapsed_seconds) <= 1

    resumed = spawn_tpm(home, "resume", "--sessions", str(sessions))
    try:
        resumed.wait_for(title(PICK[1]), timeout=STARTUP)
        resumed.wait_for("Q 2/3", timeout=5)
        resumed.wait_quiet(0.5, timeout=5)  # the whole frame is painted
        screen = resumed.text()
        assert screen.splitlines()[0].split()[:3] == ["Jane", "Q", "2/3"], screen
        assert title(PICK[0]) not in screen
        # The same ticks: the first area ticked, the second not.
        assert "[x] 1 " + second.areas[0].text[:30] in screen, screen
        assert "[ ] 2 " + second.areas[1].text[:30] in screen, screen
        resumed.press("ctrl+q")
        assert resumed.wait(10) is not None
    finally:
        resumed.close()
    again = saved(sessions)
    assert again.current == 1
    assert [area.covered for area in again.questions[1].areas] == [
        area.covered for area in second.areas
    ]


NOTE = "typed just before the link dropped"


def type_note(interview: PtyProcess) -> None:
    """Type NOTE into the first question's notes, and see it on screen."""
    interview.press("e")
    interview.wait_for(TYPING, timeout=10)
    interview.type(NOTE[:10])
    interview.wait_for(NOTE[:10], timeout=10)
    interview.type(NOTE[10:], gap=0.005)
    interview.wait_for(NOTE, timeout=10)


def assert_left_in_time(process: PtyProcess, began: float, code: int) -> None:
    status = process.wait(EXIT_WITHIN + 3)
    took = time.monotonic() - began
    assert status is not None, "still running"
    assert took <= EXIT_WITHIN, f"took {took:.2f} s to exit"
    assert process.exit_code == code, strip_ansi(process.raw)[-2000:]


@pytest.mark.parametrize("how", ["hangup", "sighup", "sigterm", "sigint", "take-over"])
def test_hangup_or_terminate_saves_typing_and_exits(
    interview: PtyProcess, sessions: Path, how: str
) -> None:
    type_note(interview)
    # At once: well under the 1 s autosave period, so only the signal handler saves it.
    began = time.monotonic()
    if how == "hangup":
        interview.close_master()  # the kernel sends SIGHUP (and SIGCONT) to the session leader
    elif how == "take-over":  # what `resume` sends the holder of a session (README)
        interview.signal(signal.SIGCONT)
        interview.signal(signal.SIGHUP)
    else:
        interview.signal(getattr(signal, how.upper()))
    assert_left_in_time(interview, began, 130 if how == "sigint" else 0)
    assert saved(sessions).questions[0].notes == NOTE
    if how != "hangup":  # with the terminal still there, nothing alarming was printed
        assert interview.wait_eof()
        assert errors_in(interview.raw[interview.raw.rfind(b"\x1b[?1049l") :]) == []


def test_ctrl_c_sent_as_a_signal_saves_and_exits_130(home: Path, sessions: Path) -> None:
    # With TEXTUAL_ALLOW_SIGNALS the line discipline turns ctrl+c into SIGINT.
    interview, _shown = start_interview(home, sessions, TEXTUAL_ALLOW_SIGNALS="1")
    try:
        type_note(interview)
        began = interview.write("\x03")
        assert_left_in_time(interview, began, 130)
    finally:
        interview.close()
    assert saved(sessions).questions[0].notes == NOTE


def test_sigcont_does_not_restart_the_terminal(interview: PtyProcess, sessions: Path) -> None:
    # `kill -CONT`, and the first thing a take-over sends: Textual used to enter
    # application mode again on top of the running one, with a second input
    # thread that sometimes kept the process alive after it quit.
    interview.signal(signal.SIGCONT)
    type_note(interview)  # keys still arrive, once each
    interview.press("escape")
    interview.wait_for(KEYS, timeout=10)
    assert_left_in_time(interview, interview.write("\x11"), 0)  # ctrl+q
    assert saved(sessions).questions[0].notes == NOTE
    assert interview.raw.count(b"\x1b[?1049h") == 1  # the alternate screen entered once


# A parent that outlives the hang-up and does not pass SIGHUP on (a wrapper
# script, a supervisor): the app is not the session leader, so the kernel does
# not signal it, and all it sees is the end of its input.
WRAPPER = (
    "import signal, subprocess, sys\n"
    "signal.signal(signal.SIGHUP, lambda *_: None)\n"
    "sys.exit(subprocess.call(sys.argv[1:]))\n"
)


def test_end_of_input_without_sighup_saves_and_exits(home: Path, sessions: Path) -> None:
    argv = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "tpm_tui", "interview"]
    argv += ["--candidate", "Jane", "--pick", ",".join(PICK), "--sessions", str(sessions)]
    wrapped = PtyProcess(argv, env=terminal_env(home), cwd=home)
    try:
        wrapped.wait_for("Q 1/3", timeout=STARTUP)
        wrapped.wait_quiet(0.3, timeout=5)
        type_note(wrapped)
        began = time.monotonic()
        wrapped.close_master()
        assert_left_in_time(wrapped, began, 0)  # the wrapper ends when the app does
    finally:
        wrapped.close()
    assert saved(sessions).questions[0].notes == NOTE


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_signal_leaves_the_terminal_as_found(interview: PtyProcess, number: int) -> None:
    interview.press("e")  # the editor is focused: the hardest moment to leave cleanly
    interview.wait_for(TYPING, timeout=10)
    interview.wait_quiet(0.3, timeout=5)
    interview.signal(number)
    assert interview.wait(EXIT_WITHIN + 3) is not None
    assert interview.wait_eof()
    raw = interview.raw
    entered = raw.rfind(b"\x1b[?1049h")
    left = raw.rfind(b"\x1b[?1049l")
    assert 0 <= entered < left, "never left the alternate screen"
    tail = raw[left:]
    assert b"\x1b[?25h" in tail  # the cursor is shown again
    # Mouse reporting and bracketed paste are off again, or the shell gets junk.
    for mode in (b"1000", b"1003", b"1006", b"2004"):
        assert raw.rfind(b"\x1b[?" + mode + b"l") > raw.rfind(b"\x1b[?" + mode + b"h")
    assert errors_in(tail) == []
    # The line discipline is back to cooked mode (echo, line editing) for the shell.
    local_modes = termios.tcgetattr(interview.fd)[3]
    assert local_modes & termios.ECHO and local_modes & termios.ICANON
    assert os.WIFEXITED(interview.status)


def test_typing_that_arrives_with_e_goes_into_the_notes(
    interview: PtyProcess, sessions: Path
) -> None:
    # One read, as an SSH packet delivers it: the keys after `e` were once forwarded to
    # the checklist before the focus moved, and ticked, rated and paused instead.
    interview.write("eabc burst")
    interview.wait_for("abc burst", timeout=5)
    interview.press("ctrl+s")
    first = saved_when(sessions, lambda s: s.questions[0].notes == "abc burst", 5).questions[0]
    assert first.notes == "abc burst"  # the save runs in a worker thread
    assert not any(area.covered for area in first.areas)


def test_resume_says_what_reading_the_folder_made_private(home: Path, sessions: Path) -> None:
    # The command line and the app once read the folder with two stores: the first
    # made the files private, and the app, finding nothing to tighten, said nothing.
    bank = load_bank(default_bank_path())
    path = SessionStore(sessions).create(new_session(
        kind="interview", session_id="", bank=bank, questions=bank.questions[:2],
        candidate=Candidate("Jane"), minutes=45,
    ))  # fmt: skip
    sessions.chmod(0o755)
    path.chmod(0o644)
    resumed = spawn_tpm(home, "resume", "--sessions", str(sessions))
    try:
        resumed.wait_for("Made private", timeout=STARTUP)
        resumed.wait_for("Q 1/2", timeout=5)
        resumed.press("ctrl+q")
        assert resumed.wait(10) == 0
    finally:
        resumed.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(sessions.stat().st_mode) == 0o700
