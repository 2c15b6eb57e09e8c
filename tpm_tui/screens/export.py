"""Exporting from the review screens (list, detail, compare): write the report
beside the sessions and say where, or why not. Shared, so it lives here, apart
from the screens that call it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.screen import Screen

from tpm_tui.context import AppContext
from tpm_tui.domain.models import Session
from tpm_tui.domain.textsafe import shown_path, visible
from tpm_tui.storage.exports import export_folder, write_export


def export_sessions(
    screen: Screen[Any], context: AppContext, paths: tuple[Path, ...], sessions: list[Session]
) -> Path | None:
    """Write the report of `sessions` and say where (or why not) in a notice."""
    folder = export_folder(context.store.folder, paths)
    count = f"{len(sessions)} sessions" if len(sessions) > 1 else "the session"
    bank = context.bank
    return say_written(screen, folder, lambda: write_export(folder, sessions, bank=bank), count)


def say_written(
    screen: Screen[Any], folder: Path, write: Callable[[], Path], what: str
) -> Path | None:
    """Run `write` (it makes a new file in `folder`) and say where it went, or why not."""
    try:
        written = write()
    except OSError as error:
        screen.notify(
            f"Could not write the export to {visible(shown_path(folder))}: "
            f"{error.strerror or error}",
            severity="error",
            markup=False,
            timeout=10,
        )
        return None
    screen.notify(
        f"Exported {what} to {visible(shown_path(written))}",
        title="Export",
        markup=False,
        timeout=10,
    )
    return written
