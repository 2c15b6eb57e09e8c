"""Pastes that hold ESC arrive whole and in order.

Textual 8.2.8's terminal parser (`XTermParser`, in a private module) reads an
ESC inside a bracketed paste as the start of an escape sequence: the characters
after it are sent at once as keys (the ESC itself as `^`), and the paste, cut at
the ESC, follows them. Pasting `NOTE a<ESC>b end` into the notes
saved `^b endNOTE a`.

`PasteParser` wraps Textual's parser (given by tpm_tui/textual_internals.py)
and hides every ESC between the paste's start and end markers from it (an
escape of its own, undone in the `Paste` event), so the paste's text reaches
the app exactly as sent. The notes show the ESC visibly (`␛`) and
the file keeps it. Keys outside a paste are left to Textual as they are.

It can go when Textual keeps an ESC inside a paste: the canary in
tests/unit/test_pasteparser.py then fails.

It also makes alt+digit a key. A terminal sends alt+2 as ESC then `2` (so does
`tmux send-keys M-2`), and Textual 8 reads that as `™`, the character macOS's
Option+2 types (it copies WezTerm on macOS), so alt+2 in the notes typed `™`
instead of ticking area 2. Outside a paste, ESC+digit is handed to Textual as
the kitty keyboard protocol's alt+digit (`ESC [ 50 ; 3 u`), which it reads as
`alt+2`; a `™` typed as a character stays a character. Only within one read: a
terminal writes alt+2's two bytes at once, so an ESC that ended the previous read
was the escape key, and the digit after it is a key of its own. That can go when
Textual reads ESC+digit as alt+digit (the canary in the same test file then fails).

And it makes escape then a key two keys. Textual reads ESC and the key typed
within `ESCDELAY` after it (or sent in the same packet, as a slow SSH link
does) as one alt+key, or drops the ESC (escape then `?`, space or enter reads
as that key alone): escape then `n`, typed fast to leave the notes and move on,
typed `n` into the notes. This app binds no alt+letter, so outside a paste ESC
then a printable key is sent on as the kitty protocol's escape (`ESC [ 27 u`)
followed by the key; what may start a terminal's own sequence (`[`, `O`, `]`,
`P`, `_`, `^`, `\\`) is left to Textual. An ESC that ends one read and the key
that starts the next are joined the same way while Textual still waits on the
ESC (until a `tick()` sends it as escape).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual import events
from textual.message import Message

from tpm_tui.textual_internals import TerminalParser

ESC = "\x1b"
# A bracketed paste's markers (xterm's, as the terminal sends them).
BRACKETED_PASTE_START = "\x1b[200~"
BRACKETED_PASTE_END = "\x1b[201~"
# A Unicode noncharacter: our escape inside a paste, doubled when pasted itself.
MARK = "\ufdd0"
_HIDDEN = re.compile(f"{MARK}(.)", re.DOTALL)
# After ESC these may begin a terminal's sequence (CSI, SS3, OSC, DCS, APC, PM, ST).
_SEQUENCE_STARTS = "[O]P_^\\"


def _after_esc(character: str, *, same_read: bool = True) -> str | None:
    """What follows ESC in place of `character`, or None to leave it to Textual.

    A terminal writes alt+digit as ESC and the digit at once: in one read. An ESC
    that ended the last read was the escape key, and the digit after it is a key
    of its own (escape, then tick), however soon it came."""
    if "0" <= character <= "9" and same_read:  # alt+digit: CSI codepoint ; 3 (1 + alt) u
        return f"[{ord(character)};3u"
    if character in "\r\t" or (" " <= character <= "~" and character not in _SEQUENCE_STARTS):
        return f"[27u{character}"  # escape (CSI 27 u), then the key itself
    return None


def _keys(text: str, esc_waiting: bool) -> str:
    """Keys typed outside a paste, ESC then a key rewritten; `esc_waiting`: an ESC
    ended the last read and Textual still waits to see what follows it."""
    out: list[str] = []
    start = 0
    if esc_waiting and text and (after := _after_esc(text[0], same_read=False)) is not None:
        out.append(after)
        start = 1
    while (esc := text.find(ESC, start)) >= 0 and esc + 1 < len(text):
        after = _after_esc(text[esc + 1])
        if after is None:  # left as it is; what follows may be an ESC itself
            out.append(text[start : esc + 1])
            start = esc + 1
        else:
            out.append(text[start : esc + 1] + after)
            start = esc + 2
    out.append(text[start:])
    return "".join(out)


def _hide(text: str) -> str:
    return text.replace(MARK, MARK + MARK).replace(ESC, MARK + "e")


def _unhide(text: str) -> str:
    return _HIDDEN.sub(lambda match: ESC if match.group(1) == "e" else match.group(1), text)


def _partial_suffix(text: str, marker: str) -> int:
    """How many characters at the end of `text` could begin `marker` (but not all of it)."""
    for size in range(min(len(text), len(marker) - 1), 0, -1):
        if marker.startswith(text[-size:]):
            return size
    return 0


class PasteParser:
    """Textual's parser (`parser`), fed the text of a bracketed paste with its ESCs hidden."""

    def __init__(self, parser: TerminalParser) -> None:
        self._parser = parser
        self._in_paste = False
        self._held = ""  # in a paste: what may be the start of its end marker
        self._seen = ""  # outside: what may be the start of a paste's start marker
        self._esc_waiting = False  # an ESC ended the last read; Textual waits on it

    def feed(self, data: str) -> Iterable[Message]:
        feed = self._parser.feed
        if not data:  # the end of input: what was held goes as it is
            data, self._held = self._held, ""
            tokens = [*feed(data), *feed("")] if data else feed("")
            return map(_restore, tokens)
        rewritten = self._rewrite(data)
        # All of it held (part of an end marker): feeding "" would mean the end of input.
        return map(_restore, feed(rewritten)) if rewritten else ()

    def tick(self) -> Iterable[Message]:
        tokens = list(self._parser.tick())
        if tokens:  # the wait ran out: a lone ESC went as escape
            self._esc_waiting = False
        return map(_restore, tokens)

    def _rewrite(self, data: str) -> str:
        """`data` with the ESCs of paste text hidden; keeps its place across reads."""
        out: list[str] = []
        while data:
            if self._in_paste:
                text = self._held + data
                end = text.find(BRACKETED_PASTE_END)
                if end < 0:
                    keep = _partial_suffix(text, BRACKETED_PASTE_END)
                    self._held = text[len(text) - keep :]
                    out.append(_hide(text[: len(text) - keep]))
                    break
                self._held, self._in_paste = "", False
                out.append(_hide(text[:end]) + BRACKETED_PASTE_END)
                data = text[end + len(BRACKETED_PASTE_END) :]
            else:
                seen = self._seen + data
                start = seen.find(BRACKETED_PASTE_START)
                if start < 0:
                    out.append(self._outside(data))
                    self._seen = seen[len(seen) - _partial_suffix(seen, BRACKETED_PASTE_START) :]
                    break
                # The marker may have begun in an earlier read, already passed on.
                after = start + len(BRACKETED_PASTE_START) - len(self._seen)
                out.append(self._outside(data[:after]))
                self._seen, self._in_paste, self._esc_waiting = "", True, False
                data = data[after:]
        return "".join(out)

    def _outside(self, data: str) -> str:
        keys = _keys(data, self._esc_waiting)
        if keys:
            self._esc_waiting = keys.endswith(ESC)
        return keys


def _restore(token: Message) -> Message:
    if isinstance(token, events.Paste) and MARK in token.text:
        return events.Paste(_unhide(token.text))
    return token
