"""`Sharing`: the commands (`sync`, `pull`, `commit_completed`, `init`, `told`) on one
sessions folder, each one sync at a time, and the order of a sync's steps."""

from __future__ import annotations

import contextlib
from pathlib import Path

import tpm_tui.storage.sync.adopt as adopt
import tpm_tui.storage.sync.clash as clash
import tpm_tui.storage.sync.commits as commits
import tpm_tui.storage.sync.ignore as ignore
import tpm_tui.storage.sync.pullpush as pullpush
from tpm_tui.domain.listing import SessionSummary
from tpm_tui.storage.git import GitError, Identity
from tpm_tui.storage.store import SessionStore
from tpm_tui.storage.sync.authors import label_of
from tpm_tui.storage.sync.report import SyncReport
from tpm_tui.storage.sync.workingcopy import WorkingCopy, is_session_name


class Sharing:
    """Sync of one sessions folder (`store`) as `me`."""

    def __init__(self, store: SessionStore, me: Identity) -> None:
        self.store = store
        self.repo = WorkingCopy(Path(store.folder), me)
        self.folder = self.repo.folder
        # The last sync's report as far as it got: said before its error, if it fails.
        self.last_report = SyncReport()

    # --- the commands ------------------------------------------------------------------

    def sync(self, report: SyncReport | None = None) -> SyncReport:
        """Commit completed sessions, pull with rebase, push (retrying a rejected push).

        The report includes files moved aside earlier and not yet told (`told()`); if
        the sync fails, `last_report` holds what it did up to there."""
        self.last_report = report = report or SyncReport()
        with self.repo.locked():
            self.repo.check_working_copy()
            untold = clash.untold(self.repo)
            report.kept_both += [pair for pair in untold if pair not in report.kept_both]
            try:
                return self._sync(report)
            except GitError:
                with contextlib.suppress(OSError):
                    self._label(report)  # what came down before it failed, said by name
                raise

    def told(self, report: SyncReport) -> None:
        """The user has been told of the files `report` moved aside: forget them."""
        if not report.kept_both:
            return
        with self.repo.locked():
            clash.forget(self.repo, report.kept_both)

    def pull(self) -> SyncReport:
        """Fetch and rebase onto the remote: what review does when it opens."""
        with self.repo.locked():
            self.repo.check_working_copy()
            pullpush.undo_interrupted(self.repo)
            remote, branch = self.repo.remote()
            report = SyncReport(remote=self.repo.url(remote))
            pullpush.fetch(self.repo, remote)
            pullpush.integrate(self.repo, branch, f"refs/remotes/{remote}/{branch}", report)
            ignore.ensure_rules(self.repo)  # committed here, pushed by the next sync
            self.repo.mark_synced()
            return report

    def commit_completed(self) -> list[str]:
        """One commit per completed session not yet committed; the names committed."""
        with self.repo.locked():
            self.repo.check_working_copy()
            committed = commits.commit_completed(self.repo, self.store)
            return [summary.path.name for summary in committed]

    def init(self, url: str) -> SyncReport:
        """Clone `url` into an empty folder, or share an existing one through it."""
        folder = self.folder
        report = SyncReport()
        if not folder.exists() or (folder.is_dir() and not any(folder.iterdir())):
            adopt.clone(self.repo, url, report)
        elif self.repo.top() == folder.resolve():
            with self.repo.locked():
                adopt.add_remote(self.repo, url)
        else:
            adopt.adopt_folder(self.repo, url, report)
        return self.sync(report)

    # --- syncing -----------------------------------------------------------------------

    def _sync(self, report: SyncReport) -> SyncReport:
        pullpush.undo_interrupted(self.repo)
        ignore.ensure_rules(self.repo)
        remote, branch = self.repo.remote()
        report.remote = self.repo.url(remote)
        committed = commits.commit_completed(self.repo, self.store)
        for summary in committed:  # read already: not read again to label
            report.labels[summary.path.name] = label_of(summary)
        changes = self.repo.changed()
        if commits.commit_resolved(self.repo, self.store, report, changes):
            changes = self.repo.changed()  # the removals are committed now
        commits.check_clean(self.repo, changes)
        pullpush.pull_and_push(self.repo, remote, branch, report)
        self._label(report)
        self.repo.mark_synced()
        return report

    def _label(self, report: SyncReport) -> None:
        # Labels of what was committed are known; what came down (maybe over one of
        # those, both kept) is read.
        names = [name for name in report.up if name not in report.labels] + report.down
        paths = [self.folder / name for name in names if is_session_name(name)]
        for item in self.store.summaries(path for path in paths if path.exists()):
            if isinstance(item, SessionSummary):
                report.labels[item.path.name] = label_of(item)
