"""The practice screen at 80x24: answering, the reveal, self-check, probes, finishing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import attrs
import pytest
from live_session_helpers import (
    FakeClock,
    autosaved,
    on_disk,
    quick_autosave,
    saves_done,
    screen_text,
    shown,
)
from practice_helpers import begin_at, everything_shown

from tpm_tui.app import make_app
from tpm_tui.context import AppContext, PracticeRequest, ResumeRequest
from tpm_tui.dialogs.confirm import ConfirmDialog
from tpm_tui.keeper import SessionKeeper, begin_practice
from tpm_tui.screens.help import HelpScreen
from tpm_tui.screens.home import HomeScreen
from tpm_tui.screens.practice import HINT_ANSWER, HINT_READY, NOT_STARTED, PracticeScreen
from tpm_tui.screens.probe import ProbeScreen
from tpm_tui.screens.progress import ProgressScreen
from tpm_tui.widgets.checklist import Checklist
from tpm_tui.widgets.star import StarReminder
from tpm_tui.widgets.timer import TimerDisplay

SIZE = (80, 24)
CREATED = datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC)


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # getpass.getuser() reads LOGNAME first: a fixed candidate name for every test.
    monkeypatch.setenv("LOGNAME", "alex")


async def start(pilot, context: AppContext, ready: bool = True, **kwargs) -> SessionKeeper:  # type: ignore[no-untyped-def]
    """Open a new practice; `ready`: press enter, so the answer has started."""
    keeper = begin_at(context, CREATED, revealed=False, **kwargs)
    pilot.app.open_session(keeper)
    await pilot.pause()
    assert isinstance(pilot.app.screen, PracticeScreen)
    if ready:
        await pilot.press("enter")
        await pilot.pause()
    return keeper


def hint(app) -> str:  # type: ignore[no-untyped-def]
    return shown(app.screen.query_one("#practice-hint"))


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


async def test_nothing_of_the_checklist_shows_before_the_reveal(context: AppContext) -> None:
    app = make_app(quick_autosave(context))
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        record = keeper.session.questions[0]
        await pilot.press("1", "space", "f", "r", "s")
        await pilot.pause()
        everything = everything_shown(app)
        for text in [a.text for a in record.areas] + [f.text for f in record.follow_ups]:
            assert text not in everything
            assert text[:25] not in everything
        # Not even how many there are.
        for count in ("/7", "/4", "7 areas", "4 follow"):
            assert count not in everything
        assert record.text[:40] in screen_text(app)
        assert HINT_ANSWER in hint(app)
        # The help screen lists keys, not areas.
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not any(a.text in everything_shown(app) for a in record.areas)
        await pilot.press("escape", "v")
        await pilot.pause()
        text = screen_text(app)
        for number, area in enumerate(record.areas, 1):
            assert f"[ ] {number} {area.text[:40]}" in text
        assert "Areas to cover 0/7" in text and "Follow-ups 0/4 answered" in text
        assert not any(f.text in everything_shown(app) for f in record.follow_ups)
        await autosaved(pilot, keeper)
        assert on_disk(context, keeper).questions[0].revealed is True
        assert on_disk(context, keeper).questions[1].revealed is False


async def test_ticks_rating_and_follow_ups_are_refused_before_the_reveal(
    context: AppContext,
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        for key in ("1", "9", "space", "r", "f"):
            app._notifications.clear()
            await pilot.press(key)
            await pilot.pause()
            assert any("Press v first" in message for message in notices(app)), key
            assert isinstance(app.screen, PracticeScreen)
        record = keeper.session.questions[0]
        assert record.covered == 0 and record.rating is None and record.asked == 0
        footer = screen_text(app).splitlines()[-1]
        assert "v Reveal" in footer and "s STAR" in footer and "Tick" not in footer


async def test_star_ticks_through_and_is_saved(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        await pilot.press("s", "s")
        await pilot.pause()
        star = app.screen.query_one(StarReminder)
        assert "[x] Situation" in shown(star) and "[x] Task" in shown(star)
        assert "[ ] Action" in shown(star)
        await pilot.press("v", "s")  # still works after the reveal, in one line
        await pilot.pause()
        assert "STAR  [x] Situation  [x] Task  [x] Action  [ ] Result" in screen_text(app)
        await pilot.press("ctrl+s")
        await saves_done(pilot)
        assert on_disk(context, keeper).questions[0].star == ["situation", "task", "action"]


async def test_the_answer_timer_runs_against_the_target_then_freezes(
    context: AppContext, clock: FakeClock
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, context)
        timer = app.screen.query_one("#answer-timer", TimerDisplay)
        clock.advance(150)
        timer.refresh_now()
        assert timer.text == "Answer 2:30/3:00" and timer.has_class("-warning")
        clock.advance(45)
        await pilot.press("v")
        await pilot.pause()
        assert not timer.display
        assert "Answered in 3:15/3:00 over" in screen_text(app)
        assert app.screen.query_one("#practice-answered").has_class("-over")


async def test_the_whole_flow_of_one_question_is_saved(
    context: AppContext, clock: FakeClock
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        clock.advance(100)
        await pilot.press("s", "v")
        clock.advance(5)
        # Fast keys, as a person types them: none is lost.
        await pilot.press("1", "3", "r", "3", "e", *"Lead with the number", "escape")
        await pilot.pause()
        text = screen_text(app)
        assert "Areas to cover 2/7" in text and "Rating: 3 good" in text
        assert "Tick what you covered" in hint(app) and "n next question" in hint(app)
        # The first follow-up comes as a probe with its own, shorter timer.
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ProbeScreen)
        record = keeper.session.questions[0]
        assert record.follow_ups[0].text in screen_text(app)
        assert record.follow_ups[1].text not in screen_text(app)
        clock.advance(40)
        await pilot.press("space", "e", *"Cite the dashboard", "escape")
        await pilot.pause()
        assert "Answered at 2:25" in screen_text(app)
        assert app.screen.query_one(TimerDisplay).text == "Probe 0:40/1:00"
        await pilot.press("f")  # the next one
        await pilot.pause()
        assert record.follow_ups[1].text in screen_text(app)
        assert "Not answered yet" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert "Follow-ups 1/4 answered" in screen_text(app)
        # f again brings the first one not answered: the second.
        await pilot.press("f")
        await pilot.pause()
        assert "Follow-up 2/4" in screen_text(app)
        await pilot.press("escape", "n")
        await pilot.pause()
        assert "Q 2/2" in screen_text(app) and HINT_READY in hint(app)  # read first
        assert not app.screen.query_one(Checklist).display
        await pilot.press("ctrl+s")
        await saves_done(pilot)
    saved = on_disk(context, keeper).questions[0]
    assert saved.revealed is True and saved.star == ["situation"]
    assert [a.covered_at for a in saved.areas if a.covered] == [105, 105]
    assert [saved.areas[0].covered, saved.areas[2].covered] == [True, True]
    assert saved.rating == 3 and saved.notes == "Lead with the number"
    first = saved.follow_ups[0]
    assert (first.asked, first.asked_at, first.notes) == (True, 145, "Cite the dashboard")
    assert not saved.follow_ups[1].asked


async def test_finishing_shows_progress_then_saves_as_completed(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        await pilot.press("v", "2", "n", "q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        # Going back keeps it unfinished.
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert not keeper.session.completed
        await pilot.press("q", "y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "first attempt" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.active_keeper is None
        assert any(keeper.path.name in message for message in notices(app))
    saved = on_disk(context, keeper)
    assert saved.status == "completed" and saved.completed_at is not None
    assert saved.outcome is None
    assert saved.questions[0].covered == 1


async def test_the_same_seed_repeats_the_pick(context: AppContext) -> None:
    request = PracticeRequest(count=2, seed=7)
    first = begin_practice(context, request).session
    second = begin_practice(context, request).session
    assert [q.id for q in first.questions] == [q.id for q in second.questions]
    assert len(first.questions) == 2
    assert first.candidate.name == "alex" and first.kind == "practice"
    assert first.answer_minutes == 3 and first.questions[0].budget_seconds == 180
    app = make_app(attrs.evolve(context, start=request))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.session.questions[0].id == first.questions[0].id
        assert first.questions[0].title in screen_text(app)


async def test_a_pick_by_id_and_the_answer_target(context: AppContext) -> None:
    keeper = begin_practice(
        context, PracticeRequest(pick=("technical-trade-off",), answer_minutes=6)
    )
    session = keeper.session
    assert [q.id for q in session.questions] == ["technical-trade-off"]
    assert session.questions[0].budget_seconds == 360


async def test_nothing_matching_stays_home_with_the_reason(
    make_context: Callable[..., AppContext],
) -> None:
    context = make_context(PracticeRequest(competency="no-such-competency"))
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("no-such-competency" in message for message in notices(app))
    assert not list(context.sessions_dir.glob("*.toml"))


async def test_home_p_starts_a_practice(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert len(app.screen.session.questions) == 3
        assert "Practice · alex" in screen_text(app)


async def test_resuming_a_practice_opens_where_it_stopped(context: AppContext) -> None:
    keeper = begin_at(context, CREATED, revealed=False)
    session = keeper.session
    session.current = 1
    session.elapsed_seconds = 200
    session.questions[1].revealed = True
    session.questions[1].elapsed_seconds = 45  # the tick below is stamped on its clock
    session.questions[1].toggle_area(4, 30)
    keeper.save_now()
    keeper.close()  # as the earlier process did when it ended
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_resume(ResumeRequest(keeper.path))
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        text = screen_text(app)
        assert "Q 2/2" in text and "Areas to cover 1/7" in text
        assert "Answer revealed" in text and "PAUSED" in text
        await pilot.press("p")
        await pilot.pause()
        assert not app.screen.query_one(Checklist).display  # question 1 never revealed


async def test_help_lists_the_practice_keys(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, context)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict(app.screen.rows)
        assert rows["v"].startswith("Reveal the areas") and "STAR" in rows["s"]
        assert "Press v first" in rows["1-9, space, r, f"]  # why they do nothing yet
        assert "r then 1-4" in rows
        # The probe and the progress screen: `?` lists their own keys.
        await pilot.press("escape", "v", "f", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict(app.screen.rows)
        assert rows["space"] == "Mark this follow-up answered / not"
        assert rows["?, f1"] == "Every key, and interviewing guidance"
        await pilot.press("escape", "escape", "q", "y", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert dict(app.screen.rows)["^s"] == "Complete and save"
        await pilot.press("escape")
        assert isinstance(app.screen, ProgressScreen)


async def test_user_text_is_shown_literally(context: AppContext) -> None:
    payload = "[bold]Zed[/ \x1b🚀"
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context, name=payload)
        text = screen_text(app)
        assert "Practice · [bold]Zed[/ ␛🚀" in text
        await pilot.press("e", *"[/] [@click=app.quit]x[/]", "escape")
        await pilot.pause()
        assert "[/] [@click=app.quit]x[/]" in screen_text(app)
        assert app.is_running
        assert keeper.session.questions[0].notes == "[/] [@click=app.quit]x[/]"


async def test_autosave_writes_a_tick(context: AppContext) -> None:
    app = make_app(quick_autosave(context))
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        await pilot.press("v", "2")
        await autosaved(pilot, keeper)
        assert on_disk(context, keeper).questions[0].areas[1].covered
        assert not keeper.dirty


# --- ready, then answer; stories; the last notes -------------------------------------


async def test_reading_is_not_answering_enter_starts_the_timer(
    context: AppContext, clock: FakeClock
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context, ready=False)
        timer = app.screen.query_one("#answer-timer", TimerDisplay)
        clock.advance(40)  # reading
        timer.refresh_now()
        assert timer.text == "Answer 0:00/3:00" and HINT_READY in hint(app)
        await pilot.press("s")
        await pilot.pause()
        assert NOT_STARTED in notices(app)
        assert keeper.session.questions[0].star == []
        await pilot.press("enter")
        clock.advance(100)
        await pilot.press("s")  # situation told in 100 s
        clock.advance(30)
        await pilot.press("s")  # task in 30
        await pilot.pause()
        timer.refresh_now()
        assert timer.text == "Answer 2:10/3:00" and HINT_ANSWER in hint(app)
        clock.advance(20)
        await pilot.press("v", "ctrl+s")
        await saves_done(pilot)
        record = on_disk(context, keeper).questions[0]
        assert record.answer_seconds == 150
        assert record.star_seconds == {"situation": 100, "task": 30}
        assert "Answered in 2:30/3:00" in screen_text(app)


async def test_an_answer_in_progress_resumes_with_its_time(
    context: AppContext, clock: FakeClock
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context, ready=False)
        clock.advance(30)
        await pilot.press("enter")
        clock.advance(70)
        assert app.save_active()
        assert on_disk(context, keeper).questions[0].answer_seconds == 70
        await app.action_quit()
    keeper.close()
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_resume(ResumeRequest(keeper.path))
        await pilot.pause()
        await pilot.press("t")  # a resumed session opens paused
        clock.advance(5)
        timer = app.screen.query_one("#answer-timer", TimerDisplay)
        timer.refresh_now()
        assert timer.text == "Answer 1:15/3:00"


async def test_q_before_the_reveal_asks_and_says_what_is_not_checked(
    context: AppContext,
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, context)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Q1, Q2 not revealed or self-checked yet" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)


async def test_S_lists_the_fitting_stories_and_records_the_one_used(
    context: AppContext,
) -> None:
    from tpm_tui.dialogs.stories import StoryPicker
    from tpm_tui.domain.stories import Story
    from tpm_tui.storage.stories import write_stories

    question = context.bank.question("data-informed-decision")
    fits = Story("churn-dashboard", "Cutting churn with a dashboard",
                 situation="Churn at 8%", competencies=(question.competencies[0],))  # fmt: skip
    other = Story("unrelated", "Nothing in common", competencies=("no-such-competency",))
    write_stories(context.stories_file, [other, fits], None)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StoryPicker)
        text = everything_shown(app)
        assert "Cutting churn with a dashboard" in text and "S: Churn at 8%" in text
        assert "Nothing in common" not in text
        from tpm_tui.screens.help import HelpScreen

        await pilot.press("question_mark")  # `?` works in this dialog too
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, StoryPicker)
        await pilot.press("enter", "ctrl+s")
        await saves_done(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert on_disk(context, keeper).questions[0].story == "churn-dashboard"
        assert "Story: Cutting churn with a dashboard (S to change)" in screen_text(app)


async def test_S_with_a_broken_story_file_says_so_and_offers_nothing_to_choose(
    context: AppContext,
) -> None:
    from tpm_tui.dialogs.stories import StoryPicker

    context.stories_file.parent.mkdir(parents=True, exist_ok=True)
    context.stories_file.write_text("format = [", encoding="utf-8")
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, context)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StoryPicker)
        text = everything_shown(app)
        assert f"{context.stories_file.name}: TOML syntax error" in text and "escape: back" in text
        assert "enter: use this story" not in text  # there is none to use


async def test_a_resumed_practice_names_the_story_used_by_its_title(
    context: AppContext,
) -> None:
    from tpm_tui.domain.stories import Story
    from tpm_tui.storage.stories import write_stories

    write_stories(context.stories_file, [Story("roadmap-pivot", "The roadmap pivot")], None)
    keeper = begin_at(context, CREATED, revealed=False)
    keeper.session.questions[0].story = "roadmap-pivot"
    keeper.touch()
    assert keeper.save_now()
    keeper.close()
    app = make_app(attrs.evolve(context, start=ResumeRequest(keeper.path)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Story: The roadmap pivot (S to change)" in screen_text(app)


async def test_the_notes_of_the_last_attempt_show_before_answering(
    context: AppContext,
) -> None:
    from practice_helpers import practice_session

    earlier = practice_session(context, datetime(2026, 11, 20, 9, tzinfo=UTC))
    earlier.questions[0].notes = "Lead with the number [bold]x[/"
    context.store.create(earlier)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, context, ready=False)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Last time (2026-11-20) you noted: Lead with the number [bold]x[/" in (
            screen_text(app)
        )
        await pilot.press("enter", "v")
        await pilot.pause()
        assert "Last time" not in screen_text(app)


async def test_r_after_the_reveal_shows_the_rubric_to_rate_by(context: AppContext) -> None:
    # The longest rubric of the shipped bank: it must read whole at 80x24.
    pick = ("learning-a-system-quickly", "technical-trade-off")
    rubric = context.bank.rubric(pick[0])
    assert rubric is not None
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await start(pilot, context, pick=pick)
        await pilot.press("v", "r")
        await pilot.pause()
        text = screen_text(app)
        assert "Rubric — 1-4 rates" in text
        for level, label in enumerate(("weak", "mixed", "good", "strong"), 1):
            assert f"{level} {label}" in text
            words = rubric.words(level)
            assert " ".join(words.split()[-3:]) in " ".join(text.split()), (level, text)
        await pilot.press("2")
        await pilot.pause()
        assert "Rubric —" not in screen_text(app)
        assert keeper.session.questions[0].rating == 2
