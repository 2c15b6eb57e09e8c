"""A three-person panel of one candidate, with fixed dates: the debrief's golden
file, the blind rule and calibration are tested on it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tpm_tui.domain.models import (
    Bank,
    BankInfo,
    Candidate,
    Competency,
    Interviewer,
    Outcome,
    Question,
    Session,
    new_session,
)

BANK = Bank(
    bank=BankInfo(title="TPM behavioral", role="TPM"),
    competencies=(
        Competency("technical-acumen", "Technical acumen"),
        Competency("leadership", "Leadership"),
        Competency("communication", "Communication"),
    ),
    questions=(
        Question(
            id="trade-off",
            title="Technical trade-off",
            text="Tell me about a technical trade-off.",
            competencies=("technical-acumen",),
            areas=("Constraints named", "Options weighed", "Decision owned"),
            follow_ups=("What would you do differently?", "Who disagreed?"),
        ),
        Question(
            id="conflict",
            title="Conflict with engineering",
            text="Tell me about a conflict with an engineering lead.",
            competencies=("leadership", "communication"),
            areas=("Both sides heard", "Resolution"),
            follow_ups=("How did it end?",),
        ),
        Question(
            id="roadmap",
            title="Adapting the roadmap",
            text="Tell me about changing a roadmap late.",
            competencies=("leadership",),
            areas=("Signals", "Stakeholders told"),
            follow_ups=(),
        ),
    ),
)

BASE = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def interview(
    interviewer: str,
    *,
    candidate: str = "Jane Doe",
    ratings: dict[str, int],
    ticks: dict[str, list[int]] | None = None,
    notes: dict[str, str] | None = None,
    asked: dict[str, list[int]] | None = None,
    follow_up_notes: dict[str, str] | None = None,
    outcome: Outcome | None = None,
    hours_after: int = 0,
    pick: tuple[str, ...] = ("trade-off", "conflict", "roadmap"),
    kind: str = "interview",
) -> Session:
    """One interview; completed when `outcome` is given, else in progress."""
    session = new_session(
        kind=kind,  # type: ignore[arg-type]
        session_id=f"2026-11-28-{10 + hours_after:02d}00-{interviewer.lower()}",
        bank=BANK,
        questions=[BANK.question(q) for q in pick],
        candidate=Candidate(candidate, "Technical Product Manager", "senior"),
        minutes=45,
        interviewer=Interviewer(interviewer),
    )
    session.created_at = session.updated_at = BASE + timedelta(hours=hours_after)
    for record in session.questions:
        record.elapsed_seconds = 600
        record.rating = ratings.get(record.id)
        record.notes = (notes or {}).get(record.id, "")
        for index in (ticks or {}).get(record.id, []):
            record.toggle_area(index, 60 + index)
        for index in (asked or {}).get(record.id, []):
            record.toggle_follow_up(index, 300 + index)
            record.follow_ups[index].notes = (follow_up_notes or {}).get(record.id, "")
    session.elapsed_seconds = 1800
    if outcome is not None:
        session.complete(outcome)
        session.completed_at = session.created_at + timedelta(minutes=45)
    return session


def three_panel() -> list[Session]:
    """Ana, Sam and Lee on Jane Doe: Lee rates the trade-off 2 points below the others."""
    ana = interview(
        "Ana",
        ratings={"trade-off": 4, "conflict": 3, "roadmap": 3},
        ticks={"trade-off": [0, 1, 2], "conflict": [0]},
        notes={"trade-off": "Weighed *three* options;\nowned the call.", "conflict": "Calm."},
        asked={"trade-off": [0]},
        follow_up_notes={"trade-off": "Would add load tests earlier."},
        outcome=Outcome(
            "strong_yes",
            "Clear thinker.\n\n# Not a heading",
            strengths=["Structured | crisp"],
            concerns=["Little data work"],
            competencies={"technical-acumen": 4, "leadership": 3, "communication": 4},
        ),
    )
    sam = interview(
        "Sam",
        ratings={"trade-off": 3, "conflict": 3, "roadmap": 2},
        ticks={"trade-off": [0, 2], "conflict": [1]},
        notes={"trade-off": "Good on constraints."},
        outcome=Outcome(
            "yes",
            "Solid.",
            strengths=["Knows the stack"],
            competencies={"technical-acumen": 3, "leadership": 3, "communication": 3},
        ),
        hours_after=1,
    )
    lee = interview(
        "Lee",
        ratings={"trade-off": 1, "conflict": 2},
        ticks={"trade-off": [0], "conflict": [0, 1]},
        notes={"trade-off": "Could not say why <the> option won."},
        outcome=Outcome(
            "no",
            "",
            concerns=["Vague on trade-offs", "- not a list"],
            competencies={"technical-acumen": 1, "leadership": 2},
        ),
        hours_after=2,
        pick=("trade-off", "conflict"),
    )
    return [ana, sam, lee]
