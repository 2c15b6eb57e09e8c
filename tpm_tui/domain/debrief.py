"""The debrief of a panel: one Markdown document a hiring manager pastes as is.

The candidate, the panel, their recommendations and how long each interview
ran against its plan at the top; then the question-by-interviewer grid and each
interviewer's scorecard, the disagreements of two points or more with every
side's rating and notes, the areas nobody covered, and each interviewer's
strengths, concerns, overall notes and notes per question and follow-up.

The grid, the disagreements and the uncovered areas are `domain/compare.py`'s
`panel`; this module only writes them. User text goes through the report's
escaping (only what would change the Markdown). Sessions masked by the blind
rule (`domain/blind.py`) say `hidden until you complete yours` where their
verdicts would be. Pure Python, no Textual, no files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC

from attrs import frozen

from tpm_tui.domain.blind import HIDDEN, hidden
from tpm_tui.domain.compare import DISAGREEMENT, Panel, panel, same_candidate, spread_text
from tpm_tui.domain.models import RATING_LABELS, RECOMMENDATION_LABELS, Session
from tpm_tui.domain.report import _inline, _quote, interview_length
from tpm_tui.domain.versions import Uncounted

NameOf = Callable[[str], str]  # a competency id to its name (the bank's, when it has it)
Numbers = dict[str, int]  # a question id to its number in the grid


class NotAPanel(ValueError):
    """The sessions are not one candidate's panel: the message says why, for people."""


def check_panel(sessions: Sequence[Session]) -> None:
    """Refuse what a debrief cannot be written of: no sessions, several candidates."""
    if not sessions:
        raise NotAPanel("no sessions to debrief")
    if not same_candidate(sessions):
        names = sorted({" ".join(s.candidate.name.split()) or "(no name)" for s in sessions})
        raise NotAPanel(
            f"a debrief is of one candidate's panel; these files are of {len(names)} "
            f"candidates ({', '.join(names)}): export each candidate's files on their own"
        )


# --- per interviewer -------------------------------------------------------------


@frozen
class Panelist:
    """One column of the panel: an interviewer's verdicts, as you may see them."""

    label: str
    session: Session

    @property
    def hidden(self) -> bool:
        return hidden(self.session)

    @property
    def recommendation(self) -> str:
        if self.hidden:
            return HIDDEN
        outcome = self.session.outcome
        if outcome is None:
            return "in progress" if not self.session.completed else "not given"
        return RECOMMENDATION_LABELS.get(outcome.recommendation, outcome.recommendation)


def panelists(sessions: Sequence[Session], result: Panel) -> list[Panelist]:
    return [Panelist(label, s) for label, s in zip(result.columns, sessions, strict=True)]


def partial(people: Sequence[Panelist]) -> str:
    """`partial: 2 interviewers' ratings hidden`; "" when nothing is hidden."""
    count = sum(person.hidden for person in people)
    if not count:
        return ""
    whose = "1 interviewer's" if count == 1 else f"{count} interviewers'"
    return f"partial: {whose} ratings hidden"


# --- Markdown --------------------------------------------------------------------


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(row) for row in rows)]


def _spread(spread: float, compared: bool) -> str:
    """`**2** ⚠` for a disagreement, `0` for agreement, empty with one rating or none."""
    if not compared:
        return ""
    return f"**{spread_text(spread)}** ⚠" if spread >= DISAGREEMENT else f"{spread_text(spread)}"


def _rating(person: Panelist, rating: int | None, asked: bool) -> str:
    if not asked:
        return "—"
    if person.hidden:
        return "hidden"
    return str(rating) if rating is not None else "·"


