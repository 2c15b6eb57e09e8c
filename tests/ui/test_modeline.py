"""The mode line follows what has focus on its screen by itself: no screen has to tell it."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from tpm_tui.widgets.modeline import Mode, ModeLine
from tpm_tui.widgets.notes import NotesEditor
from tpm_tui.widgets.rating import RatingPicker


class Bare(App[None]):
    """A screen with a mode line and nothing that updates it."""

    def compose(self) -> ComposeResult:
        yield Input(id="field")
        yield NotesEditor(id="notes")
        yield RatingPicker(id="rating")
        yield ModeLine(id="mode")


async def test_the_mode_line_follows_the_focus_of_its_screen() -> None:
    app = Bare()
    async with app.run_test(size=(80, 10)) as pilot:
        line = app.query_one(ModeLine)
        await pilot.pause()
        assert line.mode is Mode.KEYS
        app.query_one(NotesEditor).take_keys()
        await pilot.pause()
        assert line.mode is Mode.TYPING
        assert "TYPING NOTES" in str(line.render())
        app.query_one(RatingPicker).ask()
        await pilot.pause()
        assert line.mode is Mode.RATING
        await pilot.press("escape")  # the picker gives focus back to the notes
        await pilot.pause()
        assert line.mode is Mode.TYPING
        app.screen.set_focus(None)
        await pilot.pause()
        assert line.mode is Mode.KEYS
