"""One session laid out for reading: the header, each question, then the outcome.

Every user text goes through `visible()` and into Content or rich Text as plain
text (never markup), so a name like `[bold]x[/` or an escape sequence is shown as
typed and does nothing. Lists are rich grids so a long area wraps under itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tpm_tui.models import RATING_LABELS, RECOMMENDATION_LABELS, QuestionRecord, Session
from tpm_tui.textsafe import visible
from tpm_tui.timer import clock

MUTED = "$text-muted"
HEADING = "bold $accent"
WARN_AT = 0.8  # as the live timer: warning at 80% of the budget, over past 100%


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _time_style(elapsed: int, budget: int) -> str:
    if budget <= 0:
        return ""
    if elapsed > budget:
        return "bold $error"
    return "$warning" if elapsed >= budget * WARN_AT else "$success"


def _prose(text: str) -> str:
    return visible(text.replace("\r\n", "\n")).strip("\n")


def _grid(rows: list[tuple[Text, Text, Text]]) -> Table:
    """Bullet, text (wrapping under itself), and the second it happened."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_column(no_wrap=True, justify="right", min_width=len("at 0:00:00"))
    for row in rows:
        grid.add_row(*row)
    return grid


def _at(second: int | None) -> Text:
    return Text(f"at {clock(second)}" if second is not None else "", style="dim")


def header(session: Session, location: str) -> Content:
    name = session.candidate.name.strip() or "(no name)"
    title: list[tuple[str, str] | str] = [(visible(name), "bold")]
    if session.candidate.role.strip():
        title += [(" — ", MUTED), visible(session.candidate.role)]
    who = [session.kind, session.status.replace("_", " ")]
    if session.candidate.seniority:
        who.append(session.candidate.seniority)
    interviewer = session.interviewer.name if session.interviewer else ""
    average = session.average_rating
    facts = " · ".join([
        _utc(session.created_at),
        f"{clock(session.elapsed_seconds)} of {clock(session.minutes * 60)}",
        f"{len(session.questions)} question{'s' if len(session.questions) != 1 else ''}",
        f"{session.areas_covered}/{session.areas_total} areas covered",
        f"average rating {average:.1f}" if average is not None else "unrated",
    ])  # fmt: skip
    recommendation = session.outcome.recommendation if session.outcome else ""
    outcome = RECOMMENDATION_LABELS.get(recommendation, "no recommendation yet")
    return Content("\n").join([
        Content.assemble(*title),
        Content.assemble(
            " · ".join(who),
            (" · interviewer ", MUTED) if interviewer else "",
            visible(interviewer),
            (" · outcome ", MUTED), (outcome, "bold"),
        ),
        Content.styled(facts, MUTED),
        Content.styled(visible(f"{session.bank_title} · {location}"), MUTED),
    ])  # fmt: skip


def question(
    number: int, record: QuestionRecord, competency_name: Callable[[str], str]
) -> Iterator[Widget]:
    """Text, time against budget, rating, areas (with the second each was heard),
    follow-ups asked with their notes, and the notes."""
    rating = record.rating
    rated = f"rated {rating} ({RATING_LABELS.get(rating, '?')})" if rating else "unrated"
    yield Static(Content.assemble((f"{number}. ", HEADING), (visible(record.label), HEADING)),
                 classes="detail-question")  # fmt: skip
    yield Static(Content(_prose(record.text)), classes="detail-text")
    meta = [
        ("time ", MUTED),
        (f"{clock(record.elapsed_seconds)} of {clock(record.budget_seconds)}",
         _time_style(record.elapsed_seconds, record.budget_seconds)),
        (" · ", MUTED), (rated, "bold" if rating else MUTED),
    ]  # fmt: skip
    if record.competencies:
        names = ", ".join(competency_name(c) for c in record.competencies)
        meta += [(" · ", MUTED), (visible(names), MUTED)]
    if record.star:
        meta += [(visible(f" · STAR ticked: {', '.join(record.star)}"), MUTED)]
    yield Static(Content.assemble(*meta), classes="detail-text")
    if record.areas:
        covered = [a for a in record.areas if a.covered]
        missed = [a for a in record.areas if not a.covered]
        rows = [(Text("✓", style="green"), Text(visible(a.text)), _at(a.covered_at))
                for a in covered]  # fmt: skip
        rows += [(Text("✗", style="red"), Text(visible(a.text), style="dim"), Text(""))
                 for a in missed]  # fmt: skip
        yield Static(f"Areas covered: {len(covered)} of {len(record.areas)}"
                     + (f" · missed: {len(missed)}" if missed else ""),
                     classes="detail-heading", markup=False)  # fmt: skip
        yield Static(_grid(rows), classes="detail-list")
    if record.follow_ups:
        yield Static(f"Follow-ups asked: {record.asked} of {len(record.follow_ups)}",
                     classes="detail-heading", markup=False)  # fmt: skip
        rows = []
        for follow_up in record.follow_ups:
            if not (follow_up.asked or follow_up.notes.strip()):
                continue
            text = Text(visible(follow_up.text))
            if not follow_up.asked:
                text.append("  (not marked asked)", style="dim")
            if follow_up.notes.strip():
                text.append("\n" + _prose(follow_up.notes), style="italic")
            rows.append((Text("›", style="bold"), text, _at(follow_up.asked_at)))
        if rows:
            yield Static(_grid(rows), classes="detail-list")
    if record.notes.strip():
        yield Static("Notes", classes="detail-heading", markup=False)
        yield Static(Content(_prose(record.notes)), classes="detail-text")


def outcome(session: Session) -> Iterator[Widget]:
    if session.outcome is None:
        status = "completed" if session.completed else "in progress, not finished"
        yield Static(Content.assemble(("Outcome  ", HEADING), (f"none given ({status})", MUTED)),
                     classes="detail-question")  # fmt: skip
        return
    label = RECOMMENDATION_LABELS.get(session.outcome.recommendation,
                                      session.outcome.recommendation)  # fmt: skip
    line = [("Outcome  ", HEADING), (visible(label), "bold")]
    if session.completed_at is not None:
        line.append((f"  completed {_utc(session.completed_at)}", MUTED))
    yield Static(Content.assemble(*line), classes="detail-question")
    if session.outcome.notes.strip():
        yield Static(Content(_prose(session.outcome.notes)), classes="detail-text")


def session_widgets(
    session: Session, location: str, competency_name: Callable[[str], str]
) -> Iterator[Widget]:
    yield Static(header(session, location), id="detail-header")
    for number, record in enumerate(session.questions, start=1):
        yield from question(number, record, competency_name)
    yield from outcome(session)
