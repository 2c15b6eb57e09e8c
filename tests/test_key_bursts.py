"""Keys that arrive in one burst (a fast typist, a laggy SSH link) mean what they
would mean typed slowly: after `e` they type, after `r` the digit rates.

Textual forwards every key to the widget focused when the key arrives, before
the key that moves focus has been acted on; the keys are posted here all at
once, as the terminal driver does with one read of several bytes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from live_session_helpers import FakeClock, begin, context_with
from textual import events
from textual.app import App

from tpm_tui.app import make_app
from tpm_tui.config import AppContext
from tpm_tui.screens.followups import FollowUpsScreen
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.summary import SummaryScreen
from tpm_tui.widgets.notes import NotesEditor

SIZE = (80, 24)


@pytest.fixture
def context(make_context: Callable[..., AppContext]) -> AppContext:
    return context_with(make_context, FakeClock())


def burst(app: App, keys: str) -> None:
    """Post every key at once, without waiting for any to be handled."""
    for character in keys:
        app.post_message(events.Key("space" if character == " " else character, character))


async def test_text_typed_right_after_e_goes_into_the_notes(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context)
        app.open_session(keeper)
        await pilot.pause()
        burst(app, "enot quite")  # n would move on, t pause, q finish
        await pilot.pause(0.3)
        assert isinstance(app.screen, SessionScreen)
        assert keeper.session.current == 0
        assert app.screen.query_one("#session-notes", NotesEditor).text == "not quite"
        assert not app.screen.clock.paused


async def test_a_digit_right_after_r_rates_and_the_next_key_acts(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context)
        app.open_session(keeper)
        await pilot.pause()
        burst(app, "12r3n")
        await pilot.pause(0.3)
        first = keeper.session.questions[0]
        assert [area.covered for area in first.areas[:3]] == [True, True, False]
        assert first.rating == 3
        assert keeper.session.current == 1  # `n` after the rating moved on


async def test_follow_up_note_typed_in_a_burst(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context)
        app.open_session(keeper)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        burst(app, " enew team")  # mark asked, then a note starting with n
        await pilot.pause(0.3)
        follow_up = keeper.session.questions[0].follow_ups[0]
        assert follow_up.asked
        assert app.screen.query_one(NotesEditor).text == "new team"


async def test_summary_notes_typed_in_a_burst(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context)
        app.open_session(keeper)
        await pilot.pause()
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        burst(app, "3e4 yes")
        await pilot.pause(0.3)
        assert keeper.session.draft is not None
        assert keeper.session.draft.recommendation == "yes"
        assert app.screen.query_one(NotesEditor).text == "4 yes"
