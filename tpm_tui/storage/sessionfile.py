"""The session file format (`tpm-tui.session/1`): TOML text to and from `Session`.

Reading refuses, with the field path (`questions[2].rating: …`), any known key with
a wrong type or value, and accepts keys it does not know (a newer copy of the app
in the team may have added them). The value rules live in `_problems`, one per
rule; docs/FORMATS.md lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

# tomli, not the stdlib tomllib: the same parser compiled with mypyc, 3.6x faster.
import tomli
import tomli_w
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)

from tpm_tui.domain.models import (
    RATING_LABELS,
    SESSION_FORMAT,
    STAR_STEPS,
    QuestionRecord,
    Session,
)
from tpm_tui.storage.converter import Invalid, describe, make_strict_converter

FORMAT_PREFIX = "tpm-tui.session/"

# Bounds of the values a session file may hold (docs/FORMATS.md says why).
EARLIEST_YEAR, LATEST_YEAR = 1970, 9000  # leaves room for date arithmetic up to 9999
MAX_SECONDS = 10 * 366 * 24 * 60 * 60  # ten years: more than any clock can have run
MAX_MINUTES = MAX_SECONDS // 60
TICK_SLACK_SECONDS = 5  # a tick may be stamped up to this long after its question's clock
_SHOWN_PROBLEMS = 3

# A converter of its own (cattrs' advice): as strict about types as the bank's, but
# a session reader accepts fields that a later version of the same format adds.
_converter = make_strict_converter(forbid_extra_keys=False)


def _structure_datetime(value: Any, _: type) -> datetime:
    if not isinstance(value, datetime):
        raise Invalid(("", f"expected an offset date-time, got {describe(value)}"))
    # A local date-time in a hand-edited file is taken as UTC rather than refused.
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        utc = aware.astimezone(UTC)  # year 9999 with a negative offset is past year 9999
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST_YEAR <= utc.year <= LATEST_YEAR:
        raise Invalid(
            ("", f"expected a date-time between {EARLIEST_YEAR} and {LATEST_YEAR}, got {value}")
        )
    return utc


class _Stamp(datetime):
    """A UTC date-time that tomli-w writes as `2026-11-28T10:02:11Z` (it calls str())."""

    def __str__(self) -> str:
        return self.isoformat().replace("+00:00", "Z")


def _unstructure_datetime(value: datetime) -> datetime:
    value = value.astimezone(UTC)
    return _Stamp(*value.timetuple()[:6], value.microsecond, tzinfo=UTC)


_converter.register_structure_hook(datetime, _structure_datetime)
_converter.register_unstructure_hook(datetime, _unstructure_datetime)

# Values left out of the file when they say nothing: TOML has no null.
_EMPTY_WHEN = {
    "notes": "", "star": [], "title": "", "role": "", "strengths": [], "concerns": []
}


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {key: _prune(item) for key, item in value.items()}
        return {
            key: item
            for key, item in pruned.items()
            if item is not None
            and item != {}
            and not (key in _EMPTY_WHEN and item == _EMPTY_WHEN[key])
        }
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value


class SessionFileError(Exception):
    """A session file that cannot be used; the message is for people."""


def _has_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        value = value.values()
    return isinstance(value, (list, type({}.values()))) and any(map(_has_carriage_return, value))


def to_data(session: Session) -> dict[str, Any]:
    """The file's content as plain TOML values, sharing nothing mutable with `session`:
    cheap (strings are shared, not copied), so it is taken on the UI thread."""
    data: dict[str, Any] = _prune(_converter.unstructure(session))
    return data


def dump(data: dict[str, Any]) -> str:
    """The TOML text of `to_data`'s result: the slow part, safe in a worker thread."""
    # Multi-line strings read well in a pager but turn "\r\n" into "\n": keep them
    # only when no text holds a carriage return, so the file is always exact.
    return tomli_w.dumps(data, multiline_strings=not _has_carriage_return(data))


def to_toml(session: Session) -> str:
    return dump(to_data(session))


def from_toml(text: str) -> Session:
    """The session `text` holds; SessionFileError (for people) for anything else."""
    raw = _parse_toml(text)
    check_format(raw.get("format"))
    try:
        session = _converter.structure(raw, Session)
    except Exception as error:  # cattrs raises groups of many kinds
        raise SessionFileError(_joined(list(_leaves(error, "")))) from None
    if problems := list(_problems(session)):
        raise SessionFileError(_joined(problems))
    return session


_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")


def _parse_toml(text: str) -> dict[str, Any]:
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise SessionFileError(f"not valid TOML: {error}") from None
    except RecursionError:  # tomli: "nested more than the allowed 400 levels"
        raise SessionFileError("not valid TOML: arrays or tables nested too deep") from None
    except ValueError:
        # Python refuses to read an integer of over 4,300 digits (and TOML's are 64-bit).
        match = _LONG_NUMBER.search(text)
        where = f" (line {text.count(chr(10), 0, match.start()) + 1})" if match else ""
        raise SessionFileError(f"not valid TOML: a number far beyond 64 bits{where}") from None


