"""The ignore rules: only session files are shared. Kept in .git/info/exclude; the
.gitignore an earlier version committed is retired."""

from __future__ import annotations

import os

import tpm_tui.storage.sync.commits as commits
from tpm_tui.storage import atomic
from tpm_tui.storage.safefile import NotReadable, read_regular
from tpm_tui.storage.store import MAX_FILE_BYTES
from tpm_tui.storage.sync.workingcopy import WorkingCopy

# Only session files are shared: not locks (.NAME.toml.lock), temporary files
# (.NAME.XXXX.tmp), exports (export-….md), nor a candidate's own story bank. The rules
# live in the folder's own .git/info/exclude, never in a .gitignore there: a repository
# around the folder (this checkout's ./sessions) reads every .gitignore in it, and a
# `!/*.toml` would show it the sessions as files to add.
EXCLUDE_FILE = "info/exclude"  # in .git/
IGNORE_RULES = """\
# tpm-tui: only session files are shared (see the README)
/*
!/*.toml
/.*.toml
/stories.toml
"""
IGNORE_FILE = ".gitignore"
# The .gitignore earlier versions committed: its lines go (a team's own lines stay).
_LEGACY_NEGATION = b"!/*.toml"
_LEGACY_LINES = frozenset(IGNORE_RULES.encode().splitlines()) | {b"!/.gitignore"}


def ensure_rules(repo: WorkingCopy) -> None:
    """Our rules in .git/info/exclude, written again if edited away or lost; a
    .gitignore of an earlier version's loses its lines."""
    path = repo.git_dir() / EXCLUDE_FILE
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        text = b""
    rules = IGNORE_RULES.encode()
    if b"\n" + rules not in b"\n" + text:
        # Stray lines of ours go, so our block (last, so it wins) reads as one.
        kept = [line for line in text.splitlines() if line not in _LEGACY_LINES]
        path.parent.mkdir(mode=0o700, exist_ok=True)
        atomic.write_bytes(path, b"".join(line + b"\n" for line in kept) + rules)
    retire_legacy_rules(repo)


def retire_legacy_rules(repo: WorkingCopy) -> None:
    """A .gitignore holding an earlier version's rules (committed, so it came with a
    clone or a pull) loses them, in a commit; gone if nothing else is left."""
    path = repo.folder / IGNORE_FILE
    if not os.path.lexists(path):
        return  # the usual case: no process, no read
    try:
        data, _ = read_regular(path, MAX_FILE_BYTES)
    except NotReadable:
        return  # not a file of ours
    lines = data.splitlines()
    if _LEGACY_NEGATION not in lines:
        return  # the team's own rules: theirs to keep
    kept = [line for line in lines if line not in _LEGACY_LINES]
    if any(line.strip() and not line.startswith(b"#") for line in kept):
        atomic.write_bytes(path, b"".join(line + b"\n" for line in kept))
    else:
        path.unlink()
    if repo.git.paths("ls-files", "-z", "--", IGNORE_FILE):
        commits.commit_file(repo, IGNORE_FILE, "tpm-tui: ignore rules kept in .git/info/exclude")
