"""Review as a member of a panel: blind until you submit in the list, detail, raw
view, compare, calibration and exports; compare's `x` debrief; calibration (`C`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from attrs import evolve
from live_session_helpers import screen_text
from panel_helpers import BANK, interview, three_panel
from review_helpers import notices, row_texts, texts_of, widget_text
from textual.widgets import Static

from tpm_tui.app import TpmApp, make_app
from tpm_tui.context import AppContext, ReviewRequest
from tpm_tui.domain.blind import HIDDEN
from tpm_tui.domain.debrief import debrief
from tpm_tui.domain.models import Outcome
from tpm_tui.screens.calibration import CalibrationScreen
from tpm_tui.screens.compare import CompareScreen
from tpm_tui.screens.detail import RAW_HIDDEN, DetailScreen
from tpm_tui.screens.review import ReviewScreen
from tpm_tui.widgets.review_table import ReviewTable

MakeContext = Callable[..., AppContext]
SECRETS = ("Strong yes", "Weighed", "owned the call", "Clear thinker", "Structured",
           "Little data work", "Would add load tests", "Knows the stack", "Solid.")  # fmt: skip


def panel_context(make_context: MakeContext, you: str, *, yours_unfinished: bool) -> AppContext:
    """Ana's and Sam's completed interviews of Jane Doe, and Lee's: completed, or
    unfinished (the newest row of the list) when `yours_unfinished`."""
    context = evolve(make_context(ReviewRequest()), user=you)
    ana, sam, lee = three_panel()
    if yours_unfinished:
        lee = interview("Lee", ratings={"trade-off": 1}, notes={"trade-off": "Mine"},
                        hours_after=3, pick=("trade-off", "conflict"))  # fmt: skip
    for session in (ana, sam, lee):
        context.store.create(session)
    return context


async def review(app: TpmApp, pilot: object) -> ReviewScreen:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def secrets_in(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


async def test_blind_list_hides_the_others_verdicts(make_context: MakeContext) -> None:
    app = make_app(panel_context(make_context, "lee", yours_unfinished=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await review(app, pilot)
        rows = row_texts(screen.query_one(ReviewTable))
        assert len(rows) == 3
        ana = next(row for row in rows if "Ana" in row)
        assert ana.count("hidden") == 2 and "Strong yes" not in ana and "3.3" not in ana
        assert "hidden" not in rows[0]  # your own session shows
        await pilot.press("slash", *"strong")  # the filter finds nothing hidden either
        await pilot.pause()
        assert row_texts(screen.query_one(ReviewTable)) == []


async def test_not_on_the_panel_you_see_everything(make_context: MakeContext) -> None:
    app = make_app(panel_context(make_context, "kim", yours_unfinished=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await review(app, pilot)
        text = "\n".join(row_texts(screen.query_one(ReviewTable)))
        assert "hidden" not in text and "Strong yes" in text


async def test_blind_detail_and_raw_view(make_context: MakeContext) -> None:
    app = make_app(panel_context(make_context, "Lee", yours_unfinished=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await review(app, pilot)
        rows = row_texts(screen.query_one(ReviewTable))
        await pilot.press(*["down"] * next(i for i, r in enumerate(rows) if "Ana" in r), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        body = texts_of(detail.query_one("#detail-body"))
        assert HIDDEN in body and "Outcome  " + HIDDEN in body
        assert secrets_in(body) == []
        assert "Constraints named" in body  # what was covered is no verdict
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        raw = texts_of(detail.query_one("#detail-raw"))
        assert " ".join(RAW_HIDDEN.split()) in " ".join(raw.split())
        assert "strong_yes" not in raw and "rating =" not in raw


async def test_detail_shows_the_scorecard_in_the_order_of_the_report(
    make_context: MakeContext,
) -> None:
    context = evolve(make_context(ReviewRequest(), bank=BANK), user="Kim")  # not on the panel
    ana, *_ = three_panel()
    context.store.create(ana)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await review(app, pilot)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = texts_of(app.screen.query_one("#detail-body"))
        outcome = body[body.index("Outcome  Strong yes") :]
        # As the Markdown report: ratings per competency (by name), strengths,
        # concerns, then the overall notes.
        order = ["Scorecard", "Technical acumen", "4 (strong)", "Leadership", "3 (good)",
                 "Communication", "Strengths", "Structured | crisp", "Concerns",
                 "Little data work", "Overall notes", "Clear thinker."]  # fmt: skip
        places = [outcome.index(part) for part in order]
        assert places == sorted(places)
        assert "technical-acumen" not in outcome


async def test_after_you_complete_yours_detail_and_raw_show_everything(
    make_context: MakeContext,
) -> None:
    app = make_app(panel_context(make_context, "Lee", yours_unfinished=False))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await review(app, pilot)
        rows = row_texts(screen.query_one(ReviewTable))
        await pilot.press(*["down"] * next(i for i, r in enumerate(rows) if "Ana" in r), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = texts_of(app.screen.query_one("#detail-body"))
        assert HIDDEN not in body and "Strong yes" in body
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "strong_yes" in texts_of(app.screen.query_one("#detail-raw"))


async def test_compare_shows_each_interviewers_verdicts_and_x_writes_the_debrief(
    make_context: MakeContext,
) -> None:
    context = panel_context(make_context, "kim", yours_unfinished=False)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await review(app, pilot)
        await pilot.press("space", "space", "space", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        verdicts = widget_text(compare.query_one("#compare-verdicts", Static))
        assert "Ana  Strong yes" in verdicts
        assert "scorecard: Technical acumen 4" in verdicts
        assert "+ Structured | crisp" in verdicts and "− Little data work" in verdicts
        assert "Clear thinker." in verdicts
        await pilot.press("x")
        written = sorted(context.sessions_dir.glob("debrief-*-jane-doe.md"))
        assert len(written) == 1
        assert written[0].stat().st_mode & 0o777 == 0o600
        assert written[0].read_text(encoding="utf-8") == debrief(
            compare.sessions, context.bank.competency_name
        )
        assert any("debrief" in notice and written[0].name in notice for notice in notices(app))


async def test_blind_compare_and_its_debrief(make_context: MakeContext) -> None:
    context = panel_context(make_context, "Lee", yours_unfinished=True)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await review(app, pilot)
        await pilot.press("space", "space", "space", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        shown = texts_of(compare.query_one("#compare-body"))
        assert secrets_in(shown) == []
        assert "hidden" in widget_text(compare.query_one("#compare-questions", Static))
        assert "scorecard and notes " + HIDDEN in shown
        # One marker for a hidden rating everywhere: never "—" (not rated), never "none".
        competencies = widget_text(compare.query_one("#compare-competencies", Static))
        rows = [line.split()[-3:] for line in competencies.splitlines()[1:]]
        # In interview order: Ana's, Sam's, Lee's (yours)
        assert rows[:2] == [["hidden", "hidden", "1.0"], ["hidden", "hidden", "—"]]
        disagreements = widget_text(compare.query_one("#compare-disagreements", Static))
        assert "none" not in [line.strip() for line in disagreements.splitlines()]
        assert "cannot tell: partial: 2 interviewers' ratings hidden" in disagreements
        await pilot.press("x")
        text = next(context.sessions_dir.glob("debrief-*.md")).read_text(encoding="utf-8")
        assert secrets_in(text) == [] and "this debrief is partial" in text


async def test_blind_export_from_the_list(make_context: MakeContext) -> None:
    context = panel_context(make_context, "Lee", yours_unfinished=True)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await review(app, pilot)
        await pilot.press("space", "space", "space", "x")
        text = next(context.sessions_dir.glob("export-*.md")).read_text(encoding="utf-8")
        assert secrets_in(text) == [] and f"**Recommendation: {HIDDEN}**" in text
        assert "Mine" in text  # your own notes show


@pytest.mark.parametrize("you", ["kim", "Lee"])
async def test_calibration_from_review(make_context: MakeContext, you: str) -> None:
    blind = you == "Lee"
    app = make_app(panel_context(make_context, you, yours_unfinished=blind))
    async with app.run_test(size=(80, 24)) as pilot:
        await review(app, pilot)
        await pilot.press("C")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CalibrationScreen)
        table = widget_text(screen.query_one("#calibration-table", Static))
        assert all(len(line) <= 78 for line in table.splitlines())  # reads at 80 columns
        ana = next(line for line in table.splitlines() if line.startswith("Ana"))
        if blind:  # Ana's and Sam's ratings are hidden: not counted, and it says so
            assert ana.split() == ["Ana", "1*", "—", "0·0·0·0", "—", "—", "1.3", "57%", "0.3"]
            partial = widget_text(screen.query_one("#calibration-partial", Static))
            assert "Partial: 2 sessions" in partial and HIDDEN in " ".join(partial.split())
        else:
            assert ana.split() == ["Ana", "1", "3.3", "0·0·0·1", "1/3", "+1.2", "1.3", "57%",
                                   "0.3"]  # fmt: skip
            assert not screen.query("#calibration-partial")
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = texts_of(app.screen)
        assert "Back to the list" in help_text and "Every key" in help_text
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


def with_conflict_copy(context: AppContext) -> str:
    """Sam's session kept twice by a sync (a hand edit on both sides): the copy,
    `…-conflict.toml`, holds the same session id and was saved later."""
    original = next(path for path in context.store.folder.glob("*.toml")
                    if 'name = "Sam"' in path.read_text(encoding="utf-8"))  # fmt: skip
    copy = original.with_name(original.stem + "-conflict.toml")
    copy.write_text(original.read_text(encoding="utf-8").replace("Solid.", "Solid, edited."),
                    encoding="utf-8")  # fmt: skip
    copy.chmod(0o600)
    return copy.name


async def test_a_conflict_copy_is_one_session_not_a_fourth_interviewer(
    make_context: MakeContext,
) -> None:
    context = panel_context(make_context, "kim", yours_unfinished=False)
    copy = with_conflict_copy(context)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await review(app, pilot)
        rows = row_texts(screen.query_one(ReviewTable))
        assert len(rows) == 4
        assert [row for row in rows if "conflict copy" in row] == [
            row for row in rows if "Sam" in row and "conflict copy" in row
        ] and sum("conflict copy" in row for row in rows) == 1
        assert "1 conflict copy" in widget_text(screen.query_one("#review-status", Static))
        await pilot.press("space", "space", "space", "space", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        shown = " ".join(texts_of(compare.query_one("#compare-body")).split())
        assert "3 interviewers" in shown and "Sam (2)" not in shown
        assert f"{copy} is another version of Sam's session" in shown and "not counted" in shown
        await pilot.press("x")
        text = next(context.sessions_dir.glob("debrief-*.md")).read_text(encoding="utf-8")
        assert text.count("| Sam | Yes |") == 1 and "3 interviewers" in text
        assert f"{copy} is another version of Sam's session" in text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("C")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = widget_text(app.screen.query_one("#calibration-table", Static))
        sam = next(line for line in table.splitlines() if line.startswith("Sam"))
        ana = next(line for line in table.splitlines() if line.startswith("Ana"))
        assert sam.split()[1] == "1" and ana.split()[5] == "+1.2"  # as without the copy
        assert copy in " ".join(texts_of(app.screen).split())


async def test_a_long_scorecard_in_compare_never_wraps_back_to_column_one(
    make_context: MakeContext,
) -> None:
    context = evolve(make_context(ReviewRequest()), user="kim")
    ids = ("technical-acumen", "strategic-thinking", "communication",
           "cross-functional-leadership", "stakeholder-management")  # fmt: skip
    scores = dict.fromkeys(ids, 3)
    for name in ("Ana", "Sam"):
        context.store.create(interview(name, ratings={"trade-off": 3},
                                       outcome=Outcome("yes", competencies=scores)))  # fmt: skip
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await review(app, pilot)
        await pilot.press("space", "space", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        verdicts = widget_text(app.screen.query_one("#compare-verdicts", Static)).splitlines()
        assert all(line.startswith("  ") for line in verdicts[1:]), verdicts  # all indented
        assert "Stakeholder management 3" in " ".join(verdicts)  # whole, on one line


async def test_the_blind_list_fits_its_columns_at_80(make_context: MakeContext) -> None:
    context = evolve(make_context(ReviewRequest()), user="Jordan Blake")
    for hours, name in enumerate(("Alice Ng", "Bob Stone")):
        context.store.create(interview(name, candidate="Priya Raman",
                                       ratings={"trade-off": 3}, outcome=Outcome("yes"),
                                       hours_after=hours))  # fmt: skip
    context.store.create(interview("Jordan Blake", candidate="Priya Raman",
                                   ratings={}, hours_after=3))  # fmt: skip
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await review(app, pilot)
        table = screen.query_one(ReviewTable).region
        lines = [line.rstrip() for line in screen_text(app).splitlines()[table.y : table.bottom]]
        assert lines[0].split()[-1] == "Status"  # whole, and no column cut after it
        assert lines[1].endswith("in progress") and lines[2].endswith("completed")
        assert lines[2].split()[-3:-1] == ["hidden", "hidden"]


async def test_help_on_the_read_only_screens_lists_only_keys_that_mean_something(
    make_context: MakeContext,
) -> None:
    app = make_app(panel_context(make_context, "kim", yours_unfinished=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await review(app, pilot)
        for keys in (("space", "space", "c"), ("C",)):
            await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            help_text = " ".join(texts_of(app.screen).split())
            assert "Back to the list" in help_text and "Scroll down" in help_text
            for generic in ("Scroll Left", "Page Left", "Copy selected text", "Focus Next",
                            "resume later"):  # fmt: skip
                assert generic not in help_text, generic
            assert "Quit tpm-tui" in help_text
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)


async def test_calibration_counts_in_words_that_agree(make_context: MakeContext) -> None:
    context = evolve(make_context(ReviewRequest()), user="Lee")
    ana = three_panel()[0]
    context.store.create(ana)
    context.store.create(interview("Lee", ratings={}, hours_after=3))  # yours, unfinished
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await review(app, pilot)
        await pilot.press("C")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = " ".join(texts_of(app.screen).split())
        assert "1 interviewer · 1 completed interview" in shown
        assert "Partial: 1 session (marked *) has ratings and recommendations" in shown


def test_calibrations_lean_has_no_minus_zero_and_the_legends_minus() -> None:
    # Found by a tester: `Lean -0.0`, an ASCII minus beside the legend's `−`.
    from tpm_tui.screens.calibration import _lean

    assert [str(_lean(v)) for v in (-0.04, 0.0, -1.25, 0.3, None)] == [
        "0.0", "0.0", "−1.2", "+0.3", "—",
    ]  # fmt: skip
