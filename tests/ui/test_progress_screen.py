"""The progress screen: this practice against the candidate's earlier attempts."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest
from live_session_helpers import FakeClock, context_with, on_disk, screen_text, shown
from practice_helpers import PRACTICE_PICK, begin_at, practice_session
from textual.pilot import Pilot

from tpm_tui.app import TpmApp, make_app
from tpm_tui.context import AppContext
from tpm_tui.domain.models import Session
from tpm_tui.screens.practice import PracticeScreen
from tpm_tui.screens.progress import ProgressScreen
from tpm_tui.storage import atomic

SIZE = (80, 24)
DAY1 = datetime(2026, 11, 20, 9, 10, tzinfo=UTC)
DAY2 = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 28, 10, 2, tzinfo=UTC)


@pytest.fixture
def context(make_context: Callable[..., AppContext]) -> AppContext:
    return context_with(make_context, FakeClock())


def earlier_attempts(context: AppContext) -> None:
    """Two earlier practices by alex, and others that must not count."""
    store = context.store
    store.create(practice_session(context, DAY1, covered=(2, 6)))
    store.create(practice_session(context, DAY2, covered=(4, 6)))
    store.create(practice_session(context, DAY2, name="sam", covered=(7, 7)))
    store.create(practice_session(context, DAY2, covered=(7, 7), revealed=False))


async def finish(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("q", "y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProgressScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def progress_of(context: AppContext, session: Session) -> AsyncIterator[tuple[TpmApp, Pilot]]:
    """The app showing `session`'s progress screen (as from review), its history read."""
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ProgressScreen(context, session))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        yield app, pilot


def lines_with(app, words: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in screen_text(app).splitlines() if words in line]


async def test_progress_reads_earlier_attempts_newest_last(context: AppContext) -> None:
    earlier_attempts(context)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin_at(context, NOW, revealed=False)
        app.open_session(keeper)
        await pilot.pause()
        await pilot.press("v", "1", "2", "3", "4", "5", "n", "v", "1")
        await finish(pilot)
        text = screen_text(app)
        assert "Q1 Data-informed decision" in text and "+1 since last time" in text
        rows = [line.strip() for line in text.splitlines() if "░" in line][:3]
        assert rows == [
            "2026-11-20 09:10  ██░░░░░  2/7  —",
            "2026-11-24 18:00  ████░░░  4/7  —",
            "▶ 2026-11-28 10:02  █████░░  5/7  —  this attempt",
        ]
        everything = shown(app.screen.query_one("#progress-text"))
        assert "-5 since last time" in everything  # Q2: 6 then 1
        assert "sam" not in everything and everything.count("2026-11-24") == 2


async def test_progress_says_first_attempt_and_what_was_missed(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin_at(context, NOW, revealed=False, pick=PRACTICE_PICK[:1])
        app.open_session(keeper)
        await pilot.pause()
        await pilot.press("v", "1", "s", "f", "space", "escape")
        await finish(pilot)
        text = screen_text(app)
        assert "first attempt" in text
        assert "follow-ups answered 1/4 · STAR 1/4" in text
        assert "Not covered this time:" in text
        record = keeper.session.questions[0]
        assert f"· {record.areas[1].text}" in text
        assert f"· {record.areas[0].text}" not in text


async def test_a_question_never_revealed_says_so(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(begin_at(context, NOW, revealed=False))
        await pilot.pause()
        await finish(pilot)
        assert "areas not revealed yet" in screen_text(app)
        assert "not self-checked yet" in screen_text(app)


async def test_a_failed_completion_stays_and_says_why(
    context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path, text):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin_at(context, NOW, revealed=False)
        app.open_session(keeper)
        await pilot.pause()
        await finish(pilot)
        monkeypatch.setattr(atomic, "write_bytes", full_disk)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert "No space left on device — press ctrl+s" in " ".join(screen_text(app).split())
        assert not keeper.session.completed
        monkeypatch.undo()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
    assert on_disk(context, keeper).status == "in_progress"


async def test_from_review_it_is_read_only(context: AppContext) -> None:
    earlier_attempts(context)
    path = context.store.create(practice_session(context, NOW, covered=(5, 1)))
    session = context.store.load(path)
    async with progress_of(context, session) as (app, pilot):
        text = screen_text(app)
        assert "Practice history · alex" in text
        assert "Save as completed" not in text
        assert len(lines_with(app, "this attempt")) == 2  # once per question, not twice
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProgressScreen)
    assert context.store.load(path).status == "in_progress"


async def test_review_detail_h_opens_the_practice_history(context: AppContext) -> None:
    from live_session_helpers import begin

    from tpm_tui.screens.detail import DetailScreen

    earlier_attempts(context)
    practice = context.store.create(practice_session(context, NOW, covered=(5, 1)))
    interview = begin(context).path
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(DetailScreen(context, interview))
        await app.workers.wait_for_complete()  # the file is read in a worker
        await pilot.pause()
        assert "Practice history" not in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        app.push_screen(DetailScreen(context, practice))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "h Practice history" in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "+1 since last time" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)


