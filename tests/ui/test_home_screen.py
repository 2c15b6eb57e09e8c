"""The home screen at 80x24, driven by keys only: entries, resume rows, where things are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from live_session_helpers import until
from review_helpers import notices
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tpm_tui.app import TpmApp, make_app
from tpm_tui.context import (
    AppContext,
    InterviewRequest,
    PracticeRequest,
    ResumeRequest,
    ReviewRequest,
)
from tpm_tui.domain.models import Bank, Candidate, Outcome, new_session
from tpm_tui.keeper import NothingToResume, resume_keeper
from tpm_tui.screens.home import HomeScreen
from tpm_tui.screens.practice import PracticeScreen
from tpm_tui.screens.review import ReviewScreen
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.setup import SetupScreen
from tpm_tui.screens.stories import StoriesScreen
from tpm_tui.screens.summary import SummaryScreen
from tpm_tui.storage.store import SessionStore

MakeContext = Callable[..., AppContext]


def add_session(
    context: AppContext, name: str = "Jane Doe", *, completed: bool = False, current: int = 0
) -> Path:
    bank = context.bank
    session = new_session(
        kind="interview",
        session_id="",
        bank=bank,
        questions=bank.questions[:3],
        candidate=Candidate(name, bank.bank.role),
        minutes=45,
    )
    session.current = current
    session.questions[0].areas[0].covered = True
    if completed:
        session.complete(Outcome("yes"))  # an interview completes with a recommendation
    return context.store.create(session)


async def settle(pilot: Pilot[None]) -> None:
    """Let home list the sessions folder (a worker) and show the result."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def menu_text(app: TpmApp) -> str:
    """The menu's lines as the user sees them."""
    menu = app.screen.query_one("#home-menu", OptionList)
    lines = menu.render_lines(Region(0, 0, menu.size.width, menu.size.height))
    return "\n".join(line.text for line in lines)


def where_text(app: TpmApp) -> str:
    return str(app.screen.query_one("#home-where", Static).render())


async def test_home_lists_the_entries_and_where_things_are(
    make_context: MakeContext, sessions_dir: Path, shipped_bank: Bank
) -> None:
    app = make_app(make_context())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = menu_text(app)
        for entry in ("New interview", "Practice", "Review", "Stories"):
            assert entry in text
        assert "Resume" not in text
        where = where_text(app)
        assert shipped_bank.title in where
        assert "15 questions" in where
        assert "questions.toml" in where
        assert sessions_dir.name in where
        # `u` is not offered when there is nothing to resume.
        assert app.screen.check_action("resume", ()) is False


async def test_resume_row_appears_only_for_unfinished_sessions(make_context: MakeContext) -> None:
    context = make_context()
    add_session(context, "Done Person", completed=True)
    add_session(context, "Jane Doe", current=1)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        text = menu_text(app)
        assert "Jane Doe" in text
        assert "Q2/3 · 1/21 areas" in text
        assert "Done Person" not in text


async def test_the_story_bank_is_a_menu_row_as_well_as_s(make_context: MakeContext) -> None:
    context = make_context()
    add_session(context, "Jane Doe")
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "s  Stories" in menu_text(app)
        await pilot.press("down", "down", "down", "enter")  # the fourth entry
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)


async def test_enter_on_a_resume_row_opens_that_session(make_context: MakeContext) -> None:
    context = make_context()
    path = add_session(context, "Jane Doe", current=1)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # past the four entries
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.keeper.path == path
        assert app.screen.keeper.session.current == 1


async def test_u_resumes_the_newest_unfinished_session(make_context: MakeContext) -> None:
    context = make_context()
    path = add_session(context, "Jane Doe")
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.keeper.path == path


async def test_u_looks_again_for_a_session_started_since_home_listed_none(
    make_context: MakeContext,
) -> None:
    # Found by a tester: with home listing nothing, a session started in another
    # terminal meanwhile, `u` did nothing at all.
    context = make_context()
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Jane Doe" not in menu_text(app)
        path = add_session(context, "Jane Doe")  # in another terminal
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.keeper.path == path


async def test_u_with_nothing_to_resume_says_so(make_context: MakeContext) -> None:
    app = make_app(make_context())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await until(pilot, lambda: "No unfinished session to resume." in notices(app))
        assert isinstance(app.screen, HomeScreen)


async def test_keys_open_setup_and_review(make_context: MakeContext) -> None:
    app = make_app(make_context())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_enter_on_new_interview_opens_setup(make_context: MakeContext) -> None:
    app = make_app(make_context())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)


async def test_the_resume_list_refreshes_when_home_comes_back(make_context: MakeContext) -> None:
    context = make_context()
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Resume" not in menu_text(app)
        await pilot.press("i")
        await pilot.pause()
        add_session(context, "Late Arrival")  # another session started meanwhile
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Late Arrival" in menu_text(app)


