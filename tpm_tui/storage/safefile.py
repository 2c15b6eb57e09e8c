"""Reading files that may be hostile, and making private folders.

A sessions folder is shared, synced and edited by hand, so a name ending in
`.toml` may be a FIFO (opening it for reading waits for a writer for ever), a
device (`/dev/zero` never ends), a folder, or a link that loops or leads nowhere.
`read_regular` opens only regular files, never blocks, and reads a bounded
amount; `kind_of` says in words what anything else is.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the stat: open returns at once
    | getattr(os, "O_NOCTTY", 0)  # a terminal device never becomes ours
    | getattr(os, "O_CLOEXEC", 0)
)
_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


class NotReadable(Exception):
    """A file that is not read; the message says why, for people ("is a FIFO…")."""


def kind_of(mode: int) -> str:
    """`a folder`, `a FIFO`, `a device`…: what a non-regular file is."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def stat_reason(path: Path, error: OSError) -> str:
    """Why `os.stat(path)` failed, in words: a loop, a dangling link (told by lstat)…"""
    if error.errno == errno.ELOOP:
        return "is a symbolic link that loops"
    if isinstance(error, FileNotFoundError):
        try:
            os.lstat(path)
        except OSError:
            return "no such file"
        return "is a symbolic link to a file that does not exist"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot be read: {error.strerror or error}"


def check_regular(path: Path, what: str = "a file") -> os.stat_result:
    """The stat of `path` (links followed) when it is a regular file; else NotReadable."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise NotReadable(stat_reason(path, error)) from None
    except ValueError:  # a NUL in the name
        raise NotReadable("no such file") from None
    if not stat.S_ISREG(info.st_mode):
        raise NotReadable(f"is {kind_of(info.st_mode)}, not {what}")
    return info


def read_regular(path: Path, limit: int, what: str = "a file") -> tuple[bytes, os.stat_result]:
    """At most `limit + 1` bytes of the regular file `path`, and its stat (of the fd read).

    Never opens a FIFO, device, socket or folder (stat first, then fstat the fd, in
    case it was swapped in between), so it never blocks nor reads without end.
    The caller tells an oversized file by `len(data) > limit`.
    """
    check_regular(path, what)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise NotReadable(stat_reason(path, error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(f"is {kind_of(info.st_mode)}, not {what}")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise NotReadable(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    return b"".join(chunks), info


def tighten(path: Path, keep: int) -> int | None:
    """Take from `path` every permission bit not in `keep` (0o700: the owner's).

    Never through a symbolic link (O_NOFOLLOW: the link's target is someone
    else's business). Returns the mode it had when it changed it, None when there
    was nothing to do; raises OSError when it cannot (not ours, read-only).
    """
    fd = os.open(path, _OPEN_FLAGS | getattr(os, "O_NOFOLLOW", 0))
    try:
        mode = stat.S_IMODE(os.fstat(fd).st_mode)
        if not mode & ~keep:
            return None
        os.fchmod(fd, mode & keep)
    finally:
        os.close(fd)
    return mode


def make_private_folder(folder: Path) -> list[Path]:
    """Make `folder` and any missing parent with mode 0700, whatever the umask.

    `Path.mkdir(mode, parents=True)` gives the parents it creates the umask's mode
    (0755 under the usual 022): a data folder others can list. Returns the
    folders made, outermost first. An existing folder is left as it is.
    """
    missing: list[Path] = []
    here = Path(folder)
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    made: list[Path] = []
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue  # another process made it meanwhile
        os.chmod(path, 0o700)  # the umask may have taken bits away, even the owner's
        made.append(path)
    if not missing and not Path(folder).is_dir():
        os.mkdir(folder)  # raises FileExistsError, as mkdir(exist_ok=True) does
    return made
