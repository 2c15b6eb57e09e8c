"""Keys that arrive in one burst (a fast typist, a laggy SSH link) mean what they
would mean typed slowly: after `e` they type, after `r` the digit rates.

Textual forwards every key to the widget focused when the key arrives, before
the key that moves focus has been acted on; the keys are posted here all at
once, as the terminal driver does with one read of several bytes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from live_session_helpers import PICK, FakeClock, context_with, handled, live_session
from textual import events
from textual.app import App
from textual.widgets import Input

from tpm_tui.app import make_app
from tpm_tui.context import AppContext, InterviewRequest
from tpm_tui.screens.followups import FollowUpsScreen
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.setup import SetupScreen
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
    async with live_session(context) as (app, pilot, keeper):
        burst(app, "enot quite")  # n would move on, t pause, q finish
        await handled(
            pilot, lambda: app.screen.query_one("#live-notes", NotesEditor).text == "not quite"
        )
        assert isinstance(app.screen, SessionScreen)
        assert keeper.session.current == 0
        assert app.screen.query_one("#live-notes", NotesEditor).text == "not quite"
        assert not app.screen.clock.paused


async def test_a_digit_right_after_r_rates_and_the_next_key_acts(context: AppContext) -> None:
    async with live_session(context) as (app, pilot, keeper):
        burst(app, "12r3n")
        await handled(pilot, lambda: keeper.session.current == 1)
        first = keeper.session.questions[0]
        assert [area.covered for area in first.areas[:3]] == [True, True, False]
        assert first.rating == 3
        assert keeper.session.current == 1  # `n` after the rating moved on


async def test_follow_up_note_typed_in_a_burst(context: AppContext) -> None:
    async with live_session(context) as (app, pilot, keeper):
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        burst(app, " enew team")  # mark asked, then a note starting with n
        await handled(pilot, lambda: app.screen.query_one(NotesEditor).text == "new team")
        follow_up = keeper.session.questions[0].follow_ups[0]
        assert follow_up.asked
        assert app.screen.query_one(NotesEditor).text == "new team"


@pytest.mark.parametrize(
    ("keys", "index"),
    [("3eThree", 2), ("jeJay", 1), ("2e more", 1)],
    ids=["digit", "j", "onto-a-note"],
)
async def test_a_follow_up_note_typed_right_after_moving_is_that_follow_ups(
    context: AppContext, keys: str, index: int
) -> None:
    # Found by a tester: `3 e text escape` in one burst lost the text (the note shown
    # was swapped for follow-up 3's, empty, after the typing had begun), and typing
    # onto an existing note went before it.
    async with live_session(context) as (app, pilot, keeper):
        follow_ups = keeper.session.questions[0].follow_ups
        follow_ups[1].notes = "Aligned"
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        burst_keys(app, [*typed(keys), ("escape", None)])
        await handled(pilot, lambda: not isinstance(app.focused, NotesEditor) and any(
            f.notes not in ("", "Aligned") for f in follow_ups))  # fmt: skip
        await pilot.pause()
        expected = {"jeJay": "AlignedJay", "2e more": "Aligned more"}.get(keys, keys[2:])
        assert follow_ups[index].notes == expected
        assert [f.notes for i, f in enumerate(follow_ups) if i != index] == [
            "Aligned" if i == 1 else "" for i in range(len(follow_ups)) if i != index
        ]


async def test_summary_notes_typed_in_a_burst(context: AppContext) -> None:
    async with live_session(context) as (app, pilot, keeper):
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        burst(app, "3e4 yes")
        await handled(pilot, lambda: app.screen.query_one(NotesEditor).text == "4 yes")
        assert keeper.session.draft is not None
        assert keeper.session.draft.recommendation == "yes"
        assert app.screen.query_one(NotesEditor).text == "4 yes"


def burst_keys(app: App, keys: list[tuple[str, str | None]]) -> None:
    """Post named keys (tab, enter, shift+tab…) at once, as the driver reads them."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