async def test_q_on_home_quits(make_context: MakeContext) -> None:
    app = make_app(make_context())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize(
    "name", ["[bold]Zed[/", "[@click=app.quit]x[/]", "[link=https://x]y[/link]", "🚀 [/]"]
)
async def test_names_show_literally_in_the_resume_list(
    make_context: MakeContext, sessions_dir: Path, name: str
) -> None:
    context = make_context()
    path = add_session(context, name)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert name in menu_text(app)
        # A click on the name must not run an action (it opens the session).
        await pilot.click("#home-menu", offset=(14, 6))  # below four entries and a divider
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, SessionScreen)
    assert SessionStore(sessions_dir).load(path).candidate.name == name


async def test_control_characters_in_a_name_are_made_visible(make_context: MakeContext) -> None:
    context = make_context()
    add_session(context, "\x1b[31mred")
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        text = menu_text(app)
        assert "␛[31mred" in text
        assert "\x1b" not in text


# --- resuming from the command line ------------------------------------------------------


async def test_resume_request_opens_the_newest_unfinished(make_context: MakeContext) -> None:
    context = make_context()
    path = add_session(context, "Jane Doe")
    app = make_app(make_context(ResumeRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.keeper.path == path


async def test_resume_request_with_nothing_stays_home_and_says_so(
    make_context: MakeContext,
) -> None:
    app = make_app(make_context(ResumeRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("No unfinished session" in n.message for n in app._notifications)


# --- home is built only when a session started from the command line is left -----------


def homes(app: TpmApp) -> int:
    return sum(isinstance(screen, HomeScreen) for screen in app.screen_stack)


async def test_a_command_line_interview_opens_without_home_and_lands_there(
    make_context: MakeContext,
) -> None:
    request = InterviewRequest(candidate="Jane Doe", pick=("technical-trade-off",))
    app = make_app(make_context(request))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and homes(app) == 0
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("3", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 2
        assert app.active_keeper is None
        assert any("Interview completed" in (n.title or "") for n in app._notifications)


async def test_a_command_line_practice_lands_on_a_new_home(make_context: MakeContext) -> None:
    request = PracticeRequest(count=1, pick=("technical-trade-off",))
    app = make_app(make_context(request))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen) and homes(app) == 0
        await pilot.press("v", "1", "q", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 2


async def test_a_command_line_review_goes_back_to_a_new_home(make_context: MakeContext) -> None:
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and homes(app) == 0
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 2
        await pilot.press("r")  # and home works as usual: review again, back again
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and homes(app) == 1


async def test_a_session_opened_from_home_goes_back_to_that_home(
    make_context: MakeContext,
) -> None:
    path = add_session(make_context(), "Jane Doe")
    app = make_app(make_context())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.screen.keeper.path == path
        app.go_home()
        await settle(pilot)
        assert app.screen is home and len(app.screen_stack) == 2


def test_resume_keeper_refuses_completed_and_broken_files(
    make_context: MakeContext, sessions_dir: Path
) -> None:
    context = make_context()
    with pytest.raises(NothingToResume, match="No unfinished session"):
        resume_keeper(context, None)
    done = add_session(context, "Done Person", completed=True)
    with pytest.raises(NothingToResume, match="already completed"):
        resume_keeper(context, done)
    broken = sessions_dir / "broken.toml"
    broken.write_text("not = [toml", encoding="utf-8")
    with pytest.raises(NothingToResume, match=r"broken\.toml"):
        resume_keeper(context, broken)
    open_one = add_session(context, "Jane Doe")
    assert resume_keeper(context, None).path == open_one


async def test_u_on_a_session_completed_since_it_was_listed_says_why_and_refreshes(
    make_context: MakeContext,
) -> None:
    context = make_context()
    path = add_session(context, "Jane Doe")
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Jane Doe" in menu_text(app)
        # Another terminal finishes it while home shows it.
        session = context.store.load(path)
        session.complete(Outcome("yes"))
        context.store.save(session, path)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # no crash, still home
        assert any("already completed" in str(n.message) for n in app._notifications)
        assert "Jane Doe" not in menu_text(app)  # the list was read again


async def test_a_session_open_in_another_process_is_marked_and_offers_a_take_over(
    make_context: MakeContext,
) -> None:
    import os

    from tpm_tui.dialogs.confirm import ConfirmDialog
    from tpm_tui.storage.lock import SessionLock

    context = make_context()
    path = add_session(context, "Jane Doe")
    other = SessionLock.acquire(path)  # as another terminal's app holds it
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = menu_text(app)
        assert "Open elsewhere Jane Doe" in text and "Resume Jane Doe" not in text
        assert f"pid {os.getpid()}" in text
        await pilot.press("u")
        await pilot.pause()
        # Never a second writer: it asks, naming who has it.
        assert isinstance(app.screen, ConfirmDialog)
        assert "open in another terminal" in app.screen.question
        assert f"pid {os.getpid()}" in app.screen.question
        await pilot.press("n")  # nothing changes
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.active_keeper is None
    other.release()
