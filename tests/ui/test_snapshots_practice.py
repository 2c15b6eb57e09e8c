"""Snapshots at 80x24 of practice: answering, the reveal, a probe, and progress.

A fixed clock, fixed creation times and a fixed candidate name keep them stable.
"""

from __future__ import annotations

from datetime import UTC, datetime

from live_session_helpers import FakeClock
from practice_helpers import begin_at, practice_session

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.widgets.timer import TimerDisplay

SIZE = (80, 24)
EARLIER = datetime(2026, 11, 20, 9, 10, tzinfo=UTC)
NOW = datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC)


def opener(context: AppContext, clock: FakeClock, *steps: str | float):  # type: ignore[no-untyped-def]
    """A `run_before` that starts a practice and plays `steps`: keys, or seconds to pass."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.open_session(begin_at(context, NOW, revealed=False))
        await pilot.pause()
        for step in steps:
            if isinstance(step, str):
                await pilot.press(step)
            else:
                clock.advance(step)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        # The timers repaint once a real second: read the fake clock now, not maybe.
        for timer in pilot.app.screen.query(TimerDisplay):
            timer.refresh_now()
        await pilot.pause()

    return run_before


def test_answering(snap_compare, context: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    run_before = opener(context, clock, "enter", 95, "s", "s")
    assert snap_compare(make_app(context), terminal_size=SIZE, run_before=run_before)


def test_revealed_and_self_checked(snap_compare, context: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    keys = ("enter", 150, "s", "v", 10, "1", "3", "r", "3", "e", *"Lead with the number", "escape")
    run_before = opener(context, clock, *keys)
    assert snap_compare(make_app(context), terminal_size=SIZE, run_before=run_before)


def test_probe(snap_compare, context: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    keys = ("enter", 150, "v", "f", 35, "space", "e", *"Name the dashboard", "escape")
    run_before = opener(context, clock, *keys)
    assert snap_compare(make_app(context), terminal_size=SIZE, run_before=run_before)


def test_progress(snap_compare, context: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    earlier = practice_session(context, EARLIER, covered=(2, 4))
    earlier.questions[0].notes = "Lead with the number, then how the team used it"
    context.store.create(earlier)
    keys = (120, "v", "1", "2", "3", "4", "r", "3", "n", 100, "v", "2", "q", "y")
    run_before = opener(context, clock, *keys)
    assert snap_compare(make_app(context), terminal_size=SIZE, run_before=run_before)
