"""Choosing questions: a suggested interview set, a random practice set, and the
setup form's pick (toggle, reorder, and the running "3 picked · 30 of 45 min" line).

Pure Python, no Textual: the setup and practice screens call into it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from attrs import frozen

from tpm_tui.domain.models import Bank, Question, budgets

# The shipped bank's guidance: "Focus on 3-5 well-crafted behavioral questions".
RECOMMENDED_COUNT: tuple[int, int] = (3, 5)


def fits(question: Question, seniority: str | None) -> bool:
    """Whether a question suits a level: one that names no level suits every level,
    and `None` (any level) takes every question."""
    return seniority is None or not question.seniority or seniority in question.seniority


def for_seniority(bank: Bank, seniority: str | None) -> list[Question]:
    """The bank's questions for a level (see `fits`), in bank order."""
    return [q for q in bank.questions if fits(q, seniority)]


def matching(bank: Bank, competency: str | None, seniority: str | None) -> list[Question]:
    """The questions testing `competency` for `seniority` (None: no filter), in bank order."""
    return [
        question
        for question in for_seniority(bank, seniority)
        if competency is None or competency in question.competencies
    ]


def budget_seconds(questions: Sequence[Question], minutes: int) -> int:
    """What the questions' budgets add up to, exactly as the session will set them."""
    return sum(budgets(list(questions), minutes))


def suggest(
    bank: Bank,
    seniority: str | None,
    minutes: int,
    count_range: tuple[int, int] = RECOMMENDED_COUNT,
) -> list[Question]:
    """A set of questions for an interview of `minutes`, in the order to ask them.

    The rule, deterministic for a given bank:

    1. Candidates are the questions for `seniority` (see `for_seniority`).
    2. Greedily add the candidate that covers the most competencies not yet
       covered; ties go to the question that comes first in the bank.
    3. A candidate is only added when the set still fits the length: the sum of
       the budgets is at most `minutes`, a question without its own `minutes`
       counting at an even share of the length (as `models.budgets` does).
    4. Stop at the upper count, or when nothing that fits adds a new competency
       and the lower count is reached; below the lower count, a question that
       adds nothing new is still taken (first in bank order) if it fits.

    The result may hold fewer than the lower count when the length or the
    level leaves too few questions; it is empty only when none fits at all.
    """
    low, high = count_range
    candidates = for_seniority(bank, seniority)
    picked: list[Question] = []
    covered: set[str] = set()
    while len(picked) < high:
        best: Question | None = None
        best_gain = -1
        for question in candidates:
            if question in picked or budget_seconds([*picked, question], minutes) > minutes * 60:
                continue
            gain = len(set(question.competencies) - covered)
            if gain > best_gain:  # strictly greater: ties keep the earlier question
                best, best_gain = question, gain
        if best is None or (best_gain == 0 and len(picked) >= low):
            break
        picked.append(best)
        covered.update(best.competencies)
    return picked


def random_pick(
    bank: Bank,
    count: int,
    *,
    seed: int | None = None,
    competency: str | None = None,
    seniority: str | None = None,
    ids: Sequence[str] = (),
) -> list[Question]:
    """Questions for a practice session.

    Given `ids`, exactly those questions in that order. Otherwise `count`
    questions drawn at random from those testing `competency` at `seniority`
    (either may be None: no filter); the same `seed` gives the same pick, and a
    `count` above what matches gives every match, shuffled. Raises ValueError
    with a message for people when an id is unknown or nothing matches.
    """
    if ids:
        known = {question.id for question in bank.questions}
        unknown = [qid for qid in ids if qid not in known]
        if unknown:
            raise ValueError(f"no question with id {', '.join(map(repr, unknown))} in the bank")
        return [bank.question(qid) for qid in ids]
    if count < 1:
        raise ValueError(f"the count must be at least 1, not {count}")
    pool = practice_pool(bank, competency, seniority)
    return random.Random(seed).sample(pool, min(count, len(pool)))


def practice_pool(bank: Bank, competency: str | None, seniority: str | None) -> list[Question]:
    """`matching`, with a ValueError (for people) when no question matches."""
    pool = matching(bank, competency, seniority)
    if not pool:
        wanted = " ".join(
            part
            for part in (
                f"testing {competency!r}" if competency else "",
                f"for {seniority} level" if seniority else "",
            )
            if part
        )
        raise ValueError(f"no question in the bank {wanted or 'at all'}")
    return pool


# --- the setup form's pick ---------------------------------------------------------


def toggle(pick: Sequence[str], question_id: str) -> tuple[str, ...]:
    """Add the question at the end of the pick, or take it out."""
    if question_id in pick:
        return tuple(qid for qid in pick if qid != question_id)
    return (*pick, question_id)


def move(pick: Sequence[str], question_id: str, step: int) -> tuple[str, ...]:
    """Move a picked question `step` places later (negative: earlier), within bounds.
    A question that is not picked leaves the pick as it is."""
    order = list(pick)
    if question_id not in order:
        return tuple(order)
    start = order.index(question_id)
    end = max(0, min(len(order) - 1, start + step))
    order.insert(end, order.pop(start))
    return tuple(order)


@frozen
class PickStatus:
    """The running line under the picker, and what to warn about (never forbidden)."""

    count: int
    budget_minutes: int
    minutes: int
    warnings: tuple[str, ...]

    @property
    def line(self) -> str:
        return f"{self.count} picked · {self.budget_minutes} of {self.minutes} min"


def pick_status(
    bank: Bank,
    pick: Sequence[str],
    minutes: int,
    count_range: tuple[int, int] = RECOMMENDED_COUNT,
    seniority: str | None = None,
) -> PickStatus:
    questions = [bank.question(qid) for qid in pick]
    seconds = budget_seconds(questions, minutes)
    budget_minutes = -(-seconds // 60)  # rounded up: never hide an overrun
    low, high = count_range
    warnings: list[str] = []
    if not low <= len(questions) <= high:
        warnings.append(f"the bank's guidance recommends {low}–{high} questions")
    if seconds > minutes * 60:
        warnings.append(
            f"the budgets add up to {budget_minutes} min, over the {minutes}-min length"
        )
    if off_level := sum(not fits(q, seniority) for q in questions):
        noun = "question is" if off_level == 1 else "questions are"
        warnings.append(f"{off_level} picked {noun} not for {seniority}")
    return PickStatus(len(questions), budget_minutes, minutes, tuple(warnings))
