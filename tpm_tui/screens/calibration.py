"""Calibration (`C` in review): per interviewer, who rates high or low and how
they interview, over the completed interviews the list shows.

The figures come from `tpm_tui.domain.calibration`; this screen reads the files
in a worker, applies the blind rule and lays the table out for 80x24.
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
from tpm_tui.domain.blind import HIDDEN, Blindfold
from tpm_tui.domain.calibration import Calibration, Row, calibrate
from tpm_tui.domain.compare import DISAGREEMENT
from tpm_tui.domain.models import Session
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.domain.versions import Uncounted, one_per_session
from tpm_tui.screens.compare import not_counted
from tpm_tui.screens.help import HELP_BINDING
from tpm_tui.storage.blindfolds import your_blindfold
from tpm_tui.storage.sessionfile import SessionFileError
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.jumpscroll import JumpScroll

NAME_WIDTH = 16
MUTED = "dim"


def _n(count: int, word: str, plural: str = "") -> str:
    """`1 session`, `2 sessions`."""
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _number(value: float | None, form: str = "{:.1f}") -> Text:
    return Text(form.format(value), justify="right") if value is not None else _none()


def _none() -> Text:
    return Text("—", style=MUTED, justify="right")


def _lean(value: float | None) -> Text:
    if value is None:
        return _none()
    style = "bold" if abs(value) >= 1 else ""
    shown = f"{value:+.1f}".replace("-", "−")  # the legend's minus sign
    return Text("0.0" if shown in ("+0.0", "−0.0") else shown, style=style, justify="right")


def _off(row: Row) -> Text:
    if not row.compared:
        return _none()
    share = row.off_share or 0
    return Text(f"{row.off}/{row.compared}", style="bold red" if share >= 0.5 else "",
                justify="right")  # fmt: skip


def _areas(row: Row) -> Text:
    if row.areas_per_question is None:
        return _none()
    share = f" {row.coverage:.0%}" if row.coverage is not None else ""
    return Text(f"{row.areas_per_question:.1f}{share}", justify="right")


def calibration_table(result: Calibration) -> Table:
    table = Table(expand=True, box=None, header_style="bold", pad_edge=False, padding=(0, 1))
    table.add_column("Interviewer", ratio=1, no_wrap=True, max_width=NAME_WIDTH)
    for label in ("Sess", "Avg", "SN·N·Y·SY", f"Off≥{DISAGREEMENT}", "Lean", "Areas/Q", "FU/Q"):
        table.add_column(label, justify="right", no_wrap=True)
    for row in result.rows:
        recommendations = "·".join(map(str, row.recommendations))
        table.add_row(
            Text(one_line(row.interviewer, NAME_WIDTH)),
            Text(f"{row.sessions}" + ("*" if row.hidden else ""), justify="right"),
            _number(row.average),
            Text(
                recommendations,
                justify="right",
                style=MUTED if not any(row.recommendations) else "",
            ),
            _off(row),
            _lean(row.lean),
            _areas(row),
            _number(row.follow_ups_per_question),
        )
    return table


LEGEND = (
    "Sess: completed interviews · Avg: average question rating · SN·N·Y·SY: "
    "recommendations (strong no, no, yes, strong yes) · "
    f"Off≥{DISAGREEMENT}: ratings {DISAGREEMENT}+ points from the rest of the panel's "
    "mean on the same candidate and question, of those compared · Lean: their rating "
    "less the rest's, on average (+ rates high, − low) · Areas/Q: areas covered per "
    "question asked, and the share of areas · FU/Q: follow-ups asked per question"
)


class CalibrationScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the list"),
        HELP_BINDING,
        Binding("j", "scroll(1)", "Down", show=False, tooltip="Scroll down"),
        Binding("k", "scroll(-1)", "Up", show=False, tooltip="Scroll up"),
    ]

    @dataclass
    class Calibrated(Message):
        result: Calibration
        unreadable: int
        uncounted: list[Uncounted]  # conflict copies of a session: named, not counted

    def __init__(
        self, context: AppContext, files: Sequence[Path], blind: Blindfold | None = None
    ) -> None:
        super().__init__()
        self.context = context
        self.files = list(files)
        self.blind = blind  # None: read from the sessions folder
        self.result: Calibration | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with JumpScroll(id="calibration-body"):
            yield Static(Content.styled(f"Reading {len(self.files)} sessions…", "$text-muted"),
                         id="calibration-loading")  # fmt: skip
        yield AppFooter()

    def on_mount(self) -> None:
        self.sub_title = "Calibration"
        self.query_one("#calibration-body").focus()
        self._calibrate()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _calibrate(self) -> None:
        named: list[tuple[str, Session]] = []
        unreadable = 0
        for path in self.files:
            try:
                named.append((path.name, self.context.store.load(path)))
            except SessionFileError:  # listed as unreadable in review already
                unreadable += 1
        sessions, uncounted = one_per_session(named)
        blind = self.blind or your_blindfold(self.context.store, self.context.user, sessions)
        result = calibrate(blind.apply(sessions))
        self.post_message(self.Calibrated(result, unreadable, uncounted))

    @on(Calibrated)
    def _calibrated(self, message: Calibrated) -> None:
        self.result = message.result
        body = self.query_one("#calibration-body", VerticalScroll)
        body.query("#calibration-loading").remove()
        interviews = sum(row.sessions for row in message.result.rows)
        title = Content.assemble(
            ("Calibration  ", "bold $accent"),
            (_n(len(message.result.rows), "interviewer"), "bold"),
            (f" · {_n(interviews, 'completed interview')}", "$text-muted"),
        )
        parts = [Static(title, id="calibration-title")]
        if not message.result.rows:
            parts.append(Static(Content.styled(
                "No completed interviews among the sessions listed.", "$text-muted"),
                id="calibration-empty"))  # fmt: skip
        else:
            parts.append(Static(calibration_table(message.result), id="calibration-table",
                                classes="compare-section"))  # fmt: skip
        if message.result.partial:
            one = message.result.hidden == 1
            partial = (f"Partial: {_n(message.result.hidden, 'session')} (marked *) "
                       f"{'has' if one else 'have'} ratings and recommendations "
                       f"{HIDDEN}; {'it is' if one else 'they are'} not counted.")  # fmt: skip
            parts.append(Static(Content.styled(partial, "bold $warning"), id="calibration-partial",
                                classes="compare-section"))  # fmt: skip
        if message.uncounted:
            parts.append(Static(not_counted(message.uncounted), classes="compare-section"))
        if message.unreadable:
            parts.append(Static(Content.styled(visible(
                f"{_n(message.unreadable, 'file')} could not be read and "
                f"{'is' if message.unreadable == 1 else 'are'} left out."),
                "$text-muted"), classes="compare-section"))  # fmt: skip
        parts.append(Static(Content.styled(LEGEND, "$text-muted"), id="calibration-legend",
                            classes="compare-section"))  # fmt: skip
        body.mount_all(parts)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#calibration-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_back(self) -> None:
        self.dismiss()
