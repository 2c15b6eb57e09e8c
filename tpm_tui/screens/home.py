"""The home screen: new interview, practice, review, and resuming unfinished sessions."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tpm_tui.context import (
    AppContext,
    InterviewRequest,
    PracticeRequest,
    ResumeRequest,
    ReviewRequest,
)
from tpm_tui.domain.listing import SessionSummary
from tpm_tui.domain.textsafe import one_line, shown_path, visible
from tpm_tui.screens.host import ScreenHost
from tpm_tui.storage.lock import Holder, holder_of
from tpm_tui.widgets.footer import AppFooter

RESUME_PREFIX = "resume:"  # option ids of resume rows: "resume:" + the file's path
MAX_RESUME_ROWS = 8  # the newest; older ones stay reachable with `tpm-tui resume FILE`


def resume_label(summary: SessionSummary, holder: Holder | None = None) -> Content:
    """`Jane Doe · 2026-11-28 10:02 · Q2/3 · 5/21 areas`, the name shown literally;
    a session open in another process says so, and by whom, instead of "Resume"."""
    progress = f"Q{min(summary.current + 1, summary.questions)}/{summary.questions}"
    return Content.assemble(
        ("u  ", "bold $accent"),
        ("Open elsewhere " if holder else "Resume ", "bold $warning" if holder else "bold"),
        (one_line(summary.candidate, 28) or "(no name)", "bold"),
        f" · {summary.created_at.strftime('%Y-%m-%d %H:%M')}",
        f" · {progress} · {summary.areas_covered}/{summary.areas_total} areas",
        (" · practice" if summary.kind == "practice" else "", "$text-muted"),
        (f"\n   open in another terminal: {one_line(holder.describe())}" if holder else "",
         "$text-warning"),
    )  # fmt: skip


class HomeScreen(Screen[None]):
    """Where the app starts and where every finished or left screen lands."""

    app = getters.app(ScreenHost)  # typed: the app's own methods are checked

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "interview", "Interview"),
        Binding("p", "practice", "Practice"),
        Binding("r", "review", "Review"),
        Binding("u", "resume", "Resume"),
        # With nothing listed, `u` looks again (a session may have been started in
        # another terminal since the list was read) rather than doing nothing.
        Binding("u", "look_and_resume", "Resume", show=False),
        Binding("s", "stories", "Stories", tooltip="Your STAR stories for practice"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self._unfinished: list[SessionSummary] = []
        self._holders: dict[Path, Holder] = {}  # sessions open in another process

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-body"):
            yield Static(
                Content.assemble(("Structured behavioral interviews", "bold"),
                                 ("  ·  ↑↓ and enter, or press a key", "$text-muted")),
                id="home-title",
            )
            yield OptionList(id="home-menu", markup=False)
            yield Static(self._where(), id="home-where", markup=False)
        yield AppFooter()

    def _where(self) -> str:
        bank = self.context.bank
        count = len(bank.questions)
        return visible(
            f"Bank      {bank.title} · {count} question{'s' if count != 1 else ''}\n"
            f"          {shown_path(self.context.bank_path)}\n"
            f"Sessions  {shown_path(self.context.sessions_dir)}"
        )

    def on_mount(self) -> None:
        self._show_menu()
        self.query_one("#home-menu", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Shown (first time or again): a session may have been finished or left since.
        self._scan_unfinished()

    @work(thread=True, exclusive=True, group="home-scan", exit_on_error=False)
    def _scan_unfinished(self, then_resume: bool = False) -> None:
        # A reviewer's folder may hold thousands of files: never list it on the UI thread.
        store = self.context.store
        try:
            unfinished = store.unfinished()[:MAX_RESUME_ROWS]
        except OSError as error:  # an unreadable folder must not stop the app
            self.app.call_from_thread(
                self.notify, f"Cannot list {store.folder}: {error.strerror or error}",
                severity="error", markup=False,
            )
            unfinished = []
        holders = {s.path: who for s in unfinished if (who := holder_of(s.path)) is not None}
        self.app.call_from_thread(self._show_menu, unfinished, holders)
        if then_resume:
            self.app.call_from_thread(self.action_resume)

    def _show_menu(
        self,
        unfinished: list[SessionSummary] | None = None,
        holders: dict[Path, Holder] | None = None,
    ) -> None:
        if unfinished is not None:
            self._unfinished = unfinished
            self._holders = holders or {}
            self.app.tell_privacy()
        menu = self.query_one("#home-menu", OptionList)
        highlighted = menu.highlighted_option.id if menu.highlighted_option else None
        options: list[Option | None] = [
            Option(self._entry("i", "New interview", "set up and run a timed interview"),
                   id="interview"),
            Option(self._entry("p", "Practice", "a mock interview, answering alone"),
                   id="practice"),
            Option(self._entry("r", "Review", "read, compare and export past sessions"),
                   id="review"),
            Option(self._entry("s", "Stories", "your STAR stories, for practice"),
                   id="stories"),
        ]
        if self._unfinished:
            options.append(None)  # a divider above the resume rows
            for summary in self._unfinished:
                option_id = RESUME_PREFIX + str(summary.path)
                holder = self._holders.get(summary.path)
                options.append(Option(resume_label(summary, holder), id=option_id))
        menu.set_options(options)
        ids = [option.id for option in menu.options]
        menu.highlighted = ids.index(highlighted) if highlighted in ids else 0
        self.refresh_bindings()  # `u` shows only when there is something to resume

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return bool(self._unfinished)
        if action == "look_and_resume":
            return not self._unfinished
        return True

    def action_look_and_resume(self) -> None:
        self._scan_unfinished(then_resume=True)

    @staticmethod
    def _entry(key: str, label: str, hint: str) -> Content:
        return Content.assemble(
            (f"{key}  ", "bold $accent"), (f"{label:<15}", "bold"), (hint, "$text-muted")
        )

    @on(OptionList.OptionSelected, "#home-menu")
    def _open(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith(RESUME_PREFIX):
            self._resume(Path(option_id.removeprefix(RESUME_PREFIX)))
        elif option_id == "interview":
            self.action_interview()
        elif option_id == "practice":
            self.action_practice()
        elif option_id == "review":
            self.action_review()
        elif option_id == "stories":
            self.action_stories()

    # --- actions -------------------------------------------------------------------

    def action_interview(self) -> None:
        self.app.open_interview(InterviewRequest())

    def action_practice(self) -> None:
        self.app.open_practice(PracticeRequest())

    def action_stories(self) -> None:
        self.app.open_stories()

    def action_review(self) -> None:
        self.app.open_review(ReviewRequest())

    def action_resume(self) -> None:
        """The highlighted resume row, else the newest unfinished session."""
        option = self.query_one("#home-menu", OptionList).highlighted_option
        if option is not None and (option.id or "").startswith(RESUME_PREFIX):
            self._resume(Path((option.id or "").removeprefix(RESUME_PREFIX)))
        elif self._unfinished:
            self._resume(self._unfinished[0].path)
        else:
            self.notify("No unfinished session to resume.", severity="warning")

    def _resume(self, path: Path) -> None:
        # One way in, with `tpm-tui resume`: a session open elsewhere offers a take-over.
        if not self.app.open_resume(ResumeRequest(path)):
            self._scan_unfinished()  # finished or gone since it was listed
