"""Shared by the live-session screen tests: a fake clock, a session, what the screen shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import attrs
from textual.app import App
from textual.widget import Widget

from tpm_tui.context import AppContext
from tpm_tui.domain.models import Candidate, Interviewer, Session, new_session
from tpm_tui.keeper import SessionKeeper

# Two 7-area questions and the 8-area one, each with 4 follow-ups.
PICK = ("technical-trade-off", "coordinating-a-complex-launch", "adapting-the-roadmap")
FIXED_CREATED = datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def context_with(make_context: Callable[..., AppContext], clock: FakeClock) -> AppContext:
    return attrs.evolve(make_context(), clock=clock)


def begin(
    context: AppContext,
    *,
    candidate: str = "Jane Doe",
    pick: Sequence[str] = PICK,
    minutes: int = 45,
    elapsed: int = 0,
) -> SessionKeeper:
    """Write a new interview session (fixed creation time) and return its keeper."""
    bank = context.bank
    session = new_session(
        kind="interview",
        session_id="x",
        bank=bank,
        questions=[bank.question(qid) for qid in pick],
        candidate=Candidate(candidate, "Technical Product Manager", "senior"),
        minutes=minutes,
        interviewer=Interviewer("sam"),
    )
    session.created_at = session.updated_at = FIXED_CREATED
    session.elapsed_seconds = elapsed
    return SessionKeeper.begin(context.store, session)


def on_disk(context: AppContext, keeper: SessionKeeper) -> Session:
    return context.store.load(keeper.path)


def screen_text(app: App) -> str:
    """Every character on screen, line by line, as the user sees it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def shown(widget: Widget) -> str:
    """The text a widget renders."""
    return str(widget.render())
