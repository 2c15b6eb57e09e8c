"""A `SelectionList` whose ticks read without colour and take effect at once.

Textual's `SelectionList` draws `▐X▌` for a ticked and an unticked item alike
(only the colour differs), so on a monochrome terminal, or read aloud by a screen
reader, nothing tells them apart: here an unticked box is empty. And it toggles
on a message it posts to itself, after the keys already queued behind `space`:
a `ctrl+s` in the same burst saved the form without the tick. Here `space`
toggles before the next key is read.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList

T = TypeVar("T")

UNTICKED = " "  # in place of the `X` of a box not ticked


class TickList(SelectionList[T]):
    def action_select(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.get_option_at_index(self.highlighted))

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if (
            index < self.option_count
            and len(segments) > 1
            and segments[1].text == Checkbox.BUTTON_INNER  # the same box as SelectionList's
            and self.get_option_at_index(index).value not in self.selected
        ):
            segments[1] = Segment(UNTICKED, segments[1].style)
        return Strip(segments, strip.cell_length)
