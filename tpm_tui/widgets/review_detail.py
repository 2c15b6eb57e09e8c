"""One session laid out for reading: the header, each question, then the outcome.

Every user text goes through `visible()` and into Content or rich Text as plain
text (never markup), so a name like `[bold]x[/` or an escape sequence is shown as
typed and does nothing. Lists are rich grids so a long area wraps under itself.

The view is a stream of `Piece`s, each built when it is reached and none bigger
than GRID_CHUNK rows or PROSE_CHUNK characters, so the detail screen can lay out
a huge session a page at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from itertools import chain, islice

from attrs import frozen
from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Static

from tpm_tui.domain.blind import HIDDEN, hidden
from tpm_tui.domain.models import (
    RATING_LABELS,
    RECOMMENDATION_LABELS,
    Outcome,
    QuestionRecord,
    Session,
)
from tpm_tui.domain.textsafe import visible
from tpm_tui.domain.timer import Pace, clock, pace

MUTED = "$text-muted"
HEADING = "bold $accent"
# A question's time against its budget, in the live timer's thresholds (domain/timer.py).
PACE_STYLES: dict[Pace, str] = {
    Pace.ON_PACE: "$success",
    Pace.WARNING: "$warning",
    Pace.OVER: "bold $error",
}
# A huge session (100,000 areas, a 10 MB note) is laid out in pieces of at most
# this size, so the screen can show it a page at a time (see screens/detail.py).
GRID_CHUNK = 100  # rows of a list of areas or follow-ups
PROSE_CHUNK = 8_000  # characters of a text
CHARS_PER_LINE = 80  # to weigh a text against list rows


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _time_style(elapsed: int, budget: int) -> str:
    return PACE_STYLES[pace(elapsed, budget)] if budget > 0 else ""  # no budget: no colour


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
    if hidden(session):  # blind until you submit
        facts = facts.replace("unrated", f"ratings {HIDDEN}")
        outcome = HIDDEN
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


@frozen
class Piece:
    """One block of the detail view, as data until it is laid out: what it shows,
    its stylesheet classes, and how much of the session it holds."""

    content: VisualType
    classes: str = ""
    id: str | None = None
    areas: int = 0  # area rows in it
    chars: int = 0  # characters of the session's texts in it

    @property
    def cost(self) -> int:
        """Roughly the lines it lays out: what a page of the view is bounded by."""
        return 1 + self.areas + self.chars // CHARS_PER_LINE

    def widget(self) -> Static:
        return Static(self.content, id=self.id, classes=self.classes)


def chunks(text: str, size: int = PROSE_CHUNK) -> Iterator[str]:
    """`text` in pieces of at most `size` characters, cut after a line where it can."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text) and (newline := text.rfind("\n", start, end)) > start:
            end = newline + 1
        yield text[start:end]
        start = end


def _prose_pieces(text: str, classes: str) -> Iterator[Piece]:
    for chunk in chunks(_prose(text)):
        yield Piece(Content(chunk.removesuffix("\n")), classes, chars=len(chunk))


def _grid_pieces(rows: Iterator[tuple[Text, Text, Text]], *, areas: bool = True) -> Iterator[Piece]:
    """Rows in grids of at most GRID_CHUNK (each built when it is reached), weighed as
    area rows, or (`areas=False`) by the characters of their texts."""
    while batch := list(islice(rows, GRID_CHUNK)):
        if areas:
            yield Piece(_grid(batch), "detail-list", areas=len(batch))
        else:
            chars = sum(len(text.plain) for _, text, _ in batch)
            yield Piece(_grid(batch), "detail-list", chars=chars)


def question(
    number: int,
    record: QuestionRecord,
    competency_name: Callable[[str], str],
    blind: bool = False,
) -> Iterator[Piece]:
    """Text, time against budget, rating, areas (with the second each was heard),
    follow-ups asked with their notes, and the notes."""
    rating = record.rating
    rated = f"rated {rating} ({RATING_LABELS.get(rating, '?')})" if rating else "unrated"
    rated = f"rating {HIDDEN}" if blind else rated
    yield Piece(Content.assemble((f"{number}. ", HEADING), (visible(record.label), HEADING)),
                "detail-question")  # fmt: skip
    yield from _prose_pieces(record.text, "detail-text")
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
    yield Piece(Content.assemble(*meta), "detail-text")
    if record.areas:
        covered = [a for a in record.areas if a.covered]
        missed = [a for a in record.areas if not a.covered]
        yield Piece(Content(f"Areas covered: {len(covered)} of {len(record.areas)}"
                            + (f" · missed: {len(missed)}" if missed else "")),
                    "detail-heading")  # fmt: skip
        rows = chain(
            ((Text("✓", style="green"), Text(visible(a.text)), _at(a.covered_at))
             for a in covered),
            ((Text("✗", style="red"), Text(visible(a.text), style="dim"), Text(""))
             for a in missed),
        )  # fmt: skip
        yield from _grid_pieces(rows)
    if record.follow_ups:
        yield Piece(Content(f"Follow-ups asked: {record.asked} of {len(record.follow_ups)}"),
                    "detail-heading")  # fmt: skip
        yield from _follow_up_pieces(record)
    if record.notes.strip():
        yield Piece(Content("Notes"), "detail-heading")
        yield from _prose_pieces(record.notes, "detail-text")