def _top(
    sessions: Sequence[Session],
    people: Sequence[Panelist],
    result: Panel,
    uncounted: Sequence[Uncounted] = (),
) -> list[str]:
    first = sessions[0]
    title = _inline(result.candidate) or "Unnamed candidate"
    if first.candidate.role.strip():
        title += f" — {_inline(first.candidate.role)}"
    dates = sorted({s.created_at.astimezone(UTC).strftime("%Y-%m-%d") for s in sessions})
    lines = [f"# Debrief: {title}", ""]
    lines.append(f"- Panel: {len(people)} interviewer{'s' if len(people) != 1 else ''}")
    lines.append(f"- Interviewed: {', '.join(dates)}")
    if first.candidate.seniority:
        lines.append(f"- Seniority: {first.candidate.seniority}")
    rows = []
    for person in people:
        average = person.session.average_rating
        shown = HIDDEN if person.hidden else f"{average:.1f}" if average is not None else "—"
        length = interview_length(person.session)  # how long, against plan: not a verdict
        rows.append([_inline(person.label), person.recommendation, shown, length])
    header = ["Interviewer", "Recommendation", "Average rating", "Length"]
    lines += ["", *_table(header, rows)]
    if any(person.hidden for person in people):
        lines += ["", f"Some verdicts are {HIDDEN} (blind until you submit): "
                      "this debrief is partial."]  # fmt: skip
    for version in uncounted:  # a conflict copy: one interviewer, counted once
        lines += ["", f"Not counted: {_inline(version.sentence())}."]
    return lines


def _grid(people: Sequence[Panelist], result: Panel) -> list[str]:
    header = ["Question", *(_inline(p.label) for p in people), "Spread"]
    rows = []
    for number, row in enumerate(result.questions, start=1):
        cells = [
            _rating(person, rating, coverage is not None)
            for person, rating, coverage in zip(people, row.ratings, row.coverage, strict=True)
        ]
        rows.append([f"{number}. {_inline(row.label)}", *cells, _spread(row.spread, row.compared)])
    legend = (
        f"Ratings 1 weak … 4 strong; · unrated; — not asked. ⚠: {DISAGREEMENT} or more "
        "points apart."
    )
    return ["## Ratings by question", "", *_table(header, rows), "", legend]


def _scorecards(people: Sequence[Panelist], result: Panel, name_of: NameOf) -> list[str]:
    header = ["Competency", *(_inline(p.label) for p in people), "Spread"]
    rows = []
    for row in result.scorecards:
        cells = [
            "hidden" if person.hidden else str(score) if score is not None else "—"
            for person, score in zip(people, row.scores, strict=True)
        ]
        rows.append([_inline(name_of(row.id)), *cells, _spread(row.spread, row.compared)])
    if not rows:
        return []
    legend = "Each interviewer's scorecard, 1 weak … 4 strong; — not rated."
    return ["## Scorecards", "", *_table(header, rows), "", legend]


def _disagreements(people: Sequence[Panelist], result: Panel, name_of: NameOf) -> list[str]:
    lines = [f"## Disagreements ({DISAGREEMENT} points or more)", ""]
    if missing := partial(people):  # hidden ratings are not counted: it cannot tell
        shown = " none." if not result.disagreements else ""
        lines += [f"Cannot tell: {missing} ({HIDDEN}). Among the ratings shown:{shown}", ""]
        if shown:
            return lines[:-1]
    elif not result.disagreements:
        return [*lines, "None."]
    for item in result.disagreements:  # as compare lists them
        if item.scope == "question":
            lines += _question_sides(people, item.id, item.label, item.spread)
        elif item.scope == "competency":
            label = f"{_inline(name_of(item.id))} (average of the question ratings)"
            row = next(r for r in result.competencies if r.id == item.id)
            averages = [None if a is None else f"{a:.1f}" for a in row.averages]
            lines += _each_side(people, f"{label}: spread {spread_text(item.spread)}", averages)
        else:
            label = f"{_inline(name_of(item.id))} (scorecard)"
            card = next(r for r in result.scorecards if r.id == item.id)
            scores = [None if s is None else str(s) for s in card.scores]
            lines += _each_side(people, f"{label}: spread {item.spread}", scores)
    return lines[:-1] if lines[-1] == "" else lines


def _each_side(people: Sequence[Panelist], heading: str, values: Sequence[str | None]) -> list[str]:
    """A disagreement's heading, then each interviewer's figure (where given)."""
    sides = zip(people, values, strict=True)
    lines = [f"- **{_inline(person.label)}**: {value}" for person, value in sides if value]
    return [f"### {heading}", "", *lines, ""]


