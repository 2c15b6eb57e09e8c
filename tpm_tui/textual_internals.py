"""Every private Textual API tpm-tui relies on, in this one module (Textual 8.2.x).

Textual's private names (a leading underscore, a `textual._x` module, a
name-mangled attribute) can change in any release. Each one the app uses is
reached through a small function here, with what Textual does, why we need it
(with the measured reason) and how to tell when it can go. The rest of the
package calls these functions and never names a private Textual API (a test
checks that too).

`tests/ui/test_textual_internals.py` checks each one by name against the installed
Textual: after an upgrade, its failures say which workaround to re-check (see
"Upgrading Textual" in the README; pyproject.toml pins Textual below 8.3).

Every workaround fails safe. When an internal is gone, its function says so
once (a warning on this module's logger) and returns a value that sends the
caller down Textual's ordinary, public path: the app works as plain Textual
would, without the fix, and a running interview never crashes on it.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, Protocol

from textual import events
from textual.message import Message

if TYPE_CHECKING:
    from textual.content import Content
    from textual.dom import DOMNode
    from textual.driver import Driver
    from textual.widget import Widget
    from textual.widgets import OptionList

log = logging.getLogger(__name__)
# Nothing reaches the terminal the app draws on: the warning is for a configured
# logger (tests, `textual console` with textual.logging.TextualHandler).
log.addHandler(logging.NullHandler())

# The private attribute names, each spelled once. The fail-safe tests replace
# one with a name that does not exist, as an upgrade that renamed it would.
FORWARD_EVENT = "_forward_event"  # Widget
WATCHERS = "__watchers"  # DOMNode, set by textual.reactive._watch (not mangled)
OPTION_LINES = "_index_to_line"  # OptionList: option index -> first line
OPTION_HEIGHTS = "_heights"  # OptionList: option index -> lines
OPTION_GUTTER = "_get_left_gutter_width"  # OptionList method
OPTION_RENDERS = "_option_render_cache"  # OptionList: rendered strips per option
OPTION_SET_PROMPT = "_set_prompt"  # Option method
DRIVER_OUTPUT = "_file"  # LinuxDriver: the file its WriterThread writes to
XTERM_PARSER = "textual._xterm_parser"  # module of XTermParser
PARSER = "textual._parser"  # module of ParseError
WEB_DRIVER = "textual.drivers.web_driver"  # its input thread builds `XTermParser(debug=…)`

_told: set[str] = set()


class Missing(Exception):
    """A private Textual name this module relies on is gone (already logged)."""


def _gone(internal: str, without_it: str) -> None:
    """Say once per run that `internal` is gone and what the app does without it."""
    if internal in _told:
        return
    _told.add(internal)
    log.warning(
        "Textual's private %s is gone or changed: %s. "
        "Run tests/ui/test_textual_internals.py (README: Upgrading Textual).",
        internal,
        without_it,
    )


def _private(obj: object, name: str, owner: str, without_it: str) -> Any:
    """`obj.<name>`, or Missing (said once) when this Textual has no such attribute."""
    try:
        return getattr(obj, name)
    except AttributeError:
        _gone(f"{owner}.{name}", without_it)
        raise Missing(name) from None


# --- keys typed in a burst (widgets/keyroute.py) ------------------------------
#
# What Textual does: the app forwards each key it reads to the widget focused at
# that moment (`Widget._forward_event`: mark the event forwarded, post it). A
# key that moves focus (`e` for notes, `r` for a rating) is acted on only after
# the keys behind it in the same burst were forwarded to the old widget.
# Why: a fast typist or a laggy SSH link sends `e` then "nice" in one read, and
# `n`, `i`, `c`, `e` then ran as actions instead of typing. keyroute hands such
# a key on to the widget that has focus now, marked forwarded as the app marks
# it (public `post_message` would not: a key bubbling back up unmarked is
# forwarded by the app again instead of reaching the bindings).
# When it can go: when Textual delivers queued keys to the widget focused when
# each is handled. Check: make `route_stale_key` return False and run
# tests/ui/test_key_bursts.py and test_pty.py::test_typing_that_arrives_with_e_goes_into_the_notes.
# Without it: the key acts on the bindings as in plain Textual.


def forward_key(widget: Widget, key: events.Key) -> bool:
    """Send `widget` a copy of `key` as the app sends a key it reads; False when
    this Textual cannot (the caller then leaves the key to Textual)."""
    try:
        forward = _private(widget, FORWARD_EVENT, "Widget", "keys typed in a burst act as keys")
    except Missing:
        return False
    forward(events.Key(key.key, key.character))
    return True


# --- styles of removed widgets (app.py, every STYLES_SWEEP_SECONDS) ----------
#
# What Textual does: `StylesCache.get_inner_outer` is memoized with
# `lru_cache(1024)` on the method, so its keys hold each widget's StylesCache,
# with its rendered lines, after the widget is gone (Textualize/textual#6665).
# Why: every follow-ups visit or footer rebuild adds some; RSS grew by ~6 MB
# over the first ~8 minutes of a session. It is only a cache (two Style objects
# per widget, recomputed at the next paint), so emptying it now and then keeps a
# long session flat.
# When it can go: when #6665 is fixed (the method no longer an `lru_cache`, and
# the internals test says so); then check tests/ui/test_memory.py and the flat
# memory line of bench/tui.py.
# Without it: the sweep stops; memory grows as in plain Textual.


def forget_removed_styles() -> bool:
    """Empty Textual's styles cache; False (said once) when it is not there, so
    the caller can stop sweeping."""
    without_it = "removed widgets' styles are kept (memory grows slowly)"
    try:
        from textual._styles_cache import StylesCache
    except ImportError:
        _gone("textual._styles_cache", without_it)
        return False
    try:
        clear = _private(StylesCache.get_inner_outer, "cache_clear", "StylesCache", without_it)
    except Missing:
        return False
    clear()
    return True


# --- one checklist row repainted alone (widgets/checklist.py) ------------------
#
# What Textual does: `OptionList.replace_option_prompt_at_index` forgets the
# rendering of every row, measures them all again and repaints the whole list.
# Why: a tick cost ~2 KB of terminal output and ~2 ms more per key (re-measured
# in a pty at 80x24, ticking the highlighted row: 514 B in place, 1,995 B through
# the public call). No public API repaints one option, so when the row keeps its
# height this sets the prompt, drops the cached strips (rendered again lazily:
# only this row, now) and repaints that row's lines alone.
# When it can go: when OptionList repaints one replaced prompt by itself.
# Check: set OPTION_RENDERS to a missing name and tick the highlighted row in a
# pty (bench/ptyrun.py `bytes_between`): about 500 B means the public call is enough.
# Without it: the public call repaints the whole list.


def repaint_option_row(option_list: OptionList, index: int, prompt: Content) -> bool:
    """Give row `index` the new `prompt` and repaint that row alone. False (nothing
    changed) when it cannot: the row's height changes, the list is not laid out
    yet, or this Textual lacks an internal; the caller then uses the public call."""
    without_it = "a tick repaints the whole checklist"
    try:
        line = _private(option_list, OPTION_LINES, "OptionList", without_it)[index]
        height = _private(option_list, OPTION_HEIGHTS, "OptionList", without_it)[index]
        gutter = _private(option_list, OPTION_GUTTER, "OptionList", without_it)()
        renders = _private(option_list, OPTION_RENDERS, "OptionList", without_it)
        option = option_list.get_option_at_index(index)
        set_prompt = _private(option, OPTION_SET_PROMPT, "Option", without_it)
    except (Missing, KeyError):  # KeyError: not laid out yet
        return False
    padding = option_list.get_component_styles("option-list--option").padding
    width = option_list.scrollable_content_region.width - gutter - padding.width
    # Measured as OptionList measures its rows (its styles stand for the rules).
    if prompt.get_height(option_list.styles, width) != height:  # type: ignore[arg-type]
        return False
    set_prompt(prompt)
    renders.clear()  # rows are rendered again only when repainted: just this one, now
    option_list.refresh_lines(line, height)
    return True


# --- watchers of removed widgets (widgets/notes.py) ---------------------------
#
# What Textual does: `DOMNode.watch(other, ...)` appends (node, callback) to a
# list on `other` (`__watchers`, set with setattr so not name-mangled) and
# prunes a removed node's entry only when the watched value next changes
# (Textualize/textual#6666); there is no public way to stop watching.
# Why: every TextArea watches `app.theme`, so every notes editor of every
# visited follow-ups or summary screen stayed in memory (tests/ui/test_memory.py).
# (widgets/footer.py works around the same leak for `data_bind` with public API.)
# When it can go: when #6666 is fixed, or Textual offers a way to stop watching;
# tests/ui/test_memory.py then passes without it.
# Without it: closed editors stay in memory until the theme changes.


def forget_watcher(watched: DOMNode, attribute: str, node: DOMNode) -> None:
    """Drop `node`'s watch of `watched.<attribute>` (as if `node` had never watched)."""
    without_it = "closed notes editors stay in memory"
    try:
        watchers = _private(watched, WATCHERS, "DOMNode", without_it)
        entries = watchers.get(attribute)
        if entries:
            entries[:] = [(owner, callback) for owner, callback in entries if owner is not node]
    except Missing:
        return
    except (AttributeError, TypeError, ValueError):  # not a dict of (node, callback) lists
        _gone(f"DOMNode.{WATCHERS} (its shape)", without_it)


