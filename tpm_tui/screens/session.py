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
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static

from tpm_tui.domain.models import QuestionRecord
from tpm_tui.domain.textsafe import one_line
from tpm_tui.screens.live import (
    MOVE_BINDINGS,
    TICK_BINDINGS,
    LiveScreen,
    area_items,
    closing_bindings,
    key_sequences,
    pause_bindings,
)
from tpm_tui.widgets.checklist import Checklist, ChecklistHeading
from tpm_tui.widgets.rubric import RubricPanel
from tpm_tui.widgets.textpiece import show_line
from tpm_tui.widgets.timer import TimerDisplay

NAME_CELLS = 22  # the top line must fit 80 columns even paused and overtime


def follow_up_count(record: QuestionRecord) -> str:
    return f"Follow-ups: {record.asked}/{len(record.follow_ups)} asked — f"


class SessionScreen(LiveScreen):
    """Run an interview session held by `keeper`."""

    NOTES_TITLE = "Notes — e"
    FINISH_QUESTION = "Finish the interview?"

    BINDINGS: ClassVar[list[BindingType]] = [
        *TICK_BINDINGS,
        Binding("f", "follow_ups", "Follow-ups", tooltip="Follow-ups of this question"),
        *MOVE_BINDINGS,
        Binding("e", "notes", "Notes", tooltip="Write notes for this question"),
        Binding("r", "rate", "Rate", tooltip="Rate the answer: r then 1-4, r then 0 clears"),
        *pause_bindings("both timers"),
        *closing_bindings("Finish: confirm, then the summary"),
    ]

    KEY_SEQUENCES = key_sequences("the answer")

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(classes="top-line"):
            yield Static(self._candidate_text(), id="live-candidate", markup=False)
            yield Static("", id="live-position", markup=False)
            yield TimerDisplay(
                "Question",
                lambda: (self.clock.question.elapsed, self.record.budget_seconds),
                id="question-timer",
            )
            yield from self._compose_total_timer()
        yield from self._compose_question()
        yield from self._compose_areas()
        yield RubricPanel(lambda: (self.context.bank.rubric(self.record.id), self.record.rating))
        yield from self._compose_answer("No notes yet: press e to write")
        yield from self._compose_bottom()

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
        self.query_one(ChecklistHeading).show_count(count)
        show_line(self.query_one("#live-followups", Static), follow_up_count(record))

    # --- actions ---------------------------------------------------------------

    def action_follow_ups(self) -> None:
        from tpm_tui.screens.followups import FollowUpsScreen

        self._flush_notes()
        self.app.push_screen(FollowUpsScreen(self.context, self.keeper, self.clock))

    def _end_screen(self) -> Screen[bool]:
        from tpm_tui.screens.summary import SummaryScreen

        return SummaryScreen(self.context, self.keeper)
