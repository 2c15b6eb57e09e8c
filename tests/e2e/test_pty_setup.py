"""The setup form in a real terminal at 80x24, in every colour mode: every field,
the list and the highlighted question's pane fit, and the questions not for the
chosen level say so in words (no colour needed to tell them apart)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ptyharness import spawn_tpm

from tpm_tui.storage.bank import default_bank_path, load_bank

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

STARTUP = 30.0
MODES = {
    "16 colours": {"TERM": "xterm", "COLORTERM": ""},
    "linux console": {"TERM": "linux", "COLORTERM": ""},
    "NO_COLOR": {"NO_COLOR": "1"},
}


@pytest.mark.parametrize("mode", MODES)
def test_the_form_the_list_and_the_pane_fit_and_read_in_words(tmp_path: Path, mode: str) -> None:
    bank = load_bank(default_bank_path())
    first = bank.questions[0]  # mid and senior: not for junior
    assert "junior" not in first.seniority
    args = ("interview", "--candidate", "Jo", "--seniority", "junior")
    process = spawn_tpm(tmp_path, *args, "--sessions", str(tmp_path / "sessions"), **MODES[mode])
    try:
        process.wait_for("not for junior", timeout=STARTUP)
        process.wait_for(first.text.split(".")[0][:60], timeout=10)  # the pane's first line
        process.wait_quiet(0.3, timeout=5)
        shown = process.text()
        for label in ("Candidate", "Role", "Interviewer", "Seniority", "Minutes", "Questions"):
            assert label in shown, shown
        [row] = [line for line in shown.splitlines() if first.title in line and "│" in line]
        assert "not for junior" in row
        assert "0 picked · 0 of 45 min" in shown  # the status line
    finally:
        process.close()
