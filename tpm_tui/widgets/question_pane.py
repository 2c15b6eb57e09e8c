"""The setup form's pane under the question list: the highlighted question in full.

The list gives each question one line (its title cut to fit); this pane shows
what that line cannot: its whole text, the competencies it tests by name, and the
areas a strong answer covers. It never takes the focus (the form's tab order stays
the fields, the list, Start): the list's `shift+↑`/`shift+↓` scroll it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tpm_tui.domain.models import Bank, Question
from tpm_tui.domain.picking import fits
from tpm_tui.domain.textsafe import one_line, visible

MUTED = "$text-muted"


def levels(question: Question) -> str:
    return ", ".join(question.seniority) or "any level"


def describe(bank: Bank, question: Question, pick: Sequence[str], seniority: str | None) -> Content:
    """Where it stands (picked N/M, the level), what it asks, then what it covers."""
    facts: list[tuple[str, str] | str] = []
    if question.id in pick:
        facts += [(f"picked {pick.index(question.id) + 1}/{len(pick)}", "bold"), (" · ", MUTED)]
    if not fits(question, seniority):
        facts += [(f"not for {seniority}", "bold $warning"), (" · ", MUTED)]
    minutes = f"{question.minutes} min" if question.minutes is not None else "an even share"
    names = ", ".join(bank.competency_name(cid) for cid in question.competencies)
    facts.append((visible(f"{minutes} · {levels(question)} · {names}"), MUTED))
    areas: list[tuple[str, str] | str] = [("Covers: ", MUTED)]
    for number, area in enumerate(question.areas):
        areas += [(" · ", MUTED)] * bool(number) + [one_line(area)]
    return Content("\n").join([
        Content.assemble(*facts),
        Content(visible(question.text.strip())),
        Content.assemble(*areas),
    ])  # fmt: skip


class QuestionPane(VerticalScroll, can_focus=False):
    """The question `show` was last given, titled with its title, scrollable."""

    def compose(self) -> ComposeResult:
        yield Static(id="question-pane-text")

    def show(
        self, bank: Bank, question: Question, pick: Sequence[str], seniority: str | None
    ) -> None:
        # Spaced by hand: Textual spaces a title only beside a corner, and a top
        # border alone has none.
        if self.border_title != (title := Content(f" {one_line(question.title)} ")):
            self.scroll_home(animate=False)  # another question: from its first line
        self.border_title = title
        self.query_one(Static).update(describe(bank, question, pick, seniority))

    def scroll_lines(self, step: int) -> None:
        self.scroll_relative(y=step, animate=False)
