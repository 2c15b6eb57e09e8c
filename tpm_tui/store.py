"""The sessions folder: creating, saving, loading and listing session files.

Pure Python (no Textual). The SPEC's promises about data live here: a private
folder (0700) and files (0600), exclusive create with a numeric suffix on a clash,
file names that never leave the folder, atomic saves, and a listing that shows a
broken file as unreadable instead of failing. Listing 10,000 files is kept fast
by `cache.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from attrs import frozen

from tpm_tui import atomic
from tpm_tui.cache import Row, Stamp, SummaryCache, cache_file, seal, stamp_of, unseal
from tpm_tui.models import SESSION_FORMAT, Session, utc_now
from tpm_tui.sessionfile import SessionFileError, dump, from_toml, to_data
from tpm_tui.slug import session_stem

APP_NAME = "tpm-tui"
SESSIONS_ENV = "TPM_TUI_SESSIONS"
MAX_FILE_BYTES = 16 * 1024 * 1024  # far beyond any real session; stops a huge file hanging review
_FORMAT_LINE = f'format = "{SESSION_FORMAT}"\n'.encode()
_UTF8_BOM = b"\xef\xbb\xbf"


@frozen
class SessionSummary:
    """What a review table row needs, cheap to cache."""

    path: Path
    id: str
    kind: str
    status: str
    created_at: datetime
    updated_at: datetime
    candidate: str
    role: str
    seniority: str | None
    interviewer: str | None
    questions: int
    areas_covered: int
    areas_total: int
    average_rating: float | None
    recommendation: str | None
    minutes: int
    elapsed_seconds: int
    question_ids: tuple[str, ...]
    current: int = 0  # the question on screen when it stopped: "Q2/3" on home


@frozen
class Unreadable:
    """A file that could not be read: listed with the reason, never a crash."""

    path: Path
    reason: str


Listing = SessionSummary | Unreadable


def summarize(session: Session, path: Path) -> SessionSummary:
    return SessionSummary(
        path=path,
        id=session.id,
        kind=session.kind,
        status=session.status,
        # The file holds UTC (sessionfile converts the same way), so cached and parsed agree.
        created_at=session.created_at.astimezone(UTC),
        updated_at=session.updated_at.astimezone(UTC),
        candidate=session.candidate.name,
        role=session.candidate.role,
        seniority=session.candidate.seniority,
        interviewer=session.interviewer.name if session.interviewer else None,
        questions=len(session.questions),
        areas_covered=session.areas_covered,
        areas_total=session.areas_total,
        average_rating=session.average_rating,
        recommendation=session.outcome.recommendation if session.outcome else None,
        minutes=session.minutes,
        elapsed_seconds=session.elapsed_seconds,
        question_ids=tuple(q.id for q in session.questions),
        current=session.current,
    )


@frozen
class Snapshot:
    """A session as it stood at one moment, ready to be written by any thread.

    Taken on the UI thread (cheap: plain values, strings shared); `text()` does the
    slow part (TOML and the summary line), so a worker can write a 10 MB note
    without stalling the screen.
    """

    data: dict[str, Any]
    row: Row

    def text(self) -> str:
        text = dump(self.data)
        try:
            body = text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate is not text and UTF-8 cannot hold it: save the rest, unsealed.
            return text.encode("utf-8", "replace").decode("utf-8")
        return seal(body, self.row).decode("utf-8")


def snapshot(session: Session) -> Snapshot:
    return Snapshot(to_data(session), _to_row(summarize(session, Path())))


def render(session: Session) -> str:
    """The file's text: the TOML and a summary line that lets a listing skip the parse.

    Writers other than `SessionStore` should write this rather than `to_toml`, or
    their files are parsed in full on every cold listing.
    """
    return snapshot(session).text()


def digest(data: bytes) -> str:
    """What a file's content is, to tell whether it changed since it was read."""
    return hashlib.sha256(data).hexdigest()


class ChangedOnDisk(Exception):
    """The file is no longer what this process last read or wrote: not replaced."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} changed on disk since this terminal last saved it")
        self.path = path


CONFLICT_MARK = "-conflict"  # in the name of a copy saved beside a file that changed


def default_sessions_dir(env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Path:
    """SPEC: $TPM_TUI_SESSIONS, else ./sessions when it exists, else the user's data folder."""
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    if configured := env.get(SESSIONS_ENV):
        return cwd / Path(configured).expanduser()  # an absolute path replaces cwd
    if (cwd / "sessions").is_dir():
        return cwd / "sessions"
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "sessions"


