"""tpm_tui/textual_internals.py: every private Textual API the app uses, checked by name.

After a Textual upgrade, run this file first (README: Upgrading Textual):

1. Each internal exists with the shape its workaround expects: a failure names
   the internal, the workaround and what to do.
2. The Textual code the terminal driver copies or leans on is fingerprinted: a
   failure names the function and what the driver relies on it for.
3. Each workaround fails safe: with its internal gone, the app still runs an
   interview (the fix steps aside) and says so once in the log.
4. No other module names a private Textual API, so this file sees them all.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
import pkgutil
import re
import signal
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import textual
from live_session_helpers import (
    FakeClock,
    begin,
    context_with,
    handled,
    live_session,
    saves_done,
    screen_text,
)
from ptyharness import PtyProcess, terminal_env
from textual import events
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.drivers._writer_thread import WriterThread
from textual.drivers.linux_driver import LinuxDriver
from textual.widget import Widget
from textual.widgets import OptionList, TextArea
from textual.widgets.option_list import Option

import tpm_tui
import tpm_tui.app as app_module
from tpm_tui import textual_internals
from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.screens.followups import FollowUpsScreen
from tpm_tui.screens.session import SessionScreen
from tpm_tui.storage.store import SessionStore
from tpm_tui.textual_internals import end_of_input, new_xterm_parser
from tpm_tui.widgets.notes import NotesEditor

UPGRADE = "then update textual_internals.py (README: Upgrading Textual)"


def need(found: bool, internal: str, workaround: str, todo: str = "") -> None:
    """Fail naming the internal, the workaround that relies on it and what to do."""
    assert found, (
        f"Textual's {internal} is gone or changed: textual_internals.{workaround} relies on "
        f"it. {todo or 'Find what replaced it upstream'}; {UPGRADE}."
    )


def params(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


# --- 1. each internal, with the shape its workaround expects -------------------


def test_widget_forward_event() -> None:
    need(
        params(Widget._forward_event) == ["self", "event"],
        "Widget._forward_event(event)",
        "forward_key (keys typed in a burst, widgets/keyroute.py)",
        "Find how the app now forwards a key it reads to the focused widget",
    )


def test_styles_cache_get_inner_outer_is_an_lru_cache() -> None:
    need(
        callable(getattr(StylesCache.get_inner_outer, "cache_clear", None)),
        "StylesCache.get_inner_outer.cache_clear",
        "forget_removed_styles (memory of removed widgets)",
        "If it is no longer an lru_cache (Textualize/textual#6665 fixed), delete the "
        "sweep and check tests/ui/test_memory.py",
    )


def test_xterm_parser_feeds_and_ticks() -> None:
    parser = new_xterm_parser(debug=False)
    need(
        parser is not None and callable(parser.feed) and callable(parser.tick),
        f"{textual_internals.XTERM_PARSER}.XTermParser(debug) with feed() and tick()",
        "new_xterm_parser (the driver's input loop, widgets/pasteparser.py)",
        "Compare LinuxDriver.run_input_thread with TerminalDriver's",
    )
    assert parser is not None
    assert [event.key for event in parser.feed("a") if isinstance(event, events.Key)] == ["a"]
    end_of_input(parser)
    end_of_input(parser)  # already at the end: Textual's ParseError is ignored
    need(
        hasattr(importlib.import_module(textual_internals.PARSER), "ParseError"),
        f"{textual_internals.PARSER}.ParseError",
        "end_of_input",
    )


def test_web_driver_builds_its_parser_from_its_module_name() -> None:
    module = importlib.import_module(textual_internals.WEB_DRIVER)
    source = inspect.getsource(module.WebDriver.run_input_thread)
    need(
        hasattr(module, "XTermParser") and "XTermParser(debug=self._debug)" in source,
        f"{textual_internals.WEB_DRIVER}.XTermParser, built by WebDriver.run_input_thread",
        "use_web_parser (a browser tab's keys, webdriver.py)",
        "Find how the web driver now builds its parser; tests/e2e/test_web_driver.py",
    )


async def test_linux_driver_output_file_and_job_control_handlers() -> None:
    saved = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        driver = LinuxDriver(App())
        need(
            hasattr(driver, textual_internals.DRIVER_OUTPUT),
            f"LinuxDriver.{textual_internals.DRIVER_OUTPUT} (the writer thread's file)",
            "set_driver_output (driver.py, fault 2)",
        )
        need(
            all(callable(signal.getsignal(number)) for number in saved),
            "LinuxDriver.__init__ installing SIGTSTP and SIGCONT handlers",
            "TerminalDriver._resume_on_sigcont (driver.py, fault 1)",
            "If Textual no longer resumes on every SIGCONT, delete the wrapper",
        )
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList("alpha", "beta")
        yield TextArea("notes")


async def test_option_list_rows() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        option_list = app.query_one(OptionList)
        workaround = "repaint_option_row (one checklist row repainted, widgets/checklist.py)"
        for name in (textual_internals.OPTION_LINES, textual_internals.OPTION_HEIGHTS):
            table = getattr(option_list, name, None)
            need(
                isinstance(table, dict) and sorted(table) == [0, 1],
                f"OptionList.{name} (option index -> lines)",
                workaround,
            )
        gutter = getattr(option_list, textual_internals.OPTION_GUTTER, None)
        need(
            callable(gutter) and isinstance(gutter(), int),
            f"OptionList.{textual_internals.OPTION_GUTTER}()",
            workaround,
        )
        renders = getattr(option_list, textual_internals.OPTION_RENDERS, None)
        need(
            callable(getattr(renders, "clear", None)),
            f"OptionList.{textual_internals.OPTION_RENDERS}.clear()",
            workaround,
        )
        set_prompt = getattr(Option, textual_internals.OPTION_SET_PROMPT, None)
        need(
            callable(set_prompt) and params(set_prompt) == ["self", "prompt"],
            f"Option.{textual_internals.OPTION_SET_PROMPT}(prompt)",
            workaround,
        )


async def test_watchers_of_the_app_theme() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        text_area = app.query_one(TextArea)
        watchers = getattr(app, textual_internals.WATCHERS, None)
        theme = watchers.get("theme", []) if isinstance(watchers, dict) else []
        need(
            any(isinstance(entry, tuple) and entry[0] is text_area for entry in theme),
            f"DOMNode.{textual_internals.WATCHERS} ({{attribute: [(node, callback)]}})",
            "forget_watcher (closed notes editors, widgets/notes.py)",
            "If a removed widget's watchers now go with it (Textualize/textual#6666), "
            "delete forget_watcher and check tests/ui/test_memory.py",
        )


# --- 2. the Textual code the terminal driver copies or leans on ----------------

# (Textual code, the first 16 hex digits of the SHA-256 of its source in 8.2.8,
#  what tpm_tui/driver.py relies on and what to check when it changes)
FINGERPRINTS: list[tuple[Callable[..., Any], str, str]] = [
    (
        LinuxDriver.__init__,
        "671887bbf938d1d8",
        "sets `self._file = sys.__stderr__` (set_driver_output replaces it) and installs "
        "its SIGTSTP and SIGCONT handlers (TerminalDriver wraps them, fault 1)",
    ),
    (
        LinuxDriver.start_application_mode,
        "7c41f5ba11a8ef05",
        "builds `WriterThread(self._file)` and signals the app's resume after a SIGTSTP",
    ),
    (
        LinuxDriver._sigtstp_application,
        "26c3c19ce1817e66",
        "suspends application mode, then stops the process: the SIGCONT that continues "
        "it is the one TerminalDriver lets resume (fault 1)",
    ),
    (
        LinuxDriver._sigcont_application,
        "1d7463a74df118a4",
        "resumes application mode on every SIGCONT, suspended or not (fault 1: if it "
        "now checks, TerminalDriver._resume_on_sigcont can go)",
    ),
    (
        LinuxDriver.disable_input,
        "6154c5a7c1743fe9",
        "joins only the latest input thread and clears the exit event again (why a "
        "second input thread outlives the app, fault 1)",
    ),
    (
        LinuxDriver.run_input_thread,
        "d796af6d69db337d",
        "TerminalDriver.run_input_thread is a copy of it with end of input handled: "
        "copy any change over (fault 3: if it now stops at end of input, as "
        "Textualize/textual#6690 proposes, ours can go)",
    ),
    (
        WriterThread.run,
        "314021aab4f52726",
        "dies on the first failed write (fault 2: if it now survives one, TerminalOutput can go)",
    ),
]


@pytest.mark.parametrize(
    ("code", "fingerprint", "relied_on"),
    FINGERPRINTS,
    ids=[code.__qualname__ for code, _, _ in FINGERPRINTS],
)
def test_textual_code_the_driver_relies_on_is_unchanged(
    code: Callable[..., Any], fingerprint: str, relied_on: str
) -> None:
    found = hashlib.sha256(inspect.getsource(code).encode()).hexdigest()[:16]
    assert found == fingerprint, (
        f"Textual's {code.__qualname__} changed: tpm_tui/driver.py relies on it, as it "
        f"{relied_on}. Re-check, then update the fingerprint to {found}."
    )


# --- 3. each workaround fails safe ---------------------------------------------

SIZE = (80, 24)


@pytest.fixture
def told(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> Callable[[], list[str]]:
    """What textual_internals logged in this test (each missing internal is said once)."""
    monkeypatch.setattr(textual_internals, "_told", set())

    def messages() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == textual_internals.__name__]

    return messages


@pytest.fixture
def context(make_context: Callable[..., AppContext]) -> AppContext:
    return context_with(make_context, FakeClock())


def saved(context: AppContext) -> Any:
    """The one session file, read back from disk."""
    (path,) = context.store.folder.glob("*.toml")
    return SessionStore(context.store.folder).load(path)


async def test_without_forwarding_a_burst_acts_as_in_plain_textual(
    context: AppContext, monkeypatch: pytest.MonkeyPatch, told: Callable[[], list[str]]
) -> None:
    monkeypatch.setattr(textual_internals, "FORWARD_EVENT", "_forward_event_gone")
    async with live_session(context) as (app, pilot, keeper):
        for key in "ex":  # one burst: `x` was queued to the checklist before `e` acted
            app.post_message(events.Key(key, key))
        await handled(
            pilot, lambda: app.focused is app.screen.query_one("#live-notes", NotesEditor)
        )
        assert keeper.session.questions[0].notes == ""  # `e` acted; the stale `x` went nowhere
        await pilot.press("o", "k", "escape", "1")
        for key in "r3":  # `3` was queued to the checklist before `r` opened the rating
            app.post_message(events.Key(key, key))
        await handled(pilot, lambda: keeper.session.questions[0].rating == 3)
        await pilot.press("ctrl+s")
        await saves_done(pilot)
        assert isinstance(app.screen, SessionScreen)
    question = saved(context).questions[0]
    # The stale `3` reached the bindings of the rating, which had focus by then.
    assert (question.notes, question.areas[0].covered, question.rating) == ("ok", True, 3)
    assert not question.areas[2].covered
    assert [m for m in told() if "_forward_event_gone" in m] != []
    assert len(told()) == 1


async def test_without_the_styles_cache_the_sweep_stops(
    context: AppContext, monkeypatch: pytest.MonkeyPatch, told: Callable[[], list[str]]
) -> None:
    # As if Textualize/textual#6665 were fixed: the method is no longer an lru_cache.
    monkeypatch.setattr(StylesCache, "get_inner_outer", StylesCache.get_inner_outer.__wrapped__)
    monkeypatch.setattr(app_module, "STYLES_SWEEP_SECONDS", 0.02)
    sweeps: list[bool] = []

    def counted() -> bool:
        sweeps.append(textual_internals.forget_removed_styles())
        return sweeps[-1]

    monkeypatch.setattr(app_module, "forget_removed_styles", counted)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context)
        app.open_session(keeper)
        await pilot.pause(0.3)  # many sweep periods
        await pilot.press("1")
        await pilot.pause()
        assert "[x] 1 " in screen_text(app)
        assert keeper.session.questions[0].areas[0].covered
    assert sweeps == [False]  # tried once, then the timer stopped
    assert len(told()) == 1 and "StylesCache.cache_clear" in told()[0]


async def test_without_option_list_internals_a_tick_repaints_the_list(
    context: AppContext, monkeypatch: pytest.MonkeyPatch, told: Callable[[], list[str]]
) -> None:
    monkeypatch.setattr(textual_internals, "OPTION_RENDERS", "_option_render_cache_gone")
    async with live_session(context) as (app, pilot, keeper):
        await pilot.press("1", "2", "2")
        await pilot.pause()
        rows = screen_text(app)
        assert "[x] 1 " in rows and "[ ] 2 " in rows
        assert [area.covered for area in keeper.session.questions[0].areas[:2]] == [True, False]
    assert len(told()) == 1 and "_option_render_cache_gone" in told()[0]


async def test_without_watchers_a_closed_editor_is_only_kept(
    context: AppContext, monkeypatch: pytest.MonkeyPatch, told: Callable[[], list[str]]
) -> None:
    monkeypatch.setattr(textual_internals, "WATCHERS", "__watchers_gone")
    async with live_session(context) as (app, pilot, _keeper):
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        await pilot.press("space", "e", "o", "k", "escape", "escape")  # its editor goes
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("ctrl+s")
        await saves_done(pilot)
    follow_up = saved(context).questions[0].follow_ups[0]
    assert (follow_up.asked, follow_up.notes) == (True, "ok")
    assert len(told()) == 1 and "__watchers_gone" in told()[0]


def test_without_the_parser_module_there_is_no_parser_of_ours(
    monkeypatch: pytest.MonkeyPatch, told: Callable[[], list[str]]
) -> None:
    monkeypatch.setitem(sys.modules, textual_internals.XTERM_PARSER, None)
    assert new_xterm_parser() is None
    assert new_xterm_parser() is None
    assert len(told()) == 1 and textual_internals.XTERM_PARSER in told()[0]


# The app in a real terminal with the driver's internals gone, as an upgrade that
# moved them would leave it: Textual's own input loop, parser and writer run.
WITHOUT_DRIVER_INTERNALS = """
import sys
import textual.drivers.linux_driver  # Textual's own driver keeps the parser it imported
import tpm_tui.textual_internals as internals
sys.modules[internals.XTERM_PARSER] = None
internals.DRIVER_OUTPUT = "_file_gone"
from tpm_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_without_the_driver_internals_an_interview_runs_in_a_terminal(tmp_path: Path) -> None:
    home, sessions = tmp_path / "home", tmp_path / "sessions"
    home.mkdir()
    pick = "technical-trade-off,data-informed-decision"
    argv = [sys.executable, "-c", WITHOUT_DRIVER_INTERNALS, "interview", "--candidate", "Jane"]
    argv += ["--pick", pick, "--sessions", str(sessions)]
    with PtyProcess(argv, env=terminal_env(home), cwd=home) as process:
        process.wait_for("Q 1/2", timeout=30)
        process.wait_quiet(0.3, timeout=5)
        process.press("1")
        process.wait_for("[x] 1 ", timeout=10)
        process.press("e")
        process.wait_for(re.compile(r"^ TYPING", re.MULTILINE), timeout=10)
        process.type("still fine")
        process.wait_for("still fine", timeout=10)
        process.press("escape")
        process.wait_for(re.compile(r"^ KEYS", re.MULTILINE), timeout=10)
        process.press("ctrl+q")
        assert process.wait(10) is not None
        assert process.exit_code == 0
    (path,) = sessions.glob("*.toml")
    question = SessionStore(sessions).load(path).questions[0]
    assert (question.notes, question.areas[0].covered) == ("still fine", True)


