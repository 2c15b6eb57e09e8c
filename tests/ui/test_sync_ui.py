"""Sync in the app: completing commits at once (and pushes with `sync = "auto"`),
review pulls when it opens and says when the folder last synced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from live_session_helpers import FakeClock, begin, until
from sync_helpers import bare_remote, git, isolate_git, needs_git, remote_files, write_session
from textual.pilot import Pilot

from tpm_tui.app import make_app
from tpm_tui.context import AppContext, ReviewRequest
from tpm_tui.screens.summary import SummaryScreen
from tpm_tui.storage.git import Identity
from tpm_tui.storage.settings import Settings
from tpm_tui.storage.store import SessionStore
from tpm_tui.storage.sync import Sharing
from tpm_tui.widgets.sync_status import SyncStatus

pytestmark = needs_git
SIZE = (80, 24)


@pytest.fixture
def remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, context: AppContext) -> Path:
    """The team's bare repository; the context's sessions folder is a clone of it."""
    isolate_git(monkeypatch)
    remote = bare_remote(tmp_path)
    Sharing(context.store, Identity("Ana", "ana@example.com")).init(str(remote))
    return remote


async def complete_one(pilot: Pilot[object], context: AppContext, clock: FakeClock) -> Path:
    keeper = begin(context)
    pilot.app.open_session(keeper)  # type: ignore[attr-defined]
    await pilot.pause()
    clock.advance(60)
    await pilot.press("q", "y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)
    await pilot.press("3", "ctrl+s")
    return keeper.path


def committed(folder: Path) -> str:
    return git(folder, "log", "--format=", "--name-only")


def notices(app: object) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)  # type: ignore[attr-defined]


async def test_completing_a_session_commits_it_at_once(
    context: AppContext, clock: FakeClock, remote: Path
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        path = await complete_one(pilot, context, clock)
        await until(pilot, lambda: path.name in committed(context.sessions_dir))
    assert path.name not in remote_files(remote)  # sync = "manual": pushed by `tpm-tui sync`
    assert "sam@tpm-tui.invalid" in git(context.sessions_dir, "log", "-1", "--format=%ae")


async def test_with_auto_sync_it_is_pushed(
    context: AppContext, clock: FakeClock, remote: Path
) -> None:
    context = attrs.evolve(context, settings=Settings(sync="auto"))
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        path = await complete_one(pilot, context, clock)
        await until(pilot, lambda: path.name in remote_files(remote))
        await until(pilot, lambda: "Synced with the team: 1 up, 0 down" in notices(app))


async def test_a_failed_push_is_shown_and_kept_for_the_next_sync(
    context: AppContext, clock: FakeClock, remote: Path, tmp_path: Path
) -> None:
    git(context.sessions_dir, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))
    context = attrs.evolve(context, settings=Settings(sync="auto"))
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        path = await complete_one(pilot, context, clock)
        await until(pilot, lambda: "Not shared yet" in notices(app))
        assert "cannot be reached" in notices(app)
    assert path.name in committed(context.sessions_dir)
    git(context.sessions_dir, "remote", "set-url", "origin", str(remote))
    Sharing(context.store, Identity("Ana", "ana@example.com")).sync()
    assert path.name in remote_files(remote)


async def test_review_pulls_when_it_opens_and_lists_what_came_down(
    context: AppContext, remote: Path, tmp_path: Path
) -> None:
    ben = SessionStore(tmp_path / "ben", cache_dir=tmp_path / "ben-cache")
    Sharing(ben, Identity("Ben", "ben@example.com")).init(str(remote))
    bens = write_session(ben, context.bank, "Omar Haddad", interviewer="Ben")
    Sharing(ben, Identity("Ben", "ben@example.com")).sync()
    app = make_app(attrs.evolve(context, start=ReviewRequest()))
    async with app.run_test(size=SIZE) as pilot:
        status = app.screen.query_one(SyncStatus)
        await until(pilot, lambda: "synced just now" in str(status.render()))
        await until(pilot, lambda: "Omar Haddad" in _table_text(app))
    assert (context.sessions_dir / bens.name).exists()


async def test_review_pulls_only_once_its_list_is_on_screen(
    context: AppContext, remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git's processes and the pull's Python would slow the first list otherwise."""
    write_session(context.store, context.bank, "Jane Doe", interviewer="Ana")
    app = make_app(attrs.evolve(context, start=ReviewRequest()))
    seen: list[str] = []
    pull = Sharing.pull

    def pull_noting_the_screen(self: Sharing) -> object:
        seen.append(app.call_from_thread(_table_text, app))  # the pull runs in a worker
        return pull(self)

    monkeypatch.setattr(Sharing, "pull", pull_noting_the_screen)
    async with app.run_test(size=SIZE) as pilot:
        status = app.screen.query_one(SyncStatus)
        await until(pilot, lambda: str(status.render()) == "synced just now")
        await pilot.press("ctrl+r")  # a rescan does not pull again
        await pilot.pause()
    assert len(seen) == 1 and "Jane Doe" in seen[0]


async def test_review_offline_says_so_with_the_last_success(
    context: AppContext, remote: Path, tmp_path: Path
) -> None:
    git(context.sessions_dir, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))
    app = make_app(attrs.evolve(context, start=ReviewRequest()))
    async with app.run_test(size=SIZE) as pilot:
        status = app.screen.query_one(SyncStatus)
        await until(pilot, lambda: "offline" in str(status.render()))
        assert str(status.render()).startswith("offline: last synced just now")  # the --init


async def test_an_ordinary_folder_shows_nothing_new(
    make_context: Callable[..., AppContext],
) -> None:
    context = make_context(ReviewRequest())
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(SyncStatus).display
        assert "synced" not in _table_text(app)


def _table_text(app: object) -> str:
    from live_session_helpers import screen_text

    return screen_text(app)  # type: ignore[arg-type]


async def test_review_says_which_of_yours_its_pull_moved_aside(
    context: AppContext, remote: Path, tmp_path: Path
) -> None:
    """A file of the team's came down over the name of one of yours (unfinished): the
    status line names where yours went, within 80 columns."""
    ben = SessionStore(tmp_path / "ben", cache_dir=tmp_path / "ben-cache")
    Sharing(ben, Identity("Ben", "ben@example.com")).init(str(remote))
    bens = write_session(ben, context.bank, "Jane Doe", interviewer="Ben")
    Sharing(ben, Identity("Ben", "ben@example.com")).sync()
    write_session(context.store, context.bank, "Jane Doe", interviewer="Ana", completed=False)
    copy = bens.name.replace(".toml", "-2.toml")
    app = make_app(attrs.evolve(context, start=ReviewRequest()))
    async with app.run_test(size=SIZE) as pilot:
        status = app.screen.query_one(SyncStatus)
        await until(pilot, lambda: f"yours moved aside: {copy}" in _table_text(app))
        assert str(status.render()).startswith("synced just now · ")
