"""The footer, drawn as one line: it shows the screen's keys as Textual's Footer
did (the snapshots check the look) and, with the mouse on, a click presses a key."""

from __future__ import annotations

from live_session_helpers import begin, screen_text

from tpm_tui.app import make_app
from tpm_tui.context import AppContext
from tpm_tui.screens.session import SessionScreen
from tpm_tui.widgets.footer import AppFooter


async def test_a_click_on_a_key_presses_it_and_the_line_follows_the_bindings(
    context: AppContext,
) -> None:
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        keeper = begin(context, pick=("technical-trade-off", "data-informed-decision"))
        app.open_session(keeper)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        footer_line = screen_text(app).splitlines()[-1]
        column = footer_line.index(" n Next")
        await pilot.click(AppFooter, offset=(column + 2, 0))
        await pilot.pause()
        assert keeper.session.current == 1  # as pressing n
        column = footer_line.index(" t Pause")
        await pilot.click(AppFooter, offset=(column + 2, 0))
        await pilot.pause()
        assert app.screen.clock.paused
        assert "t Resume" in screen_text(app).splitlines()[-1]
        await pilot.click(AppFooter, offset=(79, 0))  # past the last key: nothing
        await pilot.pause()
        assert keeper.session.current == 1
