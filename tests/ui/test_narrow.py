"""Any terminal size of at least 1x1 works on every screen: nothing crashes when
the window is one or two columns wide (a split pane dragged shut), or resized there.

Textual's OptionList divides by its width (`range() arg 3 must not be zero`);
the other widgets are checked here too, so a new one cannot bring it back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest
from live_session_helpers import begin
from practice_helpers import begin_at
from review_helpers import panel_of_three
from textual.pilot import Pilot
from textual.screen import Screen

from tpm_tui.app import TpmApp, make_app
from tpm_tui.context import AppContext, InterviewRequest, ReviewRequest
from tpm_tui.screens.compare import CompareScreen
from tpm_tui.screens.detail import DetailScreen
from tpm_tui.screens.followups import FollowUpsScreen
from tpm_tui.screens.help import HelpScreen
from tpm_tui.screens.home import HomeScreen
from tpm_tui.screens.practice import PracticeScreen
from tpm_tui.screens.probe import ProbeScreen
from tpm_tui.screens.progress import ProgressScreen
from tpm_tui.screens.review import ReviewScreen
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.setup import SetupScreen
from tpm_tui.screens.summary import SummaryScreen

CREATED = datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC)
Opener = Callable[[TpmApp, Pilot, AppContext], Awaitable[None]]


async def keys(pilot: Pilot, *pressed: str) -> None:
    await pilot.press(*pressed)
    await pilot.pause()


async def home(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    await pilot.pause()


async def setup(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    await keys(pilot, "i")


async def session(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    app.open_session(begin(context))
    await pilot.pause()


async def follow_ups(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    await session(app, pilot, context)
    await keys(pilot, "f")


async def summary(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    await session(app, pilot, context)
    await keys(pilot, "q", "y")


async def help_(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    await session(app, pilot, context)
    await keys(pilot, "question_mark")


async def practice(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    app.open_session(begin_at(context, CREATED))
    await pilot.pause()


async def probe(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    await practice(app, pilot, context)
    await keys(pilot, "f")


async def progress(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    await practice(app, pilot, context)
    await keys(pilot, "q", "y")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def review(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    panel_of_three(context.store, context.bank)
    app.open_review(ReviewRequest())
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def detail(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    await review(app, pilot, context)
    await keys(pilot, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def compare(app: TpmApp, pilot: Pilot, context: AppContext) -> None:
    await review(app, pilot, context)
    await keys(pilot, "space", "space", "c")
    await app.workers.wait_for_complete()
    await pilot.pause()


SCREENS: dict[str, tuple[Opener, type[Screen]]] = {
    "home": (home, HomeScreen),
    "setup": (setup, SetupScreen),
    "session": (session, SessionScreen),
    "follow-ups": (follow_ups, FollowUpsScreen),
    "summary": (summary, SummaryScreen),
    "help": (help_, HelpScreen),
    "practice": (practice, PracticeScreen),
    "probe": (probe, ProbeScreen),
    "progress": (progress, ProgressScreen),
    "review": (review, ReviewScreen),
    "detail": (detail, DetailScreen),
    "compare": (compare, CompareScreen),
}


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "alex")


# Opened at one column, then resized through every narrow width and back.
SIZES = ((2, 24), (1, 1), (2, 2), (80, 24), (40, 24), (10, 24), (5, 24), (3, 24), (2, 24), (1, 24))


@pytest.mark.parametrize("name", SCREENS)
async def test_every_screen_at_one_or_two_columns(
    make_context: Callable[..., AppContext], name: str
) -> None:
    opener, screen_type = SCREENS[name]
    context = make_context(None)
    app = make_app(context)
    async with app.run_test(size=(1, 24)) as pilot:
        await opener(app, pilot, context)
        assert isinstance(app.screen, screen_type)
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await keys(pilot, "down", "up")  # moving in a list at one column
        assert isinstance(app.screen, screen_type)
    assert app.return_code in (None, 0)


async def test_the_setup_form_at_one_row(make_context: Callable[..., AppContext]) -> None:
    app = make_app(make_context(InterviewRequest()))
    async with app.run_test(size=(80, 1)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"Jo", "tab")
        assert app.return_code is None
