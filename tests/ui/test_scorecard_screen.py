"""The summary screen's scorecard: ratings per competency (pre-filled from the
questions' ratings), strengths and concerns, all from the keyboard at 80x24, saved
as a draft while unfinished and in `[outcome]` once completed."""

from __future__ import annotations

from live_session_helpers import FakeClock, begin, live_session, on_disk, saves_done, screen_text

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.keeper import SessionKeeper, resume_keeper
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.summary import SummaryScreen
from tpm_tui.widgets.modeline import ModeLine
from tpm_tui.widgets.scorecard import CompetencyScores, TakeawayLines

SIZE = (80, 24)
# technical-trade-off: technical-acumen, strategic-thinking, stakeholder-management;
# coordinating-a-complex-launch: execution, cross-functional-leadership, communication;
# adapting-the-roadmap: strategic-thinking, technical-acumen, communication.
# Rated 2, unrated, 3: technical acumen and strategic thinking 2.5 -> 3 (half up).
RATE = ("r", "2", "n", "n", "r", "3")


def row(app, name: str) -> str:  # type: ignore[no-untyped-def]
    """The scorecard line of competency `name`, as on screen."""
    lists = app.screen.query_one(CompetencyScores)
    for index in range(lists.option_count):
        line = str(lists.get_option_at_index(index).prompt)
        if line.startswith(name):
            return " ".join(line.split())
    raise AssertionError(f"no line for {name}")


def mode(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(ModeLine).text


async def to_summary(pilot, keeper: SessionKeeper) -> None:  # type: ignore[no-untyped-def]
    pilot.app.open_session(keeper)
    await pilot.pause()
    await pilot.press("q", "y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)


async def test_ratings_are_pre_filled_and_changed_by_key(
    context: AppContext, clock: FakeClock
) -> None:
    async with live_session(context) as (app, pilot, keeper):
        await pilot.press(*RATE, "q", "y")
        await pilot.pause()
        assert "Scorecard" in screen_text(app)
        assert row(app, "Technical acumen") == (
            "Technical acumen 3 good pre-filled from 2 questions"
        )
        assert row(app, "Strategic thinking").startswith("Strategic thinking 3 good pre-filled")
        assert row(app, "Stakeholder management").startswith("Stakeholder management 2 mixed")
        assert row(app, "Communication") == "Communication 3 good pre-filled from 1 question"
        assert row(app, "Execution") == "Execution — not rated no question of it was rated"

        await pilot.press("tab")  # to the ratings: digits rate there, the mode line says so
        assert app.screen.focused is app.screen.query_one(CompetencyScores)
        assert mode(app).startswith("SCORECARD — 1-4 rate")
        assert "Technical acumen" in screen_text(app)  # scrolled into view
        await pilot.press("4")
        assert row(app, "Technical acumen") == "Technical acumen 4 strong yours"
        assert "→ not chosen" in screen_text(app)  # the digit did not recommend
        await pilot.press("down", "down", "down", "1")  # execution: no pre-filled rating
        assert row(app, "Execution") == "Execution 1 weak yours"
        await pilot.press("up", "up", "up", "0")  # back to the pre-filled rating
        assert row(app, "Technical acumen").endswith("pre-filled from 2 questions")
        assert keeper.session.draft is not None
        assert keeper.session.draft.competencies == {"execution": 1}
        await pilot.press("j", "k", "2")
        assert keeper.session.draft.competencies == {"execution": 1, "technical-acumen": 2}


async def test_strengths_and_concerns_are_added_edited_and_deleted(
    context: AppContext, clock: FakeClock
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context)
        await to_summary(pilot, keeper)
        strengths = app.screen.query_one("#summary-strengths", TakeawayLines)
        concerns = app.screen.query_one("#summary-concerns", TakeawayLines)
        await pilot.press("tab", "tab")
        assert mode(app).startswith("LINES — a adds")
        await pilot.press("a", *"Clear trade-offs", "enter")
        await pilot.press("a", *"Numbers", "escape")  # escape keeps the line too
        await pilot.press("a", "enter")  # an empty line is dropped
        assert strengths.lines == ["Clear trade-offs", "Numbers"]
        assert "· Clear trade-offs" in screen_text(app)
        # Typing reaches the draft key by key: nothing typed waits for enter.
        await pilot.press("up", "enter", *" under load")  # the cursor starts at the end
        assert mode(app).startswith("TYPING A LINE")
        assert keeper.session.draft is not None
        assert keeper.session.draft.strengths == ["Clear trade-offs under load", "Numbers"]
        await pilot.press("enter", "down", "d")
        assert strengths.lines == ["Clear trade-offs under load"]
        await pilot.press("tab", "a", *"Vague on results", "enter")
        assert concerns.lines == ["Vague on results"]
        assert keeper.session.draft.concerns == ["Vague on results"]
        await pilot.press("3", "ctrl+s")  # digits recommend outside the ratings list
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)
    saved = on_disk(context, keeper)
    assert saved.outcome is not None and saved.outcome.recommendation == "yes"
    assert saved.outcome.strengths == ["Clear trade-offs under load"]
    assert saved.outcome.concerns == ["Vague on results"]
    assert saved.outcome.competencies == {}  # no question rated, none chosen


async def test_the_scorecard_survives_as_a_draft_and_completes_after_resuming(
    context: AppContext, clock: FakeClock
) -> None:
    """Fill the scorecard, leave it unfinished, resume the file in a new app, complete."""
    async with live_session(context) as (app, pilot, keeper):
        await pilot.press(*RATE, "q", "y")
        await pilot.pause()
        await pilot.press("4", "tab", "down", "1")  # strong yes; strategic thinking: 1
        await pilot.press("tab", "a", *"Owns outcomes", "enter")
        await pilot.press("tab", "a", *"Half-typed")  # left mid-line
        await pilot.press("escape", "escape")  # the line ends; back to the questions
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("ctrl+s")
        await saves_done(pilot)
    keeper.close()
    draft = on_disk(context, keeper).draft
    assert draft is not None
    assert (draft.recommendation, draft.strengths, draft.concerns, draft.competencies) == (
        "strong_yes",
        ["Owns outcomes"],
        ["Half-typed"],
        {"strategic-thinking": 1},
    )

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        resumed = resume_keeper(context, keeper.path)
        await to_summary(pilot, resumed)
        text = " ".join(screen_text(app).split())
        assert "→ Strong yes" in text
        assert row(app, "Strategic thinking") == "Strategic thinking 1 weak yours"
        assert row(app, "Technical acumen").endswith("pre-filled from 2 questions")
        await pilot.press("tab", "tab")
        assert "· Owns outcomes" in screen_text(app) and "· Half-typed" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)
    saved = on_disk(context, resumed)
    assert saved.status == "completed" and saved.draft is None and saved.outcome is not None
    assert saved.outcome.strengths == ["Owns outcomes"]
    assert saved.outcome.concerns == ["Half-typed"]
    # The outcome keeps every rating, chosen or pre-filled; execution and
    # cross-functional leadership have none (no question of theirs was rated).
    assert saved.outcome.competencies == {
        "technical-acumen": 3,
        "strategic-thinking": 1,
        "stakeholder-management": 2,
        "communication": 3,
    }


