"""A session that cannot be created (the sessions folder is a file, cannot be made,
or the disk is full) gives the same clear message everywhere, never a traceback:
on home a notification, from the command line exit code 2 and the message on stderr.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from textual.widgets import Input

from tpm_tui.app import TpmApp, make_app
from tpm_tui.context import AppContext, InterviewRequest, PracticeRequest
from tpm_tui.screens.home import HomeScreen
from tpm_tui.screens.setup import SetupScreen
from tpm_tui.storage.store import SessionStore

MakeContext = Callable[..., AppContext]
PICK = ("technical-trade-off", "data-informed-decision")


@pytest.fixture
def not_a_folder(sessions_dir: Path) -> Path:
    """`--sessions` names a file."""
    sessions_dir.write_text("a file, not a folder", encoding="utf-8")
    return sessions_dir


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: SessionStore, session: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SessionStore, "create", full)


def notifications(app: TpmApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize(
    ("trouble", "reason"),
    [("not_a_folder", "it is not a folder"), ("disk_full", "No space left on device")],
)
async def test_p_on_home_says_so_and_stays_home(
    make_context: MakeContext,
    sessions_dir: Path,
    request: pytest.FixtureRequest,
    trouble: str,
    reason: str,
) -> None:
    request.getfixturevalue(trouble)
    app = make_app(make_context())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.is_running
        assert f"Could not create the session file in {sessions_dir}: {reason}" in notifications(
            app
        )


@pytest.mark.parametrize(
    "start",
    [InterviewRequest(candidate="Jo", pick=PICK), PracticeRequest(count=1)],
    ids=["interview", "practice"],
)
async def test_a_command_line_session_exits_2_with_the_message(
    make_context: MakeContext, not_a_folder: Path, start: object
) -> None:
    app = make_app(make_context(start))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 2
    assert app.start_error == (
        f"Could not create the session file in {not_a_folder}: it is not a folder"
    )


async def test_the_setup_form_says_the_same(make_context: MakeContext, not_a_folder: Path) -> None:
    app = make_app(make_context(InterviewRequest(candidate="Jo", pick=())))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        app.screen.query_one("#interviewer", Input).value = ""  # left blank on purpose
        await pilot.press("space", "down", "space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        error = str(app.screen.query_one("#setup-error").render())
        assert error == f"Could not create the session file in {not_a_folder}: it is not a folder"
        # Nothing lost: every field as it was.
        assert app.screen.query_one("#candidate", Input).value == "Jo"
        assert app.screen.query_one("#interviewer", Input).value == ""
        first, second, *_ = (question.id for question in app.context.bank.questions)
        assert app.screen.pick == (first, second)
        assert [type(screen) for screen in app.screen_stack][1:] == [HomeScreen, SetupScreen]


async def test_the_notification_shows_a_hostile_folder_name_visibly(
    make_context: MakeContext, tmp_path: Path
) -> None:
    from hostile import EVIL, EVIL_SHOWN

    folder = tmp_path / f"s{EVIL}"
    folder.write_text("a file", encoding="utf-8")
    context = make_context()
    context = attrs.evolve(context, store=SessionStore(folder, cache_dir=tmp_path / "cache"))
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("p")
        await pilot.pause()
        messages = notifications(app)
    assert any(f"s{EVIL_SHOWN}: it is not a folder" in message for message in messages)
    assert not any("\x1b" in message or "\u202e" in message for message in messages)
