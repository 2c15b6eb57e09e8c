"""The app's footer: Textual's `Footer`, drawn as one line instead of a widget per key.

Every screen uses `AppFooter` instead of `textual.widgets.Footer`; it looks and
behaves the same (the stylesheet's `Footer` rules still apply to it). Textual's
footer mounts a `FooterKey` widget per binding and builds them all again on
every focus change: on the session screen those nine widgets cost about 75 ms
of the start (styling and laying each out), and every rebuild repainted the
whole line. Here the keys are one rendered line, redrawn only when they change;
the command palette key, docked right as in Textual, is one small widget.
With the mouse on, a click on a key presses it and hovering shows its tooltip.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


class ShownKey(NamedTuple):
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class Span(NamedTuple):
    """The cells `start` to `end` (exclusive) of the line show `key`."""

    start: int
    end: int
    key: ShownKey


def press(app_widget: Widget, shown: ShownKey) -> None:
    """What a click on a footer key does (as Textual's FooterKey)."""
    if shown.enabled:
        app_widget.app.simulate_key(shown.key)
    else:
        app_widget.app.bell()


class PaletteKey(Widget):
    """The command palette's key, docked right with a rule before it (as in Textual)."""

    DEFAULT_CSS = """
    PaletteKey {
        dock: right;
        width: auto;
        height: 1;
        text-wrap: nowrap;
        padding-right: 1;
        border-left: vkey $foreground 20%;
    }
    """

    def __init__(self, shown: ShownKey) -> None:
        super().__init__()
        self.shown = shown
        self.tooltip = shown.tooltip

    def render(self) -> Text:
        footer = self.parent
        assert isinstance(footer, AppFooter)
        # Textual leaves this one key in its compact look: "^p palette".
        line, _ = footer.draw_keys([self.shown], compact=True)
        line.stylize_before(self.rich_style)
        return line

    def on_click(self) -> None:
        press(self, self.shown)


class AppFooter(Footer):
    """A `Footer` whose keys are one line of text (see the module docstring)."""

    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description"}
    DEFAULT_CSS = """
    AppFooter {
        text-wrap: nowrap;
        text-overflow: clip;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(show_command_palette=show_command_palette)
        self._keys: tuple[ShownKey, ...] = ()
        self._spans: list[Span] = []
        self._palette: ShownKey | None = None

    def compose(self) -> ComposeResult:
        if self._palette is not None:
            yield PaletteKey(self._palette)

    def on_mount(self) -> None:
        self._show_keys()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._show_keys()

    def _show_keys(self) -> None:
        """Read the screen's bindings; redraw only what changed (the palette key
        is rebuilt only when it appears, goes or changes)."""
        keys, palette = self._bindings_shown()
        if keys != self._keys:
            self._keys = keys
            self.refresh()
        if palette != self._palette:
            self._palette = palette
            self.call_later(self.recompose)

    def _bindings_shown(self) -> tuple[tuple[ShownKey, ...], ShownKey | None]:
        """The keys as Footer.compose lists them: the first binding of each action
        with `show`, and the command palette's key when it is to be shown."""
        app = self.app
        active = self.screen.active_bindings
        keys: dict[str, ShownKey] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in keys:
                display = app.get_key_display(binding)
                keys[binding.action] = ShownKey(
                    binding.key, display, binding.description, enabled, tooltip
                )
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, _ = found
                palette = ShownKey(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    binding.tooltip or binding.description,
                )
        return tuple(keys.values()), palette

    def draw_keys(self, keys: list[ShownKey], *, compact: bool = False) -> tuple[Text, list[Span]]:
        """As FooterKey.render draws each key: " key " then "description " (compact:
        "key" then " description"); a disabled key dim. With the cells each key
        covers, for the mouse."""
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        line = Text(no_wrap=True, end="")
        spans: list[Span] = []
        for shown in keys:
            start = line.cell_len
            dim = Style() if shown.enabled else Style(dim=True)
            key, description = (
                (shown.display, f" {shown.description}")
                if compact
                else (f" {shown.display} ", f"{shown.description} ")
            )
            line.append(key, key_style + dim)
            if shown.description:
                line.append(description, description_style + dim)
            spans.append(Span(start, line.cell_len, shown))
        return line, spans

    def render(self) -> Text:
        line, self._spans = self.draw_keys(list(self._keys))
        line.stylize_before(self.rich_style)
        return line

    def _key_at(self, x: int) -> ShownKey | None:
        for start, end, shown in self._spans:
            if start <= x < end:
                return shown
        return None

    def on_click(self, event: events.Click) -> None:
        shown = self._key_at(event.x)
        if shown is not None:
            press(self, shown)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        shown = self._key_at(event.x)
        self.tooltip = (shown.tooltip or shown.description) if shown else None
