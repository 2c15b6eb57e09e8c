"""`S` in practice: your stories that share a competency with the question; `enter`
records the one you use on the question, `escape` changes nothing."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tpm_tui.context import AppContext
from tpm_tui.domain.models import QuestionRecord
from tpm_tui.domain.stories import STORY_FIELDS, Story, stories_for
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.screens.help import HELP_BINDING
from tpm_tui.storage.stories import StoriesError, read_stories

NONE_ID = "-"  # the option that clears the story recorded


class StoryPicker(ModalScreen[str | None]):
    """Dismissed with a story id, "" to clear the one recorded, or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back", tooltip="Back without choosing"),
        HELP_BINDING,  # a modal screen cuts off the app's own `?`
    ]

    def __init__(self, context: AppContext, record: QuestionRecord) -> None:
        super().__init__()
        self.context = context
        self.record = record
        self.problem = ""
        try:
            stories, _ = read_stories(context.stories_file)
        except StoriesError as error:
            stories, self.problem = [], str(error.problems[0])
        self.fitting = stories_for(stories, record.competencies)

    def compose(self) -> ComposeResult:
        with Vertical(id="story-picker"):
            yield Static("Your stories for this question", classes="title-line", markup=False)
            yield OptionList(id="story-options", markup=False)
            yield Static("", id="story-preview", markup=False)
            yield Static("enter: use this story · escape: back", id="story-keys", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        names = [self.context.bank.competency_name(c) for c in self.record.competencies]
        if not self.fitting:
            why = self.problem or (
                f"No story of yours shows {' or '.join(names)} yet: "
                "add one with `tpm-tui stories` (s on home)"
            )
            self.query_one("#story-preview", Static).update(visible(why))
            self.query_one("#story-keys", Static).update("escape: back")  # nothing to choose
            options.display = False
            return
        options.set_options(
            [
                Option(
                    Content.assemble(
                        ("✓ " if story.id == self.record.story else "  ", "bold $success"),
                        one_line(story.title, 60),
                    ),
                    id=story.id,
                )
                for story in self.fitting
            ]
            + ([Option("  No story for this question", id=NONE_ID)] if self.record.story else [])
        )
        options.highlighted = 0
        self.query_one("#story-preview", Static).update(preview(self.fitting[0]))
        options.focus()

    @on(OptionList.OptionHighlighted)
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        story = next((s for s in self.fitting if s.id == event.option.id), None)
        self.query_one("#story-preview", Static).update(preview(story) if story else "")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss("" if event.option.id == NONE_ID else event.option.id)


def preview(story: Story) -> str:
    """One line per STAR part that the story has."""
    return "\n".join(
        one_line(f"{name[0].upper()}: {getattr(story, name)}", 70)
        for name in STORY_FIELDS
        if getattr(story, name).strip()
    )