class SessionStore:
    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        # No I/O here: a store made just to load one file touches nothing else.
        self.folder = Path(folder)
        self.cache_dir = cache_dir

    # --- Writing ---------------------------------------------------------------

    def create(self, session: Session) -> Path:
        """Write a new session's file, never over another; sets `session.id` to its name."""
        self._ensure_folder()
        stem = session_stem(session.created_at, session.candidate.name)

        def content(name: str) -> bytes:
            session.id = name
            return render(session).encode("utf-8")

        return atomic.create_new(self.folder, stem, ".toml", content)

    def save(self, session: Session, path: Path) -> None:
        """Replace `path` with `session`, whatever is there (tests and tools)."""
        session.updated_at = utc_now()
        self.write(path, render(session))

    def write(self, path: Path, text: str, expected: str | None = None) -> str:
        """Replace `path` atomically with `text`; returns the digest of what is now on disk.

        With `expected` (the digest of what this process last read or wrote), a
        file that changed since is never replaced: ChangedOnDisk. A file deleted
        since is written again. A sessions folder deleted under a running session
        is made again. On OSError the old file is intact (callers retry).
        """
        data = text.encode("utf-8")
        if expected is not None and self.digest_of(path) not in (None, expected):
            raise ChangedOnDisk(path)
        try:
            atomic.write_bytes(path, data)
        except FileNotFoundError:
            if Path(path).parent.absolute() != self.folder.absolute():
                raise
            self._ensure_folder()
            atomic.write_bytes(path, data)
        return digest(data)

    def write_conflict(self, path: Path, text: str) -> tuple[Path, str]:
        """Save `text` beside `path` in a new file named `…-conflict.toml` (never over
        another); returns it and the digest of what it holds."""
        data = text.encode("utf-8")
        self._ensure_folder()
        copy = atomic.create_new(path.parent, path.stem + CONFLICT_MARK, ".toml", lambda _: data)
        return copy, digest(data)

    def digest_of(self, path: Path) -> str | None:
        """The digest of the file at `path`; None when there is none. Something that
        cannot be read there (a folder, no permission) counts as a change."""
        if not os.path.lexists(path):
            return None
        try:
            data, _ = _read(Path(path))
        except SessionFileError:
            return "unreadable"
        return digest(data)

    def _ensure_folder(self) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(OSError):  # best effort: some file systems have no modes
            info = self.folder.stat()
            mode = stat.S_IMODE(info.st_mode)
            # Personal data: no access for group or others. Only a folder we own.
            if info.st_uid == os.getuid() and mode & 0o077:
                self.folder.chmod(mode & 0o700)

    # --- Reading ---------------------------------------------------------------

    def load(self, path: Path) -> Session:
        """The whole session; SessionFileError says, for people, why a file cannot be used."""
        return self.read(path)[0]

    def read(self, path: Path) -> tuple[Session, str]:
        """The whole session and the digest of the bytes it was read from."""
        data, _ = _read(Path(path))
        return _parse(data), digest(data)

    def scan(self) -> list[Listing]:
        """Every session file in the folder, newest first; broken ones as Unreadable, last."""
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return []
        cache = SummaryCache(cache_file(self._cache_dir(), self.folder), self.folder)
        found: list[Listing] = []
        names: set[str] = set()
        for entry in entries:
            name = entry.name
            # Hidden names include our temporary files (".name.toml.XXXX.tmp").
            if name.startswith(".") or not name.endswith(".toml"):
                continue
            try:
                if not entry.is_file():
                    continue
                listed = stamp_of(entry.stat())
            except OSError:
                continue  # gone between the listing and the stat
            names.add(name)
            path = self.folder / name
            row = cache.get(name, listed)
            item = _from_row(path, row) if row is not None else None
            if item is None:
                item, stamp = _examine(path)
                if stamp is not None:
                    cache.put(name, stamp, _to_row(item))
            found.append(item)
        cache.keep_only(names)
        cache.save()
        return _newest_first(found)

    def summaries(self, paths: Iterable[Path]) -> list[Listing]:
        """The same for named files (anywhere): a missing one is listed as Unreadable."""
        seen: set[Path] = set()
        found: list[Listing] = []
        for path in map(Path, paths):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                found.append(_examine(path)[0])
        return _newest_first(found)

    def unfinished(self) -> list[SessionSummary]:
        """Sessions that can be resumed, the most recently worked on first."""
        waiting = [
            item
            for item in self.scan()
            if isinstance(item, SessionSummary) and item.status == "in_progress"
        ]
        return sorted(waiting, key=lambda item: (item.updated_at, item.path.name), reverse=True)

    def _cache_dir(self) -> Path:
        return self.cache_dir or platformdirs.user_cache_path(APP_NAME, appauthor=False)


