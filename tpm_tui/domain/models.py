"""The domain: a question bank and the sessions run from it.

Pure data with attrs; no Textual here, so it is tested without a UI. Reading and
writing files lives in `storage` (`bank.py`, `sessionfile.py`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal

from attrs import Factory, define, field, frozen

Seniority = Literal["junior", "mid", "senior"]
SENIORITIES: tuple[Seniority, ...] = ("junior", "mid", "senior")

Recommendation = Literal["strong_no", "no", "yes", "strong_yes"]
# In key order: 1..4 on the summary screen.
RECOMMENDATIONS: tuple[Recommendation, ...] = ("strong_no", "no", "yes", "strong_yes")
RECOMMENDATION_LABELS: dict[str, str] = {
    "strong_no": "Strong no",
    "no": "No",
    "yes": "Yes",
    "strong_yes": "Strong yes",
}
RATING_LABELS: dict[int, str] = {1: "weak", 2: "mixed", 3: "good", 4: "strong"}

Kind = Literal["interview", "practice"]
Status = Literal["in_progress", "completed"]
SESSION_FORMAT = "tpm-tui.session/1"
STAR_STEPS: tuple[str, ...] = ("situation", "task", "action", "result")
# The longest interview (and question budget) the app starts: ten hours. The file
# format allows more (sessionfile.MAX_MINUTES), so a file's value always loads.
MAX_MINUTES = 600


def utc_now() -> datetime:
    """Now in UTC, to the second: session files are read by people."""
    return datetime.now(UTC).replace(microsecond=0)


# --- The question bank -------------------------------------------------------


@frozen
class BankInfo:
    title: str
    role: str
    description: str = ""


@frozen
class Competency:
    id: str
    name: str
    description: str = ""


# A rubric's keys are the rating labels: weak, mixed, good, strong (ratings 1..4).
RUBRIC_LEVELS: tuple[str, ...] = tuple(RATING_LABELS.values())


@frozen
class Rubric:
    """What an answer at each rating sounds like for one question (`[questions.rubric]`)."""

    weak: str
    mixed: str
    good: str
    strong: str

    def words(self, rating: int) -> str:
        """The level's words for rating 1..4."""
        return str(getattr(self, RUBRIC_LEVELS[rating - 1]))


@frozen
class Question:
    id: str
    title: str
    text: str
    competencies: tuple[str, ...]
    areas: tuple[str, ...]
    follow_ups: tuple[str, ...]
    seniority: tuple[Seniority, ...] = ()
    minutes: int | None = None
    rubric: Rubric | None = None


@frozen
class Guidance:
    question: str
    answer: str


@frozen
class Bank:
    bank: BankInfo
    competencies: tuple[Competency, ...]
    questions: tuple[Question, ...]
    guidance: tuple[Guidance, ...] = ()

    @property
    def title(self) -> str:
        return self.bank.title

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def rubric(self, question_id: str) -> Rubric | None:
        """The rubric of a question of this bank; None when it has none or is not here."""
        try:
            return self.question(question_id).rubric
        except KeyError:
            return None

    def competency_name(self, competency_id: str) -> str:
        for competency in self.competencies:
            if competency.id == competency_id:
                return competency.name
        return competency_id


# --- A session ---------------------------------------------------------------


@define
class AreaTick:
    text: str
    covered: bool = False
    covered_at: int | None = None  # question-elapsed second


@define
class FollowUpRecord:
    text: str
    asked: bool = False
    asked_at: int | None = None  # question-elapsed second
    notes: str = ""


@define(kw_only=True)
class QuestionRecord:
    id: str
    title: str = ""
    text: str
    competencies: list[str]
    budget_seconds: int
    elapsed_seconds: int = 0
    rating: int | None = None  # 1..4
    notes: str = ""
    # Practice mode: whether the checklist was revealed, and STAR steps ticked.
    revealed: bool | None = None
    star: list[str] = Factory(list)
    # Practice: seconds spent answering (from `enter` to the reveal; absent before
    # `enter`), the seconds of each STAR step ticked, and the story told (its id).
    answer_seconds: int | None = None
    star_seconds: dict[str, int] = Factory(dict)
    story: str | None = None
    areas: list[AreaTick] = Factory(list)
    follow_ups: list[FollowUpRecord] = Factory(list)

    @property
    def covered(self) -> int:
        return sum(area.covered for area in self.areas)

    @property
    def asked(self) -> int:
        return sum(follow_up.asked for follow_up in self.follow_ups)

    @property
    def label(self) -> str:
        return self.title or self.id

    def toggle_area(self, index: int, at_second: int) -> bool:
        """Tick or untick area `index`; returns whether it is now covered."""
        area = self.areas[index]
        area.covered = not area.covered
        area.covered_at = at_second if area.covered else None
        return area.covered

    def toggle_follow_up(self, index: int, at_second: int) -> bool:
        follow_up = self.follow_ups[index]
        follow_up.asked = not follow_up.asked
        follow_up.asked_at = at_second if follow_up.asked else None
        return follow_up.asked

    @classmethod
    def from_question(cls, question: Question, budget_seconds: int) -> QuestionRecord:
        return cls(
            id=question.id,
            title=question.title,
            text=question.text,
            competencies=list(question.competencies),
            budget_seconds=budget_seconds,
            areas=[AreaTick(text) for text in question.areas],
            follow_ups=[FollowUpRecord(text) for text in question.follow_ups],
        )


