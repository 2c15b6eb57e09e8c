"""The unit layer: pure logic, storage and the command line, in well under 30 s.

No Textual app runs here (that is tests/ui), nor a pty or `python -m` (tests/e2e):
a test that starts an app fails at once and says where it belongs.
"""

from __future__ import annotations

from typing import NoReturn

import pytest
from textual.app import App


def _refuse(*_args: object, **_kwargs: object) -> NoReturn:
    raise AssertionError("a unit test started a Textual app: it belongs in tests/ui")


@pytest.fixture(autouse=True)
def no_textual_app(monkeypatch: pytest.MonkeyPatch) -> None:
    for method in ("run", "run_async", "run_test"):
        monkeypatch.setattr(App, method, _refuse)
