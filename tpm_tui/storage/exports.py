"""Exports written beside the sessions: Markdown reports, never over another file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from tpm_tui.domain.models import Bank, Session, candidate_key
from tpm_tui.domain.reviewing import export_text
from tpm_tui.storage import atomic
from tpm_tui.storage.names import slugify


def export_stem(sessions: Sequence[Session], today: date) -> str:
    """`export-2026-11-28-jane-doe`, or `export-2026-11-28-3-sessions` for several people."""
    names = {candidate_key(s.candidate.name) for s in sessions}
    what = slugify(sessions[0].candidate.name) if len(names) == 1 else f"{len(sessions)}-sessions"
    return f"export-{today:%Y-%m-%d}-{what}"


def write_export(
    folder: Path,
    sessions: Sequence[Session],
    today: date | None = None,
    bank: Bank | None = None,
) -> Path:
    """Write the Markdown report of `sessions` into `folder`; returns the new file's path.

    Never over another file (exclusive create, a numeric suffix on a clash), mode
    0600: a report holds personal data. Raises OSError when it cannot be written.
    """
    if not sessions:
        raise ValueError("nothing to export")
    today = today or datetime.now(UTC).date()
    return write_markdown(folder, export_stem(sessions, today), export_text(sessions, bank))


def write_debrief(folder: Path, sessions: Sequence[Session], text: str,
                  today: date | None = None) -> Path:  # fmt: skip
    """Write a panel's debrief (`text`) as `debrief-<date>-<name>.md`, as `write_export`."""
    today = today or datetime.now(UTC).date()
    stem = "debrief" + export_stem(sessions, today).removeprefix("export")
    return write_markdown(folder, stem, text)


def write_markdown(folder: Path, stem: str, text: str) -> Path:
    """A new file `stem.md` in `folder` (a `-2`… suffix on a clash), mode 0600."""
    data = text.encode("utf-8", "replace")  # a lone surrogate is no text
    return atomic.create_new(folder, stem, ".md", lambda _name: data)


def export_folder(store_folder: Path, paths: Sequence[Path]) -> Path:
    """Where exports go: the sessions folder, or the folder of the first named file."""
    return Path(paths[0]).parent if paths else store_folder
