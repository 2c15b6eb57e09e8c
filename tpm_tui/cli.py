"""The command line: parse, resolve paths, then run a screen or a report.

Textual is imported only by the commands that open screens, so `validate` and
`export` start quickly. Errors are one or two plain lines on stderr; exit codes
follow the README (0 fine, 1 validate found problems, 2 bad usage or input).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shlex
import signal
import stat
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from tpm_tui import __version__
from tpm_tui.context import (
    DEFAULT_ANSWER_MINUTES,
    DEFAULT_MINUTES,
    DEFAULT_PRACTICE_COUNT,
    MAX_ANSWER_MINUTES,
    MAX_PRACTICE_COUNT,
    MAX_SEED,
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
from tpm_tui.domain.models import MAX_MINUTES, SENIORITIES, Bank, Question, Session
from tpm_tui.domain.people import who_you_are
from tpm_tui.domain.textsafe import cells, one_line, pad, visible, visible_line
from tpm_tui.storage.safefile import NotReadable, check_regular, kind_of, read_regular

if TYPE_CHECKING:
    from tpm_tui.domain.blind import Blindfold
    from tpm_tui.storage.settings import Settings
    from tpm_tui.storage.sync import Sharing, SyncReport


class UsageError(Exception):
    """Bad usage or an input that cannot be used: exit 2 with this message."""


# --- what reaches the terminal -------------------------------------------------------


def _say(text: str, stream: TextIO) -> None:
    """Print `text`, which may quote file names, arguments or a file's text: its
    controls, bidi overrides and lone surrogates are shown visibly, never sent raw."""
    print(visible(text), file=stream)


def _tolerant_output() -> None:
    """Write what the terminal's encoding can hold: under `LC_ALL=C` stdout is
    ASCII, and a "—" in a summary made `validate` fail. What it cannot hold is
    written as a `\\u2014` escape instead (stderr does this by default)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # not None (no stream), nor a StringIO
            with contextlib.suppress(ValueError):  # already closed
                stream.reconfigure(errors="backslashreplace")


class _Parser(argparse.ArgumentParser):
    """argparse, with the arguments it echoes in errors shown visibly
    (`unrecognized arguments:` quotes them as typed)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {visible_line(message)}\n")


# --- parsing -------------------------------------------------------------------


_INTEGER = re.compile(r"[+-]?[0-9]+")


def _whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`. Every number the app
    writes is bounded, since TOML readers refuse integers beyond 64 bits."""

    def parse(text: str) -> int:
        digits = text.strip()
        shown = one_line(text, 24)  # a 5,000-digit argument is not echoed in full
        if not _INTEGER.fullmatch(digits):
            raise argparse.ArgumentTypeError(f"expected a whole number, got {shown!r}")
        # int() refuses over 4,300 digits; a number that long is out of range anyway.
        if len(digits) > 24 or not low <= int(digits) <= high:
            raise argparse.ArgumentTypeError(
                f"expected a whole number from {low} to {high}, got {shown}"
            )
        return int(digits)

    return parse


