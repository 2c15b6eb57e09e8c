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
   Fix: resume only when Textual's own SIGTSTP handler suspended the app.
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

Every private Textual name the fixes rely on is used in this module only;
tests/e2e/test_driver.py checks each by name against the installed Textual, so an
upgrade that changes one fails there. Each fix can go when Textual fixes its
fault: the notes in that test say how to tell.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import sys
from codecs import getincrementaldecoder
from typing import TYPE_CHECKING, Any, TextIO

from textual._parser import ParseError
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from tpm_tui.widgets.pasteparser import PasteParser

if TYPE_CHECKING:
    from textual.app import App

READ_SIZE = 1024 * 4  # as Textual reads
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
        data = memoryview("".join(self._pending).encode(self._encoding, self._errors))
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
        # Private: LinuxDriver hands `_file` to the WriterThread it starts (fault 2).
        self._file = TerminalOutput(sys.__stderr__)

    def _sigcont_application(self, *_args: object) -> None:
        # Private: Textual's SIGCONT handler, installed by LinuxDriver.__init__ as a
        # bound method, so this override is the one called. `_must_signal_resume`
        # is set exactly while its SIGTSTP handler has the app suspended (fault 1).
        if self._must_signal_resume:
            super()._sigcont_application()

    def run_input_thread(self) -> None:
        """Textual 8.2.8's input loop, but the end of input ends it (fault 3)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        # PasteParser is Textual's escape sequence parser (private), keeping a paste
        # that holds ESC whole (widgets/pasteparser.py).
        parser = PasteParser(self._debug)
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
            with contextlib.suppress(EOFError, ParseError):
                for _event in parser.feed(""):
                    pass

    def _read(self) -> bytes | None:
        """What the terminal sent: b"" at the end of input, None for nothing yet."""
        try:
            return os.read(self.fileno, READ_SIZE)
        except BlockingIOError:
            return None  # O_NONBLOCK set on the shared file for a moment (see shutdown.py)
        except OSError:
            return b""  # EIO: the other end of the pty is closed


def driver_for(chosen: type[Driver]) -> type[Driver]:
    """The driver to run: ours where Textual chose its Linux driver (POSIX terminals)."""
    return TerminalDriver if chosen is LinuxDriver else chosen
