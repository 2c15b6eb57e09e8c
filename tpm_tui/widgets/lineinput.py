"""One line typed (a strength, a concern, review's filter), ended by a key as it is read.

`enter`, `escape` and `tab` end the line as the key is read (`KeyTarget.LEAVE_KEYS`),
and the owner is told by a call, not a message: the keys behind it in a burst (`a`
for the next line, `k` for the list's kind) must find the line ended and focus back
where it was. The owner gets the key: review keeps its filter on `enter` and clears
it on `escape`; a scorecard line is kept either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from tpm_tui.widgets.keyroute import KeyTarget
from tpm_tui.widgets.modeline import Mode


class LineInput(KeyTarget, Input):
    """One short line being typed; `on_done(key)` is called as it ends."""

    MODE: ClassVar[Mode] = Mode.TYPING
    MODE_TEXT: ClassVar[str] = "TYPING A LINE — enter or escape ends it"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Done", tooltip="End the line"),
        Binding("tab", "done", "Done", show=False),
    ]
    LEAVE_KEYS = frozenset({"enter", "escape", "tab"})

    def __init__(self, on_done: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_done = on_done

    def action_done(self) -> None:  # the footer's escape, clicked
        self.stop_typing("escape")

    def stop_typing(self, key: str) -> None:
        super().stop_typing(key)
        self._on_done(key)
