"""The arguments: every command, its options and their help (`build_parser`)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from tpm_tui import __version__
from tpm_tui.context import (
    DEFAULT_ANSWER_MINUTES,
    DEFAULT_MINUTES,
    DEFAULT_PRACTICE_COUNT,
    MAX_ANSWER_MINUTES,
    MAX_PRACTICE_COUNT,
    MAX_SEED,
)
from tpm_tui.domain.models import MAX_MINUTES, SENIORITIES
from tpm_tui.domain.textsafe import one_line, visible_line


class _Parser(argparse.ArgumentParser):
    """argparse, with the arguments it echoes in errors shown visibly
    (`unrecognized arguments:` quotes them as typed)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {visible_line(message)}\n")


_INTEGER = re.compile(r"[+-]?[0-9]+")


def _level(text: str) -> str:
    """An argparse type: a seniority level in any case (`check_seniority` checks it,
    with a did-you-mean, as --competency is checked)."""
    return text.strip().lower()


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


def common_options(default: object) -> _Parser:
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
    common = common_options(argparse.SUPPRESS)
    parser = _Parser(
        prog="tpm-tui",
        description="Run, practise and review structured behavioral interviews in the terminal.",
        parents=[common_options(None)],
    )
    parser.add_argument("--version", action="version", version=f"tpm-tui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    interview = commands.add_parser(
        "interview",
        parents=[common],
        help="start a new interview",
        description="Start a new interview. With --candidate and --pick the setup form is "
        "skipped and the session starts at once.",
    )
    interview.add_argument("--candidate", metavar="NAME", help="the candidate's name")
    interview.add_argument("--role", metavar="ROLE", help="the role (default: the bank's)")
    interview.add_argument(
        "--interviewer", metavar="NAME", help="who interviews (default: you, see --as)"
    )
    interview.add_argument(
        "--seniority", type=_level, metavar="LEVEL",
        help="the role's seniority: " + ", ".join(SENIORITIES),
    )  # fmt: skip
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
        "practice",
        parents=[common],
        help="a mock interview for a candidate alone",
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
    practice.add_argument(
        "--seniority", type=_level, metavar="LEVEL",
        help="only questions for this level: " + ", ".join(SENIORITIES),
    )  # fmt: skip
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
        "stories",
        parents=[common],
        help="your STAR stories: list, add, edit, delete",
        description="Your story bank: STAR stories and the competencies each shows.",
    )

    resume = commands.add_parser(
        "resume", parents=[common], help="reopen an unfinished session where it stopped"
    )
    resume.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="session file (default: the newest unfinished one)",
    )

    review = commands.add_parser("review", parents=[common], help="browse past sessions")
    review.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="session files (default: the whole sessions folder)",
    )

    validate = commands.add_parser("validate", parents=[common], help="check a question bank")
    validate.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="bank to check (default: the one --questions resolves to)",
    )

    questions = commands.add_parser(
        "questions",
        parents=[common],
        help="list the bank's questions",
        description="One line per question of the bank: its id, then title, minutes, "
        "seniority and competencies (ids, as --competency and --pick take them).",
    )
    questions.add_argument("--competency", metavar="ID", help="only questions testing this")
    questions.add_argument(
        "--seniority",
        type=_level,
        metavar="LEVEL",
        help="only questions for this level: " + ", ".join(SENIORITIES),
    )

    export = commands.add_parser(
        "export",
        parents=[common],
        help="write a report of sessions",
        description="Write a report of one or more sessions (csv: one row per session, "
        "or per question with --rows questions). Competency names and the rubric's words "
        "come from the question bank (--questions).",
    )
    export.add_argument("files", nargs="+", type=Path, metavar="FILE", help="session files")
    export.add_argument(
        "--format",
        choices=("md", "json", "csv", "debrief"),
        default="md",
        help="report format (default md); debrief: one Markdown debrief of one candidate's panel",
    )
    export.add_argument(
        "--rows",
        choices=("sessions", "questions"),
        default=None,
        help="csv: one row per session (the default) or per question",
    )
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
