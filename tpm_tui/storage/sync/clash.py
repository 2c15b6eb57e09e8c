"""Keeping both versions on a clash: the team's keeps the name, yours goes beside it
(`NAME-conflict.toml`, or `NAME-2.toml` for another session that got the same name);
an untracked file in the way of an incoming one moves aside; and the memo of pairs
kept not yet told on the command line."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence

from tpm_tui.domain.versions import same_session
from tpm_tui.storage import atomic
from tpm_tui.storage.safefile import read_regular
from tpm_tui.storage.sessionfile import SessionFileError, from_toml
from tpm_tui.storage.store import CONFLICT_MARK, MAX_FILE_BYTES
from tpm_tui.storage.sync.report import SyncReport
from tpm_tui.storage.sync.workingcopy import WorkingCopy

# Files moved aside (both kept) not yet told on the command line: a pull in review, a
# sync that failed later or was killed. NUL-separated pairs "theirs\0yours\0".
_UNTOLD_FILE = "tpm-tui-kept-both"


def move_aside_untracked(
    repo: WorkingCopy, upstream: str, incoming: Sequence[str], report: SyncReport
) -> None:
    """A local file that is not committed (an unfinished session) in the way of an
    incoming one of the same name moves beside it, even one open in a live session:
    its keeper's next save finds a different file there (ChangedOnDisk) and saves
    to a copy of its own, never over the incoming one, with all it holds."""
    here = [name for name in incoming if os.path.lexists(repo.folder / name)]
    if not here:
        return  # the usual case: nothing of the same name here, no need to ask git
    tracked = set(repo.git.paths("ls-files", "-z", "--", *here))
    for name in here:
        if name not in tracked:
            kept(repo, report, name, _move_aside(repo, name, remote_version(repo, upstream, name)))


def _move_aside(repo: WorkingCopy, name: str, theirs: bytes | None) -> str:
    """Rename `name` to a new name beside it (`copy_beside`); returns the new name.
    A rename, not a copy: whatever a live session saved last moves with it, up to
    the last moment."""
    path = repo.folder / name
    mine, _ = read_regular(path, MAX_FILE_BYTES)  # a session file, not a link or a folder
    reserved = copy_beside(repo, name, mine, theirs)  # a new name of our own (O_EXCL)
    try:
        os.replace(path, repo.folder / reserved)
    except OSError:
        (repo.folder / reserved).unlink(missing_ok=True)
        raise
    atomic.fsync_folder(repo.folder)
    return reserved


def keep_both(repo: WorkingCopy, name: str, stages: dict[int, str]) -> str:
    """The remote's version keeps `name`; ours goes beside it. Returns ours' name."""
    path = repo.folder / name
    mine = repo.git.run("cat-file", "blob", stages[3]).stdout if 3 in stages else None
    theirs = repo.git.run("cat-file", "blob", stages[2]).stdout if 2 in stages else None
    copy = copy_beside(repo, name, mine, theirs) if mine is not None else ""
    if theirs is not None:
        atomic.write_bytes(path, theirs)
        repo.git.run("add", "--", name)
    else:
        repo.git.run("rm", "-q", "--cached", "--ignore-unmatch", "--", name)
        path.unlink(missing_ok=True)
    if copy:
        repo.git.run("add", "--", copy)
    return copy


def copy_beside(repo: WorkingCopy, name: str, mine: bytes, theirs: bytes | None) -> str:
    """Write `mine` beside `name`, which keeps the team's version (`theirs`);
    returns the new name: `NAME-conflict.toml` for another version of the same
    session, `NAME-2.toml` for another session that got the same name (two
    interviewers who started the same candidate in the same minute)."""
    stem = name.removesuffix(".toml")
    if theirs is None or not _different_sessions(theirs, mine):
        stem += CONFLICT_MARK
    return atomic.create_new(repo.folder, stem, ".toml", lambda _: mine).name


def remote_version(repo: WorkingCopy, upstream: str, name: str) -> bytes | None:
    """The remote's version of `name`; None when it has none."""
    found = repo.git.run("cat-file", "blob", f"{upstream}:{name}", check=False)
    return found.stdout if found.returncode == 0 else None


def kept(repo: WorkingCopy, report: SyncReport, theirs: str, yours: str) -> None:
    """Both kept: in the report, and remembered until the command line tells it.
    No `yours`: a file removed here that the team changed meanwhile is the team's
    again (a removal never wins over an edit), so it was not removed after all."""
    report.kept_both.append((theirs, yours))
    if not yours:
        report.removed = [(name, why) for name, why in report.removed if name != theirs]
    elif theirs in report.labels:  # what was committed under that name is now `yours`
        report.labels[yours] = report.labels.pop(theirs)
    if yours:
        with contextlib.suppress(OSError), open(repo.git_dir() / _UNTOLD_FILE, "ab") as memo:
            memo.write(_untold_entry((theirs, yours)))


def untold(repo: WorkingCopy) -> list[tuple[str, str]]:
    """The pairs (the team's, yours) kept both and not yet told, each once."""
    try:
        data = (repo.git_dir() / _UNTOLD_FILE).read_bytes()
    except OSError:
        return []
    items = [os.fsdecode(item) for item in data.split(b"\0")]
    pairs = list(zip(items[0::2], items[1::2], strict=False))
    return list(dict.fromkeys(pair for pair in pairs if all(pair)))


def forget(repo: WorkingCopy, told: list[tuple[str, str]]) -> None:
    """The user has been told of these pairs: the memo keeps the others."""
    left = [pair for pair in untold(repo) if pair not in told]
    path = repo.git_dir() / _UNTOLD_FILE
    if left:
        atomic.write_bytes(path, b"".join(_untold_entry(pair) for pair in left))
    else:
        path.unlink(missing_ok=True)


def _untold_entry(pair: tuple[str, str]) -> bytes:
    return b"".join(os.fsencode(name) + b"\0" for name in pair)


def _different_sessions(theirs: bytes, mine: bytes) -> bool:
    """Two sessions that got one file name, not two versions of one session; a file
    that cannot be read counts as a version (the careful name: someone looks)."""
    try:
        return not same_session(from_toml(theirs.decode()), from_toml(mine.decode()))
    except (SessionFileError, UnicodeDecodeError):
        return False
