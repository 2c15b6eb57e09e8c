"""The story file (`tpm-tui.stories/1`): the candidate's STAR stories, in TOML.

Kept with the care of a session file: written atomically (0600, in a 0700
folder), checked strictly on reading (every problem with the file, line and
field), a broken file reported and never overwritten, and a file changed on disk
since it was read (another terminal, a hand edit) never replaced: `StoriesChanged`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tomli
import tomli_w

from tpm_tui.domain.stories import STORY_FIELDS, Story
from tpm_tui.storage import atomic
from tpm_tui.storage.bank import ID_RE
from tpm_tui.storage.converter import describe
from tpm_tui.storage.names import slugify
from tpm_tui.storage.safefile import NotReadable, make_private_folder, read_regular
from tpm_tui.storage.store import STORIES_NAME, digest

__all__ = ["STORIES_NAME", "read_stories", "write_stories"]
from tpm_tui.storage.tomlfile import FileProblems, Locator, Problem, suggest, syntax_problem

STORIES_FORMAT = "tpm-tui.stories/1"
MAX_STORIES_BYTES = 16 * 1024 * 1024
_TOP_KEYS = ("format", "stories")
_STRING_KEYS = ("id", "title", *STORY_FIELDS)
_KEYS = (*_STRING_KEYS, "competencies")


class StoriesError(FileProblems):
    """A story file that cannot be used; `problems` lists every problem found."""


class StoriesChanged(Exception):
    """The story file changed on disk since it was read: it is not replaced."""


def read_stories(path: Path) -> tuple[list[Story], str | None]:
    """The stories in `path` and the digest of what was read; ([], None) when there
    is no file yet. StoriesError with every problem otherwise."""
    try:
        data, _ = read_regular(path, MAX_STORIES_BYTES, "a story file")
    except NotReadable as error:
        if str(error) == "no such file":
            return [], None
        raise StoriesError([Problem(path, str(error))]) from None
    if len(data) > MAX_STORIES_BYTES:
        raise StoriesError([Problem(path, f"over {MAX_STORIES_BYTES >> 20} MB")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StoriesError([Problem(path, f"not valid UTF-8 (byte {error.start})")]) from None
    try:
        raw = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise StoriesError([syntax_problem(path, error)]) from None
    except (RecursionError, ValueError):
        problem = Problem(path, "not valid TOML (nested too deep, or a huge number)")
        raise StoriesError([problem]) from None
    return _check(path, text, raw), digest(data)


def _check(path: Path, text: str, raw: dict[str, Any]) -> list[Story]:
    locator = Locator(text)
    problems: list[Problem] = []

    def top(key: str, message: str) -> None:
        problems.append(Problem(path, message, *locator.top_level(key), key))

    if raw.get("format") != STORIES_FORMAT:
        top("format", f'expected "{STORIES_FORMAT}", got {describe(raw.get("format"))}')
    for key in raw:
        if key not in _TOP_KEYS:
            top(key, f"unknown key `{key}`{suggest(key, _TOP_KEYS)}")
    items = raw.get("stories", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        top("stories", f"expected [[stories]] tables, got {describe(items)}")
        items = []
    stories: list[Story] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        found = _story(item, index, seen)
        for key, message in found[1]:
            line, column = locator.find("stories", index, key)
            problems.append(Problem(path, message, line, column, f"stories[{index}].{key}"))
        if found[0] is not None:
            stories.append(found[0])
    if problems:
        raise StoriesError(sorted(problems, key=lambda p: p.line or 0))
    return stories


def _story(item: dict[str, Any], index: int, seen: set[str]) -> tuple[Story | None, list[Any]]:
    """One [[stories]] table: the story, or None, and its (key, message) problems."""
    problems: list[tuple[str, str]] = []
    for key in item:
        if key not in _KEYS:
            problems.append((key, f"unknown key `{key}`{suggest(key, _KEYS)}"))
    for key in ("id", "title"):
        if key not in item:
            problems.append((key, "required field missing"))
    for key in _STRING_KEYS:
        if key in item and not isinstance(item[key], str):
            problems.append((key, f"expected a string, got {describe(item[key])}"))
    story_id = item.get("id")
    if isinstance(story_id, str):
        if not ID_RE.fullmatch(story_id):
            problems.append(("id", f"expected lowercase-with-dashes, got {describe(story_id)}"))
        elif story_id in seen:
            problems.append(("id", f"duplicate id {story_id!r}"))
        seen.add(story_id)
    if isinstance(item.get("title"), str) and not item["title"].strip():
        problems.append(("title", "must not be empty"))
    competencies = item.get("competencies", [])
    if not isinstance(competencies, list) or not all(isinstance(c, str) for c in competencies):
        expected = f"expected a list of strings, got {describe(competencies)}"
        problems.append(("competencies", expected))
    if problems:
        return None, problems
    return Story(competencies=tuple(competencies), **{k: item.get(k, "") for k in _STRING_KEYS}), []


def stories_toml(stories: Sequence[Story]) -> str:
    tables = []
    for story in stories:
        table: dict[str, Any] = {key: getattr(story, key) for key in _STRING_KEYS}
        table = {key: value for key, value in table.items() if value or key in ("id", "title")}
        table["competencies"] = list(story.competencies)
        tables.append(table)
    text = tomli_w.dumps({"format": STORIES_FORMAT, "stories": tables})
    return text


def write_stories(path: Path, stories: Sequence[Story], expected: str | None) -> str:
    """Replace `path` with `stories` atomically (0600); returns the new digest.

    `expected` is the digest of what was read (None: there was no file). A file
    that is not that any more is left alone: StoriesChanged.
    """
    try:
        data, _ = read_regular(path, MAX_STORIES_BYTES, "a story file")
        now: str | None = digest(data)
    except NotReadable as error:
        now = None if str(error) == "no such file" else "unreadable"
    if now != expected:
        raise StoriesChanged(f"{path.name} changed on disk since it was read")
    make_private_folder(path.parent)
    data = stories_toml(stories).encode("utf-8")
    if expected is None:
        try:
            atomic.create_exclusive(path, data)  # made meanwhile by another: not replaced
        except FileExistsError:
            raise StoriesChanged(f"{path.name} was created by another program meanwhile") from None
    else:
        atomic.write_bytes(path, data)
    return digest(data)


def new_id(title: str, taken: Sequence[str]) -> str:
    """An id from the title, unique among `taken`: `moving-payments`, `moving-payments-2`."""
    base = slugify(title, max_length=40)
    base = base if ID_RE.fullmatch(base) else "story"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
