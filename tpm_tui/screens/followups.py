"""The follow-up drill-down of the current question: mark asked, write a note on each.

It changes only the keeper's session (and calls `touch()`, so the session screen's
autosave writes it); the session screen refreshes its count when it resumes. The
question's timer keeps running and shows here too.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from tpm_tui.context import AppContext
from tpm_tui.domain.models import FollowUpRecord, QuestionRecord
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.domain.timer import InterviewClock, question_face
from tpm_tui.domain.timer import clock as clock_text
from tpm_tui.keeper import SessionKeeper
from tpm_tui.screens.drilldown import CLOSING_BINDINGS, DrillDownScreen
from tpm_tui.widgets.checklist import Checklist, ChecklistItem
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.modeline import Mode, ModeLine
from tpm_tui.widgets.notes import NotesEditor
from tpm_tui.widgets.timer import TimerDisplay


def follow_up_item(follow_up: FollowUpRecord) -> ChecklistItem:
    """A follow-up's row: when it was asked, and a pen when it has a note."""
    when = f"asked {clock_text(follow_up.asked_at)}" if follow_up.asked_at is not None else ""
    pen = "✎" if follow_up.notes.strip() else ""
    return ChecklistItem(follow_up.text, follow_up.asked, " ".join(filter(None, (when, pen))))


ASK_N = "Mark follow-up N asked / not asked"


class FollowUpList(Checklist):
    """The follow-ups: `space`/`enter` marks the highlighted one asked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Asked", tooltip="Mark the highlighted follow-up asked / not"),
        Binding("enter", "tick", "Asked", show=False, tooltip="Mark asked / not asked"),
    ]


class FollowUpsScreen(DrillDownScreen):
    """Follow-ups of the session's current question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "ask(1)", "Asked", key_display="1-9", tooltip=ASK_N),
        *(Binding(str(n), f"ask({n})", "Asked", show=False, tooltip=ASK_N) for n in range(2, 10)),
        Binding("e", "note", "Note", tooltip="Write a note on the highlighted follow-up"),
        *CLOSING_BINDINGS,
    ]

    def __init__(self, context: AppContext, keeper: SessionKeeper, clock: InterviewClock) -> None:
        super().__init__()
        self.context = context
        self.keeper = keeper
        self.clock = clock
        self.record: QuestionRecord = keeper.session.questions[keeper.session.current]

    def compose(self) -> ComposeResult:
        session = self.keeper.session
        with Horizontal(classes="top-line"):
            yield Static(
                f"Follow-ups · Q {session.current + 1}/{len(session.questions)} "
                f"{one_line(self.record.label, 34)}",
                id="followups-title",
                classes="top-title",
                markup=False,
            )
            # The question's countdown, as the session screen shows it (`8:55 left`).
            yield TimerDisplay(
                "Question",
                face=lambda: question_face(self.clock.question.elapsed, self.record.budget_seconds),
                id="followups-timer",
            )
        yield Static(Content(visible(self.record.text)), id="followups-question")
        yield FollowUpList(
            [follow_up_item(f) for f in self.record.follow_ups],
            id="followups-list",
        )
        yield NotesEditor(
            cursor_blink=self.context.cursor_blink,
            placeholder="No note: press e to write one",
            id="followups-note",
        )
        yield ModeLine(
            {Mode.KEYS: "KEYS — space marks asked, e writes a note, escape goes back"},
            id="followups-mode",
        )
        yield AppFooter(show_command_palette=False)

    def on_mount(self) -> None:
        checklist = self.query_one(FollowUpList)
        checklist.border_title = self._list_title()
        checklist.focus()
        self._show_note()

    @property
    def highlighted(self) -> int | None:
        return self.query_one(FollowUpList).highlighted

    def _list_title(self) -> str:
        return f"Asked {self.record.asked}/{len(self.record.follow_ups)} — 1-9, space or enter"

    def _show_note(self) -> None:
        """Show the highlighted follow-up's note. What the editor holds is its owner's
        (kept first: its Changed messages may still be on their way)."""
        index = self.highlighted
        owner = self.record.follow_ups[index] if index is not None else None
        if owner is not None and owner is self._note_owner:
            return
        self._flush_note()
        editor = self.query_one(NotesEditor)
        self._note_owner = owner
        editor.border_title = f"Note on follow-up {index + 1} — e" if index is not None else "Note"
        editor.load_text(owner.notes if owner else "")

    @on(FollowUpList.OptionHighlighted, "#followups-list")
    def _moved(self) -> None:
        # Late in a burst (`3 e text`): the note shown already follows the highlight
        # (action_ask, action_note), and one being typed is never swapped.
        if not self.query_one(NotesEditor).has_focus:
            self._show_note()

    @on(Checklist.Toggled, "#followups-list")
    def _toggled(self, event: Checklist.Toggled) -> None:
        self._toggle(event.index)

    def action_ask(self, number: int) -> None:
        if number > len(self.record.follow_ups):
            self.notify(f"This question has {len(self.record.follow_ups)} follow-ups", timeout=2)
            return
        self._toggle(number - 1)
        self.query_one(FollowUpList).highlighted = number - 1
        self._show_note()  # its note, below, at once: an `e` right after writes in it

    def _toggle(self, index: int) -> None:
        self.record.toggle_follow_up(index, self.clock.question.seconds)
        self.keeper.touch()
        checklist = self.query_one(FollowUpList)
        checklist.set_item(index, follow_up_item(self.record.follow_ups[index]))
        checklist.border_title = self._list_title()

    @on(NotesEditor.Done)
    def _note_done(self) -> None:
        self._flush_note()
        index = self.highlighted
        if index is not None:
            self.query_one(FollowUpList).set_item(
                index, follow_up_item(self.record.follow_ups[index])
            )
        self.query_one(FollowUpList).focus()

    def action_note(self) -> None:
        self._show_note()  # the highlighted one's, even if its highlight is not told yet
        if self._note_owner is not None:
            self.query_one(NotesEditor).take_keys()
