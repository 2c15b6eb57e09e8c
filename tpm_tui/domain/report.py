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
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from cattrs.preconf.json import make_converter

from tpm_tui.domain.blind import HIDDEN, hidden
from tpm_tui.domain.models import (
    RATING_LABELS,
    RECOMMENDATION_LABELS,
    Bank,
    FollowUpRecord,
    Outcome,
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
    "strengths",  # one a line
    "concerns",
    "notes",  # the overall notes
)  # then `competency:ID`, one column per competency rated in any session

QUESTION_CSV_COLUMNS = (
    "session",
    "date",
    "candidate",
    "interviewer",
    "number",
    "question",
    "title",
    "competencies",
    "rating",
    "level",
    "rubric",  # the rubric's words for the rating given
    "elapsed_seconds",
    "budget_seconds",
    "areas_covered",
    "areas_total",
    "areas_missed",  # one a line
    "follow_ups_asked",
    "follow_ups_total",
    "notes",
)




def render(
    sessions: Sequence[Session], fmt: str, *, rows: str = "sessions", bank: Bank | None = None
) -> str:
    """The report of `sessions` in `fmt`. `bank` gives competency names and rubric words
    (the session files hold ids and ratings); without it, ids stand in and no words."""
    if fmt == "md":
        return markdown_many(sessions, bank)
    if fmt == "json":
        return as_json(sessions)
    if fmt == "csv":
        return as_csv(sessions) if rows == "sessions" else as_question_csv(sessions, bank)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


# --- Markdown ----------------------------------------------------------------

# Only what would change the Markdown is escaped, so a pasted report reads as
# typed: `2 * 3`, `snake_case`, `a < b`, `[x]` and `~5 min` stay as they are.
# A backslash before punctuation would escape it: doubled.
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# An HTML tag or comment (`<!--` would swallow the rest of the report), an entity.
_HTML = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# `[text](url)`, `[text][ref]`, `[ref]: url`: the `]` that makes a link.
_LINK = re.compile(r"\](?=[(\[:])")
# Runs that can emphasise, strike through or open code: only where the line holds a pair.
_PAIRED = re.compile(r"[*_~`]+")
# What turns a line into a heading, list item, quote, rule, fence or task box.
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+*](?=\s|$)|>|\[[ xX]\]|`{3,}|~{3,}|=+\s*$)")
_RULE = re.compile(r"^([-*_])(\s*\1){2,}\s*$")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _paired(match: re.Match[str]) -> str:
    run, text = match.group(), match.string
    start, end = match.span()
    char = run[0]
    if text.count(char) < 2:
        return run  # nothing to pair with: literal
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if char != "`" and before.isspace() and after.isspace():
        return run  # `a * b`: flanked by spaces, never emphasis
    if char == "_" and before.isalnum() and after.isalnum():
        return run  # `snake_case`: never emphasis inside a word
    return "".join("\\" + c for c in run)


def escape_line(line: str) -> str:
    line = _BACKSLASH.sub(r"\\\\", line)
    line = _HTML.sub(r"\\<", line)
    line = _ENTITY.sub(r"\\&", line)
    line = _LINK.sub(r"\\]", line)
    line = _PAIRED.sub(_paired, line)
    if _RULE.match(line):
        return "\\" + line
    if not line.startswith("\\"):
        line = _LINE_START.sub(lambda m: "\\" + m.group(), line, count=1)
    return _ORDERED.sub(r"\1\\\2", line)


def _inline(text: str) -> str:
    """One line of user text, safe anywhere in a line (headings, list items)."""
    return escape_line(one_line(text))


def _cell(text: str) -> str:
    """User text in a table cell: a `|` would end the cell."""
    return _inline(text).replace("|", "\\|")


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
            out.append(f"{indent}> {escape_line(line)}" + ("  " if after else ""))
    return out


def _rating(rating: int | None) -> str:
    return f"{rating} {RATING_LABELS[rating]}" if rating in RATING_LABELS else "unrated"


def time_against(spent: int, budget: int) -> str:
    """`6:12 of 9:00`, and how far over when it ran over (a question, an interview)."""
    over = f" (+{clock(spent - budget)} over)" if budget and spent > budget else ""
    return f"{clock(spent)} of {clock(budget)}{over}"


def interview_length(session: Session) -> str:
    return time_against(session.elapsed_seconds, session.minutes * 60)


def _time(record: QuestionRecord) -> str:
    return time_against(record.elapsed_seconds, record.budget_seconds)


def _names(bank: Bank | None) -> Callable[[str], str]:
    return bank.competency_name if bank else str


def _rubric_words(bank: Bank | None, record: QuestionRecord) -> str:
    """The rubric's words for the rating given, from the bank; "" when it has none."""
    rubric = bank.rubric(record.id) if bank else None
    return rubric.words(record.rating) if rubric and record.rating in RATING_LABELS else ""


