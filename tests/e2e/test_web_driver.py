"""A browser tab's app (Textual's web driver, on pipes from `tpm-tui serve`) reads
keys as the terminal does (alt+digit ticks from the notes), and ends, saving,
when its server is gone without a word (killed with -9, crashed): it used to run
on for ever, holding its session. The app is driven here as textual-serve
drives it: keys in "D" packets on stdin, the screen read from stdout."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from ptyharness import saved_when, terminal_env

from tpm_tui.storage.lock import holder_of
from tpm_tui.storage.store import SessionStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pipe")

PICK = "technical-trade-off,data-informed-decision"


def packet(keys: str) -> bytes:
    """Keys as textual-serve sends them: type D, a 4-byte big-endian size, the bytes."""
    data = keys.encode()
    return b"D" + len(data).to_bytes(4, "big") + data


def test_the_app_saves_and_ends_when_its_server_is_gone(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    env = terminal_env(tmp_path, TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver")
    app = subprocess.Popen(
        [sys.executable, "-m", "tpm_tui", "interview", "--candidate", "Jane",
         "--pick", PICK, "--sessions", str(sessions)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env=env, cwd=tmp_path,
    )  # fmt: skip
    assert app.stdin is not None and app.stdout is not None
    output = app.stdout
    # As a server does: read what the app draws, or it blocks on a full pipe.
    threading.Thread(target=lambda: output.read(), daemon=True).start()
    try:
        saved_when(sessions, lambda session: True, timeout=30)  # the session began
        app.stdin.write(packet("1ekept"))  # tick area 1, then a note
        app.stdin.flush()
        saved_when(sessions, lambda s: s.questions[0].notes == "kept", timeout=15)
        # The browser sends alt+2 as escape then 2, as a terminal does: it ticks area 2
        # from inside the notes (Textual alone typed ™), parsed as in the terminal.
        app.stdin.write(packet("\x1b2"))
        app.stdin.flush()
        saved = saved_when(sessions, lambda s: s.questions[0].areas[1].covered, timeout=15)
        assert saved.questions[0].areas[0].covered and saved.questions[0].notes == "kept"
        app.stdin.close()  # the server is gone: its end of the pipe closed
        began = time.monotonic()
        app.wait(timeout=10)
        assert time.monotonic() - began < 5
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    (path,) = sessions.glob("*.toml")
    assert SessionStore(sessions).load(path).questions[0].notes == "kept"
    assert holder_of(path) is None  # free to resume
