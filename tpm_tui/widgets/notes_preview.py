"""What stands in the notes editor's place until it is needed.

A `TextArea` costs about 20 ms of import, styling and mounting when a screen
starts, and most questions are shown before anyone writes a note. A live screen
shows this instead, drawn as the empty editor is (its title and its hint in the
same colours), and builds the editor when `e` is pressed or a question with
notes is shown (screens/live.py).
"""

from __future__ import annotations

from textual.widgets import Static


class NotesPreview(Static):
    """The empty notes editor's look: its hint, dimmed, on the editor's background.

    The stylesheet's `NotesEditor` rules (border, title, padding) apply to it too.
    """

    DEFAULT_CSS = """
    NotesPreview {
        /* As TextArea's own rules and its placeholder's colour. */
        width: 1fr;
        height: 1fr;
        background: $surface;
        color: $text 40%;
    }
    """

    def __init__(self, hint: str, *, id: str | None = None) -> None:
        super().__init__(hint, id=id, markup=False)
