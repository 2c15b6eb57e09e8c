"""Every notes editor opened on text that exists types after it, never in front.

Question notes (session and practice), follow-up notes, probe notes and the
summary's overall notes: each is reopened on a saved note with `e`, typed into,
and the file on disk must hold the old text followed by what was typed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from live_session_helpers import begin, on_disk
from practice_helpers import begin_at
from textual.pilot import Pilot

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.domain.models import OutcomeDraft
from tpm_tui.screens.followups import FollowUpsScreen
from tpm_tui.screens.practice import PracticeScreen
from tpm_tui.screens.probe import ProbeScreen
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.summary import SummaryScreen
from tpm_tui.widgets.notes import NotesEditor

SIZE = (80, 24)
OLD = "Draft line one\nand line two"
TYPED = "+MORE"


async def type_into_notes(pilot: Pilot) -> None:
    """`e`, the typed text, `escape`, then a save."""
    await pilot.press("e", *TYPED, "escape")
    await pilot.pause()
    assert not isinstance(pilot.app.focused, NotesEditor)
    assert pilot.app.save_active()


async def test_question_notes_of_a_resumed_session(context: AppContext) -> None:
    keeper = begin(context)
    keeper.session.questions[0].notes = OLD
    keeper.save_now()
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(keeper)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await type_into_notes(pilot)
    assert on_disk(context, keeper).questions[0].notes == OLD + TYPED


async def test_question_notes_after_moving_back_to_the_question(context: AppContext) -> None:
    keeper = begin(context)
    keeper.session.questions[1].notes = OLD
    keeper.save_now()
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(keeper)
        await pilot.pause()
        await pilot.press("n")
        await type_into_notes(pilot)
    assert on_disk(context, keeper).questions[1].notes == OLD + TYPED


async def test_practice_notes(context: AppContext) -> None:
    keeper = begin_at(context, datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC))
    keeper.session.questions[0].notes = OLD
    keeper.save_now()
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(keeper)
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        await type_into_notes(pilot)
    assert on_disk(context, keeper).questions[0].notes == OLD + TYPED


async def test_follow_up_notes(context: AppContext) -> None:
    keeper = begin(context)
    keeper.session.questions[0].follow_ups[1].notes = OLD
    keeper.save_now()
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(keeper)
        await pilot.pause()
        await pilot.press("f", "down")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        await type_into_notes(pilot)
    assert on_disk(context, keeper).questions[0].follow_ups[1].notes == OLD + TYPED


async def test_probe_notes(context: AppContext) -> None:
    keeper = begin_at(context, datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC))
    keeper.session.questions[0].follow_ups[0].notes = OLD
    keeper.save_now()
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(keeper)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ProbeScreen)
        await type_into_notes(pilot)
    assert on_disk(context, keeper).questions[0].follow_ups[0].notes == OLD + TYPED


async def test_summary_notes_of_a_saved_draft(context: AppContext) -> None:
    keeper = begin(context)
    keeper.session.draft = OutcomeDraft(None, OLD)
    keeper.save_now()
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(keeper)
        await pilot.pause()
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await type_into_notes(pilot)
        saved = on_disk(context, keeper).draft
    assert saved is not None and saved.notes == OLD + TYPED


async def test_typing_after_moving_the_cursor_stays_where_the_user_put_it(
    context: AppContext,
) -> None:
    # The end is where a reopened editor starts, not where every key goes.
    keeper = begin(context)
    keeper.session.questions[0].notes = "ab"
    keeper.save_now()
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(keeper)
        await pilot.pause()
        await pilot.press("e", "left", "X", "escape")
        await pilot.pause()
        assert app.save_active()
    assert on_disk(context, keeper).questions[0].notes == "aXb"
