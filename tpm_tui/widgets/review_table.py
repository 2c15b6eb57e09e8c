"""The review list: a DataTable of session summaries, made rows as they are reached.

DataTable measures every cell of every row it is given, and its cost per change
grows with its size: 10,000 rows at once hold the first paint for seconds. So
`show()` adds a screenful and a margin, and more rows are added as the cursor
(or a scroll) comes near the last of them; `ctrl+end` adds them all. The status
line, not the scroll bar, gives the count. Column widths are fixed from all the
entries beforehand, so nothing shifts as rows are added.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from tpm_tui.domain.reviewing import COLUMN_KEYS, COLUMNS, Entry, Listing
from tpm_tui.domain.textsafe import one_line

FIRST_ROWS = 200  # added at once: more than any terminal shows
AHEAD_ROWS = 100  # more are added when the cursor or the view comes this close to the end
CHUNK_ROWS = 300  # this many at a time (~30 ms with DataTable measuring them)
MARK = "●"


def column_widths(entries: Sequence[Entry]) -> list[int]:
    """Each column as wide as its widest cell (up to the column's cap), fitted to 80
    columns (`fit_at`)."""
    widths = [cell_len(column.label) for column in COLUMNS]
    for entry in entries:
        for index, text in enumerate(entry.texts):
            # len() first: cell_len is the slower call, and most cells are no wider.
            if len(text) * 2 > widths[index] and cell_len(text) > widths[index]:
                widths[index] = cell_len(text)
    capped = [
        min(width, column.cap) if column.cap else width
        for width, column in zip(widths, COLUMNS, strict=True)
    ]
    return fit_at(capped, FIT_WIDTH)


FIT_WIDTH = 80 - 2  # an 80-column terminal less the table's vertical scroll bar (always on)
PADDING = 2  # DataTable's cell padding, one cell each side of a column
FIRST = COLUMN_KEYS.index("status") + 1  # the columns read without scrolling sideways


def fit_at(widths: list[int], width: int) -> list[int]:
    """The status takes up what is left of `width` after the columns before it, so
    that the next column starts at the edge rather than showing a cut header (`Ki`).
    Names are never cut for it: when they leave no room the status is cut, as before."""
    used = 1 + PADDING + sum(w + PADDING for w in widths[:FIRST])  # the mark, then these
    return [w + max(width - used, 0) if i == FIRST - 1 else w for i, w in enumerate(widths)]


def fit(text: str, width: int) -> str:
    """One line, controls made visible, cut to `width` cells with "…"."""
    if len(text) <= width and text.isascii() and text.isprintable():
        return text  # the common case, kept cheap: a row is built per cursor page
    return one_line(text, width)


def row_cells(entry: Entry, widths: Sequence[int], marked: bool) -> list[Text]:
    """The cells of one row, every one a Text: user text is never read as markup."""
    cells = [Text(MARK if marked else " ", style="bold")]
    if not entry.readable:
        error = "bold red"
        return cells + [Text(fit(text, width), style=error if text != "—" else "dim")
                        for text, width in zip(entry.texts, widths, strict=True)]  # fmt: skip
    for text, width, column in zip(entry.texts, widths, COLUMNS, strict=True):
        cell = Text(fit(text, width), style="dim" if text in ("—", "(no name)") else "",
                    justify="right" if column.numeric else "left", no_wrap=True)  # fmt: skip
        cells.append(cell)
    return cells


class ReviewTable(DataTable[Text]):
    """Rows keyed by the file's path; added as the cursor or the view gets near them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in the footer: it is the key to read a session.
        Binding("enter", "select_cursor", "Open", tooltip="Open the highlighted session"),
        # DataTable's home and end scroll sideways; in a list of rows they mean the
        # first and the last row (ctrl+home and ctrl+end still work too).
        Binding(
            "home", "first_row", "First row", show=False,
            tooltip="Go to the first row, scrolled back to its first column",
        ),
        Binding("end", "scroll_bottom", "Last row", show=False, tooltip="Go to the last row"),
        Binding("j", "cursor_down", "Down", show=False, tooltip="Next row"),
        Binding("k", "cursor_up", "Up", show=False, tooltip="Previous row"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.entries: list[Entry] = []
        self._widths: list[int] = []
        self._marked: Collection[Path] = ()
        self._added = 0  # entries[:_added] are rows of the table

    @property
    def complete(self) -> bool:
        """Whether every entry is a row yet."""
        return self._added >= len(self.entries)

    def show(
        self,
        entries: Sequence[Entry],
        widths: Sequence[int],
        marked: Collection[Path],
        keep: Path | None = None,
    ) -> None:
        """Replace the rows; the cursor stays on `keep` when it is still listed."""
        self.entries = list(entries)
        self._widths = list(widths)
        self._marked = marked
        self._added = 0
        self.clear(columns=True)
        self.add_column(Text(" "), width=1, key="mark")
        for column, width in zip(COLUMNS, widths, strict=True):
            label = Text(column.label, justify="right" if column.numeric else "left")
            self.add_column(label, width=width, key=column.key)
        target = 0
        if keep is not None:
            target = next((i for i, e in enumerate(self.entries) if e.item.path == keep), 0)
        self._add_until(target + FIRST_ROWS)
        if target:
            self.move_cursor(row=target, animate=False, scroll=True)

    def _reach(self, row: int) -> None:
        """Make sure rows up to `row`, and a margin past it, are in the table."""
        if row + AHEAD_ROWS >= self._added and not self.complete:
            self._add_until(max(FIRST_ROWS, row + AHEAD_ROWS + CHUNK_ROWS))

    def _add_until(self, end: int) -> None:
        if len(self.columns) != len(COLUMNS) + 1:
            return  # `show` is rebuilding the columns (clearing scrolls to the top)
        end = min(end, len(self.entries))
        widths, marked = self._widths, self._marked
        for entry in self.entries[self._added : end]:
            path = entry.item.path
            self.add_row(*row_cells(entry, widths, path in marked), key=str(path))
        self._added = max(self._added, end)

    def add_all(self) -> None:
        """Every remaining row (for a jump to the end)."""
        self._add_until(len(self.entries))

    # Every way of moving on: keys, and the mouse wheel or scroll bar.

    def action_cursor_down(self) -> None:
        self._reach(self.cursor_row + 1)
        super().action_cursor_down()

    def action_page_down(self) -> None:
        self._reach(self.cursor_row + self.size.height)
        super().action_page_down()

    def action_first_row(self) -> None:
        self.action_scroll_top()
        self.scroll_x = 0  # the date and the candidate back in view, however far right

    def action_scroll_bottom(self) -> None:
        self.add_all()
        super().action_scroll_bottom()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._reach(int(new_value) + self.size.height)

    # --- what the screen asks ------------------------------------------------------

    @property
    def highlighted(self) -> Listing | None:
        row = self.cursor_row
        return self.entries[row].item if 0 <= row < self._added else None

    def set_mark(self, item: Listing, marked: bool) -> None:
        if str(item.path) not in self.rows:
            return  # not a row yet: it gets its mark when it is
        self.update_cell(str(item.path), "mark", Text(MARK if marked else " ", style="bold"))
