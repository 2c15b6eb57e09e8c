"""Strict cattrs converters for TOML: no silent conversion between types.

Out of the box cattrs turns `title = 3` into "3", `minutes = "5"` into 5, `true`
into 1 and the string "abc" into ["a", "b", "c"]. A person who typed any of those
meant something else; the bank and session readers refuse them instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.preconf.tomllib import make_converter

_TOML_TYPES = {bool: "boolean", int: "integer", datetime: "date-time"}  # else the Python name
# TOML integers are 64-bit: a larger one read by Python is refused by other readers.
INT64 = range(-(2**63), 2**63)


class Invalid(Exception):
    """A readable leaf error; args are (suffix, message) pairs, the suffix like "[2]"."""


def describe(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):  # quotes already say "string"
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if type(value) is int and value not in INT64:
        return "an integer beyond 64 bits"  # not printed: it may have 4,000 digits
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    return f"{shown} ({_TOML_TYPES.get(type(value), type(value).__name__)})"


def _exactly(kind: type, noun: str) -> Any:
    # Exact type: bool is an int in Python, but `true` is no number of minutes.
    def structure(value: object, _: type) -> object:
        if type(value) is not kind:
            raise Invalid(("", f"expected {noun}, got {describe(value)}"))
        return value

    return structure


def _int64(value: object, _: type) -> int:
    if type(value) is not int:
        raise Invalid(("", f"expected an integer, got {describe(value)}"))
    if value not in INT64:
        raise Invalid(("", f"expected a 64-bit integer, got {describe(value)}"))
    return value


def _is_literal(type_: object) -> bool:
    return get_origin(type_) is Literal


# Hook factories run once per type, so structuring 5,000 questions does no type analysis.
def _literal_hook(type_: Any) -> Any:
    choices = get_args(type_)

    def structure(value: object, _: type) -> object:
        if isinstance(value, str) and value in choices:
            return value
        expected = ", ".join(map(str, choices))
        raise Invalid(("", f"expected one of {expected}, got {describe(value)}"))

    return structure


def _is_homogeneous_sequence(type_: Any) -> bool:
    origin, args = get_origin(type_), get_args(type_)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return origin is list and len(args) == 1


def _sequence_hook(converter: Converter) -> Any:
    def factory(type_: Any) -> Any:
        element = get_args(type_)[0]
        structure_item = converter.get_structure_hook(element)
        noun = "tables" if attrs.has(element) else "strings"
        build = tuple if get_origin(type_) is tuple else list

        def structure(value: object, _: type) -> Any:
            # A TOML string is iterable: without this check "abc" would become "a", "b", "c".
            if type(value) is not list:
                raise Invalid(("", f"expected a list of {noun}, got {describe(value)}"))
            items, errors, nested = [], [], []
            for index, item in enumerate(value):
                try:
                    items.append(structure_item(item, element))
                except Invalid as error:
                    errors += [(f"[{index}]{suffix}", message) for suffix, message in error.args]
                except Exception as error:  # a table's own error group: keep its index
                    note = IterableValidationNote(f"@ index {index}", index, element)
                    error.__notes__ = [*getattr(error, "__notes__", []), note]
                    nested.append(error)
            if nested:
                raise IterableValidationError("while structuring a list", nested, type_)
            if errors:
                raise Invalid(*errors)
            return build(items)

        return structure

    return factory


def make_strict_converter(*, forbid_extra_keys: bool) -> Converter:
    converter = make_converter(forbid_extra_keys=forbid_extra_keys)
    converter.register_structure_hook(str, _exactly(str, "a string"))
    converter.register_structure_hook(int, _int64)
    converter.register_structure_hook(bool, _exactly(bool, "true or false"))
    converter.register_structure_hook_factory(_is_literal, _literal_hook)
    converter.register_structure_hook_factory(_is_homogeneous_sequence, _sequence_hook(converter))
    return converter
