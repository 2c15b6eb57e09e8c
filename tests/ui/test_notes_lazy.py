"""The session screen opens without the notes editor (a TextArea costs ~20 ms of
import and mount at start): a preview shows its title and hint until `e` builds
the editor, or a question with notes is shown. Nothing typed is lost meanwhile."""

from __future__ import annotations

import subprocess
import sys

from live_session_helpers import begin, live_session, on_disk, screen_text
from textual.widgets import TextArea

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.screens.session import SessionScreen
from tpm_tui.widgets.notes import NotesEditor

SIZE = (80, 24)


def test_the_session_screen_does_not_import_the_text_area() -> None:
    code = (
        "import sys, tpm_tui.app, tpm_tui.screens.session;"
        "sys.exit('textual.widgets._text_area' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


async def test_the_editor_is_built_on_e_and_keeps_a_burst(context: AppContext) -> None:
    async with live_session(context) as (app, pilot, keeper):
        assert isinstance(app.screen, SessionScreen)
        assert not app.screen.query(TextArea)
        text = screen_text(app)
        assert "Notes — e" in text and "No notes yet: press e to write" in text
        await pilot.press("e", *"nice", "alt+2", "escape")  # one burst
        await pilot.pause()
        editor = app.screen.query_one("#live-notes", NotesEditor)
        assert editor.text == "nice"
        assert keeper.session.questions[0].areas[1].covered
        assert app.save_active()
        assert on_disk(context, keeper).questions[0].notes == "nice"


async def test_a_question_with_notes_shows_them_and_types_after_them(
    context: AppContext,
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        keeper = begin(context)
        keeper.session.questions[1].notes = "said before"  # as if resumed from a file
        app.open_session(keeper)
        await pilot.pause()
        assert not app.screen.query(TextArea)
        await pilot.press("n")
        assert "said before" in screen_text(app)
        await pilot.press("e", *" and more", "escape", "p")
        await pilot.pause()
        assert keeper.session.questions[1].notes == "said before and more"
        assert "No notes yet: press e to write" in screen_text(app)  # the editor's hint
