"""The terminal driver: Textual 8.2.8's LinuxDriver, made safe when the terminal goes.

A closed terminal window or a dropped SSH link hangs the pty up. With output
pending at that moment, about one app in four never exited, some spinning two
threads at 100% CPU (issue 14.8). Three faults in the driver, all fixed here:

1. SIGCONT restarts application mode on top of the running one. The kernel
   sends SIGCONT with the SIGHUP of a hang-up, and a take-over (`resume` of a
   session held elsewhere) sends SIGCONT before SIGHUP. Textual's handler then
   starts a second input thread and a second writer. On exit only the second
   input thread is joined and the shared exit event is cleared again, so the
   first may never see it: it is not a daemon, and the process never ends.
   Fix: resume only after a SIGTSTP that Textual's own handler took (it
   suspends the app then).
2. The writer thread dies on its first write to a hung-up terminal (EIO).
   Its queue holds 30 writes; the next one blocks the main thread for ever.
   Fix: write through `TerminalOutput`, which never raises and drops
   everything once the terminal is gone, so the writer keeps draining.
3. The input thread spins on a hung-up terminal: select() reports it
   readable, read() returns end of file, and the loop selects again at once,
   until the exit event is set, which a blocked main thread never does.
   Fix: stop reading at end of input and send this process SIGHUP, as the
   kernel does for a session leader, so the app saves and exits even when it
   is not the one the kernel told (run from a wrapper shell, say).

This module names no private Textual API: the ones the fixes rely on (the
writer's file, Textual's parser) are reached through tpm_tui/textual_internals.py,
and fault 1 is fixed by wrapping the signal handlers LinuxDriver installs.
tests/ui/test_textual_internals.py checks each against the installed Textual and
fingerprints the LinuxDriver code these fixes copy or lean on, so an upgrade
that changes one fails there by name; its notes say when each fix can go. When
an internal is gone, the fix it serves steps aside: Textual's own writer, input
loop and parser run as in plain Textual.
"""

from __future__ import annotations

import os
import re
import selectors
import signal
import sys
from codecs import getincrementaldecoder
from typing import TYPE_CHECKING, Any, TextIO

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from tpm_tui.textual_internals import end_of_input, new_xterm_parser, set_driver_output
from tpm_tui.widgets.pasteparser import PasteParser

if TYPE_CHECKING:
    from textual.app import App

READ_SIZE = 1024 * 4  # as Textual reads
# Cursor moves with nothing between them: only the last one does anything.
# Textual ends each small repaint with two (past the cells it drew, then where
# the cursor rests): 7 of the ~60 bytes the countdown sends every second.
_MOVES_IN_A_ROW = re.compile(r"(?:\x1b\[\d+;\d+H)+(\x1b\[\d+;\d+H)")
FLUSH_AT = 64 * 1024  # characters held before writing them anyway (a file buffer's job)


class TerminalOutput:
    """The file Textual's writer thread writes to: the terminal, or nothing once it is gone.

    Textual writes to `sys.__stderr__`: a write that fails there kills its
    writer thread (fault 2), and what it buffered makes the interpreter's final
    flush fail too (exit status 120). This writes the same bytes with
    `os.write` when the writer flushes, and after the first failure (EIO: the
    terminal hung up) drops everything without raising.
    """

    def __init__(self, stream: TextIO) -> None:
        self._fd = stream.fileno()
        self._encoding = stream.encoding or "utf-8"
        self._errors = stream.errors or "strict"
        self._pending: list[str] = []
        self._pending_size = 0
        self.gone = False  # a write failed: nobody is reading any more

    def fileno(self) -> int:
        return self._fd

    def write(self, text: str) -> int:
        if not self.gone:
            self._pending.append(text)
            self._pending_size += len(text)
            if self._pending_size >= FLUSH_AT:
                self.flush()
        return len(text)

    def flush(self) -> None:
        if self.gone or not self._pending:
            return
        text = _MOVES_IN_A_ROW.sub(r"\1", "".join(self._pending))
        data = memoryview(text.encode(self._encoding, self._errors))
        self._pending.clear()
        self._pending_size = 0
        try:
            while data:  # blocking, as before: a slow link slows the app, drops nothing
                data = data[os.write(self._fd, data) :]
        except OSError:
            self.gone = True


