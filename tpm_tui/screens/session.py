"""The live interview: one question at a time, ticks, follow-ups, notes, rating, timers.

State lives in the keeper's session; every change calls `keeper.touch()` and a
one-second autosave (`AutosaveLine`) writes it from a worker thread, so the screen
never waits on the disk. A new session starts its clock; a resumed one opens
paused, so the interviewer chooses when time runs again.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tpm_tui.config import AppContext
from tpm_tui.dialogs.confirm import ConfirmDialog
from tpm_tui.keeper import SessionKeeper
from tpm_tui.models import QuestionRecord
from tpm_tui.textsafe import one_line, visible
from tpm_tui.timer import InterviewClock
from tpm_tui.timer import clock as clock_text
from tpm_tui.widgets.autosave import AutosaveLine
from tpm_tui.widgets.checklist import Checklist, ChecklistHeading, ChecklistItem
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.modeline import ModeLine
from tpm_tui.widgets.notes import NotesEditor
from tpm_tui.widgets.piece import show_line
from tpm_tui.widgets.rating import RatingPicker
from tpm_tui.widgets.timer import TimerDisplay

PAUSED_TEXT = "PAUSED — t to resume"
NAME_CELLS = 22  # the top line must fit 80 columns even paused and overtime


def area_items(record: QuestionRecord) -> list[ChecklistItem]:
    """The checklist rows of a question: ticked areas carry the second they were ticked."""
    return [
        ChecklistItem(
            area.text,
            area.covered,
            clock_text(area.covered_at) if area.covered and area.covered_at is not None else "",
        )
        for area in record.areas
    ]


def follow_up_count(record: QuestionRecord) -> str:
    return f"Follow-ups: {record.asked}/{len(record.follow_ups)} asked — f"


class SessionScreen(Screen[None]):
    """Run an interview session held by `keeper`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "tick(1)", "Tick", key_display="1-9", tooltip="Tick / untick area N"),
        *(
            Binding(str(n), f"tick({n})", "Tick", show=False, tooltip="Tick / untick area N")
            for n in range(2, 10)
        ),
        Binding("f", "follow_ups", "Follow-ups", tooltip="Follow-ups of this question"),
        Binding("n", "move(1)", "Next", tooltip="Next question"),
        Binding("right", "move(1)", "Next", show=False, tooltip="Next question"),
        Binding("p", "move(-1)", "Prev", show=False, tooltip="Previous question"),
        Binding("left", "move(-1)", "Prev", show=False, tooltip="Previous question"),
        Binding("e", "notes", "Notes", tooltip="Write notes for this question"),
        Binding("r", "rate", "Rate", tooltip="Rate the answer: r then 1-4, r then 0 clears"),
        # One key, two faces: the footer says what `t` will do now.
        Binding("t", "pause", "Pause", tooltip="Pause both timers"),
        Binding("t", "resume", "Resume", tooltip="Resume both timers"),
        Binding("ctrl+s", "save", "Save", show=False, tooltip="Save now (autosave runs anyway)"),
        Binding("question_mark", "help", "Help", tooltip="Every key, and interviewing guidance"),
        Binding("q", "finish", "Finish", tooltip="Finish: confirm, then the summary"),
    ]

    # Two-key sequences the help screen describes (they are not single bindings).
    KEY_SEQUENCES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("r then 1-4", "Rate the answer: 1 weak, 2 mixed, 3 good, 4 strong"),
        ("r then 0", "Clear the rating"),
        ("escape", "In the notes: stop typing, so keys act again"),
    )

    def __init__(self, context: AppContext, keeper: SessionKeeper) -> None:
        super().__init__()
        self.context = context
        self.keeper = keeper
        self.session = keeper.session
        self.session.current = min(max(self.session.current, 0), len(self.session.questions) - 1)
        self.resumed = self.session.elapsed_seconds > 0
        self.clock = InterviewClock(
            self.session.elapsed_seconds, self.record.elapsed_seconds, clock=context.clock
        )
        self._notes_owner = self.record  # the record the notes editor is editing

    # --- layout ---------------------------------------------------------------

    @property
    def record(self) -> QuestionRecord:
        return self.session.questions[self.session.current]

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
            id="session-error",
            classes="error-line",
        )
        yield ModeLine(id="session-mode")
        yield AppFooter(show_command_palette=False)

    def _candidate_text(self) -> str:
        return one_line(self.session.candidate.name, NAME_CELLS) or "(no name)"

    def on_mount(self) -> None:
        self.app.active_keeper = self.keeper
        self.keeper.prepare = self._prepare_save
        self.query_one("#session-notes", NotesEditor).border_title = "Notes — e"
        self._show_question()
        if not self.resumed:
            self.clock.resume()
        self._show_clock()
        self.query_one(Checklist).focus()

    def on_screen_resume(self) -> None:
        # Back from the follow-ups (or help): their changes went into the session.
        self._show_status()
        self._show_clock()

    # --- showing the current question ----------------------------------------

    def _show_question(self) -> None:
        record = self.record
        total = len(self.session.questions)
        self.query_one("#session-position", Static).update(f"Q {self.session.current + 1}/{total}")
        self.query_one("#session-question-text", Static).update(
            Content.assemble((visible(record.label), "bold"), "  ", Content(visible(record.text)))
        )
        self.query_one("#session-question", VerticalScroll).scroll_home(animate=False)
        names = [self.context.bank.competency_name(cid) for cid in record.competencies]
        self.query_one("#session-competencies", Static).update(
            Content("Tests: " + visible(" · ".join(names))) if names else ""
        )
        checklist = self.query_one(Checklist)
        checklist.set_items(area_items(record))
        self._notes_owner = record
        self.query_one("#session-notes", NotesEditor).load_text(record.notes)
        self.query_one(RatingPicker).rating = record.rating
        self._show_status()
        self.query_one("#question-timer", TimerDisplay).refresh_now()

    def _show_status(self) -> None:
        record = self.record
        count = f"{record.covered}/{len(record.areas)}"
        self.query_one("#session-areas-heading", ChecklistHeading).show_count(count)
        show_line(self.query_one("#session-followups", Static), follow_up_count(record))

    def _show_clock(self) -> None:
        self.refresh_bindings()
        paused = self.clock.paused
        self.query_one("#session-paused").display = paused
        self.query_one(ModeLine).suffix = PAUSED_TEXT if paused else ""
        for timer in self.query(TimerDisplay):
            timer.refresh_now()

    # --- focus and modes --------------------------------------------------------

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_changed(self) -> None:
        self.query_one(ModeLine).follow(self.focused)

    @on(NotesEditor.Done)
    def _notes_done(self) -> None:
        self.query_one(Checklist).focus()

    @on(NotesEditor.Changed, "#session-notes")
    def _notes_changed(self, event: NotesEditor.Changed) -> None:
        text = event.text_area.text
        if self._notes_owner.notes != text:
            self._notes_owner.notes = text
            self.keeper.touch()

    # --- actions ---------------------------------------------------------------

    def action_tick(self, number: int) -> None:
        if number > len(self.record.areas):
            self.notify(f"This question has {len(self.record.areas)} areas", timeout=2)
            return
        self._toggle_area(number - 1)
        self.query_one(Checklist).highlighted = number - 1

    @on(Checklist.Toggled, "#session-areas")
    def _toggled(self, event: Checklist.Toggled) -> None:
        self._toggle_area(event.index)

    def _toggle_area(self, index: int) -> None:
        record = self.record
        record.toggle_area(index, self.clock.question.seconds)
        self.keeper.touch()
        self.query_one(Checklist).set_item(index, area_items(record)[index])
        self._show_status()

    def action_move(self, step: int) -> None:
        target = self.session.current + step
        if not 0 <= target < len(self.session.questions):
            last = step > 0
            self.notify(
                "This is the last question: q finishes" if last else "This is the first question",
                timeout=2,
            )
            return
        self._flush_notes()
        self.record.elapsed_seconds = self.clock.question.seconds
        self.session.current = target
        self.clock.switch_question(self.record.elapsed_seconds)
        self.keeper.touch()
        self._show_question()

    def action_notes(self) -> None:
        self.query_one("#session-notes", NotesEditor).take_keys()

    def action_rate(self) -> None:
        self.query_one(RatingPicker).ask()

    @on(RatingPicker.Chosen)
    def _rated(self, event: RatingPicker.Chosen) -> None:
        self.record.rating = event.rating
        self.keeper.touch()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pause":
            return not self.clock.paused
        if action == "resume":
            return self.clock.paused
        return True

    def action_pause(self) -> None:
        self._set_paused(True)

    def action_resume(self) -> None:
        self._set_paused(False)

    def _set_paused(self, paused: bool) -> None:
        if paused:
            self.clock.pause()
        else:
            self.clock.resume()
        self._sync_elapsed()
        self.keeper.touch()
        self._show_clock()

    def action_follow_ups(self) -> None:
        from tpm_tui.screens.followups import FollowUpsScreen

        self._flush_notes()
        self.app.push_screen(FollowUpsScreen(self.context, self.keeper, self.clock))

    def action_help(self) -> None:
        from tpm_tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self, self.context.bank))

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
                self._leave_completed()
                return
            if was_running:
                self.clock.resume()
                self._show_clock()

        self.app.push_screen(SummaryScreen(self.context, self.keeper), done)

    def _leave_completed(self) -> None:
        self.app.active_keeper = None
        self.notify(f"Saved to {self.keeper.path}", title="Interview completed", markup=False)
        self.app.go_home()  # type: ignore[attr-defined]

    # --- saving ---------------------------------------------------------------

    def action_save(self) -> None:
        self._flush_notes()
        self.query_one(AutosaveLine).save(announce=True)

    def _flush_notes(self) -> None:
        text = self.query_one("#session-notes", NotesEditor).text
        if self._notes_owner.notes != text:
            self._notes_owner.notes = text
            self.keeper.touch()

    def _prepare_save(self) -> None:
        """Before any snapshot (autosave, ctrl+q, a signal): the latest text and times."""
        self._flush_notes()
        self._sync_elapsed()

    def _sync_elapsed(self) -> None:
        self.session.elapsed_seconds = self.clock.total.seconds
        self.record.elapsed_seconds = self.clock.question.seconds