@define
class Candidate:
    name: str
    role: str = ""
    seniority: Seniority | None = None


def candidate_key(name: str) -> str:
    """The form in which two spellings of one person's name are equal: Unicode NFKC
    (fullwidth letters, composed or decomposed accents), case-folded, white space
    collapsed. Practice history, compare and exports all tell people apart by it."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(folded.split())


@define
class Interviewer:
    name: str


@define
class Outcome:
    recommendation: Recommendation
    notes: str = ""
    # The scorecard: key take-aways, and a 1..4 rating per competency the interview touched.
    strengths: list[str] = Factory(list)
    concerns: list[str] = Factory(list)
    competencies: dict[str, int] = Factory(dict)


@define
class OutcomeDraft:
    """The summary screen's choices before completing: saved, so nothing typed is lost."""

    recommendation: Recommendation | None = None
    notes: str = ""
    strengths: list[str] = Factory(list)
    concerns: list[str] = Factory(list)
    competencies: dict[str, int] = Factory(dict)  # the ratings chosen (not pre-filled ones)


@define(kw_only=True)
class Session:
    # kw_only so the fields keep the file's reading order (format first).
    format: str = SESSION_FORMAT
    kind: Kind
    status: Status = "in_progress"
    id: str
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None = None
    minutes: int
    elapsed_seconds: int = 0
    current: int = 0  # index of the question on screen, so resume lands there
    answer_minutes: int | None = None  # practice: the answer target
    bank_title: str
    candidate: Candidate
    interviewer: Interviewer | None = None
    outcome: Outcome | None = None
    draft: OutcomeDraft | None = None  # only while in progress
    questions: list[QuestionRecord] = field(factory=list)

    @property
    def completed(self) -> bool:
        return self.status == "completed"

    @property
    def areas_covered(self) -> int:
        return sum(q.covered for q in self.questions)

    @property
    def areas_total(self) -> int:
        return sum(len(q.areas) for q in self.questions)

    @property
    def average_rating(self) -> float | None:
        ratings = [q.rating for q in self.questions if q.rating is not None]
        return sum(ratings) / len(ratings) if ratings else None

    @property
    def started_on(self) -> str:
        return self.created_at.strftime("%Y-%m-%d %H:%M")

    def complete(self, outcome: Outcome | None) -> None:
        self.outcome = outcome
        self.draft = None
        self.status = "completed"
        # Never before the start, even if the clock was put back: readers refuse that.
        self.completed_at = max(utc_now(), self.created_at)


def budgets(questions: Sequence[Question], minutes: int) -> list[int]:
    """Seconds per question: its own `minutes`, else the interview split evenly."""
    share = minutes * 60 // len(questions) if questions else 0
    return [q.minutes * 60 if q.minutes is not None else share for q in questions]


def new_session(
    *,
    kind: Kind,
    session_id: str,
    bank: Bank,
    questions: Sequence[Question],
    candidate: Candidate,
    minutes: int,
    interviewer: Interviewer | None = None,
    answer_minutes: int | None = None,
) -> Session:
    now = utc_now()
    seconds = budgets(questions, minutes)
    records = [QuestionRecord.from_question(q, s) for q, s in zip(questions, seconds, strict=True)]
    if kind == "practice":
        for record in records:
            record.revealed = False
    return Session(
        kind=kind,
        id=session_id,
        created_at=now,
        updated_at=now,
        minutes=minutes,
        bank_title=bank.title,
        candidate=candidate,
        interviewer=interviewer,
        answer_minutes=answer_minutes,
        questions=records,
    )
