"""A team on local disk: a bare repository as the remote, sessions folders as interviewers.

The machine's own git settings never leak in (no system or global config), so
every test sees git's defaults, as a new team member would.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tpm_tui.domain.models import Bank, Candidate, Interviewer, Outcome, new_session
from tpm_tui.storage.store import SessionStore

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
WHEN = datetime(2026, 11, 28, 10, 2, tzinfo=UTC)


def isolate_git(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
                 "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_SSH_COMMAND"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


def git(folder: Path, *args: str) -> str:
    """Run git in `folder` as a person at a shell would (with an identity for commits)."""
    env_identity = ["-c", "user.name=Someone", "-c", "user.email=someone@example.com"]
    result = subprocess.run(
        ["git", *env_identity, *args], cwd=folder, capture_output=True, text=True, check=True
    )
    return result.stdout


def bare_remote(tmp_path: Path) -> Path:
    remote = tmp_path / "team.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    return remote


def write_session(
    store: SessionStore,
    bank: Bank,
    candidate: str,
    *,
    interviewer: str = "Ana",
    completed: bool = True,
    when: datetime = WHEN,
    notes: str = "",
) -> Path:
    """One interview session file, completed or not; its name comes from `when` and
    `candidate`, so two folders given the same ones clash."""
    session = new_session(
        kind="interview",
        session_id="x",
        bank=bank,
        questions=[bank.questions[0]],
        candidate=Candidate(candidate, "TPM", "senior"),
        minutes=45,
        interviewer=Interviewer(interviewer),
    )
    session.created_at = session.updated_at = when
    session.questions[0].notes = notes
    if completed:
        session.complete(Outcome("yes", f"{interviewer} on {candidate}"))
    return store.create(session)


def remote_files(remote: Path) -> list[str]:
    """Every file name in every commit the remote holds."""
    out = git(remote, "log", "--all", "--format=", "--name-only")
    return sorted({line for line in out.splitlines() if line})
