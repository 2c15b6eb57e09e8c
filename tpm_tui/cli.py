"""The command line: parse, resolve paths, then run a screen or a report.

Textual is imported only by the commands that open screens, so `validate` and
`export` start quickly. Errors are one or two plain lines on stderr; exit codes
follow the SPEC (0 fine, 1 validate found problems, 2 bad usage or input).
"""

from __future__ import annotations

import argparse
import getpass
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from tpm_tui import __version__
from tpm_tui.config import (
    DEFAULT_ANSWER_MINUTES,
    DEFAULT_MINUTES,
    DEFAULT_PRACTICE_COUNT,
    AppContext,
    InterviewRequest,
    PracticeRequest,
    ResumeRequest,
    ReviewRequest,
    StartRequest,
    cursor_blink_default,
)
from tpm_tui.models import SENIORITIES, Bank


class UsageError(Exception):
    """Bad usage or an input that cannot be used: exit 2 with this message."""


# --- parsing -------------------------------------------------------------------


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def _id_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _common_options(default: object) -> argparse.ArgumentParser:
    """The options every command takes. Given before the command they set the
    defaults; after it, SUPPRESS keeps the command's copy from resetting them."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--questions",
        metavar="FILE",
        type=Path,
        default=default,
        help="question bank (default: ./questions.toml if present, else the shipped bank)",
    )
    common.add_argument(
        "--sessions",
        metavar="DIR",
        type=Path,
        default=default,
        help="sessions folder (default: $TPM_TUI_SESSIONS, else ./sessions if present, "
        "else ~/.local/share/tpm-tui/sessions)",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=False if default is None else default,
        help="show tracebacks on errors",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="tpm-tui",
        description="Run, practise and review structured behavioral interviews in the terminal.",
        parents=[_common_options(None)],
    )
    parser.add_argument("--version", action="version", version=f"tpm-tui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    interview = commands.add_parser(
        "interview", parents=[common], help="start a new interview",
        description="Start a new interview. With --candidate and --pick the setup form is "
        "skipped and the session starts at once.",
    )
    interview.add_argument("--candidate", metavar="NAME", help="the candidate's name")
    interview.add_argument("--role", metavar="ROLE", help="the role (default: the bank's)")
    interview.add_argument("--interviewer", metavar="NAME", help="your name (default: login)")
    interview.add_argument("--seniority", choices=SENIORITIES, help="the role's seniority")
    interview.add_argument(
        "--minutes", type=_positive, metavar="N", help=f"length (default {DEFAULT_MINUTES})"
    )
    interview.add_argument(
        "--pick", type=_id_list, metavar="ID,ID,…", default=(), help="question ids, in order"
    )

    practice = commands.add_parser(
        "practice", parents=[common], help="a mock interview for a candidate alone",
        description="Practise alone: answer against a timer, then see what a strong answer "
        "covers, tick what you covered and face the follow-ups.",
    )
    practice.add_argument(
        "--count", type=_positive, default=DEFAULT_PRACTICE_COUNT, metavar="N",
        help=f"how many questions (default {DEFAULT_PRACTICE_COUNT})",
    )
    practice.add_argument("--competency", metavar="ID", help="only questions testing this")
    practice.add_argument("--seniority", choices=SENIORITIES, help="only questions for this level")
    practice.add_argument("--pick", type=_id_list, metavar="ID,…", default=(), help="question ids")
    practice.add_argument(
        "--answer-minutes", type=_positive, default=DEFAULT_ANSWER_MINUTES, metavar="N",
        help=f"target answer length (default {DEFAULT_ANSWER_MINUTES})",
    )
    practice.add_argument("--seed", type=int, metavar="N", help="repeat a random pick")

    resume = commands.add_parser(
        "resume", parents=[common], help="reopen an unfinished session where it stopped"
    )
    resume.add_argument("file", nargs="?", type=Path, metavar="FILE",
                        help="session file (default: the newest unfinished one)")

    review = commands.add_parser("review", parents=[common], help="browse past sessions")
    review.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="session files (default: the whole sessions folder)")

    validate = commands.add_parser("validate", parents=[common], help="check a question bank")
    validate.add_argument("file", nargs="?", type=Path, metavar="FILE",
                          help="bank to check (default: the one --questions resolves to)")

    export = commands.add_parser("export", parents=[common], help="write a report of sessions")
    export.add_argument("files", nargs="+", type=Path, metavar="FILE", help="session files")
    export.add_argument("--format", choices=("md", "json", "csv"), default="md",
                        help="report format (default md)")
    export.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="write here instead of standard output")
    return parser


# --- resolving inputs ------------------------------------------------------------


def questions_path(given: Path | None) -> Path:
    if given is not None:
        return given
    local = Path("questions.toml")
    if local.is_file():
        return local
    from tpm_tui.bank import default_bank_path

    return default_bank_path()


def sessions_path(given: Path | None) -> Path:
    if given is not None:
        return given
    from tpm_tui.store import default_sessions_dir

    return default_sessions_dir()


def load_bank_or_fail(path: Path) -> Bank:
    from tpm_tui.bank import BankError, load_bank

    try:
        return load_bank(path)
    except BankError as error:
        raise UsageError(str(error)) from None


def _check_ids(bank: Bank, ids: Sequence[str], option: str) -> None:
    known = {question.id for question in bank.questions}
    unknown = [qid for qid in ids if qid not in known]
    if unknown:
        raise UsageError(
            f"{option}: no question with id {', '.join(map(repr, unknown))} in the bank "
            "(run `tpm-tui validate` to list them)"
        )


def start_request(args: argparse.Namespace, bank: Bank) -> StartRequest | None:
    match args.command:
        case "interview":
            _check_ids(bank, args.pick, "--pick")
            return InterviewRequest(
                candidate=args.candidate,
                role=args.role,
                interviewer=args.interviewer or getpass.getuser(),
                seniority=args.seniority,
                minutes=args.minutes,
                pick=args.pick,
            )
        case "practice":
            _check_ids(bank, args.pick, "--pick")
            competencies = {competency.id for competency in bank.competencies}
            if args.competency and args.competency not in competencies:
                raise UsageError(
                    f"--competency: unknown id {args.competency!r}; the bank has "
                    + ", ".join(sorted(competencies))
                )
            return PracticeRequest(
                count=args.count,
                competency=args.competency,
                seniority=args.seniority,
                pick=args.pick,
                answer_minutes=args.answer_minutes,
                seed=args.seed,
            )
        case "resume":
            if args.file is not None and not args.file.is_file():
                raise UsageError(f"{args.file}: no such session file")
            # Say so before the screen opens: nothing to resume is an input problem.
            from tpm_tui.sessionfile import SessionFileError
            from tpm_tui.store import SessionStore

            store = SessionStore(sessions_path(args.sessions))
            if args.file is None:
                if not store.unfinished():
                    raise UsageError(f"no unfinished session in {store.folder}")
            else:
                try:
                    session = store.load(args.file)
                except (SessionFileError, OSError) as error:
                    raise UsageError(f"{args.file}: {error}") from None
                if session.completed:
                    raise UsageError(
                        f"{args.file}: already completed; read it with `tpm-tui review FILE`"
                    )
            return ResumeRequest(args.file)
        case "review":
            return ReviewRequest(tuple(args.files))
    return None


# --- commands --------------------------------------------------------------------


def run_validate(args: argparse.Namespace) -> int:
    from tpm_tui.bank import BankError, load_bank, summary

    path = args.file or questions_path(args.questions)
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    try:
        bank = load_bank(path)
    except BankError as error:
        print(error)
        count = len(error.problems)
        print(f"{path}: {count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    print(summary(bank, path))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from tpm_tui.report import render
    from tpm_tui.sessionfile import SessionFileError
    from tpm_tui.store import SessionStore

    sessions = []
    for path in args.files:
        try:
            sessions.append(SessionStore(path.parent).load(path))
        except SessionFileError as error:
            raise UsageError(f"{path}: {error}") from None
    text = render(sessions, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"{args.output}: cannot write: {error.strerror or error}") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def run_app(args: argparse.Namespace) -> int:
    from tpm_tui.store import SessionStore

    bank_path = questions_path(args.questions)
    bank = load_bank_or_fail(bank_path)
    context = AppContext(
        bank=bank,
        bank_path=bank_path,
        store=SessionStore(sessions_path(args.sessions)),
        cursor_blink=cursor_blink_default(),
        start=start_request(args, bank),
    )
    from tpm_tui.app import make_app
    from tpm_tui.shutdown import ExitWatchdog, TerminalState

    # Read before Textual changes the terminal; started before any signal can come.
    watchdog = ExitWatchdog(TerminalState.capture())
    watchdog.start()
    app = make_app(context, watchdog)
    try:
        app.run()
    finally:
        watchdog.end_if_signalled()  # with its code: 0 for SIGHUP and SIGTERM, 130 for SIGINT
    # Textual catches a crash in the app, shows it and sets return_code (1).
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on bad usage, with argparse's message
    try:
        if args.command == "validate":
            return run_validate(args)
        if args.command == "export":
            return run_export(args)
        return run_app(args)
    except UsageError as error:
        print(f"tpm-tui: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise: no traceback reaches a user
        if args.debug:
            traceback.print_exc()
        else:
            print(f"tpm-tui: unexpected error: {error} (run with --debug for details)",
                  file=sys.stderr)
        return 2
