"""Shared by the practice and progress tests: practice sessions at fixed times, and
everything a screen shows (rendered text, titles, list rows) to search for hidden text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.app import App
from textual.widgets import OptionList

from tpm_tui.context import AppContext
from tpm_tui.domain.models import Session
from tpm_tui.domain.practice import new_practice
from tpm_tui.keeper import SessionKeeper

# Two 7-area questions, each with 4 follow-ups.
PRACTICE_PICK = ("data-informed-decision", "leading-with-unfamiliar-technology")


def practice_session(
    context: AppContext,
    created: datetime,
    *,
    pick: Sequence[str] = PRACTICE_PICK,
    name: str = "alex",
    covered: Sequence[int] = (),
    revealed: bool = True,
) -> Session:
    """A practice session created at `created`, the first `covered` areas ticked per question."""
    bank = context.bank
    session = new_practice(bank, [bank.question(qid) for qid in pick], name=name, answer_minutes=3)
    session.created_at = session.updated_at = created
    for index, record in enumerate(session.questions):
        record.revealed = revealed
        for area in range(covered[index] if index < len(covered) else 0):
            record.toggle_area(area, 0)  # no clock ran: a later second is refused on load
    return session


def begin_at(context: AppContext, created: datetime, **kwargs: object) -> SessionKeeper:
    """Write a new practice session (see `practice_session`) and return its keeper."""
    return SessionKeeper.begin(context.store, practice_session(context, created, **kwargs))


def everything_shown(app: App) -> str:
    """All the text of every widget on every screen: rendered content, border titles and
    subtitles, and every row of every list (scrolled into view or not)."""
    parts: list[str] = []
    for screen in app.screen_stack:
        for widget in [screen, *screen.walk_children(with_self=False)]:
            parts.append(str(widget.border_title or ""))
            parts.append(str(widget.border_subtitle or ""))
            text = getattr(widget, "text", None)
            if isinstance(text, str):
                parts.append(text)
            if isinstance(widget, OptionList):
                parts.extend(str(option.prompt) for option in widget.options)
            parts.append(str(widget.render()))
    parts.extend(n.message for n in app._notifications)
    return "\n".join(parts)
