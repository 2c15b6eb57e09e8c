"""tpm_tui/shutdown.py: an exit signal ends the process in time even when the UI is stuck.

Each test runs a small program in a pty whose main thread is blocked for ever
(as it was in Textual's writer queue when a terminal hung up), with the
watchdog armed by the signal handlers the app installs.
"""

from __future__ import annotations

import signal
import sys
import termios
import time
from pathlib import Path

import pytest
from ptyharness import PtyProcess

from tpm_tui.shutdown import EXIT_DEADLINE, RESET_SEQUENCES, ExitWatchdog, TerminalState

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals and a pty")

EXIT_WITHIN = 2.0  # the README's promise
STARTUP = 30.0

# argv: mode ("stuck", "raw" or "saving"), a file for "saving" to write.
STUCK_PROGRAM = """
import os, sys, threading, time, tty
from tpm_tui.shutdown import EXIT_DEADLINE, ExitWatchdog, TerminalState

mode, path = sys.argv[1], sys.argv[2]
watchdog = ExitWatchdog(TerminalState.capture())
watchdog.start()
signalled = threading.Event()

def save():  # a final save that is still writing at the deadline
    signalled.wait()
    with watchdog.saving():
        time.sleep(EXIT_DEADLINE + 0.5)
        with open(path, "w") as file:
            file.write("saved")

if mode == "saving":
    threading.Thread(target=save).start()
watchdog.install(lambda code: signalled.set())
if mode == "raw":  # what Textual does to the terminal
    tty.setraw(0)
    os.write(2, b"\\x1b[?1049h\\x1b[?1000h\\x1b[?25l")
print("ready", flush=True)
threading.Event().wait()  # stuck for ever, like a main thread blocked on a full queue
"""


def run_stuck(mode: str, path: Path) -> PtyProcess:
    process = PtyProcess([sys.executable, "-c", STUCK_PROGRAM, mode, str(path)])
    process.wait_for("ready", timeout=STARTUP)
    return process


def left_within(process: PtyProcess, began: float) -> float:
    assert process.wait(EXIT_WITHIN + 5) is not None, "still running"
    return time.monotonic() - began


@pytest.mark.parametrize(
    ("number", "code"), [(signal.SIGHUP, 0), (signal.SIGTERM, 0), (signal.SIGINT, 130)]
)
def test_a_stuck_process_ends_in_time_with_the_signals_code(
    tmp_path: Path, number: int, code: int
) -> None:
    with run_stuck("stuck", tmp_path / "unused") as process:
        began = time.monotonic()
        process.signal(number)
        took = left_within(process, began)
        assert EXIT_DEADLINE - 0.1 <= took <= EXIT_WITHIN, f"took {took:.2f} s"
        assert process.exit_code == code


def test_the_terminal_is_left_as_found(tmp_path: Path) -> None:
    with run_stuck("raw", tmp_path / "unused") as process:
        assert not termios.tcgetattr(process.fd)[3] & termios.ICANON  # raw, as in the app
        process.signal(signal.SIGTERM)
        assert left_within(process, time.monotonic()) <= EXIT_WITHIN
        assert process.wait_eof()
        raw = process.raw
        assert raw[raw.index(b"ready") :].endswith(RESET_SEQUENCES)
        local_modes = termios.tcgetattr(process.fd)[3]
        assert local_modes & termios.ECHO and local_modes & termios.ICANON


def test_a_hung_up_terminal_is_left_alone_and_the_process_ends(tmp_path: Path) -> None:
    with run_stuck("raw", tmp_path / "unused") as process:
        began = time.monotonic()
        process.close_master()  # SIGHUP; restoring must not block on the dead terminal
        assert left_within(process, began) <= EXIT_WITHIN
        assert process.exit_code == 0


def test_a_final_save_still_writing_is_never_cut_short(tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    with run_stuck("saving", saved) as process:
        began = time.monotonic()
        process.signal(signal.SIGHUP)
        took = left_within(process, began)
        assert took >= EXIT_DEADLINE + 0.5  # it waited for the save
        assert process.exit_code == 0
    assert saved.read_text() == "saved"


def test_without_a_signal_nothing_ends_the_process() -> None:
    watchdog = ExitWatchdog(TerminalState.capture())
    watchdog.end_if_signalled()  # returns: the app left by itself (ctrl+q)
    assert watchdog.arm(0) and not watchdog.arm(130)  # only the first signal counts
