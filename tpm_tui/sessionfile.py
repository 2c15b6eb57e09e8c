"""The session file format (`tpm-tui.session/1`): TOML text to and from `Session`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

# tomli, not the stdlib tomllib: the same parser compiled with mypyc, 3.6x faster.
import tomli
import tomli_w
from cattrs import transform_error
from cattrs.v import format_exception

from tpm_tui.models import SESSION_FORMAT, Session
from tpm_tui.strict import Invalid, make_strict_converter

FORMAT_PREFIX = "tpm-tui.session/"

# A converter of its own (cattrs' advice): as strict about types as the bank's, but
# a session reader accepts fields that a later version of the same format adds.
_converter = make_strict_converter(forbid_extra_keys=False)


def _structure_datetime(value: Any, _: type) -> datetime:
    if not isinstance(value, datetime):
        raise ValueError(f"expected an offset date-time, got {value!r}")
    # A local date-time in a hand-edited file is taken as UTC rather than refused.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


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
_EMPTY_WHEN = {"notes": "", "star": [], "title": "", "role": ""}


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
    try:
        raw = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise SessionFileError(f"not valid TOML: {error}") from None
    check_format(raw.get("format"))
    try:
        return _converter.structure(raw, Session)
    except Exception as error:  # cattrs raises groups of many kinds
        problems = transform_error(error, path="session", format_exception=_describe)
        # cattrs says "what @ where"; people read "where: what".
        split = (problem.rpartition(" @ ") for problem in problems)
        readable = [f"{where}: {what}" for what, _, where in split]
        raise SessionFileError("; ".join(readable[:3])) from None


def check_format(value: object) -> None:
    if not isinstance(value, str) or not value.startswith(FORMAT_PREFIX):
        raise SessionFileError("not a tpm-tui session file (no `format = \"tpm-tui.session/1\"`)")
    if value != SESSION_FORMAT:
        raise SessionFileError(
            f"format {value!r} is not one this version reads ({SESSION_FORMAT}); "
            "a newer tpm-tui wrote it"
        )


def _describe(error: BaseException, type_: type | None) -> str:
    if isinstance(error, Invalid):
        return "; ".join(f"{text} (at {suffix})" if suffix else text for suffix, text in error.args)
    return format_exception(error, type_)
