"""Keys typed in a burst reach the widget they were typed for.

Textual forwards each key to the widget that has focus when the key arrives,
and a key that moves focus (`e` for notes, `r` for a rating) is acted on only
after the keys behind it in the same burst were forwarded to the old widget.
Bursts are common: a fast typist, or a laggy SSH link delivering several keys in
one packet. Without this, `e` then "nice" would run `n` (next question), `i`,
`c`, `e` as actions instead of typing them.

A widget that takes typed keys is a `KeyTarget`: it is focused synchronously
with `take_keys()`, it marks every key it sees, and the key that ends typing
(`LEAVE_KEYS`: escape in the notes, enter in a line) gives focus back as it is
read, so the keys behind it act again; any key queued to it after that is
handed on to where focus is now. The app (`route_stale_key`)
hands each unmarked key that reaches it while a `KeyTarget` has focus on to that
widget, in order, instead of letting it act. Handing a key on uses a private
Textual method (`textual_internals.forward_key`); without it, keys act as in
plain Textual.

In a form the keys are not stale but eaten: a text field inserts every printable
key queued to it, so "Jane<tab>Staff" would all land in the first field (tab
reaches the screen's binding only after bubbling up). There the keys that move
between fields are priority bindings (`FIELD_BINDINGS`): the app runs them as it
reads each key, before it routes the keys behind them, so each key goes to the
field that has focus when it is read, in order, with no rerouting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.widgets import Input

from tpm_tui.textual_internals import forward_key

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    # To the type checker each mixin below is the class it is mixed into, so that
    # `self` is a widget (a screen) and `isinstance(widget, KeyTarget)` narrows:
    # mypy finds that no class could be both a Widget and a plain mixin, and
    # skips what follows. At run time they are plain mixins.
    _MixedIntoWidget = Widget
    _MixedIntoScreen = Screen[Any]
else:
    _MixedIntoWidget = _MixedIntoScreen = object

_SEEN = "_tpm_seen_by_target"


def mark_seen(event: events.Key) -> None:
    setattr(event, _SEEN, True)


def focus_now(widget: Widget) -> None:
    """Focus at once, not after the pending keys as `Widget.focus()` does."""
    widget.screen.set_focus(widget)


class KeyTarget(_MixedIntoWidget):
    """Mixin (before the widget class) for a widget that wants every key typed
    while it has focus. Textual calls each class's key handler in the MRO, most
    derived first; this one marks the key and ends typing on a `LEAVE_KEYS` key,
    and the widget's own handlers still run for the others."""

    # Keys that end typing, acted on as they are read (not by a binding, which runs
    # only after the keys queued behind them were typed here): focus goes back at
    # once, by `stop_typing()`, which a widget extends. A binding may label them.
    LEAVE_KEYS: ClassVar[frozenset[str]] = frozenset()

    _keys_from: Widget | None = None

    def take_keys(self) -> None:
        focused = self.screen.focused
        if focused is not self:
            self._keys_from = focused
        focus_now(self)

    def give_keys_back(self) -> None:
        """Focus, at once, what had focus before `take_keys()` (if it is still there)."""
        target, self._keys_from = self._keys_from, None
        if target is None:
            self.screen.set_focus(None)
        elif target.is_attached and target.focusable:
            focus_now(target)
        else:
            self.screen.focus_next()

    def stop_typing(self, key: str) -> None:
        """Typing ends (with `key`): focus goes back at once. Extend it to say so."""
        self.give_keys_back()

    def on_key(self, event: events.Key) -> None:
        if self.hand_on_if_stale(event):
            event.prevent_default()  # never typed here
            return
        mark_seen(event)
        if event.key in self.LEAVE_KEYS:
            event.stop()
            event.prevent_default()
            self.stop_typing(event.key)

    def hand_on_if_stale(self, event: events.Key) -> bool:
        """A key queued here after this widget gave focus away goes where focus is
        now (the screen itself when nothing has focus); returns True when the key
        is not this widget's: handed on (and stopped here) or, when this Textual
        cannot hand it on, left to bubble to the app's bindings."""
        focused = self.screen.focused
        if focused is self:
            return False
        if forward_key(focused or self.screen, event):
            event.stop()
            event.prevent_default()
        return True


def route_stale_key(focused: Widget | None, event: events.Key) -> bool:
    """Hand a key that went to another widget on to the focused `KeyTarget`.

    Called by the app before its bindings see the key; returns True when the key
    was handed on (its bindings must then not run)."""
    if not isinstance(focused, KeyTarget) or getattr(event, _SEEN, False):
        return False
    # As the app forwards a key it reads from the terminal (a forwarded key that
    # bubbles back up reaches the bindings, not the forwarding again). When this
    # Textual cannot, the key acts on the bindings, as in plain Textual.
    return forward_key(focused, event)


FIELD_BINDINGS: list[BindingType] = [
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    Binding("enter", "next_field", "Next field", show=False, priority=True),
]


class FieldKeys(_MixedIntoScreen):
    """Mixin (before `Screen`) for a screen whose text fields are left with tab,
    shift+tab or enter, even in a burst; add `FIELD_BINDINGS` to its `BINDINGS`."""

    def action_next_field(self) -> None:
        # Enter leaves a text field; anywhere else (a list, a button) it does what it does.
        if not isinstance(self.focused, Input):
            raise SkipAction()
        self.focus_next()