def _id_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _common_options(default: object) -> _Parser:
    """The options every command takes. Given before the command they set the
    defaults; after it, SUPPRESS keeps the command's copy from resetting them."""
    common = _Parser(add_help=False)
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
        "--as",
        dest="as_name",
        metavar="NAME",
        default=default,
        help="who you are: the interviewer of new interviews, the candidate of practice "
        "(default: name in the config file, else your login name)",
    )
    common.add_argument(
        "--stories",
        metavar="FILE",
        type=Path,
        default=default,
        help="your story bank (default: stories.toml in the sessions folder)",
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
    parser = _Parser(
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
    interview.add_argument(
        "--interviewer", metavar="NAME", help="who interviews (default: you, see --as)"
    )
    interview.add_argument("--seniority", choices=SENIORITIES, help="the role's seniority")
    interview.add_argument(
        "--minutes",
        type=_whole_number(1, MAX_MINUTES),
        metavar="N",
        help=f"length, 1 to {MAX_MINUTES} (default {DEFAULT_MINUTES})",
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
        "--count",
        type=_whole_number(1, MAX_PRACTICE_COUNT),
        default=DEFAULT_PRACTICE_COUNT,
        metavar="N",
        help=f"how many questions, 1 to {MAX_PRACTICE_COUNT} (default {DEFAULT_PRACTICE_COUNT})",
    )
    practice.add_argument("--competency", metavar="ID", help="only questions testing this")
    practice.add_argument("--seniority", choices=SENIORITIES, help="only questions for this level")
    practice.add_argument("--pick", type=_id_list, metavar="ID,…", default=(), help="question ids")
    practice.add_argument(
        "--answer-minutes",
        type=_whole_number(1, MAX_ANSWER_MINUTES),
        default=DEFAULT_ANSWER_MINUTES,
        metavar="N",
        help=f"target answer length, 1 to {MAX_ANSWER_MINUTES} (default {DEFAULT_ANSWER_MINUTES})",
    )
    practice.add_argument(
        "--seed",
        type=_whole_number(0, MAX_SEED),
        metavar="N",
        help="repeat a random pick (0 to 2^63-1)",
    )
    practice.add_argument(
        "--name",
        metavar="NAME",
        help="who practises: your history and what is due follow it (default: you, see --as)",
    )
    practice.add_argument(
        "--due",
        action="store_true",
        help="list the questions due for practice and when, then exit",
    )

    commands.add_parser(
        "stories", parents=[common], help="your STAR stories: list, add, edit, delete",
        description="Your story bank: STAR stories and the competencies each shows.",
    )

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

    questions = commands.add_parser(
        "questions",
        parents=[common],
        help="list the bank's questions",
        description="One line per question of the bank: its id, then title, minutes, "
        "seniority and competencies (ids, as --competency and --pick take them).",
    )
    # Checked by run_questions rather than `choices`, to suggest the nearest level.
    questions.add_argument("--competency", metavar="ID", help="only questions testing this")
    questions.add_argument("--seniority", metavar="LEVEL",
                           help="only questions for this level: " + ", ".join(SENIORITIES))

    export = commands.add_parser(
        "export",
        parents=[common],
        help="write a report of sessions",
        description="Write a report of one or more sessions (csv: one row per session, "
        "or per question with --rows questions). Competency names and the rubric's words "
        "come from the question bank (--questions).",
    )
    export.add_argument("files", nargs="+", type=Path, metavar="FILE", help="session files")
    export.add_argument("--format", choices=("md", "json", "csv", "debrief"), default="md",
                        help="report format (default md); debrief: one Markdown debrief of "
                        "one candidate's panel")
    export.add_argument("--rows", choices=("sessions", "questions"), default=None,
                        help="csv: one row per session (the default) or per question")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="write a new file OUT (mode 0600) instead of standard output; an existing "
        "OUT is never overwritten without --force",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace an existing OUT (atomically; a symlink there is replaced, never "
        "followed). Even so, never a session file or one of the FILEs",
    )
    sync = commands.add_parser(
        "sync",
        parents=[common],
        help="share the sessions folder with the team through git",
        description="Commit every completed session not yet committed (one commit each, "
        "authored by its interviewer), pull with rebase, push, and print what went up and "
        "came down. Unfinished sessions are never committed or pushed.",
    )
    sync.add_argument(
        "--init",
        metavar="URL",
        help="start sharing through the git remote URL: clone it into an empty sessions "
        "folder, or make an existing one a working copy of it and push",
    )
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="serve the app to a web browser",
        description="Serve the app to a web browser: each tab runs its own app, with the "
        "global options given here. There is no login: keep the default host and reach "
        "a shared host with `ssh -L` (README, In a browser).",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    serve.add_argument(
        "--port",
        type=_whole_number(1, 65535),
        default=8000,
        metavar="PORT",
        help="port to listen on (default 8000)",
    )
    return parser


# --- resolving inputs ------------------------------------------------------------


def questions_path(given: Path | None) -> Path:
    if given is not None:
        return given
    local = Path("questions.toml")
    if local.is_file():
        return local
    from tpm_tui.storage.bank import default_bank_path

    return default_bank_path()


def sessions_path(given: Path | None) -> Path:
    if given is not None:
        return given
    from tpm_tui.storage.store import default_sessions_dir

    return default_sessions_dir()


def load_settings_or_fail() -> Settings:
    """Your config file's settings (the defaults without one); a broken one is an
    input that cannot be used: every problem with its line, and exit 2."""
    from tpm_tui.storage.settings import ConfigError, default_config_path, load_settings

    try:
        return load_settings(default_config_path())
    except ConfigError as error:
        raise UsageError(str(error)) from None


def load_bank_or_fail(path: Path) -> Bank:
    from tpm_tui.storage.bank import BankError, load_bank

    try:
        return load_bank(path)
    except BankError as error:
        raise UsageError(str(error)) from None


def _check_session_file(path: Path) -> None:
    """Refuse, naming what it is, anything that is no regular file: a FIFO would
    hang the read and a device never end it."""
    try:
        check_regular(path, "a session file")
    except NotReadable as error:
        raise UsageError(f"{path}: {error}") from None


def _check_ids(bank: Bank, ids: Sequence[str], option: str) -> None:
    known = {question.id for question in bank.questions}
    unknown = [qid for qid in ids if qid not in known]
    if unknown:
        raise UsageError(
            f"{option}: no question with id {', '.join(map(repr, unknown))} in the bank "
            "(run `tpm-tui questions` to list them)"
        )


def _check_competency(bank: Bank, competency: str | None) -> None:
    """An unknown `--competency` exits 2 naming the nearest id (every command that takes it)."""
    from tpm_tui.storage.tomlfile import suggest

    competencies = [c.id for c in bank.competencies]
    if competency is not None and competency not in competencies:
        raise UsageError(
            f"--competency: unknown id {competency!r}"
            f"{suggest(competency, competencies)}; the bank has " + ", ".join(competencies)
        )


def _practice_name(args: argparse.Namespace) -> str | None:
    """`--name`, or None when it is left out (you); an empty one is refused rather
    than silently taken for you."""
    if args.name is None:
        return None
    if not args.name.strip():
        raise UsageError("--name: empty; leave it out to practise as yourself (see --as)")
    return str(args.name.strip())


def start_request(args: argparse.Namespace, bank: Bank, user: str) -> StartRequest | None:
    match args.command:
        case "interview":
            _check_ids(bank, args.pick, "--pick")
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
            _check_competency(bank, args.competency)
            return PracticeRequest(
                count=args.count,
                competency=args.competency,
                seniority=args.seniority,
                pick=args.pick,
                answer_minutes=args.answer_minutes,
                seed=args.seed,
                name=_practice_name(args),
            )
        case "resume":
            if args.file is not None:
                _check_session_file(args.file)  # named for what it is, never opened
            # Whether there is anything to resume: the app's own look (app.resolve_start).
            return ResumeRequest(args.file)
        case "review":
            return ReviewRequest(tuple(args.files))
        case "stories":
            return StoriesRequest()
    return None


# --- commands --------------------------------------------------------------------


def run_validate(args: argparse.Namespace) -> int:
    from tpm_tui.storage.bank import BankError, BankUnreadable, load_bank, summary

    path = args.file or questions_path(args.questions)
    try:
        bank = load_bank(path)
    except BankUnreadable as error:  # missing, a FIFO, a folder: not a bank to check
        raise UsageError(str(error)) from None
    except BankError as error:
        _say(str(error), sys.stdout)
        count = len(error.problems)
        _say(f"{path}: {count} problem{'s' if count != 1 else ''} found", sys.stderr)
        return 1
    _say(summary(bank, path), sys.stdout)
    return 0


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
    _check_competency(bank, args.competency)
    name = _practice_name(args) or who_you_are(args.as_name, args.settings.name)
    try:
        pool = practice_pool(bank, args.competency, args.seniority)
    except ValueError as error:
        raise UsageError(str(error)) from None
    now = utc_now()
    dates = due_dates(rated_history(SessionStore(sessions_path(args.sessions)), name))
    practised = sorted(
        ((dates[q.id], q) for q in pool if q.id in dates), key=lambda pair: pair[0].due
    )
    _say(f"Practice due for {one_line(name, 40)} ({len(practised)} practised):", sys.stdout)
    width = max((len(q.id) for _, q in practised), default=0)
    for due, question in practised:
        last = due.last
        _say(
            f"  {when_text(due.due, now):<16} {due.due:%Y-%m-%d %H:%M}  {question.id:<{width}}"
            f"  last {last.rating} {RATING_LABELS[last.rating]} on {last.when:%Y-%m-%d}"
            f" ({due.attempts} attempt{'s' if due.attempts != 1 else ''})",
            sys.stdout,
        )
    never = len(pool) - len(practised)
    _say(f"{never} question{'s' if never != 1 else ''} never practised", sys.stdout)
    return 0


def run_questions(args: argparse.Namespace) -> int:
    from tpm_tui.domain.picking import matching
    from tpm_tui.storage.tomlfile import suggest

    bank = load_bank_or_fail(questions_path(args.questions))
    _check_competency(bank, args.competency)
    if args.seniority is not None and args.seniority not in SENIORITIES:
        raise UsageError(
            f"--seniority: unknown level {args.seniority!r}{suggest(args.seniority, SENIORITIES)}; "
            "one of " + ", ".join(SENIORITIES)
        )
    questions = matching(bank, args.competency, args.seniority)
    if not questions:
        _say("tpm-tui: no question in the bank matches", sys.stderr)
    for line in question_lines(questions):
        _say(line, sys.stdout)
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


def run_export(args: argparse.Namespace) -> int:
    from tpm_tui.domain.report import render
    from tpm_tui.storage.sessionfile import SessionFileError
    from tpm_tui.storage.store import SessionStore

    if args.rows is not None and args.format != "csv":
        raise UsageError(f"--rows {args.rows}: applies to --format csv only")
    bank = _report_bank(args.questions)
    sessions = []
    for path in args.files:
        _check_session_file(path)
        store = SessionStore(path.parent)
        try:
            sessions.append(store.load(path))
        except SessionFileError as error:
            raise UsageError(f"{path}: {error}") from None
        if notice := store.privacy_notice():  # a file found open to others
            _say(f"tpm-tui: {path.parent}: {notice}", sys.stderr)
    sessions = _blind(args).apply(sessions)
    if args.format == "debrief":
        text = _debrief([(path.name, s) for path, s in zip(args.files, sessions, strict=True)],
                        bank)  # fmt: skip
    else:
        text = render(sessions, args.format, rows=args.rows or "sessions", bank=bank)
    if args.output is None:
        sys.stdout.write(visible(text))  # already safe; this is the last line of defence
        return 0
    _write_report(args.output, text, args.files, force=args.force)
    _say(f"wrote {args.output}", sys.stderr)
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from tpm_tui.storage.git import GitError
    from tpm_tui.storage.store import SessionStore
    from tpm_tui.storage.sync import Sharing, identity

    settings = args.settings
    me = identity(who_you_are(args.as_name, settings.name), settings.email)
    sharing = Sharing(SessionStore(sessions_path(args.sessions)), me)
    try:
        report = sharing.init(args.init) if args.init else sharing.sync()
    except GitError as error:
        # What it did before it stopped (a file moved aside, files that came down).
        _tell(sharing, sharing.last_report, finished=False)
        raise UsageError(str(error)) from None
    _tell(sharing, report, finished=True)
    return 0


def _tell(sharing: Sharing, report: SyncReport, *, finished: bool) -> None:
    from tpm_tui.storage.git import GitError

    for line in report.lines(finished=finished):
        _say(line, sys.stdout)
    with contextlib.suppress(GitError, OSError):  # told once; kept for the next sync if not
        sharing.told(report)


def _blind(args: argparse.Namespace) -> Blindfold:
    """Blind until you submit: who you are and your unfinished sessions in the
    sessions folder say which verdicts an export leaves out."""
    from tpm_tui.storage.blindfolds import your_blindfold
    from tpm_tui.storage.store import SessionStore

    you = who_you_are(args.as_name, args.settings.name)
    return your_blindfold(SessionStore(sessions_path(args.sessions)), you)


def _debrief(named: Sequence[tuple[str, Session]], bank: Bank | None) -> str:
    """One candidate's panel, one version of each session (a conflict copy is named,
    not counted); files of several candidates are refused (exit 2)."""
    from tpm_tui.domain.debrief import NotAPanel, debrief
    from tpm_tui.domain.versions import one_per_session

    # Competency names from the bank; their ids when it cannot be read.
    name_of: Callable[[str], str] = bank.competency_name if bank else str
    sessions, uncounted = one_per_session(named)
    try:
        return debrief(sessions, name_of, uncounted)
    except NotAPanel as error:
        raise UsageError(f"--format debrief: {error}") from None


def _report_bank(given: Path | None) -> Bank | None:
    """The bank for a report's competency names and rubric words. A bank named with
    --questions must load; the default one may be missing or broken: the report
    then shows competency ids and no rubric words, and is written all the same."""
    if given is not None:
        return load_bank_or_fail(given)
    from tpm_tui.storage.bank import BankError, load_bank

    try:
        return load_bank(questions_path(None))
    except BankError:
        return None


def _write_report(output: Path, text: str, inputs: Sequence[Path], *, force: bool) -> None:
    """Create `output` (0600), never over anything; with `force`, replace a file
    atomically, but never a session file or one of `inputs`."""
    from tpm_tui.storage import atomic

    try:
        if force:
            _check_replaceable(output, inputs)
            atomic.write_bytes(output, text.encode("utf-8"))
        else:
            atomic.create_exclusive(output, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(f"{output}: already exists; pass --force to replace it") from None
    except OSError as error:
        raise UsageError(f"{output}: cannot write: {error.strerror or error}") from None


def _check_replaceable(output: Path, inputs: Sequence[Path]) -> None:
    """What --force may replace: a file (or a symlink, itself replaced) that is
    neither one of the sessions being exported, by identity, nor any session file."""
    try:
        found = os.lstat(output)
    except FileNotFoundError:
        return
    if not (stat.S_ISREG(found.st_mode) or stat.S_ISLNK(found.st_mode)):
        raise UsageError(f"{output}: is {kind_of(found.st_mode)}; --force replaces only a file")
    identities = {(found.st_dev, found.st_ino)}
    with contextlib.suppress(OSError):  # where a symlink leads, when it leads anywhere
        followed = os.stat(output)
        identities.add((followed.st_dev, followed.st_ino))
    for path in inputs:
        given = os.stat(path)
        if (given.st_dev, given.st_ino) in identities:
            raise UsageError(f"{output}: is one of the sessions being exported; not replaced")
    if stat.S_ISREG(found.st_mode) and _is_session_file(output):
        raise UsageError(f"{output}: is a tpm-tui session file; not replaced, even with --force")


def _is_session_file(path: Path) -> bool:
    """Whether `path` holds a session (or what is left of one): it starts with the
    format line the app writes, or it is TOML whose `format` names the session format."""
    import tomli

    from tpm_tui.storage.sessionfile import FORMAT_PREFIX
    from tpm_tui.storage.store import MAX_FILE_BYTES

    try:
        data, _ = read_regular(path, MAX_FILE_BYTES)
    except NotReadable:
        return False
    data = data.removeprefix(b"\xef\xbb\xbf")
    if data.startswith(f'format = "{FORMAT_PREFIX}'.encode()):
        return True
    try:
        raw = tomli.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError, ValueError):
        return False
    return isinstance(raw.get("format"), str) and raw["format"].startswith(FORMAT_PREFIX)


def global_options(args: argparse.Namespace) -> list[str]:
    """The global options as given (every one `_common_options` defines), paths made
    absolute: what each browser tab's app is started with."""
    options: list[str] = []
    for action in _common_options(None)._actions:
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
            _say(f"tpm-tui: {leaving_line(app.left_saved, watchdog.signal_number)}", sys.stderr)
    finally:
        watchdog.end_if_signalled()  # with its code: 0 for SIGHUP and SIGTERM, 130 for SIGINT
    if app.start_error:  # the session asked for could not be created (exit code 2)
        _say(f"tpm-tui: {app.start_error}", sys.stderr)
    # Textual catches a crash in the app, shows it and sets return_code (1).
    return app.return_code or 0


def leaving_line(path: Path, signal_number: int | None) -> str:
    """Where the unfinished session went, said after the app left with it open. A
    SIGHUP on a terminal still there is another terminal's take-over (`resume`, `y`)."""
    if signal_number == signal.SIGHUP:
        return f"another terminal took over {path}; everything typed here is saved in it."
    return f"{path} saved; continue with: tpm-tui resume {shlex.quote(str(path))}"


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on bad usage, with argparse's message
    try:
        # Checked once, for every command, before anything else (each command checking
        # it where it needed it let `questions` and `validate` run on a broken file).
        args.settings = load_settings_or_fail()
        if args.command == "validate":
            return run_validate(args)
        if args.command == "export":
            return run_export(args)
        if args.command == "sync":
            return run_sync(args)
        if args.command == "practice" and args.due:
            return run_due(args)
        if args.command == "serve":
            return run_serve(args)
        if args.command == "questions":
            return run_questions(args)
        return run_app(args)
    except UsageError as error:
        _say(f"tpm-tui: {error}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise: no traceback reaches a user
        if args.debug:
            _say(traceback.format_exc().rstrip("\n"), sys.stderr)
        else:
            _say(f"tpm-tui: unexpected error: {error} (run with --debug for details)", sys.stderr)
        return 2
