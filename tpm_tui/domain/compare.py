"""Side-by-side comparison of sessions: a debrief panel, or several candidates.

Pure Python, no Textual: the compare screen lays these tables out, and the tests
check the numbers without a UI.

- `panel(sessions)`: one candidate seen by several interviewers. Per question the
  rating each interviewer gave, per competency each interviewer's average, the
  disagreements (a spread of two points or more) and the areas nobody covered.
- `candidates(sessions)`: several candidates asked the same questions. Per
  question each candidate's coverage and rating, per competency their averages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, TypeVar

from attrs import frozen

from tpm_tui.domain.models import Session, candidate_key

DISAGREEMENT = 2  # points of spread between the highest and lowest rating

Score = TypeVar("Score", int, float)


def _spread(scores: Iterable[Score | None]) -> Score | int:
    """Highest less lowest of the scores given; 0 with fewer than two."""
    given = [score for score in scores if score is not None]
    return max(given) - min(given) if len(given) > 1 else 0


def spread_text(spread: float) -> str:
    """`2`, `1.5`, `1.7`: a spread of averages to one decimal (it read `1.66667`)."""
    return f"{spread:g}" if float(spread).is_integer() else f"{spread:.1f}"


def _compared(scores: Iterable[object]) -> bool:
    """Two scores or more were given: a spread of 0 is agreement, not nothing to tell."""
    return sum(score is not None for score in scores) > 1


@frozen
class QuestionRow:
    """One question across the compared sessions (one cell per session)."""

    id: str
    label: str
    ratings: tuple[int | None, ...]
    # (covered, total) per session; None where the session did not ask the question.
    coverage: tuple[tuple[int, int] | None, ...]

    @property
    def spread(self) -> int:
        return _spread(self.ratings)

    @property
    def compared(self) -> bool:
        return _compared(self.ratings)


@frozen
class CompetencyRow:
    id: str
    averages: tuple[float | None, ...]

    @property
    def spread(self) -> float:
        return _spread(self.averages)

    @property
    def compared(self) -> bool:
        return _compared(self.averages)


@frozen
class ScorecardRow:
    """One competency on the interviewers' scorecards (one score per session)."""

    id: str
    scores: tuple[int | None, ...]

    @property
    def spread(self) -> int:
        return _spread(self.scores)

    @property
    def compared(self) -> bool:
        return _compared(self.scores)


@frozen
class Disagreement:
    # A question's ratings, a competency's scorecard ratings, or (where the
    # scorecards do not disagree) the averages of its question ratings.
    scope: Literal["question", "scorecard", "competency"]
    id: str
    label: str
    spread: float


@frozen
class Uncovered:
    question_id: str
    question_label: str
    area: str


@frozen
class Panel:
    candidate: str
    columns: tuple[str, ...]  # one per session: the interviewer (or the file id)
    questions: tuple[QuestionRow, ...]
    competencies: tuple[CompetencyRow, ...]
    scorecards: tuple[ScorecardRow, ...]
    disagreements: tuple[Disagreement, ...]
    uncovered: tuple[Uncovered, ...]


@frozen
class Candidates:
    columns: tuple[str, ...]  # one per session: the candidate's name
    questions: tuple[QuestionRow, ...]
    competencies: tuple[CompetencyRow, ...]


def in_interview_order(sessions: Sequence[Session]) -> list[Session]:
    """The order compare and the debrief lay a panel out in, however the files were
    chosen (marked in a sorted list, named on the command line): the order the
    candidate met the interviewers, so both number the questions alike."""
    return sorted(sessions, key=lambda s: (s.created_at, candidate_key(_seen_by(s)), s.id))


def same_candidate(sessions: Sequence[Session]) -> bool:
    """Whether every session is of one candidate (see `candidate_key`)."""
    names = {candidate_key(s.candidate.name) for s in sessions}
    return len(names) == 1


def compare(sessions: Sequence[Session]) -> Panel | Candidates:
    """A panel when all sessions share one candidate, else a candidate comparison."""
    return panel(sessions) if same_candidate(sessions) else candidates(sessions)


