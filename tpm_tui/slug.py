"""File names for sessions: a slug of the date and the candidate's name.

The name is typed by a person and may be anything ("../../etc/passwd", an escape
sequence, "日本語"); the stem made here is always plain ASCII that stays in its folder.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

MAX_NAME = 40
FALLBACK = "session"

# Latin letters that NFKD leaves whole, so they would vanish instead of transliterating.
_LETTERS = str.maketrans(
    {
        **dict.fromkeys("ßẞ", "ss"),
        **dict.fromkeys("æÆ", "ae"),
        **dict.fromkeys("œŒ", "oe"),
        **dict.fromkeys("øØ", "o"),
        **dict.fromkeys("đĐðÐ", "d"),
        **dict.fromkeys("łŁ", "l"),
        **dict.fromkeys("þÞ", "th"),
        "ı": "i",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = MAX_NAME) -> str:
    """Lowercase ASCII letters and digits joined by single dashes; FALLBACK when empty."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_LETTERS))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    # Cut at a dash when one is near, so a long name is not sliced mid-word.
    if len(slug) > max_length:
        cut = slug[: max_length + 1].rfind("-")
        slug = slug[: cut if cut > max_length // 2 else max_length].strip("-")
    return slug or FALLBACK


def session_stem(created_at: datetime, name: str) -> str:
    """`2026-11-28-1002-jane-doe`: sorts by time in a plain `ls`."""
    return f"{created_at.astimezone(UTC):%Y-%m-%d-%H%M}-{slugify(name)}"
