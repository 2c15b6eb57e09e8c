"""`tpm-tui sync`: share the sessions folder with the team through git."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING

from tpm_tui.commands.common import UsageError, say, sessions_path
from tpm_tui.domain.people import who_you_are

if TYPE_CHECKING:
    from tpm_tui.storage.sync import Sharing, SyncReport


def run_sync(args: argparse.Namespace) -> int:
    from tpm_tui.storage.git import GitError
    from tpm_tui.storage.store import SessionStore
    from tpm_tui.storage.sync import Sharing, identity

    settings = args.settings
    me = identity(who_you_are(args.as_name, settings.name), settings.email)
    sharing = Sharing(SessionStore(sessions_path(args.sessions)), me)
    try:
        report = sharing.init(args.init) if args.init else sharing.sync()
    except GitError as error:
        # What it did before it stopped (a file moved aside, files that came down).
        _tell(sharing, sharing.last_report, finished=False)
        raise UsageError(str(error)) from None
    _tell(sharing, report, finished=True)
    return 0


def _tell(sharing: Sharing, report: SyncReport, *, finished: bool) -> None:
    from tpm_tui.storage.git import GitError

    for line in report.lines(finished=finished):
        say(line, sys.stdout)
    with contextlib.suppress(GitError, OSError):  # told once; kept for the next sync if not
        sharing.told(report)
