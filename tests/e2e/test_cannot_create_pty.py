"""A session that cannot be created, started from the command line in a real terminal:
exit code 2 and the message on stderr, after the app has restored the terminal.

The same failure on home and in the setup form is tested with Pilot in
tests/ui/test_cannot_create.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ptyharness import spawn_tpm, strip_ansi

PICK = ("technical-trade-off", "data-informed-decision")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
@pytest.mark.parametrize("how", ["sessions is a file", "no data folder"])
def test_the_command_line_exits_2_after_restoring_the_terminal(tmp_path: Path, how: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    if how == "sessions is a file":
        folder = tmp_path / "sessions"
        folder.write_text("x", encoding="utf-8")
        where = ["--sessions", str(folder)]
    else:  # the default data folder cannot be made: ~/.local is a file
        (home / ".local").write_text("x", encoding="utf-8")
        folder = home / ".local" / "share" / "tpm-tui" / "sessions"
        where = []
    for command in (["interview", "--candidate", "Jo", "--pick", ",".join(PICK)], ["practice"]):
        with spawn_tpm(home, *command, *where) as process:
            status = process.wait(30)
            process.wait_eof()
            assert status is not None, "still running"
            output = strip_ansi(process.raw)
        assert process.exit_code == 2, output
        assert "Traceback" not in output
        if how == "sessions is a file":  # said before any screen, as every command says it
            assert f"tpm-tui: the sessions folder {folder} is not a folder" in output
            assert b"\x1b[?1049h" not in process.raw
            continue
        assert f"tpm-tui: Could not create the session file in {folder}:" in output
        # The message comes after the app left the alternate screen, so it stays.
        assert process.raw.rfind(b"tpm-tui: Could not") > process.raw.rfind(b"\x1b[?1049l")
