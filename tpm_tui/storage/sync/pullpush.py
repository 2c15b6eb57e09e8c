"""The pull/rebase/push loop: fetch, rebase onto the remote's branch (a clash keeps
both, see clash.py), push, and again on a rejected push; a rebase of ours left by an
interrupted sync is undone."""

from __future__ import annotations

import os
import random
import time

import tpm_tui.storage.sync.clash as clash
import tpm_tui.storage.sync.ignore as ignore
from tpm_tui.storage.git import GitError, GitFailed, GitTimedOut, last_lines
from tpm_tui.storage.sync.report import ConflictStopped, SyncReport, Unreachable
from tpm_tui.storage.sync.workingcopy import WorkingCopy, is_session_name

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


def pull_and_push(repo: WorkingCopy, remote: str, branch: str, report: SyncReport) -> None:
    """Fetch, rebase onto the remote's branch, push; a rejected push (someone pushed in
    between) does it again, a few times."""
    upstream = f"refs/remotes/{remote}/{branch}"
    for attempt in range(PUSH_ATTEMPTS):
        if attempt:
            time.sleep(RETRY_PAUSE * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))
        fetch(repo, remote)
        integrate(repo, branch, upstream, report)
        ignore.retire_legacy_rules(repo)  # as a teammate's older version may have pushed
        going = _outgoing(repo, branch, upstream)
        if not going:
            break
        try:
            _push(repo, remote, branch)
        except _Rejected:
            continue
        gone = {name for name, _ in report.removed}  # a removal went up: said as removed
        report.up += [name for name in going if name not in gone]
        break
    else:
        raise GitError(
            f"the remote kept changing (others pushed meanwhile, {PUSH_ATTEMPTS} times): "
            "sync again (nothing is lost: your commits are here)"
        )


def fetch(repo: WorkingCopy, remote: str) -> None:
    try:
        repo.git.run("fetch", "--quiet", "--prune", "--no-tags", remote,
                     timeout=repo.network_timeout)  # fmt: skip
    except GitFailed as error:
        raise Unreachable(
            f"the remote {repo.url(remote)} cannot be reached: {last_lines(error.stderr)}"
        ) from None
    except GitTimedOut as error:
        raise Unreachable(str(error)) from None


def _push(repo: WorkingCopy, remote: str, branch: str) -> None:
    ref = f"refs/heads/{branch}"
    result = repo.git.run("push", "--porcelain", "-u", remote, f"{ref}:{ref}",
                          timeout=repo.network_timeout, check=False)  # fmt: skip
    if result.returncode == 0:
        return
    said = (result.stdout + result.stderr).decode("utf-8", "replace")
    if any(mark in said for mark in _REJECTED):
        raise _Rejected
    reason = last_lines(result.stderr.decode("utf-8", "replace"))
    raise Unreachable(f"could not push to {repo.url(remote)}: {reason}")


def _outgoing(repo: WorkingCopy, branch: str, upstream: str) -> list[str]:
    """Files the push takes up: after the rebase HEAD holds the remote's commits, so
    one diff of two trees says it (walking the commits costs ~0.1 s per thousand)."""
    head, there = repo.tips(branch, upstream)
    if head is None or head == there:
        return []  # nothing here, or the remote has it all (HEAD holds its commits)
    if there is None:
        return repo.git.paths("ls-tree", "-r", "--name-only", "-z", "HEAD")
    return repo.git.paths("diff", "--name-only", "-z", "--no-renames", upstream, "HEAD")


