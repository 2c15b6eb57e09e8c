"""Help for any screen: its keys, read from its bindings, and the bank's guidance.

Nobody keeps a key table by hand: the keys are the source screen's active
bindings when help opened (so they are the ones that really work there), plus
the two-key sequences it lists in a `KEY_SEQUENCES` class attribute of
`(keys, what they do)` pairs.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from tpm_tui.domain.models import Bank
from tpm_tui.domain.textsafe import visible
from tpm_tui.widgets.checklist import HORIZONTAL_ACTIONS
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.jumpscroll import JumpScroll

KEY_WIDTH = 14
# Textual's own words for ctrl+q ("return to the command prompt") miss what matters here.
LEAVE_TEXT = "Leave at once: everything is saved, resume later"
QUIT_TEXT = "Quit tpm-tui"  # with no session open (review, compare, calibration): nothing to resume

# `?` on every screen that has help: the app opens it over whatever screen is on top.
# `f1` too, as a text field types `?` (the setup form opens in one); the footer
# shows the first key of an action only, so `?` there.
HELP_BINDING = Binding(
    "question_mark,f1", "app.help", "Help", tooltip="Every key, and interviewing guidance"
)

# Where a row goes: the screen's own keys, its key sequences, the focused
# widget's keys, Textual's screen keys (tab, copy), then the app's.
OWN, SEQUENCE, WIDGET, SCREEN, APP = range(5)


def _span(keys: list[str]) -> list[str]:
    """Runs of three or more consecutive digits, with the same modifiers, shown as
    one range: "1-9", "alt+1-9"."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        out.extend([f"{run[0]}-{run[-1][-1]}"] if len(run) > 2 else run)
        run.clear()

    for key in keys:
        digit = key[-1:].isdigit() and not key[-2:-1].isdigit()
        if digit and run and key[:-1] == run[-1][:-1] and int(key[-1]) == int(run[-1][-1]) + 1:
            run.append(key)
            continue
        flush()
        (run if digit else out).append(key)
    flush()
    return out


def leave_text(app: Any) -> str:
    """What ctrl+q does: with a session open it is saved and stays resumable."""
    return LEAVE_TEXT if getattr(app, "active_keeper", None) is not None else QUIT_TEXT


def _means_nothing(screen: Screen[Any], active: ActiveBinding) -> bool:
    """Textual's generic keys that do nothing useful on this screen as it is: moving
    sideways in a widget that cannot, focus next with one place to focus, copying
    when nothing is selected (selecting takes a mouse)."""
    action = active.binding.action
    if action in HORIZONTAL_ACTIONS:
        node = active.node
        return not (isinstance(node, Widget) and node.allow_horizontal_scroll)
    if action in ("app.focus_next", "app.focus_previous", "focus_next", "focus_previous"):
        return len(screen.focus_chain) < 2
    if action == "screen.copy_text":
        return not screen.get_selected_text()
    return False


def key_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, what they do) for every described binding active on `screen` that
    means something there, and the screen's `KEY_SEQUENCES`."""
    own = {b.action for b in getattr(type(screen), "BINDINGS", ()) if isinstance(b, Binding)}

    def rank(active: ActiveBinding) -> int:
        if active.node is screen:
            return OWN if active.binding.action in own else SCREEN
        return APP if active.node is screen.app else WIDGET

    groups: dict[tuple[int, str, str], list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or not active.enabled or _means_nothing(screen, active):
            continue
        shown = screen.app.get_key_display(Binding(key, binding.action))
        what = leave_text(screen.app) if shown == "^q" else binding.tooltip or binding.description
        # tick(1)…tick(9) are one action with a parameter: one row.
        name = binding.action.split("(", 1)[0]
        groups.setdefault((rank(active), name, what), []).append(shown)
    rows = [(place, ", ".join(_span(keys)), what) for (place, _, what), keys in groups.items()]
    rows.extend((SEQUENCE, keys, what) for keys, what in getattr(screen, "KEY_SEQUENCES", ()))
    return [(keys, what) for _, keys, what in sorted(rows, key=lambda row: row[0])]


def keys_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=KEY_WIDTH, no_wrap=True)
    table.add_column(ratio=1)
    for keys, what in rows:
        # Text objects: nothing here is parsed as markup.
        table.add_row(Text(keys, style="bold"), Text(what))
    return table


def guidance_content(bank: Bank) -> Content:
    parts: list[Content] = []
    for item in bank.guidance:
        parts.append(Content.styled(visible(item.question), "bold"))
        parts.append(Content(visible(item.answer)))
        parts.append(Content(""))
    return Content("\n").join(parts)


class HelpScreen(ModalScreen[None]):
    """Every key of `source` and the bank's interviewing guidance; escape, ? or f1 closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark,f1", "close", "Close", show=False),
    ]

    def __init__(self, source: Screen[Any], bank: Bank) -> None:
        super().__init__()
        # Read now: once help is on top, what is focused below may change.
        self.rows = key_rows(source)
        self.bank = bank

    def compose(self) -> ComposeResult:
        with JumpScroll(id="help-body"):
            yield Static(Content.styled("Keys", "bold underline"), classes="help-heading")
            yield Static(keys_table(self.rows), id="help-keys")
            if self.bank.guidance:
                yield Static(
                    Content.styled("Interviewing guidance", "bold underline"),
                    classes="help-heading",
                )
                yield Static(guidance_content(self.bank), id="help-guidance")
        yield AppFooter(show_command_palette=False)

    def on_mount(self) -> None:
        body = self.query_one("#help-body")
        body.border_title = "Help — escape closes, up/down scroll"
        body.focus()

    def action_close(self) -> None:
        self.dismiss(None)
