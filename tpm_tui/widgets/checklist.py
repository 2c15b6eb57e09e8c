"""A numbered checklist with a highlighted row: areas to cover, follow-ups asked.

Reusable by any screen. The list only shows and reports: `up`/`down` (`k`/`j`)
move, `space` or `enter` (or a click) posts `Checklist.Toggled(index)`, and the
screen changes its data and calls `set_item()` / `set_items()` back. Item text is
user text: it is shown literally with control characters made visible.

A tick repaints one row. A count that changes with every tick belongs in a
`ChecklistHeading` above the list, not in its border title: changing a border
title repaints the whole list (~2 KB to the terminal, a few ms per key).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from attrs import frozen
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tpm_tui.domain.textsafe import visible
from tpm_tui.textual_internals import repaint_option_row
from tpm_tui.widgets.textpiece import TextPiece

# Numbers shown before the first nine items: the keys that tick them directly.
NUMBERED = 9
HORIZONTAL_ACTIONS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})


@frozen
class ChecklistItem:
    text: str
    checked: bool = False
    note: str = ""  # shown muted after the text, e.g. the second it was ticked


class Checklist(OptionList):
    """Items as `[x] 1 text  note`; the highlighted row is the one `space` ticks."""

    BINDINGS = [
        Binding("up", "cursor_up", "Move up", show=False),
        Binding("down", "cursor_down", "Move down", show=False),
        Binding("k", "cursor_up", "Move up", show=False),
        Binding("j", "cursor_down", "Move down", show=False),
        Binding("space", "tick", "Tick", show=False, tooltip="Tick / untick the highlighted row"),
        Binding("enter", "tick", "Tick", show=False, tooltip="Tick / untick the highlighted row"),
    ]

    @dataclass
    class Toggled(Message):
        """The user asked to tick or untick item `index`."""

        checklist: Checklist
        index: int

        @property
        def control(self) -> Checklist:
            return self.checklist

    def __init__(
        self,
        items: Sequence[ChecklistItem] = (),
        *,
        marks: tuple[str, str] = ("[x]", "[ ]"),
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`marks`: what a checked and an unchecked row start with."""
        self.marks = marks
        self._items: list[ChecklistItem] = list(items)
        super().__init__(*self._make_options(self._items), id=id, classes=classes)

    @property
    def items(self) -> list[ChecklistItem]:
        return list(self._items)

    def set_items(self, items: Sequence[ChecklistItem]) -> None:
        """Replace every row (another question); the highlight goes to the first."""
        self._items = list(items)
        self.set_options(self._make_options(self._items))
        self.highlighted = 0 if self._items else None

    def set_item(self, index: int, item: ChecklistItem) -> None:
        """Redraw one row after its data changed; the highlight stays put."""
        self._items[index] = item
        self._replace_row(index, self._row_prompt(index, item))

    def _replace_row(self, index: int, prompt: Content) -> None:
        """Give row `index` a new prompt, repainting that row alone when it can.

        Textual 8.2.8's `replace_option_prompt_at_index` repaints the whole list:
        a tick cost ~2 KB of terminal output and ~2 ms more per key. When the row
        keeps its height, `repaint_option_row` (OptionList internals, see
        textual_internals.py) repaints it alone; otherwise, before the first
        layout, or without those internals, the public call.
        """
        if not repaint_option_row(self, index, prompt):
            self.replace_option_prompt_at_index(index, prompt)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Rows wrap, so there is nothing to scroll sideways: leave left/right
        # to the screen (previous / next question).
        if action in HORIZONTAL_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def action_tick(self) -> None:  # not `toggle`: DOMNode's toggles an attribute
        if self.highlighted is not None and self._items:
            self.post_message(self.Toggled(self, self.highlighted))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        # A click selects: report it as a toggle like space does.
        event.stop()
        self.post_message(self.Toggled(self, event.option_index))

    def _make_options(self, items: Sequence[ChecklistItem]) -> list[Option]:
        return [Option(self._row_prompt(index, item)) for index, item in enumerate(items)]

    def _row_prompt(self, index: int, item: ChecklistItem) -> Content:
        checked, unchecked = self.marks
        number = f"{index + 1}" if index < NUMBERED else " "
        parts: list[str | tuple[str, str] | Content] = [
            (checked, "bold $text-success") if item.checked else (unchecked, "$text-muted"),
            f" {number} ",
            # Content(...) takes text as it is: no markup is parsed.
            Content(visible(item.text)),
        ]
        if item.note:
            parts.append((f"  {visible(item.note)}", "$text-muted"))
        return Content.assemble(*parts)


class _Line(Widget):
    """A horizontal line as wide as it is given (the heading's rule)."""

    DEFAULT_CSS = """
    _Line {
        width: 1fr;
        height: 1;
    }
    """

    def render(self) -> Content:
        return Content("─" * self.size.width)


class ChecklistHeading(HorizontalGroup):
    """The line above a checklist: "─Areas to cover 2/7 — 1-9 or space────".

    It looks like a border title, but the count is its own `width: auto` piece, so
    `show_count()` repaints a few cells. Put it and its list in one container
    (class `checklist-box` in the stylesheet) so both follow the list's focus.
    `title` and `hint` are plain text, never markup.
    """

    DEFAULT_CSS = """
    ChecklistHeading {
        height: 1;
    }
    """

    def __init__(
        self,
        title: str,
        hint: str = "",
        *,
        count: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._title = title
        self._hint = hint
        self._count = TextPiece(count, classes="heading-text heading-count")

    def compose(self) -> ComposeResult:
        yield TextPiece("─", classes="heading-line")
        yield TextPiece(f"{self._title} ", classes="heading-text")
        yield self._count
        yield TextPiece(f" — {self._hint}" if self._hint else "", classes="heading-text")
        yield _Line(classes="heading-line")

    @property
    def text(self) -> str:
        """The words shown, e.g. "Areas to cover 2/7 — 1-9 or space"."""
        hint = f" — {self._hint}" if self._hint else ""
        return f"{self._title} {self._count.text}{hint}"

    def show_count(self, count: str) -> None:
        self._count.show(count)
