"""The sessions folder: creating, saving, loading and listing session files.

Pure Python (no Textual). The README's promises about data live here: a private
folder (0700) and files (0600), exclusive create with a numeric suffix on a clash,
file names that never leave the folder, atomic saves, and a listing that shows a
broken file as unreadable instead of failing. Listing 10,000 files is kept fast
by `summaries.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs
from attrs import frozen

from tpm_tui.domain.listing import Listing, SessionSummary, Unreadable, summarize
from tpm_tui.domain.models import (
    RECOMMENDATIONS,
    SENIORITIES,
    SESSION_FORMAT,
    Session,
    utc_now,
)
from tpm_tui.domain.versions import CONFLICT_MARK as CONFLICT_MARK  # sync uses it from here
from tpm_tui.storage import atomic
from tpm_tui.storage.names import session_stem
from tpm_tui.storage.safefile import (
    NotReadable,
    kind_of,
    make_private_folder,
    read_regular,
    stat_reason,
    tighten,
)
from tpm_tui.storage.sessionfile import SessionFileError, dump, from_toml, to_data
from tpm_tui.storage.summaries import (
    Row,
    Stamp,
    SummaryCache,
    cache_file,
    seal,
    stamp_of,
    summary_key,
    unseal,
)

APP_NAME = "tpm-tui"
SESSIONS_ENV = "TPM_TUI_SESSIONS"
MAX_FILE_BYTES = 16 * 1024 * 1024  # far beyond any real session; stops a huge file hanging review
KEY_FILE = "summary.key"  # in the user's data folder: the secret of the summary lines
_PRIVATE_FOLDER, _PRIVATE_FILE = 0o700, 0o600
_NOT_SESSION = "a session file"
_KINDS, _STATUSES = ("interview", "practice"), ("in_progress", "completed")
_STR = frozenset({str})
_FORMAT_LINE = f'format = "{SESSION_FORMAT}"\n'.encode()
_UTF8_BOM = b"\xef\xbb\xbf"


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
        return seal(body, self.row, _key()).decode("utf-8")


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


STORIES_NAME = "stories.toml"  # the story bank's default place: not listed as a session


def _key() -> bytes:
    """This user's secret for summary lines (cache.summary_key), in the user data folder."""
    return summary_key(platformdirs.user_data_path(APP_NAME, appauthor=False) / KEY_FILE)


