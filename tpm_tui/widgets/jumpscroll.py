"""A scrolling view whose keys jump rather than glide.

Textual animates `home`, `end`, `pgup` and `pgdn` in a scrolling container: a
glide of a dozen frames, each a repaint of the whole view. Over SSH that takes
about a second a key and costs kilobytes; a reader wants the page at once.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.containers import VerticalScroll


class JumpScroll(VerticalScroll):
    """`VerticalScroll` whose home, end and page keys move without animation.

    As Textual's own actions do, each steps aside (SkipAction) when the view
    cannot scroll, so the key reaches the screen's bindings instead."""

    def _can_scroll(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()

    def action_scroll_home(self) -> None:
        self._can_scroll()
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self._can_scroll()
        self.scroll_end(animate=False)

    def action_page_up(self) -> None:
        self._can_scroll()
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        self._can_scroll()
        self.scroll_page_down(animate=False)
