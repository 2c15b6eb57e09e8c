"""Shared fixtures: keep the test machine's own folders and settings out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from live_session_helpers import FakeClock, context_with

from tpm_tui.context import AppContext, StartRequest
from tpm_tui.domain.models import Bank


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the real home, data or cache folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    for name in ("TPM_TUI_SESSIONS", "SSH_CONNECTION", "TPM_TUI_CURSOR_BLINK", "TPM_TUI_MOUSE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def shipped_bank() -> Bank:
    from tpm_tui.storage.bank import default_bank_path, load_bank

    return load_bank(default_bank_path())


@pytest.fixture
def sessions_dir(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


@pytest.fixture
def make_context(shipped_bank: Bank, sessions_dir: Path) -> Callable[..., AppContext]:
    """An AppContext on the shipped bank and a temporary sessions folder."""
    from tpm_tui.storage.bank import default_bank_path
    from tpm_tui.storage.store import SessionStore

    def make(start: StartRequest | None = None, *, bank: Bank | None = None) -> AppContext:
        return AppContext(
            bank=bank or shipped_bank,
            bank_path=default_bank_path(),
            store=SessionStore(sessions_dir, cache_dir=sessions_dir.parent / "cache"),
            cursor_blink=False,
            start=start,
        )

    return make


@pytest.fixture
def clock() -> FakeClock:
    """The monotonic clock the live screens read, moved by hand."""
    return FakeClock()


@pytest.fixture
def context(make_context: Callable[..., AppContext], clock: FakeClock) -> AppContext:
    """An AppContext whose timers read `clock` (test modules may define their own)."""
    return context_with(make_context, clock)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly which real programs were missing and how many tests that skipped:
    `sshd not installed: 4 SSH tests skipped (apt-get install openssh-server)`."""
    from remote_helpers import MISSING_PROGRAMS

    counts = dict.fromkeys(MISSING_PROGRAMS, 0)
    for report in terminalreporter.stats.get("skipped", []):
        if isinstance(report.longrepr, tuple):  # (file, line, "Skipped: reason")
            reason = str(report.longrepr[2]).removeprefix("Skipped: ")
            if reason in counts:
                counts[reason] += 1
    for reason, count in counts.items():
        if count:
            what, _, rest = reason.partition(": ")
            terminalreporter.write_line(f"{what}: {count} {rest}", yellow=True, bold=True)
