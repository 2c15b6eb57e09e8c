"""Spaced repetition for practice: which questions to practise next, and when each is due.

A simple schedule, documented in the README, rather than the `fsrs` package: FSRS
models the recall of flashcards (a memory's stability, fitted to review logs),
while a practice rating is a self-check of an answer's quality; a rule a
candidate can read ("weak comes back tomorrow") is worth more here than a fitted
model, and it costs no dependency.

The rule: after an attempt rated R (1 weak … 4 strong) the question is due again
after INTERVAL_DAYS[R] days, doubled for each good attempt (3 or 4) in a row
before it, at most MAX_DAYS. An attempt revealed but not rated counts by its
coverage (see `effective_rating`). Pure Python: the clock is a parameter.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from attrs import frozen

from tpm_tui.domain.models import Bank, Question, QuestionRecord, Session, candidate_key
from tpm_tui.domain.picking import practice_pool, random_pick

INTERVAL_DAYS: dict[int, int] = {1: 1, 2: 2, 3: 4, 4: 8}
MAX_DAYS = 60
GOOD = 3  # a rating from which a streak doubles the next interval


@frozen
class Rated:
    """One self-checked attempt at a question, as the schedule sees it."""

    when: datetime
    rating: int
    self_rated: bool = True  # False: the rating stands in from the areas ticked


@frozen
class Due:
    """When a practised question is due again, and why."""

    question_id: str
    due: datetime
    last: Rated
    attempts: int

    def is_due(self, now: datetime) -> bool:
        return self.due <= now


def effective_rating(record: QuestionRecord) -> int | None:
    """The self-check rating; unrated, the share of areas ticked (under a quarter: 1,
    under a half: 2, under three quarters: 3, else 4); None when never revealed."""
    if record.rating is not None:
        return record.rating
    if not record.revealed or not record.areas:
        return None
    share = record.covered / len(record.areas)
    return 1 + sum(share >= step for step in (0.25, 0.5, 0.75))


def rated_attempts(sessions: Iterable[Session], name: str) -> dict[str, list[Rated]]:
    """Per question id, `name`'s self-checked practice attempts, oldest first."""
    who = candidate_key(name)
    found: dict[str, list[Rated]] = {}
    for session in sessions:
        if session.kind != "practice" or candidate_key(session.candidate.name) != who:
            continue
        for record in session.questions:
            rating = effective_rating(record)
            if rating is not None:
                attempt = Rated(session.created_at, rating, self_rated=record.rating is not None)
                found.setdefault(record.id, []).append(attempt)
    for rated in found.values():
        rated.sort(key=lambda r: r.when)
    return found


def interval(ratings: Sequence[int]) -> timedelta:
    """The wait after the last of `ratings` (oldest first)."""
    last = ratings[-1]
    days = INTERVAL_DAYS[last]
    if last >= GOOD:
        streak = 0
        for rating in reversed(ratings[:-1]):
            if rating < GOOD:
                break
            streak += 1
        days *= 2**streak
    return timedelta(days=min(days, MAX_DAYS))


def due_dates(history: dict[str, list[Rated]]) -> dict[str, Due]:
    """Per practised question, when it is due again."""
    return {
        qid: Due(qid, rated[-1].when + interval([r.rating for r in rated]), rated[-1], len(rated))
        for qid, rated in history.items()
        if rated
    }


def practice_order(
    questions: Sequence[Question], history: dict[str, list[Rated]], now: datetime
) -> list[Question]:
    """`questions` in the order to practise them: the due ones, most overdue first;
    then those never practised, in the order given; then the rest, soonest due first."""
    dates = due_dates(history)
    due = [q for q in questions if q.id in dates and dates[q.id].is_due(now)]
    never = [q for q in questions if q.id not in dates]
    later = [q for q in questions if q.id in dates and not dates[q.id].is_due(now)]
    by_date = lambda q: (dates[q.id].due, q.id)  # noqa: E731
    return sorted(due, key=by_date) + never + sorted(later, key=by_date)


def when_text(due: datetime, now: datetime) -> str:
    """`due now`, `overdue 3 days`, `in 2 days`, `in 5 hours`: for the --due list.

    A day or more away counts calendar days between the dates, as the due date
    printed beside it reads (3 days 23 hours from 09:00 is the date 4 days on)."""
    seconds = (due - now).total_seconds()
    if -86400 < seconds <= 0:
        return "due now"
    if 0 < seconds < 86400:
        hours = max(1, int(seconds // 3600))
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    days = abs((due.date() - now.date()).days)
    plural = "s" if days != 1 else ""
    return f"overdue {days} day{plural}" if seconds < 0 else f"in {days} day{plural}"


def scheduled_pick(
    bank: Bank,
    count: int,
    history: dict[str, list[Rated]],
    now: datetime,
    *,
    seed: int | None = None,
    competency: str | None = None,
    seniority: str | None = None,
    ids: Sequence[str] = (),
) -> list[Question]:
    """A practice set: `ids` exactly when given (see `random_pick`); else `count` of
    the matching questions in `practice_order`, the never-practised ones shuffled
    (the same `seed`, the same shuffle)."""
    if ids:
        return random_pick(bank, count, ids=ids)
    if count < 1:
        raise ValueError(f"the count must be at least 1, not {count}")
    pool = practice_pool(bank, competency, seniority)
    random.Random(seed).shuffle(pool)
    return practice_order(pool, history, now)[:count]