# --- 4. no other module names a private Textual API ----------------------------

PACKAGE = Path(tpm_tui.__file__).parent
FENCED = PACKAGE / "textual_internals.py"


def private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def private_names(paths: Iterator[Path], *, spelled: bool = False) -> set[str]:
    """Private names the code at `paths` defines: methods, attributes it assigns,
    class attributes (and with `spelled`, names it reaches with getattr/setattr/hasattr)."""
    names: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif (
                spelled
                and isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"getattr", "setattr", "hasattr"}
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                names.add(node.args[1].value)
    return {name for name in names if private(name)}


@cache
def textuals_private_names() -> frozenset[str]:
    return frozenset(private_names(Path(textual.__file__).parent.rglob("*.py"), spelled=True))


# textual-serve's internals (not Textual's: serve.py may not import Textual, which
# tests/unit/test_layers.py checks) are fenced in serve.py itself and checked by name
# in tests/unit/test_serve_internals.py.
SERVE = PACKAGE / "serve.py"


def ours() -> list[Path]:
    return [path for path in PACKAGE.rglob("*.py") if path not in (FENCED, SERVE)]


def other_modules(tree: ast.Module) -> set[str]:
    """Names bound to modules other than Textual's by `import x` in a file."""
    return {
        alias.asname or alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if not alias.name.startswith("textual")
    }


