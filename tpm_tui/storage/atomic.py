"""Writing files that hold personal data: never torn, never over another file.

`write_bytes` replaces a file so that a crash leaves the old text or the new,
never a mix (a symlink in its place is replaced, never followed); `create_new`
and `create_exclusive` make a new file (0600) that never overwrites one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

MAX_SUFFIX = 1000
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NAME_MAX_BYTES = 255  # a file name's length limit on Linux and macOS file systems
# What is added to a name made by create_new: "-999" on a clash, write_bytes's
# temporary ".NAME.XXXXXXXX.tmp", and a margin for names made beside it (a
# conflict copy, a lock). A longer name is created, then every save fails.
_NAME_ROOM = len(f"-{MAX_SUFFIX - 1}") + len("..XXXXXXXX.tmp") + 40


def write_bytes(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, flush and fsync, rename over, fsync the folder."""
    # mkstemp creates the file 0600: session files hold personal data. Hidden (review
    # skips it) and named after the file, cut so that a long name still has a temp.
    prefix = "." + _fit(path.name, "") + "."
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable: the folder entry must reach the disk too."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def create_new(folder: Path, stem: str, suffix: str, content: Callable[[str], bytes]) -> Path:
    """Create `stem + suffix` in `folder`, or `stem-2 + suffix`… when taken; mode 0600.

    `content` gets the name chosen (without suffix) and returns the bytes, which
    may mention it (a session holds its own id). A half-written file is removed.
    A stem too long to leave room for the names made from it is cut (in bytes).
    """
    stem = _fit(stem, suffix)
    for number in range(1, MAX_SUFFIX):
        name = stem if number == 1 else f"{stem}-{number}"
        path = folder / f"{name}{suffix}"
        try:
            fd = _open_new(path)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(f"{MAX_SUFFIX} files named {stem!r} already exist in {folder}")
    _fill(fd, path, lambda: content(name))
    fsync_folder(folder)
    return path


def create_exclusive(path: Path, data: bytes) -> None:
    """Create `path` (0600) holding `data`; FileExistsError when anything is there.

    Nothing is followed or replaced: not a file, not a symlink (even a dangling
    one, which would otherwise create its target). A half-written file is removed.
    """
    _fill(_open_new(path), path, lambda: data)
    fsync_folder(path.parent)


def _open_new(path: Path) -> int:
    # O_EXCL: an existing file, or a symlink planted in its place, is never opened.
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | _O_NOFOLLOW | _O_CLOEXEC
    return os.open(path, flags, 0o600)


def _fill(fd: int, path: Path, content: Callable[[], bytes]) -> None:
    """Write `content()` to the new file `fd` (at `path`), fsync and close it."""
    try:
        view = memoryview(content())
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()  # ours and half-written: leave nothing that looks complete
        raise
    os.close(fd)


def _fit(stem: str, suffix: str) -> str:
    """`stem`, cut at a character so that any name made from it fits NAME_MAX_BYTES."""
    budget = NAME_MAX_BYTES - _NAME_ROOM - len(os.fsencode(suffix))
    data = os.fsencode(stem)
    if len(data) <= budget:
        return stem
    return data[:budget].decode("utf-8", "ignore").rstrip("-")
