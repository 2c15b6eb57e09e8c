"""Choosing questions, without a UI: suggested sets, random practice sets, the form's pick."""

from __future__ import annotations

import attrs
import pytest

from tpm_tui.domain.models import Bank, Question
from tpm_tui.domain.picking import (
    budget_seconds,
    for_seniority,
    move,
    pick_status,
    random_pick,
    suggest,
    toggle,
)


def competencies_of(questions: list[Question]) -> list[str]:
    return [c for q in questions for c in q.competencies]


# --- suggest -----------------------------------------------------------------------


@pytest.mark.parametrize("seniority", [None, "junior", "mid", "senior"])
def test_suggest_fits_45_minutes_with_3_to_5_questions(shipped_bank: Bank, seniority) -> None:
    picked = suggest(shipped_bank, seniority, 45)
    assert 3 <= len(picked) <= 5
    assert budget_seconds(picked, 45) <= 45 * 60
    assert len({q.id for q in picked}) == len(picked)


def test_suggest_for_junior_takes_only_junior_questions(shipped_bank: Bank) -> None:
    picked = suggest(shipped_bank, "junior", 45)
    assert all("junior" in q.seniority for q in picked)


@pytest.mark.parametrize("seniority", [None, "junior", "senior"])
def test_suggest_covers_distinct_competencies(shipped_bank: Bank, seniority) -> None:
    picked = suggest(shipped_bank, seniority, 45)
    # Each question but a filler brings a competency the earlier ones did not.
    seen: set[str] = set()
    for question in picked:
        assert set(question.competencies) - seen
        seen.update(question.competencies)


def test_suggest_covers_every_competency_of_the_shipped_bank_in_45_minutes(
    shipped_bank: Bank,
) -> None:
    picked = suggest(shipped_bank, None, 45)
    assert set(competencies_of(picked)) == {c.id for c in shipped_bank.competencies}


def test_suggest_is_deterministic_and_prefers_bank_order_on_ties(shipped_bank: Bank) -> None:
    first = suggest(shipped_bank, "mid", 45)
    assert first == suggest(shipped_bank, "mid", 45)
    # The first three-competency question in the bank opens the set.
    assert first[0] == shipped_bank.questions[0]


def test_suggest_respects_a_short_length(shipped_bank: Bank) -> None:
    picked = suggest(shipped_bank, None, 20)
    assert len(picked) == 2  # 10-minute questions: only two fit
    assert budget_seconds(picked, 20) <= 20 * 60
    assert suggest(shipped_bank, None, 5) == []


def test_suggest_counts_unbudgeted_questions_at_an_even_share(shipped_bank: Bank) -> None:
    unbudgeted = attrs.evolve(
        shipped_bank, questions=tuple(attrs.evolve(q, minutes=None) for q in shipped_bank.questions)
    )
    picked = suggest(unbudgeted, None, 45)
    assert 3 <= len(picked) <= 5
    assert budget_seconds(picked, 45) <= 45 * 60


def test_suggest_fills_up_to_the_lower_count_when_competencies_run_out(
    shipped_bank: Bank,
) -> None:
    one_competency = attrs.evolve(
        shipped_bank,
        questions=tuple(
            attrs.evolve(q, competencies=("execution",)) for q in shipped_bank.questions
        ),
    )
    picked = suggest(one_competency, None, 45)
    assert [q.id for q in picked] == [q.id for q in shipped_bank.questions[:3]]


def test_for_seniority_keeps_questions_without_a_level(shipped_bank: Bank) -> None:
    open_question = attrs.evolve(shipped_bank.questions[0], seniority=())
    bank = attrs.evolve(shipped_bank, questions=(open_question, *shipped_bank.questions[1:]))
    assert open_question in for_seniority(bank, "junior")
    assert for_seniority(bank, None) == list(bank.questions)


# --- random_pick -------------------------------------------------------------------


def ids(questions: list[Question]) -> list[str]:
    return [q.id for q in questions]


def test_random_pick_same_seed_same_pick(shipped_bank: Bank) -> None:
    assert ids(random_pick(shipped_bank, 3, seed=7)) == ids(random_pick(shipped_bank, 3, seed=7))