def test_only_textual_internals_names_a_private_textual_module_or_attribute() -> None:
    # A private name of Textual's that our own code never defines, reached on any
    # object or spelled as a string (getattr(app, "__watchers")), a private module,
    # or a handler named as Textual names its own (`_on_key`, run by the same rule).
    reached = textuals_private_names() - private_names(iter(ours()))
    found: list[str] = []
    for path in ours():
        where = path.relative_to(PACKAGE.parent)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        others = other_modules(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom | ast.Import):
                modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                modules += [alias.name for alias in getattr(node, "names", [])]
                for module in modules:
                    parts = module.split(".")
                    if parts[0] == "textual" and any(private(part) for part in parts):
                        found.append(f"{where}:{node.lineno} imports {module}")
            elif isinstance(node, ast.Attribute) and node.attr in reached:
                if isinstance(node.value, ast.Name) and node.value.id in others:
                    continue  # os._exit
                found.append(f"{where}:{node.lineno} uses .{node.attr}")
            elif isinstance(node, ast.Constant) and node.value in reached:
                found.append(f"{where}:{node.lineno} spells {node.value!r}")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (
                node.name.startswith("_on_")  # how Textual names its own handlers
            ):
                found.append(f"{where}:{node.lineno} defines {node.name} (use on_…)")
    assert found == [], "move these into tpm_tui/textual_internals.py, with a test here"


