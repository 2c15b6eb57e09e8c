"""The live interview screen at 80x24: every key, the timers, autosave and failed saves."""

from __future__ import annotations

import attrs
import pytest
from live_session_helpers import (
    FakeClock,
    autosaved,
    begin,
    context_with,
    on_disk,
    quick_autosave,
    saves_done,
    screen_text,
    shown,
    until,
)
from textual.widgets import Static

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.dialogs.confirm import ConfirmDialog
from tpm_tui.keeper import SessionKeeper
from tpm_tui.screens.live import PAUSED_TEXT
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.summary import SummaryScreen
from tpm_tui.storage import atomic
from tpm_tui.widgets.checklist import Checklist
from tpm_tui.widgets.modeline import ModeLine
from tpm_tui.widgets.notes import NotesEditor
from tpm_tui.widgets.timer import TimerDisplay

SIZE = (80, 24)


async def start(pilot, context: AppContext, **kwargs):  # type: ignore[no-untyped-def]
    keeper = begin(context, **kwargs)
    pilot.app.open_session(keeper)
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    return keeper


def timer(app, name: str) -> TimerDisplay:  # type: ignore[no-untyped-def]
    return app.screen.query_one(f"#{name}-timer", TimerDisplay)


def mode(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(ModeLine).text


async def test_everything_fits_at_80x24(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context, pick=("coordinating-a-complex-launch",))
        text = screen_text(app)
        lines = text.splitlines()
        assert len(lines) == 24
        assert "Jane Doe" in lines[0] and "Q 1/1" in lines[0]
        assert "Q 1/1  12:00 left" in lines[0] and "Total 45m left, on pace" in lines[0]
        assert "Coordinating a complex launch" in text
        assert "Tests: Execution" in text
        record = keeper.session.questions[0]
        assert len(record.areas) == 8
        for number, area in enumerate(record.areas, 1):
            assert f"[ ] {number} {area.text[:40]}" in text
        assert "Follow-ups: 0/4 asked — f" in text
        assert "Notes — e" in text
        assert "KEYS" in lines[-2]
        keys = ("1-9 Tick", "f Follow-ups", "n Next", "e Notes", "r Rate", "? Help", "q Finish")
        for key in keys:
            assert key in lines[-1]
        assert app.active_keeper is keeper


async def test_digits_tick_and_untick_with_the_question_second(
    context: AppContext, clock: FakeClock
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        clock.advance(45)
        await pilot.press("1", "3", "7")
        areas = keeper.session.questions[0].areas
        assert [a.covered for a in areas] == [True, False, True, False, False, False, True]
        assert areas[0].covered_at == 45
        assert "[x] 1" in screen_text(app) and "0:45" in screen_text(app)
        assert "Areas to cover 3/7" in screen_text(app)
        await pilot.press("3", "9")  # untick 3; there is no area 9: a note, no crash
        await pilot.pause()
        assert not areas[2].covered and areas[2].covered_at is None
        assert any("7 areas" in n.message for n in app._notifications)
        await pilot.press("ctrl+s")
        await saves_done(pilot)
        saved = on_disk(context, keeper).questions[0].areas
        assert [a.covered for a in saved] == [True, False, False, False, False, False, True]
        assert saved[6].covered_at == 45
        assert any(keeper.path.name in n.message for n in app._notifications)


async def test_arrows_and_jk_move_space_ticks(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        checklist = app.screen.query_one(Checklist)
        await pilot.press("down", "down", "space")
        assert checklist.highlighted == 2
        await pilot.press("j", "space", "k", "k", "space", "up", "space")
        covered = [a.covered for a in keeper.session.questions[0].areas]
        assert covered == [True, True, True, True, False, False, False]
        await pilot.press("space")  # again: untick
        assert not keeper.session.questions[0].areas[0].covered


async def test_next_previous_stop_at_the_ends_and_keep_each_question_time(
    context: AppContext, clock: FakeClock
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        session = keeper.session
        await pilot.press("p")  # the first: nothing before
        await pilot.pause()
        assert session.current == 0
        assert any("first question" in n.message for n in app._notifications)
        clock.advance(30)
        await pilot.press("n")
        assert session.current == 1 and "Q 2/3" in screen_text(app)
        assert session.questions[0].elapsed_seconds == 30
        assert timer(app, "question").text == "12:00 left"
        clock.advance(10)
        await pilot.press("right")
        assert session.current == 2 and session.questions[1].elapsed_seconds == 10
        await pilot.press("n")
        await pilot.pause()
        assert session.current == 2
        assert any("last question" in n.message for n in app._notifications)
        await pilot.press("left", "p")
        assert session.current == 0
        assert timer(app, "question").text == "9:30 left"
        clock.advance(5)
        timer(app, "question").refresh_now()
        assert timer(app, "question").text == "9:25 left"
        timer(app, "total").refresh_now()
        assert timer(app, "total").text == "Total 45m left, on pace"  # 44:15, rounded up
        await pilot.press("ctrl+s")
        await saves_done(pilot)
        assert on_disk(context, keeper).current == 0


async def test_notes_take_typing_until_escape(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        await pilot.press("e")
        assert "TYPING NOTES — escape to stop" in mode(app)
        # Keys that act elsewhere type here: n, q, 1, space, ?
        await pilot.press(*"n q1 ?", "enter", *"ok")
        assert keeper.session.current == 0
        assert not any(a.covered for a in keeper.session.questions[0].areas)
        editor = app.screen.query_one(NotesEditor)
        assert editor.text == "n q1 ?\nok"
        await pilot.press("escape")
        assert "KEYS" in mode(app)
        await pilot.pause()
        assert keeper.session.questions[0].notes == "n q1 ?\nok"
        await pilot.press("n", "e", *"two", "escape", "p")
        assert keeper.session.questions[1].notes == "two"
        assert editor.text == "n q1 ?\nok"  # back on question 1: its notes again
        await pilot.press("ctrl+s")
        await saves_done(pilot)
        saved = on_disk(context, keeper)
        assert saved.questions[0].notes == "n q1 ?\nok"
        assert saved.questions[1].notes == "two"


async def test_question_mark_while_rating_shows_the_help(context: AppContext) -> None:
    # `?` works on every screen: waiting for a rating digit included (the rubric is
    # what the interviewer was reading; help explains the keys around it).
    from tpm_tui.screens.help import HelpScreen

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        await pilot.press("r", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert "KEYS" in mode(app) and keeper.session.questions[0].rating is None


async def test_rate_then_digit_and_clear(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        record = keeper.session.questions[0]
        for digit, label in (("1", "weak"), ("2", "mixed"), ("3", "good"), ("4", "strong")):
            await pilot.press("r")
            assert mode(app).startswith("RATE: 1 weak · 2 mixed · 3 good · 4 strong · 0 clear")
            await pilot.press(digit)
            assert record.rating == int(digit)
            assert f"Rating: {digit} {label}" in screen_text(app)
            assert "KEYS" in mode(app)
        assert not any(a.covered for a in record.areas)  # digits after r never tick
        await pilot.press("r", "0")
        assert record.rating is None and "Rating: —" in screen_text(app)
        await pilot.press("r", "n")  # any other key cancels, and does nothing else
        assert "KEYS" in mode(app) and keeper.session.current == 0
        await pilot.press("r", "escape")
        assert record.rating is None and "KEYS" in mode(app)
        await pilot.press("3")  # keys act again
        assert record.areas[2].covered


async def test_t_pauses_and_resumes_both_timers(context: AppContext, clock: FakeClock) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        clock.advance(50)
        await pilot.press("t")
        assert PAUSED_TEXT in mode(app) and "PAUSED" in screen_text(app).splitlines()[0]
        assert "t Resume" in screen_text(app).splitlines()[-1]
        clock.advance(300)
        for display in app.screen.query(TimerDisplay):
            display.refresh_now()
        assert timer(app, "question").text == "9:10 left"
        assert timer(app, "total").text == "Total 45m left, on pace"  # 44:10, rounded up
        await pilot.press("1")
        assert keeper.session.questions[0].areas[0].covered_at == 50
        await pilot.press("t")
        assert PAUSED_TEXT not in mode(app)
        clock.advance(15)
        timer(app, "total").refresh_now()
        assert timer(app, "total").text == "Total 44m left, on pace"  # 43:55
        await pilot.press("ctrl+s")
        await saves_done(pilot)
        assert on_disk(context, keeper).elapsed_seconds == 65


def reopened(context: AppContext, keeper: SessionKeeper) -> SessionKeeper:
    """The session `keeper` wrote, let go and read again, as resume does."""
    keeper.save_now()
    keeper.close()
    return SessionKeeper.open(context.store, keeper.path)


async def test_a_resumed_session_opens_paused(context: AppContext, clock: FakeClock) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context, elapsed=600)
        keeper.session.questions[0].elapsed_seconds = 600
        app.open_session(reopened(context, keeper))
        await pilot.pause()
        clock.advance(60)
        assert PAUSED_TEXT in mode(app)
        timer(app, "total").refresh_now()
        assert timer(app, "total").text == "Total 35m left, on pace"
        assert timer(app, "question").text == "0:00 left, wrap up"
        await pilot.press("t")
        clock.advance(60)
        timer(app, "total").refresh_now()
        assert timer(app, "total").text == "Total 34m left, on pace"


async def test_a_session_resumed_before_its_first_second_opens_paused_too(
    context: AppContext, clock: FakeClock
) -> None:
    # A hang-up in the first second leaves elapsed_seconds = 0 on disk: still a resume.
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(reopened(context, begin(context)))
        await pilot.pause()
        clock.advance(60)
        assert PAUSED_TEXT in mode(app)
        timer(app, "total").refresh_now()
        assert timer(app, "total").text.startswith("Total 45m left")  # not a second ran


async def test_pace_classes_at_80_and_100_percent(context: AppContext, clock: FakeClock) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, context, minutes=10, pick=("technical-trade-off",))
        question, total = timer(app, "question"), timer(app, "total")
        clock.advance(479)  # just under 80% of 10:00
        question.refresh_now()
        total.refresh_now()
        assert not question.has_class("-warning") and not question.has_class("-over")
        assert question.text == "2:01 left"
        clock.advance(1)
        question.refresh_now()
        total.refresh_now()
        assert question.has_class("-warning") and question.text == "2:00 left, wrap up"
        # The interview is on pace while its time left covers the question's.
        assert not total.has_class("-warning") and total.text == "Total 2m left, on pace"
        clock.advance(120)  # exactly the budget: still a warning
        question.refresh_now()
        assert question.has_class("-warning") and not question.has_class("-over")
        assert question.text == "0:00 left, wrap up"
        clock.advance(1)
        question.refresh_now()
        total.refresh_now()
        assert question.has_class("-over") and not question.has_class("-warning")
        assert total.has_class("-over")
        assert question.text == "+0:01 over"
        assert total.text == "Total +1m over"


async def test_behind_and_wrapping_up_fit_80_columns_with_a_long_name_paused(
    context: AppContext, clock: FakeClock
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, context, candidate="Maximilian Alexander Fitzgerald-Worthington")
        clock.advance(960)  # 16:00 on a 10:00 question: 29:00 left, 6+12+10 min needed
        await pilot.press("n")
        clock.advance(600)  # 10:00 on a 12:00 question: 19:00 left, 2+10 needed … on pace
        timer(app, "total").refresh_now()
        assert timer(app, "total").text == "Total 19m left, on pace"
        await pilot.press("p")  # back to the first, already over: 19:00 left, 2+10 needed
        clock.advance(480)  # 11:00 left, 12:00 needed: a minute behind
        await pilot.press("n")
        clock.advance(20)
        await pilot.press("t")
        top = screen_text(app).splitlines()[0]
        assert "1:40 left, wrap up" in top and "Total 11m left, 1m behind" in top
        assert "PAUSED" in top and "Maximilian" in top
        assert timer(app, "total").has_class("-warning")


async def test_the_bell_rings_once_when_the_budget_runs_out_if_asked(
    make_context, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    from tpm_tui.storage.settings import Settings

    context = attrs.evolve(context_with(make_context, clock), settings=Settings(bell=True))
    app = make_app(context)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, context)
        clock.advance(600)
        timer(app, "question").refresh_now()
        await pilot.pause()
        assert rings == []  # 0:00 left: not yet
        clock.advance(1)
        timer(app, "question").refresh_now()
        await pilot.pause()
        assert len(rings) == 1
        clock.advance(60)
        timer(app, "question").refresh_now()
        await pilot.press("n", "p")  # back on the question already over: no second ring
        await pilot.pause()
        assert len(rings) == 1
        await pilot.press("n")
        await pilot.press("f")  # the follow-ups are open when the second one runs out
        clock.advance(721)
        await until(pilot, lambda: len(rings) == 2, within=3)


async def test_no_bell_without_the_setting(context: AppContext, clock: FakeClock) -> None:
    app = make_app(context)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, context)
        clock.advance(601)
        timer(app, "question").refresh_now()
        await pilot.pause()
        assert timer(app, "question").text == "+0:01 over" and rings == []


async def test_autosave_writes_a_tick_within_two_seconds(context: AppContext) -> None:
    assert context.autosave_seconds == 1.0  # the app's own interval: the README's promise
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        await pilot.press("2")
        await autosaved(pilot, keeper, within=2.0)
        assert on_disk(context, keeper).questions[0].areas[1].covered
        assert not keeper.dirty


async def test_the_autosave_interval_is_the_contexts(
    context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests shorten it: five saves (the clock runs, so every tick saves) in well under
    the five seconds the app's own interval would take."""
    app = make_app(quick_autosave(context))
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        writes: list[int] = []
        real_write = keeper.write
        monkeypatch.setattr(keeper, "write", lambda *args: writes.append(1) or real_write(*args))
        await until(pilot, lambda: len(writes) >= 5, within=2.0)


async def test_a_failed_save_shows_keeps_retries_and_clears(
    context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = atomic.write_bytes

    def full_disk(path, text):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    app = make_app(quick_autosave(context))
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        monkeypatch.setattr(atomic, "write_bytes", full_disk)
        await pilot.press("4")
        await until(pilot, lambda: keeper.error is not None)
        await saves_done(pilot)
        error = app.screen.query_one("#live-error", Static)
        assert error.display
        assert "No space left on device" in shown(error) and "retrying" in shown(error)
        assert "No space left on device" in " ".join(screen_text(app).split())
        assert keeper.session.questions[0].areas[3].covered  # kept in memory
        assert not on_disk(context, keeper).questions[0].areas[3].covered
        monkeypatch.setattr(atomic, "write_bytes", real_write)
        await autosaved(pilot, keeper)
        assert not error.display and keeper.error is None
        assert on_disk(context, keeper).questions[0].areas[3].covered
        # Failing again, ctrl+q asks before losing anything.
        monkeypatch.setattr(atomic, "write_bytes", full_disk)
        await pilot.press("5", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "quit anyway" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert not app.is_running


async def test_ctrl_q_saves_and_leaves(context: AppContext, clock: FakeClock) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        clock.advance(12)
        await pilot.press("6", "e", *"last words")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    saved = on_disk(context, keeper)
    assert saved.status == "in_progress"
    assert saved.questions[0].areas[5].covered_at == 12
    assert saved.questions[0].notes == "last words"


async def test_q_asks_then_opens_the_summary(context: AppContext, clock: FakeClock) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Finish the interview?" in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        clock.advance(100)  # the clock stops while the summary is open …
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        timer(app, "total").refresh_now()
        assert timer(app, "total").text == "Total 45m left, on pace"
        clock.advance(60)  # … and runs again back at the questions
        timer(app, "total").refresh_now()
        assert timer(app, "total").text == "Total 44m left, on pace"
        assert keeper.session.status == "in_progress"


async def test_follow_up_count_refreshes_after_the_drill_down(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        await pilot.press("f", "space", "down", "enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "Follow-ups: 2/4 asked — f" in screen_text(app)
        assert keeper.session.questions[0].asked == 2
