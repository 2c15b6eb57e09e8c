"""A candidate's earlier practice, read from the sessions folder."""

from __future__ import annotations

from tpm_tui.domain.listing import SessionSummary
from tpm_tui.domain.models import Session, candidate_key
from tpm_tui.domain.practice import Attempt, attempts, matching_summaries
from tpm_tui.domain.schedule import Rated, rated_attempts
from tpm_tui.storage.sessionfile import SessionFileError
from tpm_tui.storage.store import SessionStore


def history(
    store: SessionStore, session: Session, *, every_question: bool = False
) -> dict[str, list[Attempt]]:
    """Per question of `session`: its attempts in the sessions folder and this one;
    with `every_question`, per question the candidate ever practised, too (what the
    coverage per competency counts).

    Reads only the files that can hold an attempt; a file that cannot be read
    (broken, gone since the listing) is skipped, never a failure.
    """
    name = session.candidate.name
    if every_question:
        others = practice_sessions(store, name)
    else:
        others = []
        for summary in matching_summaries(store.scan(), session):
            try:
                others.append(store.load(summary.path))
            except (SessionFileError, OSError):
                continue
    ids = [record.id for record in session.questions]
    if every_question:
        ids += [record.id for other in others for record in other.questions]
    return {qid: attempts(others, qid, name, current=session) for qid in dict.fromkeys(ids)}


def practice_sessions(store: SessionStore, name: str) -> list[Session]:
    """Every readable practice session of `name` (normalised: `candidate_key`)."""
    who = candidate_key(name)
    found: list[Session] = []
    for item in store.scan():
        if (
            isinstance(item, SessionSummary)
            and item.kind == "practice"
            and candidate_key(item.candidate) == who
        ):
            try:
                found.append(store.load(item.path))
            except (SessionFileError, OSError):
                continue
    return found


def rated_history(store: SessionStore, name: str) -> dict[str, list[Rated]]:
    """Per question id, `name`'s self-checked attempts: what the schedule reads."""
    return rated_attempts(practice_sessions(store, name), name)
