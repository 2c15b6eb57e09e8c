"""Versions of one session: files that hold the same session `id` and interviewer.

A sync that found a session changed on both sides keeps both files, the other
as `NAME-conflict.toml` beside `NAME.toml` (so does a save that found its file
changed on disk). They are two versions of one interview, not two interviewers:
compare, the debrief and calibration count one of them and say which file was
left out, and the review list marks it as a conflict copy, so that someone
resolves it (keeps one file).

Which version counts: a completed one before an unfinished one (a live session
that found its file changed carries on, and completes, in the copy), then the
one without `-conflict` in its name (the name the team already reads: a sync
keeps the remote's version under it), then the one saved last (`updated_at`),
then the first name. Two interviewers whose sessions
share an id (they started the same candidate in the same minute) are two
sessions, never versions of one.

Pure Python, no Textual, no files: callers hand over each file's name with
what was read from it (whole sessions or listing rows).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from attrs import frozen

from tpm_tui.domain.listing import SessionSummary, interviewer_of
from tpm_tui.domain.models import Session, candidate_key

CONFLICT_MARK = "-conflict"  # in the name of a copy saved beside a file that changed

Item = TypeVar("Item", Session, SessionSummary)


@frozen
class Uncounted:
    """A version left out, the one counted instead, and whose session it is."""

    name: str  # the file left out
    counted: str  # the file counted
    interviewer: str

    def sentence(self) -> str:
        """What a hiring manager reads: which file was not counted, and why."""
        who = f"{self.interviewer}'s session" if self.interviewer else "the session"
        return (
            f"{self.name} is another version of {who} in {self.counted} "
            f"(the same id): not counted; keep one of the two files"
        )


def _stem(name: str) -> str:
    return name.removesuffix(".toml")


def _rank(name: str, item: Session | SessionSummary) -> tuple[bool, bool, float, str]:
    """Lowest first: completed, no conflict mark, saved last, by name."""
    marked = CONFLICT_MARK in _stem(name)
    return (item.status != "completed", marked, -item.updated_at.timestamp(), name)


def version_key(item: Session | SessionSummary) -> tuple[str, str]:
    """What the versions of one session share: its id and its interviewer."""
    return item.id, candidate_key(interviewer_of(item))


def same_session(one: Session, other: Session) -> bool:
    """Two versions of one session, not two sessions that got one file name."""
    return version_key(one) == version_key(other)


def uncounted(named: Sequence[tuple[str, Item]]) -> dict[int, Uncounted]:
    """The versions left out, by their index in `named` (file name, what it holds)."""
    by_id: dict[str, list[int]] = {}
    for index, (_, item) in enumerate(named):
        by_id.setdefault(item.id, []).append(index)
    # Then by interviewer, only where an id repeats: review runs this on every scan.
    groups: dict[tuple[str, str], list[int]] = {}
    for same_id in by_id.values():
        if len(same_id) > 1:
            for index in same_id:
                groups.setdefault(version_key(named[index][1]), []).append(index)
    left_out: dict[int, Uncounted] = {}
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        best = min(indexes, key=lambda i: _rank(*named[i]))
        who = " ".join(interviewer_of(named[best][1]).split())
        for index in indexes:
            if index != best:
                left_out[index] = Uncounted(named[index][0], named[best][0], who)
    return left_out


def one_per_session(named: Sequence[tuple[str, Item]]) -> tuple[list[Item], list[Uncounted]]:
    """One version of each session, in the order given, and the versions left out."""
    left_out = uncounted(named)
    kept = [item for index, (_, item) in enumerate(named) if index not in left_out]
    return kept, [left_out[index] for index in sorted(left_out)]
