"""What the SSH and browser end-to-end tests share: the real programs they need,
a free loopback port, and waiting on a process without fixed sleeps.

A machine without sshd, tmux or chromium skips those tests, and the run's
summary says so in one plain line per missing program (tests/conftest.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

SSHD = Path("/usr/sbin/sshd")
CHROMIUM = Path("/usr/bin/chromium")

# The reason a test is skipped for, and how to install what is missing: the
# summary line counts the tests skipped for each (conftest.pytest_terminal_summary).
NO_SSHD = "sshd not installed: SSH tests skipped (apt-get install openssh-server)"
NO_SSH = "ssh not installed: SSH tests skipped (apt-get install openssh-client)"
NO_TMUX = "tmux not installed: SSH tests skipped (apt-get install tmux)"
NO_CHROMIUM = "chromium not installed: browser tests skipped (apt-get install chromium)"
NO_PLAYWRIGHT = "playwright not installed: browser tests skipped (pip install -e '.[test]')"
MISSING_PROGRAMS = (NO_SSHD, NO_SSH, NO_TMUX, NO_CHROMIUM, NO_PLAYWRIGHT)


def needs_ssh() -> pytest.MarkDecorator:
    """Skip unless OpenSSH's server and client and tmux are installed (the first missing named)."""
    missing = [
        reason
        for reason, found in (
            (NO_SSHD, SSHD.exists()),
            (NO_SSH, shutil.which("ssh") is not None),
            (NO_TMUX, shutil.which("tmux") is not None),
        )
        if not found
    ]
    return pytest.mark.skipif(bool(missing), reason=missing[0] if missing else "")


def needs_chromium() -> pytest.MarkDecorator:
    missing = []
    if not CHROMIUM.exists():
        missing.append(NO_CHROMIUM)
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append(NO_PLAYWRIGHT)
    return pytest.mark.skipif(bool(missing), reason=missing[0] if missing else "")


def free_port() -> int:
    """A loopback port nobody listens on now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


T = TypeVar("T")


def wait_until(check: Callable[[], T], timeout: float, what: str, every: float = 0.05) -> T:
    """`check()` once it is truthy; AssertionError naming `what` at the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        if result := check():
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(every)


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie counts as gone: it has exited)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"


def group_members(pgid: int) -> list[int]:
    """The live processes of process group `pgid`."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                members.append(int(entry.name))
    return members


def end_group(pgid: int) -> None:
    """Clean up after a test: SIGKILL what is left of a process group it started."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def children(pid: int) -> list[int]:
    """The live child processes of `pid`."""
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                found += [int(child) for child in (task / "children").read_text().split()]
    return [child for child in found if alive(child)]
