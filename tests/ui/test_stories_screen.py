"""The story bank screen at 80x24: add, edit, delete, `no story yet`, a broken file."""

from __future__ import annotations

import attrs
from live_session_helpers import handled, screen_text
from practice_helpers import everything_shown
from test_key_bursts import burst_keys, typed
from textual.widgets import Input, OptionList, SelectionList

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


async def test_a_story_not_saved_to_a_file_broken_meanwhile_is_kept_in_its_form(
    context: AppContext,
) -> None:
    # Found by a tester: the form came back as "Edit story" holding the text, and
    # escape then left without asking, losing it. Once the file is mended, ctrl+s
    # saves it and the list reads the file as it is now.
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        path = context.stories_file
        write_stories(path, [Story("theirs", "Theirs")], None)  # meanwhile, elsewhere
        good = path.read_text(encoding="utf-8")
        path.write_text(good + "oops =\n", encoding="utf-8")
        await pilot.press("a", *"Mine", "ctrl+s")
        await pilot.pause()
        form = story_form(app)
        assert "New story" in screen_text(app)
        assert form.query_one("#story-title", Input).value == "Mine"
        await pilot.press("escape")
        await pilot.pause()
        assert "Leave without saving this story?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        path.write_text(good, encoding="utf-8")  # mended
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        assert [s.title for s in read_stories(path)[0]] == ["Theirs", "Mine"]
        shown = screen_text(app)
        assert "Theirs" in shown and "Mine" in shown and "problems" not in shown


def two_stories(context: AppContext) -> None:
    write_stories(
        context.stories_file,
        [Story("payments", "Payments"), Story("roadmap", "Roadmap pivot")],
        None,
    )


def story_form(app: object) -> StoryForm:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, StoryForm)
    return screen


async def test_typing_into_an_edited_title_adds_to_it(context: AppContext) -> None:
    # The title's text is not selected on focus: the first key would replace it.
    two_stories(context)
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("home", "e")
        await pilot.pause()
        form = story_form(app)
        title = form.query_one("#story-title", Input)
        assert app.focused is title
        assert title.selection.is_empty and title.cursor_position == len("Payments")
        await pilot.press(*" (2025)", "ctrl+s")
        await pilot.pause()
        assert [s.title for s in read_stories(context.stories_file)[0]] == [
            "Payments (2025)",
            "Roadmap pivot",
        ]


async def test_tabbing_back_into_the_title_keeps_its_text(context: AppContext) -> None:
    two_stories(context)
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("home", "e", "tab", "shift+tab", *"!", "ctrl+s")
        await pilot.pause()
        assert read_stories(context.stories_file)[0][0].title == "Payments!"


async def test_story_fields_typed_in_a_burst_with_tabs(context: AppContext) -> None:
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        burst_keys(
            app,
            [
                *typed("Payments migration\tLegacy gateway\tMove it\tPlanned it\tDone"),
                ("tab", None),
                ("space", " "),  # ticks the first competency
                ("ctrl+s", None),
            ],
        )
        await handled(pilot, lambda: isinstance(app.screen, StoriesScreen))
        assert read_stories(context.stories_file)[0] == [
            Story(
                "payments-migration",
                "Payments migration",
                situation="Legacy gateway",
                task="Move it",
                action="Planned it",
                result="Done",
                competencies=("technical-acumen",),
            )
        ]


async def test_e_and_d_work_right_after_a_delete(context: AppContext) -> None:
    two_stories(context)
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("home", "d", "y")
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        assert app.focused is listing and listing.highlighted == 0
        assert "e Edit" in screen_text(app) and "d Delete" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert story_form(app).query_one("#story-title", Input).value == "Roadmap pivot"


async def test_the_saved_story_stays_highlighted(context: AppContext) -> None:
    two_stories(context)
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("home", "down", "e", *"!", "ctrl+s")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert story_form(app).query_one("#story-title", Input).value == "Roadmap pivot!"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("up", "e")  # a saved story's new id: the highlight follows it
        await pilot.pause()
        assert story_form(app).query_one("#story-title", Input).value == "Payments"


async def test_e_edits_the_first_story_as_the_screen_opens(context: AppContext) -> None:
    two_stories(context)
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "e Edit" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert story_form(app).query_one("#story-title", Input).value == "Payments"


async def test_ticked_and_unticked_competencies_differ_in_characters(context: AppContext) -> None:
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"T", "tab", "tab", "tab", "tab", "tab", "space")
        await pilot.pause()
        ticks = story_form(app).query_one("#story-competencies", SelectionList)
        assert app.focused is ticks
        lines = [ticks.render_line(y).text for y in range(2)]
        assert lines[0].startswith("▐X▌ Technical acumen")
        assert lines[1].startswith("▐ ▌ Strategic thinking")


async def test_the_list_uses_the_width_for_the_competencies(context: AppContext) -> None:
    every = tuple(c.id for c in context.bank.competencies)
    write_stories(context.stories_file, [Story("p", "Payments", competencies=every)], None)
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "Payments" in line)
        names = [c.name for c in context.bank.competencies]
        assert " · ".join(names[:3]) in row  # 34 cells held fewer than two
        assert row.rstrip(" ▎").endswith("…") and len(row.rstrip(" ▎")) >= 74


async def test_a_competency_the_bank_has_not_is_said_and_kept(context: AppContext) -> None:
    # Found by a tester: `exec` for `execution` was shown raw, Execution still listed
    # as having no story, and nothing said why.
    write_stories(
        context.stories_file,
        [Story("pivot", "Roadmap pivot", competencies=("technical-acumen", "exec"))],
        None,
    )
    app = make_app(attrs.evolve(context, start=StoriesRequest()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Not in this bank: `exec` in “Roadmap pivot” (did you mean `execution`?)" in shown
        await pilot.press("e", "end", *" 2", "ctrl+s")  # edited: the id stays
        await pilot.pause()
        (story,) = read_stories(context.stories_file)[0]
        assert story.title == "Roadmap pivot 2"
        assert story.competencies == ("technical-acumen", "exec")
