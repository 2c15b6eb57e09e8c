"""What the two drill-down screens (follow-ups of a live question, a practice probe)
share: the note on a follow-up, saved as it is typed, and save and back, each
flushing the note first."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tpm_tui.context import AppContext
from tpm_tui.domain.models import FollowUpRecord
from tpm_tui.keeper import SessionKeeper
from tpm_tui.screens.help import HELP_BINDING
from tpm_tui.screens.live import SAVE_BINDING, keep_notes
from tpm_tui.widgets.notes import NotesEditor

# Back, save and help: the last bindings of both screens (each spells out its whole
# BINDINGS, so that the footer keeps their own keys first).
CLOSING_BINDINGS: list[BindingType] = [
    Binding("escape", "back", "Back", tooltip="Back to the question"),
    SAVE_BINDING,
    HELP_BINDING,
]


class DrillDownScreen(Screen[None]):
    """A screen pushed over a live screen; subclasses set `context` and `keeper`, and
    `_note_owner` whenever the note editor shows another follow-up's note."""

    context: AppContext
    keeper: SessionKeeper
    _note_owner: FollowUpRecord | None = None

    KEY_SEQUENCES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("escape", "In the note: stop typing, so keys act again"),
    )

    @on(NotesEditor.Changed)
    def _note_changed(self) -> None:
        self._flush_note()

    def _flush_note(self) -> None:
        keep_notes(self.keeper, self._note_owner, self.query_one(NotesEditor).text)

    def action_save(self) -> None:
        self._flush_note()
        if self.keeper.save_now():
            self.notify(f"Saved to {self.keeper.path.name}", timeout=3, markup=False)
        else:
            self.notify(self.keeper.error or "Save failed", severity="error", markup=False)

    def action_back(self) -> None:
        self._flush_note()
        self.dismiss(None)
