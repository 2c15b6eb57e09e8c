"""The debrief of a panel: the golden file of a three-person panel, blind, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from panel_helpers import BANK, interview, three_panel

from tpm_tui.domain.blind import HIDDEN, blindfold
from tpm_tui.domain.debrief import NotAPanel, debrief
from tpm_tui.domain.models import Outcome

GOLDEN = Path(__file__).parent.parent / "data" / "debrief-three-panel.md"


def test_the_debrief_of_a_three_person_panel_is_the_golden_file() -> None:
    # To update after a deliberate change: write debrief(...) to GOLDEN and read the diff.
    assert debrief(three_panel(), BANK.competency_name) == GOLDEN.read_text(encoding="utf-8")


def test_the_debrief_reads_in_order() -> None:
    text = debrief(three_panel(), BANK.competency_name)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Ratings by question",
        "## Scorecards",
        "## Disagreements (2 points or more)",
        "## Areas nobody covered",
        "## Each interviewer",
    ]
    top = text.split("## Ratings")[0]
    assert "| Ana | Strong yes | 3.3 |" in top and "| Lee | No | 1.5 |" in top


def test_user_text_cannot_change_the_markdown() -> None:
    text = debrief(three_panel(), BANK.competency_name)
    assert "\\# Not a heading" in text  # a note's line is not a heading
    assert "- Structured | crisp" in text  # outside a table a `|` is text: as typed
    assert "\\<the>" in text  # nor HTML
    assert "  - \\- not a list" in text


def test_blind_the_debrief_hides_the_others_and_says_it_is_partial() -> None:
    ana, sam, _ = three_panel()
    mine = interview("Lee", ratings={"trade-off": 1}, notes={"trade-off": "My own note"},
                     pick=("trade-off", "conflict"))  # fmt: skip
    sessions = blindfold("Lee", [ana, sam, mine]).apply([ana, sam, mine])
    text = debrief(sessions, BANK.competency_name)
    assert f"| Ana | {HIDDEN} | {HIDDEN} |" in text
    assert "| Lee | in progress | 1.0 |" in text
    assert "this debrief is partial" in text
    assert "| 1. Technical trade-off | hidden | hidden | 1 |" in text
    for secret in ("Strong yes", "Weighed", "Clear thinker", "Knows the stack", "Solid."):
        assert secret not in text
    # Hidden ratings are not counted: it cannot tell whether the panel disagrees.
    disagreements = text.split("## Disagreements (2 points or more)\n\n")[1].split("\n## ")[0]
    assert "None." not in disagreements
    assert "Cannot tell: partial: 2 interviewers' ratings hidden" in disagreements


def test_files_of_several_candidates_are_refused() -> None:
    sessions = [*three_panel()[:2], interview("Sam", candidate="John Roe", ratings={})]
    with pytest.raises(NotAPanel, match=r"2 candidates \(Jane Doe, John Roe\)"):
        debrief(sessions)
    with pytest.raises(NotAPanel):
        debrief([])


def test_each_interviewer_has_their_notes_per_question_and_the_interview_length() -> None:
    ana, sam, lee = three_panel()
    sam.questions[2].notes = "Metrics were hand-wavy"  # no disagreement on the roadmap
    lee.elapsed_seconds = 48 * 60 + 20
    text = debrief([ana, sam, lee], BANK.competency_name)
    assert "| Sam | Yes | 2.7 | 30:00 of 45:00 |" in text
    assert "| Lee | No | 1.5 | 48:20 of 45:00 (+3:20 over) |" in text
    people = text.split("## Each interviewer")[1]
    sam_part = people.split("### Sam")[1].split("### Lee")[0]
    assert "  - **3. Adapting the roadmap**: Metrics were hand-wavy" in sam_part
    ana_part = people.split("### Ana")[1].split("### Sam")[0]
    assert "  - **2. Conflict with engineering**: Calm." in ana_part
    assert '    - Follow-up "What would you do differently?": Would add load tests earlier.' in (
        ana_part
    )


def test_a_spread_of_0_is_agreement_and_one_rating_has_none() -> None:
    # Found by a tester: agreeing ratings left the Spread cell empty, which reads as
    # not computed; it is 0. A question rated by one interviewer has nothing to compare.
    ana = interview("Ana", ratings={"trade-off": 3, "conflict": 2}, outcome=Outcome("yes"))
    sam = interview("Sam", ratings={"trade-off": 3}, outcome=Outcome("yes"), hours_after=1)
    lines = debrief([ana, sam], BANK.competency_name).splitlines()
    assert "| 1. Technical trade-off | 3 | 3 | 0 |" in lines
    assert "| 2. Conflict with engineering | 2 | · |  |" in lines
