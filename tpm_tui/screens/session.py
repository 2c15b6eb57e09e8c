"""The live interview: one question at a time, ticks, follow-ups, notes, rating, timers.

State lives in the keeper's session; every change calls `keeper.touch()` and a
one-second autosave (`AutosaveLine`) writes it from a worker thread, so the screen
never waits on the disk. A new session starts its clock; a resumed one opens
paused, so the interviewer chooses when time runs again.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalGroup, VerticalScroll
from textual.widgets import Static

from tpm_tui.dialogs.confirm import ConfirmDialog
from tpm_tui.domain.models import QuestionRecord
from tpm_tui.domain.textsafe import one_line
from tpm_tui.screens.live import (
    MOVE_BINDINGS,
    TICK_BINDINGS,
    LiveScreen,
    area_items,
    closing_bindings,
    pause_bindings,
)
from tpm_tui.widgets.autosave import AutosaveLine
from tpm_tui.widgets.checklist import Checklist, ChecklistHeading
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.modeline import ModeLine
from tpm_tui.widgets.notes import NotesEditor
from tpm_tui.widgets.rating import RatingPicker
from tpm_tui.widgets.textpiece import show_line
from tpm_tui.widgets.timer import TimerDisplay

NAME_CELLS = 22  # the top line must fit 80 columns even paused and overtime


def follow_up_count(record: QuestionRecord) -> str:
    return f"Follow-ups: {record.asked}/{len(record.follow_ups)} asked — f"


class SessionScreen(LiveScreen):
    """Run an interview session held by `keeper`."""

    PREFIX = "session"
    NOTES_TITLE = "Notes — e"

    BINDINGS: ClassVar[list[BindingType]] = [
        *TICK_BINDINGS,
        Binding("f", "follow_ups", "Follow-ups", tooltip="Follow-ups of this question"),
        *MOVE_BINDINGS,
        Binding("e", "notes", "Notes", tooltip="Write notes for this question"),
        Binding("r", "rate", "Rate", tooltip="Rate the answer: r then 1-4, r then 0 clears"),
        *pause_bindings("both timers"),
        *closing_bindings("Finish: confirm, then the summary"),
    ]

    # Two-key sequences the help screen describes (they are not single bindings).
    KEY_SEQUENCES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("r then 1-4", "Rate the answer: 1 weak, 2 mixed, 3 good, 4 strong"),
        ("r then 0", "Clear the rating"),
        ("escape", "In the notes: stop typing, so keys act again"),
    )

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        total_budget = self.session.minutes * 60
        with Horizontal(id="session-top"):
            yield Static(self._candidate_text(), id="session-candidate", markup=False)
            yield Static("", id="session-position", markup=False)
            yield TimerDisplay(
                "Question",
                lambda: (self.clock.question.elapsed, self.record.budget_seconds),
                id="question-timer",
            )
            # Whole minutes: one repaint a minute instead of a second (SSH links).
            yield TimerDisplay(
                "Total",
                lambda: (self.clock.total.elapsed, total_budget),
                whole_minutes=True,
                id="total-timer",
            )
            yield Static("PAUSED", id="session-paused", markup=False)
        with VerticalScroll(id="session-question"):
            yield Static("", id="session-question-text", markup=False)
        yield Static("", id="session-competencies", markup=False)
        with VerticalGroup(classes="checklist-box"):
            yield ChecklistHeading("Areas to cover", "1-9 or space", id="session-areas-heading")
            yield Checklist(id="session-areas")
        with Horizontal(id="session-status"):
            yield Static("", id="session-followups", markup=False)
            yield RatingPicker(id="session-rating")
        yield NotesEditor(
            cursor_blink=self.context.cursor_blink,
            placeholder="No notes yet: press e to write",
            id="session-notes",
        )
        yield AutosaveLine(
            self.keeper,
            running=lambda: not self.clock.paused,
            interval=self.context.autosave_seconds,
            id="session-error",
            classes="error-line",
        )
        yield ModeLine(id="session-mode")
        yield AppFooter(show_command_palette=False)

    def _candidate_text(self) -> str:
        return one_line(self.session.candidate.name, NAME_CELLS) or "(no name)"

    def _mounted(self) -> None:
        self.query_one(Checklist).focus()

    # --- showing the current question ----------------------------------------

    def _show_question(self) -> None:
        record = self.record
        self._show_heading(record)
        self.query_one(Checklist).set_items(area_items(record))
        self._load_answer(record)
        self._show_status()
        self.query_one("#question-timer", TimerDisplay).refresh_now()

    def _show_status(self) -> None:
        record = self.record
        count = f"{record.covered}/{len(record.areas)}"
        self.query_one("#session-areas-heading", ChecklistHeading).show_count(count)
        show_line(self.query_one("#session-followups", Static), follow_up_count(record))

    # --- actions ---------------------------------------------------------------

    def action_follow_ups(self) -> None:
        from tpm_tui.screens.followups import FollowUpsScreen

        self._flush_notes()
        self.app.push_screen(FollowUpsScreen(self.context, self.keeper, self.clock))

    def action_finish(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._open_summary()

        self.app.push_screen(ConfirmDialog("Finish the interview?"), answered)

    def _open_summary(self) -> None:
        from tpm_tui.screens.summary import SummaryScreen

        # The interview is over while its summary is written: stop the clock,
        # and start it again only if the interviewer goes back to the questions.
        was_running = not self.clock.paused
        self.clock.pause()
        self._flush_notes()
        self._sync_elapsed()
        self.keeper.touch()
        self._show_clock()

        def done(completed: bool | None) -> None:
            if completed:
                self.dismiss(True)
                return
            if was_running:
                self.clock.resume()
                self._show_clock()

        self.app.push_screen(SummaryScreen(self.context, self.keeper), done)