def integrate(repo: WorkingCopy, branch: str, upstream: str, report: SyncReport) -> None:
    """Rebase what is here onto the remote's branch, keeping both sides of a clash."""
    head, there = repo.tips(branch, upstream)
    if there is None or there == head:
        return  # an empty remote, or nothing new there
    base = repo.git.text("merge-base", "HEAD", upstream, check=False) if head else ""
    if base == there:
        return  # nothing new there: the remote's branch is in HEAD already
    incoming = (
        repo.git.paths("diff", "--name-only", "-z", "--no-renames", base, upstream)
        if base
        else repo.git.paths("ls-tree", "-r", "--name-only", "-z", upstream)
    )
    for round_ in range(_IN_THE_WAY_ROUNDS):
        clash.move_aside_untracked(repo, upstream, incoming, report)
        try:
            if head:
                _rebase(repo, upstream, report)
            else:  # a fresh clone of an empty remote that got a branch since
                _start_from(repo, branch, upstream)
            break
        except _InTheWay:
            if round_ == _IN_THE_WAY_ROUNDS - 1:
                raise GitError(
                    "a live session kept saving over the name of an incoming file: "
                    "sync again (nothing is lost)"
                ) from None
    for name in incoming:
        if not os.path.lexists(repo.folder / name):
            report.removed.append((name, "removed by the team"))
        elif name not in report.down:
            report.down.append(name)
    repo.tighten()


def _start_from(repo: WorkingCopy, branch: str, upstream: str) -> None:
    """An unborn branch takes the remote's; a checkout, which (unlike a hard reset)
    never writes over an untracked file: one saved into the gap is moved again."""
    result = repo.git.run("checkout", "-q", "-B", branch, upstream, check=False)
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace")
        if "untracked working tree files would be overwritten" in said:
            raise _InTheWay
        raise GitError(f"could not take in {upstream}: {last_lines(said)}")


def _rebase(repo: WorkingCopy, upstream: str, report: SyncReport) -> None:
    mark = repo.git_dir() / _REBASE_MARK
    mark.touch()
    result = repo.git.run("-c", "rebase.autoStash=false", "rebase", "-q", upstream, check=False)
    while result.returncode != 0:
        clashes = _unmerged(repo)
        settled = clashes and all(is_session_name(name) for name in clashes)
        said = result.stderr.decode("utf-8", "replace")
        if not clashes and "untracked working tree files would be overwritten" in said:
            _abort_rebase(repo)
            raise _InTheWay
        if not settled:
            _abort_rebase(repo)
            what = ", ".join(sorted(clashes)) or last_lines(
                result.stderr.decode("utf-8", "replace")
            )
            raise ConflictStopped(
                f"the rebase stopped on a conflict tpm-tui cannot settle ({what}): it was "
                f"undone, {repo.folder} is as before the sync; settle it with git there"
            )
        for name, stages in clashes.items():
            clash.kept(repo, report, name, clash.keep_both(repo, name, stages))
        result = repo.git.run("rebase", "--continue", check=False)
    mark.unlink(missing_ok=True)


def _unmerged(repo: WorkingCopy) -> dict[str, dict[int, str]]:
    """Paths in conflict: stage (2: the remote's, 3: ours being replayed) -> blob."""
    clashes: dict[str, dict[int, str]] = {}
    for entry in repo.git.run("ls-files", "-u", "-z").stdout.split(b"\0"):
        if not entry:
            continue
        info, _, path = entry.partition(b"\t")
        _mode, blob, stage = info.decode().split()
        clashes.setdefault(os.fsdecode(path), {})[int(stage)] = blob
    return clashes


def _abort_rebase(repo: WorkingCopy) -> None:
    repo.git.run("rebase", "--abort", check=False)
    (repo.git_dir() / _REBASE_MARK).unlink(missing_ok=True)


def undo_interrupted(repo: WorkingCopy) -> None:
    """A rebase left by an interrupted sync is undone (everything is in commits)."""
    git_dir = repo.git_dir()
    if not any((git_dir / name).exists() for name in ("rebase-merge", "rebase-apply")):
        return
    if not (git_dir / _REBASE_MARK).exists():
        raise GitError(
            f"a rebase is in progress in {repo.folder} (not one of tpm-tui's): finish it "
            "or run `git rebase --abort` there, then sync"
        )
    _abort_rebase(repo)
