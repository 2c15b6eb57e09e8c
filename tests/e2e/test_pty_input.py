"""Input as a real terminal delivers it: several keys in one read (a laggy SSH
packet, a fast typist), pastes, in the app running in a pty at 80x24."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest
from ptyharness import saved_when, spawn_tpm, strip_ansi

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

PICK = "technical-trade-off,data-informed-decision"
STARTUP = 30.0  # a loaded 2-core machine can be slow to import Textual


def test_setup_form_typed_in_one_packet(home: Path, sessions: Path) -> None:
    with spawn_tpm(home, "interview", "--pick", PICK, "--sessions", str(sessions)) as app:
        app.wait_for("Candidate", timeout=STARTUP)
        app.wait_quiet(0.3, timeout=5)
        # One write: the whole burst reaches the app in one read, ctrl+s included.
        app.write("Jane Doe\tStaff TPM\tKim\x13")
        app.wait_for("Q 1/2", timeout=10)
        session = saved_when(sessions, lambda s: True)
    assert session.candidate.name == "Jane Doe"
    assert session.candidate.role == "Staff TPM"
    assert session.interviewer is not None and session.interviewer.name == "Kim"


def test_resized_to_one_column_and_back(home: Path, sessions: Path) -> None:
    args = ("interview", "--candidate", "Jane", "--pick", PICK, "--sessions", str(sessions))
    with spawn_tpm(home, *args) as app:
        app.wait_for("Q 1/2", timeout=STARTUP)
        app.wait_quiet(0.3, timeout=5)
        for cols, rows in ((1, 24), (2, 24), (1, 1), (80, 24)):
            moment = time.monotonic()
            app.resize(cols, rows)
            repainted = app.first_chunk_after(moment, timeout=10)
            assert repainted is not None, strip_ansi(app.raw)[-300:]  # not crashed
            app.wait_quiet(0.3, timeout=10)
        app.wait_for("Q 1/2", timeout=10)
        assert app.poll() is None
        app.press("ctrl+q")
        assert app.wait(10) is not None
        output = strip_ansi(app.raw)
    assert app.exit_code == 0, output[-500:]
    assert "Traceback" not in output and "Error" not in output


def test_a_paste_holding_esc_is_kept_exactly_and_in_order(home: Path, sessions: Path) -> None:
    args = ("interview", "--candidate", "Jane", "--pick", PICK, "--sessions", str(sessions))
    with spawn_tpm(home, *args) as app:
        app.wait_for("Q 1/2", timeout=STARTUP)
        app.press("e")
        app.wait_for(re.compile(r"^ TYPING", re.MULTILINE), timeout=10)
        # A bracketed paste, as a terminal sends it, with an ESC inside, then typing.
        app.write("\x1b[200~NOTE a\x1bb end\x1b[201~!")
        app.wait_for("NOTE a␛b end!", timeout=10)  # the ESC shown, never sent raw
        app.press("escape", "ctrl+s")
        session = saved_when(sessions, lambda s: s.questions[0].notes != "")
    assert session.questions[0].notes == "NOTE a\x1bb end!"


def test_story_form_typed_in_one_packet(home: Path, sessions: Path) -> None:
    from tpm_tui.storage.stories import read_stories

    path = sessions / "stories.toml"
    with spawn_tpm(home, "stories", "--sessions", str(sessions)) as app:
        app.wait_for("No stories yet", timeout=STARTUP)
        app.press("a")
        app.wait_for("New story", timeout=10)
        app.wait_quiet(0.3, timeout=5)
        # As `tmux send-keys 'Payments migration' Tab 'Legacy gateway' Tab …` sends it.
        app.write("Payments migration\tLegacy gateway\tMove it\tPlanned it\tDone\t \x13")
        app.wait_for("1 story", timeout=10)
    (story,) = read_stories(path)[0]
    assert (story.title, story.situation, story.task, story.action, story.result) == (
        "Payments migration", "Legacy gateway", "Move it", "Planned it", "Done"
    )  # fmt: skip
    assert story.competencies == ("technical-acumen",)
