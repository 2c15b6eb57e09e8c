"""The live session's saving, without a UI: one writer, no stale overwrite, one save path."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from live_session_helpers import begin

from tpm_tui.context import AppContext
from tpm_tui.domain.listing import SessionSummary
from tpm_tui.domain.models import Outcome
from tpm_tui.keeper import NothingToResume, SessionKeeper, resume_keeper
from tpm_tui.storage.lock import SessionHeld, holder_of
from tpm_tui.storage.store import CONFLICT_MARK


def note(keeper: SessionKeeper, text: str) -> None:
    keeper.session.questions[0].notes = text
    keeper.touch()


def test_a_new_session_is_held_until_closed(make_context) -> None:  # type: ignore[no-untyped-def]
    context: AppContext = make_context()
    keeper = begin(context)
    assert holder_of(keeper.path) is not None
    with pytest.raises(SessionHeld):
        resume_keeper(context, keeper.path)
    keeper.close()
    assert holder_of(keeper.path) is None
    resume_keeper(context, keeper.path).close()


def test_a_hand_edit_is_never_overwritten(make_context) -> None:  # type: ignore[no-untyped-def]
    context: AppContext = make_context()
    keeper = begin(context)
    original = keeper.path
    note(keeper, "first")
    assert keeper.save_now()
    # Someone edits the file while the session runs (an editor, a git pull).
    edited = original.read_text().replace('name = "Jane Doe"', 'name = "Jane Q. Doe"')
    original.write_text(edited)
    note(keeper, "typed after the edit")
    assert keeper.save_now()
    # Both versions are kept: the edit where it was, ours beside it, named so.
    assert original.read_text() == edited
    copy = keeper.path
    assert copy != original and CONFLICT_MARK in copy.name and copy.parent == original.parent
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert context.store.load(copy).questions[0].notes == "typed after the edit"
    assert keeper.notice is not None and copy.name in keeper.notice
    # Saving carries on in the copy, which the keeper now holds.
    note(keeper, "and more")
    assert keeper.save_now()
    assert context.store.load(copy).questions[0].notes == "and more"
    assert original.read_text() == edited
    assert holder_of(copy) is not None and holder_of(original) is None
    # Review lists both.
    listed = {item.path.name for item in context.store.scan() if isinstance(item, SessionSummary)}
    assert listed == {original.name, copy.name}
    keeper.close()


def test_a_file_a_sync_moved_aside_is_followed_not_copied_again(make_context) -> None:  # type: ignore[no-untyped-def]
    # `tpm-tui sync` moves a live session's file to NAME-conflict.toml when the team's
    # file of that name comes down: the keeper carries on in the moved file, rather
    # than leaving it stale and saving to a third file.
    context: AppContext = make_context()
    keeper = begin(context)
    original = keeper.path
    note(keeper, "first")
    assert keeper.save_now()
    moved = original.with_name(original.stem + CONFLICT_MARK + ".toml")
    original.rename(moved)
    teams = original.read_text() if original.exists() else moved.read_text()
    teams = teams.replace('name = "Jane Doe"', 'name = "Jane Roe"')
    original.write_text(teams)  # the team's file, come down from the remote
    note(keeper, "typed after the sync")
    assert keeper.save_now()
    assert keeper.path == moved
    assert original.read_text() == teams  # the team's file untouched
    assert context.store.load(moved).questions[0].notes == "typed after the sync"
    assert sorted(p.name for p in original.parent.glob("*.toml")) == sorted(
        [original.name, moved.name]
    )
    assert keeper.notice is not None and moved.name in keeper.notice
    assert holder_of(moved) is not None and holder_of(original) is None
    keeper.close()


def test_a_moved_file_changed_again_before_the_save_gets_a_copy_of_its_own(
    make_context, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    # The moved file found, then changed once more before the keeper's write reached
    # it: the save goes to a conflict copy; it raised ChangedOnDisk out of the save.
    from tpm_tui.storage.store import ChangedOnDisk, SessionStore

    context: AppContext = make_context()
    keeper = begin(context)
    original = keeper.path
    note(keeper, "first")
    assert keeper.save_now()
    moved = original.with_name(original.stem + "-2.toml")
    original.rename(moved)
    original.write_text(moved.read_text().replace('name = "Jane Doe"', 'name = "Jane Roe"'))
    write = SessionStore.write

    def changed_again(self, path, text, expected=None):  # type: ignore[no-untyped-def]
        if path == moved:
            raise ChangedOnDisk(path)
        return write(self, path, text, expected)

    monkeypatch.setattr(SessionStore, "write", changed_again)
    note(keeper, "typed after the sync")
    assert keeper.save_now() and keeper.error is None
    assert keeper.path not in (original, moved) and CONFLICT_MARK in keeper.path.name
    assert context.store.load(keeper.path).questions[0].notes == "typed after the sync"
    keeper.close()


def test_the_same_content_rewritten_is_no_conflict(make_context) -> None:  # type: ignore[no-untyped-def]
    context: AppContext = make_context()
    keeper = begin(context)
    data = keeper.path.read_bytes()
    keeper.path.unlink()
    keeper.path.write_bytes(data)  # a new file (inode, times), the same content
    note(keeper, "still here")
    assert keeper.save_now()
    assert keeper.notice is None
    assert [p.name for p in keeper.path.parent.glob("*.toml")] == [keeper.path.name]


def test_a_deleted_folder_is_made_again(make_context) -> None:  # type: ignore[no-untyped-def]
    context: AppContext = make_context()
    keeper = begin(context)
    folder = keeper.path.parent
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    note(keeper, "typed after rm -r")
    assert keeper.save_now(), keeper.error
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert context.store.load(keeper.path).questions[0].notes == "typed after rm -r"
    assert keeper.notice is None


def test_complete_stays_unfinished_when_the_save_fails(make_context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    context: AppContext = make_context()
    keeper = begin(context)

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tpm_tui.storage.atomic.write_bytes", full_disk)
    assert not keeper.complete(Outcome("yes"))
    assert keeper.session.status == "in_progress" and keeper.session.outcome is None
    assert keeper.error is not None and "No space left" in keeper.error
    monkeypatch.undo()
    assert keeper.complete(Outcome("yes"))
    assert context.store.load(keeper.path).status == "completed"


def test_resume_of_a_completed_session_lets_go_of_it(make_context) -> None:  # type: ignore[no-untyped-def]
    context: AppContext = make_context()
    keeper = begin(context)
    assert keeper.complete(Outcome("no"))
    keeper.close()
    with pytest.raises(NothingToResume, match="already completed"):
        resume_keeper(context, keeper.path)
    assert holder_of(keeper.path) is None
