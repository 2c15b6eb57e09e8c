"""A follow-up as a probe, in practice: one at a time, as if an interviewer asked it.

The candidate answers aloud against a shorter timer (a third of the answer target,
at least a minute), marks it answered (`space`: `asked`, and the question-second
`asked_at`), may write a note, and brings the next one with `f`. Changes go into
the keeper's session (`touch()`); the practice screen's autosave writes them.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from tpm_tui.context import DEFAULT_ANSWER_MINUTES, AppContext
from tpm_tui.domain.models import FollowUpRecord, QuestionRecord
from tpm_tui.domain.practice import next_follow_up, probe_seconds
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.domain.timer import InterviewClock
from tpm_tui.domain.timer import clock as clock_text
from tpm_tui.keeper import SessionKeeper
from tpm_tui.screens.drilldown import CLOSING_BINDINGS, DrillDownScreen
from tpm_tui.screens.live import clock_action_enabled, pause_bindings
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.modeline import Mode, ModeLine
from tpm_tui.widgets.notes import NotesEditor
from tpm_tui.widgets.timer import TimerDisplay

HINT = "Answer aloud · space marks it answered · e note · f next follow-up · escape back"


class ProbeScreen(DrillDownScreen):
    """Follow-up `index` of the session's current question, then the next ones."""

    AUTO_FOCUS = ""  # keys act at once; `e` goes into the note

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "answered", "Answered", tooltip="Mark this follow-up answered / not"),
        Binding("enter", "answered", "Answered", show=False, tooltip="Mark answered / not"),
        Binding("f", "next", "Next follow-up", tooltip="Bring the next follow-up"),
        Binding("e", "note", "Note", tooltip="Write a note on this follow-up"),
        *pause_bindings("the timers"),
        *CLOSING_BINDINGS,
    ]

    def __init__(
        self, context: AppContext, keeper: SessionKeeper, clock: InterviewClock, index: int
    ) -> None:
        super().__init__()
        self.context = context
        self.keeper = keeper
        self.clock = clock
        self.record: QuestionRecord = keeper.session.questions[keeper.session.current]
        self.target = probe_seconds(keeper.session.answer_minutes or DEFAULT_ANSWER_MINUTES)
        self.index = index
        self._started = clock.question.elapsed  # the probe's own time starts now
        self._answered_in: float | None = None

    @property
    def follow_up(self) -> FollowUpRecord:
        return self.record.follow_ups[self.index]

    def compose(self) -> ComposeResult:
        with Horizontal(classes="top-line"):
            yield Static("", id="probe-title", classes="top-title", markup=False)
            yield TimerDisplay("Probe", self._reading, id="probe-timer")
        yield Static(Content.styled("The interviewer asks:", "$text-muted"), id="probe-lead")
        yield Static("", id="probe-text", markup=False)
        yield Static("", id="probe-state", markup=False)
        yield NotesEditor(
            cursor_blink=self.context.cursor_blink,
            placeholder="No note: press e to write one",
            id="probe-note",
        )
        yield Static(HINT, id="probe-hint", classes="hint-line", markup=False)
        yield ModeLine({Mode.KEYS: "KEYS — ? shows every key"}, id="probe-mode")
        yield AppFooter(show_command_palette=False)

    def _reading(self) -> tuple[float, float]:
        if self._answered_in is not None:
            return self._answered_in, self.target
        return self.clock.question.elapsed - self._started, self.target

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        session = self.keeper.session
        self.query_one("#probe-title", Static).update(
            f"Follow-up {self.index + 1}/{len(self.record.follow_ups)} · "
            f"Q {session.current + 1}/{len(session.questions)} {one_line(self.record.label, 30)}"
        )
        self.query_one("#probe-text", Static).update(Content(visible(self.follow_up.text)))
        self._note_owner = self.follow_up
        self.query_one(NotesEditor).border_title = f"Note on follow-up {self.index + 1} — e"
        self.query_one(NotesEditor).load_text(self.follow_up.notes)
        self._show_state()
        self._show_clock()

    def _show_state(self) -> None:
        follow_up = self.follow_up
        state = self.query_one("#probe-state", Static)
        state.set_class(follow_up.asked, "-answered")
        if follow_up.asked and follow_up.asked_at is not None:
            state.update(f"[x] Answered at {clock_text(follow_up.asked_at)} — f brings the next")
        else:
            state.update("[ ] Not answered yet — answer aloud, then space")

    def _show_clock(self) -> None:
        self.refresh_bindings()
        self.query_one(ModeLine).suffix = "PAUSED — t to resume" if self.clock.paused else ""
        self.query_one(TimerDisplay).refresh_now()

    @on(NotesEditor.Done)
    def _note_done(self) -> None:
        self.set_focus(None)

    # --- actions --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return clock_action_enabled(self.clock, action)

    def action_answered(self) -> None:
        now = self.clock.question.elapsed
        answered = self.record.toggle_follow_up(self.index, int(now))
        self._answered_in = now - self._started if answered else None
        self.keeper.touch()
        self._show_state()
        self.query_one(TimerDisplay).refresh_now()

    def action_next(self) -> None:
        index = next_follow_up(self.record, after=self.index)
        if index is None:
            self.notify("That was the last follow-up: escape goes back to the question", timeout=3)
            return
        self._flush_note()
        self.index = index
        self._started = self.clock.question.elapsed
        self._answered_in = None
        self._show()

    def action_note(self) -> None:
        self.query_one(NotesEditor).take_keys()

    def action_pause(self) -> None:
        self.clock.pause()
        self.keeper.touch()
        self._show_clock()

    def action_resume(self) -> None:
        self.clock.resume()
        self.keeper.touch()
        self._show_clock()
