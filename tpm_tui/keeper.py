"""The live session and its file: what changed, what is on disk, what failed.

`begin_interview()` and `begin_practice()` write a new session's file and
`resume_keeper()` reopens an unfinished one: all are here, not in a screen, so
starting straight into a session imports no screen it does not show.

The UI mutates `session`, calls `touch()`, and saves through `snapshot()` (on the
UI thread, so the content is consistent; cheap) and `write()` (in a worker
thread: it renders the text and writes it through the store). The keeper holds
the session's lock (`storage.lock`) while it runs, so no second process writes
the file, and never replaces a file that changed on disk since it last read or
wrote it (a hand edit, a `git pull`): its own version then goes to a
`…-conflict.toml` copy beside it, and saving carries on there.
"""

from __future__ import annotations

import contextlib
import glob
import threading
from collections.abc import Callable
from pathlib import Path

from tpm_tui.context import DEFAULT_MINUTES, AppContext, InterviewRequest, PracticeRequest
from tpm_tui.domain.models import Candidate, Interviewer, Outcome, Session, new_session, utc_now
from tpm_tui.domain.practice import new_practice
from tpm_tui.domain.schedule import scheduled_pick
from tpm_tui.storage.history import rated_history
from tpm_tui.storage.lock import SessionLock
from tpm_tui.storage.sessionfile import SessionFileError
from tpm_tui.storage.store import ChangedOnDisk, SessionStore, Snapshot, snapshot


class SessionKeeper:
    def __init__(
        self,
        store: SessionStore,
        session: Session,
        path: Path,
        *,
        digest: str | None = None,
        lock: SessionLock | None = None,
    ) -> None:
        self.store = store
        self.session = session
        self.path = path
        self.error: str | None = None  # the last save's failure, shown on screen
        # Set when the file changed on disk and saving moved to a conflict copy.
        self.notice: str | None = None
        self._digest = digest  # of what this process last read or wrote; None: unchecked
        self._file_lock = lock
        self._changes = 0  # bumped on every edit
        self._saved = 0  # the change count the file on disk holds
        self._lock = threading.Lock()  # one write at a time (worker and signal handler)
        # Set by the screen running the session: brings the running clocks and any
        # half-typed text into `session` before each snapshot, whoever asks for it.
        self.prepare: Callable[[], None] | None = None
        # Set by the app: called with the file once a completed session is on disk,
        # to share it (a git commit, a push) off the UI thread.
        self.completed: Callable[[Path], None] | None = None
        # Read from an existing file (resume, take-over) rather than begun here: its
        # screen opens paused, however little time the session had run (even none).
        self.resumed = False

    @classmethod
    def begin(cls, store: SessionStore, session: Session) -> SessionKeeper:
        """Write the new session's file at once, before anything is typed, and hold it."""
        path = store.create(session)
        lock = SessionLock.acquire(path)
        return cls(store, session, path, digest=store.digest_of(path), lock=lock)

    @classmethod
    def open(
        cls, store: SessionStore, path: Path, lock: SessionLock | None = None
    ) -> SessionKeeper:
        """Hold `path` (with `lock`, when already taken) and read it. SessionHeld when
        another process has it open; SessionFileError or OSError when it cannot be used."""
        lock = lock or SessionLock.acquire(path)
        try:
            session, digest = store.read(path)
        except BaseException:
            lock.release()
            raise
        keeper = cls(store, session, path, digest=digest, lock=lock)
        keeper.resumed = True
        return keeper

    @property
    def dirty(self) -> bool:
        return self._saved != self._changes

    def touch(self) -> None:
        self._changes += 1

    def snapshot(self) -> tuple[int, Snapshot]:
        """The content to write, and the change it reflects. Call on the UI thread."""
        if self.prepare is not None:
            self.prepare()
        self.session.updated_at = utc_now()
        return self._changes, snapshot(self.session)

    def write(self, change: int, content: Snapshot) -> bool:
        """Write a snapshot; returns whether it reached the disk. Safe in a worker."""
        with self._lock:
            if change < self._saved:
                return True  # a newer snapshot is already on disk
            text = content.text()
            try:
                try:
                    self._digest = self.store.write(self.path, text, self._digest)
                except ChangedOnDisk:
                    self._divert(text)
            except OSError as error:
                self.error = f"Could not save {self.path.name}: {error.strerror or error}"
                return False
            self._saved = max(self._saved, change)
            self.error = None
            return True

    def _divert(self, text: str) -> None:
        """The file changed under us: keep it, and save ours beside it from now on."""
        original = self.path
        moved = self._moved_aside()
        if moved is not None:  # a sync moved our file aside: carry on in it
            try:
                self._digest = self.store.write(moved, text, self._digest)
            except ChangedOnDisk:  # changed again since it was found: a copy of our own
                moved = None
        if moved is not None:
            copy, cause = moved, "a sync brought the team's file of that name"
        else:
            copy, self._digest = self.store.write_conflict(original, text)
            cause = "a sync, another program or a hand edit"
        self.path = copy
        if self._file_lock is not None:
            # On failure it stays held on the original: the copy is new, nobody opens it yet.
            with contextlib.suppress(OSError):
                self._file_lock.move_to(copy)
        self.notice = (
            f"{original.name} changed on disk ({cause}): "
            f"this terminal's version is saved to {copy.name}"
        )

    def _moved_aside(self) -> Path | None:
        """Our file as `tpm-tui sync` moves it out of the way of an incoming one
        (`NAME-conflict….toml`, or `NAME-2.toml` when the incoming one is another
        session; holding exactly what we last wrote), if it did."""
        if self._digest is None:
            return None
        pattern = f"{glob.escape(self.path.stem)}-*.toml"
        for candidate in sorted(self.path.parent.glob(pattern)):
            if self.store.digest_of(candidate) == self._digest:
                return candidate
        return None

    def save_now(self) -> bool:
        """Snapshot and write in one go: for ctrl+s, finishing and signal handlers."""
        return self.write(*self.snapshot())

    def complete(self, outcome: Outcome | None) -> bool:
        """Mark the session completed and save it; on a failed save it stays unfinished
        (in memory too), so the user can go back and go on."""
        session = self.session
        before = (session.status, session.outcome, session.completed_at, session.draft)
        session.complete(outcome)
        self.touch()
        if self.save_now():
            if self.completed is not None:
                self.completed(self.path)
            return True
        session.status, session.outcome, session.completed_at, session.draft = before
        self.touch()
        return False

    def close(self) -> None:
        """Let go of the session file: another terminal may open it now."""
        if self._file_lock is not None:
            self._file_lock.release()


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


