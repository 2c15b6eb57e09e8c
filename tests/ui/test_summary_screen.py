"""The summary: per-question results, gaps, the recommendation and notes, completing."""

from __future__ import annotations

import pytest
from live_session_helpers import FakeClock, begin, on_disk, saves_done, screen_text

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.summary import NEED_RECOMMENDATION, SummaryScreen
from tpm_tui.storage import atomic

SIZE = (80, 24)


async def to_summary(pilot, context: AppContext, clock: FakeClock, before=()):  # type: ignore[no-untyped-def]
    keeper = begin(context)
    pilot.app.open_session(keeper)
    await pilot.pause()
    clock.advance(312)
    await pilot.press(*before, "q", "y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)
    return keeper


def flat(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(screen_text(app).split())


async def test_shows_each_question_and_what_was_missed(
    context: AppContext, clock: FakeClock
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keys = ("1", "2", "r", "3", "f", "space", "escape")
        keeper = await to_summary(pilot, context, clock, keys)
        text = screen_text(app)
        assert "Summary · Jane Doe · 5:12/45:00 · 2/22 areas" in text
        assert "1  Technical trade-off" in text
        line = next(row for row in text.splitlines() if "Technical trade-off" in row)
        assert "2/7" in line and "3 good" in line and "5:12/10:00" in line and "1/4" in line
        assert "Recommendation:" in text and "not chosen" in text
        assert NEED_RECOMMENDATION in text
        seen = ""
        for _ in range(5):  # the body scrolls: the scorecard, then the gaps
            await pilot.press("pagedown")
            seen += screen_text(app)
        assert "Areas not covered" in seen
        assert keeper.session.questions[0].areas[2].text in " ".join(seen.split())
        assert keeper.session.questions[0].areas[0].text not in seen
        assert "Follow-ups not asked" in seen
        assert keeper.session.questions[2].follow_ups[3].text[:60] in seen


async def test_recommendation_notes_and_completing(context: AppContext, clock: FakeClock) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await to_summary(pilot, context, clock, ("1",))
        await pilot.press("ctrl+s")  # no recommendation yet: refused, said on screen
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and keeper.session.status == "in_progress"
        assert NEED_RECOMMENDATION in screen_text(app)
        for key, label in (("1", "Strong no"), ("2", "No"), ("4", "Strong yes"), ("3", "Yes")):
            await pilot.press(key)
            assert f"→ {label}" in screen_text(app)
        await pilot.press("e", *"Hire: clear", "enter", *"thinker", "escape")
        assert "KEYS" in screen_text(app).splitlines()[-2]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.active_keeper is None
        assert not isinstance(app.screen, (SummaryScreen, SessionScreen))
        assert len(app.screen_stack) == 2  # home
        assert any(str(keeper.path) in n.message for n in app._notifications)
    saved = on_disk(context, keeper)
    assert saved.status == "completed" and saved.completed_at is not None
    assert saved.outcome is not None
    assert saved.outcome.recommendation == "yes"
    assert saved.outcome.notes == "Hire: clear\nthinker"
    assert saved.elapsed_seconds == 312
    assert saved.questions[0].areas[0].covered


async def test_escape_goes_back_and_stays_unfinished(context: AppContext, clock: FakeClock) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await to_summary(pilot, context, clock)
        await pilot.press("4", "e", *"draft", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert keeper.session.status == "in_progress" and keeper.session.outcome is None
        await pilot.press("q", "y")  # the draft is still there
        await pilot.pause()
        assert "→ Strong yes" in screen_text(app) and "draft" in screen_text(app)
        await pilot.press("escape", "ctrl+s")
        await saves_done(pilot)
    saved = on_disk(context, keeper)
    assert saved.status == "in_progress" and saved.outcome is None
    # The draft reaches the disk, so a crash on the summary loses nothing typed.
    assert saved.draft is not None
    assert (saved.draft.recommendation, saved.draft.notes) == ("strong_yes", "draft")


async def test_a_failed_completion_says_so_and_stays(
    context: AppContext, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path, text):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await to_summary(pilot, context, clock)
        monkeypatch.setattr(atomic, "write_bytes", full_disk)
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "No space left on device" in flat(app)
        assert keeper.session.status == "in_progress" and keeper.session.outcome is None
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)
    saved = on_disk(context, keeper)
    assert saved.outcome is not None and saved.outcome.recommendation == "no"
    assert saved.draft is None  # completing replaces the draft with the outcome


async def test_completing_after_a_hand_edit_keeps_both(
    context: AppContext, clock: FakeClock
) -> None:
    from tpm_tui.storage.store import CONFLICT_MARK

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = await to_summary(pilot, context, clock)
        original = keeper.path
        edited = original.read_text().replace('name = "sam"', 'name = "sam (edited)"')
        original.write_text(edited)  # someone edits the file while the summary is open
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
        # Completed, in a copy beside it; the hand edit is where it was.
        assert original.read_text() == edited
        assert CONFLICT_MARK in keeper.path.name
        assert context.store.load(keeper.path).status == "completed"
        assert any(CONFLICT_MARK in str(n.message) for n in app._notifications)
