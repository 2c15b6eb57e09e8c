"""No escape sequence from a file or the command line reaches the terminal: the real
app in a pty, on a hostile bank and hostile session files (OSC 52 and OSC 0, CSI,
C1 controls, bidi overrides, a lone surrogate from an undecodable argument),
checked byte for byte on the home, session, help, review and detail screens.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hostile import (
    EVIL_SHOWN,
    SURROGATE,
    assert_inert,
    write_hostile_bank,
    write_hostile_session,
)
from ptyharness import PtyProcess, spawn_tpm

from tpm_tui.storage.bank import load_bank

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
STARTUP = 30.0  # a loaded 2-core machine can be slow to import Textual
STEP = 15.0
PAGE_DOWN = "\x1b[6~"


def shown(label: str, cells: int = 20) -> str:
    """How `evil(label)` begins on screen (its first cells: lines are cut at 80)."""
    return f"{label} {EVIL_SHOWN}"[:cells]


@pytest.fixture
def bank(home: Path) -> Path:
    return write_hostile_bank(home)


@pytest.fixture
def sessions(home: Path, bank: Path) -> Path:
    folder = home / "sessions"
    loaded = load_bank(bank)
    write_hostile_session(folder, loaded)  # completed: review lists it
    write_hostile_session(folder, loaded, name="open.toml", completed=False)  # home lists it
    (folder / "broken \x1b]0;OWNED\x07\u202e.toml").write_text("[[[", "utf-8")
    return folder


def finish(process: PtyProcess) -> str:
    """Quit, then check every byte the app wrote; returns it as text."""
    process.press("ctrl+q")
    assert process.wait(20) is not None, "still running"
    process.wait_eof()
    return assert_inert(process.raw)


def test_home_review_and_detail_show_hostile_text_visibly(
    home: Path, bank: Path, sessions: Path
) -> None:
    with spawn_tpm(home, "--questions", str(bank), "--sessions", str(sessions)) as app:
        app.wait_for("Practice", timeout=STARTUP)
        app.wait_for(shown("title"), timeout=STEP)  # the header's sub-title, the Bank line
        app.wait_for(shown("candidate", 14), timeout=STEP)  # the resume row
        app.press("r")
        # Listed as unreadable (the name cut to the candidate column at 80 columns).
        app.wait_for("broken ␛]0;OWNED␇\ufffd.to", timeout=STEP)
        app.wait_for(shown("candidate", 12), timeout=STEP)
        app.press("enter")  # the highlighted (newest) session: the detail view
        app.wait_for("✓ covered area", timeout=STEP)
        app.press("t")  # the raw TOML
        app.wait_for("\ufffd", timeout=STEP)
        finish(app)


def test_session_help_and_summary_show_hostile_text_visibly(home: Path, bank: Path) -> None:
    candidate = f"Jo{SURROGATE}\x1b]0;OWNED\x07\u202e"  # b"\xff" in the argument
    with spawn_tpm(
        home, "interview", "--candidate", candidate, "--pick", "q-one,q-two",
        "--questions", str(bank), "--sessions", str(home / "sessions"),
    ) as app:  # fmt: skip
        app.wait_for(shown("first title"), timeout=STARTUP)
        app.wait_for("1 area one", timeout=STEP)
        app.wait_for("Jo\ufffd␛]0;OWNED␇\ufffd", timeout=STEP)
        app.press("f")  # the follow-ups
        app.wait_for("follow-up one", timeout=STEP)
        app.press("escape")
        app.wait_for("2 area two", timeout=STEP)
        app.press("?")  # help, with the bank's guidance below the keys
        app.wait_for("Every key", timeout=STEP)
        app.press(*[PAGE_DOWN] * 4)
        app.wait_for("guidance q", timeout=STEP)
        app.press("escape")
        app.wait_for("2 area two", timeout=STEP)
        app.press("q", "y")  # the summary: the scorecard, then the areas not covered
        app.wait_for("Scorecard", timeout=STEP)
        app.wait_for("Areas not covered", timeout=STEP)  # at 80x24, on the first page
        app.press(PAGE_DOWN)  # its areas on the next (a second one would pass them)
        app.wait_for("· area one", timeout=STEP)
        finish(app)
