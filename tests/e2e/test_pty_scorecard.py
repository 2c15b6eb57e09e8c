"""The rubric and the scorecard in a real terminal at 80x24: `r` shows the rubric
beside the rating prompt, and a scorecard typed on the summary reaches the file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ptyharness import spawn_tpm

from tpm_tui.storage.store import SessionStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
STARTUP = 30.0  # a loaded 2-core machine can be slow to import Textual
STEP = 15.0


def test_rubric_then_scorecard_to_the_saved_file(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    with spawn_tpm(
        tmp_path, "interview", "--candidate", "Jane Doe", "--sessions", str(sessions),
        "--pick", "technical-trade-off,data-informed-decision",
    ) as app:  # fmt: skip
        app.wait_for("Areas to cover", timeout=STARTUP)
        app.press("r")
        app.wait_for("Rubric — 1-4 rates", timeout=STEP)
        app.wait_for("would now do differently.", timeout=STEP)  # its last words
        app.press("3")
        app.wait_for("Rating: 3 good", timeout=STEP)
        app.press("n", "r", "4", "q", "y")
        app.wait_for("Scorecard", timeout=STEP)
        app.wait_for("pre-filled from 1 question", timeout=STEP)
        app.press("tab")
        app.wait_for("SCORECARD — 1-4 rate", timeout=STEP)
        app.press("2")  # technical acumen: 2, the interviewer's own
        app.wait_for("yours", timeout=STEP)
        app.press("tab", "a")
        app.wait_for("TYPING A LINE", timeout=STEP)
        app.type("Quantifies trade-offs")
        app.press("enter")
        app.wait_for("· Quantifies trade-offs", timeout=STEP)
        app.press("tab", "a")
        app.type("Thin on planning")
        app.press("enter", "3", "ctrl+s")  # yes, and complete: home comes back
        app.wait_for("Practice", timeout=STEP)
        app.press("ctrl+q")
        assert app.wait(20) == 0
    saved = SessionStore(sessions).load(next(sessions.glob("*.toml")))
    assert saved.status == "completed" and saved.outcome is not None
    assert saved.outcome.recommendation == "yes"
    assert saved.outcome.strengths == ["Quantifies trade-offs"]
    assert saved.outcome.concerns == ["Thin on planning"]
    assert saved.outcome.competencies == {
        "technical-acumen": 2,
        "strategic-thinking": 3,
        "stakeholder-management": 3,
        "data-driven-decisions": 4,
        "communication": 4,
    }
