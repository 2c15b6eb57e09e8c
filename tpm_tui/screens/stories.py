"""The story bank: list, add, edit and delete your STAR stories (`tpm-tui stories`, `s` on home).

The file is read when the screen opens and written on each change (atomically,
0600). A broken file is shown with its problems and never written. A file that
changed on disk meanwhile (another terminal) is read again and the change made
on top of it, so neither side's stories are lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import attrs
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tpm_tui.context import AppContext
from tpm_tui.dialogs.confirm import ConfirmDialog
from tpm_tui.domain.stories import (
    STORY_FIELDS,
    Story,
    foreign_competencies,
    remove,
    replace,
    without_story,
)
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.screens.help import HELP_BINDING
from tpm_tui.screens.host import ScreenHost
from tpm_tui.storage.stories import (
    StoriesChanged,
    StoriesError,
    new_id,
    read_stories,
    write_stories,
)
from tpm_tui.storage.tomlfile import suggest
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.keyroute import FIELD_BINDINGS, FieldKeys
from tpm_tui.widgets.ticklist import TickList

NO_STORY = "no story yet"
TITLE_CELLS = 40
ROW_FRAME = 6  # the list's border and padding, and room for its scrollbar


def competency_line(context: AppContext, stories: list[Story]) -> str:
    bank = context.bank
    missing = [c.name for c in without_story(bank, stories)]
    lines = [
        f"{NO_STORY.capitalize()}: " + " · ".join(missing)
        if missing
        else "Every competency of the bank has a story."
    ]
    ids = [c.id for c in bank.competencies]
    lines += [
        f"Not in this bank: `{cid}` in “{one_line(story.title, TITLE_CELLS)}”{suggest(cid, ids)}"
        for story, cid in foreign_competencies(bank, stories)
    ]
    return visible("\n".join(lines))


class StoriesScreen(Screen[None]):
    app = getters.app(ScreenHost)  # typed: the app's own methods are checked

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add a story"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted story"),
        Binding("d", "delete", "Delete", tooltip="Delete the highlighted story (asks first)"),
        Binding("ctrl+r", "reload", "Reload", show=False, tooltip="Read the file again"),
        Binding("escape", "back", "Back", tooltip="Go back"),
        HELP_BINDING,
    ]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.path = context.stories_file
        self.stories: list[Story] = []
        self.digest: str | None = None
        self.broken: StoriesError | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            visible(f"Your stories · {self.path}"),
            id="stories-title",
            classes="title-line",
            markup=False,
        )
        yield OptionList(id="stories-list", markup=False)
        yield Static("", id="stories-missing", markup=False)
        yield Static("", id="stories-status", classes="status-line", markup=False)
        yield AppFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.action_reload()
        self.query_one(OptionList).focus()

    def action_reload(self) -> None:
        try:
            self.stories, self.digest = read_stories(self.path)
            self.broken = None
        except StoriesError as error:
            self.broken, self.stories = error, []
        self._show()

    def _show(self, highlight: str | None = None) -> None:
        """Fill the list, highlighting the story `highlight` (else the same row as
        before, else the first): `e` and `d` always have a story to act on."""
        listing = self.query_one(OptionList)
        row = listing.highlighted
        status = self.query_one("#stories-status", Static)
        missing = self.query_one("#stories-missing", Static)
        if self.broken is not None:
            listing.set_options([Option(visible(str(p))) for p in self.broken.problems])
            missing.update("")
            status.update("This file has problems: fix it, then ctrl+r reads it again")
            status.add_class("-error")
            self.refresh_bindings()
            return
        status.remove_class("-error")
        listing.set_options([Option(self._row(story), id=story.id) for story in self.stories])
        ids = [story.id for story in self.stories]
        if ids:
            row = ids.index(highlight) if highlight in ids else min(row or 0, len(ids) - 1)
            listing.highlighted = row
        missing.update(competency_line(self.context, self.stories))
        count = len(self.stories)
        status.update(
            f"{count} stor{'ies' if count != 1 else 'y'} · a add · e or enter edit · d delete"
            if count
            else "No stories yet: press a to add your first"
        )
        self.refresh_bindings()

    def _row(self, story: Story) -> Content:
        """The title, then the competencies in the rest of the row's width."""
        cells = self.app.size.width - ROW_FRAME
        title = one_line(story.title, TITLE_CELLS)
        names = " · ".join(self.context.bank.competency_name(c) for c in story.competencies)
        rest = cells - Content(title).cell_length - 2
        return Content.assemble((title, "bold"), "  ", (one_line(names, rest), "$text-muted"))

    def on_resize(self) -> None:
        self._show()  # the rows fit the new width

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"add", "edit", "delete"} and self.broken is not None:
            return False
        if action in {"edit", "delete"}:
            return self._highlighted() is not None
        return True

    def _highlighted(self) -> Story | None:
        option = self.query_one(OptionList).highlighted_option
        return next((s for s in self.stories if option and s.id == option.id), None)

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        if self.broken is None:
            self.action_edit()

    def action_add(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        story = self._highlighted()
        if story is not None:
            self._open_form(story)

    def _open_form(self, story: Story | None, draft: Story | None = None) -> None:
        old_id = story.id if story else None

        def done(edited: Story | None) -> None:
            if edited is None:
                return
            taken = [s.id for s in self.stories if s.id != old_id]
            if old_id is None or edited.id in taken:
                edited = attrs.evolve(edited, id=new_id(edited.title, taken))
            if not self._save(lambda stories: replace(stories, edited, old_id)):
                self._open_form(story, edited)  # nothing typed is lost: try again
                return
            self._show(highlight=edited.id)

        self.app.push_screen(StoryForm(self.context, story, self.stories, draft), done)

    def action_delete(self) -> None:
        story = self._highlighted()
        if story is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and self._save(lambda stories: remove(stories, story.id)):
                self._show()

        title = one_line(story.title, 40)
        self.app.push_screen(ConfirmDialog(f"Delete the story “{title}”?"), answered)

    def _save(self, change: Callable[[list[Story]], list[Story]]) -> bool:
        """Apply `change` (stories → stories) and write; on a file changed meanwhile,
        read it again and apply the change on top of what is there now."""
        for attempt in range(2):
            updated = change(self.stories)
            try:
                self.digest = write_stories(self.path, updated, self.digest)
            except StoriesChanged:
                try:
                    self.stories, self.digest = read_stories(self.path)
                    self.broken = None  # mended on disk meanwhile: the list shows it again
                except StoriesError as error:
                    self.broken = error
                    self._show()
                    self.notify(
                        "The story file changed on disk and is broken now: not saved",
                        severity="error",
                        markup=False,
                    )
                    return False
                if attempt == 0:
                    self.notify(
                        "The story file changed on disk: your change is made on top of it",
                        markup=False,
                    )
                continue
            except OSError as error:
                self.notify(
                    f"Could not save {self.path}: {error.strerror or error}",
                    severity="error",
                    markup=False,
                )
                return False
            self.stories = updated
            return True
        return False

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.dismiss(None)
        else:
            self.app.go_home()


def _fields(story: Story) -> dict[str, object]:
    return {
        "id": story.id,
        "title": story.title,
        **{name: getattr(story, name) for name in STORY_FIELDS},
        "competencies": story.competencies,
    }


class StoryForm(FieldKeys, Screen[Story | None]):
    """Add or edit one story: title, the four STAR parts and the competencies it shows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save this story"),
        Binding("escape", "cancel", "Cancel", tooltip="Leave without saving (asks first)"),
        # tab, shift+tab, and enter in the title: each key of a burst lands in its
        # field (enter in a STAR part still starts a new line).
        *FIELD_BINDINGS,
    ]

    def __init__(
        self,
        context: AppContext,
        story: Story | None,
        stories: list[Story],
        draft: Story | None = None,
    ) -> None:
        """`story` is the one edited (None: a new one); `draft`, what was typed into it
        and not saved yet (a save that failed): the form shows it, and leaving asks."""
        super().__init__()
        self.context = context
        self.story = story
        self.draft = draft
        self.others = [s for s in stories if story is None or s.id != story.id]

    def compose(self) -> ComposeResult:
        heading = "Edit story" if self.story else "New story"
        yield Static(heading, classes="title-line", markup=False)
        story = self.draft or self.story
        with VerticalScroll(id="story-form"):
            yield Label("Title")
            # Not selected on focus: the first key typed would replace the title.
            yield Input(story.title if story else "", id="story-title", select_on_focus=False)
            for name in STORY_FIELDS:
                yield Label(name.capitalize())
                yield TextArea(
                    getattr(story, name) if story else "",
                    id=f"story-{name}",
                    classes="story-part",
                    soft_wrap=True,
                )
            yield Label("Competencies it shows (space ticks)")
            lacking = {c.id for c in without_story(self.context.bank, self.others)}
            chosen = set(story.competencies) if story else set()
            yield TickList[str](
                *(
                    (c.name + (f"  ({NO_STORY})" if c.id in lacking else ""), c.id, c.id in chosen)
                    for c in self.context.bank.competencies
                ),
                id="story-competencies",
            )
        yield Static("ctrl+s saves · escape leaves", classes="status-line", markup=False)
        yield AppFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#story-title", Input).focus()

    def _edited(self) -> Story:
        selected = self.query_one(TickList).selected
        return Story(
            id=self.story.id if self.story else "",
            title=self.query_one("#story-title", Input).value.strip(),
            **{n: self.query_one(f"#story-{n}", TextArea).text for n in STORY_FIELDS},
            competencies=(
                *(c.id for c in self.context.bank.competencies if c.id in selected),
                # Ids this bank has not (another bank's, a typo) are kept, not dropped:
                # the list says them, and the file is the candidate's to mend.
                *(cid for _, cid in foreign_competencies(self.context.bank,
                                                         [self.story] if self.story else [])),
            ),
        )

    def action_save(self) -> None:
        edited = self._edited()
        if not edited.title:
            self.notify("A story needs a title", severity="warning", markup=False)
            self.query_one("#story-title", Input).focus()
            return
        self.dismiss(edited)

    def action_cancel(self) -> None:
        edited = self._edited()
        before = self.story or Story("", "")
        if _fields(edited) | {"id": ""} == _fields(before) | {"id": ""}:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Leave without saving this story?"), answered)
