"""`tpm-tui questions`: one line per question of the bank, to choose questions by."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import assert_no_escape, write_hostile_bank
from test_cli import run

from tpm_tui.domain.models import Bank


def test_one_line_per_question_starting_with_its_id(
    capsys: pytest.CaptureFixture[str], shipped_bank: Bank
) -> None:
    code, out, err = run(capsys, "questions")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [q.id for q in shipped_bank.questions]
    launch = next(line for line in lines if line.startswith("coordinating-a-complex-launch"))
    assert launch.split("  ")[0] == "coordinating-a-complex-launch"
    for part in (
        "Coordinating a complex launch",
        "12 min",
        "mid,senior",
        "execution,cross-functional-leadership,communication",
    ):
        assert part in launch
    # Aligned columns: every title starts in the same column.
    starts = {line.index(q.title) for line, q in zip(lines, shipped_bank.questions, strict=True)}
    assert len(starts) == 1


def test_filters_by_competency_and_seniority(
    capsys: pytest.CaptureFixture[str], shipped_bank: Bank
) -> None:
    code, out, _ = run(
        capsys, "questions", "--competency", "learning-agility", "--seniority", "junior"
    )
    assert code == 0
    assert (
        [line.split()[0] for line in out.splitlines()]
        == [
            q.id
            for q in shipped_bank.questions
            if "learning-agility" in q.competencies and "junior" in q.seniority
        ]
        == ["leading-with-unfamiliar-technology", "learning-a-system-quickly"]
    )
    _, senior, _ = run(capsys, "questions", "--seniority", "senior")
    assert len(senior.splitlines()) == 15


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("--competency", "comunication"), "did you mean `communication`?"),
        (("--seniority", "seniro"), "did you mean `senior`?"),
        (("--seniority", "staff"), "one of junior, mid, senior"),
    ],
)
def test_an_unknown_competency_or_level_exits_2_with_a_suggestion(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], said: str
) -> None:
    code, out, err = run(capsys, "questions", *argv)
    assert code == 2 and out == ""
    assert said in err and err.count("\n") == 1


@pytest.mark.parametrize("command", [("practice", "--due"), ("interview", "--candidate", "A")])
def test_every_command_checks_the_level_alike(
    capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    # One line with a did-you-mean, as `questions` says it (practice and interview
    # printed argparse's usage and "invalid choice"); any case reads as the level.
    code, out, err = run(capsys, *command, "--seniority", "seniro")
    assert code == 2 and out == ""
    assert "did you mean `senior`?" in err and err.count("\n") == 1
    if command[0] == "practice":
        code, out, _ = run(capsys, *command, "--seniority", "Junior")
        assert code == 0 and "never practised" in out


def test_bank_text_is_shown_visibly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bank = write_hostile_bank(tmp_path)
    code, out, _ = run(capsys, "questions", "--questions", str(bank))
    assert code == 0 and out
    assert_no_escape(out.encode())
