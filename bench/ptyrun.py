"""Run a program in a pseudo-terminal, as a user's terminal would: the one harness
shared by the pty tests (tests/ptyharness.py imports it) and bench/tui.py.

The child gets a new session with the pty as its controlling terminal (so closing
the master end sends it SIGHUP, like a dropped SSH link), a fixed window size,
and stdin, stdout and stderr on the pty. A reader thread timestamps every chunk
the child writes and feeds it to a `pyte` screen, so callers can wait for text
to be *visible* rather than grepping raw escape sequences.
"""

from __future__ import annotations

import bisect
import contextlib
import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyte

# What a terminal sends for the key names used by the tests and the bench.
KEYS: Mapping[str, str] = {
    "escape": "\x1b",
    "enter": "\r",
    "space": " ",
    "tab": "\t",
    "backspace": "\x7f",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "ctrl+s": "\x13",
    "ctrl+q": "\x11",
    "ctrl+p": "\x10",
}
# A lone ESC is only reported as the escape key after Textual's ESCDELAY (100 ms)
# plus one input poll (100 ms); anything sent sooner would turn it into alt+key.
ESCAPE_PAUSE = 0.3

# Forks one at a time: a master end inherited by another child would keep that
# pty open after close_master(), so its hang-up (SIGHUP) would never come.
_FORK_LOCK = threading.Lock()

_ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def strip_ansi(data: bytes) -> str:
    """Raw output with escape sequences removed: for error text after the app left."""
    return _ANSI.sub(b"", data).decode("utf-8", "replace")


