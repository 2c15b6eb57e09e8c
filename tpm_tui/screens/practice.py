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
from tpm_tui.practice import begin_practice as begin_practice  # where the app starts one
from tpm_tui.practice import next_follow_up, next_star
from tpm_tui.screens.session import PAUSED_TEXT, area_items
from tpm_tui.textsafe import one_line, visible
from tpm_tui.timer import InterviewClock
from tpm_tui.timer import clock as clock_text
from tpm_tui.widgets.autosave import AutosaveLine
from tpm_tui.widgets.checklist import Checklist, ChecklistHeading
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.modeline import ModeLine
from tpm_tui.widgets.notes import NotesEditor
from tpm_tui.widgets.piece import show_line
from tpm_tui.widgets.rating import RatingPicker
from tpm_tui.widgets.star import StarReminder
from tpm_tui.widgets.timer import TimerDisplay, pace_class

HINT_ANSWER = "Answer aloud, then press v to see what a strong answer covers"
HINT_CHECK = "Tick what you covered · r rate · e what you'd say better · f next follow-up"
TOO_EARLY = "Press v first: ticks, rating and follow-ups come after the reveal"
NAME_CELLS = 18

# Enabled only before / only after the reveal (see check_action).
BEFORE_REVEAL = frozenset({"reveal", "star", "too_early"})
AFTER_REVEAL = frozenset({"tick", "rate", "probe", "star_again"})


