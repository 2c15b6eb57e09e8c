"""Control characters shown visibly; text flattened for table cells."""

from __future__ import annotations

import pytest

from tpm_tui.domain.textsafe import one_line, visible, visible_line


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


# Bidi controls and marks, line/paragraph separators and lone surrogates: raw,
# they reorder or shift what a terminal shows, or cannot be encoded at all.
HIDDEN = [
    "\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029", "\ud800", "\udcff", "\udfff",
]  # fmt: skip


@pytest.mark.parametrize("raw", HIDDEN)
def test_visible_replaces_bidi_separators_and_surrogates(raw: str) -> None:
    assert visible(f"a{raw}b") == "a\ufffdb"
    assert one_line(f"a{raw}b") == "a\ufffdb"


def test_a_reversed_file_name_reads_in_order() -> None:
    shown = visible("invoice\u202efdp.exe")
    assert shown == "invoice\ufffdfdp.exe"
    shown.encode("utf-8")  # no lone surrogate survives either


def test_visible_keeps_one_character_per_character_and_is_idempotent() -> None:
    every = "".join(map(chr, range(0x10000))) + "\U0001f680"
    shown = visible(every)
    assert len(shown) == len(every)  # the notes editor counts columns on this
    assert visible(shown) == shown
    shown.encode("utf-8")
    left = {c for c in shown if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F}
    assert left == {"\t", "\n"}
    assert not set(HIDDEN) & set(shown)
    # Only what must go is touched.
    changed = [c for c, s in zip(every, shown, strict=True) if c != s]
    assert len(changed) == 30 + 1 + 32 + len(HIDDEN) - 3 + 0x800


def test_visible_line_shows_breaks_and_tabs_too() -> None:
    assert visible_line("key\nOK — 15 questions\tx\x1b") == "key␊OK — 15 questions␉x␛"
    assert visible_line("plain ünï — 🚀") == "plain ünï — 🚀"
    assert visible_line("\u202e") == "\ufffd"


def test_textual_itself_lets_escape_c1_and_bidi_through() -> None:
    """Why every text is shown through `visible`: Textual 8's Content (behind
    Static, also with markup=False) strips only BEL, BS, VT, FF and CR. If this
    fails after an upgrade, Textual has started to filter more itself."""
    from textual.content import Content

    raw = "a\x1b]0;T\x07\x1b[2J\x9b\u202eb"
    assert Content(raw).plain == "a\x1b]0;T\x1b[2J\x9b\u202eb"
    assert Content(visible(raw)).plain == visible(raw)
