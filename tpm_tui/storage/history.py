"""A candidate's earlier practice, read from the sessions folder."""

from __future__ import annotations

from tpm_tui.domain.models import Session
from tpm_tui.domain.practice import Attempt, attempts, matching_summaries
from tpm_tui.storage.sessionfile import SessionFileError
from tpm_tui.storage.store import SessionStore


def history(store: SessionStore, session: Session) -> dict[str, list[Attempt]]:
    """Per question of `session`: its attempts in the sessions folder and this one.

    Reads only the files that can hold an attempt; a file that cannot be read
    (broken, gone since the listing) is skipped, never a failure.
    """
    others: list[Session] = []
    for summary in matching_summaries(store.scan(), session):
        try:
            others.append(store.load(summary.path))
        except (SessionFileError, OSError):
            continue
    name = session.candidate.name
    return {
        record.id: attempts(others, record.id, name, current=session)
        for record in session.questions
    }
