"""Reports of finished (or unfinished) sessions: Markdown, JSON and CSV.

Pure Python, no Textual: `tpm-tui export` and the review screen's export use it.
Markdown and CSV are for reading, so user text in them has its control characters
made visible; JSON is for machines and keeps every text exactly as typed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from cattrs.preconf.json import make_converter

from tpm_tui.domain.blind import HIDDEN, hidden
from tpm_tui.domain.models import (
    RATING_LABELS,
    RECOMMENDATION_LABELS,
    FollowUpRecord,
    QuestionRecord,
    Session,
)
from tpm_tui.domain.textsafe import UNSAFE, one_line, visible
from tpm_tui.domain.timer import clock

FORMATS = ("md", "json", "csv")

CSV_COLUMNS = (
    "id",
    "kind",
    "status",
    "date",
    "candidate",
    "role",
    "seniority",
    "interviewer",
    "questions",
    "areas_covered",
    "areas_total",
    "average_rating",
    "recommendation",
    "minutes",
)


def render(sessions: Sequence[Session], fmt: str) -> str:
    if fmt == "md":
        return markdown_many(sessions)
    if fmt == "json":
        return as_json(sessions)
    if fmt == "csv":
        return as_csv(sessions)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


# --- Markdown ----------------------------------------------------------------

# Inline Markdown syntax (emphasis, code, links, HTML, tables, strikethrough):
# escaped so a note reads literally and `<!--` cannot swallow the rest of the report.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# What turns a line into a heading, list item or setext underline when it starts one.
_LINE_START = re.compile(r"^([#+=-])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def _escape(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line)
    line = _LINE_START.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def _inline(text: str) -> str:
    """One line of user text, safe anywhere in a line (headings, list items)."""
    return _escape(one_line(text))


def _quote(text: str, indent: str = "") -> list[str]:
    """Multi-line user text as a blockquote, each line prefixed with `> `.

    Every line is escaped too: `> # x` would still be a heading inside the quote.
    Lines end with two spaces (a hard break) so the note keeps its line breaks.
    """
    # "\r\n" is a line break pasted from elsewhere, not a control to show. Controls
    # are made visible before stripping: str.strip() would drop "\x0b" and "\x1f".
    text = visible(text.replace("\r\n", "\n")).strip()
    lines = [line.strip() for line in text.split("\n")]
    out = []
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        if not line:
            out.append(f"{indent}>")
        else:
            out.append(f"{indent}> {_escape(line)}" + ("  " if after else ""))
    return out


def _facts(session: Session) -> list[tuple[str, str]]:
    average = session.average_rating
    recommendation = session.outcome.recommendation if session.outcome else None
    interviewer = session.interviewer.name if session.interviewer else ""
    created = session.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    facts = [
        ("Kind", session.kind),
        ("Status", session.status.replace("_", " ")),
        ("Interviewer", _inline(interviewer) or "—"),
        ("Seniority", session.candidate.seniority or "—"),
        ("Date", created),
        ("Time taken", f"{clock(session.elapsed_seconds)} of {clock(session.minutes * 60)}"),
        ("Questions", str(len(session.questions))),
        ("Areas covered", f"{session.areas_covered} of {session.areas_total}"),
        ("Average rating", f"{average:.1f}" if average is not None else "—"),
        ("Recommendation", RECOMMENDATION_LABELS.get(recommendation or "", "not given")),
        ("Session", _inline(session.id)),
    ]
    if hidden(session):  # blind until you submit: say so rather than "—" or "not given"
        facts = [(name, HIDDEN if name in _VERDICTS else value) for name, value in facts]
    return facts


_VERDICTS = ("Average rating", "Recommendation")


def _follow_up(follow_up: FollowUpRecord) -> list[str]:
    when = f" — at {clock(follow_up.asked_at)}" if follow_up.asked_at is not None else ""
    if not follow_up.asked:
        when = " — not marked asked"
    lines = [f"- {_inline(follow_up.text)}{when}"]
    if follow_up.notes.strip():
        # Indented under the item so the quote belongs to it.
        lines += ["", *_quote(follow_up.notes, indent="  ")]
    return lines


def _question(number: int, record: QuestionRecord, blind: bool = False) -> list[str]:
    rating = record.rating
    lines = [f"## {number}. {_inline(record.label)}", "", *_quote(record.text), ""]
    lines.append(f"- Time: {clock(record.elapsed_seconds)} of {clock(record.budget_seconds)}")
    rated = f"{rating} ({RATING_LABELS.get(rating, '?')})" if rating is not None else "unrated"
    rated = HIDDEN if blind else rated
    lines.append(f"- Rating: {rated}")
    competencies = ", ".join(_inline(c) for c in record.competencies)
    lines.append(f"- Competencies: {competencies or '—'}")
    if record.star:
        lines.append(f"- STAR steps ticked: {', '.join(_inline(s) for s in record.star)}")
    if record.areas:
        covered = [a for a in record.areas if a.covered]
        missed = [a for a in record.areas if not a.covered]
        lines += ["", f"### Areas covered ({len(covered)} of {len(record.areas)})", ""]
        for area in covered:
            when = f" — at {clock(area.covered_at)}" if area.covered_at is not None else ""
            lines.append(f"- [x] {_inline(area.text)}{when}")
        if not covered:
            lines.append("None.")
        if missed:
            lines += ["", "### Areas missed", ""]
            lines += [f"- [ ] {_inline(area.text)}" for area in missed]
    shown = [f for f in record.follow_ups if f.asked or f.notes.strip()]
    if shown:
        asked = f"{record.asked} of {len(record.follow_ups)}"
        lines += ["", f"### Follow-ups asked ({asked})", ""]
        for follow_up in shown:
            lines += _follow_up(follow_up)
    if record.notes.strip():
        lines += ["", "### Notes", "", *_quote(record.notes)]
    return lines


def markdown(session: Session) -> str:
    """One session as Markdown, for pasting into a hiring doc."""
    title = _inline(session.candidate.name) or "Unnamed candidate"
    if session.candidate.role.strip():
        title += f" — {_inline(session.candidate.role)}"
    lines = [f"# {title}", ""]
    lines += [f"- {name}: {value}" for name, value in _facts(session)]
    if session.outcome and session.outcome.notes.strip():
        lines += ["", "## Overall notes", "", *_quote(session.outcome.notes)]
    for number, record in enumerate(session.questions, start=1):
        lines += ["", *_question(number, record, hidden(session))]
    return "\n".join(lines) + "\n"


def markdown_many(sessions: Sequence[Session]) -> str:
    """Several reports, one after the other, split by a horizontal rule."""
    # The blank line before `---` matters: after a paragraph it would be a heading.
    return "\n---\n\n".join(markdown(session) for session in sessions)


# --- JSON ----------------------------------------------------------------------

_converter = make_converter()
# The same spelling as the session file: `2026-11-28T10:02:11Z`.
_converter.register_unstructure_hook(
    datetime, lambda value: value.astimezone(UTC).isoformat().replace("+00:00", "Z")
)
# json.dumps escapes C0 controls only. DEL, C1 controls, bidi overrides and lone
# surrogates are legal raw in JSON strings but could drive or scramble a terminal
# the file is printed to (or fail to encode); `\u` escapes keep the text exact and
# the output inert.


def _drop_none(value: Any) -> Any:
    # Absent values are left out, as in the session file (it has no null).
    if isinstance(value, dict):
        return {key: _drop_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_drop_none(item) for item in value]
    return value


def as_json(sessions: Sequence[Session]) -> str:
    """A JSON array of sessions with the session file's field names, texts exact."""
    data = [_drop_none(_converter.unstructure(session, Session)) for session in sessions]
    for item, session in zip(data, sessions, strict=True):
        if hidden(session):  # blind until you submit: say why the verdicts are absent
            item["hidden"] = HIDDEN
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