class PracticeScreen(Screen[None]):
    """Run the practice session held by `keeper` (a new one, or resumed)."""

    AUTO_FOCUS = ""  # focus is placed by hand: nothing to focus until the reveal

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "reveal", "Reveal", tooltip="Reveal the areas a strong answer covers"),
        Binding("s", "star", "STAR", tooltip="Tick the next STAR step (situation, task, …)"),
        Binding("s", "star_again", "STAR", show=False, tooltip="Tick the next STAR step"),
        Binding("1", "tick(1)", "Tick", key_display="1-9", tooltip="Tick / untick area N"),
        *(
            Binding(str(n), f"tick({n})", "Tick", show=False, tooltip="Tick / untick area N")
            for n in range(2, 10)
        ),
        # Before the reveal the same keys only say why they do nothing yet.
        *(
            Binding(key, "too_early", "After the reveal", show=False, tooltip=TOO_EARLY)
            for key in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "space", "r", "f")
        ),
        Binding("f", "probe", "Follow-up", tooltip="Bring the next follow-up as a probe"),
        Binding("n", "move(1)", "Next", tooltip="Next question"),
        Binding("right", "move(1)", "Next", show=False, tooltip="Next question"),
        Binding("p", "move(-1)", "Prev", show=False, tooltip="Previous question"),
        Binding("left", "move(-1)", "Prev", show=False, tooltip="Previous question"),
        Binding("e", "notes", "Notes", tooltip="Write what you would say better next time"),
        Binding("r", "rate", "Rate", tooltip="Rate your answer: r then 1-4, r then 0 clears"),
        Binding("t", "pause", "Pause", tooltip="Pause the timers"),
        Binding("t", "resume", "Resume", tooltip="Resume the timers"),
        Binding("ctrl+s", "save", "Save", show=False, tooltip="Save now (autosave runs anyway)"),
        Binding("question_mark", "help", "Help", tooltip="Every key, and interviewing guidance"),
        Binding("q", "finish", "Finish", tooltip="Finish: confirm, then your progress"),
    ]

    KEY_SEQUENCES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("r then 1-4", "Rate your answer: 1 weak, 2 mixed, 3 good, 4 strong"),
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
        self._notes_owner = self.record
        # How long each answer took (question index → seconds), known for the
        # reveals made in this run; the file has no field for it.
        self._answered: dict[int, int] = {}

    @property
    def record(self) -> QuestionRecord:
        return self.session.questions[self.session.current]

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
            id="practice-error",
            classes="error-line",
        )
        yield ModeLine(id="practice-mode")
        yield AppFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.app.active_keeper = self.keeper  # type: ignore[attr-defined]
        self.keeper.prepare = self._prepare_save
        self.query_one(NotesEditor).border_title = "What you'd say better next time — e"
        self._show_question()
        if not self.resumed:
            self.clock.resume()
        self._show_clock()

    def on_screen_resume(self) -> None:
        # Back from a probe, help or the progress screen.
        self._show_status()
        self._show_clock()

    # --- showing the current question --------------------------------------------

    def _show_question(self) -> None:
        record = self.record
        total = len(self.session.questions)
        self.query_one("#practice-position", Static).update(f"Q {self.session.current + 1}/{total}")
        self.query_one("#practice-question-text", Static).update(
            Content.assemble((visible(record.label), "bold"), "  ", Content(visible(record.text)))
        )
        self.query_one("#practice-question", VerticalScroll).scroll_home(animate=False)
        names = [self.context.bank.competency_name(cid) for cid in record.competencies]
        self.query_one("#practice-competencies", Static).update(
            Content("Tests: " + visible(" · ".join(names))) if names else ""
        )
        self.query_one(StarReminder).ticked = tuple(record.star)
        self._notes_owner = record
        self.query_one(NotesEditor).load_text(record.notes)
        self.query_one(RatingPicker).rating = record.rating
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

    def _show_clock(self) -> None:
        self.refresh_bindings()
        paused = self.clock.paused
        self.query_one("#practice-paused").display = paused
        self.query_one(ModeLine).suffix = PAUSED_TEXT if paused else ""
        for timer in self.query(TimerDisplay):
            timer.refresh_now()

    # --- focus and notes ---------------------------------------------------------------

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_changed(self) -> None:
        self.query_one(ModeLine).follow(self.focused)

    @on(NotesEditor.Done)
    def _notes_done(self) -> None:
        if self.revealed:
            self.query_one(Checklist).focus()
        else:
            self.set_focus(None)

    @on(NotesEditor.Changed, "#practice-notes")
    def _notes_changed(self) -> None:
        self._flush_notes()

    def _flush_notes(self) -> None:
        text = self.query_one(NotesEditor).text
        if self._notes_owner.notes != text:
            self._notes_owner.notes = text
            self.keeper.touch()

    # --- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in BEFORE_REVEAL:
            return not self.revealed
        if action in AFTER_REVEAL:
            return self.revealed
        if action == "pause":
            return not self.clock.paused
        if action == "resume":
            return self.clock.paused
        return True

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

    def action_tick(self, number: int) -> None:
        if number > len(self.record.areas):
            self.notify(f"This question has {len(self.record.areas)} areas", timeout=2)
            return
        self._toggle_area(number - 1)
        self.query_one(Checklist).highlighted = number - 1

    @on(Checklist.Toggled, "#practice-areas")
    def _toggled(self, event: Checklist.Toggled) -> None:
        self._toggle_area(event.index)

    def _toggle_area(self, index: int) -> None:
        record = self.record
        record.toggle_area(index, self.clock.question.seconds)
        self.keeper.touch()
        self.query_one(Checklist).set_item(index, area_items(record)[index])
        self._show_status()

    def action_rate(self) -> None:
        self.query_one(RatingPicker).ask()

    @on(RatingPicker.Chosen)
    def _rated(self, event: RatingPicker.Chosen) -> None:
        self.record.rating = event.rating
        self.keeper.touch()

    def action_notes(self) -> None:
        self.query_one(NotesEditor).take_keys()

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

    def action_pause(self) -> None:
        self._set_paused(True)

    def action_resume(self) -> None:
        self._set_paused(False)

    def _set_paused(self, paused: bool) -> None:
        (self.clock.pause if paused else self.clock.resume)()
        self._sync_elapsed()
        self.keeper.touch()
        self._show_clock()

    def action_help(self) -> None:
        from tpm_tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self, self.context.bank))

    def action_save(self) -> None:
        self._flush_notes()
        self.query_one(AutosaveLine).save(announce=True)

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
                self.app.active_keeper = None  # type: ignore[attr-defined]
                self.notify(f"Saved to {self.keeper.path}", title="Practice saved", markup=False)
                self.app.go_home()  # type: ignore[attr-defined]
            elif was_running:
                self.action_resume()

        self.app.push_screen(ProgressScreen(self.context, self.session, keeper=self.keeper), done)

    # --- saving ------------------------------------------------------------------------

    def _prepare_save(self) -> None:
        """Before any snapshot (autosave, ctrl+q, a signal): the latest text and times."""
        self._flush_notes()
        self._sync_elapsed()

    def _sync_elapsed(self) -> None:
        self.session.elapsed_seconds = self.clock.total.seconds
        self.record.elapsed_seconds = self.clock.question.seconds
