"""A mock interview for a candidate alone: answer, reveal, self-check, face the follow-ups.

Each question goes through three steps, and the hint line always says the next:
answering (the question alone, an answer timer against the target, the STAR
reminder ticked with `s`; the areas and follow-ups are not even in the widget
tree), the reveal (`v`: the areas to cover appear and ticks, rating and probes
start to work), and the follow-ups (`f` brings the next one as a probe). `q`
ends with the progress screen, which compares each question with earlier attempts.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalGroup, VerticalScroll
from textual.widgets import Static

from tpm_tui.context import AppContext
from tpm_tui.dialogs.confirm import ConfirmDialog
from tpm_tui.domain.practice import next_follow_up, next_star
from tpm_tui.domain.textsafe import one_line
from tpm_tui.domain.timer import clock as clock_text
from tpm_tui.keeper import SessionKeeper
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
from tpm_tui.widgets.star import StarReminder
from tpm_tui.widgets.textpiece import show_line
from tpm_tui.widgets.timer import TimerDisplay, pace_class

HINT_ANSWER = "Answer aloud, then press v to see what a strong answer covers"
HINT_CHECK = "Tick what you covered · r rate · e what you'd say better · f next follow-up"
TOO_EARLY = "Press v first: ticks, rating and follow-ups come after the reveal"
NAME_CELLS = 18

# Enabled only before / only after the reveal (see check_action).
BEFORE_REVEAL = frozenset({"reveal", "star", "too_early"})
AFTER_REVEAL = frozenset({"tick", "rate", "probe", "star_again"})


class PracticeScreen(LiveScreen):
    """Run the practice session held by `keeper` (a new one, or resumed)."""

    AUTO_FOCUS = ""  # focus is placed by hand: nothing to focus until the reveal
    PREFIX = "practice"
    NOTES_TITLE = "What you'd say better next time — e"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "reveal", "Reveal", tooltip="Reveal the areas a strong answer covers"),
        Binding("s", "star", "STAR", tooltip="Tick the next STAR step (situation, task, …)"),
        Binding("s", "star_again", "STAR", show=False, tooltip="Tick the next STAR step"),
        *TICK_BINDINGS,
        # Before the reveal the same keys only say why they do nothing yet.
        *(
            Binding(key, "too_early", "After the reveal", show=False, tooltip=TOO_EARLY)
            for key in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "space", "r", "f")
        ),
        Binding("f", "probe", "Follow-up", tooltip="Bring the next follow-up as a probe"),
        *MOVE_BINDINGS,
        Binding("e", "notes", "Notes", tooltip="Write what you would say better next time"),
        Binding("r", "rate", "Rate", tooltip="Rate your answer: r then 1-4, r then 0 clears"),
        *pause_bindings("the timers"),
        *closing_bindings("Finish: confirm, then your progress"),
    ]

    KEY_SEQUENCES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("r then 1-4", "Rate your answer: 1 weak, 2 mixed, 3 good, 4 strong"),
        ("r then 0", "Clear the rating"),
        ("escape", "In the notes: stop typing, so keys act again"),
    )

    def __init__(self, context: AppContext, keeper: SessionKeeper) -> None:
        super().__init__(context, keeper)
        # How long each answer took (question index → seconds), known for the
        # reveals made in this run; the file has no field for it.
        self._answered: dict[int, int] = {}

    @property
    def revealed(self) -> bool:
        return bool(self.record.revealed)

    # --- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        name = one_line(self.session.candidate.name, NAME_CELLS) or "you"
        with Horizontal(id="practice-top"):
            yield Static(f"Practice · {name}", id="practice-candidate", markup=False)
            yield Static("", id="practice-position", markup=False)
            yield TimerDisplay(
                "Answer",
                lambda: (self.clock.question.elapsed, self.record.budget_seconds),
                id="answer-timer",
            )
            yield Static("", id="practice-answered", markup=False)
            yield TimerDisplay(
                "Total",
                lambda: (self.clock.total.elapsed, self.session.minutes * 60),
                whole_minutes=True,
                id="practice-total-timer",
            )
            yield Static("PAUSED", id="practice-paused", markup=False)
        with VerticalScroll(id="practice-question", can_focus=False):
            yield Static("", id="practice-question-text", markup=False)
        yield Static("", id="practice-competencies", markup=False)
        yield StarReminder(id="practice-star")
        with VerticalGroup(id="practice-areas-box", classes="checklist-box"):
            yield ChecklistHeading("Areas to cover", "1-9 or space", id="practice-areas-heading")
            yield Checklist(id="practice-areas")  # empty until the reveal
        with Horizontal(id="practice-status"):
            yield Static("", id="practice-followups", markup=False)
            yield RatingPicker(id="practice-rating")
        yield NotesEditor(
            cursor_blink=self.context.cursor_blink,
            placeholder="What would you say better next time? Press e to write",
            id="practice-notes",
        )
        yield Static("", id="practice-hint", markup=False)
        yield AutosaveLine(
            self.keeper,
            running=lambda: not self.clock.paused,
            interval=self.context.autosave_seconds,
            id="practice-error",
            classes="error-line",
        )
        yield ModeLine(id="practice-mode")
        yield AppFooter(show_command_palette=False)

    # --- showing the current question --------------------------------------------

    def _show_question(self) -> None:
        record = self.record
        self._show_heading(record)
        self.query_one(StarReminder).ticked = tuple(record.star)
        self._load_answer(record)
        self._show_reveal()

    def _show_reveal(self) -> None:
        """What depends on the reveal: before it, nothing of the checklist exists."""
        revealed = self.revealed
        checklist = self.query_one(Checklist)
        checklist.set_items(area_items(self.record) if revealed else [])
        self.query_one("#practice-areas-box").display = revealed
        checklist.display = revealed
        self.query_one("#answer-timer").display = not revealed
        self.query_one("#practice-answered").display = revealed
        self.query_one("#practice-competencies").display = not revealed
        self.query_one(RatingPicker).display = revealed
        self.query_one(StarReminder).compact = revealed
        if revealed and not isinstance(self.focused, NotesEditor):
            checklist.focus()
        elif not revealed and self.focused is checklist:
            self.set_focus(None)
        self._show_status()
        self.refresh_bindings()
        self.query_one("#answer-timer", TimerDisplay).refresh_now()

    def _show_status(self) -> None:
        record = self.record
        answered = self.query_one("#practice-answered", Static)
        followups = self.query_one("#practice-followups", Static)
        hint = self.query_one("#practice-hint", Static)
        # Called on every tick: only what changed is repainted (see show_line).
        if not self.revealed:
            show_line(followups, "Follow-ups come after the reveal")
            show_line(hint, HINT_ANSWER, wraps=True)
            return
        count = f"{record.covered}/{len(record.areas)}"
        self.query_one("#practice-areas-heading", ChecklistHeading).show_count(count)
        show_line(followups, f"Follow-ups {record.asked}/{len(record.follow_ups)} answered — f")
        last = self.session.current == len(self.session.questions) - 1
        show_line(hint, f"{HINT_CHECK} · {'q finish' if last else 'n next question'}", wraps=True)
        seconds = self._answered.get(self.session.current)
        if seconds is None:
            show_line(answered, "Answer revealed")  # revealed in an earlier run
            answered.set_classes("")
        else:
            target = record.budget_seconds
            show_line(answered, f"Answered in {clock_text(seconds)}/{clock_text(target)}")
            answered.set_classes(pace_class(seconds, target))

    # --- focus and notes ---------------------------------------------------------------

    def _focus_after_notes(self) -> None:
        if self.revealed:
            self.query_one(Checklist).focus()
        else:
            self.set_focus(None)

    # --- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in BEFORE_REVEAL:
            return not self.revealed
        if action in AFTER_REVEAL:
            return self.revealed
        return super().check_action(action, parameters)

    def action_too_early(self) -> None:
        self.notify(TOO_EARLY, severity="warning", timeout=3)

    def action_star(self) -> None:
        self.record.star = next_star(self.record.star)
        self.keeper.touch()
        self.query_one(StarReminder).ticked = tuple(self.record.star)

    action_star_again = action_star  # the same, after the reveal (not in the footer)

    def action_reveal(self) -> None:
        self.record.revealed = True
        self._answered[self.session.current] = self.clock.question.seconds
        self.keeper.touch()
        self._show_reveal()

    def action_probe(self) -> None:
        from tpm_tui.screens.probe import ProbeScreen

        index = next_follow_up(self.record)
        if index is None:
            last = self.session.current == len(self.session.questions) - 1
            where = "q finishes" if last else "n goes to the next question"
            self.notify(f"Every follow-up of this question is answered: {where}", timeout=3)
            return
        self._flush_notes()
        self.app.push_screen(ProbeScreen(self.context, self.keeper, self.clock, index))

    # --- finishing -------------------------------------------------------------------

    def action_finish(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._open_progress()

        self.app.push_screen(ConfirmDialog("Finish this practice and see your progress?"), answered)

    def _open_progress(self) -> None:
        from tpm_tui.screens.progress import ProgressScreen

        # Time stops while the candidate looks back; going back starts it again.
        was_running = not self.clock.paused
        self._flush_notes()
        self._set_paused(True)

        def done(completed: bool | None) -> None:
            if completed:
                self.dismiss(True)
            elif was_running:
                self.action_resume()

        self.app.push_screen(ProgressScreen(self.context, self.session, keeper=self.keeper), done)
