"""`tpm-tui questions`: the bank's questions, one line each."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tpm_tui.commands.common import (
    check_competency,
    check_seniority,
    load_bank_or_fail,
    questions_path,
    say,
)
from tpm_tui.domain.models import Question
from tpm_tui.domain.textsafe import cells, one_line, pad


def run_questions(args: argparse.Namespace) -> int:
    from tpm_tui.domain.picking import matching

    bank = load_bank_or_fail(questions_path(args.questions))
    check_competency(bank, args.competency)
    check_seniority(args.seniority)
    questions = matching(bank, args.competency, args.seniority)
    if not questions:
        say("tpm-tui: no question in the bank matches", sys.stderr)
    for line in question_lines(questions):
        say(line, sys.stdout)
    return 0


def question_lines(questions: Sequence[Question]) -> list[str]:
    """`id  title  minutes  seniority  competencies`, in aligned columns."""
    rows = [
        (
            one_line(question.id),
            one_line(question.title),
            f"{question.minutes} min" if question.minutes else "-",
            ",".join(question.seniority) or "any",
            one_line(",".join(question.competencies)),
        )
        for question in questions
    ]
    widths = [max((cells(row[column]) for row in rows), default=0) for column in range(4)]
    return [
        "  ".join([*(pad(text, width) for text, width in zip(row, widths, strict=False)), row[4]])
        for row in rows
    ]
