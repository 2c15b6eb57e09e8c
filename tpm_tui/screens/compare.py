"""Marked sessions side by side: a debrief panel, or several candidates.

One candidate seen by several interviewers (a debrief): each interviewer's
rating per question and per competency next to each other, spreads of two
points or more highlighted, the areas nobody covered, and each interviewer's
recommendation, scorecard, strengths, concerns and notes; `x` writes the
debrief (`domain/debrief.py`, as `tpm-tui export --format debrief`). Verdicts
hidden from you (blind until you submit, `domain/blind.py`) say so. Several candidates on
the same questions: coverage and rating per question, averages per competency.
The numbers come from `tpm_tui.domain.compare`; this screen only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from tpm_tui.context import AppContext
from tpm_tui.domain.blind import HIDDEN, Blindfold, hidden
from tpm_tui.domain.compare import (
    DISAGREEMENT,
    Candidates,
    Panel,
    QuestionRow,
    compare,
    in_interview_order,
    spread_text,
)
from tpm_tui.domain.debrief import Panelist, debrief, panelists, partial
from tpm_tui.domain.models import Session
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.domain.versions import Uncounted, one_per_session
from tpm_tui.screens.export import export_sessions, say_written
from tpm_tui.storage.blindfolds import your_blindfold
from tpm_tui.storage.exports import export_folder, write_debrief
from tpm_tui.storage.sessionfile import SessionFileError
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.jumpscroll import JumpScroll

# rich styles (not Textual variables): these tables are rich renderables.
OFF = "bold red"
MUTED = "dim"
COLUMN_WIDTH = 14  # an interviewer's or candidate's column, at most
FIRST_COLUMN_WIDTH = 18  # a question's or competency's name, at least
MIN_COLUMN_WIDTH = 6  # `3  2/7`: a rating and the areas covered
SPREAD_WIDTH = 6
# Rows laid out at most per table or list: sessions of 100,000 areas would take
# minutes to lay out whole (the export has everything).
MAX_ROWS = 200
SCORECARD_WIDTH = 58  # a competency and its rating in "Each interviewer": 80 less indents


def _more(count: int, what: str) -> str:
    return f"… {count:,} more {what}{'s' if count != 1 else ''}: x exports everything"


def _cell_text(
    rating: int | None, coverage: tuple[int, int] | None, off: bool, blind: bool = False
) -> Text:
    """`3  2/3`: the rating, then the areas covered; `—` where it was not asked."""
    if coverage is None:
        return Text("—", style=MUTED, justify="center")
    shown = "hidden" if blind else str(rating) if rating is not None else "·"
    text = Text(shown, style=MUTED if blind else OFF if off else "bold")
    text.append(f"  {coverage[0]}/{coverage[1]}", style=MUTED)
    text.justify = "center"
    return text


# How each kind of disagreement is named (as the debrief names it).
SCOPE_WORDS = {
    "question": "question",
    "scorecard": "scorecard",
    "competency": "question average",
}


def _spread_text(spread: float, compared: bool) -> Text:
    """`⚠ 2` for a disagreement, `0` for agreement, nothing with one rating or none."""
    if spread >= DISAGREEMENT:
        return Text(f"⚠ {spread_text(spread)}", style=OFF, justify="right")
    return Text(f"{spread_text(spread)}" if compared else "", style=MUTED, justify="right")


def _header(label: str, width: int) -> Text:
    """A column's name, `Candidate · interviewer` on two lines: cut to the column's
    width, one line would show the same candidate twice with no interviewer."""
    return Text("\n".join(one_line(part, width) for part in label.split(" · ")))


def column_width(count: int, screen_width: int) -> int:
    """Each person's column: at most COLUMN_WIDTH, narrower for a big panel, so that
    the question names keep FIRST_COLUMN_WIDTH (Rich would squeeze them to nothing)."""
    room = screen_width - 2 - FIRST_COLUMN_WIDTH - SPREAD_WIDTH - 2 * (count + 1)
    return max(MIN_COLUMN_WIDTH, min(COLUMN_WIDTH, room // max(count, 1)))


def _table(first: str, columns: Sequence[str], spread: bool, screen_width: int) -> Table:
    table = Table(expand=True, box=None, header_style="bold", pad_edge=False, padding=(0, 1))
    table.add_column(first, ratio=1, overflow="fold")
    width = column_width(len(columns), screen_width)
    for label in columns:
        table.add_column(_header(label, width), justify="center", max_width=width,
                         no_wrap=True, overflow="ellipsis")  # fmt: skip
    if spread:
        table.add_column("Spread", justify="right", no_wrap=True)
    return table


def question_table(
    rows: Sequence[QuestionRow],
    columns: Sequence[str],
    panel: bool,
    blind: Sequence[bool] = (),
    screen_width: int = 80,
) -> Table:
    table = _table("Question", columns, spread=panel, screen_width=screen_width)
    blind = blind or [False] * len(columns)
    for number, row in enumerate(rows[:MAX_ROWS], start=1):
        off = panel and row.spread >= DISAGREEMENT
        cells = [_cell_text(r, c, off, b)
                 for r, c, b in zip(row.ratings, row.coverage, blind, strict=True)]  # fmt: skip
        label = Text(f"{number}. {one_line(row.label)}", style=OFF if off else "")
        table.add_row(label, *cells, *([_spread_text(row.spread, row.compared)] if panel else []))
    if len(rows) > MAX_ROWS:
        table.add_row(Text(_more(len(rows) - MAX_ROWS, "question"), style=MUTED))
    return table


def _average_text(average: float | None, off: bool, blind: bool) -> Text:
    """`3.5`; `—` where nothing was rated; `hidden`, as in the question table."""
    if blind:
        return Text("hidden", style=MUTED, justify="center")
    if average is None:
        return Text("—", style=MUTED, justify="center")
    return Text(f"{average:.1f}", style=OFF if off else "bold", justify="center")


def competency_table(
    result: Panel | Candidates,
    context: AppContext,
    panel: bool,
    blind: Sequence[bool] = (),
    screen_width: int = 80,
) -> Table:
    table = _table("Competency (average)", result.columns, spread=panel,
                   screen_width=screen_width)  # fmt: skip
    blind = blind or [False] * len(result.columns)
    for row in result.competencies:
        off = panel and row.spread >= DISAGREEMENT
        cells = [_average_text(a, off, b) for a, b in zip(row.averages, blind, strict=True)]
        name = one_line(context.bank.competency_name(row.id))
        table.add_row(Text(name, style=OFF if off else ""), *cells,
                      *([_spread_text(row.spread, row.compared)] if panel else []))  # fmt: skip
    return table


def not_counted(uncounted: Sequence[Uncounted]) -> Content:
    """The conflict copies left out (compare, calibration): someone should resolve them."""
    lines = [Content.styled("Not counted", "bold $warning")]
    lines += [Content.assemble(("  ! ", "bold $warning"), visible(version.sentence()))
              for version in uncounted[:MAX_ROWS]]  # fmt: skip
    return Content("\n").join(lines)


class CompareScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the list"),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Write the panel's debrief (several candidates: their reports)",
        ),
        Binding("j", "scroll(1)", "Down", show=False, tooltip="Scroll down"),
        Binding("k", "scroll(-1)", "Up", show=False, tooltip="Scroll up"),
    ]

    @dataclass
    class Compared(Message):
        """The files were read and compared (in a worker), or why one cannot be."""

        sessions: list[Session]
        result: Panel | Candidates | None
        error: str | None
        uncounted: list[Uncounted]  # conflict copies of a session: named, not counted

    def __init__(
        self,
        context: AppContext,
        files: Sequence[Path],
        paths: tuple[Path, ...] = (),
        blind: Blindfold | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.files = list(files)
        self.paths = paths  # the files review was started with: where exports go
        # What is hidden from you (domain/blind.py); None: read from the sessions folder.
        self.blind = blind
        self.sessions: list[Session] = []
        self.result: Panel | Candidates | None = None
        self.uncounted: list[Uncounted] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with JumpScroll(id="compare-body"):
            yield Static(Content.styled(f"Loading {len(self.files)} sessions…", "$text-muted"),
                         id="compare-loading")  # fmt: skip
        yield AppFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Compare · {len(self.files)} sessions"
        self.query_one("#compare-body").focus()
        self._compare()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _compare(self) -> None:
        named: list[tuple[str, Session]] = []
        for path in self.files:
            try:
                named.append((path.name, self.context.store.load(path)))
            except Exception as error:  # a hostile file never takes the screen down
                reason = str(error) if isinstance(error, SessionFileError) else repr(error)
                self.post_message(self.Compared([], None, f"{path.name}: {reason}", []))
                return
        counted, uncounted = one_per_session(named)
        sessions = in_interview_order(counted)
        blind = self.blind or your_blindfold(self.context.store, self.context.user, sessions)
        sessions = blind.apply(sessions)
        self.post_message(self.Compared(sessions, compare(sessions), None, uncounted))

    @on(Compared)
    def _compared(self, message: Compared) -> None:
        body = self.query_one("#compare-body", VerticalScroll)
        body.query("#compare-loading").remove()
        if message.result is None:
            body.mount(Static(Content.assemble(("Cannot compare: ", "bold $error"),
                                               visible(message.error or "")),
                              id="compare-error"))  # fmt: skip
            return
        self.sessions, self.result = message.sessions, message.result
        self.uncounted = message.uncounted
        body.mount_all(self._sections(message.result))

    def _sections(self, result: Panel | Candidates) -> list[Static]:
        panel = isinstance(result, Panel)
        if isinstance(result, Panel):
            title = Content.assemble(
                ("Debrief  ", "bold $accent"), (one_line(result.candidate), "bold"),
                (f" · {len(result.columns)} interviewers", "$text-muted"),
            )  # fmt: skip
        else:
            title = Content.assemble(
                ("Candidates  ", "bold $accent"),
                (", ".join(map(one_line, result.columns)), "bold"),
                (" · the same questions side by side", "$text-muted"),
            )
        legend = "Each cell: the rating (1 weak … 4 strong, · unrated) and the areas covered."
        if panel:
            legend += f" ⚠: ratings {DISAGREEMENT} or more points apart."
        blind = [hidden(session) for session in self.sessions]
        if any(blind):
            legend += f" Ratings and notes of others: {HIDDEN} (blind until you submit)."
        parts = [
            Static(Content("\n").join([title, Content.styled(legend, "$text-muted")]),
                   id="compare-title"),
            *([Static(not_counted(self.uncounted), id="compare-versions",
                      classes="compare-section")]
              if self.uncounted else []),
            Static(question_table(result.questions, result.columns, panel, blind,
                                  self.app.size.width),
                   id="compare-questions", classes="compare-section"),
            Static(competency_table(result, self.context, panel, blind, self.app.size.width),
                   id="compare-competencies", classes="compare-section"),
        ]  # fmt: skip
        if isinstance(result, Panel):
            parts += [
                Static(self._disagreements(result), id="compare-disagreements",
                       classes="compare-section"),
                Static(self._uncovered(result), id="compare-uncovered",
                       classes="compare-section"),
                Static(self._verdicts(panelists(self.sessions, result)), id="compare-verdicts",
                       classes="compare-section"),
            ]  # fmt: skip
        return parts

    def _disagreements(self, result: Panel) -> Content:
        heading = Content.styled(f"Disagreements ({DISAGREEMENT} points or more)", "bold")
        lines = [heading]
        # Hidden ratings are not counted (blind): "none" would be a claim it cannot make.
        if missing := partial(panelists(self.sessions, result)):
            shown = " none" if not result.disagreements else ""
            lines.append(Content.styled(f"  cannot tell: {missing}; among the ratings "
                                        f"shown:{shown}", "$warning"))  # fmt: skip
        elif not result.disagreements:
            return Content("\n").join([heading, Content.styled("  none", "$text-muted")])
        for item in result.disagreements[:MAX_ROWS]:
            name = (item.label if item.scope == "question"
                    else self.context.bank.competency_name(item.id))  # fmt: skip
            lines.append(Content.assemble(
                ("  ⚠ ", "bold $error"), (SCOPE_WORDS[item.scope], "$text-muted"), " ",
                visible(name),
                (f"  spread {spread_text(item.spread)}", "bold $error"),
            ))  # fmt: skip
        if len(result.disagreements) > MAX_ROWS:
            lines.append(Content.styled(_more(len(result.disagreements) - MAX_ROWS,
                                              "disagreement"), "$text-muted"))  # fmt: skip
        return Content("\n").join(lines)

    def _uncovered(self, result: Panel) -> Content:
        heading = Content.styled("Areas nobody covered", "bold")
        if not result.uncovered:
            return Content("\n").join([heading, Content.styled("  none", "$text-muted")])
        lines = [heading]
        label = None
        for item in result.uncovered[:MAX_ROWS]:
            if item.question_label != label:
                label = item.question_label
                lines.append(Content.styled(visible(f"  {label}"), "$accent"))
            lines.append(Content.assemble(("    ✗ ", "$error"), visible(item.area)))
        if len(result.uncovered) > MAX_ROWS:
            lines.append(Content.styled(_more(len(result.uncovered) - MAX_ROWS, "area"),
                                        "$text-muted"))  # fmt: skip
        return Content("\n").join(lines)

    def _verdicts(self, people: Sequence[Panelist]) -> Content:
        """Each interviewer's recommendation, scorecard, strengths, concerns and notes."""
        lines = [Content.styled("Each interviewer", "bold")]
        name_of = self.context.bank.competency_name
        for person in people[:MAX_ROWS]:
            lines.append(Content.assemble(("  ", ""), (one_line(person.label), "bold $accent"),
                                          "  ", (person.recommendation, "bold")))  # fmt: skip
            outcome = person.session.outcome
            if person.hidden:
                lines.append(Content.styled(f"    scorecard and notes {HIDDEN}", "$text-muted"))
                continue
            if outcome is None:
                lines.append(Content.styled("    no outcome yet", "$text-muted"))
                continue
            # One competency a line under the first, each cut to fit 80 columns: a
            # line of them all wrapped back to column 1 (`Stakeholder`/` management 3`).
            for index, (cid, score) in enumerate(outcome.competencies.items()):
                head = "    scorecard: " if index == 0 else " " * 15
                text = one_line(name_of(cid), SCORECARD_WIDTH - len(str(score)) - 1)
                lines.append(Content(head + f"{text} {score}"))
            for mark, items in (("+", outcome.strengths), ("−", outcome.concerns)):
                lines += [Content.assemble((f"    {mark} ", "bold"), visible(item))
                          for item in items if item.strip()]  # fmt: skip
            if outcome.notes.strip():
                note = visible(outcome.notes.replace("\r\n", "\n")).strip()
                lines += [Content.styled("    " + line, "italic") for line in note.split("\n")]
        return Content("\n").join(lines)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#compare-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_export(self) -> None:
        """A panel's debrief; the reports of several candidates' sessions otherwise."""
        if not self.sessions:
            self.notify("Nothing to export yet: the sessions are still being read.",
                        severity="warning")  # fmt: skip
            return
        if not isinstance(self.result, Panel):
            export_sessions(self, self.context, self.paths, self.sessions)
            return
        folder = export_folder(self.context.store.folder, self.paths)
        text = debrief(self.sessions, self.context.bank.competency_name, self.uncounted)
        say_written(self, folder, lambda: write_debrief(folder, self.sessions, text), "debrief")

    def action_back(self) -> None:
        self.dismiss()
