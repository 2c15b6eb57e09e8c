"""`tpm-tui serve`: the app in a web browser, each tab started with the global
options given here (the server itself is `tpm_tui.serve`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tpm_tui.commands.common import UsageError, load_bank_or_fail, questions_path
from tpm_tui.commands.parser import common_options


def global_options(args: argparse.Namespace) -> list[str]:
    """The global options as given (every one `common_options` defines), paths made
    absolute: what each browser tab's app is started with."""
    options: list[str] = []
    for action in common_options(None)._actions:
        value = getattr(args, action.dest, None)
        if not action.option_strings or value is None or value is False:
            continue
        options.append(action.option_strings[0])
        if value is not True:
            options.append(str(value.absolute() if isinstance(value, Path) else value))
    return options


def run_serve(args: argparse.Namespace) -> int:
    from tpm_tui.serve import serve

    # What every tab would fail on is said once, here, before serving.
    load_bank_or_fail(questions_path(args.questions))
    try:
        serve([sys.executable, "-m", "tpm_tui", *global_options(args)], args.host, args.port)
    except OSError as error:  # the port is taken, the address is not this machine's
        raise UsageError(
            f"cannot serve on {args.host}:{args.port}: {error.strerror or error}"
        ) from None
    return 0
