"""Committing: one commit per completed session (one `git fast-import` for them all),
a session file deleted here where another version of it is kept, and the check that
nothing else is left uncommitted before a rebase."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from tpm_tui.domain.listing import SessionSummary
from tpm_tui.domain.versions import version_key
from tpm_tui.storage.git import GitError, Identity
from tpm_tui.storage.safefile import NotReadable, read_regular
from tpm_tui.storage.sessionfile import SessionFileError, from_toml
from tpm_tui.storage.store import MAX_FILE_BYTES, SessionStore
from tpm_tui.storage.sync.authors import author_of, label_of
from tpm_tui.storage.sync.report import SyncReport
from tpm_tui.storage.sync.workingcopy import WorkingCopy, is_session_name


def commit_completed(repo: WorkingCopy, store: SessionStore) -> list[SessionSummary]:
    """One commit per completed session not yet committed; their summaries, in order."""
    pending = _uncommitted_sessions(repo)
    if not pending:
        return []
    found = [
        item
        for item in store.summaries(repo.folder / name for name in pending)
        if isinstance(item, SessionSummary) and item.status == "completed"
    ]
    found.sort(key=lambda item: (item.updated_at, item.path.name))
    commits = []
    for summary in found:
        try:
            data, _ = read_regular(summary.path, MAX_FILE_BYTES)
        except NotReadable:
            continue  # gone or replaced since the listing: the next sync sees it
        commits.append((summary, data))
    if not commits:
        return []
    _fast_import(repo, commits)
    names = [summary.path.name for summary, _ in commits]
    # The index follows the new commits for these paths (the files are not touched).
    repo.git.run(
        "reset", "-q", "--pathspec-from-file=-", "--pathspec-file-nul",
        input=b"\0".join(os.fsencode(name) for name in names),
    )  # fmt: skip
    return [summary for summary, _ in commits]


def _deleted_sessions(changes: Sequence[tuple[str, str]]) -> list[str]:
    return sorted(name for how, name in changes if "D" in how and is_session_name(name))


def commit_resolved(
    repo: WorkingCopy, store: SessionStore, report: SyncReport, changes: Sequence[tuple[str, str]]
) -> bool:
    """A session file deleted here (in `changes`, `WorkingCopy.changed`) while another
    version of its session is still here (someone kept one of two versions, as review
    asks) is removed for the team too; the only copy of a session is never removed
    (`check_clean` stops). Whether anything was committed."""
    deleted = _deleted_sessions(changes)
    if not deleted:
        return False
    kept = {
        version_key(item): item.path.name
        for item in store.scan()
        if isinstance(item, SessionSummary)
    }
    committed = False
    for name in deleted:
        other = kept.get(_key_in_head(repo, name) or ("", ""))
        if other is not None:
            commit_file(repo, name, f"Remove {name}: another version is kept, {other}")
            report.removed.append((name, f"another version is kept: {other}"))
            committed = True
    return committed


def check_clean(repo: WorkingCopy, changes: Sequence[tuple[str, str]]) -> None:
    """Tracked files changed here (`changes`) but not committable (a completed session
    made unfinished by hand, the ignore rules) would be lost to a rebase: stop."""
    deleted = _deleted_sessions(changes)
    if deleted:
        names = ", ".join(deleted[:3])
        raise GitError(
            f"{names} deleted here, the only copy of its session: a sync never removes "
            f"one. Restore it with `git checkout -- {deleted[0]}` in {repo.folder}, or "
            f"remove it for the team with `git rm` and `git commit` there, then sync"
        )
    dirty = sorted(name for _, name in changes)
    if dirty:
        raise GitError(
            f"{', '.join(dirty[:3])} changed here but is not a completed session: "
            f"commit or undo it with git in {repo.folder}, then sync"
        )


def commit_file(repo: WorkingCopy, name: str, message: str) -> None:
    """Commit one file (changed or removed) as you: a retired .gitignore."""
    repo.git.run("add", "-A", "--", name)
    repo.git.run(
        "commit", "-q", "--no-verify", "-m", message, "--", name, env=repo.me.env("AUTHOR")
    )


def _key_in_head(repo: WorkingCopy, name: str) -> tuple[str, str] | None:
    found = repo.git.run("cat-file", "blob", f"HEAD:{name}", check=False)
    try:
        return version_key(from_toml(found.stdout.decode())) if found.returncode == 0 else None
    except (SessionFileError, UnicodeDecodeError):
        return None


def _uncommitted_sessions(repo: WorkingCopy) -> list[str]:
    """Session-like files that are new or changed since the last commit."""
    out = repo.git.run(
        "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"
    ).stdout
    names = []
    for entry in out.split(b"\0"):
        if len(entry) < 4 or entry[:2] in (b" D", b"D "):
            continue
        name = os.fsdecode(entry[3:])
        if is_session_name(name):
            names.append(name)
    return names


def _fast_import(repo: WorkingCopy, commits: Sequence[tuple[SessionSummary, bytes]]) -> None:
    ref = repo.branch_ref()
    parent = repo.git.text("rev-parse", "-q", "--verify", "HEAD^{commit}", check=False)
    now = int(time.time())
    stream = bytearray()
    for number, (summary, data) in enumerate(commits):
        author = author_of(summary, repo.me)
        when = int(summary.updated_at.timestamp())
        message = f"{summary.kind}: {label_of(summary)}\n\n{summary.path.name}\n".encode()
        stream += f"commit {ref}\n".encode()
        stream += _ident("author", author, when) + _ident("committer", repo.me, now)
        stream += b"data %d\n%s\n" % (len(message), message)
        if number == 0 and parent:
            stream += f"from {parent}\n".encode()
        stream += b"M 100644 inline %s\n" % _quoted(summary.path.name)
        stream += b"data %d\n%s\n" % (len(data), data)
    # Level 1: a tenth less CPU than the default; git gc packs it tighter later.
    repo.git.run("-c", "pack.compression=1", "fast-import", "--quiet", "--date-format=raw",
                 input=bytes(stream))  # fmt: skip


def _ident(role: str, who: Identity, when: int) -> bytes:
    name = who.name.replace("<", "").replace(">", "").replace("\n", " ")
    email = who.email.replace("<", "").replace(">", "").replace("\n", "")
    return f"{role} {name} <{email}> {when} +0000\n".encode()


def _quoted(name: str) -> bytes:
    """A path for fast-import: C-style quoted (session names never hold a quote, but
    a hand-made file may)."""
    raw = os.fsencode(name)
    if not any(byte in raw for byte in b'"\\\n') and not raw.startswith(b'"'):
        return raw
    return b'"' + raw.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n") + b'"'
