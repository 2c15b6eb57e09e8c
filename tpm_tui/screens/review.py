"""Review: the list of past sessions, to filter, sort, mark, open, compare and export.

The list is built from the store's cached summaries (`SessionSummary`), scanned
in a worker thread so the screen never waits on the disk; whole files are loaded
only to read, compare or export them. A broken file is listed as unreadable with
its reason and never stops the others.

Keys: `/` filter (as you type; `enter` keeps it, `escape` clears it), `1`…`9`,
`0` sort by that column (again reverses), `s` sort by the next column, `S`
reverse the order, `v` interviews / practice / both, `j`/`k` down and up,
`space` mark, `c` compare the marked, `x` export (the marked, else the
highlighted), `C` calibration, `enter` open, `ctrl+r` (or F5) rescan the folder, `escape` home.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from attrs import evolve
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from tpm_tui.context import AppContext
from tpm_tui.domain.blind import Blindfold, blindfold
from tpm_tui.domain.listing import SessionSummary, Unreadable
from tpm_tui.domain.models import Session
from tpm_tui.domain.reviewing import COLUMN_KEYS, COLUMNS, Catalog, View
from tpm_tui.domain.textsafe import shown_path, visible
from tpm_tui.screens.export import export_sessions
from tpm_tui.screens.host import ScreenHost
from tpm_tui.storage.blindfolds import your_blindfold
from tpm_tui.storage.sessionfile import SessionFileError
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.lineinput import LineInput
from tpm_tui.widgets.review_table import ReviewTable, column_widths
from tpm_tui.widgets.sync_status import SyncStatus

# The keys that sort by column 1…10, in the order the columns stand.
SORT_KEYS = "1234567890"[: len(COLUMN_KEYS)]
# Help names each key's column: at 80 columns only the first five are on screen.
_SORTS = zip(SORT_KEYS, COLUMNS, strict=True)
SORT_TOOLTIP = (
    "Sort by a column ("
    + ", ".join(f"{key} {column.label.lower()}" for key, column in _SORTS)
    + "); the same key again reverses"
)


class ReviewScreen(Screen[None]):
    """Browse the sessions folder (or the named files)."""

    app = getters.app(ScreenHost)  # typed: the app's own methods are checked

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", tooltip="Filter the list as you type"),
        Binding("space", "mark", "Mark", tooltip="Mark / unmark the highlighted session"),
        Binding("c", "compare", "Compare", tooltip="Compare the marked sessions side by side"),
        Binding("x", "export", "Export", tooltip="Export the marked (or highlighted) sessions"),
        Binding(
            "1",
            "sort_column(1)",
            "Sort",
            key_display="1-0",
            tooltip=SORT_TOOLTIP,
        ),
        *(
            Binding(key, f"sort_column({n})", "Sort", show=False, tooltip=SORT_TOOLTIP)
            for n, key in enumerate(SORT_KEYS[1:], 2)
        ),
        Binding(
            "s",
            "sort",
            "Sort",
            show=False,
            key_display="s/S",
            tooltip="Sort by the next column (S reverses the order)",
        ),
        Binding("S", "reverse", "Reverse", show=False, tooltip="Reverse the sort order"),
        # Kind, refresh and escape are left out of the footer (help lists them) so
        # that the keys a reviewer needs fit 80 columns.
        # `v` for the view: `j` and `k` move, as in every other list of the app.
        Binding("v", "kind", "Kind", show=False, tooltip="Show interviews, practice, or both"),
        Binding("C", "calibrate", "Calibrate", tooltip="Per interviewer: who rates high or low"),
        Binding("ctrl+r", "refresh", "Refresh", show=False, tooltip="Read the folder again"),
        Binding("f5", "refresh", "Refresh", show=False, tooltip="Read the folder again"),
        Binding("escape", "back", "Back", show=False, tooltip="Clear the filter, else go home"),
    ]

    @dataclass
    class Scanned(Message):
        """The worker's listing of the folder (or of the named files), ready to show."""

        catalog: Catalog
        widths: list[int]
        keep: Path | None
        error: str | None = None  # the folder itself could not be read
        blind: Blindfold | None = None  # what is hidden from you (domain/blind.py)

    def __init__(self, context: AppContext, paths: tuple[Path, ...] = ()) -> None:
        super().__init__()
        self.context = context
        self.paths = tuple(paths)
        self.view = View()
        self.catalog = Catalog([])
        self.marked: dict[Path, None] = {}  # in the order marked: the compare columns
        self._widths: list[int] = []
        self._loaded = False
        self._error: str | None = None
        # Blind until you submit: known once the folder is read (see `_scan`).
        self.blind = Blindfold(context.user)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading sessions…", id="review-status", markup=False)
        yield LineInput(
            self._filter_left, placeholder="words to match, e.g. jane senior", id="review-filter"
        )
        yield Static("", id="review-empty", markup=False)
        yield ReviewTable(id="review-table")
        yield Static("", id="review-note", markup=False)
        if not self.paths:  # the folder shared through git: pulled once the list shows
            yield SyncStatus(self.context, id="review-sync")
        yield AppFooter(show_command_palette=False)

    def on_mount(self) -> None:
        where = "named files" if self.paths else shown_path(self.context.sessions_dir)
        self.sub_title = visible(f"Review · {where}")
        self.query_one("#review-filter", LineInput).display = False
        self.query_one(ReviewTable).focus()
        self._scan(None)

    # --- loading -------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="review-scan")
    def _scan(self, keep: Path | None) -> None:
        store = self.context.store
        try:
            items = store.summaries(self.paths) if self.paths else store.scan()
        except OSError as error:  # the folder itself: not there is fine, unreadable is not
            reason = f"Cannot read {shown_path(store.folder)}: {error.strerror or error}"
            self.post_message(self.Scanned(Catalog([]), column_widths([]), keep, visible(reason)))
            return
        user = self.context.user
        # Your unfinished sessions are in the folder, also when named files are reviewed.
        blind = your_blindfold(store, user, items) if self.paths else blindfold(user, items)
        items = [blind.row(i) if isinstance(i, SessionSummary) else i for i in items]
        catalog = Catalog(items)  # here too: column texts for 10,000 rows take a moment
        self.post_message(self.Scanned(catalog, column_widths(catalog.entries), keep, None, blind))

    @on(SyncStatus.Pulled)
    def _pulled(self) -> None:
        self._scan(None)

    @on(Scanned)
    def _scanned(self, message: Scanned) -> None:
        self.app.tell_privacy()
        if message.error is not None:
            self.notify(message.error, severity="error", markup=False, timeout=10)
            if self._loaded:
                return  # keep the list shown: ctrl+r tries again
        self._error = message.error
        self.blind = message.blind or self.blind
        self.catalog = message.catalog
        present = {entry.item.path for entry in self.catalog.entries if entry.readable}
        self.marked = {path: None for path in self.marked if path in present}
        self._widths = message.widths
        self._loaded = True
        self._show(message.keep)
        for status in self.query(SyncStatus):  # after the first list is on screen
            self.call_after_refresh(status.pull)

    def _show(self, keep: Path | None = None) -> None:
        table = self.query_one(ReviewTable)
        if keep is None and (item := table.highlighted) is not None:
            keep = item.path
        shown = self.catalog.select(self.view)
        table.show(shown, self._widths, self.marked, keep)
        self._update_status()
        empty = self.query_one("#review-empty", Static)
        empty.display = not shown
        if self._error is not None:
            empty.update(self._error)
        elif not self.catalog.entries:
            where = "the named files" if self.paths else shown_path(self.context.sessions_dir)
            empty.update(visible(f"No sessions in {where} yet."))
        elif not shown:
            empty.update("Nothing matches: escape clears the filter, v changes the kind.")

    def _update_status(self) -> None:
        if not self._loaded:
            return
        table = self.query_one(ReviewTable)
        status = self.catalog.status(self.view, table.entries, len(self.marked))
        self.query_one("#review-status", Static).update(visible(status))

    @on(DataTable.RowHighlighted, "#review-table")
    def _highlighted(self) -> None:
        """Under the list: the highlighted file and its questions, or why it can't be read."""
        item = self.query_one(ReviewTable).highlighted
        widget = self.query_one("#review-note", Static)
        if isinstance(item, Unreadable):
            note = Content.assemble(
                ("⚠ ", "bold $error"), (visible(f"{item.path.name}: {item.reason}"), "$error")
            )
        elif item is not None:
            titles = ", ".join(self._title(question_id) for question_id in item.question_ids)
            where = visible(shown_path(item.path))
            room = max(widget.content_size.width - 1, 10)
            if len(where) > room:  # keep the file's name: cut the folders instead
                where = "…" + where[-(room - 1) :]
            note = Content.assemble(
                (where, "$text-muted"), "\n", visible(f"Questions: {titles or 'none'}")
            )
        else:
            note = Content("")
        # A fixed height, so no layout pass: this runs on every cursor move.
        widget.update(note, layout=False)
        widget.set_class(isinstance(item, Unreadable), "-reason")  # the reason may wrap

    def _title(self, question_id: str) -> str:
        try:
            return self.context.bank.question(question_id).title or question_id
        except KeyError:
            return question_id

    # --- filter --------------------------------------------------------------------

    def action_filter(self) -> None:
        field = self.query_one("#review-filter", LineInput)
        field.display = True
        field.take_keys()  # at once: `/luk` in one burst filters by "luk"

    @on(Input.Changed, "#review-filter")
    def _filter_changed(self) -> None:
        self._apply_filter()

    def _apply_filter(self) -> None:
        # The field's value now, not a Changed event's: one told after escape
        # cleared the field must not put its old words back.
        query = self.query_one("#review-filter", LineInput).value
        if query != self.view.query:
            self.view = evolve(self.view, query=query)
            self._show()

    def _filter_left(self, key: str) -> None:
        """enter (or tab) keeps the filter; escape clears it. Focus is back on the list."""
        if key == "escape":
            self._leave_filter()
            return
        field = self.query_one("#review-filter", LineInput)
        field.display = bool(field.value)
        self._apply_filter()

    def _leave_filter(self) -> None:
        field = self.query_one("#review-filter", LineInput)
        field.value = ""
        field.display = False
        self._apply_filter()  # the whole list again, now
        self.query_one(ReviewTable).focus()

    def action_back(self) -> None:
        # A kept filter is cleared first (the marks stay): leaving lost both at once.
        # Escape typed in the filter clears it too (its LineInput reads it first).
        if self.query_one("#review-filter", LineInput).value:
            self._leave_filter()
        else:
            self.app.go_home()

    # --- sort and kind -------------------------------------------------------------

    def action_sort_column(self, number: int) -> None:
        self.view = self.view.sort_by(COLUMN_KEYS[number - 1])
        self._show()

    def action_sort(self) -> None:
        self.view = self.view.next_sort()
        self._show()

    def action_reverse(self) -> None:
        self.view = self.view.reversed()
        self._show()

    def action_kind(self) -> None:
        self.view = self.view.next_kind()
        self._show()

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value or ""
        if key in COLUMN_KEYS:
            self.view = self.view.sort_by(key)
            self._show()

    def action_refresh(self) -> None:
        item = self.query_one(ReviewTable).highlighted
        self._scan(item.path if item else None)
        self.notify("Reading the sessions again…", timeout=2)

    # --- marks, open, compare, export ----------------------------------------------

    def action_mark(self) -> None:
        table = self.query_one(ReviewTable)
        item = table.highlighted
        if item is None:
            return
        if not isinstance(item, SessionSummary):
            self.notify("An unreadable file cannot be marked.", severity="warning")
            return
        if item.path in self.marked:
            del self.marked[item.path]
        else:
            self.marked[item.path] = None
        table.set_mark(item, item.path in self.marked)
        table.action_cursor_down()  # marking a run of sessions is space, space, space
        self._update_status()

    @on(DataTable.RowSelected, "#review-table")
    def _open(self) -> None:
        item = self.query_one(ReviewTable).highlighted
        if item is not None:
            from tpm_tui.screens.detail import DetailScreen

            self.app.push_screen(DetailScreen(self.context, item.path, self.paths, self.blind))

    def action_compare(self) -> None:
        if len(self.marked) < 2:
            self.notify("Mark two or more sessions with space, then press c.", severity="warning")
            return
        from tpm_tui.screens.compare import CompareScreen

        # It reads the files itself, in a worker: huge ones never freeze the list.
        self.app.push_screen(CompareScreen(self.context, list(self.marked), self.paths, self.blind))

    def action_calibrate(self) -> None:
        """Calibration over the completed interviews the list shows (the filter applies)."""
        from tpm_tui.screens.calibration import CalibrationScreen

        files = [
            entry.item.path
            for entry in self.query_one(ReviewTable).entries
            if isinstance(entry.item, SessionSummary)
            and entry.item.kind == "interview"
            and entry.item.status == "completed"
        ]
        self.app.push_screen(CalibrationScreen(self.context, files, self.blind))

    def action_export(self) -> None:
        if self.marked:
            paths = list(self.marked)
        else:
            item = self.query_one(ReviewTable).highlighted
            if not isinstance(item, SessionSummary):
                self.notify(
                    "Nothing to export: highlight or mark a readable session.", severity="warning"
                )
                return
            paths = [item.path]
        sessions = self._load(paths)
        if sessions is not None:
            export_sessions(self, self.context, self.paths, self.blind.apply(sessions))

    def _load(self, paths: list[Path]) -> list[Session] | None:
        """The whole sessions, or None (and a notice) if one can no longer be read."""
        sessions = []
        for path in paths:
            try:
                sessions.append(self.context.store.load(path))
            except SessionFileError as error:
                self.notify(
                    visible(f"{path.name}: {error}"),
                    title="Cannot read",
                    severity="error",
                    markup=False,
                    timeout=10,
                )
                return None
        return sessions
