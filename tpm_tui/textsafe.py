"""Showing user-typed text safely: control characters made visible, one-line cells.

Pure Python, no Textual: used by reports and by the UI. The saved files keep the
text exactly as typed; only what is shown or exported for reading goes through here.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls (but newline and tab) become their Unicode "control picture"
# (U+2400 + code, so ESC shows as ␛), DEL becomes ␡, and C1 controls, which have
# no pictures, become U+FFFD. Raw, they could drive the terminal (an escape
# sequence in a name) or corrupt a pager.
_VISIBLE = str.maketrans(
    {
        **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},
        0x7F: 0x2421,
        **{code: 0xFFFD for code in range(0x80, 0xA0)},
    }
)

# A run of blanks holding a line break or a tab: a table cell has one line.
_BREAKS = re.compile(r"[ \t\r\n]*[\t\r\n][ \t\r\n]*")


def visible(text: str) -> str:
    """`text` with every control character except newline and tab made visible."""
    return text.translate(_VISIBLE)


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
