"""One past session, read-only: everything its file holds, laid out for reading.

`t` switches to the raw TOML file and back, `x` exports the session to Markdown,
`escape` goes back to the list. A file that cannot be read opens too: the screen
says why, and `t` still shows what the file holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from tpm_tui.context import AppContext
from tpm_tui.domain.blind import HIDDEN, Blindfold
from tpm_tui.domain.listing import SessionSummary
from tpm_tui.domain.models import Session
from tpm_tui.domain.textsafe import one_line, shown_path, visible
from tpm_tui.screens.export import export_sessions
from tpm_tui.storage.blindfolds import your_blindfold
from tpm_tui.storage.safefile import NotReadable, read_regular
from tpm_tui.storage.sessionfile import SessionFileError
from tpm_tui.storage.store import MAX_FILE_BYTES
from tpm_tui.widgets import review_detail
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.jumpscroll import JumpScroll
from tpm_tui.widgets.review_detail import Piece

# What is laid out at once, in the weight of `Piece.cost` (about a line each): a
# session of 100,000 areas took 6 minutes to lay out whole, a 10 MB note 22 s,
# and the screen did not answer meanwhile. A page takes ~0.5 s at most (see
# bench/detail.py); `m` lays out the next one.
PAGE = 500
RAW_CHUNK = 16_000  # characters of the raw file in one piece
# Blind until you submit: the file holds what the detail view masks, so it is not shown.
RAW_HIDDEN = (
    f"The raw TOML of this session is {HIDDEN}: the file holds another "
    "interviewer's ratings, recommendation, scorecard and notes."
)


def raw_text(path: Path) -> str:
    """The file as it is on disk, for reading: bad bytes and controls made visible."""
    try:
        # Never opened when not a regular file: a FIFO would hang, /dev/zero never end.
        data, _ = read_regular(path, MAX_FILE_BYTES, "a session file")
    except NotReadable as error:
        return f"(cannot read {path.name}: {error})"
    text = data[:MAX_FILE_BYTES].decode("utf-8", "replace")
    if len(data) > MAX_FILE_BYTES:
        text += "\n… (cut: the file is larger than a session file can be)"
    # Tabs kept; every other control but newline shown as a symbol, never sent raw.
    return visible(text.replace("\r\n", "\n"))


def raw_pieces(text: str) -> Iterator[Piece]:
    """The raw file in pieces of at most RAW_CHUNK characters, cut after a line."""
    for chunk in review_detail.chunks(text, RAW_CHUNK):
        yield Piece(Content(chunk.removesuffix("\n")), "detail-raw-text", chars=len(chunk))


class Pager:
    """A long view shown a page at a time: its pieces are laid out only when `m`
    asks for them, and a line at the end says how much is not shown yet."""

    def __init__(self, pieces: Iterator[Piece], areas: int, chars: int) -> None:
        self._pieces = pieces
        self._next: Piece | None = next(pieces, None)
        self.areas_left, self.chars_left = areas, chars

    @property
    def done(self) -> bool:
        return self._next is None

    def page(self, budget: int) -> list[Piece]:
        """The next pieces, up to `budget` (always at least one)."""
        taken: list[Piece] = []
        while self._next is not None and (not taken or budget >= self._next.cost):
            piece, self._next = self._next, next(self._pieces, None)
            budget -= piece.cost
            self.areas_left -= piece.areas
            self.chars_left -= piece.chars
            taken.append(piece)
        return taken

    def left(self) -> str:
        """`… 99,700 more areas and 9.9 MB more text — m shows more`."""
        parts = [f"{self.areas_left:,} more area{'s' if self.areas_left != 1 else ''}"
                 if self.areas_left > 0 else "",
                 f"{_size(self.chars_left)} more text" if self.chars_left > 0 else ""]  # fmt: skip
        said = " and ".join(part for part in parts if part) or "more"
        return f"… {said} below — press m to show more"


def _size(chars: int) -> str:
    if chars >= 1_000_000:
        return f"{chars / 1_000_000:.1f} MB"
    return f"{max(chars // 1000, 1)} KB" if chars >= 1000 else f"{chars} characters"


class DetailScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the list"),
        # One key, two faces (check_action picks one): the footer says what `t` does now.
        Binding("t", "raw", "Raw TOML", tooltip="Show the raw TOML file"),
        Binding("t", "formatted", "Session", tooltip="Show the session laid out for reading"),
        Binding("m", "more", "More", tooltip="Show more of a long session or file"),
        Binding("x", "export", "Export", tooltip="Export this session to Markdown"),
        Binding("h", "history", "Practice history", tooltip="Its questions in earlier practice"),
        Binding("j", "scroll(1)", "Down", show=False, tooltip="Scroll down"),
        Binding("k", "scroll(-1)", "Up", show=False, tooltip="Scroll up"),
    ]

    @dataclass
    class Loaded(Message):
        """The file was read (in a worker): the session, or why it cannot be used."""

        session: Session | None
        error: str | None

    @dataclass
    class RawRead(Message):
        text: str

    def __init__(
        self,
        context: AppContext,
        path: Path,
        paths: tuple[Path, ...] = (),
        blind: Blindfold | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.path = Path(path)
        self.paths = paths  # the files review was started with: where exports go
        # What is hidden from you (domain/blind.py); None: read from the sessions folder.
        self.blind = blind
        self.session: Session | None = None
        self.error: str | None = None
        self.raw = False
        # The session and the raw file, each shown a page at a time once read.
        self._pagers: dict[str, Pager] = {}
        self._raw_asked = False

    def compose(self) -> ComposeResult:
        yield Header()
        loading = Content.styled(f"Loading {visible(self.path.name)}…", "$text-muted")
        with JumpScroll(id="detail-body"):
            yield Static(loading, id="detail-loading")
        with JumpScroll(id="detail-raw"):
            yield Static(loading, id="detail-raw-loading")
        yield AppFooter()

    def on_mount(self) -> None:
        self.sub_title = visible(f"Session · {self.path.name}")
        self.query_one("#detail-raw").display = False
        self.query_one("#detail-body").focus()
        self._load()

    # --- reading, off the UI thread -------------------------------------------------

    @work(thread=True, exclusive=True, group="detail-load", exit_on_error=False)
    def _load(self) -> None:
        try:
            session, error = self.context.store.load(self.path), None
            session = self._blindfold([session]).apply([session])[0]
        except SessionFileError as problem:
            session, error = None, str(problem)
        except Exception as problem:  # a hostile file never takes the screen down
            session, error = None, f"cannot be read: {problem!r}"
        self.post_message(self.Loaded(session, error))

    @work(thread=True, exclusive=True, group="detail-raw", exit_on_error=False)
    def _read_raw(self) -> None:
        listed = self.context.store.summaries([self.path])
        blind = self._blindfold(listed)
        if any(isinstance(item, SessionSummary) and blind.hides(item) for item in listed):
            self.post_message(self.RawRead(RAW_HIDDEN))
            return
        self.post_message(self.RawRead(raw_text(self.path)))

    def _blindfold(self, also: Sequence[object]) -> Blindfold:
        if self.blind is not None:
            return self.blind
        return your_blindfold(self.context.store, self.context.user, also)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.session, self.error = message.session, message.error
        body = self.query_one("#detail-body", VerticalScroll)
        body.query("#detail-loading").remove()
        self.refresh_bindings()
        if message.session is None:
            body.mount_all(self._error_widgets())
            return
        session = message.session
        self.sub_title = f"Session · {one_line(session.candidate.name)}"
        where = visible(shown_path(self.path))
        pieces = review_detail.session_pieces(session, where, self.context.bank.competency_name)
        self._pagers["body"] = Pager(pieces, *review_detail.session_size(session))
        self._show_more("body")

    @on(RawRead)
    def _raw_read(self, message: RawRead) -> None:
        self.query("#detail-raw-loading").remove()
        self._pagers["raw"] = Pager(raw_pieces(message.text), 0, len(message.text))
        self._show_more("raw")

    def _error_widgets(self) -> list[Widget]:
        return [
            Static(Content.assemble(("Cannot read ", "bold $error"),
                                    (visible(self.path.name), "bold")), id="detail-error"),
            Static(Content(visible(self.error or "")), classes="detail-section"),
            Static(Content.styled("t shows what the file holds; escape goes back.",
                                  "$text-muted")),
        ]  # fmt: skip

    def _show_more(self, view: str) -> None:
        """Lay out the next page of `view` ("body" or "raw"), then say what is left."""
        pager = self._pagers.get(view)
        if pager is None:  # not read yet
            return
        scroll = self.query_one(f"#detail-{view}", VerticalScroll)
        scroll.query(".detail-more").remove()
        widgets: list[Widget] = [piece.widget() for piece in pager.page(PAGE)]
        if not pager.done:
            widgets.append(Static(Content.styled(pager.left(), "bold $accent"),
                                  classes="detail-more"))  # fmt: skip
        scroll.mount_all(widgets)
        self.refresh_bindings()

    # --- actions -----------------------------------------------------------------------

    def action_formatted(self) -> None:
        self.action_raw()

    def action_raw(self) -> None:
        """Switch between the raw file and the session laid out (`t` either way)."""
        self.raw = not self.raw
        body = self.query_one("#detail-body")
        raw = self.query_one("#detail-raw")
        if self.raw and not self._raw_asked:
            self._raw_asked = True
            self._read_raw()
        body.display = not self.raw
        raw.display = self.raw
        (raw if self.raw else body).focus()
        self.refresh_bindings()

    def action_more(self) -> None:
        self._show_more("raw" if self.raw else "body")

    def action_scroll(self, lines: int) -> None:
        scroll = self.query_one("#detail-raw" if self.raw else "#detail-body", VerticalScroll)
        scroll.scroll_relative(y=lines, animate=False)

    def action_export(self) -> None:
        if self.session is None:
            still = self.error is None  # not read yet
            self.notify(
                "Still reading the file: export when it is shown."
                if still
                else "This file cannot be read, so there is nothing to export.",
                severity="warning",
            )
            return
        export_sessions(self, self.context, self.paths, [self.session])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "history":  # only a practice session has a practice history
            return self.session is not None and self.session.kind == "practice"
        if action == "more":
            pager = self._pagers.get("raw" if self.raw else "body")
            return pager is not None and not pager.done
        if action in ("raw", "formatted"):
            return (action == "formatted") == self.raw
        return True

    def action_history(self) -> None:
        from tpm_tui.screens.progress import ProgressScreen

        if self.session is not None:
            self.app.push_screen(ProgressScreen(self.context, self.session))

    def action_back(self) -> None:
        self.dismiss()