def _follow_up_pieces(record: QuestionRecord) -> Iterator[Piece]:
    """The follow-ups asked (or noted) with their notes, in grids of at most GRID_CHUNK
    rows; a note longer than PROSE_CHUNK goes on below its row, in pieces."""
    rows: list[tuple[Text, Text, Text]] = []
    chars = 0
    for follow_up in record.follow_ups:
        if not (follow_up.asked or follow_up.notes.strip()):
            continue
        text = Text(visible(follow_up.text))
        if not follow_up.asked:
            text.append("  (not marked asked)", style="dim")
        rest: Iterator[str] = iter(())
        if follow_up.notes.strip():
            rest = chunks(_prose(follow_up.notes))
            first = next(rest)
            text.append("\n" + first.removesuffix("\n"), style="italic")
            chars += len(first)
        rows.append((Text("›", style="bold"), text, _at(follow_up.asked_at)))
        following = next(rest, None)
        if following is not None or len(rows) == GRID_CHUNK:
            yield Piece(_grid(rows), "detail-list", chars=chars)
            rows, chars = [], 0
        if following is not None:
            for chunk in chain([following], rest):
                yield Piece(Content.styled(chunk.removesuffix("\n"), "italic"), "detail-note",
                            chars=len(chunk))  # fmt: skip
    if rows:
        yield Piece(_grid(rows), "detail-list", chars=chars)


def outcome(session: Session, competency_name: Callable[[str], str] = str) -> Iterator[Piece]:
    """The recommendation, then the scorecard as the Markdown report orders it
    (domain/report.py): ratings per competency, strengths, concerns, overall notes."""
    if hidden(session):
        yield Piece(Content.assemble(("Outcome  ", HEADING), (HIDDEN, MUTED)),
                    "detail-question")  # fmt: skip
        return
    if session.outcome is None:
        status = "completed" if session.completed else "in progress, not finished"
        yield Piece(Content.assemble(("Outcome  ", HEADING), (f"none given ({status})", MUTED)),
                    "detail-question")  # fmt: skip
        return
    label = RECOMMENDATION_LABELS.get(session.outcome.recommendation,
                                      session.outcome.recommendation)  # fmt: skip
    line = [("Outcome  ", HEADING), (visible(label), "bold")]
    if session.completed_at is not None:
        line.append((f"  completed {_utc(session.completed_at)}", MUTED))
    yield Piece(Content.assemble(*line), "detail-question")
    yield from _scorecard_pieces(session.outcome, competency_name)
    if session.outcome.notes.strip():
        yield Piece(Content("Overall notes"), "detail-heading")
        yield from _prose_pieces(session.outcome.notes, "detail-text")


def _scorecard_pieces(result: Outcome, competency_name: Callable[[str], str]) -> Iterator[Piece]:
    if result.competencies:
        yield Piece(Content("Scorecard"), "detail-heading")
        rows = (
            (Text("•"), Text(visible(competency_name(competency))),
             Text(f"{rating} ({RATING_LABELS.get(rating, '?')})", style="bold"))
            for competency, rating in result.competencies.items()
        )  # fmt: skip
        # Names from the bank, not the session's texts: not weighed (a row each).
        for piece in _grid_pieces(rows, areas=False):
            yield Piece(piece.content, piece.classes)
    for heading, mark, items in (("Strengths", "+", result.strengths),
                                 ("Concerns", "−", result.concerns)):  # fmt: skip
        if items:
            yield Piece(Content(heading), "detail-heading")
            rows = ((Text(mark, style="bold"), Text(_prose(item)), Text("")) for item in items)
            yield from _grid_pieces(rows, areas=False)


def session_pieces(
    session: Session, location: str, competency_name: Callable[[str], str]
) -> Iterator[Piece]:
    """The whole session in reading order, piece by piece: each is built only when
    it is reached, so a page of a huge session costs what the page shows."""
    yield Piece(header(session, location), id="detail-header")
    for number, record in enumerate(session.questions, start=1):
        yield from question(number, record, competency_name, hidden(session))
    yield from outcome(session, competency_name)


def session_size(session: Session) -> tuple[int, int]:
    """(area rows, characters of texts) of the whole view: the sums of `Piece.areas`
    and `Piece.chars` over `session_pieces`, to say how much is not shown yet."""
    areas = sum(len(record.areas) for record in session.questions)
    texts = [record.text for record in session.questions]
    for record in session.questions:
        texts += [record.notes] if record.notes.strip() else []
        texts += [f.notes for f in record.follow_ups if f.notes.strip()]
    if session.outcome is not None:
        texts += [*session.outcome.strengths, *session.outcome.concerns]
        texts += [session.outcome.notes] if session.outcome.notes.strip() else []
    return areas, sum(len(_prose(text)) for text in texts)
