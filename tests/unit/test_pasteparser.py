"""The terminal parser keeps a paste holding ESC whole and in order, however the
terminal's bytes are split into reads."""

from __future__ import annotations

import time

import pytest
from textual import constants, events

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


def test_textual_reads_esc_then_a_key_as_one_key() -> None:
    # The canary: escape then `n` typed fast (or in one packet) is alt+n to Textual,
    # and escape then `?` loses the escape.
    assert parse(textuals(), "\x1bn", "") == [("key", "alt+n")]
    assert parse(textuals(), "\x1b?", "") == [("key", "question_mark")]


@pytest.mark.parametrize("reads", [("\x1bn?",), ("\x1b", "n?"), ("\x1b", "n", "?")])
def test_escape_then_keys_are_each_a_key(reads: tuple[str, ...]) -> None:
    assert parse(ours(), *reads) == [("key", "escape"), ("key", "n"), ("key", "question_mark")]


def test_escape_before_space_enter_tab_and_a_second_escape_is_kept() -> None:
    found = parse(ours(), "\x1b \x1b\r\x1b\t\x1b\x1bq")
    assert found == [
        ("key", "escape"), ("key", "space"),
        ("key", "escape"), ("key", "enter"),
        ("key", "escape"), ("key", "tab"),
        ("key", "escape"), ("key", "escape"), ("key", "q"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "reads",
    [
        ("\x1b[A", "\x1bOB"),  # arrows, CSI and SS3
        ("\x1b", "[A"),  # an arrow split across reads
        ("\x1b[<0;3;4M",),  # a mouse click
        ("\x1b]11;rgb:0000/0000/0000\x1b\\",),  # a terminal's answer (OSC ... ST)
        ("\x1b\x7f",),  # alt+backspace: deletes a word
    ],
)
def test_terminal_sequences_are_left_to_textual(reads: tuple[str, ...]) -> None:
    assert parse(ours(), *reads) == parse(textuals(), *reads)


def test_an_esc_sent_by_the_wait_is_not_joined_to_the_next_read() -> None:
    parser = ours()
    assert parse(parser, "\x1b") == []
    time.sleep(constants.ESCAPE_DELAY + 0.02)  # Textual's wait for what follows ESC
    assert [event.key for event in parser.tick() if isinstance(event, events.Key)] == ["escape"]
    assert parse(parser, "n") == [("key", "n")]


def test_an_escape_that_ended_a_read_then_a_digit_is_escape_then_the_digit() -> None:
    # A terminal writes alt+2 in one go; escape typed, then 2 a moment later (Textual
    # still waiting on the ESC), are two keys: leave the notes, then tick (a tester's
    # `Escape 3 n` stayed in the notes and typed the n there).
    assert parse(ours(), "\x1b", "3n") == [("key", "escape"), ("key", "3"), ("key", "n")]
    assert parse(ours(), "\x1b3") == [("key", "alt+3")]
