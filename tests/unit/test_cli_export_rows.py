"""`tpm-tui export --format csv --rows questions`, and the bank behind a report's words."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from test_cli import run, write_session

from tpm_tui.domain.models import Bank
from tpm_tui.domain.report import QUESTION_CSV_COLUMNS


@pytest.fixture
def jane(shipped_bank: Bank, sessions_dir: Path) -> Path:
    return write_session(sessions_dir, shipped_bank, "Jane Doe", "jane")


def test_one_row_per_question(capsys: pytest.CaptureFixture[str], jane: Path) -> None:
    code, out, _ = run(capsys, "export", str(jane), "--format", "csv", "--rows", "questions")
    assert code == 0
    reader = csv.DictReader(io.StringIO(out))
    assert tuple(reader.fieldnames or ()) == QUESTION_CSV_COLUMNS
    rows = list(reader)
    assert [row["question"] for row in rows] == [
        "technical-trade-off",
        "translating-technical-requirements",
    ]
    # Competency names come from the bank the command uses.
    assert rows[0]["competencies"].startswith("Technical acumen; Strategic thinking")


def test_rows_apply_to_csv_only(capsys: pytest.CaptureFixture[str], jane: Path) -> None:
    code, out, err = run(capsys, "export", str(jane), "--rows", "questions")
    assert (code, out) == (2, "")
    assert "--rows questions: applies to --format csv only" in err


def test_a_broken_default_bank_still_exports_with_ids(
    capsys: pytest.CaptureFixture[str], jane: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "questions.toml").write_text("not toml [", encoding="utf-8")
    code, out, _ = run(capsys, "export", str(jane))
    assert code == 0
    assert "- Competencies: technical-acumen, strategic-thinking" in out
    # A bank named on purpose must load.
    code, _, err = run(capsys, "export", str(jane), "--questions", "questions.toml")
    assert code == 2 and "questions.toml:1" in err
