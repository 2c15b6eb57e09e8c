"""tpm_tui/driver.py: the driver is ours only on POSIX terminals, SIGCONT resumes only
after a stop, and its output file survives a terminal that hung up.

The Textual code the driver copies or leans on is fingerprinted, with every other
internal, in tests/ui/test_textual_internals.py.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
from collections.abc import Iterator

import pytest
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver

from tpm_tui.driver import TerminalDriver, TerminalOutput, driver_for
from tpm_tui.webdriver import WebPageDriver

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX driver")


def test_the_driver_is_ours_only_where_textual_chose_its_linux_or_web_driver() -> None:
    assert driver_for(LinuxDriver) is TerminalDriver
    assert driver_for(WebDriver) is WebPageDriver  # a browser tab (tests/e2e/test_web_driver.py)
    assert driver_for(HeadlessDriver) is HeadlessDriver  # tests, TEXTUAL_DRIVER, Windows


@pytest.fixture
def job_control_handlers() -> Iterator[None]:
    """A driver installs SIGTSTP and SIGCONT handlers for the process: put them back."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


async def test_sigcont_resumes_only_after_a_stop(
    job_control_handlers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fault 1: a hang-up's or a take-over's SIGCONT must not start application
    # mode again on top of the running one; `fg` after ctrl+z must.
    stops: list[int] = []
    resumes: list[int] = []
    # Textual's SIGTSTP handler, minus the SIGSTOP that would stop this test.
    monkeypatch.setattr(LinuxDriver, "_sigtstp_application", lambda _self, *_: stops.append(1))
    monkeypatch.setattr(LinuxDriver, "resume_application_mode", lambda _self: resumes.append(1))
    driver = TerminalDriver(App())
    assert isinstance(driver._file, TerminalOutput)  # fault 2: the writer's file is ours
    on_stop, on_cont = signal.getsignal(signal.SIGTSTP), signal.getsignal(signal.SIGCONT)
    assert callable(on_stop) and callable(on_cont)
    on_cont(signal.SIGCONT, None)  # `kill -CONT`, a hang-up, a take-over
    assert resumes == []
    on_stop(signal.SIGTSTP, None)  # ctrl+z: Textual suspends the app and stops
    on_cont(signal.SIGCONT, None)  # fg
    assert (stops, resumes) == ([1], [1])
    on_cont(signal.SIGCONT, None)
    assert resumes == [1]


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


def test_a_cursor_move_straight_after_another_is_all_that_is_sent() -> None:
    # Each second the countdown repaints 4 cells; Textual then moves the cursor
    # past them and at once to where it rests: 7 of the ~60 bytes did nothing.
    master, slave = pty.openpty()
    try:
        output = TerminalOutput(Stream(slave))
        output.write("\x1b[1;33H\x1b[38;2;224;224;224m9:57\x1b[0m\x1b[1;37H")
        output.write("\x1b[2;2H")  # the moves may come in separate writes
        output.write("x\x1b[4;1H\x1b[?25l\x1b[5;1H")  # not with anything between
        output.flush()
        assert os.read(master, 200) == (
            b"\x1b[1;33H\x1b[38;2;224;224;224m9:57\x1b[0m\x1b[2;2Hx\x1b[4;1H\x1b[?25l\x1b[5;1H"
        )
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
