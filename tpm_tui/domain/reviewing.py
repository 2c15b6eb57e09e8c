"""Reviewing past sessions without a UI: the list's columns, filter, sort and kind,
and exporting a report beside the sessions.

Pure Python, no Textual: the review screen shows what `Catalog.select` returns and
the tests check it directly. Rows are the store's `SessionSummary` (cached, cheap);
whole files are loaded only to read, compare or export them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC
from typing import Any, Literal

from attrs import evolve, frozen

from tpm_tui.domain.listing import SessionSummary, Unreadable
from tpm_tui.domain.models import RECOMMENDATION_LABELS, Bank, Session
from tpm_tui.domain.report import markdown, markdown_many
from tpm_tui.domain.textsafe import PLAIN_LETTERS
from tpm_tui.domain.versions import uncounted

Listing = SessionSummary | Unreadable
KindFilter = Literal["both", "interview", "practice"]
KIND_CYCLE: tuple[KindFilter, ...] = ("both", "interview", "practice")
KIND_LABELS: dict[KindFilter, str] = {
    "both": "interviews and practice",
    "interview": "interviews only",
    "practice": "practice only",
}


# --- Columns ---------------------------------------------------------------------


def _average(s: SessionSummary) -> str:
    return f"{s.average_rating:.1f}" if s.average_rating is not None else "—"


def _coverage(s: SessionSummary) -> float | None:
    return s.areas_covered / s.areas_total if s.areas_total else None


@frozen
class Column:
    key: str
    label: str
    text: Callable[[SessionSummary], str]
    sort: Callable[[SessionSummary], Any]  # None sorts last, whatever the direction
    descending: bool = False  # the direction a first sort on this column takes
    cap: int | None = None  # the widest the column grows; longer text is cut with "…"
    numeric: bool = False  # right-aligned


COLUMNS: tuple[Column, ...] = (
    # Who saw whom and what they concluded first: at 80 columns the first five
    # fit, so nobody scrolls sideways for the outcome. `1`…`9`, `0` sort by each.
    # isoformat, not strftime: this runs for every row of a 10,000-file folder.
    Column("date", "Date", lambda s: s.created_at.astimezone(UTC).isoformat(" ")[:16],
           lambda s: s.created_at, descending=True),
    Column("candidate", "Candidate", lambda s: s.candidate or "(no name)",
           lambda s: s.candidate.casefold(), cap=22),
    Column("interviewer", "Interviewer", lambda s: s.interviewer or "—",
           lambda s: s.interviewer.casefold() if s.interviewer else None, cap=12),
    Column("recommendation", "Outcome",
           lambda s: RECOMMENDATION_LABELS.get(s.recommendation or "", "—"),
           lambda s: ("strong_no", "no", "yes", "strong_yes").index(s.recommendation)
           if s.recommendation in RECOMMENDATION_LABELS else None, descending=True),
    Column("rating", "Avg", _average, lambda s: s.average_rating, descending=True, numeric=True),
    Column("status", "Status", lambda s: s.status.replace("_", " "), lambda s: s.status),
    Column("kind", "Kind", lambda s: s.kind, lambda s: s.kind),
    Column("areas", "Areas", lambda s: f"{s.areas_covered}/{s.areas_total}", _coverage,
           descending=True, numeric=True),
    Column("role", "Role", lambda s: s.role or "—", lambda s: s.role.casefold() or None, cap=26),
    Column("seniority", "Level", lambda s: s.seniority or "—",
           lambda s: ("junior", "mid", "senior").index(s.seniority)
           if s.seniority in ("junior", "mid", "senior") else None),
)  # fmt: skip
COLUMN_KEYS = tuple(column.key for column in COLUMNS)


def column(key: str) -> Column:
    return COLUMNS[COLUMN_KEYS.index(key)]


# --- What is shown ---------------------------------------------------------------


@frozen
class View:
    """How the list is cut and ordered; the screen holds one and replaces it."""

    kind: KindFilter = "both"
    query: str = ""
    sort: str = "date"
    descending: bool = True

    def next_sort(self) -> View:
        """The next column, in its own natural direction (`s`)."""
        key = COLUMN_KEYS[(COLUMN_KEYS.index(self.sort) + 1) % len(COLUMNS)]
        return evolve(self, sort=key, descending=column(key).descending)

    def sort_by(self, key: str) -> View:
        """Sort by column `key` in its natural direction; by the same column, reversed."""
        if key == self.sort:
            return self.reversed()
        return evolve(self, sort=key, descending=column(key).descending)

    def reversed(self) -> View:
        return evolve(self, descending=not self.descending)

    def next_kind(self) -> View:
        return evolve(self, kind=KIND_CYCLE[(KIND_CYCLE.index(self.kind) + 1) % len(KIND_CYCLE)])

    @property
    def sort_label(self) -> str:
        return f"sorted by {column(self.sort).label.lower()} {'↓' if self.descending else '↑'}"


COPY = "conflict copy"  # the status of a version that compare and calibration leave out


def texts(item: Listing, copy: bool = False) -> tuple[str, ...]:
    """The text of each column (as typed: the table makes controls visible); `copy`:
    another file holds the version of this session that counts (domain/versions.py)."""
    if isinstance(item, Unreadable):
        reason = f"{item.path.name}: {item.reason}"
        return tuple({"date": "—", "candidate": reason, "status": "unreadable"}.get(key, "")
                     for key in COLUMN_KEYS)  # fmt: skip
    shown = tuple(column.text(item) for column in COLUMNS)
    if item.hidden:  # blind until you submit: the verdicts say so, never "—"
        shown = tuple("hidden" if key in _VERDICTS else text
                      for key, text in zip(COLUMN_KEYS, shown, strict=True))  # fmt: skip
    if copy:
        shown = tuple(COPY if key == "status" else text
                      for key, text in zip(COLUMN_KEYS, shown, strict=True))  # fmt: skip
    return shown


_VERDICTS = ("rating", "recommendation")  # the columns blind hides (domain/blind.py)


def search_form(text: str) -> str:
    """What the filter compares: case-folded, accents off (composed or decomposed:
    "José" typed either way finds José), `_` as a space (a file's `strong_yes`
    finds "Strong yes")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.translate(PLAIN_LETTERS).replace("_", " ")