class PtyProcess:
    """One child process on a pty of `cols` x `rows`."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cols: int = 80,
        rows: int = 24,
        env: Mapping[str, str] | None = None,
        cwd: str | Path | None = None,
    ) -> None:
        self.argv = list(argv)
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self._raw = bytearray()
        self.chunks: list[tuple[float, int]] = []  # (monotonic time read, byte count)
        self._changed = threading.Condition()
        self._eof = False
        self.status: int | None = None  # the raw wait status once reaped
        environment = dict(os.environ if env is None else env)
        self.started = time.monotonic()
        with _FORK_LOCK:
            pid, fd = pty.fork()
            if pid == 0:  # the child: only async-signal-safe calls until exec
                try:
                    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                    if cwd is not None:
                        os.chdir(cwd)
                    os.execvpe(self.argv[0], self.argv, environment)
                finally:
                    os._exit(127)
            os.set_inheritable(fd, False)  # pty.fork() leaves the master inheritable
        self.pid, self.fd = pid, fd
        self._master_open = True
        self._reader = threading.Thread(target=self._read_loop, name="pty-reader", daemon=True)
        self._reader.start()

    # --- output --------------------------------------------------------------

    def _read_loop(self) -> None:
        fd = self.fd
        while self._master_open:  # checked every 50 ms: close_master() joins this thread
            try:
                ready, _, _ = select.select([fd], [], [], 0.05)
            except (OSError, ValueError):
                break  # the master was closed under us
            if not ready:
                continue
            with self._changed:  # close_master() closes under this lock: never a reused fd
                if not self._master_open:
                    break
                try:
                    data = os.read(fd, 65536)
                except OSError as error:
                    if error.errno not in (errno.EIO, errno.EBADF):
                        raise
                    data = b""  # EIO: every slave end is closed (the child is gone)
                if not data:
                    break
                self.chunks.append((time.monotonic(), len(data)))
                self._raw += data
                self._stream.feed(data)
                self._changed.notify_all()
        with self._changed:
            self._eof = True
            self._changed.notify_all()

    @property
    def raw(self) -> bytes:
        with self._changed:
            return bytes(self._raw)

    @property
    def eof(self) -> bool:
        return self._eof

    def text(self) -> str:
        """What the terminal shows now, one line per row."""
        with self._changed:
            return "\n".join(line.rstrip() for line in self.screen.display)

    def line(self, row: int) -> str:
        with self._changed:
            return self.screen.display[row].rstrip()

    def wait_for(self, needle: str | re.Pattern[str], timeout: float = 20.0) -> float:
        """Wait until `needle` is on screen; returns when the chunk that showed it arrived.

        Raises TimeoutError with the screen's text when it does not appear in time.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                shown = "\n".join(self.screen.display)
                found = (
                    needle.search(shown) if isinstance(needle, re.Pattern) else needle in shown
                )
                if found:
                    return self.chunks[-1][0] if self.chunks else time.monotonic()
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    break
                self._changed.wait(min(left, 0.5))
        raise TimeoutError(f"{needle!r} not shown within {timeout} s; the screen:\n{self.text()}")

    def wait_quiet(self, quiet: float = 0.5, timeout: float = 10.0) -> None:
        """Wait until nothing has been written for `quiet` seconds (a settled screen)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._changed:
                last = self.chunks[-1][0] if self.chunks else self.started
            if time.monotonic() - last >= quiet:
                return
            time.sleep(0.05)

    def bytes_between(self, start: float, end: float) -> int:
        with self._changed:
            return sum(size for at, size in self.chunks if start <= at < end)

    def first_chunk_after(self, moment: float, timeout: float = 5.0) -> float | None:
        """When the first output after `moment` arrived, or None within `timeout`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                index = bisect.bisect_left(self.chunks, (moment, 0))
                if index < len(self.chunks):
                    return self.chunks[index][0]
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    return None
                self._changed.wait(min(left, 0.5))

    # --- input ---------------------------------------------------------------

    def write(self, data: str | bytes) -> float:
        """Send raw input; returns the moment it was written."""
        payload = data.encode() if isinstance(data, str) else data
        moment = time.monotonic()
        os.write(self.fd, payload)
        return moment

    def press(self, *keys: str, gap: float = 0.05) -> None:
        """Send keys by name ("escape", "up", "ctrl+s") or as literal characters."""
        for key in keys:
            self.write(KEYS.get(key, key))
            time.sleep(ESCAPE_PAUSE if key == "escape" else gap)

    def type(self, text: str, gap: float = 0.01) -> None:
        for character in text:
            self.write(character)
            time.sleep(gap)

    # --- the process ---------------------------------------------------------

    def memory_kb(self) -> dict[str, int]:
        """VmRSS and VmHWM (peak RSS) of the child, in kB, from /proc."""
        found: dict[str, int] = {}
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                name, _, value = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    found[name] = int(value.split()[0])
        except OSError:
            pass
        return found

    def resize(self, cols: int, rows: int) -> None:
        """Resize the window, as dragging a terminal's edge does (the child gets SIGWINCH)."""
        with self._changed:
            self.cols, self.rows = cols, rows
            self.screen.resize(rows, cols)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def poll(self) -> int | None:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
        return self.status

    def wait(self, timeout: float = 10.0) -> int | None:
        """The wait status once the child exits, or None if it is still running."""
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.02)
        return self.status

    @property
    def exit_code(self) -> int | None:
        """The exit code, or minus the signal number that ended it (as subprocess does)."""
        if self.status is None:
            return None
        if os.WIFSIGNALED(self.status):
            return -os.WTERMSIG(self.status)
        return os.WEXITSTATUS(self.status)

    def wait_eof(self, timeout: float = 5.0) -> bool:
        """Wait until all output has been read (the child closed the pty)."""
        self._reader.join(timeout)
        return not self._reader.is_alive()

    def close_master(self) -> None:
        """Hang up, like a closed terminal window: the kernel sends SIGHUP to the child.

        Only once: a second close could close a file that reused the number.
        """
        with self._changed:
            if self._master_open:
                self._master_open = False
                with contextlib.suppress(OSError):
                    os.close(self.fd)
        self._reader.join(2)

    def close(self) -> None:
        """Make sure the child is gone and the pty closed (for cleanup after a test)."""
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.wait(5)
        self.close_master()

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def terminal_env(home: str | Path, **extra: str) -> dict[str, str]:
    """A clean environment for a child app: a real TERM, a private HOME."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TPM_TUI_SESSIONS", "SSH_CONNECTION", "TPM_TUI_CURSOR_BLINK"}
        and not key.startswith(("TEXTUAL", "PYTEST", "XDG_"))
    }
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        HOME=str(home),
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    env.update(extra)
    return env
