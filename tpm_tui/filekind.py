"""What a path names, before anything opens it: reading only regular files, bounded.

Pure Python, no Textual. Opening a FIFO for reading blocks until a writer comes
(`validate fifo` hung for ever), reading a device such as /dev/zero never ends
(memory grew by 1 GB/s), and opening some devices does something by itself. So
the kind is checked with `os.stat` before opening, the file is opened
non-blocking and checked again on the open descriptor (it may have been swapped
in between), and at most a bounded number of bytes is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISREG, "a regular file"),
)


class NotAFile(Exception):
    """The path exists but names no regular file; `what` says what it is instead
    ("a FIFO", "a symbolic link to a missing file"…), to be shown as `is {what}`."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path}: is {what}")
        self.path = path
        self.what = what


def kind_name(mode: int) -> str:
    """The kind of file a `st_mode` describes: "a folder", "a FIFO"…"""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "an unknown kind of file"


def check_regular(path: Path) -> os.stat_result:
    """The stat of the regular file at `path` (symbolic links followed), opening nothing.

    Raises FileNotFoundError when nothing is there, NotAFile when something else
    is (a folder, FIFO, device, dangling link, link loop), and other OSErrors
    (PermissionError…) as they come.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):  # the link is there, what it points to is not
            raise NotAFile(path, "a symbolic link to a missing file") from None
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotAFile(path, "a symbolic link loop") from None
        raise
    if not stat.S_ISREG(info.st_mode):
        raise NotAFile(path, kind_name(info.st_mode))
    return info


def read_regular(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """At most `limit + 1` bytes of the regular file at `path` (one more than the
    limit, so a caller can tell a file that is too large), and the fstat of the
    very file read. Raises as `check_regular` does; never blocks, never reads a
    device."""
    check_regular(path)
    fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped after the check
            raise NotAFile(path, kind_name(info.st_mode))
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks), info
