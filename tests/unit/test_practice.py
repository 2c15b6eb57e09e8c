"""Practice mode without a UI: the session's shape, STAR, probes, and progress math."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from practice_helpers import PRACTICE_PICK, practice_session

from tpm_tui.context import AppContext
from tpm_tui.domain.models import Bank, Candidate, new_session
from tpm_tui.domain.people import who_you_are
from tpm_tui.domain.practice import (
    Attempt,
    attempts,
    bar,
    competency_series,
    new_practice,
    next_follow_up,
    next_star,
    practice_minutes,
    probe_seconds,
    trend,
)
from tpm_tui.storage.history import history

DAY1 = datetime(2026, 11, 20, 9, 10, tzinfo=UTC)
DAY2 = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
DAY3 = datetime(2026, 11, 28, 10, 2, tzinfo=UTC)
QID = PRACTICE_PICK[0]


@pytest.fixture
def context(make_context: Callable[..., AppContext]) -> AppContext:
    return make_context()


# --- the session ----------------------------------------------------------------------


def test_you_are_as_given_else_configured_else_the_login_name_else_you() -> None:
    assert who_you_are("Sam Lee", "sam", lambda: "alex") == "Sam Lee"
    assert who_you_are(None, "  Sam ", lambda: "alex") == "Sam"
    assert who_you_are("", None, lambda: "alex") == "alex"
    assert who_you_are(None, None, lambda: "  ") == "you"

    def no_login() -> str:
        raise OSError("no login name")

    assert who_you_are(None, None, no_login) == "you"


@pytest.mark.parametrize(("answer", "probe"), [(1, 60), (3, 60), (6, 120), (9, 180)])
def test_a_probe_gets_a_third_of_the_answer_target_at_least_a_minute(
    answer: int, probe: int
) -> None:
    assert probe_seconds(answer) == probe


def test_a_practice_session_times_answers_and_hides_the_areas(shipped_bank: Bank) -> None:
    questions = [shipped_bank.question(qid) for qid in PRACTICE_PICK]
    session = new_practice(shipped_bank, questions, name="alex", answer_minutes=3)
    assert session.kind == "practice" and session.interviewer is None
    assert session.candidate.name == "alex"
    assert session.answer_minutes == 3
    # Each question: a 3-minute answer and four 1-minute probes.
    assert session.minutes == practice_minutes(questions, 3) == 14
    for record in session.questions:
        assert record.revealed is False
        assert record.budget_seconds == 180  # the answer target, not the bank's 10 minutes
        assert record.star == []


def test_star_ticks_the_next_step_and_starts_over() -> None:
    steps: list[str] = []
    seen = []
    for _ in range(5):
        steps = next_star(steps)
        seen.append(list(steps))
    assert seen == [
        ["situation"],
        ["situation", "task"],
        ["situation", "task", "action"],
        ["situation", "task", "action", "result"],
        [],
    ]
    # Whatever order the file holds, the next step is the first one missing.
    assert next_star(["task"]) == ["situation", "task"]
    assert next_star(["result", "situation"]) == ["situation", "task", "result"]


def test_the_next_follow_up_is_the_first_not_answered(context: AppContext) -> None:
    record = practice_session(context, DAY1).questions[0]
    assert next_follow_up(record) == 0
    record.toggle_follow_up(0, 5)
    record.toggle_follow_up(2, 6)
    assert next_follow_up(record) == 1
    assert next_follow_up(record, after=1) == 3
    record.toggle_follow_up(1, 7)
    record.toggle_follow_up(3, 8)
    assert next_follow_up(record) is None


# --- progress -------------------------------------------------------------------------


def test_attempts_are_the_candidates_revealed_practice_oldest_first(
    context: AppContext,
) -> None:
    first = practice_session(context, DAY1, covered=(2,))
    second = practice_session(context, DAY2, covered=(4,))
    someone_else = practice_session(context, DAY2, name="sam", covered=(7,))
    never_revealed = practice_session(context, DAY2, covered=(0,), revealed=False)
    bank = context.bank
    interview = new_session(
        kind="interview", session_id="", bank=bank, questions=[bank.question(QID)],
        candidate=Candidate("alex"), minutes=45,
    )  # fmt: skip
    for number, session in enumerate((first, second, someone_else, never_revealed, interview)):
        session.id = f"s{number}"
    found = attempts([second, interview, someone_else, never_revealed, first], QID, "Alex ")
    assert [(a.created_at, a.covered, a.total) for a in found] == [(DAY1, 2, 7), (DAY2, 4, 7)]
    assert not any(a.current for a in found)


def test_the_current_attempt_comes_from_memory_and_is_marked(context: AppContext) -> None:
    earlier = practice_session(context, DAY1, covered=(3,))
    earlier.id = "earlier"
    current = practice_session(context, DAY3, covered=(5,), revealed=False)
    current.id = "now"
    on_disk = attrs.evolve(current)  # its older copy in the folder: not counted twice
    found = attempts([earlier, on_disk], QID, "alex", current=current)
    assert [(a.covered, a.current) for a in found] == [(3, False), (5, True)]
    assert not found[-1].revealed  # the current one counts even before its reveal
    assert trend(found) == "not self-checked yet"


def test_history_reads_earlier_attempts_from_the_sessions_folder(
    context: AppContext,
) -> None:
    store = context.store
    for created, covered in ((DAY1, (2, 1)), (DAY2, (4, 3))):
        store.create(practice_session(context, created, covered=covered))
    other_question = practice_session(context, DAY2, pick=("technical-trade-off",), covered=(7,))
    store.create(other_question)
    (store.folder / "broken.toml").write_text("format = [", encoding="utf-8")
    current = practice_session(context, DAY3, covered=(5, 3))
    current.id = "current"
    found = history(store, current)
    assert set(found) == set(PRACTICE_PICK)
    assert [(a.created_at, a.covered, a.current) for a in found[QID]] == [
        (DAY1, 2, False),
        (DAY2, 4, False),
        (DAY3, 5, True),
    ]
    assert trend(found[QID]) == "+1 since last time"
    assert trend(found[PRACTICE_PICK[1]]) == "same as last time"


def test_a_competency_series_follows_the_order_of_one_practices_answers(
    context: AppContext,
) -> None:
    # Both questions test technical acumen: 7 of 7 answered first, then 2 of 7. The
    # chart read 29% → 100% (a tie on the day, broken by the share), a rise that was a fall.
    pick = ("advocating-technical-investment", "leading-with-unfamiliar-technology")
    session = practice_session(context, DAY1, pick=pick, covered=(7, 2))
    found = history(context.store, session, every_question=True)
    assert competency_series(found)["technical-acumen"] == [1.0, 2 / 7]


def test_history_of_an_empty_or_missing_folder_is_just_this_attempt(
    context: AppContext, tmp_path: Path
) -> None:
    current = practice_session(context, DAY3, covered=(1,))
    found = history(type(context.store)(tmp_path / "nowhere"), current)
    assert [a.current for a in found[QID]] == [True]
    assert trend(found[QID]) == "first attempt"


def attempt(covered: int, *, current: bool = False, day: datetime = DAY1) -> Attempt:
    return Attempt("s", day, covered, 7, True, None, 0, 4, 0, current)


@pytest.mark.parametrize(
    ("before", "now", "words"),
    [(2, 5, "+3 since last time"), (5, 2, "-3 since last time"), (4, 4, "same as last time")],
)
def test_trend_compares_with_the_attempt_before(before: int, now: int, words: str) -> None:
    assert trend([attempt(1), attempt(before), attempt(now, current=True, day=DAY2)]) == words


def test_trend_without_a_current_attempt_is_empty() -> None:
    assert trend([attempt(3)]) == ""


@pytest.mark.parametrize(
    ("covered", "total", "drawn"),
    [(0, 7, "░░░░░░░"), (3, 7, "███░░░░"), (7, 7, "███████"), (9, 7, "███████"), (0, 0, "")],
)
def test_bar_has_a_cell_per_area(covered: int, total: int, drawn: str) -> None:
    assert bar(covered, total) == drawn


def test_bar_is_scaled_down_past_twenty_areas() -> None:
    assert bar(20, 40) == "█" * 10 + "░" * 10
    assert bar(1, 2, width=8) == "████░░░░"
