"""The `Sharing` of one sessions folder: the commands `sync`, `pull`, `init`."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tpm_tui.domain.listing import SessionSummary
from tpm_tui.storage.git import (
    NETWORK_TIMEOUT,
    GitError,
    GitFailed,
    GitTimedOut,
    Identity,
    last_lines,
)
from tpm_tui.storage.lock import holder_of
from tpm_tui.storage.safefile import make_private_folder, read_regular, tighten
from tpm_tui.storage.store import MAX_FILE_BYTES, SessionStore
from tpm_tui.storage.sync import clash, commits, ignore, pullpush
from tpm_tui.storage.sync.authors import label_of
from tpm_tui.storage.sync.report import (
    SyncReport,
    Unreachable,
)
from tpm_tui.storage.sync.workingcopy import WorkingCopy, is_session_name

DEFAULT_BRANCH = "main"


class Sharing:
    """Sync of one sessions folder (`store`) as `me`."""

    def __init__(
        self,
        store: SessionStore,
        me: Identity,
        *,
        network_timeout: float = NETWORK_TIMEOUT,
        git_executable: str = "git",
    ) -> None:
        self.store = store
        self.me = me
        self.repo = WorkingCopy(
            Path(store.folder), me, network_timeout=network_timeout, git_executable=git_executable
        )
        self.folder = self.repo.folder
        self.git = self.repo.git
        # The last sync's report as far as it got: said before its error, if it fails.
        self.last_report = SyncReport()

    @property
    def network_timeout(self) -> float:
        return self.repo.network_timeout

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
            self._clone(url, report)
        elif self.repo.top() == folder.resolve():
            with self.repo.locked():
                self._add_remote(url)
        else:
            self._adopt(url, report)
        return self.sync(report)

    def _sync(self, report: SyncReport) -> SyncReport:
        pullpush.undo_interrupted(self.repo)
        ignore.ensure_rules(self.repo)
        remote, branch = self.repo.remote()
        report.remote = self.repo.url(remote)
        committed = commits.commit_completed(self.repo, self.store)
        for summary in committed:  # read already: not read again to label
            report.labels[summary.path.name] = label_of(summary)
        commits.commit_resolved(self.repo, self.store, report)
        commits.check_clean(self.repo)
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

    # --- setting up ----------------------------------------------------------------------

    def _clone(self, url: str, report: SyncReport) -> None:
        make_private_folder(self.folder)
        tighten(self.folder, 0o700)
        try:
            self.git.run("clone", "-q", "--no-tags", url, ".", timeout=self.repo.network_timeout)
        except GitFailed as error:
            raise Unreachable(f"could not clone {url}: {last_lines(error.stderr)}") from None
        except GitTimedOut as error:
            raise Unreachable(str(error)) from None
        if not self.repo.exists("HEAD"):  # the remote's HEAD names no branch it has
            heads = self.git.paths("for-each-ref", "--format=%(refname:lstrip=3)%00",
                                   "refs/remotes/origin/")  # fmt: skip
            heads = [head for head in heads if head != "HEAD"]
            if heads:
                pick = DEFAULT_BRANCH if DEFAULT_BRANCH in heads else heads[0]
                self.git.run("checkout", "-q", "-b", pick, "--track", f"origin/{pick}")
        if self.repo.exists("HEAD"):  # what the clone brought is what came down
            tree = self.git.paths("ls-tree", "-r", "--name-only", "-z", "HEAD")
            report.down += [name for name in tree if is_session_name(name)]
        with self.repo.locked():
            ignore.ensure_rules(self.repo)
        self.repo.tighten()

    def _adopt(self, url: str, report: SyncReport) -> None:
        """Make an existing folder of sessions a working copy of `url`."""
        default, heads = self._probe(url)
        branch = default or DEFAULT_BRANCH
        self.git.run("init", "-q", "-b", branch)
        with self.repo.locked():
            self._add_remote(url)
            if branch in heads:
                pullpush.fetch(self.repo, "origin")
                self._take_remote_tree(f"refs/remotes/origin/{branch}", report)
            ignore.ensure_rules(self.repo)
        self.repo.tighten()

    def _take_remote_tree(self, upstream: str, report: SyncReport) -> None:
        """HEAD and index become the remote's; files here that differ move beside theirs.
        What differed (or was missing) here came down."""
        self.git.run("reset", "-q", upstream)  # mixed: no file is touched
        differing = self.git.paths("diff", "--name-only", "-z", "--no-renames")
        for name in differing:
            path = self.folder / name
            if os.path.lexists(path):
                if holder_of(path) is not None:
                    raise GitError(f"{name} is open in a live session: finish it, then --init")
                data, _ = read_regular(path, MAX_FILE_BYTES)
                copy = clash.copy_beside(
                    self.repo, name, data, clash.remote_version(self.repo, upstream, name)
                )
                clash.kept(self.repo, report, name, copy)
        if differing:
            self.git.run("checkout", "-q", "--", *differing)
        report.down += [name for name in differing if is_session_name(name)]

    def _probe(self, url: str) -> tuple[str | None, set[str]]:
        """The remote's default branch (None: empty) and its branches; Unreachable if none
        answers. Asked before the folder is changed at all."""
        try:
            out = self.git.text("ls-remote", "--symref", url, timeout=self.repo.network_timeout)
        except GitFailed as error:
            raise Unreachable(
                f"the remote {url} cannot be reached: {last_lines(error.stderr)}"
            ) from None
        except GitTimedOut as error:
            raise Unreachable(str(error)) from None
        default, heads = None, set()
        for line in out.splitlines():
            if line.startswith("ref: refs/heads/") and line.endswith("\tHEAD"):
                default = line.removeprefix("ref: refs/heads/").split("\t")[0]
            elif "\trefs/heads/" in line:
                heads.add(line.split("\trefs/heads/", 1)[1])
        if default not in heads:  # an empty remote names an unborn default: keep ours
            default = next(iter(sorted(heads)), None) if heads else None
        return default, heads

    def _add_remote(self, url: str) -> None:
        if "origin" in self.repo.remotes():
            current = self.repo.url("origin")
            if current != url:
                raise GitError(f"{self.folder} already shares through {current}: not changed")
            return
        self.git.run("remote", "add", "origin", url)
        branch = self.repo.branch_ref().removeprefix("refs/heads/")
        self.git.run("config", f"branch.{branch}.remote", "origin")
        self.git.run("config", f"branch.{branch}.merge", f"refs/heads/{branch}")
