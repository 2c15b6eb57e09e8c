"""`tpm-tui validate`: check a question bank, each problem with its line."""

from __future__ import annotations

import argparse
import sys

from tpm_tui.commands.common import UsageError, questions_path, say


def run_validate(args: argparse.Namespace) -> int:
    from tpm_tui.storage.bank import BankError, BankUnreadable, load_bank, summary

    path = args.file or questions_path(args.questions)
    try:
        bank = load_bank(path)
    except BankUnreadable as error:  # missing, a FIFO, a folder: not a bank to check
        raise UsageError(str(error)) from None
    except BankError as error:
        say(str(error), sys.stdout)
        count = len(error.problems)
        say(f"{path}: {count} problem{'s' if count != 1 else ''} found", sys.stderr)
        return 1
    say(summary(bank, path), sys.stdout)
    return 0
