"""A long session must not grow: replaced widgets (footer keys once, now any) and
closed editors are let go."""

from __future__ import annotations

import gc
from collections.abc import Callable

from live_session_helpers import FakeClock, begin, context_with
from textual.widget import Widget

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.widgets.notes import NotesEditor


def alive(kind: type) -> int:
    gc.collect()
    return sum(isinstance(thing, kind) for thing in gc.get_objects())


async def test_visits_and_focus_changes_leave_nothing_behind(
    make_context: Callable[..., AppContext],
) -> None:
    context = context_with(make_context, FakeClock())
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_session(begin(context))
        await pilot.pause()

        async def use(rounds: int) -> None:
            for _ in range(rounds):
                # The follow-ups screen (its own notes editor), notes focus, a move.
                for keys in (
                    ("f",),
                    ("space",),
                    ("escape",),
                    ("e",),
                    ("x",),
                    ("escape",),
                    ("n",),
                    ("p",),
                ):
                    await pilot.press(*keys)
                    await pilot.pause()

        await use(2)
        widgets, editors = alive(Widget), alive(NotesEditor)
        await use(4)  # a leak of one widget a round shows as four more
        assert alive(Widget) <= widgets
        assert alive(NotesEditor) <= editors
