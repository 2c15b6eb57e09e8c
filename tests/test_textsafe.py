"""Control characters shown visibly; text flattened for table cells."""

from __future__ import annotations

import pytest

from tpm_tui.textsafe import one_line, visible


def test_visible_keeps_newline_tab_and_ordinary_text() -> None:
    text = "Jane [bold]x[/ 😀 ünï\n\tend"
    assert visible(text) == text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x00", "\u2400"),
        ("\x07", "␇"),
        ("\x1b[31m", "␛[31m"),
        ("\r", "␍"),
        ("\x1f", "\u241f"),
        ("\x7f", "␡"),
        ("\x80", "\ufffd"),
        ("\x9b", "\ufffd"),
        ("\x9f", "\ufffd"),
        ("\xa0", "\xa0"),  # no-break space is not a control
    ],
)
def test_visible_replaces_controls(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_visible_leaves_no_controls() -> None:
    out = visible("".join(map(chr, range(0x100))))
    assert len(out) == 0x100
    controls = [c for c in out if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F]
    assert controls == ["\t", "\n"]


def test_one_line_collapses_breaks_and_tabs() -> None:
    assert one_line("first\nsecond") == "first second"
    assert one_line("a \r\n\t  b\tc") == "a b c"
    assert one_line("\n  padded  \n") == "padded"
    assert one_line("esc\x1b") == "esc␛"


def test_one_line_truncates_with_ellipsis() -> None:
    assert one_line("abcdef", 10) == "abcdef"
    assert one_line("abcdef", 6) == "abcdef"
    assert one_line("abcdef", 5) == "abcd…"
    assert one_line("ab cdef", 4) == "ab…"  # no dangling space before the ellipsis
    assert one_line("abc", 1) == "…"
    assert one_line("abc", 0) == ""


def test_one_line_counts_terminal_cells() -> None:
    # Wide characters take two cells, combining marks none.
    assert one_line("日本語テキスト", 7) == "日本語…"
    assert one_line("e\u0301e\u0301e\u0301", 3) == "e\u0301e\u0301e\u0301"