async def test_progress_shows_answer_time_and_coverage_per_competency(
    context: AppContext,
) -> None:
    first = practice_session(context, datetime(2026, 11, 20, 9, tzinfo=UTC), covered=(2, 1))
    first.questions[0].answer_seconds = 200  # over the 3:00 target
    context.store.create(first)
    path = context.store.create(practice_session(context, NOW, covered=(7, 1)))
    session = context.store.load(path)
    session.questions[0].answer_seconds = 150
    async with progress_of(context, session) as (app, _pilot):
        text = screen_text(app)
        assert "Coverage per competency over all your attempts" in text
        name = context.bank.competency_name(session.questions[0].competencies[0])
        chart = lines_with(app, name)[0]
        assert "▃█  29% → 100%" in chart  # 2 of 7 areas, then 7 of 7
        body = app.screen.query_one("#progress-text").render()
        assert "3:20/3:00 over" in str(body) and "2:30/3:00" in str(body)


async def test_progress_shows_each_attempts_notes_on_what_to_say_better(
    context: AppContext,
) -> None:
    first = practice_session(context, DAY1, covered=(2, 1))
    first.questions[0].notes = "Lead with the number,\nthen the [bold]why[/"
    context.store.create(first)
    path = context.store.create(practice_session(context, NOW, covered=(5, 1)))
    session = context.store.load(path)
    session.questions[0].notes = "Shorter situation " + "and more result " * 10
    async with progress_of(context, session) as (app, _pilot):
        rows = str(app.screen.query_one("#progress-text").render()).splitlines()
        notes = [row for row in rows if "notes:" in row]
        assert notes[0] == "      notes: Lead with the number, then the [bold]why[/"
        assert notes[1].startswith("      notes: Shorter situation and more result")
        assert notes[1].endswith("…") and len(notes[1]) <= 74
        # Under the attempt each belongs to.
        assert rows[rows.index(notes[0]) - 1].strip().startswith("2026-11-20 09:10")
        assert "this attempt" in rows[rows.index(notes[1]) - 1]


async def test_coverage_per_competency_counts_attempts_at_other_questions(
    context: AppContext,
) -> None:
    # Communication covered fully on another question counts; a competency this
    # practice does not touch is left out of its chart.
    other = practice_session(
        context, DAY1, pick=("translating-technical-requirements",), covered=(7,)
    )
    context.store.create(other)
    context.store.create(
        practice_session(context, DAY2, pick=("translating-technical-requirements",),
                         name="sam", covered=(0,))
    )  # fmt: skip
    path = context.store.create(
        practice_session(context, NOW, pick=("data-informed-decision",), covered=(2,))
    )
    session = context.store.load(path)
    async with progress_of(context, session) as (app, _pilot):
        assert "█▃  100% → 29%" in lines_with(app, "Communication")[0]
        assert "▃  29%" in lines_with(app, "Data-driven decisions")[0]
        assert lines_with(app, "Technical acumen") == []
