"""Who a commit is by: you, as your config says, or the session's interviewer."""

from __future__ import annotations

from tpm_tui.domain.listing import SessionSummary
from tpm_tui.storage.git import Identity
from tpm_tui.storage.names import slugify

PLACEHOLDER_DOMAIN = "tpm-tui.invalid"  # RFC 2606: never a real mailbox


def placeholder_email(name: str) -> str:
    """A stable address for someone whose email the app does not know."""
    return f"{slugify(name) or 'someone'}@{PLACEHOLDER_DOMAIN}"


def identity(name: str, email: str | None) -> Identity:
    """You, as your commits record you: the config's email, else a placeholder."""
    return Identity(name, email or placeholder_email(name))


def author_of(summary: SessionSummary, me: Identity) -> Identity:
    """The interviewer (a practice's candidate); you, with your email, when it is you."""
    name = summary.candidate if summary.kind == "practice" else summary.interviewer
    if not name or name == me.name:
        return me
    return Identity(name, placeholder_email(name))


def label_of(summary: SessionSummary) -> str:
    who = summary.interviewer or ("practice" if summary.kind == "practice" else "")
    return f"{summary.candidate} ({who})" if who else summary.candidate
