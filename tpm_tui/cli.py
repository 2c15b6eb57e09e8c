"""The command line: parse, resolve paths, then run a screen or a report.

Each command lives in its own module of `tpm_tui.commands`, imported only when
that command runs. Textual is imported only by the commands that open screens,
so `validate` and `export` start quickly. Errors are one or two plain lines on
stderr; exit codes follow the README (0 fine, 1 validate found problems, 2 bad
usage or input).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

from tpm_tui.commands.common import UsageError, load_settings_or_fail, say, tolerant_output
from tpm_tui.commands.parser import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on bad usage, with argparse's message
    try:
        # Checked once, for every command, before anything else (each command checking
        # it where it needed it let `questions` and `validate` run on a broken file).
        args.settings = load_settings_or_fail()
        if args.command == "validate":
            from tpm_tui.commands.validate import run_validate

            return run_validate(args)
        if args.command == "export":
            from tpm_tui.commands.export import run_export

            return run_export(args)
        if args.command == "sync":
            from tpm_tui.commands.sync import run_sync

            return run_sync(args)
        if args.command == "practice" and args.due:
            from tpm_tui.commands.due import run_due

            return run_due(args)
        if args.command == "serve":
            from tpm_tui.commands.serve import run_serve

            return run_serve(args)
        if args.command == "questions":
            from tpm_tui.commands.questions import run_questions

            return run_questions(args)
        from tpm_tui.commands.app import run_app

        return run_app(args)
    except UsageError as error:
        say(f"tpm-tui: {error}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise: no traceback reaches a user
        if args.debug:
            say(traceback.format_exc().rstrip("\n"), sys.stderr)
        else:
            say(f"tpm-tui: unexpected error: {error} (run with --debug for details)", sys.stderr)
        return 2
