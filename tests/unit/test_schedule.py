"""Spaced repetition of practice: due dates from self-check ratings, with a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import attrs
import pytest
from practice_helpers import practice_session

from tpm_tui.context import AppContext, PracticeRequest
from tpm_tui.domain.schedule import (
    Rated,
    due_dates,
    effective_rating,
    interval,
    practice_order,
    rated_attempts,
    scheduled_pick,
    when_text,
)
from tpm_tui.keeper import begin_practice
from tpm_tui.storage.history import rated_history

DAY0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def context(make_context: Callable[..., AppContext]) -> AppContext:
    return make_context()


def rated(day: int, rating: int) -> Rated:
    return Rated(DAY0 + timedelta(days=day), rating)


def test_a_weak_answer_comes_back_sooner_than_a_strong_one() -> None:
    assert [interval([r]).days for r in (1, 2, 3, 4)] == [1, 2, 4, 8]


def test_good_answers_in_a_row_double_the_wait_up_to_sixty_days() -> None:
    assert interval([3, 3]).days == 8
    assert interval([1, 4, 4]).days == 16  # the streak starts after the weak one
    assert interval([4] * 10).days == 60
    assert interval([4, 4, 1]).days == 1  # a weak answer resets it


def test_a_question_rated_1_is_due_before_one_rated_4(context: AppContext) -> None:
    bank = context.bank
    weak, strong, never = bank.questions[:3]
    history = {weak.id: [rated(0, 1)], strong.id: [rated(0, 4)]}
    # Ten days on both are due, the weak one first (it was due earlier).
    now = DAY0 + timedelta(days=10)
    assert practice_order([strong, never, weak], history, now) == [weak, strong, never]
    # Two days on only the weak one is due: the never-practised comes next, then the strong.
    now = DAY0 + timedelta(days=2)
    assert practice_order([strong, never, weak], history, now) == [weak, never, strong]


def test_a_never_practised_question_comes_after_the_due_ones(context: AppContext) -> None:
    first, second = context.bank.questions[:2]
    history = {second.id: [rated(0, 3)]}
    now = DAY0 + timedelta(days=5)
    assert practice_order([first, second], history, now) == [second, first]


def test_unrated_attempts_count_by_coverage_and_unrevealed_ones_not_at_all(
    context: AppContext,
) -> None:
    session = practice_session(context, DAY0, covered=(1, 7))  # 7 areas each
    first, second = session.questions
    assert effective_rating(first) == 1
    assert effective_rating(second) == 4
    second.rating = 2
    assert effective_rating(second) == 2
    hidden = practice_session(context, DAY0, revealed=False)
    assert effective_rating(hidden.questions[0]) is None


def test_only_the_named_candidates_practice_counts(context: AppContext) -> None:
    mine = practice_session(context, DAY0, name="Zoë  Lima")
    theirs = practice_session(context, DAY0, name="sam")
    for record in [*mine.questions, *theirs.questions]:
        record.rating = 1
    found = rated_attempts([mine, theirs], "ZOË LIMA")  # normalised like everywhere
    assert set(found) == {record.id for record in mine.questions}
    assert all(len(items) == 1 for items in found.values())


def test_practice_picks_the_weak_question_first_from_the_folder(context: AppContext) -> None:
    bank = context.bank
    target = bank.questions[-1]
    earlier = practice_session(context, DAY0, pick=(target.id,), name="alex")
    earlier.questions[0].rating = 1
    context.store.create(earlier)
    later = attrs.evolve(context, now=lambda: DAY0 + timedelta(days=2))
    assert rated_history(context.store, "Alex")[target.id] == [Rated(DAY0, 1)]
    for seed in range(5):
        keeper = begin_practice(later, PracticeRequest(count=3, seed=seed, name="alex"))
        assert keeper.session.questions[0].id == target.id
        assert keeper.session.candidate.name == "alex"
        keeper.close()
    # With no history the pick is random, the seed choosing it.
    picks = {scheduled_pick(bank, 1, {}, DAY0, seed=seed)[0].id for seed in range(10)}
    assert len(picks) > 1


def test_due_dates_and_their_wording() -> None:
    dates = due_dates({"q": [rated(0, 2), rated(3, 1)]})
    assert dates["q"].due == DAY0 + timedelta(days=4)
    assert dates["q"].attempts == 2
    now = DAY0 + timedelta(days=4)
    assert when_text(now, now) == "due now"
    assert when_text(now - timedelta(days=3), now) == "overdue 3 days"
    assert when_text(now + timedelta(days=2, hours=1), now) == "in 2 days"
    assert when_text(now + timedelta(hours=5), now) == "in 5 hours"


def test_practice_due_lists_what_is_due_and_when_for_the_name(
    context: AppContext, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tpm_tui.cli import main
    from tpm_tui.domain import models

    bank = context.bank
    weak, strong = bank.questions[0], bank.questions[1]
    now = DAY0 + timedelta(days=30)  # 09:00: the day counts do not depend on the hour run
    monkeypatch.setattr(models, "utc_now", lambda: now)
    for qid, rating, name in ((weak.id, 1, "Ana Lima"), (strong.id, 4, "ANA  LIMA"),
                              (bank.questions[2].id, 1, "sam")):  # fmt: skip
        session = practice_session(
            context, now - timedelta(days=3, hours=1), pick=(qid,), name=name
        )
        session.questions[0].rating = rating
        context.store.create(session)
    unrated = practice_session(  # revealed, 2 of 7 areas ticked, never rated
        context, now - timedelta(days=10), pick=(bank.questions[3].id,), covered=(2,),
        name="Ana Lima",
    )  # fmt: skip
    context.store.create(unrated)
    folder = str(context.store.folder)
    code = main(["practice", "--due", "--name", "ana lima", "--sessions", folder])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert "ana lima" in lines[0] and "3 practised" in lines[0]
    # Unrated: its coverage stands in (2 of 7: 2 mixed), and the line says so.
    assert bank.questions[3].id in lines[1]
    assert "last 2 mixed (from the areas ticked: not rated)" in lines[1]
    assert "overdue 2 days" in lines[2] and weak.id in lines[2] and "last 1 weak on" in lines[2]
    # Rated 4 three days and an hour ago: due in 4 days 23 hours, on the date 5 days on.
    assert "in 5 days" in lines[3] and strong.id in lines[3]
    assert lines[4] == f"{len(bank.questions) - 3} questions never practised"
    assert bank.questions[2].id not in out  # sam's


def test_days_are_counted_as_the_due_date_shown_reads() -> None:
    # The --due line shows the due date: "in N days" counts calendar days to it, so
    # 3 days 23 hours ahead reads as the date four days on does.
    now = DAY0  # 09:00
    assert when_text(now + timedelta(days=3, hours=23), now) == "in 4 days"
    late = datetime(2026, 11, 24, 0, 30, tzinfo=UTC)
    assert when_text(late + timedelta(days=3, hours=23), late) == "in 3 days"  # 11-27 23:30
    assert when_text(now - timedelta(days=2, hours=23), now) == "overdue 3 days"
    assert when_text(now + timedelta(hours=23), now) == "in 23 hours"