# --- Helpers ------------------------------------------------------------------


def _read(path: Path) -> tuple[bytes, Stamp]:
    """The bytes and the stat of the very file read (fstat, so a concurrent save can't mix)."""
    try:
        with open(path, "rb") as file:
            stamp = stamp_of(os.fstat(file.fileno()))
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SessionFileError("no such file") from None
    except IsADirectoryError:
        raise SessionFileError("is a folder, not a session file") from None
    except PermissionError:
        raise SessionFileError("permission denied") from None
    except OSError as error:
        raise SessionFileError(f"cannot be read: {error.strerror or error}") from None
    return data, stamp


def _parse(data: bytes) -> Session:
    if len(data) > MAX_FILE_BYTES:
        raise SessionFileError(f"too large for a session file (over {MAX_FILE_BYTES >> 20} MB)")
    if not data.strip():
        raise SessionFileError("the file is empty (it may have been cut short while written)")
    data = data.removeprefix(_UTF8_BOM)  # an editor on Windows may add one
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SessionFileError(
            f"not UTF-8 text (byte {error.start}): not a session file, or damaged"
        ) from None
    return from_toml(text)


def _examine(path: Path) -> tuple[Listing, Stamp | None]:
    """A file's summary (or why it has none), and the stat that the answer holds for."""
    try:
        data, stamp = _read(path)
    except SessionFileError as error:
        return Unreadable(path, str(error)), None  # not cached: opening fails fast anyway
    if data.startswith(_FORMAT_LINE) and (row := unseal(data)) is not None:
        summary = _from_row(path, row)
        if isinstance(summary, SessionSummary):
            return summary, stamp
    try:
        return summarize(_parse(data), path), stamp
    except SessionFileError as error:
        return Unreadable(path, str(error)), stamp


def _to_row(item: Listing) -> Row:
    if isinstance(item, Unreadable):
        return ["bad", item.reason]
    s = item
    return [
        "ok", s.id, s.kind, s.status, s.created_at.isoformat(), s.updated_at.isoformat(),
        s.candidate, s.role, s.seniority, s.interviewer, s.questions, s.areas_covered,
        s.areas_total, s.average_rating, s.recommendation, s.minutes, s.elapsed_seconds,
        list(s.question_ids), s.current,
    ]  # fmt: skip


def _from_row(path: Path, row: list[Any]) -> Listing | None:
    """The listing a row describes; None for any row not written by `_to_row`."""
    try:
        if row[0] == "bad" and len(row) == 2:
            return Unreadable(path, str(row[1]))
        if row[0] != "ok" or len(row) != 19:
            return None
        _, id_, kind, status, created, updated, candidate, role, seniority, interviewer = row[:10]
        questions, covered, total, average, recommendation, minutes, elapsed, ids = row[10:18]
        return SessionSummary(
            path=path, id=id_, kind=kind, status=status,
            created_at=datetime.fromisoformat(created), updated_at=datetime.fromisoformat(updated),
            candidate=candidate, role=role, seniority=seniority, interviewer=interviewer,
            questions=questions, areas_covered=covered, areas_total=total,
            average_rating=average, recommendation=recommendation, minutes=minutes,
            elapsed_seconds=elapsed, question_ids=tuple(ids), current=row[18],
        )  # fmt: skip
    except (TypeError, ValueError, IndexError):
        return None


def _newest_first(items: Iterable[Listing]) -> list[Listing]:
    items = list(items)
    readable = [item for item in items if isinstance(item, SessionSummary)]
    readable.sort(key=lambda item: (item.created_at, item.path.name), reverse=True)
    broken = sorted((item for item in items if isinstance(item, Unreadable)),
                    key=lambda item: item.path.name)  # fmt: skip
    return [*readable, *broken]