# --- the terminal driver and its parser (driver.py, widgets/pasteparser.py) ---
#
# driver.py keeps its own module (a copy of LinuxDriver's input loop, three
# hang-up faults fixed: see its docstring, with the measured reason); the
# private names it needs are reached from here: the file LinuxDriver's writer
# thread writes to (fault 2) and Textual's XTermParser, in a private module,
# which pasteparser.PasteParser wraps (ESC inside a bracketed paste). Fault 1 is
# fixed with public `signal` calls. Without the parser, the driver runs Textual's
# own input loop and parser; without the writer's file, Textual's own output.
# When each can go: the notes of the fingerprints in tests/ui/test_textual_internals.py
# (fault 3: Textualize/textual#6690 stops the input loop spinning at end of input).


class TerminalParser(Protocol):
    """What the driver's input loop needs of a parser (Textual's XTermParser has it)."""

    def feed(self, data: str) -> Iterable[Message]: ...

    def tick(self) -> Iterable[Message]: ...


def _private_in(module_name: str, name: str, without_it: str) -> tuple[Any, Any]:
    """The module `module_name` and its `name`, or Missing (said once) when either is gone."""
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        _gone(module_name, without_it)
        raise Missing(module_name) from None
    return module, _private(module, name, module_name, without_it)


def new_xterm_parser(debug: bool = False) -> TerminalParser | None:
    """Textual's own terminal parser; None (said once) when this Textual has moved it."""
    without_it = "the input loop and parser are Textual's own (no hang-up fix, no ESC in pastes)"
    try:
        _, parser_class = _private_in(XTERM_PARSER, "XTermParser", without_it)
    except Missing:
        return None
    parser: TerminalParser = parser_class(debug)
    return parser


