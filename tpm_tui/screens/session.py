"""The live interview: one question at a time, ticks, follow-ups, notes, rating, timers.

State lives in the keeper's session; every change calls `keeper.touch()` and a
one-second autosave (`AutosaveLine`) writes it from a worker thread, so the screen
never waits on the disk. A new session starts its clock; a resumed one opens
paused, so the interviewer chooses when time runs again.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static

from tpm_tui.domain.models import QuestionRecord
from tpm_tui.domain.textsafe import one_line
from tpm_tui.domain.timer import Pace, TimerFace, interview_face, question_face, still_needed
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

NAME_CELLS = 22  # then the stylesheet lets it give way to the timers at 80 columns


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

    _bell_due = False

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(classes="top-line"):
            yield Static(self._candidate_text(), id="live-candidate", markup=False)
            yield Static("", id="live-position", markup=False)
            # No label: "Q 1/3  7:55 left" reads as the question's time.
            yield TimerDisplay("", face=self._question_face, id="question-timer")
            yield from self._compose_total_timer(self._interview_face)
        yield from self._compose_question()
        yield from self._compose_areas()
        yield RubricPanel(lambda: (self.context.bank.rubric(self.record.id), self.record.rating))
        yield from self._compose_answer("No notes yet: press e to write")
        yield from self._compose_bottom()

    def _question_face(self) -> TimerFace:
        return question_face(self.clock.question.elapsed, self.record.budget_seconds)

    def _interview_face(self) -> TimerFace:
        """Time left, and whether it covers what the questions from here on still need."""
        ahead = self.session.questions[self.session.current :]
        used = [self.clock.question.elapsed] + [record.elapsed_seconds for record in ahead[1:]]
        needed = still_needed([record.budget_seconds for record in ahead], used)
        return interview_face(self.clock.total.elapsed, self.session.minutes * 60, needed)

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
        # The bell rings when this question's budget runs out, not for one already over.
        self._bell_due = self.clock.question.elapsed <= record.budget_seconds
        self.query_one("#question-timer", TimerDisplay).refresh_now()

    @on(TimerDisplay.PaceChanged, "#question-timer")
    def _question_pace(self, event: TimerDisplay.PaceChanged) -> None:
        if event.pace is Pace.OVER and self._bell_due:
            self._bell_due = False
            if self.context.settings.bell:
                self.app.bell()

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
