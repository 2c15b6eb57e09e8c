"""One-key habits: alt+N ticks from the notes, digits mark follow-ups, `?` on every
screen, and a command palette of the app's own actions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from live_session_helpers import FakeClock, begin, context_with, live_session, screen_text
from review_helpers import save_session

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.dialogs.confirm import ConfirmDialog
from tpm_tui.domain.models import Bank
from tpm_tui.screens.detail import DetailScreen
from tpm_tui.screens.followups import FollowUpList, FollowUpsScreen
from tpm_tui.screens.help import HelpScreen
from tpm_tui.screens.home import HomeScreen
from tpm_tui.screens.review import ReviewScreen
from tpm_tui.screens.setup import SetupScreen
from tpm_tui.widgets.checklist import Checklist
from tpm_tui.widgets.notes import NotesEditor

SIZE = (80, 24)


@pytest.fixture
def context(make_context: Callable[..., AppContext], clock: FakeClock) -> AppContext:
    return context_with(make_context, clock)


async def test_alt_digit_ticks_from_the_notes_and_types_nothing(
    context: AppContext, clock: FakeClock
) -> None:
    async with live_session(context) as (app, pilot, keeper):
        clock.advance(42)
        await pilot.press("e", *"Said", "alt+2", "space", "x", "alt+9")
        await pilot.pause()
        editor = app.screen.query_one(NotesEditor)
        assert app.screen.focused is editor  # still typing
        record = keeper.session.questions[0]
        assert editor.text == "Said x" and record.notes == "Said x"
        assert [area.covered for area in record.areas] == [False, True] + [False] * 5
        assert record.areas[1].covered_at == 42
        assert "[x] 2" in screen_text(app)
        assert any("has 7 areas" in n.message for n in app._notifications)  # alt+9
        await pilot.press("escape", "alt+2")  # and from the checklist: untick
        assert not record.areas[1].covered
        assert isinstance(app.screen.focused, Checklist)


async def test_digits_mark_follow_up_n_asked(context: AppContext, clock: FakeClock) -> None:
    async with live_session(context) as (app, pilot, keeper):
        await pilot.press("f")
        assert isinstance(app.screen, FollowUpsScreen)
        clock.advance(75)
        await pilot.press("3", "1")
        follow_ups = keeper.session.questions[0].follow_ups
        assert [f.asked for f in follow_ups] == [True, False, True, False]
        assert follow_ups[2].asked_at == 75
        assert app.screen.query_one(FollowUpList).highlighted == 0
        text = screen_text(app)
        assert "Asked 2/4" in text and "1-9 Asked" in text.splitlines()[-1]
        await pilot.press("3", "5")  # again unmarks; there is no fifth
        assert not follow_ups[2].asked
        assert any("has 4 follow-ups" in n.message for n in app._notifications)
        await pilot.press("e", "2")  # in the note a digit is typed
        assert app.screen.query_one(NotesEditor).text == "2" and not follow_ups[1].asked


async def help_text(pilot) -> str:  # type: ignore[no-untyped-def]
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    text = screen_text(pilot.app)
    await pilot.press("escape")
    await pilot.pause()
    return text


async def test_question_mark_shows_each_screens_keys(
    make_context: Callable[..., AppContext], store_bank: tuple[object, Bank]
) -> None:
    store, bank = store_bank
    save_session(store, bank, candidate="Ann", recommendation="yes")  # type: ignore[arg-type]
    app = make_app(make_context())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = await help_text(pilot)
        assert "Interview" in text and "Practice" in text and "Review" in text
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        text = await help_text(pilot)
        assert "Filter the list as you type" in text and "Compare" in text
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert "Show the raw TOML file" in await help_text(pilot)
        await pilot.press("escape", "escape", "i")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("question_mark")  # the candidate field has focus: it types
        assert not isinstance(app.screen, HelpScreen)


async def test_question_mark_on_a_dialog(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(begin(context))
        await pilot.pause()
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)
        text = await help_text(pilot)
        assert "Keys" in text
        assert isinstance(app.screen, ConfirmDialog)


async def test_the_palette_lists_the_apps_actions_only(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Interview", "Practice", "Review", "Help"} <= home
        app.open_session(begin(context))
        await pilot.pause()
        commands = list(app.get_system_commands(app.screen))
        titles = [c.title for c in commands]
        for generic in ("Theme", "Screenshot", "Maximize", "Keys", "Focus Next", "Scroll Left",
                        "Copy selected text", "palette", "Tick"):  # fmt: skip
            assert generic not in titles
        assert {"Follow-ups", "Next", "Notes", "Rate", "Pause", "Finish", "Leave"} <= set(titles)
        assert len(titles) == len(set(titles))
        leave = next(c for c in commands if c.title == "Leave")
        assert "everything is saved" in leave.help


@pytest.fixture
def store_bank(make_context: Callable[..., AppContext], shipped_bank: Bank):  # type: ignore[no-untyped-def]
    return make_context().store, shipped_bank


async def test_f1_opens_help_while_typing_and_the_palette_offers_it(
    context: AppContext, clock: FakeClock
) -> None:
    """`?` types in a text field, so help has a second key, `f1`, and a palette entry."""
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Help" in titles  # the cursor is in a text field
        help_command = next(c for c in app.get_system_commands(app.screen) if c.title == "Help")
        help_command.callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("f1", "Every key, and interviewing guidance") in app.screen.rows
        await pilot.press("escape", *"Jo", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")  # closes it again, as `?` does
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("x")
        assert app.screen.query_one("#candidate").value == "Jox"  # type: ignore[attr-defined]

        app.open_session(begin(context))
        await pilot.pause()
        await pilot.press("e", *"Said", "f1")  # in the notes editor too
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", *" more")
        assert app.screen.query_one(NotesEditor).text == "Said more"
        await pilot.press("escape", "r", "f1")  # and while a rating digit is awaited
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_palette_entries_say_each_thing_once(context: AppContext) -> None:
    """`Interview` over `Interview (key: i)` read twice: the line under a name says
    what the name does not (the tooltip, if any) and the keys, each entry once."""
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert home["Interview"] == "key: i"
        assert home["Stories"] == "Your STAR stories for practice (key: s)"
        assert home["Help"] == "Every key, and interviewing guidance (keys: ? or f1)"
        await pilot.press("i")
        await pilot.pause()
        commands = list(app.get_system_commands(app.screen))
        titles = [c.title for c in commands]
        assert len(titles) == len(set(titles)), titles  # `Next field` was there twice
        setup = {c.title: c.help for c in commands}
        assert setup["Next field"] == "keys: ⏎ or tab"
        assert setup["Help"].endswith("(key: f1)")  # `?` types in the field
        for title, help_text in setup.items():
            assert title.casefold() not in help_text.casefold(), (title, help_text)