async def test_e_in_the_concerns_writes_the_overall_notes_never_the_concern(
    context: AppContext, clock: FakeClock
) -> None:
    """The newcomer's keys: a concern typed, then `e` and the overall notes. `e` means
    the overall notes everywhere on the summary; `enter` edits a highlighted line."""
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context)
        await to_summary(pilot, keeper)
        await pilot.press("tab", "tab", "tab")  # the concerns
        assert "e notes" in mode(app)
        await pilot.press("a", *"Thin on data", "enter", "3", "e")
        assert mode(app).startswith("TYPING NOTES")
        await pilot.press(*"Hire, with a data probe next round", "escape", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)
    saved = on_disk(context, keeper)
    assert saved.outcome is not None
    assert saved.outcome.concerns == ["Thin on data"]
    assert saved.outcome.notes == "Hire, with a data probe next round"


async def test_a_line_ends_as_its_enter_is_read_and_a_late_change_keeps_to_its_line(
    context: AppContext, clock: FakeClock
) -> None:
    # Found by a tester typing `a Clear thinker ⏎ a Data driven ⏎ …` in one burst: the
    # end of a line was a message, so the next `a` began a line that message then
    # ended (the keys behind it acting on the list: a stray empty line, letters lost,
    # `e` and escape acting on the summary). Now the enter ends the line as it is read.
    from textual.widgets import Input

    from tpm_tui.widgets.lineinput import LineInput
    from tpm_tui.widgets.scorecard import TakeawayList

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await to_summary(pilot, begin(context))
        strengths = app.screen.query_one("#summary-strengths", TakeawayLines)
        await pilot.press("tab", "tab", "a", *"Clear thinker")
        line_input = strengths.query_one(LineInput)
        line_input.stop_typing("enter")  # what reading the enter does; nothing awaited
        assert strengths.lines == ["Clear thinker"]
        assert app.focused is strengths.query_one(TakeawayList)
        strengths.add()  # the `a` right behind it
        strengths._typed(Input.Changed(line_input, "Clear thinker"))  # told late
        assert strengths.lines == ["Clear thinker", ""]
        await pilot.press(*"Data driven", "enter")
        assert strengths.lines == ["Clear thinker", "Data driven"]
