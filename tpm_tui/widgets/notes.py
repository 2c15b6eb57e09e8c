"""A notes editor that says when the user is done typing.

A `TextArea` that shows control characters visibly (an escape sequence loaded
from a file is never sent raw to the terminal; the text itself is kept exactly),
and that posts `NotesEditor.Done` on `escape` so the screen can take focus back.
Changes arrive as the usual `TextArea.Changed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from tpm_tui.domain.textsafe import visible
from tpm_tui.textual_internals import forget_watcher
from tpm_tui.widgets.keyroute import KeyTarget
from tpm_tui.widgets.modeline import Mode


class NotesEditor(KeyTarget, TextArea):
    """Free-text notes. `take_keys()` to type; `escape` posts `Done` (the screen refocuses)."""

    BINDINGS = [
        Binding("escape", "done", "Stop typing", tooltip="Leave the notes; keys act again"),
    ]
    MODE = Mode.TYPING  # what the mode line says while it has focus
    LEAVE_KEYS = frozenset({"escape"})

    @dataclass
    class Done(Message):
        """The user pressed escape: typing is over."""

        editor: NotesEditor

        @property
        def control(self) -> NotesEditor:
            return self.editor

    def __init__(
        self,
        text: str = "",
        *,
        cursor_blink: bool = False,
        placeholder: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=placeholder,
            id=id,
            classes=classes,
        )
        # Blinking repaints the cursor twice a second: costly over SSH (see config).
        self.set_reactive(TextArea.cursor_blink, cursor_blink)

    def on_unmount(self) -> None:
        # TextArea watches `app.theme`; Textual keeps the watch, and so this editor,
        # after it is removed (see textual_internals.forget_watcher).
        forget_watcher(self.app, "theme", self)

    def take_keys(self) -> None:
        """Focus for typing; opened anew, the cursor goes after the text that is there
        (a loaded text starts at its first character, where typing would prepend)."""
        if not self.has_focus:
            self.move_cursor(self.document.end)
        super().take_keys()

    def get_line(self, line_index: int) -> Text:
        # One character for one: cursor and selection columns stay right.
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)

    def action_done(self) -> None:  # the footer's escape, clicked
        self.stop_typing("escape")

    def stop_typing(self, key: str) -> None:
        super().stop_typing(key)
        self.post_message(self.Done(self))
