"""Compare, from the review list: a debrief panel of three interviewers, and candidates."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from review_helpers import PICK, notices, panel_of_three, save_session, widget_text
from textual.widgets import Static

from tpm_tui.app import TpmApp, make_app
from tpm_tui.context import AppContext, ReviewRequest
from tpm_tui.domain.models import AreaTick, Bank
from tpm_tui.domain.report import markdown_many
from tpm_tui.screens.compare import MAX_ROWS, CompareScreen
from tpm_tui.screens.review import ReviewScreen
from tpm_tui.storage.store import SessionStore

MakeContext = Callable[..., AppContext]


@pytest.fixture
def store(make_context: MakeContext) -> SessionStore:
    return make_context().store


async def compare_all(app: TpmApp, pilot: object, count: int) -> CompareScreen:
    """Mark the first `count` rows of the list and compare them."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReviewScreen)
    await pilot.press(*["space"] * count, "c")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()  # the files are read in a worker
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, CompareScreen)
    return app.screen


def section(screen: CompareScreen, name: str) -> str:
    return widget_text(screen.query_one(f"#compare-{name}", Static))


def line_of(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(start))


async def test_debrief_panel_of_three_interviewers(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    panel_of_three(store, shipped_bank)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await compare_all(app, pilot, 3)
        assert "Debrief  Jane Doe · 3 interviewers" in section(screen, "title")
        questions = section(screen, "questions")
        # In the order the candidate met them (as the debrief, however they were marked).
        assert line_of(questions, "Question").split()[-4:] == ["sam", "ali", "kim", "Spread"]
        # Each interviewer's rating (and areas covered) side by side; a spread of 2 flagged.
        assert line_of(questions, "1. Technical trade-off").split()[-8:] == [
            "2", "3/7", "3", "3/7", "4", "1/7", "⚠", "2",
        ]  # fmt: skip
        assert line_of(questions, "2. Explaining").split()[-7:] == [
            "3", "4/7", "3", "3/7", "2", "0/7", "1",
        ]  # fmt: skip
        competencies = section(screen, "competencies")
        assert line_of(competencies, "Strategic thinking").split()[-5:] == [
            "2.0", "3.0", "4.0", "⚠", "2",
        ]  # fmt: skip
        assert line_of(competencies, "Technical acumen").split()[-4:] == [
            "2.5", "3.0", "3.0", "0.5",
        ]  # fmt: skip
        disagreements = section(screen, "disagreements")
        assert "⚠ question Technical trade-off  spread 2" in disagreements
        assert "⚠ question average Strategic thinking  spread 2" in disagreements
        assert "Explaining" not in disagreements
        uncovered = section(screen, "uncovered")
        last_area = shipped_bank.question(PICK[0]).areas[-1]
        assert uncovered.splitlines() == [
            "Areas nobody covered", "  Technical trade-off", f"    ✗ {last_area}",
        ]  # fmt: skip
        await pilot.press("j", "k")
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_candidates_side_by_side(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    trade_off, translate, data = PICK
    save_session(store, shipped_bank, candidate="Ann", ratings={trade_off: 4, translate: 3},
                 ticks={trade_off: [0, 1, 2, 3, 4, 5, 6]}, minutes_after=0)  # fmt: skip
    save_session(store, shipped_bank, candidate="Bob", ratings={trade_off: 2},
                 ticks={data: [0, 1]}, pick=(trade_off, data), minutes_after=10)  # fmt: skip
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await compare_all(app, pilot, 2)
        assert "Candidates  Ann, Bob" in section(screen, "title")
        questions = section(screen, "questions")
        assert line_of(questions, "Question").split()[-2:] == ["Ann", "Bob"]
        assert "Spread" not in questions
        assert line_of(questions, "1. Technical trade-off").split()[-4:] == [
            "4", "7/7", "2", "0/7",
        ]  # fmt: skip
        # Bob was not asked this one; Ann was asked Data-informed but left it unrated.
        assert line_of(questions, "2. Explaining").split()[-3:] == ["3", "0/7", "—"]
        assert line_of(questions, "3. Data-informed").split()[-3:] == ["0/7", "·", "2/7"]
        competencies = section(screen, "competencies")
        assert line_of(competencies, "Technical acumen").split()[-2:] == ["3.5", "2.0"]
        assert line_of(competencies, "Data-driven").split()[-2:] == ["—", "—"]
        assert not screen.query("#compare-disagreements")


async def test_export_from_compare(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    """Several candidates: their reports (a panel's `x` writes its debrief: test_team_review)."""
    paths = [save_session(store, shipped_bank, candidate=name, minutes_after=minutes)
             for name, minutes in (("Jane Doe", 0), ("John Roe", 5))]  # fmt: skip
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await compare_all(app, pilot, 2)
        await pilot.press("x")
        today = datetime.now(UTC).date()
        written = store.folder / f"export-{today:%Y-%m-%d}-2-sessions.md"
        expected = markdown_many([store.load(path) for path in paths], shipped_bank)
        assert written.read_text(encoding="utf-8") == expected
        assert any(n.startswith("Exported 2 sessions to") for n in notices(app))


async def test_hostile_names_in_compare_are_literal(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank, tmp_path: Path
) -> None:
    save_session(store, shipped_bank, candidate="[bold]Zed[/", interviewer="[/]",
                 minutes_after=0, ratings={PICK[0]: 1})  # fmt: skip
    save_session(store, shipped_bank, candidate="[bold]zed[/", interviewer="\x1b[31mred",
                 minutes_after=5, ratings={PICK[0]: 4})  # fmt: skip
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await compare_all(app, pilot, 2)
        assert "Debrief  [bold]Zed[/ · 2 interviewers" in section(screen, "title")
        header = line_of(section(screen, "questions"), "Question")
        assert header.split()[-3:] == ["[/]", "␛[31mred", "Spread"]
        assert "⚠ 3" in section(screen, "questions")
        assert app.is_running


async def test_names_with_line_breaks_tabs_and_controls_keep_the_header_whole(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    # A panel: the candidate's name and the interviewers' each take one line.
    save_session(store, shipped_bank, candidate="jane doe", interviewer="Kim\tLee",
                 minutes_after=0, ratings={PICK[0]: 2})  # fmt: skip
    save_session(store, shipped_bank, candidate="Jane\nDoe", interviewer="Ali\r\n\x1b[2J",
                 minutes_after=5, ratings={PICK[0]: 3})  # fmt: skip
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await compare_all(app, pilot, 2)
        title = section(screen, "title").strip().splitlines()
        assert title[0].strip() == "Debrief  jane doe · 2 interviewers"
        assert title[1].strip().startswith("Each cell:")
        header = line_of(section(screen, "questions"), "Question")
        assert header.endswith("Kim Lee  Ali ␛[2J  Spread")


async def test_candidate_names_with_line_breaks_keep_the_header_whole(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    save_session(store, shipped_bank, candidate="Ann\nLee", minutes_after=0)
    save_session(store, shipped_bank, candidate="Bob\t\x07Ray", minutes_after=5)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await compare_all(app, pilot, 2)
        title = section(screen, "title").strip().splitlines()
        assert title[0].strip() == "Candidates  Ann Lee, Bob ␇Ray · the same questions side by side"
        header = line_of(section(screen, "questions"), "Question")
        assert header.endswith("Ann Lee  Bob ␇Ray")


async def test_huge_sessions_are_read_in_a_worker_and_lists_are_bounded(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    for minutes, interviewer in ((0, "kim"), (5, "ali")):
        path = save_session(store, shipped_bank, candidate="Jane Doe", interviewer=interviewer,
                            pick=(PICK[0],), minutes_after=minutes)  # fmt: skip
        session = store.load(path)
        session.questions[0].areas = [AreaTick(f"Area {n}") for n in range(500)]
        store.save(session, path)
    context = make_context(ReviewRequest())
    release = threading.Event()
    load = context.store.load
    monkeypatch.setattr(context.store, "load", lambda target: release.wait(10) and load(target))
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("space", "space", "c")
        assert isinstance(app.screen, CompareScreen)
        screen = app.screen
        assert "Loading 2 sessions…" in section(screen, "loading")
        await pilot.press("j", "x")  # the screen answers meanwhile
        assert any("still being read" in n for n in notices(app))
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        uncovered = section(screen, "uncovered")
        assert uncovered.count("✗ Area") == MAX_ROWS
        assert f"… {500 - MAX_ROWS} more areas: x exports everything" in uncovered


async def test_a_panel_of_five_long_names_reads_at_80_columns(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    # Found by a tester: the question column shrank to 4 characters and every title
    # wrapped letter by letter ("Tech / nica / l").
    for number, name in enumerate(["Élodie Martin", "Alice Ngozi Okafor", "Chloé Dupont",
                                   "Dev Ramanathan", "Farid Haddad"]):  # fmt: skip
        save_session(store, shipped_bank, candidate="Jane Doe", interviewer=name,
                     minutes_after=number, ratings={PICK[0]: 1 + number % 4})  # fmt: skip
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await compare_all(app, pilot, 5)
        questions = section(screen, "questions")
        # Whole words (wrapped at a space at most), every interviewer's column there.
        assert "1. Technical" in questions and "trade-off" in questions
        assert all(len(line) <= 80 for line in questions.splitlines())
        assert questions.splitlines()[0].split()[1:] == [
            "Élodie…", "Alice", "N…", "Chloé", "D…", "Dev", "Ram…", "Farid", "H…", "Spread"
        ]  # fmt: skip
        competencies = section(screen, "competencies")
        assert "Technical acumen" in competencies


async def test_the_same_candidate_twice_among_others_has_columns_that_differ(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    # Found by a tester: "José Álvarez…  José Álvarez…", the interviewer cut off.
    save_session(store, shipped_bank, candidate="José Álvarez", interviewer="Chloé Dupont")
    save_session(store, shipped_bank, candidate="José Álvarez", interviewer="Ben Okafor",
                 minutes_after=1)  # fmt: skip
    save_session(store, shipped_bank, candidate="Mei Lin", interviewer="Ben Okafor",
                 minutes_after=2)  # fmt: skip
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await compare_all(app, pilot, 3)
        header = "\n".join(section(screen, "questions").splitlines()[:2])
        assert "Chloé Dupont" in header and "Ben Okafor" in header
