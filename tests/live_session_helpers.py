"""Shared by the live-session screen tests: a fake clock, a session, what the screen shows."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import attrs
from textual.app import App
from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled

from tpm_tui.app import TpmApp, make_app
from tpm_tui.context import AppContext
from tpm_tui.domain.models import Candidate, Interviewer, Session, new_session
from tpm_tui.keeper import SessionKeeper

# Two 7-area questions and the 8-area one, each with 4 follow-ups.
PICK = ("technical-trade-off", "coordinating-a-complex-launch", "adapting-the-roadmap")
FIXED_CREATED = datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC)
# An autosave interval for tests that wait for it: the app's own is 1 s.
QUICK_AUTOSAVE = 0.05


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


def quick_autosave(context: AppContext) -> AppContext:
    """The same context, autosaving every QUICK_AUTOSAVE seconds."""
    return attrs.evolve(context, autosave_seconds=QUICK_AUTOSAVE)


def on_disk(context: AppContext, keeper: SessionKeeper) -> Session:
    return context.store.load(keeper.path)


def screen_text(app: App) -> str:
    """Every character on screen, line by line, as the user sees it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def shown(widget: Widget) -> str:
    """The text a widget renders."""
    return str(widget.render())


@asynccontextmanager
async def live_session(
    context: AppContext, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[TpmApp, Pilot, SessionKeeper]]:
    """The app running, on the session screen of a new interview (`begin`)."""
    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        keeper = begin(context)
        app.open_session(keeper)
        await pilot.pause()
        yield app, pilot, keeper


async def until(pilot: Pilot, condition: Callable[[], object], within: float = 10.0) -> float:
    """Let the app run until `condition()` holds; returns the seconds that took.

    For what happens on a timer or in a worker thread: never a fixed pause."""
    began = time.monotonic()
    while not condition():
        assert time.monotonic() - began < within, f"still not so after {within} s"
        await pilot.pause(0.01)
    return time.monotonic() - began


async def handled(pilot: Pilot, last_effect: Callable[[], object]) -> None:
    """Wait until the burst's last key has had its effect, then the test checks the rest.

    Never a fixed pause: on a loaded machine the keys take longer than any guess,
    and a key still queued when the app closes would act on a dismantled screen."""

    def shown() -> object:
        try:
            return last_effect()
        except NoMatches:  # a widget built lazily, not yet there
            return False

    await until(pilot, shown)


async def saves_done(pilot: Pilot) -> None:
    """Wait until the saves started so far have reached the disk, and what they show.

    Each save runs in a worker thread. A newer save cancels the wait on an older one
    (never its write, which the keeper's lock puts before the newer one's): then wait
    for the newer ones. Saves started later (the autosave ticks on) are not waited for."""
    app = pilot.app
    pending = [worker for worker in app.workers if not worker.is_finished]
    while pending:
        try:
            await app.workers.wait_for_complete(pending)
        except WorkerCancelled:
            pending = [worker for worker in app.workers if not worker.is_finished]
        else:
            break
    await pilot.pause()  # the Saved message: a notice, the error line


async def autosaved(pilot: Pilot, keeper: SessionKeeper, within: float = 10.0) -> float:
    """Wait until the autosave has written every change; returns the seconds it took."""
    took = await until(pilot, lambda: not keeper.dirty, within)
    await saves_done(pilot)
    return took
