"""The scorecard's pre-filled ratings: the rounded mean of the questions that test
each competency, half up, and what the outcome keeps."""

from __future__ import annotations

import pytest

from tpm_tui.domain.models import Bank, Candidate, new_session
from tpm_tui.domain.scorecard import final_ratings, rounded_mean, scores, touched


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([1], 1),
        ([4], 4),
        ([2, 3], 3),
        ([3, 4], 4),
        ([1, 2], 2),
        ([1, 2, 2], 2),
        ([3, 3, 4], 3),
        ([1, 4], 3),
        ([2, 2, 3, 3], 3),
        ([1, 1, 2], 1),
    ],
)
def test_rounded_mean_rounds_half_up(ratings: list[int], expected: int) -> None:
    assert rounded_mean(ratings) == expected


def session_of(bank: Bank, ratings: dict[str, int]):  # type: ignore[no-untyped-def]
    picked = ["technical-trade-off", "coordinating-a-complex-launch", "adapting-the-roadmap"]
    session = new_session(
        kind="interview",
        session_id="x",
        bank=bank,
        questions=[bank.question(qid) for qid in picked],
        candidate=Candidate("Jane Doe"),
        minutes=45,
    )
    for record in session.questions:
        record.rating = ratings.get(record.id)
    return session


def test_pre_filled_from_the_questions_that_test_each_competency(shipped_bank: Bank) -> None:
    session = session_of(shipped_bank, {"technical-trade-off": 2, "adapting-the-roadmap": 3})
    assert touched(session) == [
        "technical-acumen",
        "strategic-thinking",
        "stakeholder-management",
        "execution",
        "cross-functional-leadership",
        "communication",
    ]
    by_id = {s.competency: s for s in scores(session, {})}
    assert (by_id["technical-acumen"].prefilled, by_id["technical-acumen"].rated_questions) == (
        3,
        2,
    )
    assert by_id["stakeholder-management"].prefilled == 2
    assert by_id["communication"].prefilled == 3
    assert by_id["execution"].prefilled is None and by_id["execution"].rating is None
    assert all(s.is_prefilled for s in by_id.values() if s.prefilled is not None)


def test_a_choice_replaces_the_pre_filled_rating(shipped_bank: Bank) -> None:
    session = session_of(shipped_bank, {"technical-trade-off": 4})
    chosen = {"technical-acumen": 2, "execution": 1}
    by_id = {s.competency: s for s in scores(session, chosen)}
    assert by_id["technical-acumen"].rating == 2 and not by_id["technical-acumen"].is_prefilled
    assert final_ratings(session, chosen) == {
        "technical-acumen": 2,
        "strategic-thinking": 4,
        "stakeholder-management": 4,
        "execution": 1,
    }
    # A rating for a competency no question tests (a hand edit) is kept, not lost.
    assert final_ratings(session, {"learning-agility": 3})["learning-agility"] == 3
