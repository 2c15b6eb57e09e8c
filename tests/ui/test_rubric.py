"""`r` on the session screen: the question's rubric beside the 1-4 choice, at 80x24."""

from __future__ import annotations

import attrs
from live_session_helpers import begin, on_disk, screen_text, until
from textual import events

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.screens.session import SessionScreen
from tpm_tui.widgets.rubric import NO_RUBRIC, RubricPanel

SIZE = (80, 24)
# The longest rubric of the shipped bank, then another.
PICK = ("learning-a-system-quickly", "technical-trade-off")


async def test_r_shows_the_rubric_and_a_digit_rates_and_closes(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context, pick=PICK)
        app.open_session(keeper)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        panel = app.screen.query_one(RubricPanel)
        assert not panel.display or panel.region.height == 0
        assert not panel.children  # built when first shown: the start is quicker
        assert "Rubric —" not in screen_text(app)
        rubric = context.bank.rubric(PICK[0])
        assert rubric is not None

        await pilot.press("r")
        text = screen_text(app)
        assert "Rubric — 1-4 rates" in text
        for level, label in enumerate(("weak", "mixed", "good", "strong"), 1):
            assert f"{level} {label}" in text
            words = rubric.words(level)
            # The last words of each level are on screen: the panel reads whole at 80x24.
            assert " ".join(words.split()[-3:]) in " ".join(text.split()), (level, text)
        assert "RATE: 1 weak" in text  # the prompt still waits for the digit
        assert "Areas to cover" not in text

        await pilot.press("3")
        text = screen_text(app)
        assert "Rubric —" not in text and "Areas to cover" in text
        assert "Rating: 3 good" in text
        assert keeper.session.questions[0].rating == 3

        # The rating given is marked when the rubric opens again; escape closes it.
        await pilot.press("r")
        good = app.screen.query_one("#rubric-level-3")
        assert good.has_class("-given")
        await pilot.press("escape")
        assert "Rubric —" not in screen_text(app)
        assert keeper.session.questions[0].rating == 3

        # `r` again closes it too, and changes nothing.
        await pilot.press("r", "r")
        assert "Rubric —" not in screen_text(app)
        assert keeper.session.questions[0].rating == 3

        # The next question shows its own rubric.
        await pilot.press("n", "r")
        second = context.bank.rubric(PICK[1])
        assert second is not None
        assert " ".join(second.words(1).split()[:4]) in " ".join(screen_text(app).split())
        await pilot.press("4")
        await keeper_saved(pilot, app)
    saved = on_disk(context, keeper)
    assert [q.rating for q in saved.questions] == [3, 4]


async def keeper_saved(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_question_without_a_rubric_says_so(context: AppContext) -> None:
    bank = context.bank
    plain = attrs.evolve(bank.questions[0], rubric=None)
    context = attrs.evolve(context, bank=attrs.evolve(bank, questions=(plain, *bank.questions[1:])))
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_session(begin(context, pick=(plain.id,)))
        await pilot.pause()
        await pilot.press("r")
        text = screen_text(app)
        assert "Rubric —" in text and NO_RUBRIC[:40] in text
        await pilot.press("2")
        assert "Rating: 2 mixed" in screen_text(app)


async def test_a_burst_while_the_rubric_is_first_built(context: AppContext) -> None:
    # The rubric's rows are built the first time `r` shows them: keys that come
    # in the same burst (r opens, 2 rates, n moves on, r opens again) find them.
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context, pick=PICK)
        app.open_session(keeper)
        await pilot.pause()
        for key in "r2nr":
            app.post_message(events.Key(key, key))
        # Wait on what the keys do, not a fixed time (a loaded machine is slow).
        await until(pilot, lambda: keeper.session.current == 1)
        await until(pilot, lambda: "Rubric — 1-4 rates" in screen_text(app))
        assert keeper.session.questions[0].rating == 2
        second = context.bank.rubric(PICK[1])
        assert second is not None
        text = " ".join(screen_text(app).split())
        assert "Rubric — 1-4 rates" in text
        assert " ".join(second.words(4).split()[-3:]) in text
        assert not app.screen.query(".-given")  # question 2 has no rating yet