def check_format(value: object) -> None:
    if not isinstance(value, str) or not value.startswith(FORMAT_PREFIX):
        raise SessionFileError('not a tpm-tui session file (no `format = "tpm-tui.session/1"`)')
    if value != SESSION_FORMAT:
        raise SessionFileError(
            f"format {describe(value)} is not one this version reads ({SESSION_FORMAT}); "
            "a newer tpm-tui wrote it"
        )


def _joined(problems: list[tuple[str, str]]) -> str:
    shown = [f"{where}: {what}" if where else what for where, what in problems[:_SHOWN_PROBLEMS]]
    more = len(problems) - _SHOWN_PROBLEMS
    return "; ".join(shown) + (f" (and {more} more)" if more > 0 else "")


def _leaves(error: BaseException, path: str) -> Iterator[tuple[str, str]]:
    """(field path, message) for each failure in a cattrs error tree: `questions[2].rating`."""
    if isinstance(error, ClassValidationError | IterableValidationError):
        for sub in error.exceptions:
            where = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    where = f"{path}.{note.name}" if path else note.name
                elif isinstance(note, IterableValidationNote):
                    where = f"{path}[{note.index}]"
            yield from _leaves(sub, where)
    elif isinstance(error, Invalid):
        yield from ((path + suffix, message) for suffix, message in error.args)
    elif isinstance(error, KeyError):
        yield path, "required field missing"
    elif isinstance(error, AttributeError | TypeError):
        yield path, "expected a table"  # cattrs read a non-table as a class
    else:
        yield path, "invalid value"


# --- Value rules ------------------------------------------------------------------


def _in_range(value: int | None, low: int, high: int, what: str) -> str | None:
    if value is None or low <= value <= high:
        return None
    return f"expected {what}, got {value}"


def _rating_problem(value: int | None) -> str | None:
    """A rating (of a question or a competency) outside 1…4."""
    low, high = min(RATING_LABELS), max(RATING_LABELS)
    return _in_range(value, low, high, f"{low} to {high}")


def _problems(session: Session) -> Iterator[tuple[str, str]]:
    """Every known value out of its bounds, with its field path."""
    seconds = f"0 to {MAX_SECONDS} seconds"
    minutes = f"1 to {MAX_MINUTES} minutes"
    checks = [
        ("minutes", _in_range(session.minutes, 1, MAX_MINUTES, minutes)),
        ("answer_minutes", _in_range(session.answer_minutes, 1, MAX_MINUTES, minutes)),
        ("elapsed_seconds", _in_range(session.elapsed_seconds, 0, MAX_SECONDS, seconds)),
    ]
    yield from ((where, what) for where, what in checks if what)
    if session.completed_at is not None and session.completed_at < session.created_at:
        yield "completed_at", f"before created_at ({session.created_at:%Y-%m-%dT%H:%M:%SZ})"
    if session.completed and session.kind == "interview" and session.outcome is None:
        yield "outcome", "a completed interview needs an outcome (its recommendation)"
    for table, scorecard in (("outcome", session.outcome), ("draft", session.draft)):
        for competency, value in (scorecard.competencies if scorecard else {}).items():
            if problem := _rating_problem(value):
                yield f"{table}.competencies.{competency}", problem
    if not session.questions:
        yield "questions", "has no questions"
    elif not 0 <= session.current < len(session.questions):
        yield "current", f"expected 0 to {len(session.questions) - 1}, got {session.current}"
    for index, record in enumerate(session.questions):
        yield from ((f"questions[{index}].{where}", what) for where, what in _record(record))


def _record(record: QuestionRecord) -> Iterator[tuple[str, str]]:
    seconds = f"0 to {MAX_SECONDS} seconds"
    checks = [
        ("budget_seconds", _in_range(record.budget_seconds, 0, MAX_SECONDS, seconds)),
        ("elapsed_seconds", _in_range(record.elapsed_seconds, 0, MAX_SECONDS, seconds)),
        ("rating", _rating_problem(record.rating)),
    ]
    yield from ((where, what) for where, what in checks if what)
    # Ticks are stamped with the question's clock, which the file then holds.
    latest = record.elapsed_seconds + TICK_SLACK_SECONDS
    stamps = f"0 to {latest} (the question's elapsed seconds)"
    for index, area in enumerate(record.areas):
        if problem := _in_range(area.covered_at, 0, latest, stamps):
            yield f"areas[{index}].covered_at", problem
    for index, follow_up in enumerate(record.follow_ups):
        if problem := _in_range(follow_up.asked_at, 0, latest, stamps):
            yield f"follow_ups[{index}].asked_at", problem
    for index, step in enumerate(record.star):
        if step not in STAR_STEPS or step in record.star[:index]:
            yield f"star[{index}]", f"expected each of {', '.join(STAR_STEPS)} at most once"
    if problem := _in_range(record.answer_seconds, 0, MAX_SECONDS, seconds):
        yield "answer_seconds", problem
    for step, value in record.star_seconds.items():
        if step not in STAR_STEPS:
            yield f"star_seconds.{step}", f"expected one of {', '.join(STAR_STEPS)}"
        elif problem := _in_range(value, 0, MAX_SECONDS, seconds):
            yield f"star_seconds.{step}", problem
