"""Over a real SSH link: OpenSSH's sshd on a loopback port, `ssh -tt` in tmux at 80x24.

What an interviewer on a shared host meets: an interview typed through ssh is
saved; a link that drops (the ssh client killed with -9) saves everything and
ends the app on the server within 2 s; reconnecting resumes it; and the screen
draws cleanly under the TERM values a shared host has (screen, linux).
Each test waits on what the pane shows or what the session file holds.
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from remote_helpers import alive, needs_ssh, wait_until
from sshharness import STARTUP, SshServer, TmuxPane, read_pid, remote_tpm

from tpm_tui.domain.models import Session
from tpm_tui.storage.bank import default_bank_path, load_bank
from tpm_tui.storage.store import SessionStore

pytestmark = [needs_ssh(), pytest.mark.xdist_group("ssh")]

PICK = ("technical-trade-off", "data-informed-decision", "prioritizing-competing-features")
EXIT_WITHIN = 2.0  # README: a dropped SSH link saves and ends the app within 2 s
# What a terminal shows when bytes went wrong: a replacement character, or an escape
# sequence cut short or not understood and printed as text.
BROKEN = re.compile(r"\ufffd|\x1b|\^\[|\[\?\d+[hl]|\[\d+(;\d+)*m")


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[SshServer]:
    server = SshServer(tmp_path / "sshd")
    try:
        yield server
    finally:
        server.close()


def title(question_id: str) -> str:
    return load_bank(default_bank_path()).question(question_id).title


def connect(sshd: SshServer, tmp_path: Path, remote: str, *, term: str = "screen") -> TmuxPane:
    return TmuxPane(tmp_path, sshd.ssh_argv(remote), term=term)


def saved(sessions: Path) -> Session:
    files = sorted(sessions.glob("*.toml"))
    assert len(files) == 1, files
    return SessionStore(sessions).load(files[0])


def start_interview(sshd: SshServer, tmp_path: Path, home: Path, pidfile: Path) -> TmuxPane:
    remote = remote_tpm(
        home, "interview", "--candidate", "Jane", "--pick", ",".join(PICK),
        "--sessions", str(home / "sessions"), pidfile=pidfile,
    )  # fmt: skip
    pane = connect(sshd, tmp_path, remote)
    pane.wait_for("Q 1/3", timeout=STARTUP)
    return pane


def test_an_interview_over_ssh_is_saved(sshd, tmp_path: Path, home: Path) -> None:
    bank = load_bank(default_bank_path())
    first = bank.question(PICK[0])
    pane = start_interview(sshd, tmp_path, home, tmp_path / "app.pid")
    try:
        # Over SSH every pointer movement would be a packet up and a repaint down.
        assert not pane.mouse_reporting()
        pane.press("1", "2")
        pane.wait_for("[x] 2 " + first.areas[1][:40])
        pane.press("e")
        pane.wait_for("TYPING")
        pane.type("Clear trade-off, weak on metrics.")
        pane.wait_for("weak on metrics.")
        pane.press("Escape")
        pane.wait_for("KEYS")
        pane.press("n")
        pane.wait_for("Q 2/3")
        pane.press("C-q")  # leave: saved, resumable; the ssh session ends with the app
        wait_until(pane.dead, 10, "ssh ended after ctrl+q")
    finally:
        pane.close()

    session = saved(home / "sessions")
    assert [area.covered for area in session.questions[0].areas[:3]] == [True, True, False]
    assert session.questions[0].notes == "Clear trade-off, weak on metrics."
    assert session.current == 1


def test_a_dropped_link_saves_ends_within_2_s_and_resumes(sshd, tmp_path: Path, home: Path):
    first = load_bank(default_bank_path()).question(PICK[0])
    pidfile = tmp_path / "app.pid"
    pane = start_interview(sshd, tmp_path, home, pidfile)
    try:
        app = read_pid(pidfile)
        pane.press("1")
        pane.wait_for("[x] 1 " + first.areas[0][:40])
        pane.press("e")
        pane.wait_for("TYPING")
        pane.type("typed just before the link dropped")
        pane.wait_for("the link dropped")  # on screen; not necessarily autosaved yet
        os.kill(pane.pane_pid(), signal.SIGKILL)  # the ssh client: the link is gone
        dropped = time.monotonic()
        wait_until(lambda: not alive(app), 10, "the app on the server ended")
        ended = time.monotonic() - dropped
    finally:
        pane.close()
    print(f"ssh client killed to app ended on the server: {ended:.2f} s")
    assert ended < EXIT_WITHIN

    session = saved(home / "sessions")
    assert session.status == "in_progress"
    assert session.questions[0].areas[0].covered
    assert session.questions[0].notes == "typed just before the link dropped"

    # Reconnect: resume opens it where it stopped, with everything on it.
    again = connect(
        sshd, tmp_path, remote_tpm(home, "resume", "--sessions", str(home / "sessions"))
    )
    try:
        again.wait_for("[x] 1 " + first.areas[0][:40], timeout=STARTUP)
        again.wait_for("typed just before the link dropped")
        again.press("C-q")
        wait_until(again.dead, 10, "ssh ended after ctrl+q")
    finally:
        again.close()


@pytest.mark.parametrize("term", ["screen", "linux"])
def test_the_screen_draws_cleanly_under_shared_host_terms(sshd, tmp_path, home, term) -> None:
    bank = load_bank(default_bank_path())
    first = bank.question(PICK[0])
    remote = remote_tpm(
        home, "interview", "--candidate", "Jane", "--pick", ",".join(PICK),
        "--sessions", str(home / "sessions"),
    )  # fmt: skip
    pane = connect(sshd, tmp_path, remote, term=term)
    try:
        pane.wait_for("Q 1/3", timeout=STARTUP)
        pane.press("1")
        pane.wait_for("[x] 1 " + first.areas[0][:40])
        pane.press("?")  # help: a modal with a border over the session screen
        pane.wait_for("Help — escape closes", timeout=10)  # the mode line says "every key" too
        pane.press("Escape")
        wait_until(lambda: "Help — escape closes" not in pane.text(), 10, "help closed")
        pane.wait_for("KEYS")
        shown = pane.text()
        pane.press("C-q")
        wait_until(pane.dead, 10, "ssh ended after ctrl+q")
        after = pane.text()
    finally:
        pane.close()
    lines = shown.splitlines()
    assert len(lines) == 24, shown
    assert lines[0].split()[:3] == ["Jane", "Q", "1/3"], shown
    assert title(PICK[0]) in shown
    assert not BROKEN.search(shown), shown
    assert all(len(line) <= 80 for line in lines), shown
    # Left as found: the main screen back, nothing of the app's escape sequences shown.
    assert not BROKEN.search(after), after