# --- CSV -----------------------------------------------------------------------

# Spreadsheet programs run a cell starting with one of these as a formula
# (`=HYPERLINK(...)` in a candidate's name): an apostrophe makes it plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_rows(sessions: Sequence[Session]) -> list[dict[str, str]]:
    """One row per session, keyed by `CSV_COLUMNS`, every value a (safe) string."""
    rows = []
    for session in sessions:
        average = session.average_rating
        row = {
            "id": session.id,
            "kind": session.kind,
            "status": session.status,
            "date": session.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M"),
            "candidate": session.candidate.name,
            "role": session.candidate.role,
            "seniority": session.candidate.seniority or "",
            "interviewer": session.interviewer.name if session.interviewer else "",
            "questions": str(len(session.questions)),
            "areas_covered": str(session.areas_covered),
            "areas_total": str(session.areas_total),
            "average_rating": f"{average:.1f}" if average is not None else "",
            "recommendation": session.outcome.recommendation if session.outcome else "",
            "minutes": str(session.minutes),
        }
        if hidden(session):  # blind until you submit
            row["average_rating"] = row["recommendation"] = HIDDEN
        rows.append({key: _cell(value) for key, value in row.items()})
    return rows


def as_csv(sessions: Sequence[Session]) -> str:
    out = io.StringIO()
    # "\n" line ends: the caller writes text mode, which would double a "\r\n".
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(sessions))
    return out.getvalue()
