"""tpm_tui/driver.py: the Textual internals it relies on, by name, and its output file.

The driver fixes three faults of Textual 8.2.8's LinuxDriver on a terminal that
hangs up (see its docstring). Each fix leans on Textual code it cannot see
change, so each piece of that code is fingerprinted here: after an upgrade the
test names what changed and what to check. A fix can go once Textual's code no
longer has the fault; the pty tests (test_pty.py, test_hangup_stress.py) then
still pass without it.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import pty
import select
import sys
from collections.abc import Callable
from typing import Any

import pytest
from textual.drivers._writer_thread import WriterThread
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver

from tpm_tui.driver import TerminalDriver, TerminalOutput, driver_for

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX driver")

# (Textual code, the first 16 hex digits of the SHA-256 of its source in 8.2.8,
#  what tpm_tui/driver.py relies on and what to check when it changes)
INTERNALS: list[tuple[Callable[..., Any], str, str]] = [
    (
        LinuxDriver.__init__,
        "671887bbf938d1d8",
        "sets `self._file = sys.__stderr__` (TerminalDriver replaces it) and installs "
        "`self._sigcont_application` as the SIGCONT handler, bound, so the override runs",
    ),
    (
        LinuxDriver.start_application_mode,
        "7c41f5ba11a8ef05",
        "builds `WriterThread(self._file)` and clears `_must_signal_resume` on resuming",
    ),
    (
        LinuxDriver._sigtstp_application,
        "26c3c19ce1817e66",
        "sets `_must_signal_resume` exactly when it suspends application mode (fault 1)",
    ),
    (
        LinuxDriver._sigcont_application,
        "1d7463a74df118a4",
        "resumes application mode on every SIGCONT, suspended or not (fault 1: if it "
        "now checks, TerminalDriver._sigcont_application can go)",
    ),
    (
        LinuxDriver.disable_input,
        "6154c5a7c1743fe9",
        "joins only the latest input thread and clears the exit event again (why a "
        "second input thread outlives the app, fault 1)",
    ),
    (
        LinuxDriver.run_input_thread,
        "d796af6d69db337d",
        "TerminalDriver.run_input_thread is a copy of it with end of input handled: "
        "copy any change over (fault 3: if it now stops at end of input, ours can go)",
    ),
    (
        WriterThread.run,
        "314021aab4f52726",
        "dies on the first failed write (fault 2: if it now survives one, TerminalOutput can go)",
    ),
]


@pytest.mark.parametrize(
    ("code", "fingerprint", "relied_on"),
    INTERNALS,
    ids=[code.__qualname__ for code, _, _ in INTERNALS],
)
def test_textual_internals_the_driver_relies_on_are_unchanged(
    code: Callable[..., Any], fingerprint: str, relied_on: str
) -> None:
    found = hashlib.sha256(inspect.getsource(code).encode()).hexdigest()[:16]
    assert found == fingerprint, (
        f"Textual's {code.__qualname__} changed: tpm_tui/driver.py relies on it, as it "
        f"{relied_on}. Re-check, then update the fingerprint to {found}."
    )


def test_the_driver_is_ours_only_where_textual_chose_its_linux_driver() -> None:
    assert driver_for(LinuxDriver) is TerminalDriver
    assert driver_for(HeadlessDriver) is HeadlessDriver  # tests, TEXTUAL_DRIVER, Windows


class Stream:
    """Stands in for sys.__stderr__: a file number, an encoding, error handling."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self.encoding = "utf-8"
        self.errors = "backslashreplace"

    def fileno(self) -> int:
        return self._fd


def test_output_reaches_the_terminal_when_flushed_in_order() -> None:
    master, slave = pty.openpty()
    try:
        output = TerminalOutput(Stream(slave))
        output.write("\x1b[?1049h")
        output.write("é ─ ok")
        assert select.select([master], [], [], 0.05)[0] == []  # held until the flush
        output.flush()
        assert os.read(master, 100) == "\x1b[?1049hé ─ ok".encode()
        assert not output.gone
    finally:
        os.close(master)
        os.close(slave)


def test_output_to_a_hung_up_terminal_is_dropped_without_an_error() -> None:
    master, slave = pty.openpty()
    os.close(master)  # the terminal window closed: writes now fail with EIO
    try:
        output = TerminalOutput(Stream(slave))
        output.write("a repaint nobody will see")
        output.flush()  # Textual's writer thread died when this raised
        assert output.gone
        output.write("more")
        output.flush()
    finally:
        os.close(slave)
