"""`F1` opens help in a real terminal from the setup form, where the cursor is in the
candidate field and `?` is typed: both sequences terminals send for it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ptyharness import spawn_tpm

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

STARTUP = 30.0
HELP = "Help — escape closes"
F1 = {"xterm": "\x1bOP", "linux console": "\x1b[[A"}  # xterm and VT100; the console's own


@pytest.mark.parametrize("terminal", F1)
def test_f1_opens_help_from_the_candidate_field(tmp_path: Path, terminal: str) -> None:
    env = {"TERM": "linux"} if terminal == "linux console" else {}
    process = spawn_tpm(tmp_path, "interview", "--sessions", str(tmp_path / "sessions"), **env)
    try:
        process.wait_for("Candidate", timeout=STARTUP)
        process.wait_quiet(0.3, timeout=5)
        process.type("Jo?")
        process.wait_for("Jo?", timeout=10)  # `?` is text here
        assert HELP not in process.text()
        process.write(F1[terminal])
        process.wait_for(HELP, timeout=10)
        process.press("escape")
        process.wait_for("Candidate", timeout=10)
        process.type("x")
        process.wait_for("Jo?x", timeout=10)  # nothing typed was lost
        process.press("ctrl+q")
        assert process.wait(10) == 0
    finally:
        process.close()
