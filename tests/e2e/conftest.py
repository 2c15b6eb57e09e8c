"""Fixtures of the end-to-end tests: a home folder for the program, and where its
sessions go (created by the program itself, as on a first run)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    return tmp_path / "sessions"
