"""The rubric beside the rating prompt: what a 1 weak … 4 strong answer sounds like.

`RubricPanel` follows focus on its screen by itself, as the mode line does:
while a `RatingPicker` waits for its digit (after `r`), the panel fills in the
current question's rubric and sets the class `-rubric` on the screen, which the
stylesheet uses to give it the room of the checklist and the notes. The digit
(or `escape`, or `r` again) ends the prompt, and the panel goes away with it.
Its rows are built the first time it is shown: fourteen hidden widgets cost the
session screen's start about 15 ms.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalGroup
from textual.widget import Widget
from textual.widgets import Static

from tpm_tui.domain.models import RATING_LABELS, Rubric
from tpm_tui.domain.textsafe import visible
from tpm_tui.widgets.rating import RatingPicker

SCREEN_CLASS = "-rubric"
HEADING = "Rubric — 1-4 rates · 0 clears · escape closes"
NO_RUBRIC = "This question has no rubric in the bank: rate by the areas it covered."


class RubricPanel(VerticalGroup):
    """The four levels of the current question's rubric; shown only while rating.

    Args:
        current: what to show, asked each time the prompt opens: the rubric (None
            when the question has none) and the rating already given.
    """

    def __init__(
        self, current: Callable[[], tuple[Rubric | None, int | None]], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._current = current

    def _rows(self, rubric: Rubric | None, rating: int | None) -> ComposeResult:
        """The rows, filled in as `_fill` fills them."""
        yield Static(HEADING, classes="rubric-heading", markup=False)
        for level, label in RATING_LABELS.items():
            yield Horizontal(
                Static(f"{level} {label}", classes="rubric-label", markup=False),
                Static(visible(rubric.words(level)) if rubric else "", classes="rubric-words",
                       markup=False),
                classes="rubric-level -given" if level == rating else "rubric-level",
                id=f"rubric-level-{level}",
            )  # fmt: skip
        none = Static(NO_RUBRIC, classes="rubric-none", markup=False)
        none.display = rubric is None
        yield none

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._follow)

    def _follow(self, focused: Widget | None) -> None:
        showing = isinstance(focused, RatingPicker)
        if showing:
            if self.children:
                self._fill(*self._current())
            else:  # first shown: built filled in; filled again in case a key
                # changed the question while its rows were mounting
                self.mount_all(self._rows(*self._current()))
                self.call_after_refresh(lambda: self._fill(*self._current()))
        self.screen.set_class(showing, SCREEN_CLASS)

    def _fill(self, rubric: Rubric | None, rating: int | None) -> None:
        for level in RATING_LABELS:
            row = self.query_one(f"#rubric-level-{level}", Horizontal)
            row.set_class(level == rating, "-given")
            # `query`, not `query_one`: a row's words are in the DOM only once the
            # row is mounted (a burst of keys may come sooner).
            for words in row.query(".rubric-words").results(Static):
                words.update(visible(rubric.words(level)) if rubric else "")
        self.query_one(".rubric-none").display = rubric is None

    @property
    def text(self) -> str:
        """What the panel says, as plain lines (for tests and the help)."""
        if not self.children:
            return ""  # never shown yet
        lines = [HEADING]
        for row in self.query(".rubric-level").results(Horizontal):
            label, words = row.query(Static)
            lines.append(f"{label.content} {words.content}".rstrip())
        none = self.query_one(".rubric-none", Static)
        return "\n".join([*lines, str(none.content)] if none.display else lines)
