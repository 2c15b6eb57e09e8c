"""The Textual app: one factory for the command line and the tests, routing to screens."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen

from tpm_tui.config import (
    AppContext,
    InterviewRequest,
    PracticeRequest,
    ResumeRequest,
    ReviewRequest,
)
from tpm_tui.keeper import NothingToResume, SessionKeeper, begin_interview, resume_keeper
from tpm_tui.widgets.keyroute import route_stale_key
from tpm_tui.widgets.pasteparser import use_paste_parser

# The app saves and exits on these: Textual installs no handler, so without one a
# dropped SSH link (SIGHUP) would lose what was typed since the last autosave.
EXIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
# How often the styles of removed widgets are let go (see _forget_removed_styles).
STYLES_SWEEP_SECONDS = 20.0


class TpmApp(App[None]):
    CSS_PATH = "tpm_tui.tcss"
    TITLE = "tpm-tui"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.sub_title = context.bank.title
        # The session being run, if any: saved on SIGHUP/SIGTERM and on leaving.
        self.active_keeper: SessionKeeper | None = None

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self.set_interval(STYLES_SWEEP_SECONDS, _forget_removed_styles)
        start = self.context.start
        # Straight into a session or the review: home is built only when it is
        # left (go_home), so the first screen comes up sooner.
        if isinstance(start, InterviewRequest) and start.ready:
            self.open_interview(start)
            return
        if isinstance(start, PracticeRequest) and self.open_practice(start):
            return
        if isinstance(start, ResumeRequest) and self.open_resume(start):
            return
        if isinstance(start, ReviewRequest):
            self.open_review(start)
            return
        self.push_screen(self._new_home())
        if isinstance(start, InterviewRequest):
            self.open_interview(start)  # the setup form, over home

    def _new_home(self) -> Screen:
        from tpm_tui.screens.home import HomeScreen

        return HomeScreen(self.context)

    def go_home(self) -> None:
        """Leave whatever is open for the home screen: every screen leaves this way.

        Pops down to home when it is underneath; when the app started straight
        into a session or the review there is none yet, so one replaces them.
        """
        from tpm_tui.screens.home import HomeScreen

        stack = self.screen_stack
        homes = [index for index, screen in enumerate(stack) if isinstance(screen, HomeScreen)]
        keep = homes[-1] + 1 if homes else 2  # [default screen, home or the first opened]
        while len(self.screen_stack) > keep:
            self.pop_screen()
        if not homes:
            if len(self.screen_stack) < 2:
                self.push_screen(self._new_home())
            else:
                self.switch_screen(self._new_home())

    # --- where each command lands -------------------------------------------

    def open_interview(self, request: InterviewRequest) -> None:
        if request.ready:
            self.open_session(begin_interview(self.context, request))
            return
        from tpm_tui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(self.context, request))

    def open_practice(self, request: PracticeRequest) -> bool:
        """Start a practice session; False (and a message) when nothing matches."""
        from tpm_tui.practice import begin_practice

        try:
            keeper = begin_practice(self.context, request)
        except ValueError as error:  # nothing in the bank matches: stay on home
            self.notify(str(error), severity="error", markup=False)
            return False
        self.open_session(keeper)
        return True

    def open_resume(self, request: ResumeRequest) -> bool:
        """Reopen an unfinished session; False (and a message) when there is none."""
        try:
            keeper = resume_keeper(self.context, request.path)
        except NothingToResume as error:
            # Stay on home, which lists what can be resumed.
            self.notify(str(error), severity="error", markup=False)
            return False
        self.open_session(keeper)
        return True

    def open_review(self, request: ReviewRequest) -> None:
        from tpm_tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(self.context, request.paths))

    def open_session(self, keeper: SessionKeeper) -> None:
        """Run a live session, interview or practice, from its keeper."""
        if keeper.session.kind == "practice":
            from tpm_tui.screens.practice import PracticeScreen

            self.push_screen(PracticeScreen(self.context, keeper))
        else:
            from tpm_tui.screens.session import SessionScreen

            self.push_screen(SessionScreen(self.context, keeper))

    async def _on_key(self, event: events.Key) -> None:
        # Runs before App._on_key's bindings: a key typed in the same burst as
        # `e` or `r` types or rates instead of acting (see widgets/keyroute.py).
        if route_stale_key(self.focused, event):
            event.prevent_default()

    # --- leaving safely -----------------------------------------------------

    def _install_signal_handlers(self) -> None:
        loop = self._loop
        if loop is None:
            return
        for number in EXIT_SIGNALS:
            # Not the main thread (some test runners) or no signals here: carry on.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self._on_exit_signal)

    def _on_exit_signal(self) -> None:
        self.save_active()
        self.exit()

    def save_active(self) -> bool:
        """Write the running session now; returns False when the save failed."""
        keeper = self.active_keeper
        return keeper is None or keeper.save_now()

    async def action_quit(self) -> None:
        # ctrl+q anywhere: everything is saved and the session stays resumable.
        if self.save_active():
            self.exit()
            return
        # The disk refused the save: quitting now would lose what is only in memory.
        from tpm_tui.dialogs.confirm import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):
            return  # already asking

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        keeper = self.active_keeper
        self.push_screen(
            ConfirmDialog(
                "The last save failed: quit anyway and lose unsaved changes?",
                keeper.error if keeper is not None and keeper.error else "",
            ),
            answered,
        )

    # --- the command palette offers the screen's own actions ------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"{binding.tooltip or binding.description} (key: {binding.key_display or key})",
                lambda action=binding.action, node=active.node: self._run_bound(action, node),
            )

    def _run_bound(self, action: str, node: object) -> None:
        self.call_later(self.run_action, action, node)


def _forget_removed_styles() -> None:
    """Let go of removed widgets that a Textual cache still holds.

    Textual 8.2.8 memoizes `StylesCache.get_inner_outer` with `lru_cache(1024)`
    on the method, so the key holds each widget's StylesCache, with its rendered
    lines, after the widget is gone: every follow-ups visit or footer rebuild
    adds some, and RSS grows by ~6 MB over the first ~8 minutes of a session.
    It is only a cache (two Style objects per widget, recomputed at the next
    paint), so emptying it now and then keeps a long session flat.
    """
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()


def make_app(context: AppContext) -> TpmApp:
    """The one place an app is built, for the command line and the tests alike."""
    use_paste_parser()  # a paste holding ESC arrives whole (widgets/pasteparser.py)
    return TpmApp(context)