def _byline(session: Session) -> str:
    created = session.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        f"Interviewer: {_inline(session.interviewer.name)}" if session.interviewer else "",
        f"Seniority: {session.candidate.seniority}" if session.candidate.seniority else "",
        created,
        interview_length(session),
        "practice" if session.kind == "practice" else "",
        "" if session.completed else "in progress",
    ]
    return " · ".join(part for part in parts if part)


def _verdict(session: Session) -> str:
    outcome = session.outcome
    recommendation = RECOMMENDATION_LABELS[outcome.recommendation] if outcome else "not given"
    average = session.average_rating
    rated = f"{average:.1f}" if average is not None else "—"
    if hidden(session):  # blind until you submit: say so rather than "—" or "not given"
        recommendation = rated = HIDDEN
    covered = f"{session.areas_covered} of {session.areas_total}"
    recommended = f"**Recommendation: {recommendation}**"
    return f"{recommended} · average rating {rated} · areas covered {covered}"


def _summary_table(session: Session) -> list[str]:
    lines = ["| # | Question | Rating | Time | Areas |", "| ---: | --- | --- | --- | --- |"]
    for number, record in enumerate(session.questions, start=1):
        areas = f"{record.covered} of {len(record.areas)}"
        rating = HIDDEN if hidden(session) else _rating(record.rating)
        lines.append(
            f"| {number} | {_cell(record.label)} | {rating} "
            f"| {_time(record)} | {areas} |"
        )
    return lines


def _scorecard(outcome: Outcome, bank: Bank | None) -> list[str]:
    lines: list[str] = []
    name = _names(bank)
    if outcome.competencies:
        lines += ["", "## Scorecard", "", "| Competency | Rating |", "| --- | --- |"]
        lines += [
            f"| {_cell(name(competency))} | {_rating(rating)} |"
            for competency, rating in outcome.competencies.items()
        ]
    for heading, items in (("Strengths", outcome.strengths), ("Concerns", outcome.concerns)):
        if items:
            lines += ["", f"**{heading}**", "", *(f"- {_inline(item)}" for item in items)]
    if outcome.notes.strip():
        lines += ["", "**Overall notes**", "", *_quote(outcome.notes)]
    return lines


def _follow_up(follow_up: FollowUpRecord) -> list[str]:
    when = f" ({clock(follow_up.asked_at)})" if follow_up.asked_at is not None else ""
    if not follow_up.asked:
        when = " (not asked)"
    lines = [f"- {_inline(follow_up.text)}{when}"]
    if follow_up.notes.strip():
        # Indented under the item so the quote belongs to it.
        lines += ["", *_quote(follow_up.notes, indent="  ")]
    return lines


def _question(
    number: int, record: QuestionRecord, bank: Bank | None, blind: bool = False
) -> list[str]:
    lines = [f"### {number}. {_inline(record.label)}", "", *_quote(record.text), ""]
    rated = _rating(record.rating)
    if words := _rubric_words(bank, record):
        rated += f": {_inline(words)}"
    rated = HIDDEN if blind else rated
    lines.append(f"- Rating: {rated}")
    lines.append(f"- Time: {_time(record)}")
    competencies = ", ".join(_inline(_names(bank)(c)) for c in record.competencies)
    lines.append(f"- Competencies: {competencies or '—'}")
    if record.star:
        lines.append(f"- STAR steps ticked: {', '.join(_inline(s) for s in record.star)}")
    if record.areas:
        covered = [a for a in record.areas if a.covered]
        missed = [a for a in record.areas if not a.covered]
        lines += ["", f"**Covered ({len(covered)} of {len(record.areas)})**", ""]
        for area in covered:
            when = f" ({clock(area.covered_at)})" if area.covered_at is not None else ""
            lines.append(f"- {_inline(area.text)}{when}")
        if not covered:
            lines.append("None.")
        if missed:
            lines += ["", f"**Missed ({len(missed)})**", ""]
            lines += [f"- {_inline(area.text)}" for area in missed]
    shown = [f for f in record.follow_ups if f.asked or f.notes.strip()]
    if shown:
        asked = f"{record.asked} of {len(record.follow_ups)}"
        lines += ["", f"**Follow-ups asked ({asked})**", ""]
        for follow_up in shown:
            lines += _follow_up(follow_up)
    if record.notes.strip():
        lines += ["", "**Notes**", "", *_quote(record.notes)]
    return lines


