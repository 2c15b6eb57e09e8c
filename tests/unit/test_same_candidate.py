"""One candidate, however the name was typed: practice history, compare and exports
agree on who is the same person (Unicode NFKC, case-folded, white space collapsed)."""

from __future__ import annotations

from datetime import date

import pytest

from tpm_tui.domain.compare import same_candidate
from tpm_tui.domain.models import Bank, Session, candidate_key
from tpm_tui.domain.practice import attempts, new_practice
from tpm_tui.storage.exports import export_stem

QID = "data-informed-decision"
DAY = date(2026, 12, 1)

SAME = [
    ("Jane Doe", "Jane  Doe"),  # two spaces
    ("Jane Doe", " jane doe\n"),
    ("Jane Doe", "Jane\tDoe"),
    ("Jane Doe", "Jane\u00a0Doe"),  # a no-break space
    ("Jane Doe", "Ｊａｎｅ Ｄｏｅ"),  # fullwidth letters, as some input methods type them
    ("Zoë Ångström", "Zoe\u0308 A\u030angstro\u0308m"),  # composed / decomposed
    ("Straße", "STRASSE"),
    ("李文", "李文 "),
]
DIFFERENT = [("Jane Doe", "John Doe"), ("Jane Doe", "JaneDoe"), ("Jane Doe", "Jane D.")]


def practice(bank: Bank, name: str) -> Session:
    session = new_practice(bank, [bank.question(QID)], name=name, answer_minutes=3)
    session.id = name
    session.questions[0].revealed = True
    return session


def agreed(bank: Bank, one: str, other: str) -> tuple[bool, bool, bool]:
    """Whether practice history, compare and the export's name take them for one person."""
    first, second = practice(bank, one), practice(bank, other)
    in_history = bool(attempts([first], QID, other))
    in_compare = same_candidate([first, second])
    in_export = not export_stem([first, second], DAY).endswith("-2-sessions")
    return in_history, in_compare, in_export


@pytest.mark.parametrize(("one", "other"), SAME)
def test_the_same_person_everywhere(shipped_bank: Bank, one: str, other: str) -> None:
    assert agreed(shipped_bank, one, other) == (True, True, True)
    assert candidate_key(one) == candidate_key(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_people_everywhere(shipped_bank: Bank, one: str, other: str) -> None:
    assert agreed(shipped_bank, one, other) == (False, False, False)
    assert candidate_key(one) != candidate_key(other)


def test_the_key_is_one_line_of_folded_text() -> None:
    assert candidate_key("  Ｊａｎｅ\n\u00a0DOE ") == "jane doe"
