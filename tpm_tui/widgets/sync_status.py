"""`synced 3 min ago` / `offline`: a sessions folder shared through git, pulled on show.

Shown only when the sessions folder is a git working copy (an ordinary folder
shows nothing). The screen it sits on calls `pull()` once its first screen is
painted: git's processes and the worker's Python would otherwise compete with the
first listing (a fifth slower on 2,000 sessions). The pull runs in a worker, then
posts `Pulled` so the screen lists the folder again. The time of
the last pull or push that reached the remote is kept in `.git/` (never pushed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from textual import work
from textual.message import Message
from textual.widgets import Static

from tpm_tui.context import AppContext
from tpm_tui.domain.textsafe import visible_line
from tpm_tui.storage.git import GitError
from tpm_tui.storage.sync import Sharing, Unreachable, identity, is_shared, last_synced

RETELL_SECONDS = 30.0  # "synced 2 min ago" moves on while the screen stays open


def ago(then: datetime | None, now: datetime) -> str:
    """`just now`, `5 min ago`, `3 h ago`, `2 days ago`; `never` for None."""
    if then is None:
        return "never"
    seconds = max((now - then).total_seconds(), 0)
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    return f"{days} day{'s' if days != 1 else ''} ago"


class SyncStatus(Static):
    DEFAULT_CSS = """
    SyncStatus { height: 1; padding: 0 1; color: $text-muted; }
    SyncStatus.-offline { color: $warning; }
    """

    @dataclass
    class Pulled(Message):
        """The pull brought something down: list the folder again."""

    def __init__(self, context: AppContext, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.context = context
        self._problem: str | None = None
        self._offline = False
        self._pulling = True
        self._pull_asked = False
        self._moved: list[str] = []  # yours, moved aside by the pull for the team's

    def on_mount(self) -> None:
        self.display = is_shared(self.context.sessions_dir)
        if not self.display:
            return
        self._retell()
        self.set_interval(RETELL_SECONDS, self._retell)

    def pull(self) -> None:
        """Pull in the background, once (a shared folder only)."""
        if self.display and not self._pull_asked:
            self._pull_asked = True
            self._pull()

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-pull")
    def _pull(self) -> None:
        context = self.context
        sharing = Sharing(context.store, identity(context.user, context.settings.email))
        problem, offline, brought, moved = None, False, False, []
        try:
            report = sharing.pull()
            brought = bool(report.down or report.kept_both or report.removed)
            moved = [yours for _, yours in report.kept_both if yours]
        except (GitError, OSError) as error:
            problem, offline = str(error), isinstance(error, Unreachable)
        self.app.call_from_thread(self._pulled, problem, offline, brought, moved)

    def _pulled(self, problem: str | None, offline: bool, brought: bool, moved: list[str]) -> None:
        self._pulling = False
        self._moved = moved
        self._problem = problem
        self.set_class(problem is not None, "-offline")
        self.tooltip = problem
        self._offline = offline
        self._retell()
        if brought:
            self.post_message(self.Pulled())

    def _retell(self) -> None:
        when = ago(last_synced(self.context.sessions_dir), datetime.now(UTC))
        if self._pulling:
            text = f"syncing with the team… (last synced {when})"
        elif self._problem is None:
            text = f"synced {when}"
            if self._moved:  # the name first: the line is cut at the screen's edge
                more = f" (+{len(self._moved) - 1} more)" if len(self._moved) > 1 else ""
                text += f" · yours moved aside: {self._moved[0]}{more}"
        elif self._offline:
            text = f"offline: last synced {when}"
        else:
            text = f"not synced: {self._problem}"
        self.update(visible_line(text))
