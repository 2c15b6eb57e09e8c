"""The mode line: whether keys act, type into notes, or wait for a rating digit.

An interviewer glancing back at the screen must see at once what the next key
will do. The line follows what has focus on its screen (`Screen.focused`) by
itself: a screen only places it. A focused widget whose keys differ from its
screen's says so with a class attribute `MODE_TEXT` (the words) and, if typing,
`MODE = Mode.TYPING` (the style), as the summary's scorecard lists do.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static


class Mode(Enum):
    KEYS = "keys"
    TYPING = "typing"
    RATING = "rating"


RATE_PROMPT = "RATE: 1 weak · 2 mixed · 3 good · 4 strong · 0 clear"

DEFAULT_TEXTS: dict[Mode, str] = {
    Mode.KEYS: "KEYS — keys act; e writes notes, ? shows every key",
    Mode.TYPING: "TYPING NOTES — escape to stop",
    Mode.RATING: RATE_PROMPT,
}


def mode_for(focused: Widget | None) -> Mode:
    """The mode that focus on `focused` means: the `MODE` a widget declares (the
    notes editor, a line, the rating prompt), else keys."""
    declared = getattr(focused, "MODE", None)
    return declared if isinstance(declared, Mode) else Mode.KEYS


class ModeLine(Static):
    """One line naming the mode; styled by the classes `-keys`, `-typing`, `-rating`.

    Args:
        texts: the words per mode, to override some of `DEFAULT_TEXTS`.
        suffix: plain text after the mode's words, e.g. "PAUSED — t to resume".
    """

    DEFAULT_CSS = """
    ModeLine {
        height: 1;
    }
    """

    mode = Mode.KEYS  # set as focus moves (`_follow`), then shown
    suffix: reactive[str] = reactive("")

    def __init__(self, texts: Mapping[Mode, str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.texts = {**DEFAULT_TEXTS, **(texts or {})}
        self._own_text: str | None = None

    def on_mount(self) -> None:
        self._show()
        self.watch(self.screen, "focused", self._follow)

    def _follow(self, focused: Widget | None) -> None:
        # A widget whose keys differ from the screen's says so in `MODE_TEXT`.
        own = getattr(focused, "MODE_TEXT", None)
        self._own_text = own if isinstance(own, str) else None
        self.mode = mode_for(focused)
        self._show()  # its own words may change with the mode unchanged (notes → a line)

    def watch_suffix(self) -> None:
        self._show()

    @property
    def text(self) -> str:
        words = self._own_text or self.texts[self.mode]
        return f"{words}  ·  {self.suffix}" if self.suffix else words

    def _show(self) -> None:
        for mode in Mode:
            self.set_class(mode is self.mode, f"-{mode.value}")
        self.update(Content(self.text))
