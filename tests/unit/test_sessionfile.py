"""The session file format: exact round trips, the field names of docs/FORMATS.md,
absent values left out."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tpm_tui.domain.listing import summarize
from tpm_tui.domain.models import (
    AreaTick,
    Candidate,
    FollowUpRecord,
    Interviewer,
    Outcome,
    QuestionRecord,
    Session,
)
from tpm_tui.storage.sessionfile import SessionFileError, from_toml, to_toml
from tpm_tui.storage.store import SessionStore

CREATED = datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC)

HOSTILE = [
    "say \"hi\" and 'bye'",
    "back\\slash\\ and a trailing one\\",
    'triple """ quotes """ and \'\'\' too',
    'ends with a quote"',
    "windows\r\nline\r\nends",
    "old mac\rline end",
    "tabs\there\tand\tthere",
    "[bold]x[/ and [/] and [@click=app.quit]x[/] and [link=https://x]y[/link]",
    "controls \x00 \x01 \x08 \x0c \x1b[31mred\x1b[0m \x7f \x9b end",
    "emoji 😀 👩‍👩‍👧 🇯🇵 and é vs e\u0301",
    "\nleading newline",
    "multi-line notes\n\n  - point one\n  - point two\n",
    "   spaces around   ",
    '# not a comment = 1\n[[questions]]\nformat = "x"',
    "\u2028line separator\u2029 and \ufeff BOM and \ufffd",
]


def make_session(text: str = "plain", *, completed: bool = True) -> Session:
    """A full session with `text` in every free-text field."""
    question = QuestionRecord(
        id="technical-trade-off",
        title=f"Title {text}",
        text=f"Tell me about {text}",
        competencies=["technical-acumen", "communication"],
        budget_seconds=540,
        elapsed_seconds=312,
        rating=3,
        notes=f"Notes: {text}",
        areas=[AreaTick(f"Area {text}", True, 45), AreaTick("Second area", False, None)],
        follow_ups=[
            FollowUpRecord(f"Follow-up {text}", True, 200, f"Asked: {text}"),
            FollowUpRecord("Not asked yet"),
        ],
    )
    unrated = QuestionRecord(
        id="second-question",
        text="Another question " + "with a long text " * 8,
        competencies=["execution"],
        budget_seconds=300,
        areas=[AreaTick("An area whose text is long enough to be written as a table " * 2)],
        follow_ups=[FollowUpRecord("A follow-up long enough to be written as a table " * 2)],
    )
    session = Session(
        kind="interview",
        id="2026-11-28-1002-jane-doe",
        created_at=CREATED,
        updated_at=CREATED + timedelta(minutes=29, seconds=29),
        minutes=45,
        elapsed_seconds=1771,
        bank_title=f"Bank {text}",
        candidate=Candidate(f"Jane {text}", f"Role {text}", "senior"),
        interviewer=Interviewer(f"sam {text}"),
        questions=[question, unrated],
    )
    if completed:
        session.status = "completed"
        session.completed_at = CREATED + timedelta(minutes=44, seconds=51)
        session.outcome = Outcome("yes", f"Overall: {text}")
    return session


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_round_trips_exactly(text: str) -> None:
    session = make_session(text)
    assert from_toml(to_toml(session)) == session


def test_all_hostile_texts_together_round_trip_through_the_store(tmp_path: Path) -> None:
    session = make_session("|".join(HOSTILE))
    store = SessionStore(tmp_path / "sessions", cache_dir=tmp_path / "cache")
    path = store.create(session)
    assert store.load(path) == session
    store.save(session, path)
    assert store.load(path) == session


def test_text_without_carriage_returns_uses_readable_multi_line_strings() -> None:
    text = to_toml(make_session("line one\nline two"))
    assert '"""\nNotes: line one\nline two"""' in text
    assert from_toml(text) == make_session("line one\nline two")


def test_field_names_are_the_specs() -> None:
    text = to_toml(make_session("x"))
    raw = tomllib.loads(text)
    assert text.startswith('format = "tpm-tui.session/1"\n')
    assert {
        "format",
        "kind",
        "status",
        "id",
        "created_at",
        "updated_at",
        "completed_at",
        "minutes",
        "elapsed_seconds",
        "bank_title",
        "candidate",
        "interviewer",
        "outcome",
        "questions",
    } <= raw.keys()
    assert raw["candidate"] == {"name": "Jane x", "role": "Role x", "seniority": "senior"}
    assert raw["interviewer"] == {"name": "sam x"}
    assert raw["outcome"] == {"recommendation": "yes", "notes": "Overall: x"}
    first = raw["questions"][0]
    assert {
        "id",
        "text",
        "competencies",
        "budget_seconds",
        "elapsed_seconds",
        "rating",
        "notes",
        "areas",
        "follow_ups",
    } <= first.keys()
    assert first["areas"][0] == {"text": "Area x", "covered": True, "covered_at": 45}
    assert first["areas"][1] == {"text": "Second area", "covered": False}
    assert first["follow_ups"][0] == {
        "text": "Follow-up x",
        "asked": True,
        "asked_at": 200,
        "notes": "Asked: x",
    }
    assert first["follow_ups"][1] == {"text": "Not asked yet", "asked": False}
    # Long entries are written as docs/FORMATS.md shows them (short ones may be inline tables).
    for header in (
        "[candidate]",
        "[interviewer]",
        "[outcome]",
        "[[questions]]",
        "[[questions.areas]]",
        "[[questions.follow_ups]]",
    ):
        assert f"\n{header}\n" in text


def test_absent_values_are_left_out() -> None:
    session = make_session(completed=False)
    session.interviewer = None
    session.candidate = Candidate("Jane")
    text = to_toml(session)
    raw = tomllib.loads(text)
    assert "None" not in text and "null" not in text
    for key in ("completed_at", "outcome", "interviewer"):
        assert key not in raw
    assert raw["candidate"] == {"name": "Jane"}
    unrated = raw["questions"][1]
    assert "rating" not in unrated and "notes" not in unrated
    assert "covered_at" not in unrated["areas"][0]
    assert "asked_at" not in unrated["follow_ups"][0]
    assert from_toml(text) == session


def test_datetimes_are_written_as_utc_with_z() -> None:
    session = make_session()
    # An aware time in another zone is written as the same instant in UTC.
    session.updated_at = datetime(2026, 11, 28, 11, 31, 40, tzinfo=timezone(timedelta(hours=1)))
    text = to_toml(session)
    assert "\ncreated_at = 2026-11-28T10:02:11Z\n" in text
    assert "\nupdated_at = 2026-11-28T10:31:40Z\n" in text
    assert "\ncompleted_at = 2026-11-28T10:47:02Z\n" in text
    assert re.search(r"\+00:00", text) is None
    loaded = from_toml(text)
    assert loaded.updated_at == session.updated_at and loaded.updated_at.tzinfo is not None


def test_a_local_datetime_in_a_hand_edited_file_is_taken_as_utc() -> None:
    text = to_toml(make_session()).replace("2026-11-28T10:02:11Z", "2026-11-28T10:02:11")
    assert from_toml(text).created_at == CREATED


def test_unknown_fields_from_a_later_minor_version_are_accepted() -> None:
    text = to_toml(make_session()).replace("minutes = 45\n", "minutes = 45\nmood = 'good'\n")
    assert from_toml(text) == make_session()


# --- Property: any text survives the store exactly --------------------------------

texts = st.text()  # any code point but surrogates, which UTF-8 (and TOML) cannot hold


@settings(max_examples=300, deadline=None)
@given(name=texts, notes=texts, area=texts, follow_up=texts, overall=texts)
def test_any_text_round_trips_through_to_toml(
    name: str, notes: str, area: str, follow_up: str, overall: str
) -> None:
    session = make_session()
    session.candidate.name = name
    session.questions[0].notes = notes
    session.questions[0].areas[0].text = area
    session.questions[0].follow_ups[0].notes = follow_up
    assert session.outcome is not None
    session.outcome.notes = overall
    assert from_toml(to_toml(session)) == session


def test_any_text_round_trips_through_save_and_load(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions", cache_dir=tmp_path / "cache")
    path = store.create(make_session())

    @settings(max_examples=100, deadline=None)
    @given(name=texts, notes=texts, area=texts, follow_up=texts)
    def check(name: str, notes: str, area: str, follow_up: str) -> None:
        session = make_session(completed=False)
        session.candidate.name = name
        session.questions[0].notes = notes
        session.questions[0].areas[0].text = area
        session.questions[0].follow_ups[0].notes = follow_up
        store.save(session, path)
        assert store.load(path) == session
        # The listing (from the summary line, or a full parse) agrees with the session.
        assert store.summaries([path]) == [summarize(session, path)]

    check()


# --- Values checked on load (issues 14.5, 14.6, 8.5) ---------------------------------
# The text of make_session(): question 0 has elapsed 312, area 0 covered_at 45,
# follow-up 0 asked_at 200; question 1 has elapsed 0 and no rating.

REFUSED = [
    ("rating = 3\n", "rating = 0\n", r"^questions\[0\]\.rating: expected 1 to 4, got 0$"),
    ("rating = 3\n", "rating = 7\n", r"^questions\[0\]\.rating: expected 1 to 4, got 7$"),
    ("rating = 3\n", "rating = -3\n", r"^questions\[0\]\.rating: expected 1 to 4, got -3$"),
    ("rating = 3\n", f"rating = {2**62}\n", r"^questions\[0\]\.rating: expected 1 to 4"),
    ("rating = 3\n", "rating = 9\n", r"^questions\[0\]\.rating: expected 1 to 4, got 9$"),
    (
        "budget_seconds = 300\n",
        "budget_seconds = 300\nrating = 9\n",
        r"^questions\[1\]\.rating: expected 1 to 4, got 9$",
    ),
    (
        'recommendation = "yes"',
        'recommendation = "maybe"',
        r"^outcome\.recommendation: expected one of strong_no, no, yes, strong_yes, got 'maybe'",
    ),
    ("minutes = 45\n", "minutes = -45\n", r"^minutes: expected 1 to \d+ minutes, got -45$"),
    ("minutes = 45\n", "minutes = 0\n", r"^minutes: expected 1 to \d+ minutes, got 0$"),
    ("minutes = 45\n", f"minutes = {2**63}\n", r"^minutes: expected a 64-bit integer"),
    (
        "budget_seconds = 540\n",
        "budget_seconds = -540\n",
        r"^questions\[0\]\.budget_seconds: expected 0 to \d+ seconds, got -540$",
    ),
    (
        "elapsed_seconds = 1771\n",
        "elapsed_seconds = -1\n",
        r"^elapsed_seconds: expected 0 to \d+ seconds, got -1$",
    ),
    (
        "minutes = 45\n",
        "minutes = 45\nanswer_minutes = -3\n",
        r"^answer_minutes: expected 1 to \d+ minutes, got -3$",
    ),
    (
        "covered_at = 45",
        "covered_at = -1",
        r"^questions\[0\]\.areas\[0\]\.covered_at: expected 0 to 317 .*got -1$",
    ),
    (
        "covered_at = 45",
        "covered_at = 318",
        r"^questions\[0\]\.areas\[0\]\.covered_at: expected 0 to 317 .*got 318$",
    ),
    (
        "asked_at = 200",
        "asked_at = 4000",
        r"^questions\[0\]\.follow_ups\[0\]\.asked_at: expected 0 to 317 .*got 4000$",
    ),
    (
        "current = 0\n",
        "current = 2\n",
        r"^current: expected 0 to 1, got 2$",
    ),
    ("current = 0\n", "current = -1\n", r"^current: expected 0 to 1, got -1$"),
    (
        "completed_at = 2026-11-28T10:47:02Z",
        "completed_at = 2026-11-28T10:02:10Z",
        r"^completed_at: before created_at \(2026-11-28T10:02:11Z\)$",
    ),
    (
        'notes = "Notes: plain"\n',
        'notes = "Notes: plain"\nstar = ["situation", "sleep"]\n',
        r"^questions\[0\]\.star\[1\]: expected each of situation, task, action, result",
    ),
    (
        "created_at = 2026-11-28T10:02:11Z",
        "created_at = 9999-12-31T23:59:59-23:59",
        r"^created_at: expected a date-time between 1970 and 9000, got 9999-12-31 23:59:59-23:59$",
    ),
    (
        "created_at = 2026-11-28T10:02:11Z",
        "created_at = 1969-12-31T23:59:59Z",
        r"^created_at: expected a date-time between 1970 and 9000",
    ),
    ("created_at = 2026-11-28T10:02:11Z", "created_at = 2026-11-28", r"^created_at: expected"),
]


@pytest.mark.parametrize(("good", "bad", "reason"), REFUSED, ids=[r[1].strip() for r in REFUSED])
def test_known_values_out_of_bounds_are_refused_with_their_path(
    good: str, bad: str, reason: str
) -> None:
    text = to_toml(make_session())
    assert good in text
    with pytest.raises(SessionFileError) as raised:
        from_toml(text.replace(good, bad, 1))
    assert re.search(reason, str(raised.value)), str(raised.value)


def test_a_completed_interview_needs_an_outcome_a_practice_does_not() -> None:
    session = make_session()
    session.outcome = None
    with pytest.raises(SessionFileError, match=r"^outcome: a completed interview needs an outcome"):
        from_toml(to_toml(session))
    session.kind = "practice"
    assert from_toml(to_toml(session)) == session


def test_a_session_with_no_questions_is_refused() -> None:
    session = make_session()
    session.questions = []
    with pytest.raises(SessionFileError, match=r"^questions: has no questions$"):
        from_toml(to_toml(session))


def test_a_tick_may_be_stamped_a_few_seconds_past_its_questions_clock() -> None:
    text = to_toml(make_session())
    late = from_toml(text.replace("covered_at = 45", "covered_at = 317"))
    assert late.questions[0].areas[0].covered_at == 317  # elapsed 312 + TICK_SLACK_SECONDS


def test_many_problems_are_all_counted() -> None:
    text = to_toml(make_session())
    for good, bad in (("rating = 3\n", "rating = 9\n"), ("minutes = 45\n", "minutes = 0\n")):
        text = text.replace(good, bad)
    text = text.replace("covered_at = 45", "covered_at = -1").replace(
        "asked_at = 200", "asked_at = -1"
    )
    with pytest.raises(SessionFileError) as raised:
        from_toml(text)
    assert str(raised.value).endswith("(and 1 more)")


def test_an_offset_date_time_is_read_as_the_same_instant_in_utc() -> None:
    text = to_toml(make_session()).replace(
        "created_at = 2026-11-28T10:02:11Z", "created_at = 2026-11-28T15:32:11+05:30"
    )
    loaded = from_toml(text)
    assert loaded.created_at == CREATED and loaded.created_at.utcoffset() == timedelta(0)
    assert "created_at = 2026-11-28T10:02:11Z" in to_toml(loaded)


def test_completing_never_stamps_before_the_start_even_with_the_clock_put_back() -> None:
    session = make_session(completed=False)
    session.created_at = datetime.now(UTC) + timedelta(hours=1)  # a clock since put back
    session.complete(Outcome("yes"))
    assert session.completed_at == session.created_at
    assert from_toml(to_toml(session)) == session


# Keys this version does not know, anywhere: a newer copy of the app in the team wrote them.
NEWER_KEYS = [
    ("minutes = 45\n", "minutes = 45\nmood = 'good'\n"),
    ('[candidate]\nname = "Jane plain"\n', '[candidate]\nname = "Jane plain"\npronouns = "she"\n'),
    ('[interviewer]\nname = "sam plain"\n', '[interviewer]\nname = "sam plain"\nteam = 7\n'),
    (
        '[outcome]\nrecommendation = "yes"\n',
        '[outcome]\nrecommendation = "yes"\nconfidence = "high"\n'
        "weights = { technical-acumen = 3 }\n",
    ),
    (
        "budget_seconds = 540\n",
        "budget_seconds = 540\nanswer_words = 170\ntranscript = 'payments-migration'\n",
    ),
    (
        '{ text = "Area plain", covered = true, covered_at = 45 }',
        '{ text = "Area plain", covered = true, covered_at = 45, weight = 2 }',
    ),
    ("covered = false\n", "covered = false\nhint = { level = 1 }\n"),  # [[questions.areas]]
    ("asked = true, asked_at = 200,", "asked = true, asked_at = 200, by = 'kim',"),
]


@pytest.mark.parametrize(("good", "newer"), NEWER_KEYS, ids=range(len(NEWER_KEYS)))
def test_keys_of_a_newer_version_are_accepted_anywhere(good: str, newer: str) -> None:
    text = to_toml(make_session())
    assert good in text
    assert from_toml(text.replace(good, newer, 1)) == make_session()


def test_a_newer_file_with_a_known_key_wrong_is_still_refused() -> None:
    text = to_toml(make_session()).replace("covered = false\n", "covered = false\nhint = 1\n")
    with pytest.raises(SessionFileError, match=r"^questions\[1\]\.areas\[0\]\.covered:"):
        from_toml(text.replace("covered = false\nhint", "covered = 'no'\nhint"))


def test_the_scorecard_round_trips_and_its_ratings_are_checked() -> None:
    from tpm_tui.domain.models import Outcome

    session = make_session(completed=False)
    session.complete(
        Outcome(
            "yes",
            "solid",
            strengths=["clear trade-offs"],
            concerns=["metrics vague"],
            competencies={"technical-acumen": 3, "communication": 4},
        )
    )
    text = to_toml(session)
    assert "strengths" in text and "competencies" in text
    back = from_toml(text)
    assert back.outcome == session.outcome
    bad = r"outcome\.competencies\.communication: expected 1 to 4, got 7"
    with pytest.raises(SessionFileError, match=bad):
        from_toml(text.replace("communication = 4", "communication = 7"))
    # An older session (no scorecard) still reads, with an empty one.
    plain = make_session(completed=False)
    plain.complete(Outcome("no"))
    assert from_toml(to_toml(plain)).outcome == Outcome("no")