def begin_practice(context: AppContext, request: PracticeRequest) -> SessionKeeper:
    """Pick the questions and write the practice session's file at once.

    Raises ValueError (a message for people) when no question matches the request.
    """
    bank = context.bank
    name = request.name or context.user
    # Without --pick, the questions due first (spaced repetition over `name`'s attempts).
    history = {} if request.pick else rated_history(context.store, name)
    questions = scheduled_pick(
        bank,
        request.count,
        history,
        context.now(),
        seed=request.seed,
        competency=request.competency,
        seniority=request.seniority,
        ids=request.pick,
    )
    session = new_practice(
        bank,
        questions,
        name=name,
        answer_minutes=request.answer_minutes,
        seniority=request.seniority,
    )
    return SessionKeeper.begin(context.store, session)


class NothingToResume(Exception):
    """There is no unfinished session to reopen; the message says why, for people."""


def resume_keeper(
    context: AppContext, path: Path | None, lock: SessionLock | None = None
) -> SessionKeeper:
    """A keeper holding the session file `path`, or the newest unfinished one.

    Raises NothingToResume when there is none, or the file cannot be read or is
    already completed; SessionHeld when another process has it open.
    """
    store = context.store
    if path is None:
        unfinished = store.unfinished()
        if not unfinished:
            raise NothingToResume(f"No unfinished session in {store.folder}.")
        path = unfinished[0].path
    try:
        keeper = SessionKeeper.open(store, path, lock)
    except (SessionFileError, OSError) as error:
        raise NothingToResume(f"Cannot resume {path.name}: {error}") from None
    if keeper.session.completed:
        keeper.close()
        raise NothingToResume(
            f"{path.name} is already completed: review it with `tpm-tui review {path}`."
        )
    return keeper
