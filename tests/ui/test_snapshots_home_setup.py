"""Snapshots of home (one unfinished session) and the setup form at 80x24.

Deterministic: fixed dates, a fixed login name, and paths shown relative to a
temporary working folder. Update with `pytest --snapshot-update` and look at them.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from textual.pilot import Pilot

from tpm_tui.app import make_app
from tpm_tui.context import AppContext, InterviewRequest
from tpm_tui.domain.models import Candidate, Interviewer, new_session
from tpm_tui.storage.store import SessionStore

MakeContext = Callable[..., AppContext]
STARTED = datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC)


@pytest.fixture
def steady_context(
    make_context: MakeContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., AppContext]:
    """A context whose paths read the same on every machine."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(getpass, "getuser", lambda: "sam")

    def make(start: object = None) -> AppContext:
        return attrs.evolve(
            make_context(start),
            bank_path=Path("questions.toml"),
            store=SessionStore(Path("sessions"), cache_dir=tmp_path / "cache"),
        )

    return make


def test_home_with_an_unfinished_session(
    snap_compare: Callable[..., bool], steady_context: Callable[..., AppContext]
) -> None:
    context = steady_context()
    bank = context.bank
    session = new_session(
        kind="interview",
        session_id="",
        bank=bank,
        questions=bank.questions[:3],
        candidate=Candidate("Jane Doe", bank.bank.role, "senior"),
        minutes=45,
        interviewer=Interviewer("sam"),
    )
    session.created_at = session.updated_at = STARTED
    session.current = 1
    for area in session.questions[0].areas[:5]:
        area.covered = True
    context.store.create(session)

    async def listed(pilot: Pilot[None]) -> None:  # home lists the folder in a worker
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(context), terminal_size=(80, 24), run_before=listed)


def test_setup_form_with_a_pick(
    snap_compare: Callable[..., bool], steady_context: Callable[..., AppContext]
) -> None:
    context = steady_context(InterviewRequest(candidate="Jane Doe", seniority="mid"))
    # Two picked: the line warns below the recommended three.
    assert snap_compare(
        make_app(context), press=["space", "down", "down", "space"], terminal_size=(80, 24)
    )


def test_setup_form_for_a_junior(
    snap_compare: Callable[..., bool], steady_context: Callable[..., AppContext]
) -> None:
    context = steady_context(InterviewRequest(candidate="Jane Doe", seniority="junior"))
    # Suggest's junior set, then the first question (not for junior) picked anyway:
    # rows not for junior say so, the picks read 1/4…4/4, the pane and a warning
    # say the fourth is not for junior.
    assert snap_compare(make_app(context), press=["ctrl+g", "space"], terminal_size=(80, 24))
