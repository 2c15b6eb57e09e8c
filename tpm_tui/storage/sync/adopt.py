"""`sync --init`: clone the remote into an empty folder, or adopt it in a folder of
sessions (probe the remote first, take its tree, keep both where files differ)."""

from __future__ import annotations

import os

import tpm_tui.storage.sync.clash as clash
import tpm_tui.storage.sync.pullpush as pullpush
from tpm_tui.storage.git import GitError, GitFailed, GitTimedOut, last_lines
from tpm_tui.storage.lock import holder_of
from tpm_tui.storage.safefile import make_private_folder, read_regular, tighten
from tpm_tui.storage.store import MAX_FILE_BYTES
from tpm_tui.storage.sync.report import SyncReport, Unreachable
from tpm_tui.storage.sync.workingcopy import WorkingCopy, is_session_name

DEFAULT_BRANCH = "main"


def clone(repo: WorkingCopy, url: str, report: SyncReport) -> None:
    """Clone `url` into the empty folder; what the clone brought came down."""
    make_private_folder(repo.folder)
    tighten(repo.folder, 0o700)
    try:
        repo.git.run("clone", "-q", "--no-tags", url, ".", timeout=repo.network_timeout)
    except GitFailed as error:
        raise Unreachable(f"could not clone {url}: {last_lines(error.stderr)}") from None
    except GitTimedOut as error:
        raise Unreachable(str(error)) from None
    if not repo.exists("HEAD"):  # the remote's HEAD names no branch it has
        heads = repo.git.paths("for-each-ref", "--format=%(refname:lstrip=3)%00",
                               "refs/remotes/origin/")  # fmt: skip
        heads = [head for head in heads if head != "HEAD"]
        if heads:
            pick = DEFAULT_BRANCH if DEFAULT_BRANCH in heads else heads[0]
            repo.git.run("checkout", "-q", "-b", pick, "--track", f"origin/{pick}")
    if repo.exists("HEAD"):  # what the clone brought is what came down
        tree = repo.git.paths("ls-tree", "-r", "--name-only", "-z", "HEAD")
        report.down += [name for name in tree if is_session_name(name)]
    repo.tighten()  # the ignore rules: the sync that init goes on to writes them first


def adopt_folder(repo: WorkingCopy, url: str, report: SyncReport) -> None:
    """Make an existing folder of sessions a working copy of `url`."""
    default, heads = _probe(repo, url)
    branch = default or DEFAULT_BRANCH
    repo.git.run("init", "-q", "-b", branch)
    with repo.locked():
        add_remote(repo, url)
        if branch in heads:
            pullpush.fetch(repo, "origin")
            _take_remote_tree(repo, f"refs/remotes/origin/{branch}", report)
    repo.tighten()


def add_remote(repo: WorkingCopy, url: str) -> None:
    """`url` as origin, tracked by the branch; one sharing through another is kept."""
    if "origin" in repo.remotes():
        current = repo.url("origin")
        if current != url:
            raise GitError(f"{repo.folder} already shares through {current}: not changed")
        return
    repo.git.run("remote", "add", "origin", url)
    branch = repo.branch_ref().removeprefix("refs/heads/")
    repo.git.run("config", f"branch.{branch}.remote", "origin")
    repo.git.run("config", f"branch.{branch}.merge", f"refs/heads/{branch}")


def _take_remote_tree(repo: WorkingCopy, upstream: str, report: SyncReport) -> None:
    """HEAD and index become the remote's; files here that differ move beside theirs.
    What differed (or was missing) here came down."""
    repo.git.run("reset", "-q", upstream)  # mixed: no file is touched
    differing = repo.git.paths("diff", "--name-only", "-z", "--no-renames")
    for name in differing:
        path = repo.folder / name
        if os.path.lexists(path):
            if holder_of(path) is not None:
                raise GitError(f"{name} is open in a live session: finish it, then --init")
            data, _ = read_regular(path, MAX_FILE_BYTES)
            copy = clash.copy_beside(repo, name, data, clash.remote_version(repo, upstream, name))
            clash.kept(repo, report, name, copy)
    if differing:
        repo.git.run("checkout", "-q", "--", *differing)
    report.down += [name for name in differing if is_session_name(name)]


def _probe(repo: WorkingCopy, url: str) -> tuple[str | None, set[str]]:
    """The remote's default branch (None: empty) and its branches; Unreachable if none
    answers. Asked before the folder is changed at all."""
    try:
        out = repo.git.text("ls-remote", "--symref", url, timeout=repo.network_timeout)
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
