"""What the live interview and the mock interview share: one question at a time,
ticks, notes, rating, both timers, pause/resume, help and the autosave wiring.

`SessionScreen` and `PracticeScreen` subclass `LiveScreen`. Each spells out its
whole `BINDINGS` (from the pieces below) so that the footer order, and which of
two bindings of one key wins, stay the screen's own: Textual merges inherited
bindings base-first. The widgets both have are built here (`_compose_…`), with
the same `#live-…` ids in both screens, so the stylesheet styles each once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tpm_tui.context import AppContext
from tpm_tui.dialogs.confirm import ConfirmDialog
from tpm_tui.domain.models import QuestionRecord
from tpm_tui.domain.textsafe import visible
from tpm_tui.domain.timer import InterviewClock
from tpm_tui.domain.timer import clock as clock_text
from tpm_tui.keeper import SessionKeeper
from tpm_tui.screens.help import HELP_BINDING
from tpm_tui.widgets.autosave import AutosaveLine
from tpm_tui.widgets.checklist import Checklist, ChecklistHeading, ChecklistItem
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.modeline import ModeLine
from tpm_tui.widgets.notes_preview import NotesPreview
from tpm_tui.widgets.rating import RatingPicker
from tpm_tui.widgets.timer import FaceReading, TimerDisplay

if TYPE_CHECKING:  # built when first needed (see _notes_editor)
    from textual.widgets import TextArea

    from tpm_tui.widgets.notes import NotesEditor

PAUSED_TEXT = "PAUSED — t to resume"

ALT_TICK = "Tick / untick area N, from anywhere, the notes included"

TICK_BINDINGS: list[BindingType] = [
    Binding("1", "tick(1)", "Tick", key_display="1-9", tooltip="Tick / untick area N"),
    *(
        Binding(str(n), f"tick({n})", "Tick", show=False, tooltip="Tick / untick area N")
        for n in range(2, 10)
    ),
    # Priority: they act before the focused notes editor would type the digit (a
    # terminal sends alt+2 as escape then 2, which Textual reads as alt+2).
    *(
        Binding(f"alt+{n}", f"tick({n})", "Tick", show=False, priority=True, tooltip=ALT_TICK)
        for n in range(1, 10)
    ),
]

MOVE_BINDINGS: list[BindingType] = [
    Binding("n", "move(1)", "Next", tooltip="Next question"),
    Binding("right", "move(1)", "Next", show=False, tooltip="Next question"),
    Binding("p", "move(-1)", "Prev", show=False, tooltip="Previous question"),
    Binding("left", "move(-1)", "Prev", show=False, tooltip="Previous question"),
]


def pause_bindings(timers: str) -> list[BindingType]:
    """One key, two faces (check_action picks one): the footer says what `t` will do now."""
    return [
        Binding("t", "pause", "Pause", tooltip=f"Pause {timers}"),
        Binding("t", "resume", "Resume", tooltip=f"Resume {timers}"),
    ]


SAVE_BINDING = Binding(
    "ctrl+s", "save", "Save", show=False, tooltip="Save now (autosave runs anyway)"
)


def closing_bindings(finish: str) -> list[BindingType]:
    """Save, help and finish: the last bindings of both screens."""
    return [SAVE_BINDING, HELP_BINDING, Binding("q", "finish", "Finish", tooltip=finish)]


def key_sequences(answer: str) -> tuple[tuple[str, str], ...]:
    """The two-key sequences of both screens, for help (they are no single bindings)."""
    return (
        ("r then 1-4", f"Rate {answer}: 1 weak, 2 mixed, 3 good, 4 strong"),
        ("r then 0", "Clear the rating"),
        ("escape", "In the notes: stop typing, so keys act again"),
    )


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


class Noted(Protocol):
    """What has notes: a question, a follow-up, the summary's draft outcome."""

    notes: str


def keep_notes(keeper: SessionKeeper, owner: Noted | None, text: str) -> None:
    """The editor's `text` into `owner.notes`: a change to save only when it is new."""
    if owner is not None and owner.notes != text:
        owner.notes = text
        keeper.touch()


