"""What the commands share: the usage error, what reaches the terminal, the paths
and files every command resolves, and the checks of options several commands take."""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tpm_tui.domain.models import Bank
from tpm_tui.domain.textsafe import visible, visible_line
from tpm_tui.storage.safefile import NotReadable, check_regular

if TYPE_CHECKING:
    from tpm_tui.storage.settings import Settings


class UsageError(Exception):
    """Bad usage or an input that cannot be used: exit 2 with this message."""


def say(text: str, stream: TextIO) -> None:
    """Print `text`, which may quote file names, arguments or a file's text: its
    controls, bidi overrides and lone surrogates are shown visibly, never sent raw."""
    print(visible(text), file=stream)


def tolerant_output() -> None:
    """Write what the terminal's encoding can hold: under `LC_ALL=C` stdout is
    ASCII, and a "—" in a summary made `validate` fail. What it cannot hold is
    written as a `\\u2014` escape instead (stderr does this by default)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # not None (no stream), nor a StringIO
            with contextlib.suppress(ValueError):  # already closed
                stream.reconfigure(errors="backslashreplace")


def questions_path(given: Path | None) -> Path:
    if given is not None:
        return given
    local = Path("questions.toml")
    if local.is_file():
        return local
    from tpm_tui.storage.bank import default_bank_path

    return default_bank_path()


def sessions_path(given: Path | None) -> Path:
    """The sessions folder; one that is there but not a folder (a file given by
    mistake) exits 2 saying so, for every command alike."""
    if given is None:
        from tpm_tui.storage.store import default_sessions_dir

        given = default_sessions_dir()
    if given.exists() and not given.is_dir():
        raise UsageError(f"the sessions folder {visible_line(str(given))} is not a folder")
    return given


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


def check_session_file(path: Path) -> None:
    """Refuse, naming what it is, anything that is no regular file: a FIFO would
    hang the read and a device never end it."""
    try:
        check_regular(path, "a session file")
    except NotReadable as error:
        raise UsageError(f"{path}: {error}") from None


def check_competency(bank: Bank, competency: str | None) -> None:
    """An unknown `--competency` exits 2 naming the nearest id (every command that takes it)."""
    from tpm_tui.storage.tomlfile import suggest

    competencies = [c.id for c in bank.competencies]
    if competency is not None and competency not in competencies:
        raise UsageError(
            f"--competency: unknown id {competency!r}"
            f"{suggest(competency, competencies)}; the bank has " + ", ".join(competencies)
        )


def check_seniority(level: str | None) -> None:
    """An unknown `--seniority` exits 2 naming the nearest level (every command that takes it)."""
    from tpm_tui.domain.models import SENIORITIES
    from tpm_tui.storage.tomlfile import suggest

    if level is not None and level not in SENIORITIES:
        raise UsageError(
            f"--seniority: unknown level {level!r}{suggest(level, SENIORITIES)}; "
            "one of " + ", ".join(SENIORITIES)
        )


def practice_name(args: argparse.Namespace) -> str | None:
    """`--name`, or None when it is left out (you); an empty one is refused rather
    than silently taken for you."""
    if args.name is None:
        return None
    if not args.name.strip():
        raise UsageError("--name: empty; leave it out to practise as yourself (see --as)")
    return str(args.name.strip())
