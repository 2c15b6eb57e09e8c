"""The scorecard: a 1..4 rating per competency the interview touched.

Each competency is pre-filled from the ratings of the questions that test it:
their mean, rounded half up (2.5 gives 3, 3.5 gives 4: a tie goes to the
stronger rating, so one strong answer is not undone by rounding alone). A
competency none of whose questions was rated has no pre-filled rating. What
the interviewer chooses replaces the pre-filled rating; only the choices are
kept in the draft, so a rating given to a question later still pre-fills.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from tpm_tui.domain.models import Session


def touched(session: Session) -> list[str]:
    """Competency ids of the session's questions, in the order they first come up."""
    seen: dict[str, None] = {}
    for record in session.questions:
        seen.update(dict.fromkeys(record.competencies))
    return list(seen)


def rounded_mean(ratings: list[int]) -> int:
    """The mean of 1..4 ratings, rounded half up, in integers (no float ties)."""
    return (2 * sum(ratings) + len(ratings)) // (2 * len(ratings))


@frozen
class Score:
    competency: str  # id
    prefilled: int | None  # from the questions' ratings; None when none was rated
    chosen: int | None  # what the interviewer set, else None
    rated_questions: int  # how many rated questions the pre-filled rating comes from

    @property
    def rating(self) -> int | None:
        return self.chosen if self.chosen is not None else self.prefilled

    @property
    def is_prefilled(self) -> bool:
        return self.chosen is None and self.prefilled is not None


def scores(session: Session, chosen: Mapping[str, int]) -> list[Score]:
    """One score per competency the interview touched, then any chosen for another."""
    result = []
    ids = touched(session)
    for competency in [*ids, *(c for c in chosen if c not in ids)]:
        ratings = [
            q.rating
            for q in session.questions
            if competency in q.competencies and q.rating is not None
        ]
        prefilled = rounded_mean(ratings) if ratings else None
        result.append(Score(competency, prefilled, chosen.get(competency), len(ratings)))
    return result


def final_ratings(session: Session, chosen: Mapping[str, int]) -> dict[str, int]:
    """What the outcome keeps: every competency's rating, chosen or pre-filled."""
    return {s.competency: s.rating for s in scores(session, chosen) if s.rating is not None}
