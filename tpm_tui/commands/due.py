"""`tpm-tui practice --due`: what is due for practice, and when."""

from __future__ import annotations

import argparse
import sys

from tpm_tui.commands.common import (
    UsageError,
    check_competency,
    check_seniority,
    load_bank_or_fail,
    practice_name,
    questions_path,
    say,
    sessions_path,
)
from tpm_tui.domain.people import who_you_are
from tpm_tui.domain.textsafe import one_line


def run_due(args: argparse.Namespace) -> int:
    """`practice --due`: one line per practised question, soonest due first, then
    how many were never practised."""
    from tpm_tui.domain.models import RATING_LABELS, utc_now
    from tpm_tui.domain.picking import practice_pool
    from tpm_tui.domain.schedule import due_dates, when_text
    from tpm_tui.storage.history import rated_history
    from tpm_tui.storage.store import SessionStore

    if args.pick:
        raise UsageError("--due lists what is due across the bank: it takes no --pick")
    bank = load_bank_or_fail(questions_path(args.questions))
    check_competency(bank, args.competency)
    check_seniority(args.seniority)
    name = practice_name(args) or who_you_are(args.as_name, args.settings.name)
    try:
        pool = practice_pool(bank, args.competency, args.seniority)
    except ValueError as error:
        raise UsageError(str(error)) from None
    now = utc_now()
    dates = due_dates(rated_history(SessionStore(sessions_path(args.sessions)), name))
    practised = sorted(
        ((dates[q.id], q) for q in pool if q.id in dates), key=lambda pair: pair[0].due
    )
    say(f"Practice due for {one_line(name, 40)} ({len(practised)} practised):", sys.stdout)
    width = max((len(q.id) for _, q in practised), default=0)
    for due, question in practised:
        last = due.last
        rating = f"{last.rating} {RATING_LABELS[last.rating]}"
        rating += "" if last.self_rated else " (from the areas ticked: not rated)"
        say(
            f"  {when_text(due.due, now):<16} {due.due:%Y-%m-%d %H:%M}  {question.id:<{width}}"
            f"  last {rating} on {last.when:%Y-%m-%d}"
            f" ({due.attempts} attempt{'s' if due.attempts != 1 else ''})",
            sys.stdout,
        )
    never = len(pool) - len(practised)
    say(f"{never} question{'s' if never != 1 else ''} never practised", sys.stdout)
    return 0
