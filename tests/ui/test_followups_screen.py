"""The follow-up drill-down: mark asked (and when), a note on each, back with escape."""

from __future__ import annotations

from live_session_helpers import (
    FakeClock,
    autosaved,
    begin,
    on_disk,
    quick_autosave,
    saves_done,
    screen_text,
)

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.screens.followups import FollowUpList, FollowUpsScreen
from tpm_tui.screens.session import SessionScreen
from tpm_tui.widgets.modeline import ModeLine
from tpm_tui.widgets.timer import TimerDisplay

SIZE = (80, 24)


async def open_follow_ups(pilot, context: AppContext):  # type: ignore[no-untyped-def]
    keeper = begin(context)
    pilot.app.open_session(keeper)
    await pilot.pause()
    await pilot.press("f")
    assert isinstance(pilot.app.screen, FollowUpsScreen)
    return keeper


async def test_lists_the_current_questions_follow_ups(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await open_follow_ups(pilot, context)
        text = screen_text(app)
        assert "Follow-ups · Q 1/3 Technical trade-off" in text
        for number, follow_up in enumerate(keeper.session.questions[0].follow_ups, 1):
            assert f"[ ] {number} {follow_up.text[:50]}" in text
        assert "Asked 0/4" in text
        footer = text.splitlines()[-1]
        for key in ("space Asked", "e Note", "esc Back", "? Help"):
            assert key in footer


async def test_space_and_enter_mark_asked_with_the_second(
    context: AppContext, clock: FakeClock
) -> None:
    app = make_app(quick_autosave(context))
    async with app.run_test(size=SIZE) as pilot:
        keeper = await open_follow_ups(pilot, context)
        follow_ups = keeper.session.questions[0].follow_ups
        clock.advance(200)
        await pilot.press("space", "down", "down", "enter")
        assert [f.asked for f in follow_ups] == [True, False, True, False]
        assert follow_ups[0].asked_at == 200 and follow_ups[2].asked_at == 200
        assert "asked 3:20" in screen_text(app) and "Asked 2/4" in screen_text(app)
        await pilot.press("up", "up", "space")  # again: unmark
        assert not follow_ups[0].asked and follow_ups[0].asked_at is None
        await autosaved(pilot, keeper)
        saved = on_disk(context, keeper).questions[0].follow_ups
        assert [f.asked for f in saved] == [False, False, True, False]
        assert saved[2].asked_at == 200


async def test_a_note_on_the_highlighted_follow_up(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await open_follow_ups(pilot, context)
        await pilot.press("down", "e")
        assert "TYPING NOTES" in app.screen.query_one(ModeLine).text
        await pilot.press(*"said q", "space", "escape")  # q and space type, escape leaves
        assert isinstance(app.screen, FollowUpsScreen)
        follow_ups = keeper.session.questions[0].follow_ups
        assert follow_ups[1].notes == "said q "
        assert not follow_ups[1].asked
        assert "KEYS" in app.screen.query_one(ModeLine).text
        assert "✎" in screen_text(app)
        await pilot.press("up")
        assert "Note on follow-up 1" in screen_text(app)
        await pilot.press("down")
        assert "said q" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("ctrl+s")
        await saves_done(pilot)
        assert on_disk(context, keeper).questions[0].follow_ups[1].notes == "said q "


async def test_the_question_timer_runs_here_too(context: AppContext, clock: FakeClock) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await open_follow_ups(pilot, context)
        display = app.screen.query_one(TimerDisplay)
        clock.advance(65)
        display.refresh_now()
        # As the session screen counts it down (it read `1:05/10:00` here).
        assert display.text == "Question 8:55 left"
        await pilot.pause()  # laid out again: the figure is narrower than 10:00
        assert "Question 8:55 left" in screen_text(app)


async def test_follow_ups_of_the_question_on_screen(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await open_follow_ups(pilot, context)
        await pilot.press("escape", "n", "f")
        assert isinstance(app.screen, FollowUpsScreen)
        items = app.screen.query_one(FollowUpList).items
        assert [i.text for i in items] == [f.text for f in keeper.session.questions[1].follow_ups]
