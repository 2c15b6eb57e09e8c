"""Leaving on an exit signal within a bounded time, whatever the screen is doing.

On SIGHUP, SIGTERM or SIGINT the app saves the session and exits through
Textual, which restores the terminal. That path has stalled before (a terminal
that hung up mid-repaint once blocked Textual's writer for ever), so the signal
also arms a watchdog thread: if the process is still running at the deadline it
leaves the terminal as it found it, as far as it can without blocking, and ends
the process with `os._exit`.

This module is about the process, not the UI: it never imports Textual.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

# The exit code for each signal the app saves and exits on. SIGHUP and SIGTERM
# are a requested, clean exit (0, as documented); SIGINT is an interrupt: 128 + 2.
EXIT_CODES: dict[int, int] = {signal.SIGHUP: 0, signal.SIGTERM: 0, signal.SIGINT: 130}
# Seconds from the signal to os._exit. The README promises an exit within 2 s: the
# rest is for a loaded host to run the handler and end the process. A final save
# starts well before (0.6 s at worst with eight apps busy on two cores).
EXIT_DEADLINE = 1.2
# A final save still writing at the deadline may finish first, for this long.
SAVE_GRACE = 5.0
# How long restoring the terminal may take before the process ends regardless.
RESTORE_WAIT = 0.2

# What Textual's driver turns on, turned off, in the order its own exit uses.
RESET_SEQUENCES = (
    b"\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"  # mouse reporting off
    b"\x1b[?2004l"  # bracketed paste off
    b"\x1b[?7h"  # line wrap on again
    b"\x1b[?2048l"  # in-band resize reports off
    b"\x1b[<u"  # kitty keyboard protocol off: before leaving the alternate screen
    b"\x1b[?1049l"  # back to the main screen
    b"\x1b[?25h"  # cursor shown
    b"\x1b[?1004l"  # focus reports off
)


class TerminalState:
    """The terminal as the app found it: line settings, and where output goes."""

    def __init__(self, input_fd: int, output_fd: int, attributes: list[Any] | None) -> None:
        self.input_fd = input_fd
        self.output_fd = output_fd
        self.attributes = attributes  # None: not a terminal, nothing to restore

    @classmethod
    def capture(cls, input_fd: int = 0, output_fd: int = 2) -> TerminalState:
        """Read the settings now, before the UI changes them (Textual reads fd 0, writes 2)."""
        try:
            attributes = termios.tcgetattr(input_fd)
        except (termios.error, OSError):
            attributes = None
        return cls(input_fd, output_fd, attributes)

    def restore(self) -> None:
        """Best effort, and never blocking on a terminal nobody reads.

        A terminal that hung up is left alone: there is nobody to restore it for.
        """
        if self.attributes is None or not self.alive():
            return
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(self.input_fd, termios.TCSANOW, self.attributes)
        with contextlib.suppress(OSError):
            write_without_blocking(self.output_fd, RESET_SEQUENCES)

    def alive(self) -> bool:
        """Whether the terminal is still there: it was one, and has not hung up."""
        if self.attributes is None:
            return False
        try:
            termios.tcgetattr(self.input_fd)  # fails once the terminal has hung up
        except (termios.error, OSError):
            return False
        return True


def write_without_blocking(fd: int, data: bytes) -> None:
    """One write that returns at once if the terminal's buffer is full (EAGAIN).

    O_NONBLOCK belongs to the open file, which the shell shares: it is set only
    for this write and put back before anyone else can see it (we are exiting).
    """
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    try:
        os.write(fd, data)
    finally:
        fcntl.fcntl(fd, fcntl.F_SETFL, flags)


class ExitWatchdog:
    """Ends the process `deadline` seconds after an exit signal, if nothing else has.

    The thread is started up front (`start`), so a signal handler only sets a
    flag: starting a thread there could deadlock on a lock the interrupted code
    holds.
    """

    def __init__(self, terminal: TerminalState, deadline: float = EXIT_DEADLINE) -> None:
        self._terminal = terminal
        self._deadline = deadline
        self._code: int | None = None
        # The signal that ended the app (SIGHUP: a hang-up or a take-over), if one did.
        self.signal_number: int | None = None
        self._armed = threading.Event()
        self._saving = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="tpm-exit-watchdog", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def arm(self, code: int) -> bool:
        """Exit with `code` at the deadline; only the first call counts (returns True)."""
        if self._code is not None:
            return False
        self._code = code  # set before the Event: a nested signal returns above
        self._armed.set()
        return True

    def install(self, on_signal: Callable[[int], None]) -> None:
        """Handle each exit signal: arm, then `on_signal(code)` (which saves and exits).

        A Python-level handler, not the event loop's: it runs at the next bytecode
        even while the main thread waits on a lock, which is where a stalled UI
        waits; the loop's own handler would never run then. Main thread only.
        """

        def handler(number: int, _frame: FrameType | None) -> None:
            code = EXIT_CODES[number]
            if self.arm(code):
                self.signal_number = number
                on_signal(code)

        for number in EXIT_CODES:
            signal.signal(number, handler)

    def end_if_signalled(self) -> None:
        """Once the app has left after an exit signal, end the process at once.

        Everything is saved and the terminal restored by then; the interpreter's
        own teardown only costs time (0.2 s idle, a second on a loaded host),
        and the watchdog cannot cut it short: daemon threads stop there.
        """
        if self._code is None:
            return
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # a terminal that hung up, a closed pipe
                stream.flush()
        os._exit(self._code)

    @contextlib.contextmanager
    def saving(self) -> Iterator[None]:
        """Around the final save: the watchdog waits for it (up to SAVE_GRACE)."""
        with self._saving:
            yield

    def _run(self) -> None:
        self._armed.wait()
        time.sleep(self._deadline)
        # Still here: the normal exit is stuck. Never cut a final save short.
        self._saving.acquire(timeout=SAVE_GRACE)
        restoring = threading.Thread(target=self._terminal.restore, daemon=True)
        restoring.start()
        restoring.join(RESTORE_WAIT)
        os._exit(self._code or 0)
