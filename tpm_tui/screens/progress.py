"""Progress over attempts: each question's coverage now and in earlier practice.

Opened at the end of a practice (`keeper` given: `ctrl+s` saves the session as
completed, with no recommendation, and dismisses with True; `escape` goes back to
the questions) and from review (read-only). The earlier attempts are read from
the sessions folder in a worker thread, so a large folder never stalls the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from tpm_tui.context import AppContext
from tpm_tui.domain.models import Session
from tpm_tui.domain.practice import FULL, Attempt, bar, competency_series, spark, trend
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.domain.timer import clock as clock_text
from tpm_tui.keeper import SessionKeeper
from tpm_tui.screens.help import HELP_BINDING
from tpm_tui.storage.history import history
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.jumpscroll import JumpScroll
from tpm_tui.widgets.rating import rating_text

LINE_CELLS = 74  # 80 columns less the padding and the scrollbar
SHOWN_ATTEMPTS = 6  # the newest; older ones are counted
NOTES_PREFIX = "      notes: "  # under the attempt they were written in
LIVE_STATUS = "ctrl+s saves this practice as completed · escape goes back to the questions"
REVIEW_STATUS = "Practice history of this session's questions · escape goes back"


def attempt_line(attempt: Attempt) -> Content:
    """`▶ 2026-11-28 10:02  █████░░  5/7  3 good  this attempt`"""
    marker = ("▶ ", "bold $text-accent") if attempt.current else "  "
    style = "bold" if attempt.current else ""
    if not attempt.revealed:
        return Content.assemble(
            "  ", marker, (attempt.when, style), ("  areas not revealed yet", "$text-muted")
        )
    cells = bar(attempt.covered, attempt.total)
    covered = cells.count(FULL)
    return Content.assemble(
        "  ",
        marker,
        (attempt.when, style),
        "  ",
        (cells[:covered], "$text-success"),
        (cells[covered:], "$text-muted"),
        (f"  {attempt.covered}/{attempt.total}", style),
        f"  {rating_text(attempt.rating)}",
        answer_time(attempt),
        ("  this attempt", "bold $text-accent") if attempt.current else "",
    )


def answer_time(attempt: Attempt) -> Content:
    """`  2:30/3:00`, and `over` in words past the target (reads without colour)."""
    seconds = attempt.answer_seconds
    if seconds is None:
        return Content("")
    over = seconds > attempt.budget_seconds > 0
    text = f"  {clock_text(seconds)}/{clock_text(attempt.budget_seconds)}"
    return Content.styled(text + (" over" if over else ""), "$text-warning" if over else "")


def notes_line(notes: str) -> Content:
    """`      notes: Lead with the number…`: what to say better, on one line."""
    return Content.styled(f"{NOTES_PREFIX}{one_line(notes, LINE_CELLS - len(NOTES_PREFIX))}",
                          "$text-muted")  # fmt: skip


def competency_chart(
    context: AppContext, found: dict[str, list[Attempt]], session: Session
) -> Content:
    """Coverage per competency over attempts, a block per attempt: `▂▄▅█  40% → 90%`.

    `found` holds every question the candidate practised, so an attempt at another
    question testing a competency counts; only the competencies `session` tests are
    shown (the screen is about this practice, and it keeps the chart short)."""
    tested = {cid for record in session.questions for cid in record.competencies}
    series = competency_series(found)
    lines = [Content.styled("Coverage per competency over all your attempts", "bold")]
    for cid, values in sorted(series.items()):
        if cid not in tested:
            continue
        name = one_line(context.bank.competency_name(cid), 28)
        change = f"{values[0]:.0%} → {values[-1]:.0%}" if len(values) > 1 else f"{values[0]:.0%}"
        lines.append(
            Content.assemble(f"  {name:<28} ", (spark(values), "$text-success"), f"  {change}")
        )
    return Content("\n").join(lines)


def question_block(
    number: int, session: Session, question_id: str, found: list[Attempt]
) -> Content:
    record = next(r for r in session.questions if r.id == question_id)
    title = one_line(record.label, 52)
    note = trend(found)
    lines = [
        Content.assemble(
            (f"Q{number} ", "bold"), (title, "bold"),
            " " * max(2, LINE_CELLS - len(f"Q{number} ") - Content(title).cell_length - len(note)),
            (note, "$text-accent"),
        )
    ]  # fmt: skip
    older = max(0, len(found) - SHOWN_ATTEMPTS)
    if older:
        lines.append(
            Content.styled(f"    … {older} older attempt{'s' if older > 1 else ''}", "$text-muted")
        )
    for attempt in found[older:]:
        lines.append(attempt_line(attempt))
        if attempt.notes.strip():
            lines.append(notes_line(attempt.notes))
    if record.revealed:
        lines.append(
            Content.styled(
                f"    follow-ups answered {record.asked}/{len(record.follow_ups)}"
                f" · STAR {len(record.star)}/4",
                "$text-muted",
            )
        )
        missed = [area.text for area in record.areas if not area.covered]
        if missed:
            lines.append(Content("    Not covered this time:"))
            lines.extend(Content(f"    · {one_line(text, 70)}") for text in missed)
    return Content("\n").join(lines)


def progress_content(
    session: Session, found: dict[str, list[Attempt]], context: AppContext | None = None
) -> Content:
    chart = [competency_chart(context, found, session)] if context is not None else []
    blocks = chart + [
        question_block(number, session, record.id, found.get(record.id, []))
        for number, record in enumerate(session.questions, 1)
    ]
    return Content("\n\n").join(blocks)


class ProgressScreen(Screen[bool]):
    """`session`'s questions against the candidate's other attempts at them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "complete", "Save as completed", tooltip="Complete and save"),
        Binding("escape", "back", "Back", tooltip="Go back"),
        HELP_BINDING,
    ]

    @dataclass
    class Loaded(Message):
        found: dict[str, list[Attempt]] | None
        error: str | None = None

    def __init__(
        self, context: AppContext, session: Session, *, keeper: SessionKeeper | None = None
    ) -> None:
        super().__init__()
        self.context = context
        self.session = session
        self.keeper = keeper
        self.found: dict[str, list[Attempt]] | None = None

    @property
    def live(self) -> bool:
        return self.keeper is not None

    def compose(self) -> ComposeResult:
        session = self.session
        name = one_line(session.candidate.name, 24) or "you"
        yield Static(
            f"{'Progress' if self.live else 'Practice history'} · {name} · "
            f"practice of {session.started_on} · "
            f"{session.areas_covered}/{session.areas_total} areas",
            id="progress-title",
            classes="title-line",
            markup=False,
        )
        with JumpScroll(id="progress-body"):
            yield Static("Reading earlier attempts…", id="progress-text", markup=False)
        yield Static(
            LIVE_STATUS if self.live else REVIEW_STATUS,
            id="progress-status",
            classes="status-line",
            markup=False,
        )
        yield AppFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#progress-body").focus()
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="progress")
    def _load(self) -> None:
        try:
            found = history(self.context.store, self.session, every_question=True)
        except OSError as error:
            self.post_message(self.Loaded(None, error.strerror or str(error)))
            return
        self.post_message(self.Loaded(found))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        text = self.query_one("#progress-text", Static)
        if event.found is None:
            text.update(f"Cannot read the sessions folder: {visible(event.error or '')}")
            return
        self.found = event.found
        text.update(progress_content(self.session, event.found, self.context))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "complete":
            return self.live
        return True

    def action_complete(self) -> None:
        keeper = self.keeper
        if keeper is None:
            return
        if not keeper.complete(None):  # no recommendation in practice
            status = self.query_one("#progress-status", Static)
            status.add_class("-error")
            status.update(
                f"Not completed: {visible(keeper.error or 'the save failed')}"
                " — press ctrl+s to try again"
            )
            return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
