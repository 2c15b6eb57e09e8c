"""File names for sessions and exports: a slug of the date and the candidate's name.

The name is typed by a person and may be anything ("../../etc/passwd", an escape
sequence, "李文", a bidi override); the slug made here keeps letters and digits of
any script (Latin ones transliterated to ASCII, as `ls` users expect), joins them
with single dashes, and so holds no `/`, NUL, dot, control, format or bidi
character: a stem made from it never leaves its folder nor hides in it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from tpm_tui.domain.textsafe import PLAIN_LETTERS

MAX_NAME = 40  # characters: a name still reads whole in `ls`
# Bytes (UTF-8): 40 CJK letters take 120. With the date, a `-NN` suffix and the
# temporary-file name that atomic.write_text makes from it, far below 255.
MAX_NAME_BYTES = 120
FALLBACK = "session"

_DASHES = re.compile(r"-{2,}")


def _fold(char: str, after_letter: bool) -> str:
    """What one character of a name becomes in a slug: letters, digits, or "-"."""
    if char.isascii():
        return char.lower() if char.isalnum() else "-"
    ascii_part = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    if ascii_part.isalnum():  # a Latin letter with marks: é -> e
        return ascii_part.lower()
    category = unicodedata.category(char)
    if category[0] in "LN":  # a letter or digit of any script, kept
        return char.lower()
    if category[0] == "M" and after_letter:  # a mark that belongs to the letter before
        return char
    return "-"  # punctuation, symbols, spaces, controls, format and bidi characters


def slugify(text: str, max_length: int = MAX_NAME, max_bytes: int = MAX_NAME_BYTES) -> str:
    """Lowercase letters and digits joined by single dashes; FALLBACK when empty."""
    pieces: list[str] = []
    after_letter = False  # a non-ASCII letter was kept: a mark after it belongs to it
    for char in unicodedata.normalize("NFKC", text.translate(PLAIN_LETTERS)):
        piece = _fold(char, after_letter)
        after_letter = piece != "-" and not piece.isascii()
        pieces.append(piece)
    slug = _DASHES.sub("-", "".join(pieces)).strip("-")
    return _cut(slug, max_length, max_bytes) or FALLBACK


def _cut(slug: str, max_length: int, max_bytes: int) -> str:
    """At most `max_length` characters and `max_bytes` bytes, cut at a dash when one is near,
    so a long name is not sliced mid-word."""

    def fits(part: str) -> bool:
        return len(part) <= max_length and len(part.encode("utf-8")) <= max_bytes

    if fits(slug):
        return slug
    end = max_length
    while not fits(slug[:end]):
        end -= 1
    cut = slug[: end + 1].rfind("-")  # a dash just past the end cuts there too
    return slug[: cut if cut > end // 2 else end].strip("-")


def session_stem(created_at: datetime, name: str) -> str:
    """`2026-11-28-1002-jane-doe`: sorts by time in a plain `ls`."""
    return f"{created_at.astimezone(UTC):%Y-%m-%d-%H%M}-{slugify(name)}"
