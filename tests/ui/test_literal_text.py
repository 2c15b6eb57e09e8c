"""Typed text shows as typed on the live screens: no markup, no actions, no raw escapes."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest
from live_session_helpers import FakeClock, begin, context_with, live_session, on_disk, screen_text

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.domain.models import Bank, Guidance
from tpm_tui.screens.followups import FollowUpsScreen
from tpm_tui.screens.help import HelpScreen
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.summary import SummaryScreen
from tpm_tui.widgets.notes import NotesEditor

SIZE = (80, 24)
NAMES = [
    "[bold]Zed[/",
    "[@click=app.quit]x[/]",
    "[link=x]y[/link] [/]",
    "🚀 \x1b[31mred",
]
NOTES = "[red]x[/red] [/] [@click=app.quit]q[/] 🚀"


def shown(text: str) -> str:
    """How the screen shows `text`: ESC as its visible picture."""
    return text.replace("\x1b", "␛")


@pytest.fixture
def hostile_bank(shipped_bank: Bank) -> Bank:
    first = shipped_bank.questions[0]
    question = attrs.evolve(
        first,
        title="[b]T[/b] 🚀",
        text="[@click=app.quit]Tell[/] me \x1b[2J about [/]",
        areas=("[red]area one[/red]", "\x1b[31marea two", *first.areas[2:]),
        follow_ups=("[link=https://x]probe[/link]", *first.follow_ups[1:]),
    )
    guidance = (Guidance("[bold]Why?[/", "[@click=app.quit]Because[/] \x1b[31m"),)
    return attrs.evolve(
        shipped_bank, questions=(question, *shipped_bank.questions[1:]), guidance=guidance
    )


@pytest.mark.parametrize("name", NAMES)
async def test_names_show_as_typed_everywhere(
    make_context: Callable[..., AppContext], name: str
) -> None:
    context = context_with(make_context, FakeClock())
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context, candidate=name)
        app.open_session(keeper)
        await pilot.pause()
        assert shown(name) in screen_text(app) and "\x1b" not in screen_text(app)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert shown(name) in screen_text(app) and "\x1b" not in screen_text(app)
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
        assert app.is_running
    assert on_disk(context, keeper).candidate.name == name


async def test_notes_show_as_typed_everywhere(make_context: Callable[..., AppContext]) -> None:
    context = context_with(make_context, FakeClock())
    async with live_session(context) as (app, pilot, keeper):
        await pilot.press("e", *NOTES, "escape")
        keeper.session.questions[1].notes = "\x1b[31mred"  # as if resumed from a file
        await pilot.press("n")
        text = screen_text(app)
        assert "␛[31mred" in text and "\x1b" not in text
        await pilot.press("p")
        assert NOTES in screen_text(app)
        await pilot.press("f", "e")
        app.screen.query_one(NotesEditor).insert(NOTES)
        await pilot.press("escape")
        assert isinstance(app.screen, FollowUpsScreen) and NOTES in screen_text(app)
        await pilot.press("escape", "q", "y", "e")
        app.screen.query_one(NotesEditor).insert(NOTES)
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen) and NOTES in screen_text(app)
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
        assert app.is_running
    saved = on_disk(context, keeper)
    assert saved.questions[0].notes == NOTES
    assert saved.questions[1].notes == "\x1b[31mred"
    assert saved.questions[0].follow_ups[0].notes == NOTES
    assert saved.outcome is not None and saved.outcome.notes == NOTES


async def test_bank_texts_show_as_written(
    make_context: Callable[..., AppContext], hostile_bank: Bank
) -> None:
    context = attrs.evolve(make_context(bank=hostile_bank), clock=FakeClock())
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context, pick=(hostile_bank.questions[0].id,))
        app.open_session(keeper)
        await pilot.pause()
        text = screen_text(app)
        for part in ("[b]T[/b] 🚀", "[@click=app.quit]Tell[/] me ␛[2J about [/]"):
            assert part in " ".join(text.split())
        assert "[red]area one[/red]" in text and "␛[31marea two" in text
        assert "\x1b" not in text
        await pilot.press("f")
        assert "[link=https://x]probe[/link]" in screen_text(app)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("end")
        assert "[bold]Why?[/" in screen_text(app)
        assert "[@click=app.quit]Because[/] ␛[31m" in screen_text(app)
        await pilot.press("escape", "q", "y")
        await pilot.pause()
        seen = screen_text(app)
        for _ in range(3):  # the gaps come after the scorecard
            await pilot.press("pagedown")
            seen += screen_text(app)
        assert "[red]area one[/red]" in seen
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen) and app.is_running
    assert on_disk(context, keeper).questions[0].areas[1].text == "\x1b[31marea two"


async def test_bank_texts_show_as_written_in_the_setup_pane(
    make_context: Callable[..., AppContext], hostile_bank: Bank
) -> None:
    from tpm_tui.context import InterviewRequest

    app = make_app(make_context(InterviewRequest(candidate="Jo"), bank=hostile_bank))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "─ [b]T[/b] 🚀 ─" in text  # the pane's title
        assert "[@click=app.quit]Tell[/] me ␛[2J about [/]" in text
        assert "[red]area one[/red] · ␛[31marea two" in text
        assert "\x1b" not in text
        await pilot.click("#question-pane", offset=(20, 3))  # no action runs
        assert app.is_running
