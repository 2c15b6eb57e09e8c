"""One writer per session: an exclusive lock that the operating system lets go of.

A live screen holds `SessionLock` on its session file for as long as it runs. The
lock is `flock` on a hidden file beside the session (`.NAME.toml.lock`, which
review skips like every hidden name), so it is released by the kernel when the
process dies, `kill -9` included: there is never a stale lock to clean up. The
file also says who holds it (host, pid, since when), for the message a second
terminal shows and for taking the session over.

Pure Python, no Textual.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from attrs import frozen

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
MAX_HOLDER_BYTES = 4096
# A look at the lock (home's listing) takes it shared for an instant; someone
# taking it in that instant tries again for this long before calling it held.
ACQUIRE_PATIENCE = 0.25
TAKE_OVER_SECONDS = 5.0  # the holder saves and exits within 2-3 s; then give up


def lock_path(session: Path) -> Path:
    return session.with_name(f".{session.name}.lock")


def this_host() -> str:
    return socket.gethostname()


@frozen
class Holder:
    """Who holds a session open, as its lock file says."""

    pid: int | None
    host: str
    since: datetime | None

    @property
    def here(self) -> bool:
        """On this host, so it can be signalled."""
        return self.host == this_host()

    def describe(self) -> str:
        """`pid 4242 on build-01 since 2026-11-28 10:02 UTC`"""
        who = f"pid {self.pid}" if self.pid is not None else "another process"
        where = f" on {self.host}" if self.host else ""
        when = f" since {self.since:%Y-%m-%d %H:%M} UTC" if self.since else ""
        return who + where + when


UNKNOWN = Holder(None, "", None)


class SessionHeld(Exception):
    """The session is open in another process (`holder`)."""

    def __init__(self, path: Path, holder: Holder) -> None:
        super().__init__(f"{path.name} is open in another terminal ({holder.describe()})")
        self.path = path
        self.holder = holder


class TakeOverFailed(Exception):
    """The holder could not be made to let go; the message is for people."""


class SessionLock:
    """The exclusive lock on one session file, held until `release()` or death."""

    def __init__(self, session: Path, fd: int) -> None:
        self.session = session
        self._fd: int | None = fd

    @classmethod
    def acquire(
        cls,
        session: Path,
        *,
        patience: float = ACQUIRE_PATIENCE,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> SessionLock:
        """Take the lock of `session`, or raise SessionHeld (or OSError: no folder…)."""
        deadline = time.monotonic() + patience
        while True:
            try:
                return cls._try(session, now())
            except SessionHeld:
                if time.monotonic() >= deadline:
                    raise
            time.sleep(0.02)

    @classmethod
    def _try(cls, session: Path, now: datetime) -> SessionLock:
        path = lock_path(session)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _O_CLOEXEC | _O_NOFOLLOW, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise SessionHeld(session, _read_holder(fd)) from None
            # A holder that was releasing may have unlinked the file we opened: then
            # the lock is on a name nobody else will open. Try again on the new file.
            if not _same_file(fd, path):
                os.close(fd)
                return cls._try(session, now)
            record = {"pid": os.getpid(), "host": this_host(), "since": now.isoformat()}
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(record).encode(), 0)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        return cls(session, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __del__(self) -> None:
        # A lock nobody can reach any more is let go, as the OS would at exit.
        self.release()

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Unlink while still holding it, so no one locks a file about to vanish
        # (and `_try` checks the name still leads to the file it locked).
        with contextlib.suppress(OSError):
            if _same_file(fd, lock_path(self.session)):
                lock_path(self.session).unlink()
        os.close(fd)

    def move_to(self, session: Path) -> None:
        """Hold `session` instead (its conflict copy): the new one first, then let go."""
        moved = SessionLock.acquire(session)
        self.release()
        self.session, self._fd = moved.session, moved._fd
        moved._fd = None


def holder_of(session: Path) -> Holder | None:
    """Who holds `session` open right now, or None. Takes no lock for longer than a look."""
    try:
        fd = os.open(lock_path(session), os.O_RDONLY | _O_CLOEXEC | _O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError:
        return UNKNOWN  # another user's lock, a planted link…: someone has it
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_holder(fd)
        except OSError:
            return None  # a file system without locks: nobody can hold one
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def take_over(
    session: Path,
    holder: Holder,
    *,
    timeout: float = TAKE_OVER_SECONDS,
    kill: Callable[[int, int], None] = os.kill,
) -> SessionLock:
    """Ask the holder on this host to save and exit (SIGCONT, then SIGHUP), and take
    the lock once it lets go. Raises TakeOverFailed with a reason for people."""
    if not holder.here:
        raise TakeOverFailed(
            f"It is open on {holder.host or 'another host'}: close it there to go on here."
        )
    if holder.pid is None:
        raise TakeOverFailed("The lock does not say which process holds it.")
    try:
        kill(holder.pid, signal.SIGCONT)  # a stopped process could not act on SIGHUP
        kill(holder.pid, signal.SIGHUP)  # saves, restores its terminal and exits
    except ProcessLookupError:
        pass  # gone already: the lock is free, or about to be
    except PermissionError:
        raise TakeOverFailed(
            f"pid {holder.pid} belongs to another user: it cannot be asked to close."
        ) from None
    deadline = time.monotonic() + timeout
    while True:
        try:
            return SessionLock.acquire(session, patience=0)
        except SessionHeld as error:
            if time.monotonic() >= deadline:
                raise TakeOverFailed(
                    f"{error.holder.describe()} did not close within {timeout:g} s."
                ) from None
        time.sleep(0.05)


def _read_holder(fd: int) -> Holder:
    # The holder writes its record just after locking: give it a moment if empty.
    for _ in range(10):
        try:
            raw = os.pread(fd, MAX_HOLDER_BYTES, 0)
        except OSError:
            return UNKNOWN
        if raw:
            return _parse_holder(raw)
        time.sleep(0.01)
    return UNKNOWN


def _parse_holder(raw: bytes) -> Holder:
    try:
        record = json.loads(raw)
        pid, host, since = record["pid"], record["host"], record["since"]
        return Holder(
            pid if type(pid) is int and pid > 0 else None,
            host if isinstance(host, str) else "",
            datetime.fromisoformat(since).astimezone(UTC) if isinstance(since, str) else None,
        )
    except (ValueError, KeyError, TypeError, OverflowError):
        return UNKNOWN


def _same_file(fd: int, path: Path) -> bool:
    try:
        named = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
