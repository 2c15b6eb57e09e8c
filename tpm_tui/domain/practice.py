"""Practice mode without a UI: the practice session's shape, the STAR reminder, and
progress over attempts (each question's coverage in the candidate's earlier practice).

Pure Python, no Textual: the practice and progress screens call into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from attrs import frozen

from tpm_tui.domain.listing import SessionSummary
from tpm_tui.domain.models import (
    STAR_STEPS,
    Bank,
    Candidate,
    Question,
    QuestionRecord,
    Seniority,
    Session,
    candidate_key,
    new_session,
)

PROBE_MIN_SECONDS = 60
BAR_MAX_CELLS = 20
FULL, EMPTY = "█", "░"


# --- the practice session ----------------------------------------------------------


def probe_seconds(answer_minutes: int) -> int:
    """A follow-up's answer target: a third of the answer's, at least a minute."""
    return max(PROBE_MIN_SECONDS, answer_minutes * 60 // 3)


def practice_minutes(questions: Sequence[Question], answer_minutes: int) -> int:
    """The session's length: each question's answer plus a probe per follow-up."""
    seconds = sum(
        answer_minutes * 60 + len(q.follow_ups) * probe_seconds(answer_minutes) for q in questions
    )
    return max(1, -(-seconds // 60))


def new_practice(
    bank: Bank,
    questions: Sequence[Question],
    *,
    name: str,
    answer_minutes: int,
    seniority: Seniority | None = None,
) -> Session:
    """A practice session: each question's budget is the answer target, not the bank's
    interview minutes (the answer timer runs against it); the areas start hidden."""
    session = new_session(
        kind="practice",
        session_id="",  # the store names it after the file
        bank=bank,
        questions=questions,
        candidate=Candidate(name, bank.bank.role, seniority),
        minutes=practice_minutes(questions, answer_minutes),
        answer_minutes=answer_minutes,
    )
    for record in session.questions:
        record.budget_seconds = answer_minutes * 60
    return session


def next_star(star: Sequence[str]) -> list[str]:
    """The STAR steps, in order, after ticking the first one missing; once all four
    are ticked, it starts over."""
    missing = [step for step in STAR_STEPS if step not in star]
    if not missing:
        return []
    return [step for step in STAR_STEPS if step in star or step == missing[0]]


def tick_star(
    star: Sequence[str], seconds: dict[str, int], answer_seconds: int
) -> tuple[list[str], dict[str, int]]:
    """`next_star`, with the time of the step just ticked: the answer's seconds since
    the step before it was ticked (or since the answer started). Starting over forgets
    the times too."""
    ticked = next_star(star)
    if not ticked:
        return [], {}
    step = next(s for s in ticked if s not in star)
    spent = answer_seconds - sum(seconds.get(s, 0) for s in star)
    return ticked, {**{s: seconds[s] for s in star if s in seconds}, step: max(0, spent)}


def next_follow_up(record: QuestionRecord, after: int = -1) -> int | None:
    """The first follow-up after index `after` not answered yet; None when none is left."""
    for index in range(after + 1, len(record.follow_ups)):
        if not record.follow_ups[index].asked:
            return index
    return None


# --- progress over attempts -----------------------------------------------------------


@frozen
class Attempt:
    """One practice answer to a question, as the progress screen shows it."""

    session_id: str
    created_at: datetime
    covered: int
    total: int
    revealed: bool  # False: the areas were never shown, so nothing was self-checked
    rating: int | None
    asked: int
    follow_ups: int
    star: int
    current: bool = False  # the attempt the screen is about
    notes: str = ""  # what to say better next time
    answer_seconds: int | None = None  # None: not timed (before `enter` existed, or skipped)
    budget_seconds: int = 0  # the answer target
    competencies: tuple[str, ...] = ()
    position: int = 0  # the question's place in its session: the order it was answered

    @property
    def when(self) -> str:
        return self.created_at.strftime("%Y-%m-%d %H:%M")


def attempt_of(
    session: Session, position: int, record: QuestionRecord, *, current: bool = False
) -> Attempt:
    """`record`, the `position`th question of `session`, as an attempt."""
    return Attempt(
        session_id=session.id,
        created_at=session.created_at,
        covered=record.covered,
        total=len(record.areas),
        revealed=bool(record.revealed),
        rating=record.rating,
        asked=record.asked,
        follow_ups=len(record.follow_ups),
        star=len(record.star),
        current=current,
        notes=record.notes,
        answer_seconds=record.answer_seconds,
        budget_seconds=record.budget_seconds,
        competencies=tuple(record.competencies),
        position=position,
    )


def attempts(
    sessions: Iterable[Session],
    question_id: str,
    candidate: str,
    *,
    current: Session | None = None,
) -> list[Attempt]:
    """Every attempt at `question_id` by `candidate` in practice sessions, oldest first.

    An earlier question whose areas were never revealed was not self-checked, so it
    is left out; the `current` session's attempt is always in (marked `current`).
    """
    found: list[Attempt] = []
    seen: set[str] = set()
    who = candidate_key(candidate)
    if current is not None:
        seen.add(current.id)  # its file on disk is older than what is in memory
    for session in sessions:
        if session.id in seen:
            continue
        seen.add(session.id)
        if session.kind == "practice" and candidate_key(session.candidate.name) == who:
            found.extend(
                attempt_of(session, position, record)
                for position, record in enumerate(session.questions)
                if record.id == question_id and record.revealed
            )
    if current is not None:
        found.extend(
            attempt_of(current, position, record, current=True)
            for position, record in enumerate(current.questions)
            if record.id == question_id
        )
    return sorted(found, key=lambda a: (a.created_at, a.session_id))


def matching_summaries(listing: Iterable[object], session: Session) -> list[SessionSummary]:
    """Other practice sessions by the same candidate that share a question with `session`."""
    wanted = {record.id for record in session.questions}
    who = candidate_key(session.candidate.name)
    return [
        item
        for item in listing
        if isinstance(item, SessionSummary)
        and item.kind == "practice"
        and item.id != session.id
        and candidate_key(item.candidate) == who
        and wanted & set(item.question_ids)
    ]


def bar(covered: int, total: int, width: int | None = None) -> str:
    """`████░░░` : a cell per area (scaled down past 20 areas)."""
    if total <= 0:
        return ""
    cells = width if width is not None else min(total, BAR_MAX_CELLS)
    filled = round(cells * min(max(covered, 0), total) / total)
    return FULL * filled + EMPTY * (cells - filled)


def trend(found: Sequence[Attempt]) -> str:
    """How the current attempt compares with the one before it, in a few words."""
    current = [a for a in found if a.current]
    if not current:
        return ""
    now = current[0]
    earlier = [a for a in found if not a.current and a.created_at <= now.created_at]
    if not now.revealed:
        return "not self-checked yet"
    if not earlier:
        return "first attempt"
    before = earlier[-1]
    if before.total != now.total or before.total == 0:
        return f"{len(earlier)} earlier attempt{'s' if len(earlier) != 1 else ''}"
    change = now.covered - before.covered
    if change > 0:
        return f"+{change} since last time"
    if change < 0:
        return f"{change} since last time"
    return "same as last time"


def last_notes(found: Sequence[Attempt]) -> Attempt | None:
    """The newest earlier attempt with notes: what to say better, shown before answering."""
    earlier = [a for a in found if not a.current and a.notes.strip()]
    return earlier[-1] if earlier else None


SPARK = "▁▂▃▄▅▆▇█"
SPARK_MAX = 24  # the newest attempts, so a line fits in 80 columns


def competency_series(found: dict[str, list[Attempt]]) -> dict[str, list[float]]:
    """Per competency, the coverage (0..1) of each self-checked attempt at a question
    testing it, oldest first: how the competency improves over attempts."""
    points: dict[str, list[tuple[tuple[datetime, str, int], float]]] = {}
    for attempts_of in found.values():
        for attempt in attempts_of:
            if not attempt.revealed or not attempt.total:
                continue
            # Within one practice, in the order its questions were answered.
            order = (attempt.created_at, attempt.session_id, attempt.position)
            for cid in attempt.competencies:
                points.setdefault(cid, []).append((order, attempt.covered / attempt.total))
    return {
        cid: [share for _, share in sorted(items, key=lambda item: item[0])]
        for cid, items in points.items()
    }


def spark(values: Sequence[float]) -> str:
    """`▂▄▅█`: a block per value from 0 to 1, its height the value (no colour needed)."""
    shown = list(values)[-SPARK_MAX:]
    return "".join(SPARK[min(len(SPARK) - 1, int(v * len(SPARK)))] for v in shown)
