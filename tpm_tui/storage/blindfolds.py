"""Blind until you submit, read from the sessions folder: which candidates you
are still interviewing is known only from your unfinished sessions there."""

from __future__ import annotations

from collections.abc import Iterable

from tpm_tui.domain.blind import Blindfold, blindfold
from tpm_tui.storage.store import SessionStore


def your_blindfold(store: SessionStore, you: str, also: Iterable[object] = ()) -> Blindfold:
    """The rule for `you` from the sessions folder's unfinished sessions and `also`
    (named files, sessions loaded). A folder that cannot be listed adds nothing."""
    try:
        listed: list[object] = list(store.unfinished())
    except OSError:
        listed = []
    return blindfold(you, [*listed, *also])
