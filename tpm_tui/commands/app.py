"""The commands that open the app: interview, practice, stories, resume, review
(and none). Textual is imported here only, inside `run_app`."""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from tpm_tui.commands.common import (
    UsageError,
    check_competency,
    check_seniority,
    check_session_file,
    load_bank_or_fail,
    practice_name,
    questions_path,
    say,
    sessions_path,
)
from tpm_tui.context import (
    AppContext,
    InterviewRequest,
    PracticeRequest,
    ResumeRequest,
    ReviewRequest,
    StartRequest,
    StoriesRequest,
    animation_default,
    cursor_blink_default,
    mouse_default,
)
from tpm_tui.domain.models import Bank
from tpm_tui.domain.people import who_you_are


def _check_ids(bank: Bank, ids: Sequence[str], option: str) -> None:
    known = {question.id for question in bank.questions}
    unknown = [qid for qid in ids if qid not in known]
    if unknown:
        raise UsageError(
            f"{option}: no question with id {', '.join(map(repr, unknown))} in the bank "
            "(run `tpm-tui questions` to list them)"
        )


def start_request(args: argparse.Namespace, bank: Bank, user: str) -> StartRequest | None:
    match args.command:
        case "interview":
            _check_ids(bank, args.pick, "--pick")
            check_seniority(args.seniority)
            return InterviewRequest(
                candidate=args.candidate,
                role=args.role,
                interviewer=args.interviewer or user,
                seniority=args.seniority,
                minutes=args.minutes,
                pick=args.pick,
            )
        case "practice":
            _check_ids(bank, args.pick, "--pick")
            check_competency(bank, args.competency)
            check_seniority(args.seniority)
            return PracticeRequest(
                count=args.count,
                competency=args.competency,
                seniority=args.seniority,
                pick=args.pick,
                answer_minutes=args.answer_minutes,
                seed=args.seed,
                name=practice_name(args),
            )
        case "resume":
            if args.file is not None:
                check_session_file(args.file)  # named for what it is, never opened
            # Whether there is anything to resume: the app's own look (app.resolve_start).
            return ResumeRequest(args.file)
        case "review":
            return ReviewRequest(tuple(args.files))
        case "stories":
            return StoriesRequest()
    return None


def _check_terminal_streams() -> None:
    """Textual reads keys on stdin and draws the screen on stderr: with either one
    closed (`<&-`, `2>&-`) it crashed, with a traceback or with no word at all."""
    for name, stream in (("stdin", sys.__stdin__), ("stderr", sys.__stderr__)):
        if stream is None:
            raise UsageError(f"cannot open a screen: {name} is closed")


def run_app(args: argparse.Namespace) -> int:
    from tpm_tui.storage.store import SessionStore

    _check_terminal_streams()
    bank_path = questions_path(args.questions)
    bank = load_bank_or_fail(bank_path)
    settings = args.settings
    user = who_you_are(args.as_name, settings.name)
    context = AppContext(
        bank=bank,
        bank_path=bank_path,
        store=SessionStore(sessions_path(args.sessions)),
        cursor_blink=cursor_blink_default(),
        start=start_request(args, bank, user),
        user=user,
        settings=settings,
        stories_path=args.stories,
    )
    from tpm_tui.app import make_app
    from tpm_tui.keeper import NothingToResume
    from tpm_tui.shutdown import ExitWatchdog, TerminalState

    # Read before Textual changes the terminal; started before any signal can come.
    terminal = TerminalState.capture()
    watchdog = ExitWatchdog(terminal)
    app = make_app(context, watchdog)
    if (level := animation_default()) is not None:
        app.animation_level = level
    try:
        app.resolve_start()
    except NothingToResume as error:  # an input problem: said before any screen opens
        raise UsageError(str(error)) from None
    watchdog.start()
    try:
        app.run(mouse=mouse_default())
        if app.left_saved is not None and terminal.alive():  # nobody reads a hung-up one
            say(f"tpm-tui: {leaving_line(app.left_saved, watchdog.signal_number)}", sys.stderr)
    finally:
        watchdog.end_if_signalled()  # with its code: 0 for SIGHUP and SIGTERM, 130 for SIGINT
    if app.start_error:  # the session asked for could not be created (exit code 2)
        say(f"tpm-tui: {app.start_error}", sys.stderr)
    # Textual catches a crash in the app, shows it and sets return_code (1).
    return app.return_code or 0


def leaving_line(path: Path, signal_number: int | None) -> str:
    """Where the unfinished session went, said after the app left with it open. A
    SIGHUP on a terminal still there is another terminal's take-over (`resume`, `y`)."""
    if signal_number == signal.SIGHUP:
        return f"another terminal took over {path}; everything typed here is saved in it."
    return f"{path} saved; continue with: tpm-tui resume {shlex.quote(str(path))}"