def end_of_input(parser: TerminalParser) -> None:
    """Feed the parser the end of input and drop what it gives, ignoring the
    `ParseError` it raises when it already reached the end (as LinuxDriver does)."""
    errors: tuple[type[Exception], ...]
    try:
        errors = (EOFError, importlib.import_module(PARSER).ParseError)
    except (ImportError, AttributeError):
        errors = (EOFError, Exception)  # leaving anyway: nothing is lost
    with suppress(*errors):
        for _event in parser.feed(""):
            pass


# The web driver (a browser tab, webdriver.py) builds its parser in its input
# thread from its module's global name `XTermParser`, the private class above:
# with no way to hand it another, the name is pointed at a factory of
# PasteParsers for this process (one driver a process; set before the thread
# starts). Without it, the browser's keys are parsed as in plain Textual (alt+2
# in the notes types ™, escape then a key is alt+key).
# When it can go: when WebDriver takes a parser, or reads ESC+digit as alt+digit.


def use_web_parser(wrap: Callable[[TerminalParser], TerminalParser]) -> bool:
    """Have Textual's web driver parse its input with `wrap(its own parser)`; False
    (said once) when this Textual's web driver no longer builds an `XTermParser`."""
    without_it = "a browser tab's keys are parsed as in plain Textual"
    try:
        module, textuals = _private_in(WEB_DRIVER, "XTermParser", without_it)
    except Missing:
        return False
    if getattr(textuals, "_tpm_wrapped", False):
        return True  # already (a second app in this process: the tests)

    def parser(debug: bool = False) -> TerminalParser:
        made: TerminalParser = textuals(debug=debug)
        return wrap(made)

    parser._tpm_wrapped = True  # type: ignore[attr-defined]
    setattr(module, "XTermParser", parser)  # noqa: B010 (a module name, replaced)
    return True


def set_driver_output(driver: Driver, output: object) -> bool:
    """Make `output` the file LinuxDriver's writer thread writes to (set in its
    `__init__`, read when application mode starts); False (said once) when this
    Textual's driver has no such attribute: its writer then writes as before."""
    try:
        _private(driver, DRIVER_OUTPUT, "LinuxDriver", "output is written as in plain Textual")
    except Missing:
        return False
    setattr(driver, DRIVER_OUTPUT, output)
    return True
