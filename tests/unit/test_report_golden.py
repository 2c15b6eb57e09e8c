"""Golden files: the Markdown report and both CSV shapes, byte for byte.

The expected files are in tests/golden/. After a deliberate change to a report,
run with UPDATE_GOLDEN=1 to rewrite them, and read the diff before committing.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tpm_tui.domain.models import Bank, Candidate, Interviewer, Outcome, Session, new_session
from tpm_tui.domain.report import render

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CREATED = datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC)


def interview(bank: Bank, name: str, picks: tuple[str, ...]) -> Session:
    session = new_session(
        kind="interview",
        session_id=f"2026-11-28-1002-{name.lower().replace(' ', '-')}",
        bank=bank,
        questions=[bank.question(qid) for qid in picks],
        candidate=Candidate(name, "Technical Product Manager", "senior"),
        minutes=45,
        interviewer=Interviewer("Sam Okafor"),
    )
    session.created_at = session.updated_at = CREATED
    return session


def sessions(bank: Bank) -> list[Session]:
    jane = interview(
        bank, "Jane Doe", ("technical-trade-off", "data-informed-decision", "adapting-the-roadmap")
    )
    trade_off, data, roadmap = jane.questions
    for index, second in ((0, 40), (1, 95), (3, 210), (6, 400)):
        trade_off.toggle_area(index, second)
    trade_off.rating, trade_off.elapsed_seconds = 3, 655
    trade_off.notes = "Chose a queue over a rewrite: 6 weeks saved.\nCould not say how p99 moved."
    trade_off.toggle_follow_up(0, 300)
    trade_off.follow_ups[0].notes = "Error budget, latency_p99 and *support* tickets."
    for index, second in ((0, 20), (1, 60), (3, 200), (4, 260), (6, 330)):
        data.toggle_area(index, second)
    data.rating, data.elapsed_seconds = 4, 480
    roadmap.toggle_area(1, 50)
    roadmap.rating, roadmap.elapsed_seconds = 2, 300
    roadmap.notes = "# Slipped 2 quarters; blamed vendor | no plan B."
    jane.elapsed_seconds = 1435
    jane.complete(
        Outcome(
            "yes",
            "Strong on data, thinner on planning.\nA second look at roadmap depth.",
            strengths=["Quantifies trade-offs (6 weeks, error budget)", "Clear with data"],
            concerns=["Little contingency planning", "2 * 3 = 6 is not a plan"],
            competencies={
                "technical-acumen": 3,
                "strategic-thinking": 2,
                "stakeholder-management": 3,
                "data-driven-decisions": 4,
                "communication": 3,
            },
        )
    )
    jane.completed_at = datetime(2026, 11, 28, 10, 50, 0, tzinfo=UTC)
    ann = interview(bank, "Ann Lee", ("saying-no-to-a-stakeholder",))
    ann.questions[0].rating = 1
    ann.questions[0].elapsed_seconds = 200
    return [jane, ann]


@pytest.mark.parametrize(
    ("name", "fmt", "rows", "which"),
    [
        ("report.md", "md", "sessions", slice(0, 1)),
        ("sessions.csv", "csv", "sessions", slice(None)),
        ("questions.csv", "csv", "questions", slice(None)),
    ],
)
def test_report_matches_its_golden_file(
    shipped_bank: Bank, name: str, fmt: str, rows: str, which: slice
) -> None:
    text = render(sessions(shipped_bank)[which], fmt, rows=rows, bank=shipped_bank)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_bytes().decode("utf-8"), f"differs from {path}"
