"""The terminal parser keeps a paste holding ESC whole and in order, however the
terminal's bytes are split into reads."""

from __future__ import annotations

import pytest
from textual import events

from tpm_tui.textual_internals import TerminalParser, new_xterm_parser
from tpm_tui.widgets.pasteparser import MARK, PasteParser

START, END = "\x1b[200~", "\x1b[201~"


def textuals() -> TerminalParser:
    """Textual's own parser (tests/ui/test_textual_internals.py checks it is there)."""
    parser = new_xterm_parser()
    assert parser is not None
    return parser


def ours() -> PasteParser:
    return PasteParser(textuals())


def parse(parser: TerminalParser, *reads: str) -> list[tuple[str, str]]:
    """(kind, text) of every event the reads produce, in order."""
    found: list[tuple[str, str]] = []
    for data in reads:
        for event in parser.feed(data):
            if isinstance(event, events.Paste):
                found.append(("paste", event.text))
            elif isinstance(event, events.Key):
                found.append(("key", event.key))
    return found


def test_textual_reorders_a_paste_holding_esc() -> None:
    # The canary: when Textual keeps the ESC, PasteParser (and this test) can go.
    found = parse(textuals(), f"{START}NOTE a\x1bb end{END}")
    assert found[0] == ("key", "circumflex_accent")
    assert found[-1] == ("paste", "NOTE a")


@pytest.mark.parametrize(
    "text",
    [
        "NOTE a\x1bb end",
        "\x1b",
        "ends with ESC \x1b",
        "\x1b[201 almost the end marker, and \x1b[200~ a start one",
        "colour \x1b[31mred\x1b[0m and OSC \x1b]0;title\x07",
        f"our own mark {MARK} and {MARK}e kept",
        "multi\nline\twith tab",
    ],
)
def test_a_paste_arrives_exactly(text: str) -> None:
    assert parse(ours(), f"a{START}{text}{END}b") == [
        ("key", "a"),
        ("paste", text),
        ("key", "b"),
    ]


def test_split_at_every_place() -> None:
    text = "x\x1bb\x1b[20y"
    stream = f"k{START}{text}{END}z"
    for cut in range(1, len(stream)):
        for second in range(cut + 1, len(stream)):
            found = parse(ours(), stream[:cut], stream[cut:second], stream[second:])
            assert found == [("key", "k"), ("paste", text), ("key", "z")], (cut, second)


def test_two_pastes_and_keys_between() -> None:
    found = parse(ours(), f"{START}one\x1b{END}q{START}\x1btwo{END}")
    assert found == [("paste", "one\x1b"), ("key", "q"), ("paste", "\x1btwo")]


def test_escape_keys_outside_a_paste_are_textuals() -> None:
    assert parse(ours(), "\x1b[A", "\x1b[B") == parse(textuals(), "\x1b[A", "\x1b[B")


def test_textual_reads_esc_digit_as_a_macos_character() -> None:
    # The canary: when Textual reads ESC+2 as alt+2, the rewriting (_alt_digits) can go.
    assert parse(textuals(), "\x1b2", "x")[0] == ("key", "trade_mark_sign")


def test_esc_digit_is_alt_digit_and_a_typed_character_stays_one() -> None:
    found = parse(ours(), "a\x1b2b", "\x1b9", "™£")
    assert found == [
        ("key", "a"),
        ("key", "alt+2"),
        ("key", "b"),
        ("key", "alt+9"),
        ("key", "trade_mark_sign"),
        ("key", "pound_sign"),
    ]
    assert parse(ours(), f"{START}\x1b2{END}") == [("paste", "\x1b2")]  # a paste as sent
