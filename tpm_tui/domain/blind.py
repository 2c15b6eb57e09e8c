"""Blind until you submit: one rule, applied by every view and export.

For a candidate you are interviewing (you have an unfinished interview session
for them), other interviewers' verdicts on that candidate are hidden until you
complete yours: their ratings, recommendations, scorecards (competency ratings,
strengths, concerns), notes and follow-up notes. Structured interviewing exists
to keep a panelist from anchoring on the others; this keeps the app from making
it easy. It is a discipline aid, not access control: the files are on disk.

Practice sessions, your own sessions and candidates you have no unfinished
interview with are shown whole. Names are compared with `candidate_key`, the
one normalisation of people's names in the code base.

Pure Python, no Textual, no files: the screens and the command line hand it
what they listed (`SessionSummary` rows or whole sessions) and who you are.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import TypeVar

from attrs import define, evolve, fields, frozen

from tpm_tui.domain.listing import SessionSummary, interviewer_of
from tpm_tui.domain.models import Session, candidate_key

HIDDEN = "hidden until you complete yours"

Row = TypeVar("Row", bound=SessionSummary)


def _candidate(item: Session | SessionSummary) -> str:
    return item.candidate if isinstance(item, SessionSummary) else item.candidate.name


@frozen
class Blindfold:
    """Who you are, and the candidates you are still interviewing (by `candidate_key`)."""

    you: str
    pending: frozenset[str] = frozenset()

    def yours(self, item: Session | SessionSummary) -> bool:
        return candidate_key(interviewer_of(item)) == candidate_key(self.you)

    def hides(self, item: Session | SessionSummary) -> bool:
        """Whether this session's verdicts are hidden from you."""
        return (
            item.kind == "interview"
            and candidate_key(_candidate(item)) in self.pending
            and not self.yours(item)
        )

    @property
    def blind(self) -> bool:
        """Whether anything at all is hidden from you."""
        return bool(self.pending)

    def apply(self, sessions: Sequence[Session]) -> list[Session]:
        """The sessions as you may see them: masked where the rule hides them."""
        return [mask(session) if self.hides(session) else session for session in sessions]

    def row(self, summary: Row) -> Row:
        """A listing's row as you may see it: no average rating or recommendation."""
        if not self.hides(summary):
            return summary
        return evolve(summary, average_rating=None, recommendation=None, hidden=True)


def blindfold(you: str, items: Iterable[object]) -> Blindfold:
    """The rule for `you`, from every session known (summaries or whole sessions;
    anything else, such as an unreadable file's listing, is passed over)."""
    pending = set()
    probe = Blindfold(you)
    for item in items:
        if not isinstance(item, Session | SessionSummary):
            continue
        if item.kind == "interview" and item.status == "in_progress" and probe.yours(item):
            pending.add(candidate_key(_candidate(item)))
    return Blindfold(you, frozenset(pending))


@define(kw_only=True)
class Masked(Session):
    """Another interviewer's session with its verdicts taken out (see `mask`).

    A subclass, so a view can say `hidden until you complete yours` where a
    verdict would be, rather than `unrated` or `not given`. Never saved."""


def mask(session: Session) -> Masked:
    """A copy without ratings, outcome (recommendation, scorecard, strengths,
    concerns, overall notes) or draft. Every question's notes and every asked
    follow-up's notes read `HIDDEN`, written or not: a marker only where a note
    exists would tell whether the interviewer wrote one. What was asked and
    covered stays: the areas nobody covered are not a verdict."""
    masked = Masked(**{f.name: copy.deepcopy(getattr(session, f.name)) for f in fields(Session)})
    masked.outcome = None
    masked.draft = None
    for record in masked.questions:
        record.rating = None
        record.notes = HIDDEN
        for follow_up in record.follow_ups:
            follow_up.notes = HIDDEN if follow_up.asked else ""
    return masked


def hidden(session: Session) -> bool:
    return isinstance(session, Masked)
