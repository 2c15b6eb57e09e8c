"""Snapshots at 80x24 of the live session screens: a fixed clock and a fixed creation time."""

from __future__ import annotations

from live_session_helpers import PICK, FakeClock, begin

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.widgets.timer import TimerDisplay

SIZE = (80, 24)


def opener(context: AppContext, clock: FakeClock, *keys: str):  # type: ignore[no-untyped-def]
    """A `run_before` that starts the session, lets 2:05 pass and presses `keys`."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.open_session(begin(context))
        await pilot.pause()
        clock.advance(125)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_session_screen(snap_compare, context: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    keys = ("1", "down", "down", "space", "r", "3", "e", *"Clear story", "escape")
    assert snap_compare(
        make_app(context), terminal_size=SIZE, run_before=opener(context, clock, *keys)
    )


def test_session_screen_paused_and_rating(
    snap_compare, context: AppContext, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        make_app(context), terminal_size=SIZE, run_before=opener(context, clock, "t", "n", "r")
    )


def test_follow_ups_screen(snap_compare, context: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    keys = ("f", "down", "space", "e", *"Named two teams", "escape")
    assert snap_compare(
        make_app(context), terminal_size=SIZE, run_before=opener(context, clock, *keys)
    )


def test_summary_screen(snap_compare, context: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    keys = ("1", "2", "r", "4", "n", "3", "q", "y", "3")
    assert snap_compare(
        make_app(context), terminal_size=SIZE, run_before=opener(context, clock, *keys)
    )


def test_help_screen(snap_compare, context: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        make_app(context), terminal_size=SIZE, run_before=opener(context, clock, "question_mark")
    )


def test_session_screen_wrapping_up_and_behind(  # type: ignore[no-untyped-def]
    snap_compare, context: AppContext, clock: FakeClock
) -> None:
    """8:05 on a 10:00 question of a 20-minute interview that needs 32: both warn."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.open_session(begin(context, minutes=20))
        await pilot.pause()
        clock.advance(485)
        await pilot.press("1")
        for timer in pilot.app.screen.query(TimerDisplay):
            timer.refresh_now()
        await pilot.pause()

    assert snap_compare(make_app(context), terminal_size=SIZE, run_before=run_before)


def test_session_screen_over(snap_compare, context: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    """12:05 on a 10:00 question of a 10-minute interview: both over."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.open_session(begin(context, minutes=10, pick=PICK[:1]))
        await pilot.pause()
        clock.advance(725)
        await pilot.press("1")
        for timer in pilot.app.screen.query(TimerDisplay):
            timer.refresh_now()
        await pilot.pause()

    assert snap_compare(make_app(context), terminal_size=SIZE, run_before=run_before)
