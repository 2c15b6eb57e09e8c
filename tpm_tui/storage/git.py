"""Running the real `git` command: no shell, a timeout on every call, never a prompt.

Credentials stay with git and ssh-agent: the app never asks for or stores one. So
that a remote wanting a password fails at once instead of hanging a worker (or
writing a prompt over the app's screen), every call runs with
`GIT_TERMINAL_PROMPT=0`, no askpass program, ssh in batch mode (unless the user
set their own ssh command) and in a new session, so neither git nor ssh can open
the controlling terminal. Files git writes are private (umask 077): sessions
hold personal data.

Pure Python, no Textual.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from attrs import frozen

LOCAL_TIMEOUT = 60.0  # a commit of a thousand sessions on a slow disk stays far below
NETWORK_TIMEOUT = 120.0  # fetch, push, clone: a remote that does not answer by then is down
PRIVATE_UMASK = 0o077


class GitError(Exception):
    """Sync cannot go on; the message (one or two lines) is for people."""


class GitMissing(GitError):
    pass


class GitFailed(GitError):
    """A git command exited non-zero; `stderr` holds what git said."""

    def __init__(self, args: Sequence[str], code: int, stderr: str) -> None:
        said = last_lines(stderr)
        super().__init__(f"git {args[0] if args else ''} failed: {said or f'exit {code}'}")
        self.args_ = tuple(args)
        self.code = code
        self.stderr = stderr


class GitTimedOut(GitError):
    pass


@frozen
class Identity:
    """A person as git records them."""

    name: str
    email: str

    def env(self, role: str) -> dict[str, str]:
        """`GIT_AUTHOR_NAME`/`EMAIL` (role "AUTHOR") or the committer's."""
        return {f"GIT_{role}_NAME": self.name, f"GIT_{role}_EMAIL": self.email}


def last_lines(text: str, count: int = 2) -> str:
    """The last lines git wrote (the reason comes last), joined for one message."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " ".join(lines[-count:])


def git_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of every git call: no prompt can wait for an answer."""
    env = dict(os.environ if base is None else base)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_ASKPASS"] = ""  # empty: not even core.askPass runs
    env["SSH_ASKPASS"] = ""
    env["SSH_ASKPASS_REQUIRE"] = "never"
    if "GIT_SSH_COMMAND" not in env and "GIT_SSH" not in env:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    env["LC_ALL"] = "C"  # git's messages in English: they are matched below
    env.pop("LANGUAGE", None)
    env["GIT_EDITOR"] = "true"  # a rebase --continue never opens an editor
    return env


class Git:
    """git in one working copy (`folder`), with an environment of our choosing."""

    def __init__(
        self, folder: Path, extra_env: Mapping[str, str] | None = None, executable: str = "git"
    ) -> None:
        self.folder = Path(folder)
        self.executable = executable
        self.env = git_env()
        self.env.update(extra_env or {})

    def run(
        self,
        *args: str,
        input: bytes | None = None,
        timeout: float = LOCAL_TIMEOUT,
        check: bool = True,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run `git ARGS` in the folder; GitFailed when it fails (with `check`)."""
        full_env = {**self.env, **(env or {})}
        command = [self.executable, "-c", "core.quotePath=false", *args]
        where = cwd or self.folder
        if not where.is_dir():
            raise GitError(f"{where} is not a folder")
        try:
            process = subprocess.Popen(
                command,
                cwd=where,
                env=full_env,
                stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # no controlling terminal: nothing can prompt
                umask=PRIVATE_UMASK,
            )
        except FileNotFoundError:
            raise GitMissing(
                "git is not installed (or not on PATH): install git to share sessions"
            ) from None
        try:
            out, err = process.communicate(input, timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise GitTimedOut(
                f"git {args[0]} did not finish within {timeout:g} s (is the remote reachable?)"
            ) from None
        except BaseException:
            _kill_group(process)
            raise
        result = subprocess.CompletedProcess(command, process.returncode, out, err)
        if check and process.returncode != 0:
            raise GitFailed(args, process.returncode, err.decode("utf-8", "replace"))
        return result

    def text(self, *args: str, timeout: float = LOCAL_TIMEOUT, check: bool = True) -> str:
        """The standard output of `git ARGS`, stripped."""
        out = self.run(*args, timeout=timeout, check=check).stdout
        return out.decode("utf-8", "replace").strip()

    def paths(self, *args: str) -> list[str]:
        """The NUL-separated paths `git ARGS -z` prints."""
        out = self.run(*args).stdout
        return [os.fsdecode(item) for item in out.split(b"\0") if item]

    def ok(self, *args: str) -> bool:
        """Whether `git ARGS` succeeds (a question, not an action)."""
        return self.run(*args, check=False).returncode == 0


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Stop git and what it started (ssh, a credential helper), then reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        process.communicate(timeout=5)