class Entry:
    """A listing with its column texts and what the filter searches, made once."""

    __slots__ = ("copy", "haystack", "item", "texts")

    def __init__(self, item: Listing, copy: bool = False) -> None:
        self.item = item
        self.copy = copy
        self.texts = texts(item, copy)
        extra = item.path.name if isinstance(item, Unreadable) else f"{item.id} {item.path.name}"
        # Folded once: filtering runs on every key typed.
        self.haystack = search_form(" ".join([*self.texts, extra]))

    @property
    def readable(self) -> bool:
        return isinstance(self.item, SessionSummary)


class Catalog:
    """The listings of a scan, and the cut of them a `View` asks for."""

    def __init__(self, items: Sequence[Listing]) -> None:
        rows = [item for item in items if isinstance(item, SessionSummary)]
        copies = {rows[i].path for i in uncounted([(row.path.name, row) for row in rows])}
        self.entries = [Entry(item, item.path in copies) for item in items]
        self.readable = sum(entry.readable for entry in self.entries)
        self.unreadable = len(self.entries) - self.readable

    def select(self, view: View) -> list[Entry]:
        """Filtered by kind and words (all must match), sorted; unreadable files last."""
        words = search_form(view.query).split()
        good: list[tuple[SessionSummary, Entry]] = []
        bad: list[Entry] = []
        for entry in self.entries:
            if words and not all(word in entry.haystack for word in words):
                continue
            item = entry.item
            if isinstance(item, Unreadable):
                bad.append(entry)  # shown whatever the kind: it needs someone's attention
            elif view.kind == "both" or item.kind == view.kind:
                good.append((item, entry))
        key = column(view.sort).sort
        known = [(key(item), item.created_at, entry) for item, entry in good]
        present = [row for row in known if row[0] is not None]
        # Ties keep the newest first, whichever column and direction.
        present.sort(key=lambda row: row[1], reverse=True)
        present.sort(key=lambda row: row[0], reverse=view.descending)
        absent = [entry for value, _, entry in known if value is None]
        bad.sort(key=lambda entry: entry.item.path.name)
        return [*(entry for _, _, entry in present), *absent, *bad]

    def status(self, view: View, shown: Sequence[Entry], marked: int) -> str:
        """`312 sessions · 3 unreadable · sorted by date ↓`, plus the kind, filter, marks."""
        sessions = sum(entry.readable for entry in shown)
        unreadable = len(shown) - sessions
        filtered = view.query.strip() or view.kind != "both"
        count = f"{sessions} of {self.readable}" if filtered else str(sessions)
        parts = [f"{count} session{'s' if self.readable != 1 else ''}"]
        if unreadable:
            parts.append(f"{unreadable} unreadable")
        if copies := sum(entry.copy for entry in shown):
            parts.append(f"{copies} conflict cop{'ies' if copies != 1 else 'y'}")
        parts.append(view.sort_label)
        if view.kind != "both":
            parts.append(KIND_LABELS[view.kind])
        if view.query.strip():
            parts.append(f"filter: {view.query.strip()}")
        if marked:
            parts.append(f"{marked} marked")
        return " · ".join(parts)


# --- Export ------------------------------------------------------------------------


def export_text(sessions: Sequence[Session], bank: Bank | None = None) -> str:
    """The same report `tpm-tui export` writes, from the same code."""
    return markdown(sessions[0], bank) if len(sessions) == 1 else markdown_many(sessions, bank)