def clock_action_enabled(clock: InterviewClock, action: str) -> bool:
    """`t` has two bindings: pause is enabled while the clock runs, resume while paused."""
    if action == "pause":
        return not clock.paused
    if action == "resume":
        return clock.paused
    return True


class LiveScreen(Screen[bool]):
    """A screen running the session held by `keeper`, with its clock.

    Dismissed with True once the session is completed and saved; the app, which
    opened it and owns the session, then lets go of the file and goes home.
    """

    NOTES_TITLE: ClassVar[str] = ""
    FINISH_QUESTION: ClassVar[str] = ""  # asked on `q`
    # Two-key sequences help lists (see key_sequences).
    KEY_SEQUENCES: ClassVar[tuple[tuple[str, str], ...]] = ()

    def __init__(self, context: AppContext, keeper: SessionKeeper) -> None:
        super().__init__()
        self.context = context
        self.keeper = keeper
        self.session = keeper.session
        self.session.current = min(max(self.session.current, 0), len(self.session.questions) - 1)
        self.clock = InterviewClock(
            self.session.elapsed_seconds, self.record.elapsed_seconds, clock=context.clock
        )
        self._notes_owner = self.record  # the record the notes editor is editing
        self._notes_hint = ""
        self._editor: NotesEditor | None = None  # built when first needed

    @property
    def record(self) -> QuestionRecord:
        return self.session.questions[self.session.current]

    # --- the widgets both screens have, in the order they stand ------------------

    def _compose_total_timer(self, face: FaceReading | None = None) -> ComposeResult:
        # Whole minutes: one repaint a minute instead of a second (SSH links).
        yield TimerDisplay(
            "Total",
            lambda: (self.clock.total.elapsed, self.session.minutes * 60),
            whole_minutes=True,
            face=face,
            id="total-timer",
        )
        yield Static("PAUSED", id="live-paused", markup=False)

    def _compose_question(self, *, focusable: bool = True) -> ComposeResult:
        with VerticalScroll(id="live-question", can_focus=focusable):
            yield Static("", id="live-question-text", markup=False)
        yield Static("", id="live-competencies", markup=False)

    def _compose_areas(self) -> ComposeResult:
        with VerticalGroup(id="live-areas-box", classes="checklist-box"):
            yield ChecklistHeading("Areas to cover", "1-9 or space", id="live-areas-heading")
            yield Checklist(id="live-areas")

    def _compose_answer(self, notes_placeholder: str) -> ComposeResult:
        with Horizontal(id="live-status"):
            yield Static("", id="live-followups", markup=False)
            yield RatingPicker(id="live-rating")
        self._notes_hint = notes_placeholder
        preview = NotesPreview(notes_placeholder, id="live-notes-preview")
        preview.border_title = self.NOTES_TITLE
        yield preview

    def _compose_bottom(self) -> ComposeResult:
        yield AutosaveLine(
            self.keeper,
            running=lambda: not self.clock.paused,
            interval=self.context.autosave_seconds,
            id="live-error",
            classes="error-line",
        )
        yield ModeLine(id="live-mode")
        yield AppFooter(show_command_palette=False)

    # Handlers are not overridden in subclasses (Textual would call both): hooks are.
    def on_mount(self) -> None:
        self.keeper.prepare = self._prepare_save
        self._show_question()
        if not self.keeper.resumed:
            self.clock.resume()
        self._show_clock()
        self._mounted()

    def _mounted(self) -> None:
        """After the first showing: subclasses place the focus here if they need to."""

    def on_screen_resume(self) -> None:
        # Back from a pushed screen (follow-ups, probe, help…): its changes went into the session.
        self._show_status()
        self._show_clock()

    # --- showing the current question ----------------------------------------

    def _show_question(self) -> None:
        raise NotImplementedError

    def _show_status(self) -> None:
        raise NotImplementedError

    def _show_heading(self, record: QuestionRecord) -> None:
        """Position, question text (scrolled to the top) and competencies."""
        total = len(self.session.questions)
        self.query_one("#live-position", Static).update(f"Q {self.session.current + 1}/{total}")
        self.query_one("#live-question-text", Static).update(
            Content.assemble((visible(record.label), "bold"), "  ", Content(visible(record.text)))
        )
        self.query_one("#live-question", VerticalScroll).scroll_home(animate=False)
        names = [self.context.bank.competency_name(cid) for cid in record.competencies]
        self.query_one("#live-competencies", Static).update(
            Content("Tests: " + visible(" · ".join(names))) if names else ""
        )

    def _load_answer(self, record: QuestionRecord) -> None:
        """The notes and rating of `record`; the notes editor now edits its notes."""
        self._notes_owner = record
        if self._editor is not None:
            self._editor.load_text(record.notes)
        elif record.notes:
            self._notes_editor()
        self.query_one(RatingPicker).rating = record.rating

    def _show_clock(self) -> None:
        self.refresh_bindings()
        paused = self.clock.paused
        self.query_one("#live-paused").display = paused
        self.query_one(ModeLine).suffix = PAUSED_TEXT if paused else ""
        for timer in self.query(TimerDisplay):
            timer.refresh_now()

    # --- focus and notes --------------------------------------------------------

    def _notes_editor(self) -> NotesEditor:
        """The notes editor, built in its preview's place the first time it is
        needed, on the current question's notes. Mounting finishes after this
        returns; keys sent to it meanwhile wait in its queue, in order."""
        if self._editor is None:
            from tpm_tui.widgets.notes import NotesEditor

            editor = NotesEditor(
                self.record.notes,
                cursor_blink=self.context.cursor_blink,
                placeholder=self._notes_hint,
                id="live-notes",
            )
            editor.border_title = self.NOTES_TITLE
            preview = self.query_one(NotesPreview)
            self.mount(editor, before=preview)
            preview.remove()
            self._editor = editor
        return self._editor

    # By name, not `@on(NotesEditor.…)`: that would import the editor with this module.
    def on_notes_editor_done(self) -> None:
        self._focus_after_notes()

    def _focus_after_notes(self) -> None:
        self.query_one(Checklist).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self._editor:
            self._flush_notes()

    def _flush_notes(self) -> None:
        if self._editor is not None:  # else nothing was typed
            keep_notes(self.keeper, self._notes_owner, self._editor.text)

    # --- actions ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return clock_action_enabled(self.clock, action)

    def action_tick(self, number: int) -> None:
        if number > len(self.record.areas):
            self.notify(f"This question has {len(self.record.areas)} areas", timeout=2)
            return
        self._toggle_area(number - 1)
        self.query_one(Checklist).highlighted = number - 1

    @on(Checklist.Toggled)
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
        self._notes_editor().take_keys()

    def action_rate(self) -> None:
        self.query_one(RatingPicker).ask()

    @on(RatingPicker.Chosen)
    def _rated(self, event: RatingPicker.Chosen) -> None:
        self.record.rating = event.rating
        self.keeper.touch()

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

    # --- finishing -------------------------------------------------------------

    def action_finish(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._open_end()

        self.app.push_screen(ConfirmDialog(self.FINISH_QUESTION), answered)

    def _end_screen(self) -> Screen[bool]:
        """The summary or the progress: dismissed with True once the session is completed."""
        raise NotImplementedError

    def _open_end(self) -> None:
        # The session is over while its end screen is open: the clock stops, and
        # starts again only if the user goes back to the questions.
        was_running = not self.clock.paused
        self._flush_notes()
        self._set_paused(True)

        def done(completed: bool | None) -> None:
            if completed:
                self.dismiss(True)
            elif was_running:
                self._set_paused(False)

        self.app.push_screen(self._end_screen(), done)

    # --- saving ---------------------------------------------------------------

    def action_save(self) -> None:
        self._flush_notes()
        self.query_one(AutosaveLine).save(announce=True)

    def _prepare_save(self) -> None:
        """Before any snapshot (autosave, ctrl+q, a signal): the latest text and times."""
        self._flush_notes()
        self._sync_elapsed()

    def _sync_elapsed(self) -> None:
        self.session.elapsed_seconds = self.clock.total.seconds
        self.record.elapsed_seconds = self.clock.question.seconds