def default_sessions_dir(env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Path:
    """$TPM_TUI_SESSIONS, else ./sessions when it exists, else the user's data folder."""
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
        # Found open to others: made private (tightened), or not ours to change (exposed).
        # `privacy_notice()` says it in one line, for a screen or stderr.
        self.tightened: list[Path] = []
        self.exposed: list[Path] = []

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
        except (NotReadable, OSError):
            return "unreadable"
        return digest(data)

    def _ensure_folder(self) -> None:
        # Every folder made on the way is 0700 too: the data folder holds personal data.
        make_private_folder(self.folder)
        self._make_private(self.folder, _PRIVATE_FOLDER)

    # --- Privacy -------------------------------------------------------------------

    def _make_private(self, path: Path, keep: int) -> None:
        """Personal data: no access for group or others. Only what we own is changed."""
        try:
            changed = tighten(path, keep)
        except OSError:
            # Not ours, or a read-only file system: say so if it is open to others.
            # A link (tighten never follows one) is its target's business: no word.
            with contextlib.suppress(OSError):
                mode = os.lstat(path).st_mode
                if not stat.S_ISLNK(mode) and mode & ~keep & 0o077 and path not in self.exposed:
                    self.exposed.append(path)
            return
        if changed is not None:
            self.tightened.append(path)

    def privacy_notice(self) -> str | None:
        """One line on what was found open to others since the last call, then forgets it.

        For the screen or command that read the folder: "Made private (0700/0600): the
        sessions folder and 3 files" or a warning naming what could not be changed.
        """
        tightened, exposed = self.tightened, self.exposed
        self.tightened, self.exposed = [], []
        parts = []
        if tightened:
            parts.append(f"Made private (0700/0600): {_counted(tightened, self.folder)}")
        if exposed:
            parts.append(f"Warning: {_counted(exposed, self.folder)} open to others, not yours")
        return "; ".join(parts) or None

    # --- Reading ---------------------------------------------------------------

    def load(self, path: Path) -> Session:
        """The whole session; SessionFileError says, for people, why a file cannot be used.

        Raises nothing else, whatever the file holds. A file of the sessions folder
        found open to others is made private (see `privacy_notice`).
        """
        return self.read(path)[0]

    def read(self, path: Path) -> tuple[Session, str]:
        """The whole session and the digest of the bytes it was read from (as `load`)."""
        path = Path(path)
        try:
            data, info = _read(path)
        except NotReadable as error:
            raise SessionFileError(str(error)) from None
        self._keep_private(path, info)
        try:
            return _parse(data), digest(data)
        except SessionFileError:
            raise
        except Exception as error:  # a bug of ours must not stop the others loading
            raise SessionFileError(f"cannot be read: {type(error).__name__}: {error}") from None

    def scan(self) -> list[Listing]:
        """Every session file in the folder, newest first; broken ones as Unreadable, last.

        Anything named `*.toml` that is not a regular file (a folder, a FIFO, a device,
        a link that loops or leads nowhere) is listed as Unreadable and never opened.
        """
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return []
        self._make_private(self.folder, _PRIVATE_FOLDER)
        cache = SummaryCache(cache_file(self._cache_dir(), self.folder), self.folder)
        key = _key()
        found: list[Listing] = []
        names: set[str] = set()
        for entry in entries:
            name = entry.name
            # Hidden names include our temporary files (".name.toml.XXXX.tmp").
            if name.startswith(".") or not name.endswith(".toml") or name == STORIES_NAME:
                continue  # the story bank lives here too, and is no session
            path = self.folder / name
            try:
                info = entry.stat()  # through a link: what it leads to
            except OSError as error:
                if not isinstance(error, FileNotFoundError) or entry.is_symlink():
                    found.append(Unreadable(path, stat_reason(path, error)))
                continue  # else gone between the listing and the stat
            if not stat.S_ISREG(info.st_mode):
                found.append(Unreadable(path, f"is {kind_of(info.st_mode)}, not {_NOT_SESSION}"))
                continue
            if info.st_mode & 0o077 and not entry.is_symlink():
                self._make_private(path, _PRIVATE_FILE)
                with contextlib.suppress(OSError):
                    info = os.stat(path)  # the change of mode changed its ctime
            names.add(name)
            listed = stamp_of(info)
            row = cache.get(name, listed)
            item = _from_row(path, row) if row is not None else None
            if item is None:
                item, stamp = _examine(path, key)
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
        key = _key()
        for path in map(Path, paths):
            try:
                same = path.resolve()
            except (OSError, RuntimeError):  # a link that loops: 3.11 raises RuntimeError
                same = path.absolute()
            if same not in seen:
                seen.add(same)
                found.append(_examine(path, key)[0])
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

    def _keep_private(self, path: Path, info: os.stat_result) -> None:
        """A file of the sessions folder read open to others is made 0600 (not via a link)."""
        if info.st_mode & 0o077 and path.parent.absolute() == self.folder.absolute():
            self._make_private(path, _PRIVATE_FILE)


# --- Helpers ------------------------------------------------------------------


def _read(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes and the stat of the very file read (fstat, so a concurrent save can't mix).

    Only a regular file is opened (safefile.read_regular): NotReadable says why not.
    """
    return read_regular(path, MAX_FILE_BYTES, _NOT_SESSION)


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


def _examine(path: Path, key: bytes) -> tuple[Listing, Stamp | None]:
    """A file's summary (or why it has none), and the stat that the answer holds for.

    Never raises: whatever goes wrong with one file is its reason for being unreadable.
    """
    try:
        data, info = _read(path)
    except NotReadable as error:
        return Unreadable(path, str(error)), None  # not cached: opening fails fast anyway
    stamp = stamp_of(info)
    if data.startswith(_FORMAT_LINE) and (row := unseal(data, key)) is not None:
        summary = _from_row(path, row)
        if isinstance(summary, SessionSummary):
            return summary, stamp
    try:
        return summarize(_parse(data), path), stamp
    except SessionFileError as error:
        return Unreadable(path, str(error)), stamp
    except Exception as error:  # a bug of ours: this file is unreadable, the others load
        return Unreadable(path, f"cannot be read: {type(error).__name__}: {error}"), stamp


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
    """The listing a row describes; None for any row not written by `_to_row`.

    Rows come from this user's cache or summary lines sealed with this user's key,
    so they were written by `_to_row`; the types are checked all the same (cheaply:
    this runs for every file of a warm listing), so a damaged cache can never put a
    wrong type in front of the screens.
    """
    try:
        if row[0] == "bad" and len(row) == 2 and type(row[1]) is str:
            return Unreadable(path, row[1])
        if row[0] != "ok" or len(row) != 19:
            return None
        _, id_, kind, status, created, updated, candidate, role, seniority, interviewer = row[:10]
        questions, covered, total, average, recommendation, minutes, elapsed, ids = row[10:18]
        current = row[18]
        if not (
            type(id_) is str
            and type(candidate) is str
            and type(role) is str
            and kind in _KINDS
            and status in _STATUSES
            and (seniority is None or seniority in SENIORITIES)
            and (interviewer is None or type(interviewer) is str)
            and (recommendation is None or recommendation in RECOMMENDATIONS)
            and (average is None or type(average) is float or type(average) is int)
            and type(questions) is int
            and type(covered) is int
            and type(total) is int
            and type(minutes) is int
            and type(elapsed) is int
            and type(current) is int
            and type(ids) is list
            and _STR.issuperset(map(type, ids))  # in C: no generator per row
        ):
            return None
        return SessionSummary(
            path=path, id=id_, kind=kind, status=status,
            created_at=_utc(created), updated_at=_utc(updated),
            candidate=candidate, role=role, seniority=seniority, interviewer=interviewer,
            questions=questions, areas_covered=covered, areas_total=total,
            average_rating=average, recommendation=recommendation, minutes=minutes,
            elapsed_seconds=elapsed, question_ids=tuple(ids), current=current,
        )  # fmt: skip
    except (TypeError, ValueError, IndexError):
        return None


def _utc(text: str) -> datetime:
    """A row's date-time, as `_to_row` writes it (UTC): ValueError for anything else."""
    if not text.endswith("+00:00"):  # no offset to convert: no overflow past year 9999
        raise ValueError(text)
    return datetime.fromisoformat(text)


def _counted(paths: list[Path], folder: Path) -> str:
    """`the sessions folder and 3 files`, `1 file`."""
    folders = [path for path in paths if path == folder]
    files = len(paths) - len(folders)
    parts = [f"the sessions folder {folder}"] if folders else []
    if files:
        parts.append(f"{files} file{'s' if files != 1 else ''}")
    return " and ".join(parts)


def _newest_first(items: Iterable[Listing]) -> list[Listing]:
    items = list(items)
    readable = [item for item in items if isinstance(item, SessionSummary)]
    readable.sort(key=lambda item: (item.created_at, item.path.name), reverse=True)
    broken = sorted((item for item in items if isinstance(item, Unreadable)),
                    key=lambda item: item.path.name)  # fmt: skip
    return [*readable, *broken]
