"""The sessions folder as a git working copy: small git queries (its remote, branch,
tips), what tpm-tui keeps in its .git/ (the last sync, the lock), its permissions."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from tpm_tui.storage import atomic
from tpm_tui.storage.git import LOCAL_TIMEOUT, NETWORK_TIMEOUT, Git, GitError, Identity
from tpm_tui.storage.safefile import tighten
from tpm_tui.storage.sync.report import NoRemote, NotAWorkingCopy

SYNCED_FILE = "tpm-tui-synced"  # in .git/, which is never pushed: the last good sync
_LOCK_FILE = "tpm-tui-sync.lock"  # one sync at a time (the app's worker, the command)


def is_shared(folder: Path) -> bool:
    """Whether the sessions folder is a git working copy of its own (cheap: no git run)."""
    return (Path(folder) / ".git").exists()


def last_synced(folder: Path) -> datetime | None:
    """When a sync last reached the remote, or None."""
    try:
        text = (Path(folder) / ".git" / SYNCED_FILE).read_text("ascii").strip()
        return datetime.fromisoformat(text)
    except (OSError, ValueError):
        return None


def is_session_name(path: str) -> bool:
    return "/" not in path and path.endswith(".toml") and not path.startswith(".")


class WorkingCopy:
    """The git working copy at `folder`, run as `me`."""

    def __init__(
        self,
        folder: Path,
        me: Identity,
        *,
        network_timeout: float = NETWORK_TIMEOUT,
        git_executable: str = "git",
    ) -> None:
        self.folder = folder
        self.me = me
        self.network_timeout = network_timeout
        self._config: dict[str, str] = {}  # branch.* and remote.*, as last read
        self._urls: dict[str, str] = {}  # remote -> URL, as last read
        # Rebases and our own commits are committed by you, whatever git's config says.
        self.git = Git(folder, me.env("COMMITTER"), git_executable)

    def top(self) -> Path | None:
        if not self.folder.is_dir():
            return None
        result = self.git.run("rev-parse", "--show-toplevel", check=False)
        if result.returncode != 0:
            return None
        return Path(os.fsdecode(result.stdout.strip())).resolve()

    def check_working_copy(self) -> None:
        if self.top() != self.folder.resolve():
            raise NotAWorkingCopy(
                f"{self.folder} is not a git working copy: start sharing with "
                "`tpm-tui sync --init URL` (URL: the team's git remote)"
            )

    def remote(self) -> tuple[str, str]:
        branch = self.branch_ref().removeprefix("refs/heads/")
        remotes = self.remotes()
        remote = self._config.get(f"branch.{branch}.remote", "")
        if not remote:
            remote = "origin" if "origin" in remotes else ""
        if not remote or remote not in remotes:
            raise NoRemote(
                f"{self.folder} has no git remote to sync with: add one with "
                "`git remote add origin URL` there, or run `tpm-tui sync --init URL`"
            )
        return remote, branch

    def remotes(self) -> dict[str, str]:
        """Each remote and its URL (the name, when it has none), from one read of the
        config (`git remote`, `config` and `remote get-url` would be three processes)."""
        out = self.git.run("config", "-z", "--get-regexp", r"^(branch|remote)\.",
                           check=False).stdout  # fmt: skip
        self._config = {}
        for entry in out.split(b"\0"):
            key, _, value = os.fsdecode(entry).partition("\n")
            self._config.setdefault(key, value)
        remotes: dict[str, str] = {}
        for key, value in self._config.items():
            if key.startswith("remote.") and key.count(".") >= 2:
                name, _, setting = key.removeprefix("remote.").rpartition(".")
                url = remotes.get(name) or ""
                remotes[name] = value if setting == "url" and not url else url
        self._urls = {name: url or name for name, url in remotes.items()}
        return self._urls

    def url(self, remote: str) -> str:
        if remote not in self._urls:
            self.remotes()
        return self._urls.get(remote, remote)

    def branch_ref(self) -> str:
        ref = self.git.text("symbolic-ref", "-q", "HEAD", check=False)
        if not ref.startswith("refs/heads/"):
            raise GitError(f"{self.folder} is not on a branch (detached HEAD): check one out")
        return ref

    def tips(self, branch: str, upstream: str) -> tuple[str | None, str | None]:
        """The commits HEAD (on `branch`) and `upstream` point at, None where missing.
        One process, where `rev-parse --verify` asks for one ref at a time."""
        ref = f"refs/heads/{branch}"
        out = self.git.text("for-each-ref", "--format=%(objecttype) %(objectname) %(refname)",
                            ref, upstream)  # fmt: skip
        tips = {}
        for line in out.splitlines():
            kind, sha, name = line.split(" ", 2)
            if kind == "commit":
                tips[name] = sha
        return tips.get(ref), tips.get(upstream)

    def exists(self, ref: str) -> bool:
        return self.git.ok("rev-parse", "-q", "--verify", f"{ref}^{{commit}}")

    def git_dir(self) -> Path:
        return self.folder / ".git"

    def tighten(self) -> None:
        """Whatever git wrote stays private: the folder and .git 0700, files 0600."""
        for path, keep in ((self.folder, 0o700), (self.git_dir(), 0o700)):
            with contextlib.suppress(OSError):
                tighten(path, keep)
        with contextlib.suppress(OSError), os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        tighten(Path(entry.path), 0o600)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """One sync of this folder at a time; the kernel lets go if the process dies."""
        git_dir = self.git_dir()
        if not git_dir.is_dir():
            yield
            return
        fd = os.open(git_dir / _LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            deadline = time.monotonic() + LOCAL_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise GitError("another sync of this folder is still running") from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)

    def changed(self) -> list[tuple[str, str]]:
        """Tracked files changed here: (git's two-letter status, name)."""
        out = self.git.run(
            "status", "--porcelain=v1", "-z", "--untracked-files=no", "--no-renames"
        ).stdout
        return [
            (entry[:2].decode(), os.fsdecode(entry[3:]))
            for entry in out.split(b"\0")
            if len(entry) > 3
        ]

    def mark_synced(self) -> None:
        """Remember when the remote last answered (in .git/: never pushed)."""
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        with contextlib.suppress(OSError):
            atomic.write_bytes(self.git_dir() / SYNCED_FILE, stamp.encode("ascii"))
