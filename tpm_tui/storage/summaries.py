"""Making a scan of thousands of session files fast, without ever showing stale data.

Parsing a session file with tomllib costs about a millisecond, so 10,000 files
take over ten seconds. Two things avoid the parse; both only ever hold a list of
JSON values (a "row", see `store._to_row`) and are checked before being believed:

- `SummaryCache`: a JSON file per sessions folder in the user's cache folder,
  mapping file name -> (mtime_ns, ctime_ns, size, inode) and the row. A file whose
  stat differs is read again. A missing or corrupt cache is ignored and rewritten.
- A summary line that `seal` appends to files the store writes: a TOML comment
  holding the row and an HMAC of the rest of the file, keyed with a secret of the
  user's own (`summary_key`). A file edited by hand no longer matches it and is
  parsed in full; a forged line (one whose row lies about the file) cannot be made
  without the secret; a file sealed by another user or host is simply parsed in
  full. So the line can never lie.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from tpm_tui.storage.safefile import NotReadable, make_private_folder, read_regular

Stamp = tuple[int, int, int, int]  # mtime_ns, ctime_ns, size, inode
Row = list[Any]

# Bump when the rows or the rules behind them change: an older cache is then dropped.
CACHE_VERSION = 3
# Bump when the row's layout changes: older lines are then parsed in full, never misread.
MARK = b"\n\n# tpm-tui-summary/3 "  # after a blank line, at the very end of the file
_HASH_HEX = 32
_KEY_BYTES = 32
MAX_CACHE_BYTES = 256 * 1024 * 1024  # rows of a million files; bounds a corrupt cache's read
_keys: dict[Path, bytes] = {}


def stamp_of(stat: os.stat_result) -> Stamp:
    # ctime too: a tool can put the mtime back (touch -d), but not the ctime.
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)


def _digest(key: bytes, body: bytes, payload: bytes) -> bytes:
    mac = hmac.new(key, body, hashlib.sha256)
    mac.update(b"\0" + payload)
    return mac.hexdigest()[:_HASH_HEX].encode("ascii")


def seal(body: bytes, row: Row, key: bytes) -> bytes:
    """`body` (TOML ending in a newline) and a comment line holding `row` and an HMAC of both."""
    # ensure_ascii: a raw DEL or other control character is not allowed in a TOML comment.
    payload = json.dumps(row, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return b"".join((body[:-1], MARK, _digest(key, body, payload), b" ", payload, b"\n"))


def unseal(data: bytes, key: bytes) -> Row | None:
    """The row of a summary line that still matches the file and was sealed with `key`."""
    start = data.rfind(MARK)
    if start < 0 or data.find(b"\n", start + len(MARK)) != len(data) - 1:
        return None  # no line, or it is not the last one: something was added by hand
    digest, _, payload = data[start + len(MARK) : -1].partition(b" ")
    if not hmac.compare_digest(digest, _digest(key, data[: start + 1], payload)):
        return None
    try:
        row = json.loads(payload)
    except ValueError:
        return None
    return row if isinstance(row, list) else None


def summary_key(path: Path) -> bytes:
    """The secret kept in `path` (0600), made on first use; read once per process.

    When it cannot be kept (a read-only home, a file not ours), a secret for this
    process alone: its summary lines then only help this process, and every other
    one parses those files in full, which is slower but right.
    """
    if (key := _keys.get(path)) is None:
        try:
            key = _read_key(path) or _make_key(path)
        except OSError:
            key = os.urandom(_KEY_BYTES)
        _keys[path] = key
    return key


def _read_key(path: Path) -> bytes | None:
    """The key in `path`; None when there is none, or one others could read (replace it).

    Raises OSError for a key file that is not ours: it is left alone.
    """
    try:
        data, info = read_regular(path, 2 * _KEY_BYTES)
    except NotReadable:
        return None
    if info.st_uid != os.getuid():
        raise OSError(f"{path} belongs to someone else")
    try:
        key = bytes.fromhex(data.decode("ascii"))
    except ValueError:
        return None
    # A key others could read lets them forge: a new one makes every old line void.
    private = not stat.S_IMODE(info.st_mode) & 0o077
    return key if private and len(key) == _KEY_BYTES else None


def _make_key(path: Path) -> bytes:
    """Write a new key atomically; a concurrent first use ends up with the same one."""
    make_private_folder(path.parent)
    key = os.urandom(_KEY_BYTES)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")  # 0600
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(key.hex().encode("ascii"))
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temp, path)  # never over a key another process just made
        except FileExistsError:
            if (theirs := _read_key(path)) is not None:
                return theirs
            os.replace(temp, path)  # the one there is unusable
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    return key


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

    def _read(self, path: Path) -> dict[str, object]:
        try:
            data, _ = read_regular(path, MAX_CACHE_BYTES)
            raw = json.loads(data) if len(data) <= MAX_CACHE_BYTES else None
        except (NotReadable, ValueError, RecursionError):
            return {}  # missing or corrupt (or a FIFO, or nested without end): start again
        if (
            not isinstance(raw, dict)
            or raw.get("version") != CACHE_VERSION
            or raw.get("folder") != self._folder  # a hash collision, however unlikely
            or not isinstance(files := raw.get("files"), dict)
        ):
            return {}
        return files  # each entry is checked when it is read (`get`)

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
            make_private_folder(self.path.parent)
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
