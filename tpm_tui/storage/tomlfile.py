"""Reading a TOML file for people: every problem with its file, line, column and
field, shown as one plain line (the bank, the config file).

tomllib keeps no positions, so `Locator` finds the line of a table header or of
a key in the text, only when there is a problem to report.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

import attrs
import tomli

from tpm_tui.domain.textsafe import visible_line

_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
# `[bank]`, `[[questions]]`, `[questions.sub]`, optionally followed by a comment.
_HEADER = re.compile(r"\s*\[\[?\s*([^\[\]#]+?)\s*\]\]?\s*(?:#.*)?$")


@attrs.frozen
class Problem:
    path: Path
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        """One line, fit for a terminal: file names, keys and ids come from the
        user, so their controls (and newlines, which could forge a line) show visibly."""
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return visible_line(f"{where}: {self.field + ': ' if self.field else ''}{self.message}")


class FileProblems(Exception):
    """A file that cannot be used; `problems` lists all of them, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(map(str, self.problems)))


def syntax_problem(path: Path, error: tomli.TOMLDecodeError) -> Problem:
    """tomli's message, with its position moved into the problem's line and column."""
    message, line, column = str(error), None, None
    if match := _SYNTAX_POSITION.search(message):
        message, line, column = message[: match.start()], int(match[1]), int(match[2])
    return Problem(path, f"TOML syntax error: {message}", line, column)


def suggest(word: str, options: Iterable[str], quote: str = "`") -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {quote}{close[0]}{quote}?)" if close else ""


class Locator:
    """Finds the line of a table header, or of `key =` inside it, in the TOML text.

    tomllib keeps no positions. The header lines are indexed once, on the first
    question, which is only asked when there is a problem to report.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: list[str] | None = None
        self._blocks: dict[str, list[tuple[int, int]]] = {}  # name -> [(header, end)]
        self._first_header = 0

    def _index(self) -> list[str]:
        if self._lines is None:
            # Split on "\n" only, as tomllib counts lines (splitlines() knows more breaks).
            self._lines = self._text.split("\n")
            headers = [
                (i, match[1])
                for i, line in enumerate(self._lines)
                if line.lstrip().startswith("[") and (match := _HEADER.match(line))
            ]
            for k, (start, name) in enumerate(headers):
                end = headers[k + 1][0] if k + 1 < len(headers) else len(self._lines)
                self._blocks.setdefault(name, []).append((start, end))
            self._first_header = headers[0][0] if headers else len(self._lines)
        return self._lines

    def find(self, table: str, index: int, key: str | None) -> tuple[int | None, int | None]:
        lines = self._index()
        blocks = self._blocks.get(table, [])
        if not blocks:  # an inline table or array (`bank = {...}`), or none at all
            return self.top_level(table)
        if index >= len(blocks):
            return None, None
        start, end = blocks[index]
        if key:
            for number in range(start + 1, end):
                if (column := _key_column(lines[number], key)) is not None:
                    return number + 1, column
        return start + 1, None  # the key is missing (or not found): point at the header

    def find_in_sub_table(
        self, table: str, index: int, sub: str, key: str
    ) -> tuple[int | None, int | None]:
        """`key` in the `[table.sub]` that belongs to `table[index]` (as `[questions.rubric]`
        follows its `[[questions]]`); else `sub` itself (an inline table, or missing)."""
        lines = self._index()
        blocks = self._blocks.get(table, [])
        if index < len(blocks):
            start = blocks[index][0]
            following = blocks[index + 1][0] if index + 1 < len(blocks) else len(lines)
            for sub_start, sub_end in self._blocks.get(f"{table}.{sub}", []):
                if start < sub_start < following:
                    for number in range(sub_start + 1, sub_end):
                        if (column := _key_column(lines[number], key)) is not None:
                            return number + 1, column
                    return sub_start + 1, None
        return self.find(table, index, sub)

    def top_level(self, key: str) -> tuple[int | None, int | None]:
        lines = self._index()
        for number in range(self._first_header):
            if (column := _key_column(lines[number], key)) is not None:
                return number + 1, column
        for name, blocks in self._blocks.items():
            if name == key or name.startswith(key + "."):
                return blocks[0][0] + 1, None
        return None, None


def _key_column(line: str, key: str) -> int | None:
    stripped = line.lstrip()
    for spelled in (key, f'"{key}"', f"'{key}'"):
        if stripped.startswith(spelled) and stripped[len(spelled) :].lstrip().startswith("="):
            return len(line) - len(stripped) + 1
    return None