def panel(sessions: Sequence[Session]) -> Panel:
    if not sessions:
        raise ValueError("no sessions to compare")
    if not same_candidate(sessions):
        raise ValueError("a panel compares sessions of one candidate")
    labels = [_label(s.interviewer.name) if s.interviewer else "" for s in sessions]
    columns = _unique([label or s.id for label, s in zip(labels, sessions, strict=True)])
    questions = _question_rows(sessions)
    competencies = _competency_rows(sessions)
    scorecards = _scorecard_rows(sessions)
    cards = [
        Disagreement("scorecard", row.id, row.id, row.spread)
        for row in scorecards
        if row.spread >= DISAGREEMENT
    ]
    # Where the scorecards disagree on a competency, they are the interviewers' own
    # word on it: the averages of their question ratings add nothing.
    said = {item.id for item in cards}
    disagreements = [
        *(Disagreement("question", row.id, row.label, row.spread)
          for row in questions if row.spread >= DISAGREEMENT),
        *(Disagreement("competency", row.id, row.id, row.spread)
          for row in competencies if row.spread >= DISAGREEMENT and row.id not in said),
        *cards,
    ]  # fmt: skip
    return Panel(
        candidate=_label(sessions[0].candidate.name),
        columns=columns,
        questions=questions,
        competencies=competencies,
        scorecards=scorecards,
        disagreements=tuple(disagreements),
        uncovered=_uncovered(sessions),
    )


def candidates(sessions: Sequence[Session]) -> Candidates:
    if not sessions:
        raise ValueError("no sessions to compare")
    names = [_label(s.candidate.name) or s.id for s in sessions]
    keys = [candidate_key(name) for name in names]
    # One candidate seen twice among others: say by whom, so the columns tell apart.
    labels = [
        f"{name} · {_seen_by(s)}" if keys.count(key) > 1 else name
        for name, key, s in zip(names, keys, sessions, strict=True)
    ]
    return Candidates(
        columns=_unique(labels),
        questions=_question_rows(sessions),
        competencies=_competency_rows(sessions),
    )


# --- the pieces ------------------------------------------------------------------


def _label(name: str) -> str:
    """A name as a header or column label: one line (breaks, tabs, runs of blanks
    become one space), so a name typed with a line break never splits a header."""
    return " ".join(name.split())


def _seen_by(session: Session) -> str:
    name = _label(session.interviewer.name) if session.interviewer else ""
    return name or session.created_at.strftime("%Y-%m-%d")


def _unique(labels: list[str]) -> tuple[str, ...]:
    """Two columns with one label (the same interviewer twice) get `(2)`, `(3)`."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return tuple(out)


def _question_ids(sessions: Sequence[Session]) -> list[str]:
    """Every question asked in any session, in first-seen order."""
    ids: dict[str, None] = {}
    for session in sessions:
        for record in session.questions:
            ids.setdefault(record.id, None)
    return list(ids)


def _question_rows(sessions: Sequence[Session]) -> tuple[QuestionRow, ...]:
    by_session = [{q.id: q for q in s.questions} for s in sessions]
    rows = []
    for question_id in _question_ids(sessions):
        records = [found.get(question_id) for found in by_session]
        label = next(r.label for r in records if r is not None)
        rows.append(
            QuestionRow(
                id=question_id,
                label=label,
                ratings=tuple(r.rating if r else None for r in records),
                coverage=tuple((r.covered, len(r.areas)) if r else None for r in records),
            )
        )
    return tuple(rows)


def competency_average(session: Session, competency_id: str) -> float | None:
    """The average rating of the session's rated questions that test a competency."""
    ratings = [
        q.rating
        for q in session.questions
        if competency_id in q.competencies and q.rating is not None
    ]
    return sum(ratings) / len(ratings) if ratings else None


def _competency_rows(sessions: Sequence[Session]) -> tuple[CompetencyRow, ...]:
    ids: dict[str, None] = {}
    for session in sessions:
        for record in session.questions:
            for competency_id in record.competencies:
                ids.setdefault(competency_id, None)
    return tuple(
        CompetencyRow(cid, tuple(competency_average(s, cid) for s in sessions)) for cid in ids
    )


def _scorecard_rows(sessions: Sequence[Session]) -> tuple[ScorecardRow, ...]:
    """Every competency rated on any scorecard, else tested by a question, in first-seen
    order (a scorecard may rate one no question of this session tests)."""
    ids: dict[str, None] = {}
    for session in sessions:
        for competency_id in session.outcome.competencies if session.outcome else {}:
            ids.setdefault(competency_id, None)
    for session in sessions:
        for record in session.questions:
            for competency_id in record.competencies:
                ids.setdefault(competency_id, None)
    cards = [session.outcome.competencies if session.outcome else {} for session in sessions]
    return tuple(ScorecardRow(cid, tuple(card.get(cid) for card in cards)) for cid in ids)


def _uncovered(sessions: Sequence[Session]) -> tuple[Uncovered, ...]:
    """Areas (per question, by text) that no session ticked, in first-seen order."""
    areas: dict[tuple[str, str], bool] = {}
    labels: dict[str, str] = {}
    for session in sessions:
        for record in session.questions:
            labels.setdefault(record.id, record.label)
            for area in record.areas:
                key = (record.id, area.text)
                areas[key] = areas.get(key, False) or area.covered
    return tuple(
        Uncovered(question_id, labels[question_id], text)
        for (question_id, text), covered in areas.items()
        if not covered
    )
