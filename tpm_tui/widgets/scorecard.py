"""The summary screen's scorecard: ratings per competency, strengths and concerns.

`CompetencyScores` lists a 1..4 rating per competency: `up`/`down` move, `1`…`4`
rate the highlighted one, `0` puts back the pre-filled rating. `TakeawayLines`
holds short lines (strengths or concerns): `a` adds one, `enter` edits the
highlighted one, `d` (or `delete`) deletes it (`e` is left to the screen: on the
summary it always means the overall notes). A line is typed in a
`LineInput` under the list, and every keystroke goes into the list at once, so a
crash mid-line loses nothing; `enter`, `escape` or `tab` ends the line, and a
line left empty is dropped. Both post messages; the screen keeps the draft.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from tpm_tui.domain.models import RATING_LABELS
from tpm_tui.domain.scorecard import Score
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.widgets.keyroute import focus_now
from tpm_tui.widgets.lineinput import LineInput

NAME_CELLS = 30
PREFILLED = "pre-filled"


def score_line(name: str, score: Score) -> Content:
    """`Technical acumen   3 good   pre-filled from 2 questions`."""
    rating = score.rating
    words = f"{rating} {RATING_LABELS[rating]}" if rating is not None else "— not rated"
    if score.is_prefilled:
        noun = "question" if score.rated_questions == 1 else "questions"
        note: tuple[str, str] = (f"{PREFILLED} from {score.rated_questions} {noun}", "$text-muted")
    elif score.chosen is not None:
        note = ("yours", "bold")
    else:
        note = ("no question of it was rated", "$text-muted")
    name = one_line(name, NAME_CELLS)
    pad = " " * (NAME_CELLS + 1 - Content(name).cell_length)
    return Content.assemble(Content(name), pad, (f"{words:<11}", "bold"), " ", note)


class CompetencyScores(OptionList):
    """One line per competency; digits rate the highlighted one."""

    MODE_TEXT: ClassVar[str] = "SCORECARD — 1-4 rate the highlighted competency, 0 pre-fills"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "rate(1)", "Rate", key_display="1-4", tooltip="Rate the competency 1-4"),
        *(Binding(str(n), f"rate({n})", "Rate", show=False) for n in range(2, 5)),
        Binding("0", "rate(0)", "Pre-filled", tooltip="Back to the pre-filled rating"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class Rated(Message):
        """`rating` 1..4 chosen for `competency`, or None: back to the pre-filled one."""

        competency: str
        rating: int | None

    def __init__(
        self, scores: Sequence[Score], name_of: Callable[[str], str], *, id: str | None = None
    ) -> None:
        super().__init__(*(score_line(name_of(s.competency), s) for s in scores), id=id)
        self._ids = [s.competency for s in scores]
        self._name_of = name_of

    def show(self, scores: Sequence[Score]) -> None:
        for index, score in enumerate(scores):
            line = score_line(self._name_of(score.competency), score)
            self.replace_option_prompt_at_index(index, line)

    def action_rate(self, value: int) -> None:
        if self.highlighted is None:
            return
        self.post_message(self.Rated(self._ids[self.highlighted], value or None))


class TakeawayLines(VerticalGroup):
    """A heading, the lines, and the input that edits one of them."""

    @dataclass
    class Changed(Message):
        """The lines are now `lines` (a line typed, added, edited or deleted)."""

        takeaways: TakeawayLines
        lines: list[str]

        @property
        def control(self) -> TakeawayLines:
            return self.takeaways

    def __init__(self, title: str, lines: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id, classes="takeaways")
        self.title = title
        self.lines = list(lines)
        self._editing: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="takeaways-heading", markup=False)
        yield TakeawayList(id=f"{self.id}-list" if self.id else None)
        # Not selected on focus: the first key typed into an edited line must add to
        # it, never replace it.
        yield LineInput(
            self._end_line,
            placeholder="a short line; enter ends it",
            classes="takeaway-input",
            select_on_focus=False,
        )

    def on_mount(self) -> None:
        self.query_one(LineInput).display = False
        self._show()

    @property
    def listing(self) -> TakeawayList:
        return self.query_one(TakeawayList)

    def _show(self, highlight: int | None = None) -> None:
        count = f" ({len(self.lines)})" if self.lines else ""
        heading = f"{self.title}{count} — a adds, enter edits, d deletes"
        self.query_one(".takeaways-heading", Static).update(heading)
        listing = self.listing
        listing.set_options(
            [Content(f"· {visible(one_line(line))}") for line in self.lines]
            or [Content.styled("  none yet: a adds one", "$text-muted")]
        )
        if self.lines:
            listing.highlighted = min(highlight or 0, len(self.lines) - 1)

    def add(self) -> None:
        self.lines.append("")
        self._edit(len(self.lines) - 1)

    def edit(self) -> None:
        if self.lines and self.listing.highlighted is not None:
            self._edit(self.listing.highlighted)

    def delete(self) -> None:
        index = self.listing.highlighted
        if self.lines and index is not None:
            del self.lines[index]
            self._changed()
            self._show(index)

    def _edit(self, index: int) -> None:
        self._editing = index
        line_input = self.query_one(LineInput)
        line_input.value = self.lines[index]
        line_input.cursor_position = len(line_input.value)
        line_input.display = True
        line_input.take_keys()

    @on(Input.Changed, ".takeaway-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        # The input's value now, not the event's: one told late (after its line ended
        # and the next began) must not write an old line's text into the new one.
        self._keep_typed()

    def _keep_typed(self) -> None:
        value = self.query_one(LineInput).value
        if self._editing is not None and self.lines[self._editing] != value:
            self.lines[self._editing] = value
            self._changed()

    def _end_line(self, _key: str = "enter") -> None:
        """The line being typed ends (its input already gave focus back); kept
        whichever key ended it."""
        self._keep_typed()  # the last keys' Changed may still be on their way
        index, self._editing = self._editing, None
        if index is None:
            return
        if not self.lines[index].strip():
            del self.lines[index]
            self._changed()
        line_input = self.query_one(LineInput)
        line_input.display = False
        self._show(index)
        focus_now(self.listing)

    def _changed(self) -> None:
        self.post_message(self.Changed(self, list(self.lines)))


class TakeawayList(OptionList):
    """The lines of a `TakeawayLines`; its keys act on the lines."""

    MODE_TEXT: ClassVar[str] = "LINES — a adds, enter edits, d deletes, e notes, tab next"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add a line"),
        Binding("enter", "edit", "Edit", tooltip="Edit the highlighted line"),
        Binding("d", "delete", "Delete", tooltip="Delete the highlighted line"),
        Binding("delete", "delete", "Delete", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @property
    def owner(self) -> TakeawayLines:
        parent = self.parent
        assert isinstance(parent, TakeawayLines)
        return parent

    def action_add(self) -> None:
        self.owner.add()

    def action_edit(self) -> None:
        self.owner.edit()

    def action_delete(self) -> None:
        self.owner.delete()
