"""Making a scan of thousands of session files fast, without ever showing stale data.

Parsing a session file with tomllib costs about a millisecond, so 10,000 files
take over ten seconds. Two things avoid the parse; both only ever hold a list of
JSON values (a "row", see `store._to_row`) and are checked before being believed:

- `SummaryCache`: a JSON file per sessions folder in the user's cache folder,
  mapping file name -> (mtime_ns, ctime_ns, size, inode) and the row. A file whose
  stat differs is read again. A missing or corrupt cache is ignored and rewritten.
- A summary line that `seal` appends to files the store writes: a TOML comment
  holding the row and a hash of the rest of the file. A file edited by hand no
  longer matches its hash and is parsed in full, so the line can never lie.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

Stamp = tuple[int, int, int, int]  # mtime_ns, ctime_ns, size, inode
Row = list[Any]

CACHE_VERSION = 2
# Bump when the row's layout changes: older lines are then parsed in full, never misread.
MARK = b"\n\n# tpm-tui-summary/2 "  # after a blank line, at the very end of the file
_HASH_HEX = 32


def stamp_of(stat: os.stat_result) -> Stamp:
    # ctime too: a tool can put the mtime back (touch -d), but not the ctime.
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)


def _digest(body: bytes, payload: bytes) -> str:
    return hashlib.sha256(body + b"\0" + payload).hexdigest()[:_HASH_HEX]


def seal(body: bytes, row: Row) -> bytes:
    """`body` (TOML ending in a newline) and a comment line holding `row` and a hash of both."""
    # ensure_ascii: a raw DEL or other control character is not allowed in a TOML comment.
    payload = json.dumps(row, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return b"".join((body[:-1], MARK, _digest(body, payload).encode("ascii"), b" ", payload, b"\n"))


def unseal(data: bytes) -> Row | None:
    """The row of a summary line that still matches the file, else None."""
    start = data.rfind(MARK)
    if start < 0 or data.find(b"\n", start + len(MARK)) != len(data) - 1:
        return None  # no line, or it is not the last one: something was added by hand
    digest, _, payload = data[start + len(MARK) : -1].partition(b" ")
    if digest != _digest(data[: start + 1], payload).encode("ascii"):
        return None
    try:
        row = json.loads(payload)
    except ValueError:
        return None
    return row if isinstance(row, list) else None


def cache_file(cache_dir: Path, folder: Path) -> Path:
    """One cache per sessions folder, named from a hash of its resolved path."""
    key = hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()[:16]
    return cache_dir / f"summaries-{key}.json"


class SummaryCache:
    def __init__(self, path: Path, folder: Path) -> None:
        self.path = path
        self._folder = str(folder.resolve())
        self._entries = self._read(path)
        self._dirty = False

    def _read(self, path: Path) -> dict[str, list[Any]]:
        try:
            raw = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return {}  # missing or corrupt: start again
        if (
            not isinstance(raw, dict)
            or raw.get("version") != CACHE_VERSION
            or raw.get("folder") != self._folder  # a hash collision, however unlikely
            or not isinstance(raw.get("files"), dict)
        ):
            return {}
        return raw["files"]

    def get(self, name: str, stamp: Stamp) -> Row | None:
        entry = self._entries.get(name)
        # [mtime_ns, ctime_ns, size, inode, row]; anything else is ignored.
        if isinstance(entry, list) and len(entry) == 5 and tuple(entry[:4]) == stamp:
            row = entry[4]
            return row if isinstance(row, list) else None
        return None

    def put(self, name: str, stamp: Stamp, row: Row) -> None:
        self._entries[name] = [*stamp, row]
        self._dirty = True

    def keep_only(self, names: set[str]) -> None:
        """Forget files that are gone, so the cache does not grow forever."""
        gone = self._entries.keys() - names
        for name in gone:
            del self._entries[name]
        self._dirty = self._dirty or bool(gone)

    def save(self) -> None:
        """Write the cache if it changed; a cache that cannot be written is no error."""
        if not self._dirty:
            return
        data = json.dumps(
            {"version": CACHE_VERSION, "folder": self._folder, "files": self._entries},
            separators=(",", ":"),
        ).encode("ascii")
        with contextlib.suppress(OSError, ValueError):
            # The cache holds candidates' names: private folder, 0600 file (mkstemp).
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as file:
                    file.write(data)
                os.replace(temp, self.path)  # no fsync: a cache lost in a crash is rebuilt
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
            self._dirty = False
