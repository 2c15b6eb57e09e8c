"""The end of an interview, a scorecard: what was covered, a rating per competency,
strengths and concerns, the overall recommendation and notes.

`tab` goes from the questions to the competency ratings (pre-filled from the
questions' ratings, see domain/scorecard.py), the strengths, the concerns and
the notes. `ctrl+s` completes the session and saves it; `escape` goes back to
the questions and the session stays unfinished. The draft (everything chosen or
typed here) is saved with the session. Dismisses with True when completed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tpm_tui.context import AppContext
from tpm_tui.domain import scorecard
from tpm_tui.domain.models import (
    RECOMMENDATION_LABELS,
    RECOMMENDATIONS,
    Outcome,
    OutcomeDraft,
    QuestionRecord,
    Recommendation,
    Session,
)
from tpm_tui.domain.textsafe import one_line, visible
from tpm_tui.domain.timer import clock as clock_text
from tpm_tui.keeper import SessionKeeper
from tpm_tui.screens.help import HELP_BINDING
from tpm_tui.screens.live import keep_notes
from tpm_tui.widgets.footer import AppFooter
from tpm_tui.widgets.modeline import Mode, ModeLine
from tpm_tui.widgets.notes import NotesEditor
from tpm_tui.widgets.rating import rating_text
from tpm_tui.widgets.scorecard import CompetencyScores, TakeawayLines

NEED_RECOMMENDATION = "Choose a recommendation (1-4) before saving."
RECOMMEND_TIP = "Overall recommendation: 1 strong no, 2 no, 3 yes, 4 strong yes"
SCORECARD_HEADING = "Scorecard — tab to the ratings per competency, strengths, concerns"



def question_table(session: Session) -> Content:
    """One line per question: areas covered, rating, time against budget, follow-ups."""
    header = f"{'#':>2}  {'Question':<30} {'Areas':>5}  {'Rating':<8} {'Time':>11}  Follow-ups"
    lines = [Content.styled(header, "bold")]
    for number, record in enumerate(session.questions, 1):
        areas = f"{record.covered}/{len(record.areas)}"
        time = f"{clock_text(record.elapsed_seconds)}/{clock_text(record.budget_seconds)}"
        asked = f"{record.asked}/{len(record.follow_ups)}"
        title = one_line(record.label, 30)
        lines.append(
            Content.assemble(
                f"{number:>2}  ",
                Content(title),
                " " * (31 - Content(title).cell_length),
                f"{areas:>5}  {rating_text(record.rating):<8} {time:>11}  {asked}",
            )
        )
    return Content("\n").join(lines)


def gaps(session: Session) -> Content:
    """Areas never covered and follow-ups never asked, question by question."""
    parts: list[Content] = []
    pick: Callable[[QuestionRecord], list[str]]
    for heading, pick in (
        ("Areas not covered", lambda r: [a.text for a in r.areas if not a.covered]),
        ("Follow-ups not asked", lambda r: [f.text for f in r.follow_ups if not f.asked]),
    ):
        parts.append(Content.styled(heading, "bold underline"))
        missing = False
        for number, record in enumerate(session.questions, 1):
            texts = pick(record)
            if not texts:
                continue
            missing = True
            parts.append(Content(f"Q{number} {one_line(record.label, 70)}"))
            parts.extend(Content(f"  · {visible(text)}") for text in texts)
        if not missing:
            parts.append(Content.styled("  none", "$text-muted"))
        parts.append(Content(""))
    return Content("\n").join(parts)


def recommendation_line(chosen: Recommendation | None) -> Content:
    parts: list[str | tuple[str, str]] = [("Recommendation: ", "bold")]
    for key, value in enumerate(RECOMMENDATIONS, 1):
        label = f" {key} {RECOMMENDATION_LABELS[value].lower()} "
        parts.append((label, "reverse bold") if value == chosen else label)
        parts.append(" ")
    parts.append(
        (f"→ {RECOMMENDATION_LABELS[chosen]}", "bold") if chosen else ("→ not chosen", "$warning")
    )
    return Content.assemble(*parts)


class SummaryScreen(Screen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "recommend(1)", "Recommend", key_display="1-4", tooltip=RECOMMEND_TIP),
        *(
            Binding(str(n), f"recommend({n})", "Recommend", show=False, tooltip=RECOMMEND_TIP)
            for n in range(2, 5)
        ),
        Binding("e", "notes", "Notes", tooltip="Write the overall notes"),
        Binding("ctrl+s", "complete", "Save as completed", tooltip="Complete and save"),
        Binding("escape", "back", "Back", tooltip="Back to the questions (stays unfinished)"),
        HELP_BINDING,
    ]

    KEY_SEQUENCES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("tab", "To the ratings per competency, strengths, concerns, notes"),
        ("1-4 / 0", "In the ratings: rate the competency / back to the pre-filled one"),
        ("a / enter / d", "In strengths or concerns: add / edit / delete a line"),
        ("escape", "In the notes or a line: stop typing, so keys act again"),
    )

    def __init__(self, context: AppContext, keeper: SessionKeeper) -> None:
        super().__init__()
        self.context = context
        self.keeper = keeper
        session = keeper.session
        # The draft is saved with the session, so a crash here loses nothing typed.
        if session.draft is None:
            outcome = session.outcome
            session.draft = (
                OutcomeDraft(
                    outcome.recommendation,
                    outcome.notes,
                    list(outcome.strengths),
                    list(outcome.concerns),
                    dict(outcome.competencies),
                )
                if outcome
                else OutcomeDraft()
            )
        self.draft = session.draft

    def compose(self) -> ComposeResult:
        session = self.keeper.session
        total = f"{clock_text(session.elapsed_seconds)}/{clock_text(session.minutes * 60)}"
        covered = f"{session.areas_covered}/{session.areas_total} areas"
        yield Static(
            f"Summary · {one_line(session.candidate.name, 30)} · {total} · {covered}",
            id="summary-title",
            classes="title-line",
            markup=False,
        )
        with VerticalScroll(id="summary-body"):
            yield Static(question_table(session), id="summary-table")
            yield Static(SCORECARD_HEADING, id="summary-scorecard-heading", markup=False)
            yield CompetencyScores(
                self.scores, self.context.bank.competency_name, id="summary-competencies"
            )
            yield TakeawayLines("Strengths", self.draft.strengths, id="summary-strengths")
            yield TakeawayLines("Concerns", self.draft.concerns, id="summary-concerns")
            yield Static(gaps(session), id="summary-gaps")
        yield Static(recommendation_line(self.recommendation), id="summary-recommendation")
        yield NotesEditor(
            self.draft.notes,
            cursor_blink=self.context.cursor_blink,
            placeholder="Overall notes: press e to write (optional)",
            id="summary-notes",
        )
        yield Static("", id="summary-status", classes="status-line", markup=False)
        yield ModeLine(
            {Mode.KEYS: "KEYS — 1-4 recommend, tab scorecard, e notes, ctrl+s completes"},
            id="summary-mode",
        )
        yield AppFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(NotesEditor).border_title = "Overall notes — e"
        self.query_one("#summary-body").focus()
        self._show_status()

    @property
    def notes(self) -> str:
        return self.query_one(NotesEditor).text

    def _show_status(self, error: str | None = None) -> None:
        status = self.query_one("#summary-status", Static)
        status.set_class(error is not None or self.recommendation is None, "-attention")
        if error is not None:
            status.update(f"Not completed: {visible(error)} — press ctrl+s to try again")
        elif self.recommendation is None:
            status.update(NEED_RECOMMENDATION)
        elif self.keeper.notice:  # the file changed on disk: saving goes to a copy
            status.update(f"{visible(self.keeper.notice)} · ctrl+s completes it there")
        else:
            status.update(f"ctrl+s saves as completed to {visible(self.keeper.path.name)}")

    @on(NotesEditor.Done)
    def _notes_done(self) -> None:
        self.query_one("#summary-body").focus()

    @property
    def recommendation(self) -> Recommendation | None:
        return self.draft.recommendation

    @on(NotesEditor.Changed)
    def _notes_changed(self) -> None:
        keep_notes(self.keeper, self.draft, self.notes)

    @property
    def scores(self) -> list[scorecard.Score]:
        return scorecard.scores(self.keeper.session, self.draft.competencies)

    @on(CompetencyScores.Rated)
    def _rated(self, event: CompetencyScores.Rated) -> None:
        if event.rating is None:
            self.draft.competencies.pop(event.competency, None)
        else:
            self.draft.competencies[event.competency] = event.rating
        self.keeper.touch()
        self.query_one(CompetencyScores).show(self.scores)

    @on(TakeawayLines.Changed, "#summary-strengths")
    def _strengths_changed(self, event: TakeawayLines.Changed) -> None:
        self.draft.strengths = event.lines
        self.keeper.touch()

    @on(TakeawayLines.Changed, "#summary-concerns")
    def _concerns_changed(self, event: TakeawayLines.Changed) -> None:
        self.draft.concerns = event.lines
        self.keeper.touch()

    def action_recommend(self, key: int) -> None:
        self.draft.recommendation = RECOMMENDATIONS[key - 1]
        self.keeper.touch()
        self.query_one("#summary-recommendation", Static).update(
            recommendation_line(self.recommendation)
        )
        self._show_status()

    def action_notes(self) -> None:
        self.query_one(NotesEditor).take_keys()

    def action_complete(self) -> None:
        if self.recommendation is None:
            self._show_status()
            self.notify(NEED_RECOMMENDATION, severity="warning", timeout=3)
            return
        draft = self.draft
        outcome = Outcome(
            self.recommendation,
            self.notes,
            strengths=[line.strip() for line in draft.strengths if line.strip()],
            concerns=[line.strip() for line in draft.concerns if line.strip()],
            competencies=scorecard.final_ratings(self.keeper.session, draft.competencies),
        )
        if not self.keeper.complete(outcome):
            self._show_status(self.keeper.error or "the save failed")
            return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
