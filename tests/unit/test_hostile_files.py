"""One bad file never blocks the others (issue 14.3).

Every hostile file is built (in tests/hostile.py) next to good sessions: nesting
past tomli's 400 levels, a 5,000-digit integer, dates Python cannot hold, a forged
summary line, FIFOs, devices, folders and links named `*.toml`. Each reader (scan,
summaries, unfinished, load, the practice history, resume; the review screen in
tests/ui/test_hostile_review.py) must list the good sessions and each hostile file
as unreadable with its reason, at once: a guard turns a hang into a failure.
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hostile import HOSTILE, QID, forged_line, make_session, sealed_row, write_hostile

from tpm_tui.context import AppContext
from tpm_tui.domain.listing import SessionSummary, Unreadable, summarize
from tpm_tui.domain.models import Outcome, Session
from tpm_tui.keeper import NothingToResume, resume_keeper
from tpm_tui.storage.history import history
from tpm_tui.storage.sessionfile import SessionFileError
from tpm_tui.storage.store import SessionStore
from tpm_tui.storage.summaries import MARK, cache_file

GUARD_SECONDS = 30  # far more than any of these needs; a hang fails instead of blocking CI


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Fail, rather than hang, when a reader blocks (a FIFO opened for reading waits
    for a writer for ever; SIGALRM interrupts the blocking call in the main thread)."""

    def timeout(*_: object) -> None:
        raise TimeoutError(f"a reader hung for {GUARD_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "sessions", cache_dir=tmp_path / "cache")


@pytest.fixture
def folder(store: SessionStore) -> tuple[list[Session], list[Path], dict[str, Path]]:
    """Three good sessions (one completed) and every hostile file."""
    sessions = [make_session(f"Candidate {n}", minutes_later=n) for n in range(3)]
    sessions[0].complete(Outcome("yes"))
    paths = [store.create(session) for session in sessions]
    return sessions, paths, write_hostile(store.folder)


def check_listing(listed: list[object], sessions: list[Session], paths: list[Path]) -> None:
    good = [item for item in listed if isinstance(item, SessionSummary)]
    bad = {item.path.name: item.reason for item in listed if isinstance(item, Unreadable)}
    assert good == [summarize(s, p) for s, p in zip(sessions, paths, strict=True)][::-1]
    assert set(bad) == set(HOSTILE)
    for name, reason in bad.items():
        assert re.search(HOSTILE[name], reason), f"{name}: {reason}"


def test_scan_lists_the_good_sessions_and_every_hostile_file_with_its_reason(
    store: SessionStore, folder: tuple[list[Session], list[Path], dict[str, Path]]
) -> None:
    sessions, paths, _ = folder
    check_listing(store.scan(), sessions, paths)
    check_listing(store.scan(), sessions, paths)  # the same from the cache


def test_unfinished_lists_the_good_unfinished_ones(
    store: SessionStore, folder: tuple[list[Session], list[Path], dict[str, Path]]
) -> None:
    _, paths, _ = folder
    assert [item.path for item in store.unfinished()] == [paths[2], paths[1]]


def test_summaries_of_named_hostile_files(
    store: SessionStore, folder: tuple[list[Session], list[Path], dict[str, Path]]
) -> None:
    sessions, paths, hostile = folder
    check_listing(store.summaries([*paths, *hostile.values()]), sessions, paths)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_load_says_why_and_raises_nothing_else(
    store: SessionStore, folder: tuple[list[Session], list[Path], dict[str, Path]], name: str
) -> None:
    with pytest.raises(SessionFileError) as raised:
        store.load(folder[2][name])
    assert re.search(HOSTILE[name], str(raised.value)), str(raised.value)


def test_a_forged_summary_line_never_lists_what_the_file_does_not_hold(
    store: SessionStore,
) -> None:
    """The row says completed, by another name, with a rating of 4: the body says not."""
    path = store.create(make_session("Jane Doe"))
    body = path.read_bytes().rsplit(MARK, 1)[0] + b"\n"
    row = sealed_row(make_session("Jane Doe"))
    row[3], row[6], row[13], row[14] = "completed", "Someone Else", 4.0, "strong_yes"
    path.write_bytes(forged_line(body, row))
    for listed in (store.scan(), store.summaries([path])):
        [item] = listed
        assert isinstance(item, SessionSummary)
        assert (item.status, item.candidate, item.average_rating, item.recommendation) == (
            "in_progress",
            "Jane Doe",
            3.0,
            None,
        )


def test_a_summary_line_sealed_by_another_user_is_parsed_in_full(
    store: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.create(make_session("Jane Doe"))
    assert store.scan()[0].candidate == "Jane Doe"
    # Another user: another data folder, so another secret (and another cache).
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other-user"))
    from tpm_tui.storage import summaries as cache

    monkeypatch.setattr(cache, "_keys", {})
    other = SessionStore(store.folder, cache_dir=tmp_path / "other-cache")
    parsed: list[Path] = []
    from tpm_tui.storage import store as store_module

    real_parse = store_module._parse
    monkeypatch.setattr(
        store_module, "_parse", lambda data: parsed.append(path) or real_parse(data)
    )
    assert [item.candidate for item in other.scan()] == ["Jane Doe"]  # type: ignore[union-attr]
    assert parsed == [path]


def test_the_summary_key_is_private_and_made_once(store: SessionStore) -> None:
    store.create(make_session("Jane Doe"))
    key = Path(os.environ["XDG_DATA_HOME"]) / "tpm-tui" / "summary.key"
    assert key.stat().st_mode & 0o777 == 0o600
    assert key.parent.stat().st_mode & 0o777 == 0o700
    first = key.read_bytes()
    store.create(make_session("Jane Doe"))
    assert key.read_bytes() == first and len(first) == 64


def test_a_corrupt_or_hostile_cache_never_blocks_the_scan(
    store: SessionStore, folder: tuple[list[Session], list[Path], dict[str, Path]]
) -> None:
    sessions, paths, _ = folder
    cache = cache_file(store.cache_dir, store.folder)  # type: ignore[arg-type]
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(b"[" * 200_000)  # json.loads: RecursionError
    check_listing(store.scan(), sessions, paths)
    cache.unlink()
    os.mkfifo(cache)  # opening it for reading would wait for ever
    check_listing(store.scan(), sessions, paths)


def test_practice_history_loads_among_hostile_files(
    store: SessionStore, folder: tuple[list[Session], list[Path], dict[str, Path]]
) -> None:
    earlier = make_session("alex", minutes_later=-60, kind="practice")
    store.create(earlier)
    current = make_session("alex", minutes_later=60, kind="practice")
    current.id = "current"
    found = history(store, current)
    assert [(a.created_at, a.current) for a in found[QID]] == [
        (earlier.created_at, False),
        (current.created_at, True),
    ]


def test_resume_picks_a_good_session_and_names_the_hostile_one(
    make_context: Callable[..., AppContext],
    folder: tuple[list[Session], list[Path], dict[str, Path]],
) -> None:
    """`resume`: the newest good unfinished session; a hostile FILE says what it is."""
    _, paths, hostile = folder
    context = make_context()  # on the same folder (conftest's sessions_dir)
    assert context.store.folder == paths[0].parent
    assert resume_keeper(context, None).path == paths[2]
    for name in ("fifo.toml", "zero.toml", "year-9999.toml", "no-questions.toml"):
        with pytest.raises(NothingToResume) as raised:
            resume_keeper(context, hostile[name])
        assert re.search(HOSTILE[name].lstrip("^"), str(raised.value)), str(raised.value)


def test_a_summary_key_others_could_read_is_replaced(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tpm_tui.storage import summaries as cache

    path = store.create(make_session("Jane Doe"))
    key = Path(os.environ["XDG_DATA_HOME"]) / "tpm-tui" / "summary.key"
    first = key.read_bytes()
    key.chmod(0o644)  # anyone could have read it, and forged lines with it
    monkeypatch.setattr(cache, "_keys", {})  # a new process
    assert [item.candidate for item in store.summaries([path])] == ["Jane Doe"]  # parsed
    assert key.read_bytes() != first
    assert key.stat().st_mode & 0o777 == 0o600
