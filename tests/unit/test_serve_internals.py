"""The private parts of textual-serve that tpm_tui/serve.py builds on, by name.

textual-serve is pinned below its next minor version (pyproject.toml); when an
upgrade renames or drops one of these, this test says which, before a browser tab
is left running without its final save. Each is explained in serve.py."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from textual_serve.app_service import AppService
from textual_serve.server import Server


def parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


@pytest.mark.parametrize(
    ("owner", "name", "expected"),
    [
        # TabApp overrides these two: its own process group, no SSH_CONNECTION.
        (AppService, "_build_environment", ["self", "width", "height"]),
        (AppService, "_open_app_process", ["self", "width", "height"]),
        # TabServer's websocket handler hands each tab to upstream's message loop.
        (Server, "_process_messages", ["self", "websocket", "app_service"]),
    ],
)
def test_the_methods_serve_overrides_or_calls_are_there(
    owner: type, name: str, expected: list[str]
) -> None:
    assert parameters(getattr(owner, name)) == expected


def test_the_attributes_tabapp_stop_reads_are_set_by_upstream() -> None:
    # TabApp.stop reads the task and process that upstream's start sets, and cancels
    # downloads as upstream's stop does.
    source = inspect.getsource(AppService)
    for attribute in ("self._task", "self._process", "self._stdin", "self._download_manager"):
        assert f"{attribute} =" in source or f"{attribute}:" in source, attribute
