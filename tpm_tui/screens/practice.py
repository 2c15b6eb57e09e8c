"""A mock interview for a candidate alone: answer, reveal, self-check, face the follow-ups.

Each question goes through four steps, and the hint line always says the next:
reading (the question alone; `enter` when ready starts the answer timer),
answering (the answer timer against the target, the STAR reminder ticked with
`s`; the areas and follow-ups are not even in the widget tree), the reveal
(`v`: the areas to cover appear and ticks, rating and probes start to work),
and the follow-ups (`f` brings the next one as a probe); `S` chooses the story
told. `q` ends with the progress screen, which compares each question with earlier attempts.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static

from tpm_tui.context import AppContext
from tpm_tui.dialogs.confirm import ConfirmDialog
from tpm_tui.domain.practice import Attempt, last_notes, next_follow_up, tick_star
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.domain.timer import clock as clock_text
from tpm_tui.keeper import SessionKeeper
from tpm_tui.screens.live import (
    MOVE_BINDINGS,
    TICK_BINDINGS,
    LiveScreen,
    area_items,
    closing_bindings,
    key_sequences,
    pause_bindings,
)
from tpm_tui.storage.history import history
from tpm_tui.storage.stories import StoriesError, read_stories
from tpm_tui.widgets.checklist import Checklist, ChecklistHeading
from tpm_tui.widgets.notes import NotesEditor
from tpm_tui.widgets.rating import RatingPicker
from tpm_tui.widgets.rubric import RubricPanel
from tpm_tui.widgets.star import StarReminder
from tpm_tui.widgets.textpiece import show_line
from tpm_tui.widgets.timer import TimerDisplay, pace_class

HINT_READY = "Read the question; press enter when you are ready to answer"
HINT_ANSWER = "Answer aloud, then press v to see what a strong answer covers"
NOT_STARTED = "Press enter first: it starts your answer (and its timer)"
HINT_CHECK = "Tick what you covered · r rate · e what you'd say better · f next follow-up"
TOO_EARLY = "Press v first: ticks, rating and follow-ups come after the reveal"
NAME_CELLS = 18

# Enabled only before / only after the reveal (see check_action).
BEFORE_REVEAL = frozenset({"reveal", "star", "too_early", "start"})
AFTER_REVEAL = frozenset({"tick", "rate", "probe", "star_again"})


class PracticeScreen(LiveScreen):
    """Run the practice session held by `keeper` (a new one, or resumed)."""

    AUTO_FOCUS = ""  # focus is placed by hand: nothing to focus until the reveal
    NOTES_TITLE = "What you'd say better next time — e"
    FINISH_QUESTION = "Finish this practice and see your progress?"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Ready", tooltip="Start answering: the answer timer runs"),
        Binding("v", "reveal", "Reveal", tooltip="Reveal the areas a strong answer covers"),
        Binding("s", "star", "STAR", tooltip="Tick the next STAR step (situation, task, …)"),
        Binding("s", "star_again", "STAR", show=False, tooltip="Tick the next STAR step"),
        *TICK_BINDINGS,
        # Before the reveal the same keys only say why they do nothing yet.
        *(
            Binding(key, "too_early", "After the reveal", show=False, tooltip=TOO_EARLY)
            for key in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "space", "r", "f")
        ),
        Binding("f", "probe", "Follow-up", tooltip="Bring the next follow-up as a probe"),
        Binding("S", "stories", "Stories", show=False, tooltip="Your stories for this question"),
        *MOVE_BINDINGS,
        Binding("e", "notes", "Notes", tooltip="Write what you would say better next time"),
        Binding("r", "rate", "Rate", tooltip="Rate your answer: r then 1-4, r then 0 clears"),
        *pause_bindings("the timers"),
        *closing_bindings("Finish: confirm, then your progress"),
    ]

    KEY_SEQUENCES = key_sequences("your answer")

    def __init__(self, context: AppContext, keeper: SessionKeeper) -> None:
        super().__init__(context, keeper)
        self._answer_from = self._answer_start()
        # Earlier attempts per question (read in a worker): the last notes come from here.
        self._earlier: dict[str, list[Attempt]] = {}
        self._story_titles: dict[str, str] = {}  # id -> title, to name the story used

    @property
    def revealed(self) -> bool:
        return bool(self.record.revealed)

    @property
    def answering(self) -> bool:
        """`enter` was pressed and the areas are not revealed yet: the answer timer runs."""
        return self.record.answer_seconds is not None and not self.revealed

    def _answer_start(self) -> int:
        """The question-clock second the current answer started at (resumed: from the
        saved answer time, which the file keeps current while answering)."""
        record = self.record
        return record.elapsed_seconds - (record.answer_seconds or 0)

    def _answer_elapsed(self) -> float:
        """What the answer timer shows: 0 while reading, frozen from the reveal on."""
        record = self.record
        if self.answering:
            return max(0.0, self.clock.question.elapsed - self._answer_from)
        return float(record.answer_seconds or 0)

    # --- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        name = one_line(self.session.candidate.name, NAME_CELLS) or "you"
        with Horizontal(classes="top-line"):
            yield Static(f"Practice · {name}", id="live-candidate", markup=False)
            yield Static("", id="live-position", markup=False)
            yield TimerDisplay(
                "Answer",
                lambda: (self._answer_elapsed(), self.record.budget_seconds),
                id="answer-timer",
            )
            yield Static("", id="practice-answered", markup=False)
            yield from self._compose_total_timer()
        # Not focusable: nothing is, until the reveal (keys act on the screen).
        yield from self._compose_question(focusable=False)
        yield StarReminder(id="practice-star")
        yield Static("", id="practice-aside", markup=False)
        yield from self._compose_areas()  # empty until the reveal
        # While `r` waits for its digit: what each level sounds like (as in an interview).
        yield RubricPanel(lambda: (self.context.bank.rubric(self.record.id), self.record.rating))
        yield from self._compose_answer("What would you say better next time? Press e to write")
        yield Static("", id="practice-hint", classes="hint-line", markup=False)
        yield from self._compose_bottom()

    # --- showing the current question --------------------------------------------

    def _show_question(self) -> None:
        record = self.record
        self._answer_from = self._answer_start()
        self._show_heading(record)
        self.query_one(StarReminder).ticked = tuple(record.star)
        self._load_answer(record)
        self._show_reveal()

    def _show_reveal(self) -> None:
        """What depends on the reveal: before it, nothing of the checklist exists."""
        revealed = self.revealed
        checklist = self.query_one(Checklist)
        checklist.set_items(area_items(self.record) if revealed else [])
        # A class, not an inline display: the rubric (`r`) hides the box by class too.
        self.set_class(not revealed, "-unrevealed")
        checklist.display = revealed
        self.query_one("#answer-timer").display = not revealed
        self.query_one("#practice-answered").display = revealed
        self.query_one("#live-competencies").display = not revealed
        self.query_one(RatingPicker).display = revealed
        self.query_one(StarReminder).compact = revealed
        if revealed and not isinstance(self.focused, NotesEditor):
            checklist.focus()
        elif not revealed and self.focused is checklist:
            self.set_focus(None)
        self._show_status()
        self._show_aside()
        self.refresh_bindings()
        self.query_one("#answer-timer", TimerDisplay).refresh_now()

    def _mounted(self) -> None:
        self._read_earlier()

    @work(thread=True, exclusive=True, exit_on_error=False, group="practice-history")
    def _read_earlier(self) -> None:
        # Both are a help, not a need: without them no notes, and the story by its id.
        try:
            stories, _ = read_stories(self.context.stories_file)
        except (StoriesError, OSError):
            stories = []
        try:
            found = history(self.context.store, self.session)
        except OSError:
            found = {}
        self.app.call_from_thread(self._got_earlier, found, {s.id: s.title for s in stories})

    def _got_earlier(self, found: dict[str, list[Attempt]], titles: dict[str, str]) -> None:
        self._earlier = found
        self._story_titles = titles | self._story_titles  # a choice made meanwhile wins
        self._show_aside()

    def _ready_hint(self) -> str:
        return HINT_READY

    def _show_story(self) -> None:
        self._show_aside()

    def _show_aside(self) -> None:
        """Under the STAR reminder: the story used, and before the reveal, what you
        noted last time to say better."""
        record = self.record
        lines: list[str] = []
        if record.story:
            title = one_line(self._story_titles.get(record.story, record.story), 50)
            lines.append(f"Story: {title} (S to change)")
        last = last_notes(self._earlier.get(record.id, []))
        if last is not None and not self.revealed:
            lines.append(f"Last time ({last.when[:10]}) you noted: {one_line(last.notes, 400)}")
        aside = self.query_one("#practice-aside", Static)
        aside.update(visible("\n".join(lines)))
        aside.display = bool(lines)

    def _show_status(self) -> None:
        record = self.record
        answered = self.query_one("#practice-answered", Static)
        followups = self.query_one("#live-followups", Static)
        hint = self.query_one("#practice-hint", Static)
        # Called on every tick: only what changed is repainted (see show_line).
        if not self.revealed:
            show_line(followups, "Follow-ups come after the reveal")
            show_line(hint, HINT_ANSWER if self.answering else self._ready_hint(), wraps=True)
            return
        count = f"{record.covered}/{len(record.areas)}"
        self.query_one(ChecklistHeading).show_count(count)
        show_line(followups, f"Follow-ups {record.asked}/{len(record.follow_ups)} answered — f")
        last = self.session.current == len(self.session.questions) - 1
        show_line(hint, f"{HINT_CHECK} · {'q finish' if last else 'n next question'}", wraps=True)
        seconds = record.answer_seconds
        if seconds is None:
            show_line(answered, "Answer revealed")  # revealed without answering
            answered.set_classes("")
        else:
            target = record.budget_seconds
            over = " over" if target and seconds > target else ""
            show_line(answered, f"Answered in {clock_text(seconds)}/{clock_text(target)}{over}")
            answered.set_classes(pace_class(seconds, target))

    # --- focus and notes ---------------------------------------------------------------

    def _focus_after_notes(self) -> None:
        if self.revealed:
            self.query_one(Checklist).focus()
        else:
            self.set_focus(None)

    # --- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return not self.revealed and self.record.answer_seconds is None
        if action in BEFORE_REVEAL:
            return not self.revealed
        if action in AFTER_REVEAL:
            return self.revealed
        return super().check_action(action, parameters)

    def action_too_early(self) -> None:
        self.notify(TOO_EARLY, severity="warning", timeout=3)

    def action_start(self) -> None:
        if self.record.answer_seconds is not None:
            return  # already answering
        self._answer_from = self.clock.question.seconds
        self.record.answer_seconds = 0
        self.keeper.touch()
        if self.clock.paused:
            self._set_paused(False)  # ready means the clock runs
        self._show_status()
        self.refresh_bindings()

    def action_star(self) -> None:
        record = self.record
        if record.answer_seconds is None and not self.revealed:
            self.notify(NOT_STARTED, severity="warning", timeout=3)
            return
        self._sync_answer()
        record.star, record.star_seconds = tick_star(
            record.star, record.star_seconds, record.answer_seconds or 0
        )
        self.keeper.touch()
        self.query_one(StarReminder).ticked = tuple(record.star)

    action_star_again = action_star  # the same, after the reveal (not in the footer)

    def action_reveal(self) -> None:
        self._sync_answer()  # the answer time is frozen from now on
        self.record.revealed = True
        self.keeper.touch()
        self._show_reveal()

    def _sync_elapsed(self) -> None:
        super()._sync_elapsed()
        self._sync_answer()

    def _sync_answer(self) -> None:
        """While answering, the saved answer time follows the clock (resume goes on)."""
        if self.answering:
            self.record.answer_seconds = int(self._answer_elapsed())

    def action_probe(self) -> None:
        from tpm_tui.screens.probe import ProbeScreen

        index = next_follow_up(self.record)
        if index is None:
            last = self.session.current == len(self.session.questions) - 1
            where = "q finishes" if last else "n goes to the next question"
            self.notify(f"Every follow-up of this question is answered: {where}", timeout=3)
            return
        self._flush_notes()
        self.app.push_screen(ProbeScreen(self.context, self.keeper, self.clock, index))

    def action_stories(self) -> None:
        from tpm_tui.dialogs.stories import StoryPicker

        picker = StoryPicker(self.context, self.record)

        def chosen(story_id: str | None) -> None:
            if story_id is not None:
                self.record.story = story_id or None  # "": none
                self._story_titles.update({s.id: s.title for s in picker.fitting})
                self.keeper.touch()
                self._show_story()

        self.app.push_screen(picker, chosen)

    # --- finishing -------------------------------------------------------------------

    def action_finish(self) -> None:
        """Confirm first; and say so when a question was never revealed (self-checked)."""
        unchecked = [n for n, r in enumerate(self.session.questions, 1) if not r.revealed]
        question = self.FINISH_QUESTION
        if unchecked:
            listed = ", ".join(f"Q{n}" for n in unchecked)
            question = f"{listed} not revealed or self-checked yet. Finish anyway?"

        def answered(yes: bool | None) -> None:
            if yes:
                self._open_end()

        self.app.push_screen(ConfirmDialog(question), answered)

    def _end_screen(self) -> Screen[bool]:
        from tpm_tui.screens.progress import ProgressScreen

        return ProgressScreen(self.context, self.session, keeper=self.keeper)
