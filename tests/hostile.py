"""Hostile banks and session files, built by the tests: escape sequences, C1
controls and bidi overrides in every text field, and checks that none of it
reaches a terminal raw (byte for byte); and a sessions folder of files that
break readers (nesting past tomli's limits, forged summary lines, FIFOs, devices,
looping links), each with the reason a listing must give.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import tomli_w

from tpm_tui.domain.models import (
    AreaTick,
    Bank,
    Candidate,
    FollowUpRecord,
    Interviewer,
    Outcome,
    QuestionRecord,
    Session,
    new_session,
)
from tpm_tui.storage.sessionfile import to_toml
from tpm_tui.storage.store import render
from tpm_tui.storage.summaries import MARK

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


# --- hostile files in a sessions folder (issue 14.3) ----------------------------------

CREATED = datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC)
QID = "technical-trade-off"


def make_session(name: str, *, minutes_later: int = 0, kind: str = "interview") -> Session:
    created = CREATED + timedelta(minutes=minutes_later)
    record = QuestionRecord(
        id=QID,
        text="Tell me about a time when you made a technical trade-off.",
        competencies=["technical-acumen"],
        budget_seconds=540,
        elapsed_seconds=300,
        rating=3,
        revealed=True if kind == "practice" else None,
        areas=[AreaTick(f"Area {n}") for n in range(4)],
    )
    record.toggle_area(0, 40)
    return Session(
        kind=kind,  # type: ignore[arg-type]
        id="",
        created_at=created,
        updated_at=created,
        minutes=45,
        bank_title="Bank",
        candidate=Candidate(name, "TPM", "senior"),
        questions=[record],
    )


def forged_line(body: bytes, row: list[object]) -> bytes:
    """A summary line made as anyone could, without the user's secret (a plain hash)."""
    payload = json.dumps(row, separators=(",", ":")).encode("ascii")
    digest = hashlib.sha256(body + b"\0" + payload).hexdigest()[:32].encode("ascii")
    return b"".join((body[:-1], MARK, digest, b" ", payload, b"\n"))


def sealed_row(session: Session) -> list[object]:
    """The row of the summary line the store writes for `session` (its last line)."""
    line = render(session).encode("utf-8").rsplit(b"\n", 2)[-2]
    return json.loads(line.split(b" ", 3)[3])  # "# tpm-tui-summary/3 HASH ROW"


# name -> reason the listing must give (a regular expression)
HOSTILE: dict[str, str] = {
    "deep.toml": r"not valid TOML: arrays or tables nested too deep",
    "deep-table.toml": r"not valid TOML: arrays or tables nested too deep",
    "huge-integer.toml": r"not valid TOML: a number far beyond 64 bits \(line \d+\)",
    "beyond-64-bits.toml": r"^minutes: expected a 64-bit integer, got an integer beyond 64 bits",
    "year-9999.toml": r"^created_at: expected a date-time between 1970 and 9000",
    "year-1.toml": r"^updated_at: expected a date-time between 1970 and 9000",
    "forged-row.toml": r"^kind: required field missing",
    "no-questions.toml": r"^questions: has no questions",
    "rating-9.toml": r"^questions\[0\]\.rating: expected 1 to 4, got 9",
    "fifo.toml": r"^is a FIFO, not a session file$",
    "loop.toml": r"^is a symbolic link that loops$",
    "dangling.toml": r"^is a symbolic link to a file that does not exist$",
    "zero.toml": r"^is a device, not a session file$",
    "folder.toml": r"^is a folder, not a session file$",
}


def write_hostile(folder: Path) -> dict[str, Path]:
    """Every file of HOSTILE in `folder`, each built as an attacker or accident would."""
    good = to_toml(make_session("Good Body"))
    # A genuine summary line moved onto a body that is no session: forged with a plain hash.
    lying = forged_line(b'format = "tpm-tui.session/1"\n', sealed_row(make_session("Liar")))
    files: dict[str, bytes] = {
        "deep.toml": f'format = "tpm-tui.session/1"\nx = {"[" * 1000}{"]" * 1000}\n'.encode(),
        "deep-table.toml": f'format = "tpm-tui.session/1"\nx = {"{a=" * 600}1{"}" * 600}'.encode(),
        "huge-integer.toml": good.replace("minutes = 45\n", f"minutes = {'9' * 5000}\n").encode(),
        "beyond-64-bits.toml": good.replace("minutes = 45\n", f"minutes = {2**64}\n").encode(),
        "year-9999.toml": good.replace(
            "created_at = 2026-11-28T10:02:11Z", "created_at = 9999-12-31T23:59:59-23:59"
        ).encode(),
        "year-1.toml": good.replace(
            "updated_at = 2026-11-28T10:02:11Z", "updated_at = 0001-01-01T00:00:00+23:59"
        ).encode(),
        "forged-row.toml": lying,
        "no-questions.toml": good.split("[[questions]]")[0].encode(),
        "rating-9.toml": good.replace("rating = 3\n", "rating = 9\n").encode(),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    os.mkfifo(folder / "fifo.toml")
    (folder / "loop.toml").symlink_to("loop.toml")
    (folder / "dangling.toml").symlink_to(folder / "nowhere" / "gone.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "folder.toml").mkdir()
    for name in ("fifo.toml", "loop.toml", "dangling.toml", "zero.toml", "folder.toml"):
        paths[name] = folder / name
    assert set(paths) == set(HOSTILE)
    return paths
