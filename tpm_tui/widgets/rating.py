"""The rating line and its two-key prefix: `r`, then `1`…`4` to rate or `0` to clear.

`RatingPicker` shows "Rating: 3 good". A screen binds `r` to `picker.ask()`: the
picker takes focus, so its digit bindings (and only those) are active and show
in the footer; the next key chooses (`Chosen`) or, any other key, cancels
(`Cancelled`). Either way focus goes back to where it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tpm_tui.domain.models import RATING_LABELS
from tpm_tui.widgets.keyroute import KeyTarget
from tpm_tui.widgets.modeline import Mode


def rating_text(rating: int | None) -> str:
    """The rating as "3 good", or "—" when unrated."""
    return f"{rating} {RATING_LABELS[rating]}" if rating in RATING_LABELS else "—"


class RatingPicker(KeyTarget, Widget, can_focus=False):
    """Shows the rating; while focused (only after `ask()`), waits for one rating digit."""

    BINDINGS = [
        Binding("1", "choose(1)", "Weak"),
        Binding("2", "choose(2)", "Mixed"),
        Binding("3", "choose(3)", "Good"),
        Binding("4", "choose(4)", "Strong"),
        Binding("0", "choose(0)", "Clear"),
        Binding("escape", "cancel", "Cancel"),
    ]

    DEFAULT_CSS = """
    RatingPicker {
        width: auto;
        height: 1;
    }
    """

    MODE = Mode.RATING  # what the mode line says while it waits for the digit
    rating: reactive[int | None] = reactive(None, layout=True)

    @dataclass
    class Chosen(Message):
        """A digit was pressed: `rating` 1..4, or None to clear."""

        picker: RatingPicker
        rating: int | None

        @property
        def control(self) -> RatingPicker:
            return self.picker

    @dataclass
    class Cancelled(Message):
        picker: RatingPicker

        @property
        def control(self) -> RatingPicker:
            return self.picker

    def __init__(self, rating: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(RatingPicker.rating, rating)

    @property
    def waiting(self) -> bool:
        return self.has_focus

    def ask(self) -> None:
        """Wait for the rating digit (the screen's `r`)."""
        # Focusable only while asking: tab never lands here by surprise.
        self.can_focus = True
        self.take_keys()

    def render(self) -> Content:
        if self.has_focus:
            return Content.assemble(("Rating: ", "bold"), ("? 1–4, 0 clears", "reverse"))
        rating = rating_text(self.rating)
        return Content.assemble(("Rating: ", "bold"), rating, ("  r", "$text-muted"))

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        # While waiting, printable keys are ours: other bindings step aside (and
        # leave the footer), so only the rating keys show.
        # `?` stays the app's help key: the prompt ends and help opens as anywhere.
        return character is not None and character.isprintable() and key != "question_mark"

    def on_key(self, event: events.Key) -> None:
        if self.hand_on_if_stale(event) or "ctrl+" in event.key:
            return  # the app's ctrl keys act as usual
        if event.key in ("question_mark", "f1"):
            self.action_cancel()  # and the key goes on to the app's help binding
            return
        # Handled here, not by the bindings (which only label the footer): the
        # keys behind this one in a burst are already queued here, and must see
        # the prompt closed before they are handed on.
        event.stop()
        event.prevent_default()
        if event.key in {"1", "2", "3", "4", "0"}:
            self.action_choose(int(event.key))
        else:
            # Any other key ends the prompt and does nothing else: a stray key
            # after `r` must not tick an area or change question unnoticed.
            self.action_cancel()

    def action_choose(self, value: int) -> None:
        rating = value or None
        self.rating = rating
        self.give_keys_back()  # so a key typed right after the digit acts again
        self.post_message(self.Chosen(self, rating))

    def action_cancel(self) -> None:
        self.give_keys_back()
        self.post_message(self.Cancelled(self))

    def on_focus(self) -> None:
        self.refresh(layout=True)

    def on_blur(self) -> None:
        self.can_focus = False
        self.refresh(layout=True)
