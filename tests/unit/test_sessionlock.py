"""One writer per session: the lock, who holds it, and taking it over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tpm_tui.storage.lock import (
    Holder,
    SessionHeld,
    SessionLock,
    TakeOverFailed,
    holder_of,
    lock_path,
    take_over,
    this_host,
)
from tpm_tui.storage.store import SessionStore

# A holder in another process: takes the lock, says so, and on SIGHUP writes a last
# word into the session file (as the app saves) and exits.
HOLDER = textwrap.dedent(
    """
    import signal, sys, time
    from pathlib import Path
    from tpm_tui.storage.lock import SessionLock

    session = Path(sys.argv[1])
    lock = SessionLock.acquire(session)

    def hangup(*_):
        session.write_text("saved on hangup")
        sys.exit(0)

    signal.signal(signal.SIGHUP, hangup)
    print("holding", flush=True)
    while True:
        time.sleep(0.05)
    """
)


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "2026-11-28-1002-jane.toml"
    path.write_text("")
    return path


@pytest.fixture
def holder_process(session: Path):
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(session)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "holding\n"
    yield process
    process.kill()
    process.wait()


def test_a_second_writer_is_refused_and_told_who_holds_it(session: Path) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    first = SessionLock.acquire(session)
    with pytest.raises(SessionHeld) as refused:
        SessionLock.acquire(session, patience=0)
    holder = refused.value.holder
    assert holder.pid == os.getpid() and holder.host == this_host() and holder.here
    assert holder.since is not None and holder.since >= before
    assert f"pid {os.getpid()} on {this_host()} since" in str(refused.value)
    first.release()
    SessionLock.acquire(session, patience=0).release()


def test_the_lock_file_is_hidden_private_and_gone_when_released(session: Path) -> None:
    lock = SessionLock.acquire(session)
    path = lock_path(session)
    assert path.name.startswith(".") and path.parent == session.parent
    assert path.stat().st_mode & 0o777 == 0o600
    # Review lists only visible *.toml files: the lock never shows there.
    listed = SessionStore(session.parent, cache_dir=session.parent / "cache").scan()
    assert [item.path.name for item in listed] == [session.name]
    lock.release()
    assert not path.exists()


def test_holder_of_looks_without_taking(session: Path) -> None:
    assert holder_of(session) is None
    lock = SessionLock.acquire(session)
    seen = holder_of(session)
    assert seen is not None and seen.pid == os.getpid()
    lock.release()
    assert holder_of(session) is None


def test_kill_9_frees_the_lock_at_once(session: Path, holder_process: subprocess.Popen) -> None:
    held = holder_of(session)
    assert held is not None and held.pid == holder_process.pid
    holder_process.send_signal(signal.SIGKILL)
    holder_process.wait()
    # No stale lock: the kernel let go with the process (the file is still there).
    assert lock_path(session).exists()
    assert holder_of(session) is None
    SessionLock.acquire(session, patience=0).release()


@pytest.mark.parametrize("stopped", [False, True], ids=["running", "stopped"])
def test_take_over_makes_the_holder_save_and_exit(
    session: Path, holder_process: subprocess.Popen, stopped: bool
) -> None:
    if stopped:  # a suspended holder (ctrl+z) cannot act on SIGHUP until continued
        holder_process.send_signal(signal.SIGSTOP)
    holder = holder_of(session)
    assert holder is not None
    began = time.monotonic()
    lock = take_over(session, holder)
    assert time.monotonic() - began < 3
    assert lock.held
    assert holder_process.wait(5) == 0
    assert session.read_text() == "saved on hangup"
    lock.release()


def test_no_take_over_across_hosts_or_of_an_unknown_holder(session: Path) -> None:
    sent: list[tuple[int, int]] = []

    def kill(pid: int, number: int) -> None:
        sent.append((pid, number))

    elsewhere = Holder(4242, "another-host.example", None)
    with pytest.raises(TakeOverFailed, match=r"another-host\.example"):
        take_over(session, elsewhere, kill=kill)
    with pytest.raises(TakeOverFailed, match="which process"):
        take_over(session, Holder(None, this_host(), None), kill=kill)
    assert sent == []


def test_a_holder_that_does_not_let_go_is_reported(session: Path) -> None:
    lock = SessionLock.acquire(session)
    holder = holder_of(session)
    assert holder is not None
    with pytest.raises(TakeOverFailed, match=r"did not close within 0\.3 s"):
        take_over(session, holder, timeout=0.3, kill=lambda pid, number: None)
    lock.release()


def test_a_garbled_lock_file_still_counts_as_held(session: Path) -> None:
    lock = SessionLock.acquire(session)
    lock_path(session).write_bytes(b"\x00not json")
    seen = holder_of(session)
    assert seen is not None and seen.pid is None
    assert seen.describe() == "another process"
    lock.release()