def _question_sides(
    people: Sequence[Panelist], question_id: str, label: str, spread: float
) -> list[str]:
    """Every side of a question's disagreement: highest rating first, each with its notes."""
    lines = [f"### {_inline(label)}: spread {spread_text(spread)}", ""]
    sides = []
    for person in people:
        record = next((q for q in person.session.questions if q.id == question_id), None)
        if record is not None and record.rating is not None:
            sides.append((record.rating, person, record.notes))
    for rating, person, notes in sorted(sides, key=lambda side: -side[0]):
        lines.append(f"- **{_inline(person.label)}**: {rating} ({RATING_LABELS[rating]})")
        if notes.strip():
            lines += ["", *_quote(notes, indent="  "), ""]
    return [*lines, ""] if lines[-1] != "" else lines


def _uncovered(result: Panel) -> list[str]:
    lines = ["## Areas nobody covered", ""]
    if not result.uncovered:
        return [*lines, "None."]
    label = None
    for item in result.uncovered:
        if item.question_label != label:
            if label is not None:
                lines.append("")
            label = item.question_label
            lines += [f"**{_inline(label)}**", ""]
        lines.append(f"- {_inline(item.area)}")
    return lines


def _person(person: Panelist, name_of: NameOf, numbers: Numbers) -> list[str]:
    lines = [f"### {_inline(person.label)} — {person.recommendation}", ""]
    if person.hidden:
        return [*lines, f"Scorecard, strengths, concerns and notes: {HIDDEN}."]
    outcome = person.session.outcome
    if outcome is None:
        lines.append("No outcome yet: the session is not completed.")
        notes = _question_notes(person.session, numbers)
        return [*lines, "", *notes] if notes else lines
    if outcome.competencies:
        scores = ", ".join(f"{_inline(name_of(cid))} {score}"
                           for cid, score in outcome.competencies.items())  # fmt: skip
        lines.append(f"- Scorecard: {scores}")
    for title, items in (("Strengths", outcome.strengths), ("Concerns", outcome.concerns)):
        kept = [item for item in items if item.strip()]
        if kept:
            lines.append(f"- {title}:")
            lines += [f"  - {_inline(item)}" for item in kept]
    if outcome.notes.strip():
        lines += ["", "Overall notes:", "", *_quote(outcome.notes)]
    if lines[-1] == "":
        lines.append("No scorecard, strengths, concerns or notes.")
    if notes := _question_notes(person.session, numbers):
        # Straight after the list above (one list); after the overall notes, a paragraph.
        lines += notes if lines[-1].lstrip().startswith("- ") else ["", *notes]
    return lines


def _question_notes(session: Session, numbers: Numbers) -> list[str]:
    """Compact: one line per question's notes and per follow-up's, numbered as the grid."""
    lines = []
    for record in session.questions:
        number = numbers[record.id]
        follow_ups = [f'    - Follow-up "{_inline(f.text)}": {_inline(f.notes)}'
                      for f in record.follow_ups if f.notes.strip()]  # fmt: skip
        if not record.notes.strip() and not follow_ups:
            continue
        heading = f"  - **{number}. {_inline(record.label)}**"
        lines.append(f"{heading}: {_inline(record.notes)}" if record.notes.strip() else heading)
        lines += follow_ups
    return ["- Notes by question:", *lines] if lines else []


def _people(people: Sequence[Panelist], name_of: NameOf, result: Panel) -> list[str]:
    numbers = {row.id: number for number, row in enumerate(result.questions, start=1)}
    lines = ["## Each interviewer"]
    for person in people:
        lines += ["", *_person(person, name_of, numbers)]
    return lines


def debrief(
    sessions: Sequence[Session],
    name_of: NameOf = lambda cid: cid,
    uncounted: Sequence[Uncounted] = (),
) -> str:
    """The Markdown debrief of one candidate's panel (NotAPanel for anything else).

    `sessions` holds one version of each session (`versions.one_per_session`);
    `uncounted` names the versions left out, so that the reader resolves them."""
    check_panel(sessions)
    result = panel(sessions)
    people = panelists(sessions, result)
    sections = [
        _top(sessions, people, result, uncounted),
        _grid(people, result),
        _scorecards(people, result, name_of),
        _disagreements(people, result, name_of),
        _uncovered(result),
        _people(people, name_of, result),
    ]
    return "\n\n".join("\n".join(section) for section in sections if section) + "\n"
