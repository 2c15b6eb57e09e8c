"""The `Sharing` of one sessions folder: the commands `sync`, `pull`, `init`."""

from __future__ import annotations

import contextlib
import os
import random
import time
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
from tpm_tui.storage.sync import clash, commits, ignore
from tpm_tui.storage.sync.authors import label_of
from tpm_tui.storage.sync.report import (
    ConflictStopped,
    SyncReport,
    Unreachable,
)
from tpm_tui.storage.sync.workingcopy import WorkingCopy, is_session_name

DEFAULT_BRANCH = "main"
PUSH_ATTEMPTS = 5  # a panel of a few syncing in the same second all get through
_REBASE_MARK = "tpm-tui-rebasing"  # a rebase of ours: the next sync may undo it
_IN_THE_WAY_ROUNDS = 3  # a live session saved again into the gap before git's checkout
# A push refused because the remote's branch moved after our fetch (another push won):
# the ordinary check ("fetch first", "non-fast-forward", a lease's "stale info"), or
# two pushes racing on the ref's lock on the remote ("cannot lock ref 'refs/heads/main':
# is at X but expected Y", reported as "failed to update ref"). All mean: pull, push again.
_REJECTED = (
    "[rejected]", "(fetch first)", "(non-fast-forward)", "(stale info)",
    "cannot lock ref", "(failed to update ref)", "incorrect old value provided",
)  # fmt: skip
RETRY_PAUSE = 0.1  # seconds, doubled each retry and jittered: racing syncs fall out of step


class _Rejected(Exception):
    """The remote moved on since the fetch: fetch, rebase and push again."""


