"""Help: every key of the screen it opened from (from its bindings), and the guidance."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from live_session_helpers import FakeClock, begin, context_with, screen_text
from textual.widgets import Static

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.screens.followups import FollowUpsScreen
from tpm_tui.screens.help import HelpScreen, _span
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.summary import SummaryScreen

SIZE = (80, 24)


@pytest.fixture
def context(make_context: Callable[..., AppContext]) -> AppContext:
    return context_with(make_context, FakeClock())


def test_digit_runs_are_ranges() -> None:
    assert _span(["1", "2", "3", "4"]) == ["1-4"]
    assert _span(["n", "→"]) == ["n", "→"]
    assert _span(["1", "2", "x", "5"]) == ["1", "2", "x", "5"]


async def open_help(pilot, context: AppContext, before=()):  # type: ignore[no-untyped-def]
    pilot.app.open_session(begin(context))
    await pilot.pause()
    await pilot.press(*before, "question_mark")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    return pilot.app.screen


async def test_session_help_lists_every_key_and_the_guidance(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        help_screen = await open_help(pilot, context)
        rows = dict((what, keys) for keys, what in help_screen.rows)
        # Generated from the bindings: every session binding with its keys.
        for binding in SessionScreen.BINDINGS:
            if binding.action != "resume":  # type: ignore[union-attr]
                assert binding.tooltip in rows  # type: ignore[union-attr]
        assert rows["Tick / untick area N"] == "1-9"
        assert rows["Next question"] == "n, →"
        assert rows["Previous question"] == "p, ←"
        assert rows["Tick / untick the highlighted row"] in ("space, ⏎", "⏎, space")
        assert rows["Move down"] == "↓, j"
        assert rows["Rate the answer: 1 weak, 2 mixed, 3 good, 4 strong"] == "r then 1-4"
        assert rows["Clear the rating"] == "r then 0"
        assert "^q" in rows.values() and "^s" in rows.values()
        text = screen_text(app)
        assert "Keys" in text and "Tick / untick area N" in text
        guidance = str(help_screen.query_one("#help-guidance", Static).render())
        for item in context.bank.guidance:
            assert item.question in guidance
            assert item.answer in guidance
        await pilot.press("end")
        assert context.bank.guidance[-1].answer[-40:] in " ".join(screen_text(app).split())
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("question_mark", "question_mark")
        assert isinstance(app.screen, SessionScreen)


async def test_help_on_the_follow_ups_and_summary_screens(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        help_screen = await open_help(pilot, context, ("f",))
        whats = [what for _, what in help_screen.rows]
        assert "Mark the highlighted follow-up asked / not" in whats
        assert "Write a note on the highlighted follow-up" in whats
        assert "Tick / untick area N" not in whats  # not a key here
        await pilot.press("escape")
        assert isinstance(app.screen, FollowUpsScreen)
        await pilot.press("escape", "q", "y", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict((what, keys) for keys, what in app.screen.rows)
        assert rows["Overall recommendation: 1 strong no, 2 no, 3 yes, 4 strong yes"] == "1-4"
        assert rows["Complete and save"] == "^s"
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)


def test_runs_with_a_modifier_are_ranges_too() -> None:
    assert _span(["alt+1", "alt+2", "alt+3"]) == ["alt+1-3"]
    assert _span(["1", "2", "3", "alt+1", "alt+2", "alt+3"]) == ["1-3", "alt+1-3"]
    assert _span(["f5", "ctrl+r"]) == ["f5", "ctrl+r"]
