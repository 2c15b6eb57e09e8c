"""Load and check a question bank (`questions.toml`), reporting every problem at once.

Pure Python, no Textual. Each table is structured on its own through a private,
strict cattrs converter, so one broken question never hides the problems of the
next; semantic checks (ids, references, empty text) then run on whatever was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

import attrs

# tomli, not the stdlib tomllib: the same parser compiled with mypyc, 3.6x faster.
import tomli
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError

from tpm_tui.domain.models import (
    MAX_MINUTES,
    RUBRIC_LEVELS,
    Bank,
    BankInfo,
    Competency,
    Guidance,
    Question,
    Rubric,
)
from tpm_tui.domain.textsafe import visible_line
from tpm_tui.storage.converter import Invalid, describe, make_strict_converter
from tpm_tui.storage.safefile import NotReadable, read_regular
from tpm_tui.storage.tomlfile import FileProblems, Locator, Problem, suggest, syntax_problem

__all__ = ["BankError", "BankUnreadable", "default_bank_path", "load_bank", "summary"]

T = TypeVar("T")

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TABLES: dict[str, type] = {"competencies": Competency, "questions": Question, "guidance": Guidance}
_TOP_LEVEL = ("bank", *_TABLES)
# Far beyond any real bank (5,000 questions take 6 MB); reading stops there.
MAX_BANK_BYTES = 64 << 20


class BankError(FileProblems):
    """A bank that cannot be used; `problems` lists all of them, in file order."""


class BankUnreadable(BankError):
    """The file could not be read at all (missing, not a file, too large, denied):
    an input that cannot be used, rather than a bank with problems."""


def default_bank_path() -> Path:
    return Path(str(files("tpm_tui") / "data" / "questions.toml"))


def summary(bank: Bank, path: Path) -> str:
    counts = (len(bank.questions), len(bank.competencies), len(bank.guidance))
    nouns = (
        ("question", "questions"),
        ("competency", "competencies"),
        ("guidance entry", "guidance entries"),
    )
    parts = [f"{n} {noun[n != 1]}" for n, noun in zip(counts, nouns, strict=True)]
    return visible_line(f"{path}: OK — {', '.join(parts)} ({bank.title})")


# --- Strict structuring -------------------------------------------------------


_converter = make_strict_converter(forbid_extra_keys=True)  # detailed validation is on
RUBRIC_RULE = f"a rubric has all four levels: {', '.join(RUBRIC_LEVELS)}"
_structure_rubric_table = _converter.get_structure_hook(Rubric)


def _structure_rubric(value: object, _: type) -> Rubric:
    # Without this check `rubric = "x"` fails inside cattrs with words not for people.
    if not isinstance(value, dict):
        raise Invalid(("", f"expected a table `[questions.rubric]`, got {describe(value)}"))
    rubric: Rubric = _structure_rubric_table(value, Rubric)
    return rubric


# Registered before the Question hook is made, which then uses it.
_converter.register_structure_hook(Rubric, _structure_rubric)
_STRUCTURE = {cls: _converter.get_structure_hook(cls) for cls in (BankInfo, *_TABLES.values())}


def _leaves(error: ClassValidationError, cls: type) -> Iterator[tuple[str | None, str]]:
    """(field path below the table, message) for each leaf of a cattrs error group."""
    with_notes, others = error.group_exceptions()
    for sub, note in with_notes:
        if isinstance(sub, KeyError):
            rule = f" ({RUBRIC_RULE})" if cls is Rubric else ""
            yield note.name, f"missing required field `{note.name}`{rule}"
        elif isinstance(sub, ClassValidationError):  # a sub-table: `rubric`
            for path, message in _leaves(sub, sub.cl):
                yield (f"{note.name}.{path}" if path else note.name), message
        elif isinstance(sub, Invalid):
            yield from ((note.name + suffix, message) for suffix, message in sub.args)
        else:  # not raised by our hooks; cattrs' own words are not for people
            yield note.name, "invalid value"
    names = [field.name for field in attrs.fields(cls)]
    for sub in others:
        extra = sorted(sub.extra_fields) if isinstance(sub, ForbiddenExtraKeysError) else []
        yield from ((key, f"unknown key `{key}`{suggest(key, names)}") for key in extra)
        if not extra:
            yield None, "could not be read"


# --- Loading and checking ---------------------------------------------------------


def load_bank(path: Path) -> Bank:
    """Read, structure and check the bank at `path`; raise BankError with every problem."""
    text = _read(path)
    try:
        raw = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise BankError([syntax_problem(path, error)]) from None
    return _Checker(path, text).check(raw)


def _read(path: Path) -> str:
    try:
        # A FIFO would hang the read, /dev/zero never end it: neither is opened.
        data, _ = read_regular(path, MAX_BANK_BYTES, "a question bank file")
    except NotReadable as error:
        message = str(error)
    else:
        if len(data) > MAX_BANK_BYTES:
            message = f"too large for a question bank (over {MAX_BANK_BYTES >> 20} MB)"
            raise BankUnreadable([Problem(path, message)])
        try:
            return data.decode("utf-8-sig")  # a BOM from a Windows editor is harmless
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            column = error.start - data.rfind(b"\n", 0, error.start)
            message = (
                f"not valid UTF-8: byte 0x{data[error.start]:02x} at offset "
                f"{error.start} (line {line}); save the file as UTF-8"
            )
            raise BankError([Problem(path, message, line, column)]) from None
    raise BankUnreadable([Problem(path, message)])


class _Checker:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.locator = Locator(text)
        self.problems: list[Problem] = []
        self.entries: dict[str, list[Any]] = {name: [] for name in _TABLES}  # as read

    def add(
        self, message: str, table: str, index: int | None = None, sub: str | None = None
    ) -> None:
        """Record a problem at `table[index].sub`, e.g. sub = "areas[2]"."""
        label = table if index is None else self.label(table, index)
        field = f"{label}.{sub}" if sub else label
        key = sub.split("[", 1)[0] if sub else None
        if index is None and key is None:
            line, column = self.locator.top_level(table)
        elif key and "." in key:  # in a sub-table: `rubric.good` is in `[questions.rubric]`
            sub_table, sub_key = key.split(".", 1)
            line, column = self.locator.find_in_sub_table(table, index or 0, sub_table, sub_key)
        else:
            line, column = self.locator.find(table, index or 0, key)
        self.problems.append(Problem(self.path, message, line, column, field))

    def label(self, table: str, index: int) -> str:
        """`questions[3] (id 'foo')`: the index counts from 0, the id (when known) is searchable."""
        entry = self.entries[table][index]
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        return f"{table}[{index}]" + (f" (id {entry_id!r})" if isinstance(entry_id, str) else "")

    def check(self, raw: dict[str, Any]) -> Bank:
        for key in raw.keys() - set(_TOP_LEVEL):
            line, column = self.locator.top_level(key)
            message = f"unknown top-level key `{key}`{suggest(key, _TOP_LEVEL)}"
            self.problems.append(Problem(self.path, message, line, column))
        info = self.check_info(raw.get("bank"))
        tables = {name: self.check_table(raw, name) for name in _TABLES}
        competencies = self.entries["competencies"]
        known = {entry.get("id") for entry in competencies if isinstance(entry, dict)}
        for index, question in enumerate(self.entries["questions"]):
            if isinstance(question, dict):
                self.check_question(index, question, known)
        if self.problems:
            self.problems.sort(key=lambda problem: problem.line or 0)  # file order
            raise BankError(self.problems)
        assert info is not None  # no problems, so [bank] was read
        return Bank(info, tables["competencies"], tables["questions"], tables["guidance"])

    def check_info(self, raw: object) -> BankInfo | None:
        if raw is None:
            self.add("missing required table `[bank]` (with the bank's title and role)", "bank")
            return None
        if not isinstance(raw, dict):
            self.add(f"expected a table `[bank]`, got {describe(raw)}", "bank")
            return None
        info = self.structure(raw, BankInfo, "bank", None)
        if isinstance(raw.get("title"), str) and not raw["title"].strip():
            self.add("must not be empty", "bank", sub="title")
        return info

    def check_table(self, raw: dict[str, Any], name: str) -> tuple[Any, ...]:
        """Structure every entry of `[[name]]` on its own; check ids and empty texts."""
        value = raw.get(name, [])
        if not isinstance(value, list):
            self.add(f"expected an array of tables `[[{name}]]`, got {describe(value)}", name)
            return ()
        if name == "questions" and not value:
            self.add("no questions: add at least one `[[questions]]` table", name)
        self.entries[name] = value
        cls = _TABLES[name]
        first_seen: dict[str, int] = {}
        structured: list[object] = []  # None where an entry could not be read
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                self.add(f"expected a table, got {describe(entry)}", name, index)
                continue
            structured.append(self.structure(entry, cls, name, index))
            entry_id = entry.get("id")
            if isinstance(entry_id, str):
                self.check_id(entry_id, name, index, first_seen)
            for key in ("name", "title", "text", "question", "answer"):
                if isinstance(entry.get(key), str) and not entry[key].strip():
                    self.add("must not be empty", name, index, key)
        return tuple(structured)

    def check_id(self, entry_id: str, name: str, index: int, first_seen: dict[str, int]) -> None:
        if not ID_RE.fullmatch(entry_id):
            rule = "lowercase letters and digits in words joined by dashes, like 'trade-off-2'"
            self.add(f"invalid id {entry_id!r}: use {rule}", name, index, "id")
        if entry_id in first_seen:
            first = first_seen[entry_id]
            line, _ = self.locator.find(name, first, "id")
            at = f"{name}[{first}]" + (f", line {line}" if line else "")
            noun = "question" if name == "questions" else "competency"
            self.add(f"duplicate {noun} id {entry_id!r}, already used by {at}", name, index, "id")
        else:
            first_seen[entry_id] = index

    def check_question(self, index: int, raw: dict[str, Any], known: set[Any]) -> None:
        areas = raw.get("areas")
        if isinstance(areas, list) and not areas:
            self.add("a question needs at least one area to cover", "questions", index, "areas")
        for key in ("areas", "follow_ups"):
            items = raw.get(key)
            for item_index, item in enumerate(items if isinstance(items, list) else ()):
                if isinstance(item, str) and not item.strip():
                    self.add("must not be empty", "questions", index, f"{key}[{item_index}]")
        references = raw.get("competencies")
        for item_index, item in enumerate(references if isinstance(references, list) else ()):
            if isinstance(item, str) and item not in known:
                ids = (i for i in known if isinstance(i, str))
                message = f"unknown competency id {item!r}{suggest(item, ids, quote=chr(39))}"
                self.add(message, "questions", index, f"competencies[{item_index}]")
        rubric = raw.get("rubric")
        for level in RUBRIC_LEVELS:
            words = rubric.get(level) if isinstance(rubric, dict) else None
            if isinstance(words, str) and not words.strip():
                self.add("must not be empty", "questions", index, f"rubric.{level}")
        minutes = raw.get("minutes")
        # (Beyond 64 bits the strict converter has said so already.)
        if type(minutes) is int and not 1 <= minutes <= MAX_MINUTES and abs(minutes) < 2**63:
            message = f"must be 1 to {MAX_MINUTES} minutes, got {minutes}"
            self.add(message, "questions", index, "minutes")

    def structure(
        self, raw: dict[str, Any], cls: type[T], table: str, index: int | None
    ) -> T | None:
        try:
            structured: T = _STRUCTURE[cls](raw, cls)
            return structured
        except ClassValidationError as error:
            for sub, message in _leaves(error, cls):
                self.add(message, table, index, sub)
            return None
