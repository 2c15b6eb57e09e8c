"""The story bank screen at 80x24: add, edit, delete, `no story yet`, a broken file."""

from __future__ import annotations

import attrs
from live_session_helpers import screen_text
from practice_helpers import everything_shown

from tpm_tui.app import make_app
from tpm_tui.context import AppContext, StoriesRequest
from tpm_tui.domain.stories import Story
from tpm_tui.screens.stories import StoriesScreen, StoryForm
from tpm_tui.storage.stories import read_stories, write_stories

SIZE = (80, 24)


async def test_add_edit_and_delete_a_story(context: AppContext) -> None:
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        assert "No story yet: Technical acumen" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StoryForm)
        await pilot.press(*"Payments [bold]move[/")
        app.screen.query_one("#story-situation").focus()
        await pilot.press(*"Old gateway")
        app.screen.query_one("#story-competencies").focus()
        await pilot.press("space", "ctrl+s")  # the first: technical acumen
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        stories, _ = read_stories(context.stories_file)
        assert stories == [
            Story(
                "payments-bold-move",
                "Payments [bold]move[/",
                situation="Old gateway",
                competencies=("technical-acumen",),
            )
        ]
        text = screen_text(app)
        assert "Payments [bold]move[/" in text and "Technical acumen" not in text.split("No")[-1]
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *" now", "ctrl+s")
        await pilot.pause()
        assert read_stories(context.stories_file)[0][0].title == "Payments [bold]move[/ now"
        await pilot.press("d", "y")
        await pilot.pause()
        assert read_stories(context.stories_file)[0] == []


async def test_a_story_added_in_another_terminal_is_kept(context: AppContext) -> None:
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        write_stories(context.stories_file, [Story("theirs", "Theirs")], None)  # meanwhile
        await pilot.press("a", *"Mine", "ctrl+s")
        await pilot.pause()
        ids = [s.id for s in read_stories(context.stories_file)[0]]
        assert ids == ["theirs", "mine"]


async def test_a_broken_file_is_shown_and_never_overwritten(context: AppContext) -> None:
    path = context.stories_file
    path.parent.mkdir(parents=True, exist_ok=True)
    broken = 'format = "tpm-tui.stories/1"\n[[stories]]\nid = "a"\ntitel = "A"\n'
    path.write_text(broken, encoding="utf-8")
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = everything_shown(app)
        assert f"{path}:4:1: stories[0].titel: unknown key `titel`" in shown
        await pilot.press("a", "d", "e")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
    assert path.read_text(encoding="utf-8") == broken