class TerminalDriver(LinuxDriver):
    """LinuxDriver with the three hang-up faults above fixed."""

    def __init__(
        self,
        app: App[Any],
        *,
        debug: bool = False,
        mouse: bool = True,
        size: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self.debug_keys = debug  # Textual's parser logs keys to keys.log
        # The file the writer thread writes to (fault 2).
        stderr = sys.__stderr__
        if stderr is None:  # the command line says so first (commands.app._check_terminal_streams)
            raise RuntimeError("stderr is closed: there is nowhere to draw the screen")
        set_driver_output(self, TerminalOutput(stderr))
        self._resume_on_sigcont()

    def _resume_on_sigcont(self) -> None:
        """Fault 1: let Textual's SIGCONT handler run only after a SIGTSTP it took.

        LinuxDriver.__init__ has just installed both handlers; wrap them. Its
        SIGTSTP handler suspends the app, then stops the process; the SIGCONT
        that continues it is the one that must resume. Any other SIGCONT (a
        hang-up's, a take-over's, `kill -CONT`) changes nothing.
        """
        on_stop, on_cont = signal.getsignal(signal.SIGTSTP), signal.getsignal(signal.SIGCONT)
        if not (callable(on_stop) and callable(on_cont)):
            return  # Textual no longer installs them: nothing to guard
        stopped = False

        def stop(number: int, frame: Any) -> None:
            nonlocal stopped
            stopped = True  # before the process stops inside Textual's handler
            on_stop(number, frame)

        def cont(number: int, frame: Any) -> None:
            nonlocal stopped
            if stopped:
                stopped = False
                on_cont(number, frame)

        signal.signal(signal.SIGTSTP, stop)
        signal.signal(signal.SIGCONT, cont)

    def run_input_thread(self) -> None:
        """Textual 8.2.8's input loop, but the end of input ends it (fault 3)."""
        textuals = new_xterm_parser(self.debug_keys)
        if textuals is None:  # moved by an upgrade: Textual's own loop and parser
            super().run_input_thread()
            return
        # Keeps a paste that holds ESC whole (widgets/pasteparser.py).
        parser = PasteParser(textuals)
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        decode = getincrementaldecoder("utf-8")().decode

        def process(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> bool:
            """Send the app what `ready` holds; False at the end of input."""
            for index, (_key, mask) in enumerate(ready):
                if mask & selectors.EVENT_READ:
                    data = self._read()
                    if data == b"":
                        return False
                    last = index == len(ready) - 1
                    text = decode(data or b"", final=final and last)
                    if text:  # never "" (half a character): the parser takes it for the end
                        for event in parser.feed(text):
                            self.process_message(event)
            for event in parser.tick():
                self.process_message(event)
            return True

        try:
            while not self.exit_event.is_set():
                if not process(selector.select(0.1)):
                    # Nothing will ever be read again: leave as on a hang-up (saving first).
                    os.kill(os.getpid(), signal.SIGHUP)
                    return
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            end_of_input(parser)

    def _read(self) -> bytes | None:
        """What the terminal sent: b"" at the end of input, None for nothing yet."""
        try:
            return os.read(self.fileno, READ_SIZE)
        except BlockingIOError:
            return None  # O_NONBLOCK set on the shared file for a moment (see shutdown.py)
        except OSError:
            return b""  # EIO: the other end of the pty is closed


def driver_for(chosen: type[Driver]) -> type[Driver]:
    """The driver to run: ours where Textual chose its Linux driver (POSIX terminals)
    or its web driver (a browser tab, tpm_tui/webdriver.py)."""
    if chosen is LinuxDriver:
        return TerminalDriver
    from textual.drivers.web_driver import WebDriver

    if chosen is WebDriver:
        from tpm_tui.webdriver import WebPageDriver

        return WebPageDriver
    return chosen