def test_no_class_of_ours_overrides_or_shadows_a_private_textual_name() -> None:
    # Defining `_on_key` on an App, `_file` on a driver, `_on_paste` on an Input:
    # each silently depends on (or replaces) Textual's private code of that name.
    found: list[str] = []
    for info in pkgutil.walk_packages(tpm_tui.__path__, prefix="tpm_tui."):
        if info.name in {"tpm_tui.__main__", "tpm_tui.serve", textual_internals.__name__}:
            continue
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == info.name):
                continue
            textuals = [base for base in cls.__mro__ if base.__module__.startswith("textual")]
            if not textuals:
                continue
            defined = private_names(iter([Path(inspect.getfile(cls))]))
            source = inspect.getsource(cls)
            for name in sorted(defined):
                if name not in vars(cls) and not re.search(rf"self\.{name}\b\s*[:=]", source):
                    continue  # defined elsewhere in the module, not by this class
                for base in textuals:
                    assigned = re.search(rf"self\.{name}\b\s*(:[^=\n]*)?=", _source(base))
                    if name in vars(base) or assigned:
                        found.append(f"{cls.__module__}.{cls.__name__}.{name} ({base.__name__})")
                        break
    assert found == [], "use a public name, or reach the private one through textual_internals"


@cache
def _source(cls: type) -> str:
    try:
        return inspect.getsource(cls)
    except (OSError, TypeError):
        return ""
