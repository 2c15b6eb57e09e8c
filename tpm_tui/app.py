"""The Textual app: one factory for the command line and the tests, routing to screens."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tpm_tui.context import (
    AppContext,
    InterviewRequest,
    PracticeRequest,
    ResumeRequest,
    ReviewRequest,
    StoriesRequest,
)
from tpm_tui.domain.textsafe import visible, visible_line
from tpm_tui.keeper import (
    NothingToResume,
    SessionKeeper,
    begin_interview,
    cannot_create,
    resume_keeper,
)
from tpm_tui.screens.help import HELP_BINDING
from tpm_tui.screens.host import ScreenHost
from tpm_tui.shutdown import ExitWatchdog
from tpm_tui.storage.lock import SessionHeld, SessionLock, TakeOverFailed, take_over
from tpm_tui.textual_internals import forget_removed_styles
from tpm_tui.widgets.keyroute import route_stale_key

# How often the styles of removed widgets are let go (textual_internals.forget_removed_styles).
STYLES_SWEEP_SECONDS = 20.0


class TpmApp(ScreenHost):
    CSS_PATH = "tpm_tui.tcss"
    TITLE = "tpm-tui"

    # `?` and `f1` on every screen (a screen that binds them shows `?` in its footer; a
    # dialog must, as a modal screen cuts the app's bindings off); a text field
    # that has focus types it instead.
    BINDINGS: ClassVar[list[BindingType]] = [replace(HELP_BINDING, show=False)]

    def __init__(self, context: AppContext, exit_watchdog: ExitWatchdog | None = None) -> None:
        super().__init__()
        self.context = context
        self.sub_title = context.bank.title  # shown through format_title
        # The session being run, if any: saved on SIGHUP/SIGTERM and on leaving.
        self.active_keeper: SessionKeeper | None = None
        # Why the session asked for on the command line could not be created: the
        # app then exits with code 2, and the command line prints this on stderr.
        self.start_error: str | None = None
        # Given by the command line only: the process ends within 2 s of an exit signal.
        self.exit_watchdog = exit_watchdog
        # The unfinished session the app left open, saved: the command line names it
        # once the terminal is back (nothing on screen says so after an exit).
        self.left_saved: Path | None = None
        # The session `tpm-tui resume` opened before the app ran (see resolve_start).
        self._resumed: SessionKeeper | SessionHeld | None = None

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self._sweep_styles()
        start = self.context.start
        # Straight into a session or the review: home is built only when it is
        # left (go_home), so the first screen comes up sooner.
        if isinstance(start, InterviewRequest) and start.ready:
            self.open_interview(start)
            return
        if isinstance(start, PracticeRequest) and (self.open_practice(start) or self.start_error):
            return
        if self._resumed is not None:
            self._open_resumed(self._resumed)
            return
        if isinstance(start, ResumeRequest) and self.open_resume(start):
            return
        if isinstance(start, ReviewRequest):
            self.open_review(start)
            return
        if isinstance(start, StoriesRequest):
            self.open_stories()
            return
        self.push_screen(self._new_home())
        if isinstance(start, InterviewRequest):
            self.open_interview(start)  # the setup form, over home

    def _sweep_styles(self) -> None:
        """Let go, now and then, of removed widgets that a Textual cache still holds
        (a long session stays flat); stops for good if this Textual has no such cache."""

        def sweep() -> None:
            if not forget_removed_styles():
                timer.stop()

        timer = self.set_interval(STYLES_SWEEP_SECONDS, sweep)

    def _new_home(self) -> Screen[None]:
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
        """The session at once when the request names a candidate and questions,
        else the setup form, filled in with what the request has."""
        if not request.ready:
            self._set_up(request)
            return
        try:
            keeper = begin_interview(self.context, request)
        except OSError as error:
            self._not_created(error)
            return
        self.open_session(keeper)

    def _set_up(self, request: InterviewRequest, error: str = "") -> None:
        """The setup form; what it is dismissed with is begun here."""
        from tpm_tui.screens.setup import SetupScreen

        def filled(ready: InterviewRequest | None) -> None:
            if ready is None:
                return  # escape: back to home, beneath
            try:
                keeper = begin_interview(self.context, ready)
            except OSError as failure:
                # The form again, every field as it was, saying why.
                self._set_up(ready, cannot_create(self.context.store.folder, failure))
                return
            self.open_session(keeper)

        self.push_screen(SetupScreen(self.context, request, error), filled)

    def open_practice(self, request: PracticeRequest) -> bool:
        """Start a practice session; False (and a message) when it cannot be."""
        from tpm_tui.keeper import begin_practice

        try:
            keeper = begin_practice(self.context, request)
        except ValueError as error:  # nothing in the bank matches: stay on home
            self.notify(str(error), severity="error", markup=False)
            return False
        except OSError as error:
            self._not_created(error)
            return False
        self.open_session(keeper)
        return True

    def _not_created(self, error: OSError) -> None:
        """The new session's file could not be created: say so on home, or, when
        the command line asked for the session and there is no screen to go back
        to, exit with code 2 (the command line prints the message on stderr)."""
        message = cannot_create(self.context.store.folder, error)
        if len(self.screen_stack) > 1:
            self.notify(message, severity="error", markup=False, timeout=10)
            return
        self.start_error = message
        self.exit(return_code=2)

    def resolve_start(self) -> None:
        """Before the app runs, from the command line: open the session `tpm-tui resume`
        asks for now, so that NothingToResume is said there (exit code 2, a plain
        line) before any screen; the app then opens what was found."""
        start = self.context.start
        if isinstance(start, ResumeRequest):
            self._resumed = _find_resumable(self.context, start)

    def open_resume(self, request: ResumeRequest) -> bool:
        """Reopen an unfinished session, or offer to take it over from the terminal
        that has it open; False (and a message) when there is none."""
        try:
            found = _find_resumable(self.context, request)
        except NothingToResume as error:
            # Stay on home, which lists what can be resumed.
            self.notify(str(error), severity="error", markup=False)
            return False
        self._open_resumed(found)
        return True

    def _open_resumed(self, found: SessionKeeper | SessionHeld) -> None:
        self._resumed = None
        if isinstance(found, SessionHeld):
            self._offer_take_over(found)
        else:
            self.open_session(found)

    def _offer_take_over(self, held: SessionHeld) -> None:
        """Never a second writer: say who has the session, and offer to take it over."""
        from tpm_tui.dialogs.confirm import ConfirmDialog

        if len(self.screen_stack) < 2:
            self.push_screen(self._new_home())  # started as `tpm-tui resume`: home beneath
        where = visible(f"{held.path.name} is open in another terminal: {held.holder.describe()}.")
        if not held.holder.here:
            self.notify(f"{where} It is on another host: close it there to go on here.",
                        severity="warning", timeout=15, markup=False)  # fmt: skip
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.notify("Asking it to save and close…", timeout=3)
                self.run_worker(lambda: self._take_over(held), thread=True, exit_on_error=False)

        self.push_screen(
            ConfirmDialog(
                where,
                "Take it over? That terminal saves everything and closes, "
                "and the session opens here.",
            ),
            answered,
        )

    def _take_over(self, held: SessionHeld) -> None:
        """In a worker: wait (up to a few seconds) for the holder to let go."""
        try:
            lock = take_over(held.path, held.holder)
        except (TakeOverFailed, OSError) as error:
            message = f"Could not take over {held.path.name}: {error}"
            self.call_from_thread(self.notify, visible(message), severity="error", markup=False)
            return
        self.call_from_thread(self._open_taken, held.path, lock)

    def _open_taken(self, path: Path, lock: SessionLock) -> None:
        try:
            keeper = resume_keeper(self.context, path, lock=lock)
        except (NothingToResume, SessionHeld) as error:
            self.notify(visible(str(error)), severity="error", markup=False)
            return
        self.go_home()
        self.open_session(keeper)

    def open_review(self, request: ReviewRequest) -> None:
        from tpm_tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(self.context, request.paths))

    def open_stories(self) -> None:
        from tpm_tui.screens.stories import StoriesScreen

        self.push_screen(StoriesScreen(self.context))

    def action_help(self) -> None:
        """`?` or `f1` (screens/help.HELP_BINDING): the keys of the screen on top, and
        the guidance."""
        from tpm_tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen, self.context.bank))

    def tell_privacy(self) -> None:
        """Say what reading the sessions folder made private (or found open to others
        and could not change): after a scan, a resume, an export."""
        notice = self.context.store.privacy_notice()
        if notice:
            warning = notice.startswith("Warning") or "; Warning" in notice
            self.notify(notice, title="Sessions folder", timeout=10, markup=False,
                        severity="warning" if warning else "information")  # fmt: skip

    def open_session(self, keeper: SessionKeeper) -> None:
        """Run a live session, interview or practice, from its keeper (which holds
        the file's lock): the app owns it until the screen is left."""
        screen: Screen[bool]
        if keeper.session.kind == "practice":
            from tpm_tui.screens.practice import PracticeScreen

            screen, title = PracticeScreen(self.context, keeper), "Practice saved"
        else:
            from tpm_tui.screens.session import SessionScreen

            screen, title = SessionScreen(self.context, keeper), "Interview completed"
        self.active_keeper = keeper
        keeper.completed = self._share_completed
        self.tell_privacy()

        def left(completed: bool | None) -> None:
            self.active_keeper = None
            keeper.close()
            if completed:
                where = f"Saved to {keeper.path}"
                self.notify(f"{where}\n{keeper.notice}" if keeper.notice else where,
                            title=title, markup=False)  # fmt: skip
            self.go_home()

        self.push_screen(screen, left)

    def _share_completed(self, path: Path) -> None:
        """A session completed in a git folder is committed at once (and pushed with
        `sync = "auto"`), in a worker: git never runs on the UI thread."""
        from tpm_tui.storage.sync import is_shared

        if is_shared(self.context.sessions_dir):
            self.run_worker(self._share, thread=True, group="share", exit_on_error=False)

    def _share(self) -> None:
        from tpm_tui.storage.git import GitError
        from tpm_tui.storage.sync import Sharing, identity

        context = self.context
        sharing = Sharing(context.store, identity(context.user, context.settings.email))
        try:
            if context.settings.sync != "auto":
                sharing.commit_completed()
                return
            report = sharing.sync()  # which commits it first: kept here if the push fails
        except (GitError, OSError) as error:  # the commit stays here: the next sync pushes it
            self.call_from_thread(
                self.notify, f"{error}\nThe next sync (tpm-tui sync) shares it.",
                title="Not shared yet", severity="warning", timeout=10, markup=False,
            )  # fmt: skip
            return
        said = f"{len(report.up)} up, {len(report.down)} down"
        self.call_from_thread(self.notify, said, title="Synced with the team", markup=False)

    # --- no text from a file or the command line reaches the terminal raw -----

    def format_title(self, title: str, sub_title: str) -> Content:
        # The header shows the bank's title and screens' sub-titles, which quote
        # file names: an escape sequence there set the terminal's clipboard.
        return super().format_title(visible_line(title), visible_line(sub_title))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        # Every notification passes here (Widget.notify calls it); many quote a
        # file name or a save error.
        super().notify(
            visible(message), title=visible_line(title), severity=severity,
            timeout=timeout, markup=markup,
        )  # fmt: skip

    def on_key(self, event: events.Key) -> None:
        # Runs before App's own key handler (its bindings): a key typed in the same
        # burst as `e` or `r` types or rates instead of acting (widgets/keyroute.py).
        if route_stale_key(self.focused, event):
            event.prevent_default()

    # --- leaving safely -----------------------------------------------------

    def get_driver_class(self) -> type[Driver]:
        from tpm_tui.driver import driver_for

        return driver_for(super().get_driver_class())

    def _install_signal_handlers(self) -> None:
        """Save and exit on SIGHUP, SIGTERM and SIGINT (Textual installs no handler).

        Without one a dropped SSH link would lose what was typed since the last
        autosave. Only with the command line's watchdog: tests run no handlers.
        """
        watchdog = self.exit_watchdog
        if watchdog is None:
            return
        loop = asyncio.get_running_loop()  # on_mount runs in the app's loop

        def on_signal(code: int) -> None:
            # Inside a signal handler: hand the save to the event loop, between callbacks.
            with contextlib.suppress(RuntimeError):  # the loop is closed: the watchdog ends it
                loop.call_soon_threadsafe(self._exit_on_signal, code)

        watchdog.install(on_signal)

    def _exit_on_signal(self, code: int) -> None:
        watchdog = self.exit_watchdog
        # The watchdog never cuts this save short.
        with watchdog.saving() if watchdog else contextlib.nullcontext():
            self._leave_saved()
        self.exit(return_code=code)

    def save_active(self) -> bool:
        """Write the running session now; returns False when the save failed."""
        keeper = self.active_keeper
        return keeper is None or keeper.save_now()

    def _leave_saved(self) -> bool:
        """Save the running session before leaving, and note it (`left_saved`) if it
        was saved; returns False when the save failed."""
        saved = self.save_active()
        if saved and self.active_keeper is not None:
            self.left_saved = self.active_keeper.path
        return saved

    async def action_quit(self) -> None:
        # ctrl+q anywhere: everything is saved and the session stays resumable.
        if self._leave_saved():
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

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The actions the screen on top and the app bind themselves, by name; none of
        Textual's own (theme, screenshot, maximize, focus next, scroll left…), which
        mean nothing to an interviewer. Keys that pick by number (a tick of area N)
        are in help, not here: a name cannot say which N. One entry per name, its
        keys together; the line under it says what the name does not."""
        from tpm_tui.screens.help import LEAVE_TEXT

        own = {b.action for b in (*self.BINDINGS, *getattr(type(screen), "BINDINGS", ()))
               if isinstance(b, Binding)} | {"quit"}  # fmt: skip
        entries: dict[str, _PaletteEntry] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            action = binding.action
            if (
                not binding.description
                or not active.enabled
                or action not in own
                or active.node not in (screen, self)
                or key.removeprefix("alt+").isdigit()
            ):
                continue
            shown = binding.key_display or self.get_key_display(Binding(key, action))
            if action == "quit" and key == "ctrl+q":  # with a session open, it is kept
                leaving = self.active_keeper is not None
                title, what = ("Leave", LEAVE_TEXT) if leaving else ("Quit", None)
            else:
                title, what = binding.description, binding.tooltip
            entry = next((e for e in entries.values() if e.runs(action)), None)
            entry = entry or entries.setdefault(title, _PaletteEntry(action, active.node, what))
            if shown not in entry.keys:
                entry.keys.append(shown)
        for title, entry in entries.items():
            yield SystemCommand(
                title,
                entry.help(title),
                lambda action=entry.action, node=entry.node: self._run_bound(action, node),
            )

    def _run_bound(self, action: str, node: object) -> None:
        self.call_later(self.run_action, action, node)


@dataclass
class _PaletteEntry:
    """One command palette entry: what it runs and every key bound to it."""

    action: str
    node: object
    what: str | None  # the binding's tooltip: what its name does not say
    keys: list[str] = field(default_factory=list)

    def runs(self, action: str) -> bool:
        return self.action.removeprefix("app.") == action.removeprefix("app.")

    def help(self, title: str) -> str:
        """`Your STAR stories for practice (key: s)`, or just `key: i` when the only
        words would repeat the title."""
        keys = f"{'keys' if len(self.keys) > 1 else 'key'}: {' or '.join(self.keys)}"
        if not self.what or self.what.casefold() == title.casefold():
            return keys
        return f"{self.what} ({keys})"


def _find_resumable(context: AppContext, request: ResumeRequest) -> SessionKeeper | SessionHeld:
    """The keeper of the session to resume, or who holds it; NothingToResume when none."""
    try:
        return resume_keeper(context, request.path)
    except SessionHeld as held:
        return held


def make_app(context: AppContext, exit_watchdog: ExitWatchdog | None = None) -> TpmApp:
    """The one place an app is built, for the command line and the tests alike."""
    return TpmApp(context, exit_watchdog)
