"""Interviewer calibration: who rates high or low, and how each one interviews.

Per interviewer, over their completed interviews: how many, their average
rating, their spread of recommendations, how often they are `DISAGREEMENT`
points or more from the rest of the panel on the same question (the rest: the
mean of the other interviewers' ratings of that candidate on that question),
by how much they rate above or below the rest on average, and per question
asked the areas covered and the follow-ups asked.

Sessions masked by the blind rule (`domain/blind.py`) hold no ratings or
recommendation, so they count only for what is not hidden (sessions, areas,
follow-ups); `Row.hidden` says how many, and the screen says the figures are
partial. Pure Python, no Textual, no files.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean

from attrs import frozen

from tpm_tui.domain.blind import hidden
from tpm_tui.domain.compare import DISAGREEMENT
from tpm_tui.domain.models import RECOMMENDATIONS, Session, candidate_key

NOBODY = "(no interviewer)"


@frozen
class Row:
    """One interviewer's figures."""

    interviewer: str
    sessions: int
    hidden: int  # of `sessions`, masked for you: their ratings are not counted
    ratings: int  # question ratings counted
    average: float | None
    recommendations: tuple[int, ...]  # a count per RECOMMENDATIONS (strong no … strong yes)
    compared: int  # question ratings that the rest of the panel also rated
    off: int  # of those, DISAGREEMENT points or more from the rest's mean
    lean: float | None  # mean of (this rating − the rest's mean): above 0 rates high
    areas_per_question: float | None  # areas covered, per question asked
    coverage: float | None  # areas covered of the areas there were, 0..1
    follow_ups_per_question: float | None

    @property
    def off_share(self) -> float | None:
        return self.off / self.compared if self.compared else None


@frozen
class Calibration:
    rows: tuple[Row, ...]

    @property
    def partial(self) -> bool:
        """Some ratings or recommendations were hidden from you, so not counted."""
        return any(row.hidden for row in self.rows)

    @property
    def hidden(self) -> int:
        return sum(row.hidden for row in self.rows)


def counted(sessions: Sequence[Session]) -> list[Session]:
    """What calibration reads: completed interviews (practice has no panel)."""
    return [s for s in sessions if s.kind == "interview" and s.completed]


def _who(session: Session) -> str:
    name = " ".join(session.interviewer.name.split()) if session.interviewer else ""
    return name or NOBODY


def calibrate(sessions: Sequence[Session]) -> Calibration:
    """The figures of every interviewer of the completed interviews among `sessions`,
    most sessions first (then by name)."""
    interviews = counted(sessions)
    by_person: dict[str, list[Session]] = {}
    labels: dict[str, str] = {}
    for session in interviews:
        key = candidate_key(_who(session))
        labels.setdefault(key, _who(session))
        by_person.setdefault(key, []).append(session)
    # Every rating of a candidate's question, by interviewer: the panel of each question.
    ratings: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for session in interviews:
        person = candidate_key(_who(session))
        for record in session.questions:
            if record.rating is not None:
                where = (candidate_key(session.candidate.name), record.id)
                ratings.setdefault(where, []).append((person, record.rating))
    rows = [_row(labels[key], key, mine, ratings) for key, mine in by_person.items()]
    rows.sort(key=lambda row: (-row.sessions, row.interviewer.casefold()))
    return Calibration(tuple(rows))


def _row(
    label: str,
    person: str,
    sessions: list[Session],
    panel: dict[tuple[str, str], list[tuple[str, int]]],
) -> Row:
    mine = [q.rating for s in sessions for q in s.questions if q.rating is not None]
    recommendations = [s.outcome.recommendation for s in sessions if s.outcome]
    differences = []
    for session in sessions:
        for record in session.questions:
            if record.rating is None:
                continue
            where = (candidate_key(session.candidate.name), record.id)
            rest = [rating for who, rating in panel[where] if who != person]
            if rest:
                differences.append(record.rating - fmean(rest))
    questions = [q for s in sessions for q in s.questions]
    areas = sum(len(q.areas) for q in questions)
    covered = sum(q.covered for q in questions)
    return Row(
        interviewer=label,
        sessions=len(sessions),
        hidden=sum(hidden(s) for s in sessions),
        ratings=len(mine),
        average=fmean(mine) if mine else None,
        recommendations=tuple(recommendations.count(r) for r in RECOMMENDATIONS),
        compared=len(differences),
        off=sum(abs(d) >= DISAGREEMENT for d in differences),
        lean=fmean(differences) if differences else None,
        areas_per_question=covered / len(questions) if questions else None,
        coverage=covered / areas if areas else None,
        follow_ups_per_question=(
            sum(q.asked for q in questions) / len(questions) if questions else None
        ),
    )
