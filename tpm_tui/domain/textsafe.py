"""Showing untrusted text safely: control characters made visible, one-line cells.

Pure Python, no Textual: used by reports, the command line and the UI. The saved
files keep the text exactly as typed; only what is shown (on screen, on stdout or
stderr) or exported for reading goes through here. Every function keeps one
character per character, so a column counted in the text is the column on screen.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

REPLACEMENT = "\ufffd"

# Bidi embeddings, overrides, isolates and marks: raw, a file name or a candidate's
# name could display reversed (`evil\u202egnp.exe`) or drag the text after it.
# The line and paragraph separators are line breaks to some terminals but zero
# cells to Textual: raw, they would shift every column after them.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SEPARATORS = "\u2028\u2029"
_SURROGATES = "\ud800-\udfff"  # lone halves (from undecodable bytes): no encoder takes them

# Every character that must never reach a terminal raw (newline and tab aside):
# C0 controls, DEL, C1 controls (U+009B is a CSI on its own), bidi controls,
# separators and lone surrogates. Exported for writers that escape rather than
# replace (the JSON report).
UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}{_SURROGATES}]")


def _ranges(spec: str) -> list[int]:
    """The code points of a character class body like "a-cx"."""
    points: list[int] = []
    for match in re.finditer(r"(.)(?:-(.))?", spec, re.DOTALL):
        first, last = match[1], match[2] or match[1]
        points.extend(range(ord(first), ord(last) + 1))
    return points


# C0 controls become their Unicode "control picture" (U+2400 + code, so ESC shows
# as ␛), DEL becomes ␡; the rest, which have no pictures, become U+FFFD.
_VISIBLE = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},
    0x7F: 0x2421,
    **{code: ord(REPLACEMENT) for code in range(0x80, 0xA0)},
    **{code: ord(REPLACEMENT) for code in _ranges(_BIDI + _SEPARATORS + _SURROGATES)},
}
# For one-line messages: a newline or tab in a file name or key could forge a line.
_VISIBLE_LINE = {**_VISIBLE, 0x09: 0x2409, 0x0A: 0x240A}
_UNSAFE_IN_LINE = re.compile(f"[\t\n]|{UNSAFE.pattern}")

# A run of blanks holding a line break or a tab: a table cell has one line.
_BREAKS = re.compile(r"[ \t\r\n]*[\t\r\n][ \t\r\n]*")


# Latin letters that NFKD leaves whole (no accent to strip), spelled as a keyboard
# without them types them: for slugs (storage/names.py) and review's filter.
PLAIN_LETTERS = str.maketrans(
    {
        **dict.fromkeys("ßẞ", "ss"),
        **dict.fromkeys("æÆ", "ae"),
        **dict.fromkeys("œŒ", "oe"),
        **dict.fromkeys("øØ", "o"),
        **dict.fromkeys("đĐðÐ", "d"),
        **dict.fromkeys("łŁ", "l"),
        **dict.fromkeys("þÞ", "th"),
        **dict.fromkeys("ħĦ", "h"),
        **dict.fromkeys("ŧŦ", "t"),
        "ı": "i",
    }
)


def visible(text: str) -> str:
    """`text` with every unsafe character (see UNSAFE) made visible; newline and
    tab are kept. Idempotent, and one character per character."""
    # translate() is fast on ASCII only; elsewhere searching first is ~15x faster.
    return text.translate(_VISIBLE) if text.isascii() or UNSAFE.search(text) else text


def visible_line(text: str) -> str:
    """Like `visible`, with newline and tab made visible too (␊, ␉): for a line
    of a message that quotes a file name, a key or an argument."""
    return text.translate(_VISIBLE_LINE) if text.isascii() or _UNSAFE_IN_LINE.search(text) else text


def one_line(text: str, width: int | None = None) -> str:
    """`text` on one line (breaks and tabs become spaces), controls made visible,
    cut to `width` terminal cells with a trailing "…" when it is longer."""
    flat = visible(_BREAKS.sub(" ", text)).strip()
    if width is None or _cells(flat) <= width:
        return flat
    if width <= 0:
        return ""
    kept: list[str] = []
    used = 0
    for char in flat:
        used += _char_cells(char)
        if used > width - 1:  # keep one cell for the ellipsis
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


def _char_cells(char: str) -> int:
    # Wide (CJK, most emoji) characters take two cells, combining marks none:
    # counting characters would misalign table columns.
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _cells(text: str) -> int:
    return sum(map(_char_cells, text))


def cells(text: str) -> int:
    """How many terminal cells `text` takes (wide characters two, combining none)."""
    return _cells(text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` terminal cells: aligned columns."""
    return text + " " * max(0, width - _cells(text))


def shown_path(path: Path) -> str:
    """A path as short as it can be and still clear: relative to here, else to ~."""
    try:
        absolute = path.resolve()
    except OSError:
        return str(path)
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(absolute.relative_to(base.resolve()))
        except ValueError:
            continue
    return str(absolute)