class _InTheWay(Exception):
    """The rebase's checkout found an untracked file in the way (a live session saved
    again after it was moved aside): move it aside again and rebase again."""


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
            report.kept_both += [
                pair for pair in clash.untold(self.repo) if pair not in report.kept_both
            ]
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
            self._undo_interrupted()
            remote, branch = self.repo.remote()
            report = SyncReport(remote=self.repo.url(remote))
            self._fetch(remote)
            self._integrate(branch, f"refs/remotes/{remote}/{branch}", report)
            ignore.ensure_rules(self.repo)  # committed here, pushed by the next sync
            self.repo.mark_synced()
            return report

    def commit_completed(self) -> list[str]:
        """One commit per completed session not yet committed; the names committed."""
        with self.repo.locked():
            self.repo.check_working_copy()
            return [
                summary.path.name for summary in commits.commit_completed(self.repo, self.store)
            ]

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

    # --- syncing -----------------------------------------------------------------------

    def _sync(self, report: SyncReport) -> SyncReport:
        self._undo_interrupted()
        ignore.ensure_rules(self.repo)
        remote, branch = self.repo.remote()
        report.remote = self.repo.url(remote)
        for summary in commits.commit_completed(
            self.repo, self.store
        ):  # read already: not read again to label
            report.labels[summary.path.name] = label_of(summary)
        commits.commit_resolved(self.repo, self.store, report)
        commits.check_clean(self.repo)
        upstream = f"refs/remotes/{remote}/{branch}"
        for attempt in range(PUSH_ATTEMPTS):
            if attempt:
                time.sleep(RETRY_PAUSE * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))
            self._fetch(remote)
            self._integrate(branch, upstream, report)
            ignore.retire_legacy_rules(self.repo)  # as a teammate's older version may have pushed
            going = self._outgoing(branch, upstream)
            if not going:
                break
            try:
                self._push(remote, branch)
            except _Rejected:
                continue
            report.up += going
            break
        else:
            raise GitError(
                f"the remote kept changing (others pushed meanwhile, {PUSH_ATTEMPTS} times): "
                "sync again (nothing is lost: your commits are here)"
            )
        self._label(report)
        self.repo.mark_synced()
        return report

    def _fetch(self, remote: str) -> None:
        try:
            self.git.run("fetch", "--quiet", "--prune", "--no-tags", remote,
                         timeout=self.repo.network_timeout)  # fmt: skip
        except GitFailed as error:
            raise Unreachable(
                f"the remote {self.repo.url(remote)} cannot be reached: {last_lines(error.stderr)}"
            ) from None
        except GitTimedOut as error:
            raise Unreachable(str(error)) from None

    def _push(self, remote: str, branch: str) -> None:
        ref = f"refs/heads/{branch}"
        result = self.git.run("push", "--porcelain", "-u", remote, f"{ref}:{ref}",
                              timeout=self.repo.network_timeout, check=False)  # fmt: skip
        if result.returncode == 0:
            return
        said = (result.stdout + result.stderr).decode("utf-8", "replace")
        if any(mark in said for mark in _REJECTED):
            raise _Rejected
        reason = last_lines(result.stderr.decode("utf-8", "replace"))
        raise Unreachable(f"could not push to {self.repo.url(remote)}: {reason}")

    def _outgoing(self, branch: str, upstream: str) -> list[str]:
        """Files the push takes up: after the rebase HEAD holds the remote's commits, so
        one diff of two trees says it (walking the commits costs ~0.1 s per thousand)."""
        head, there = self.repo.tips(branch, upstream)
        if head is None or head == there:
            return []  # nothing here, or the remote has it all (HEAD holds its commits)
        if there is None:
            return self.git.paths("ls-tree", "-r", "--name-only", "-z", "HEAD")
        return self.git.paths("diff", "--name-only", "-z", "--no-renames", upstream, "HEAD")

    def _integrate(self, branch: str, upstream: str, report: SyncReport) -> None:
        """Rebase what is here onto the remote's branch, keeping both sides of a clash."""
        head, there = self.repo.tips(branch, upstream)
        if there is None or there == head:
            return  # an empty remote, or nothing new there
        base = self.git.text("merge-base", "HEAD", upstream, check=False) if head else ""
        if base == there:
            return  # nothing new there: the remote's branch is in HEAD already
        incoming = (
            self.git.paths("diff", "--name-only", "-z", "--no-renames", base, upstream)
            if base
            else self.git.paths("ls-tree", "-r", "--name-only", "-z", upstream)
        )
        for round_ in range(_IN_THE_WAY_ROUNDS):
            clash.move_aside_untracked(self.repo, upstream, incoming, report)
            try:
                if head:
                    self._rebase(upstream, report)
                else:  # a fresh clone of an empty remote that got a branch since
                    self._start_from(branch, upstream)
                break
            except _InTheWay:
                if round_ == _IN_THE_WAY_ROUNDS - 1:
                    raise GitError(
                        "a live session kept saving over the name of an incoming file: "
                        "sync again (nothing is lost)"
                    ) from None
        for name in incoming:
            if not os.path.lexists(self.folder / name):
                report.removed.append((name, "removed by the team"))
            elif name not in report.down:
                report.down.append(name)
        self.repo.tighten()

    def _start_from(self, branch: str, upstream: str) -> None:
        """An unborn branch takes the remote's; a checkout, which (unlike a hard reset)
        never writes over an untracked file: one saved into the gap is moved again."""
        result = self.git.run("checkout", "-q", "-B", branch, upstream, check=False)
        if result.returncode != 0:
            said = result.stderr.decode("utf-8", "replace")
            if "untracked working tree files would be overwritten" in said:
                raise _InTheWay
            raise GitError(f"could not take in {upstream}: {last_lines(said)}")

    def _rebase(self, upstream: str, report: SyncReport) -> None:
        mark = self.repo.git_dir() / _REBASE_MARK
        mark.touch()
        result = self.git.run("-c", "rebase.autoStash=false", "rebase", "-q", upstream, check=False)
        while result.returncode != 0:
            clashes = self._unmerged()
            settled = clashes and all(is_session_name(name) for name in clashes)
            said = result.stderr.decode("utf-8", "replace")
            if not clashes and "untracked working tree files would be overwritten" in said:
                self._abort_rebase()
                raise _InTheWay
            if not settled:
                self._abort_rebase()
                what = ", ".join(sorted(clashes)) or last_lines(
                    result.stderr.decode("utf-8", "replace")
                )
                raise ConflictStopped(
                    f"the rebase stopped on a conflict tpm-tui cannot settle ({what}): it was "
                    f"undone, {self.folder} is as before the sync; settle it with git there"
                )
            for name, stages in clashes.items():
                clash.kept(self.repo, report, name, clash.keep_both(self.repo, name, stages))
            result = self.git.run("rebase", "--continue", check=False)
        mark.unlink(missing_ok=True)

    def _unmerged(self) -> dict[str, dict[int, str]]:
        """Paths in conflict: stage (2: the remote's, 3: ours being replayed) -> blob."""
        clashes: dict[str, dict[int, str]] = {}
        for entry in self.git.run("ls-files", "-u", "-z").stdout.split(b"\0"):
            if not entry:
                continue
            info, _, path = entry.partition(b"\t")
            _mode, blob, stage = info.decode().split()
            clashes.setdefault(os.fsdecode(path), {})[int(stage)] = blob
        return clashes

    def _abort_rebase(self) -> None:
        self.git.run("rebase", "--abort", check=False)
        (self.repo.git_dir() / _REBASE_MARK).unlink(missing_ok=True)

    def _undo_interrupted(self) -> None:
        """A rebase left by an interrupted sync is undone (everything is in commits)."""
        git_dir = self.repo.git_dir()
        if not any((git_dir / name).exists() for name in ("rebase-merge", "rebase-apply")):
            return
        if not (git_dir / _REBASE_MARK).exists():
            raise GitError(
                f"a rebase is in progress in {self.folder} (not one of tpm-tui's): finish it "
                "or run `git rebase --abort` there, then sync"
            )
        self._abort_rebase()

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
                self._fetch("origin")
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