def markdown(session: Session, bank: Bank | None = None) -> str:
    """One session as Markdown, to paste into a hiring doc as it is: who and when,
    the verdict, a table of the questions, the scorecard, then each question."""
    title = _inline(session.candidate.name) or "Unnamed candidate"
    if session.candidate.role.strip():
        title += f" — {_inline(session.candidate.role)}"
    lines = [f"# {title}", "", _byline(session), "", _verdict(session), ""]
    lines += _summary_table(session)
    if session.outcome:
        lines += _scorecard(session.outcome, bank)
    elif hidden(session):  # blind until you submit
        lines += ["", "## Scorecard", "", HIDDEN]
    lines += ["", "## Questions"]
    for number, record in enumerate(session.questions, start=1):
        lines += ["", *_question(number, record, bank, hidden(session))]
    return "\n".join(lines) + "\n"


def markdown_many(sessions: Sequence[Session], bank: Bank | None = None) -> str:
    """Several reports, one after the other, split by a horizontal rule."""
    # The blank line before `---` matters: after a paragraph it would be a heading.
    return "\n---\n\n".join(markdown(session, bank) for session in sessions)


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
            # Left out, not a note reading "hidden until…" that a script takes for one.
            for question in item["questions"]:
                question.pop("notes", None)
                for follow_up in question["follow_ups"]:
                    follow_up.pop("notes", None)
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


# --- CSV -----------------------------------------------------------------------

# Spreadsheet programs run a cell starting with one of these as a formula
# (`=HYPERLINK(...)` in a candidate's name): an apostrophe makes it plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(text: str) -> str:
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _competency_columns(sessions: Sequence[Session]) -> list[str]:
    """`competency:ID` for every competency rated in any outcome, in the order met."""
    seen: dict[str, None] = {}
    for session in sessions:
        if session.outcome:
            seen.update(dict.fromkeys(session.outcome.competencies))
    return [f"competency:{competency}" for competency in seen]


def csv_rows(sessions: Sequence[Session]) -> list[dict[str, str]]:
    """One row per session, keyed by `CSV_COLUMNS` and the competency columns, every
    value a (safe) string."""
    rows = []
    competency_columns = _competency_columns(sessions)
    for session in sessions:
        average = session.average_rating
        outcome = session.outcome
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
            "recommendation": outcome.recommendation if outcome else "",
            "minutes": str(session.minutes),
            "strengths": "\n".join(outcome.strengths) if outcome else "",
            "concerns": "\n".join(outcome.concerns) if outcome else "",
            "notes": outcome.notes if outcome else "",
        }
        for competency, rating in (outcome.competencies if outcome else {}).items():
            row[f"competency:{competency}"] = str(rating)
        if hidden(session):  # blind until you submit: said in every verdict's cell,
            # as an empty one would read "none written"
            for column in ("average_rating", "recommendation", "strengths", "concerns",
                           "notes", *competency_columns):  # fmt: skip
                row[column] = HIDDEN
        rows.append({key: _safe_cell(value) for key, value in row.items()})
    return rows


def _write_csv(columns: Sequence[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    # "\n" line ends: the caller writes text mode, which would double a "\r\n".
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def as_csv(sessions: Sequence[Session]) -> str:
    """One row per session; a column per competency rated in any of them."""
    rows = csv_rows(sessions)
    rated = dict.fromkeys(key for row in rows for key in row if key.startswith("competency:"))
    return _write_csv([*CSV_COLUMNS, *rated], rows)


def question_rows(sessions: Sequence[Session], bank: Bank | None = None) -> list[dict[str, str]]:
    """One row per question of each session, keyed by `QUESTION_CSV_COLUMNS`."""
    rows = []
    name = _names(bank)
    for session in sessions:
        for number, record in enumerate(session.questions, start=1):
            rating = record.rating
            row = {
                "session": session.id,
                "date": session.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M"),
                "candidate": session.candidate.name,
                "interviewer": session.interviewer.name if session.interviewer else "",
                "number": str(number),
                "question": record.id,
                "title": record.label,
                "competencies": "; ".join(name(c) for c in record.competencies),
                "rating": str(rating) if rating is not None else "",
                "level": RATING_LABELS.get(rating, "") if rating is not None else "",
                "rubric": _rubric_words(bank, record),
                "elapsed_seconds": str(record.elapsed_seconds),
                "budget_seconds": str(record.budget_seconds),
                "areas_covered": str(record.covered),
                "areas_total": str(len(record.areas)),
                "areas_missed": "\n".join(a.text for a in record.areas if not a.covered),
                "follow_ups_asked": str(record.asked),
                "follow_ups_total": str(len(record.follow_ups)),
                "notes": record.notes,
            }
            if hidden(session):  # blind until you submit
                row["rating"] = row["level"] = row["rubric"] = HIDDEN
            rows.append({key: _safe_cell(value) for key, value in row.items()})
    return rows


def as_question_csv(sessions: Sequence[Session], bank: Bank | None = None) -> str:
    return _write_csv(QUESTION_CSV_COLUMNS, question_rows(sessions, bank))
