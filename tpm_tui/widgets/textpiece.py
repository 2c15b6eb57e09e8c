"""Text that changes a little at a time, repainted at the least cost.

`TextPiece`, a `width: auto` run of plain text, is the building block of lines
such as a timer's digits or a count of ticked areas: `show()` does nothing when
the text is unchanged and asks for a relayout only when the width changes, so a
tick or a second costs a few bytes on the terminal, not a repaint of the screen.
`show_line()` does the same for a plain-text `Static`.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static


class TextPiece(Widget):
    """Plain text (never markup) that is exactly as wide as itself."""

    DEFAULT_CSS = """
    TextPiece {
        width: auto;
        height: 1;
    }
    """

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text

    @property
    def text(self) -> str:
        return self._text

    def show(self, text: str) -> None:
        """Repaint only when the text changes; relayout only when its width does."""
        if text == self._text:
            return
        resized = Content(text).cell_length != Content(self._text).cell_length
        self._text = text
        self.refresh(layout=resized)

    def render(self) -> Content:
        return Content(self._text)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return Content(self._text).cell_length


def show_line(line: Static, text: str, *, wraps: bool = False) -> None:
    """Show plain `text` in `line`: nothing when unchanged, and no relayout of the
    screen (a few ms per key) unless its width changed or, when it `wraps`, ever."""
    shown = line.content
    if isinstance(shown, str) and shown == text:
        return
    resized = wraps or not isinstance(shown, str) or cell_length(shown) != cell_length(text)
    line.update(text, layout=resized)


def cell_length(text: str) -> int:
    return Content(text).cell_length
