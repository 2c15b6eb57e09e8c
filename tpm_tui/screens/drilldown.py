"""What the two drill-down screens (follow-ups of a live question, a practice probe)
share: save and back, each flushing the note being edited first."""

from __future__ import annotations

from textual.screen import Screen

from tpm_tui.context import AppContext
from tpm_tui.keeper import SessionKeeper


class DrillDownScreen(Screen[None]):
    """A screen pushed over a live screen; subclasses set `context` and `keeper`."""

    context: AppContext
    keeper: SessionKeeper

    def _flush_note(self) -> None:
        raise NotImplementedError

    def action_save(self) -> None:
        self._flush_note()
        if self.keeper.save_now():
            self.notify(f"Saved to {self.keeper.path.name}", timeout=3, markup=False)
        else:
            self.notify(self.keeper.error or "Save failed", severity="error", markup=False)

    def action_back(self) -> None:
        self._flush_note()
        self.dismiss(None)
