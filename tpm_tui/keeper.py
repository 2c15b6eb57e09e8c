"""The live session and its file: what changed, what is on disk, what failed.

`begin_interview()` writes a new interview's file and `resume_keeper()` reopens an
unfinished one: both are here, not in a screen, so starting straight into a
session imports no screen it does not show.

The UI mutates `session`, calls `touch()`, and saves through `snapshot()` (on the
UI thread, so the text is consistent) and `write()` (safe in a worker thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from tpm_tui import atomic
from tpm_tui.config import DEFAULT_MINUTES, AppContext, InterviewRequest
from tpm_tui.models import Candidate, Interviewer, Session, new_session, utc_now
from tpm_tui.sessionfile import SessionFileError
from tpm_tui.store import SessionStore, render

AUTOSAVE_SECONDS = 1.0  # the SPEC promises at most 2 s lost


class SessionKeeper:
    def __init__(self, store: SessionStore, session: Session, path: Path) -> None:
        self.store = store
        self.session = session
        self.path = path
        self.error: str | None = None  # the last save's failure, shown on screen
        self._changes = 0  # bumped on every edit
        self._saved = 0  # the change count the file on disk holds
        self._lock = threading.Lock()  # one write at a time (worker and signal handler)
        # Set by the screen running the session: brings the running clocks and any
        # half-typed text into `session` before each snapshot, whoever asks for it.
        self.prepare: Callable[[], None] | None = None

    @classmethod
    def begin(cls, store: SessionStore, session: Session) -> SessionKeeper:
        """Write the new session's file at once, before anything is typed."""
        return cls(store, session, store.create(session))

    @property
    def dirty(self) -> bool:
        return self._saved != self._changes

    def touch(self) -> None:
        self._changes += 1

    def snapshot(self) -> tuple[int, str]:
        """The text to write, and the change it reflects. Call on the UI thread."""
        if self.prepare is not None:
            self.prepare()
        self.session.updated_at = utc_now()
        return self._changes, render(self.session)

    def write(self, change: int, text: str) -> bool:
        """Write a snapshot atomically; returns whether it reached the disk."""
        with self._lock:
            if change < self._saved:
                return True  # a newer snapshot is already on disk
            try:
                atomic.write_text(self.path, text)
            except OSError as error:
                self.error = f"Could not save {self.path.name}: {error.strerror or error}"
                return False
            self._saved = max(self._saved, change)
            self.error = None
            return True

    def save_now(self) -> bool:
        """Snapshot and write in one go: for ctrl+s, finishing and signal handlers."""
        return self.write(*self.snapshot())


def begin_interview(context: AppContext, request: InterviewRequest) -> SessionKeeper:
    """Build the interview session and write its file at once."""
    bank = context.bank
    session = new_session(
        kind="interview",
        session_id="",  # the store names it after the file
        bank=bank,
        questions=[bank.question(qid) for qid in request.pick],
        candidate=Candidate(
            request.candidate or "", request.role or bank.bank.role, request.seniority
        ),
        minutes=request.minutes or DEFAULT_MINUTES,
        interviewer=Interviewer(request.interviewer) if request.interviewer else None,
    )
    return SessionKeeper.begin(context.store, session)


def cannot_create(folder: Path, error: OSError) -> str:
    """The one message for a session file that could not be created (the setup
    form, `p` on home, the command line): which folder, and why."""
    reason = error.strerror or str(error)
    if isinstance(error, FileExistsError | NotADirectoryError) and not folder.is_dir():
        reason = "it is not a folder" if folder.exists() else "a part of its path is not a folder"
    return f"Could not create the session file in {folder}: {reason}"


class NothingToResume(Exception):
    """There is no unfinished session to reopen; the message says why, for people."""


def resume_keeper(context: AppContext, path: Path | None) -> SessionKeeper:
    """A keeper for the session file `path`, or for the newest unfinished one.

    Raises NothingToResume when there is none, or the file cannot be read or is
    already completed.
    """
    store = context.store
    if path is None:
        unfinished = store.unfinished()
        if not unfinished:
            raise NothingToResume(f"No unfinished session in {store.folder}.")
        path = unfinished[0].path
    try:
        session = store.load(path)
    except (SessionFileError, OSError) as error:
        raise NothingToResume(f"Cannot resume {path.name}: {error}") from None
    if session.completed:
        raise NothingToResume(
            f"{path.name} is already completed: review it with `tpm-tui review {path}`."
        )
    return SessionKeeper(store, session, path)
