"""The strict converters shared by the bank and session readers: TOML integers are 64-bit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tpm_tui.storage.bank import BankError, load_bank
from tpm_tui.storage.converter import describe


def test_a_bank_number_beyond_64_bits_is_refused_with_its_field(tmp_path: Path) -> None:
    path = tmp_path / "questions.toml"
    path.write_text(
        '[bank]\ntitle = "T"\nrole = "R"\n\n[[competencies]]\nid = "c"\nname = "C"\n\n'
        f'[[questions]]\nid = "q"\ntitle = "Q"\ntext = "Tell me."\ncompetencies = ["c"]\n'
        f'minutes = {2**64}\nareas = ["a"]\nfollow_ups = []\n',
        encoding="utf-8",
    )
    with pytest.raises(BankError) as raised:
        load_bank(path)
    [problem] = raised.value.problems
    assert problem.field == "questions[0] (id 'q').minutes"
    assert problem.message == "expected a 64-bit integer, got an integer beyond 64 bits"


@pytest.mark.parametrize(
    ("value", "shown"), [(2**63 - 1, str(2**63 - 1)), (-(2**63), str(-(2**63)))]
)
def test_the_64_bit_bounds_themselves_are_numbers(value: int, shown: str) -> None:
    assert describe(value) == f"{shown} (integer)"


def test_a_huge_integer_is_never_printed_whole() -> None:
    assert describe(10**4000) == "an integer beyond 64 bits"
