"""What a listing of the sessions folder shows of each file: a summary of a
session (cheap to cache) or why the file could not be read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from attrs import frozen

from tpm_tui.domain.models import Session


@frozen
class SessionSummary:
    """What a review table row needs, cheap to cache."""

    path: Path
    id: str
    kind: str
    status: str
    created_at: datetime
    updated_at: datetime
    candidate: str
    role: str
    seniority: str | None
    interviewer: str | None
    questions: int
    areas_covered: int
    areas_total: int
    average_rating: float | None
    recommendation: str | None
    minutes: int
    elapsed_seconds: int
    question_ids: tuple[str, ...]
    current: int = 0  # the question on screen when it stopped: "Q2/3" on home
    # Blind until you submit (domain/blind.py): the verdicts were taken out for you.
    hidden: bool = False


@frozen
class Unreadable:
    """A file that could not be read: listed with the reason, never a crash."""

    path: Path
    reason: str


Listing = SessionSummary | Unreadable


def summarize(session: Session, path: Path) -> SessionSummary:
    return SessionSummary(
        path=path,
        id=session.id,
        kind=session.kind,
        status=session.status,
        # The file holds UTC (sessionfile converts the same way), so cached and parsed agree.
        created_at=session.created_at.astimezone(UTC),
        updated_at=session.updated_at.astimezone(UTC),
        candidate=session.candidate.name,
        role=session.candidate.role,
        seniority=session.candidate.seniority,
        interviewer=session.interviewer.name if session.interviewer else None,
        questions=len(session.questions),
        areas_covered=session.areas_covered,
        areas_total=session.areas_total,
        average_rating=session.average_rating,
        recommendation=session.outcome.recommendation if session.outcome else None,
        minutes=session.minutes,
        elapsed_seconds=session.elapsed_seconds,
        question_ids=tuple(q.id for q in session.questions),
        current=session.current,
    )


def interviewer_of(item: Session | SessionSummary) -> str:
    """Who interviewed, from a whole session or a listing row ("" when nobody said)."""
    if isinstance(item, SessionSummary):
        return item.interviewer or ""
    return item.interviewer.name if item.interviewer else ""
