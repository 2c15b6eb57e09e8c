"""Who you are, and your few settings: the optional `config.toml`.

It lives in the platform's user config folder (`~/.config/tpm-tui/config.toml`
on Linux) and may hold `name`, `email`, `sync = "manual" | "auto"` and
`bell = true | false`. It is checked as strictly as a bank: a wrong type, an
unknown key (with the nearest known one) or a value outside the choices is
reported with the file, the line and the key, never a traceback. No file means
the defaults.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, get_args

import platformdirs
import tomli
from attrs import frozen

from tpm_tui.storage.converter import describe
from tpm_tui.storage.safefile import NotReadable, read_regular
from tpm_tui.storage.tomlfile import FileProblems, Locator, Problem, suggest, syntax_problem

APP_NAME = "tpm-tui"
SyncMode = Literal["manual", "auto"]
MAX_CONFIG_BYTES = 64 * 1024  # a handful of lines; more is not a config file


@frozen
class Settings:
    name: str | None = None
    email: str | None = None
    sync: SyncMode = "manual"
    bell: bool = False


class ConfigError(FileProblems):
    """A config file that cannot be used; `problems` lists all of them."""


_KEYS: dict[str, tuple[type, str]] = {
    "name": (str, "a string (your name, as interviews record it)"),
    "email": (str, "a string (for the commits of shared sessions)"),
    "sync": (str, f"one of {', '.join(map(repr, get_args(SyncMode)))}"),
    "bell": (bool, "true or false"),
}


def default_config_path() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "config.toml"


def load_settings(path: Path) -> Settings:
    """The settings in `path`, the defaults when there is no such file; ConfigError
    with every problem otherwise."""
    try:
        data, _ = read_regular(path, MAX_CONFIG_BYTES, "a config file")
    except NotReadable as error:
        if str(error) == "no such file":
            return Settings()
        raise ConfigError([Problem(path, str(error))]) from None
    if len(data) > MAX_CONFIG_BYTES:
        too_large = f"too large for a config file (over {MAX_CONFIG_BYTES >> 10} KB)"
        raise ConfigError([Problem(path, too_large)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        not_utf8 = f"not valid UTF-8 (byte {error.start}); save it as UTF-8"
        raise ConfigError([Problem(path, not_utf8)]) from None
    try:
        raw = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise ConfigError([syntax_problem(path, error)]) from None
    return _check(path, text, raw)


def _check(path: Path, text: str, raw: dict[str, Any]) -> Settings:
    locator = Locator(text)
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        line, column = locator.top_level(key)
        problems.append(Problem(path, message, line, column, key))

    for key, value in raw.items():
        if key not in _KEYS:
            problem(key, f"unknown key `{key}`{suggest(key, _KEYS)}")
            continue
        kind, expected = _KEYS[key]
        if type(value) is not kind or (key == "sync" and value not in get_args(SyncMode)):
            problem(key, f"expected {expected}, got {describe(value)}")
        elif isinstance(value, str) and not value.strip():
            problem(key, "must not be empty (leave the key out instead)")
    if problems:
        raise ConfigError(problems)
    return Settings(
        name=raw["name"].strip() if "name" in raw else None,
        email=raw["email"].strip() if "email" in raw else None,
        sync=raw.get("sync", "manual"),
        bell=raw.get("bell", False),
    )
