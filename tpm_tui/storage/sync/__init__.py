"""Team sharing through git: the sessions folder as a working copy of a shared remote.

- `commit_completed()` makes one commit per completed session not yet committed,
  authored by its interviewer (the candidate of a practice), committed by you. It
  writes them all with one `git fast-import`, so a thousand sessions cost one git
  process, not two thousand. Unfinished sessions are never staged nor committed.
- `sync()` commits, fetches, rebases onto the remote, pushes, and on a rejected
  push (someone pushed in between) does it again, a few times.
- `init(url)` clones into an empty folder, or makes an existing one a working copy
  of `url` (adopting what the remote has) and pushes.

A sync never loses a session. Where the same file changed here and on the remote,
the remote's version keeps the name (others may be reading it) and this one is
kept beside it as `NAME-conflict.toml`, the store's conflict naming; an unfinished
session in the way of an incoming file of the same name is moved there too. A
conflict in anything but a session file stops the sync and undoes the rebase. A
sync interrupted mid-rebase (killed, power cut) is undone by the next one: every
completed session is in a commit by then, and unfinished ones are never touched.

Where each part lives: sharing.py (`Sharing`: the commands, the order of a sync),
commits.py (the commit step), pullpush.py (fetch, rebase, push, retries), clash.py
(both versions kept, the untold memo), adopt.py (`--init`: clone, adopt, probe),
ignore.py (what is shared), workingcopy.py (small git queries, the lock, .git/ state),
authors.py (who commits are by), report.py (`SyncReport`, the errors).

Pure Python, no Textual.
"""

from __future__ import annotations

from tpm_tui.storage.sync.authors import author_of, identity, label_of, placeholder_email
from tpm_tui.storage.sync.report import (
    ConflictStopped,
    NoRemote,
    NotAWorkingCopy,
    SyncReport,
    Unreachable,
)
from tpm_tui.storage.sync.sharing import Sharing
from tpm_tui.storage.sync.workingcopy import is_shared, last_synced

__all__ = [
    "ConflictStopped",
    "NoRemote",
    "NotAWorkingCopy",
    "Sharing",
    "SyncReport",
    "Unreachable",
    "author_of",
    "identity",
    "is_shared",
    "label_of",
    "last_synced",
    "placeholder_email",
]
