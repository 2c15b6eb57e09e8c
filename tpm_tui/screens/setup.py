"""The interview setup form: who, how long, and which questions in which order."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from tpm_tui.context import DEFAULT_MINUTES, AppContext, InterviewRequest
from tpm_tui.domain.models import MAX_MINUTES, SENIORITIES, Bank, Question, Seniority
from tpm_tui.domain.picking import fits, move, pick_status, suggest, toggle
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.screens.host import ScreenHost
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.keyroute import FIELD_BINDINGS, FieldKeys
from tpm_tui.widgets.question_pane import QuestionPane

NAME_REQUIRED = "Enter the candidate's name: it is required."
LEVEL_SHORT = {"junior": "jr", "mid": "mid", "senior": "sr"}
# What moves on to the next field when typed, so also when pasted.
FIELD_SEPARATOR = re.compile(r"\r\n|[\t\r\n]")


class FormField(Input):
    """A one-line field of the form. A paste holding tabs or line breaks fills the
    fields in turn, as typing it would (Input keeps only a paste's first line)."""

    def on_paste(self, event: events.Paste) -> None:
        # Textual calls the paste handler of every class in the MRO: Input's runs
        # after this one unless the default is prevented.
        first, *rest = FIELD_SEPARATOR.split(event.text, maxsplit=1)
        if not rest:
            return  # Input's own handler inserts it
        event.prevent_default()
        event.stop()
        self._insert(first)
        fields = [w for w in self.screen.focus_chain if isinstance(w, FormField)]
        place = fields.index(self) if self in fields else len(fields)
        if place + 1 >= len(fields):  # the last field keeps the rest, on one line
            self._insert(FIELD_SEPARATOR.sub(" ", rest[0]))
            return
        following = fields[place + 1]
        self.screen.set_focus(following)
        following.post_message(events.Paste(rest[0]))  # after its focus: replaces its text

    def _insert(self, text: str) -> None:
        # As Input inserts a paste: its first line, over the selection.
        if text:
            self.replace(text.splitlines()[0], *self.selection)


class QuestionPicker(OptionList):
    """Every question of the bank, one line each; the picked ones carry their place
    in the order (`2/3`), and those not for the chosen level say so in words."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pick", "Pick"),
        Binding("left_square_bracket", "move(-1)", "Earlier", key_display="["),
        Binding("right_square_bracket", "move(1)", "Later", key_display="]"),
        Binding("ctrl+up", "move(-1)", "Earlier", show=False),
        Binding("ctrl+down", "move(1)", "Later", show=False),
        Binding("s", "screen.suggest", "Suggest", show=False),
        Binding("shift+down", "screen.scroll_question(1)", "Scroll the question", show=False),
        Binding("shift+up", "screen.scroll_question(-1)", "Scroll back", show=False),
    ]

    pick: reactive[tuple[str, ...]] = reactive((), init=False)
    seniority: reactive[str | None] = reactive(None, init=False)

    class Changed(Message):
        def __init__(self, pick: tuple[str, ...]) -> None:
            super().__init__()
            self.pick = pick

    def __init__(
        self,
        bank: Bank,
        pick: tuple[str, ...] = (),
        seniority: str | None = None,
        *,
        id: str | None = None,
    ) -> None:
        self.bank = bank
        self._line = {question.id: line for line, question in enumerate(bank.questions)}
        rows = (Option(self._row(q, pick, seniority), id=q.id) for q in bank.questions)
        super().__init__(*rows, id=id)
        self.set_reactive(QuestionPicker.pick, pick)
        self.set_reactive(QuestionPicker.seniority, seniority)

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._name_hidden_picks, init=False)

    def on_resize(self) -> None:
        # Shorter when a warning appears under it: the highlighted row stays in view.
        self.call_after_refresh(self.scroll_to_highlight)
        self._name_hidden_picks()

    def _row(self, question: Question, pick: tuple[str, ...], seniority: str | None) -> Table:
        # A grid sized to the list's width: long titles and competency lists are cut
        # with "…" instead of wrapping, so each question takes one line.
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(width=5, justify="right")
        grid.add_column(ratio=3, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=4, justify="right")
        grid.add_column(width=9, no_wrap=True)
        grid.add_column(ratio=2, no_wrap=True, overflow="ellipsis")
        # "2/3": second of the three picked, which reads the same when the first is
        # scrolled out of view (the border names the picks out of view).
        place = pick.index(question.id) + 1 if question.id in pick else None
        mark = Text(f"{place}/{len(pick)}", style="bold") if place else Text("·", style="dim")
        minutes = f"{question.minutes}m" if question.minutes is not None else "—"
        levels = " ".join(LEVEL_SHORT.get(level, level) for level in question.seniority) or "any"
        if fits(question, seniority):
            short = ", ".join(
                self.bank.competency_name(cid).split(" ")[0] for cid in question.competencies
            )
            last = Text(visible(short), style="dim")
            title = Text(one_line(question.title), style="bold" if place else "")
        else:  # dimmed, and said in words for a screen without colours
            last = Text(f"not for {seniority}", style="italic")
            title = Text(one_line(question.title), style="bold dim" if place else "dim")
        grid.add_row(mark, title, minutes, levels, last)
        return grid

    def _refresh_rows(self) -> None:
        for index, question in enumerate(self.bank.questions):
            row = self._row(question, self.pick, self.seniority)
            self.replace_option_prompt_at_index(index, row)
        self._name_hidden_picks()

    def watch_pick(self, pick: tuple[str, ...]) -> None:
        self._refresh_rows()
        self.post_message(self.Changed(pick))

    def watch_seniority(self) -> None:
        self._refresh_rows()

    def _name_hidden_picks(self) -> None:
        """The bottom border names the picks scrolled out of view: `1/3 above · 3/3 below`."""
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        above: list[str] = []
        below: list[str] = []
        for place, qid in enumerate(self.pick, start=1):
            line = self._line[qid]  # each question takes exactly one line (see _row)
            if line < top:
                above.append(f"{place}/{len(self.pick)}")
            elif line >= bottom:
                below.append(f"{place}/{len(self.pick)}")
        parts = [f"{', '.join(places)} {where}" for places, where in
                 ((above, "above"), (below, "below")) if places]  # fmt: skip
        self.border_subtitle = " · ".join(parts)

    def _highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def action_pick(self) -> None:  # not `toggle`: DOMNode's toggles an attribute
        if (qid := self._highlighted_id()) is not None:
            self.pick = toggle(self.pick, qid)

    def action_move(self, step: int) -> None:
        if (qid := self._highlighted_id()) is not None:
            self.pick = move(self.pick, qid, step)

    @on(OptionList.OptionSelected)
    def _enter_toggles(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick()


class SetupScreen(FieldKeys, Screen[InterviewRequest | None]):
    """The form behind `tpm-tui interview`: dismissed with the filled-in request
    (`ctrl+s`), or None (`escape`). The app, which opened it, begins the session;
    when it cannot, it opens the form again from that request, with `error`."""

    app = getters.app(ScreenHost)  # typed: the app's own methods are checked

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start"),
        Binding("ctrl+g", "suggest", "Suggest"),
        Binding("escape", "back", "Home"),
        *FIELD_BINDINGS,  # tab, shift+tab, enter: each key of a burst lands in its field
    ]

    def __init__(self, context: AppContext, request: InterviewRequest, error: str = "") -> None:
        super().__init__()
        self.context = context
        self.request = request
        self.error = error  # the one shown

    def compose(self) -> ComposeResult:
        request, bank = self.request, self.context.bank
        yield Header()
        with Grid(id="setup-form"):
            yield Label("Candidate", classes="setup-label")
            yield self._field(request.candidate or "", "candidate", placeholder="required")
            yield Label("Role", classes="setup-label")
            yield self._field(request.role or bank.bank.role, "role")
            yield Label("Interviewer", classes="setup-label")
            # You, unless the request says otherwise ("" too: a field left blank stays blank).
            interviewer = self.context.user if request.interviewer is None else request.interviewer
            yield self._field(interviewer, "interviewer")
            yield Label("Seniority", classes="setup-label")
            yield Select(
                [(level, level) for level in SENIORITIES],
                value=request.seniority or Select.NULL,
                prompt="any",
                id="seniority",
                compact=True,
            )
            yield Label("Minutes", classes="setup-label")
            yield self._field(str(request.minutes or DEFAULT_MINUTES), "minutes", type="integer")
        yield Static("", id="setup-error", classes="error-line", markup=False)
        picker = QuestionPicker(bank, request.pick, request.seniority, id="picker")
        picker.border_title = "Questions"
        yield picker
        yield QuestionPane(id="question-pane")
        with Horizontal(id="setup-bottom"):
            yield Static("", id="setup-status", markup=False)
            yield Button("Start", id="setup-start", variant="primary", compact=True)
        yield Static("", id="setup-warnings", markup=False)
        yield AppFooter()

    def _field(self, value: str, field_id: str, **options: Any) -> Input:
        field = FormField(value, id=field_id, compact=True, **options)
        field.set_reactive(Input.cursor_blink, self.context.cursor_blink)  # off over SSH
        return field

    def on_mount(self) -> None:
        self._show_error(self.error)
        self._refresh_status()
        self._show_question()
        name = self.query_one("#candidate", Input)
        (self.query_one(QuestionPicker) if name.value else name).focus()

    # --- reading the form -------------------------------------------------------

    @property
    def pick(self) -> tuple[str, ...]:
        return self.query_one(QuestionPicker).pick

    def _minutes(self) -> int | None:
        text = self.query_one("#minutes", Input).value.strip()
        try:
            value = int(text)
        except ValueError:  # not a number (or over 4,300 digits)
            return None
        return value if 1 <= value <= MAX_MINUTES else None

    def _seniority(self) -> Seniority | None:
        value = self.query_one("#seniority", Select).value
        return value if value in SENIORITIES else None

    def _text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    # --- what the user sees ------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self.error = message
        line = self.query_one("#setup-error", Static)
        line.update(Content(visible(message)))  # it may quote a folder's name
        line.display = bool(message)

    def _refresh_status(self) -> None:
        minutes = self._minutes()
        status = self.query_one("#setup-status", Static)
        warnings = self.query_one("#setup-warnings", Static)
        if minutes is None:
            status.update(f"{len(self.pick)} picked")
            shown = [f"minutes must be a whole number from 1 to {MAX_MINUTES}"]
        else:
            result = pick_status(self.context.bank, self.pick, minutes,
                                 seniority=self._seniority())  # fmt: skip
            status.update(result.line)
            shown = list(result.warnings)
        # Warnings only: the interviewer may have reasons for any pick.
        warnings.update(Content("\n".join(f"⚠ {warning}" for warning in shown)))
        warnings.display = bool(shown)

    def _show_question(self) -> None:
        picker = self.query_one(QuestionPicker)
        if picker.highlighted is not None:
            question = self.context.bank.questions[picker.highlighted]
            pane = self.query_one(QuestionPane)
            pane.show(self.context.bank, question, self.pick, self._seniority())

    @on(QuestionPicker.Changed)
    @on(Input.Changed, "#minutes")
    def _form_changed(self) -> None:
        self._refresh_status()
        self._show_question()

    @on(Select.Changed, "#seniority")
    def _level_changed(self) -> None:
        self.query_one(QuestionPicker).seniority = self._seniority()
        self._form_changed()

    @on(OptionList.OptionHighlighted, "#picker")
    def _highlighted(self) -> None:
        self._show_question()

    @on(Input.Changed, "#candidate")
    def _name_typed(self) -> None:
        # Only the error asking for the name: the field is also set when the form opens.
        if self._text("candidate") and self.error == NAME_REQUIRED:
            self._show_error("")

    @on(Button.Pressed, "#setup-start")
    def _start_pressed(self) -> None:
        self.action_start()

    # --- actions -------------------------------------------------------------------

    def action_suggest(self) -> None:
        minutes = self._minutes() or DEFAULT_MINUTES
        picked = suggest(self.context.bank, self._seniority(), minutes)
        if not picked:
            self._show_error(f"No question fits in {minutes} minutes at this level.")
            return
        self.query_one(QuestionPicker).pick = tuple(q.id for q in picked)

    def action_scroll_question(self, step: int) -> None:
        self.query_one(QuestionPane).scroll_lines(step)

    def action_start(self) -> None:
        candidate = self._text("candidate")
        minutes = self._minutes()
        if not candidate:
            self._show_error(NAME_REQUIRED)
            self.query_one("#candidate", Input).focus()
            return
        if minutes is None:
            self._show_error(f"Minutes must be a whole number from 1 to {MAX_MINUTES}.")
            self.query_one("#minutes", Input).focus()
            return
        if not self.pick:
            self._show_error("Pick at least one question (space), or suggest a set (ctrl+g).")
            self.query_one(QuestionPicker).focus()
            return
        self.dismiss(
            InterviewRequest(
                candidate=candidate,
                role=self._text("role") or None,
                interviewer=self._text("interviewer"),  # blank: no interviewer
                seniority=self._seniority(),
                minutes=minutes,
                pick=self.pick,
            )
        )

    def action_back(self) -> None:
        self.dismiss(None)
