"""One past session, read-only: everything its file holds, laid out for reading.

`t` switches to the raw TOML file and back, `x` exports the session to Markdown,
`escape` goes back to the list. A file that cannot be read opens too: the screen
says why, and `t` still shows what the file holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from tpm_tui.config import AppContext
from tpm_tui.models import Session
from tpm_tui.screens.home import shown_path
from tpm_tui.screens.review import export_sessions
from tpm_tui.sessionfile import SessionFileError
from tpm_tui.store import MAX_FILE_BYTES
from tpm_tui.textsafe import visible
from tpm_tui.widgets import review_detail
from tpm_tui.widgets.footer import AppFooter


def raw_text(path: Path) -> str:
    """The file as it is on disk, for reading: bad bytes and controls made visible."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return f"(cannot read {path.name}: {error.strerror or error})"
    text = data[:MAX_FILE_BYTES].decode("utf-8", "replace")
    if len(data) > MAX_FILE_BYTES:
        text += "\n… (cut: the file is larger than a session file can be)"
    # Tabs kept; every other control but newline shown as a symbol, never sent raw.
    return visible(text.replace("\r\n", "\n"))


class DetailScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the list"),
        Binding("t", "raw", "Raw TOML", tooltip="Show the raw TOML file / the session"),
        Binding("x", "export", "Export", tooltip="Export this session to Markdown"),
        Binding("h", "history", "Practice history", tooltip="Its questions in earlier practice"),
        Binding("j", "scroll(1)", "Down", show=False, tooltip="Scroll down"),
        Binding("k", "scroll(-1)", "Up", show=False, tooltip="Scroll up"),
    ]

    def __init__(self, context: AppContext, path: Path, paths: tuple[Path, ...] = ()) -> None:
        super().__init__()
        self.context = context
        self.path = Path(path)
        self.paths = paths  # the files review was started with: where exports go
        self.session: Session | None = None
        self.error: str | None = None
        self.raw = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail-body"):
            yield from self._sections()
        with VerticalScroll(id="detail-raw"):
            yield Static("", id="detail-raw-text", markup=False)
        yield AppFooter()

    def _sections(self) -> list[Widget]:
        try:
            self.session = self.context.store.load(self.path)
        except SessionFileError as error:
            self.error = str(error)
            return [
                Static(Content.assemble(("Cannot read ", "bold $error"),
                                        (visible(self.path.name), "bold")), id="detail-error"),
                Static(Content(visible(self.error)), classes="detail-section"),
                Static(Content.styled("t shows what the file holds; escape goes back.",
                                      "$text-muted")),
            ]  # fmt: skip
        where = visible(shown_path(self.path))
        return list(
            review_detail.session_widgets(self.session, where, self.context.bank.competency_name)
        )

    def on_mount(self) -> None:
        name = self.session.candidate.name if self.session else self.path.name
        self.sub_title = visible(f"Session · {name}")
        self.query_one("#detail-raw").display = False
        self.query_one("#detail-body").focus()

    def action_raw(self) -> None:
        self.raw = not self.raw
        body = self.query_one("#detail-body")
        raw = self.query_one("#detail-raw")
        if self.raw:
            self.query_one("#detail-raw-text", Static).update(raw_text(self.path))
        body.display = not self.raw
        raw.display = self.raw
        (raw if self.raw else body).focus()

    def action_scroll(self, lines: int) -> None:
        scroll = self.query_one("#detail-raw" if self.raw else "#detail-body", VerticalScroll)
        scroll.scroll_relative(y=lines, animate=False)

    def action_export(self) -> None:
        if self.session is None:
            self.notify(
                "This file cannot be read, so there is nothing to export.", severity="warning"
            )
            return
        export_sessions(self, self.context, self.paths, [self.session])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "history":  # only a practice session has a practice history
            return self.session is not None and self.session.kind == "practice"
        return True

    def action_history(self) -> None:
        from tpm_tui.screens.progress import ProgressScreen

        if self.session is not None:
            self.app.push_screen(ProgressScreen(self.context, self.session))

    def action_back(self) -> None:
        self.dismiss()