def test_random_pick_different_seeds_differ(shipped_bank: Bank) -> None:
    picks = {tuple(ids(random_pick(shipped_bank, 3, seed=seed))) for seed in range(5)}
    assert len(picks) > 1


def test_random_pick_honours_the_competency(shipped_bank: Bank) -> None:
    for seed in range(10):
        picked = random_pick(shipped_bank, 3, seed=seed, competency="learning-agility")
        assert picked
        assert all("learning-agility" in q.competencies for q in picked)


def test_random_pick_honours_the_seniority(shipped_bank: Bank) -> None:
    picked = random_pick(shipped_bank, 20, seed=1, seniority="junior")
    assert all("junior" in q.seniority for q in picked)


def test_random_pick_more_than_available_gives_all_shuffled(shipped_bank: Bank) -> None:
    matching = [q for q in shipped_bank.questions if "learning-agility" in q.competencies]
    picked = random_pick(shipped_bank, 99, seed=3, competency="learning-agility")
    assert sorted(ids(picked)) == sorted(ids(matching))


def test_random_pick_ids_given_are_taken_in_order(shipped_bank: Bank) -> None:
    wanted = [shipped_bank.questions[4].id, shipped_bank.questions[1].id]
    assert ids(random_pick(shipped_bank, 3, seed=1, ids=wanted)) == wanted


def test_random_pick_unknown_id_is_a_clear_error(shipped_bank: Bank) -> None:
    with pytest.raises(ValueError, match="'nope'"):
        random_pick(shipped_bank, 3, ids=["nope"])


def test_random_pick_nothing_matching_is_a_clear_error(shipped_bank: Bank) -> None:
    with pytest.raises(ValueError, match="testing 'no-such-competency'"):
        random_pick(shipped_bank, 3, competency="no-such-competency")
    senior_only = "advocating-technical-investment"
    assert "junior" not in shipped_bank.question(senior_only).seniority
    with pytest.raises(ValueError, match="junior"):
        random_pick(
            attrs.evolve(shipped_bank, questions=(shipped_bank.question(senior_only),)),
            1,
            seniority="junior",
        )


# --- the form's pick ----------------------------------------------------------------


def test_toggle_adds_at_the_end_and_removes() -> None:
    assert toggle((), "a") == ("a",)
    assert toggle(("a",), "b") == ("a", "b")
    assert toggle(("a", "b", "c"), "b") == ("a", "c")


def test_move_within_bounds() -> None:
    assert move(("a", "b", "c"), "c", -1) == ("a", "c", "b")
    assert move(("a", "b", "c"), "a", -1) == ("a", "b", "c")
    assert move(("a", "b", "c"), "a", 1) == ("b", "a", "c")
    assert move(("a", "b", "c"), "c", 5) == ("a", "b", "c")
    assert move(("a", "b"), "z", 1) == ("a", "b")


def test_pick_status_line_and_warnings(shipped_bank: Bank) -> None:
    three = ids(list(shipped_bank.questions[:3]))
    status = pick_status(shipped_bank, three, 45)
    assert status.line == "3 picked · 30 of 45 min"
    assert status.warnings == ()

    two = pick_status(shipped_bank, three[:2], 45)
    assert two.warnings == ("the bank's guidance recommends 3–5 questions",)

    over = pick_status(shipped_bank, ids(list(shipped_bank.questions[:5])), 45)
    assert over.line == "5 picked · 50 of 45 min"
    assert any("over the 45-min length" in w for w in over.warnings)


def test_pick_status_warns_of_picks_not_for_the_level(shipped_bank: Bank) -> None:
    senior_only = [q.id for q in shipped_bank.questions if q.seniority == ("senior",)]
    for_all = [q.id for q in shipped_bank.questions if "junior" in q.seniority]
    pick = (senior_only[0], *for_all[:2])
    assert pick_status(shipped_bank, pick, 45).warnings == ()
    assert pick_status(shipped_bank, pick, 45, seniority="junior").warnings == (
        "1 picked question is not for junior",
    )
    both = pick_status(shipped_bank, (*senior_only[:2], for_all[0]), 45, seniority="mid")
    assert both.warnings == ("2 picked questions are not for mid",)
