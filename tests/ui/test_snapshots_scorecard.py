"""A snapshot at 80x24 of the summary's scorecard: ratings pre-filled and chosen,
a strength and a concern, the focus on the ratings."""

from __future__ import annotations

from live_session_helpers import FakeClock, begin

from tpm_tui.app import make_app
from tpm_tui.context import AppContext

SIZE = (80, 24)


def test_scorecard(snap_compare, context: AppContext, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.open_session(begin(context))
        await pilot.pause()
        clock.advance(125)
        await pilot.press("r", "2", "n", "n", "r", "3", "q", "y", "3")
        await pilot.press("tab", "tab", "a", *"Owns outcomes", "enter")
        await pilot.press("tab", "a", *"Vague on results", "enter")
        await pilot.press("shift+tab", "shift+tab", "down", "4")
        await pilot.pause()

    assert snap_compare(make_app(context), terminal_size=SIZE, run_before=run_before)
