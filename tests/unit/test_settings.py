"""Who you are and your settings: the optional config file, strict like a bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from tpm_tui.storage.settings import ConfigError, Settings, default_config_path, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "config.toml") == Settings()


def test_the_config_lives_in_the_user_config_folder(tmp_path: Path) -> None:
    # conftest points XDG_CONFIG_HOME into the test's home: never the machine's own.
    assert default_config_path().parts[-2:] == ("tpm-tui", "config.toml")


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path, 'name = " Sam Lee "\nemail = "sam@example.com"\nsync = "auto"\nbell = true\n'
    )
    assert load_settings(path) == Settings("Sam Lee", "sam@example.com", "auto", True)


def test_every_problem_is_named_with_its_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = "Sam"\nsync = "always"\nbel = true\nbell = "yes"\nemail = ""\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    lines = str(caught.value).splitlines()
    assert lines == [
        f"{path}:2:1: sync: expected one of 'manual', 'auto', got 'always'",
        f"{path}:3:1: bel: unknown key `bel` (did you mean `bell`?)",
        f"{path}:4:1: bell: expected true or false, got 'yes'",
        f"{path}:5:1: email: must not be empty (leave the key out instead)",
    ]


def test_a_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = "Sam\n')
    with pytest.raises(ConfigError, match=r":1:\d+: TOML syntax error"):
        load_settings(path)


def test_a_fifo_or_a_folder_is_named_never_opened(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="is a FIFO, not a config file"):
        load_settings(fifo)
