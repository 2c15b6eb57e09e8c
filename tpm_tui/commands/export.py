"""`tpm-tui export`: a report of sessions, to stdout or a new file, never over a
session file."""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tpm_tui.commands.common import (
    UsageError,
    check_session_file,
    load_bank_or_fail,
    questions_path,
    say,
    sessions_path,
)
from tpm_tui.domain.models import Bank, Session
from tpm_tui.domain.people import who_you_are
from tpm_tui.domain.textsafe import visible
from tpm_tui.storage.safefile import NotReadable, kind_of, read_regular

if TYPE_CHECKING:
    from tpm_tui.domain.blind import Blindfold


def run_export(args: argparse.Namespace) -> int:
    from tpm_tui.domain.report import render
    from tpm_tui.storage.sessionfile import SessionFileError
    from tpm_tui.storage.store import SessionStore

    if args.rows is not None and args.format != "csv":
        raise UsageError(f"--rows {args.rows}: applies to --format csv only")
    bank = _report_bank(args.questions)
    sessions = []
    for path in args.files:
        check_session_file(path)
        store = SessionStore(path.parent)
        try:
            sessions.append(store.load(path))
        except SessionFileError as error:
            raise UsageError(f"{path}: {error}") from None
        if notice := store.privacy_notice():  # a file found open to others
            say(f"tpm-tui: {path.parent}: {notice}", sys.stderr)
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
    say(f"wrote {args.output}", sys.stderr)
    return 0


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
    from tpm_tui.domain.compare import in_interview_order
    from tpm_tui.domain.debrief import NotAPanel, debrief
    from tpm_tui.domain.versions import one_per_session

    # Competency names from the bank; their ids when it cannot be read.
    name_of: Callable[[str], str] = bank.competency_name if bank else str
    counted, uncounted = one_per_session(named)
    try:
        return debrief(in_interview_order(counted), name_of, uncounted)
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