def typed(text: str) -> list[tuple[str, str | None]]:
    named = {" ": "space", "\t": "tab", "\r": "enter"}
    return [(named.get(character, character), character) for character in text]


async def setup_form(pilot, context: AppContext) -> SetupScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    app.open_interview(InterviewRequest(pick=PICK))  # the form, and what starts its session
    await pilot.pause()
    assert app.focused is app.screen.query_one("#candidate", Input)
    return app.screen


def fields(screen: SetupScreen) -> list[str]:
    return [screen.query_one(f"#{name}", Input).value for name in FIELDS]


FIELDS = ("candidate", "role", "interviewer")


async def test_setup_fields_typed_in_a_burst_with_tabs(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await setup_form(pilot, context)
        burst_keys(app, typed("Jane Doe\tStaff TPM\tKim"))
        await handled(pilot, lambda: fields(screen) == ["Jane Doe", "Staff TPM", "Kim"])
        assert fields(screen) == ["Jane Doe", "Staff TPM", "Kim"]
        assert app.focused is screen.query_one("#interviewer", Input)


async def test_setup_fields_typed_in_a_burst_with_enter_and_shift_tab(
    context: AppContext,
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await setup_form(pilot, context)
        keys = [*typed("Jane\rPM\t"), ("shift+tab", None), *typed(" Lead")]
        burst_keys(app, keys)
        await handled(pilot, lambda: fields(screen)[1] == " Lead")
        # Back on the role with its text selected (as a focused field is): replaced.
        assert fields(screen)[:2] == ["Jane", " Lead"]
        assert app.focused is screen.query_one("#role", Input)


async def test_setup_burst_then_ctrl_s_starts_with_every_field(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await setup_form(pilot, context)
        burst_keys(app, [*typed("Jane Doe\tStaff TPM\tKim"), ("ctrl+s", None)])
        await handled(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert isinstance(app.screen, SessionScreen)
        session = app.screen.session
        assert session.candidate.name == "Jane Doe"
        assert session.candidate.role == "Staff TPM"
        assert session.interviewer is not None and session.interviewer.name == "Kim"


async def test_a_paste_with_tabs_or_lines_fills_the_fields_in_turn(context: AppContext) -> None:
    # Nothing pasted is dropped (a one-line field keeps only the first line) and no
    # name holds a tab: each separator moves on, as typing it would.
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await setup_form(pilot, context)
        app.post_message(events.Paste("Jane Doe\tStaff TPM\r\nKim"))
        await handled(pilot, lambda: fields(screen) == ["Jane Doe", "Staff TPM", "Kim"])
        assert fields(screen) == ["Jane Doe", "Staff TPM", "Kim"]
        assert app.focused is screen.query_one("#interviewer", Input)


async def test_keys_after_escape_in_a_burst_act_again(context: AppContext) -> None:
    async with live_session(context) as (app, pilot, keeper):
        burst_keys(app, [*typed("eok"), ("escape", None), *typed("2n")])
        await handled(pilot, lambda: keeper.session.current == 1)
        first = keeper.session.questions[0]
        assert first.notes == "ok"
        assert [area.covered for area in first.areas[:2]] == [False, True]


async def test_a_scorecard_line_ended_in_a_burst_lets_the_next_keys_act(
    context: AppContext,
) -> None:
    async with live_session(context) as (app, pilot, keeper):
        await pilot.press("q", "y")
        await handled(pilot, lambda: isinstance(app.screen, SummaryScreen))
        # A strength typed and ended with enter, then the recommendation, at once.
        burst_keys(app, [("tab", None), ("tab", None), *typed("aQuantifies\r3")])
        await handled(
            pilot,
            lambda: (
                keeper.session.draft is not None and keeper.session.draft.recommendation == "yes"
            ),
        )
        assert keeper.session.draft.strengths == ["Quantifies"]
