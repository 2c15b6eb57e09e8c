"""Hostile banks and session files, built by the tests: escape sequences, C1
controls and bidi overrides in every text field, and checks that none of it
reaches a terminal raw (byte for byte).
"""

from __future__ import annotations

import re
from pathlib import Path

import tomli_w

from tpm_tui.domain.models import (
    AreaTick,
    Bank,
    Candidate,
    FollowUpRecord,
    Interviewer,
    Outcome,
    Session,
    new_session,
)
from tpm_tui.storage.store import render

# OSC 52 (set the clipboard), OSC 0 (set the window title), a CSI that clears the
# screen, C1 CSI and OSC (one byte each to a terminal in 8-bit mode), BEL, and
# bidi overrides and isolates that would display the rest reversed.
EVIL = (
    "\x1b]52;c;T1dORUQ=\x1b\\\x1b]0;OWNED\x1b\\\x1b[2J\x1b[1;31mRED"
    "\x9b31m\x9d0;C1OWNED\x07\u202eRLO\u2066LRI\u200f"
)
# How it shows: pictures for C0 controls, U+FFFD for the others.
EVIL_SHOWN = (
    "␛]52;c;T1dORUQ=␛\\␛]0;OWNED␛\\␛[2J␛[1;31mRED\ufffd31m\ufffd0;C1OWNED␇\ufffdRLO\ufffdLRI\ufffd"
)
# No lone surrogate: TOML cannot hold one. They come from undecodable bytes in
# file names and arguments: os.fsdecode(b"\xff") == "\udcff".
SURROGATE = "\udcff"

# Every code point that must never reach a terminal raw (the C0 controls aside,
# which the output of a screen holds for its own escape sequences).
_FORBIDDEN = re.compile("[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# What EVIL would do if it got through: these sequences are not ones Textual writes.
_RAW_SEQUENCES = (b"\x1b]52;", b"\x1b]0;", b"\x1b]2;", b"\x1b[1;31mRED", b"\x07\xe2\x80\xae")


def evil(label: str) -> str:
    """A text naming its field (so a test can tell which one leaked), then EVIL."""
    return f"{label} {EVIL} end"


def assert_inert(output: bytes) -> str:
    """Fail if any of EVIL's sequences, a C1 control, a bidi control or an
    undecodable character is in `output` (bytes from a terminal or a pipe)."""
    text = output.decode("utf-8")  # strict: a lone surrogate would have been refused
    for sequence in _RAW_SEQUENCES:
        assert sequence not in output, f"{sequence!r} reached the terminal"
    found = sorted({f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(text)})
    assert not found, f"raw {', '.join(found)} reached the terminal"
    return text


def assert_no_escape(output: bytes) -> str:
    """For plain output (the command line): no ESC at all, and `assert_inert`."""
    assert b"\x1b" not in output, "ESC reached the terminal"
    return assert_inert(output)


def hostile_bank_toml() -> str:
    """A valid bank with EVIL in every text field (ids must be lowercase-with-dashes)."""
    question = {
        "competencies": ["evil-one"],
        "areas": [evil("area one"), evil("area two")],
        "follow_ups": [evil("follow-up one"), evil("follow-up two")],
    }
    return tomli_w.dumps(
        {
            "bank": {"title": evil("title"), "role": evil("role"), "description": evil("bank")},
            "competencies": [
                {"id": "evil-one", "name": evil("competency"), "description": evil("about")},
            ],
            "questions": [
                {
                    "id": "q-one",
                    "title": evil("first title"),
                    "text": evil("first text"),
                    "minutes": 5,
                    **question,
                },
                {
                    "id": "q-two",
                    "title": evil("second title"),
                    "text": evil("second text"),
                    **question,
                },
            ],
            "guidance": [{"question": evil("guidance q"), "answer": evil("guidance a")}],
        }
    )


def write_hostile_bank(folder: Path) -> Path:
    path = folder / "questions.toml"
    path.write_text(hostile_bank_toml(), encoding="utf-8")
    return path


def hostile_session(bank: Bank, *, completed: bool = True, stem: str = "evil") -> Session:
    """A session with EVIL in every text the file holds."""
    session = new_session(
        kind="interview",
        session_id=stem,
        bank=bank,
        questions=bank.questions[:2],
        candidate=Candidate(evil("candidate"), evil("role"), "senior"),
        minutes=45,
        interviewer=Interviewer(evil("interviewer")),
    )
    session.bank_title = evil("bank title")
    for index, record in enumerate(session.questions):
        record.title = evil(f"q{index} title")
        record.text = evil(f"q{index} text")
        record.competencies = [evil("competency id")]
        record.notes = evil(f"q{index} notes") + "\nsecond line " + EVIL
        record.rating = 3
        record.elapsed_seconds = 60  # the ticks below were made within it
        record.areas = [AreaTick(evil("covered area"), True, 12), AreaTick(evil("missed area"))]
        record.follow_ups = [FollowUpRecord(evil("asked"), True, 30, evil("follow-up note"))]
    if completed:
        session.complete(Outcome("yes", evil("overall notes")))
    return session


def write_hostile_session(
    folder: Path, bank: Bank, name: str = "evil.toml", **options: object
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(render(hostile_session(bank, **options)), encoding="utf-8")  # type: ignore[arg-type]
    return path
