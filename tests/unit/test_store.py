"""The sessions folder: private modes, safe names, atomic saves, readable errors, fast listing."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tpm_tui.domain.listing import SessionSummary, Unreadable, summarize
from tpm_tui.domain.models import (
    AreaTick,
    Candidate,
    FollowUpRecord,
    Outcome,
    QuestionRecord,
    Session,
    utc_now,
)
from tpm_tui.storage import atomic
from tpm_tui.storage import store as store_module
from tpm_tui.storage.exports import export_stem
from tpm_tui.storage.names import session_stem, slugify
from tpm_tui.storage.sessionfile import SessionFileError, to_toml
from tpm_tui.storage.store import SessionStore, default_sessions_dir
from tpm_tui.storage.summaries import CACHE_VERSION, cache_file

CREATED = datetime(2026, 11, 28, 10, 2, 11, tzinfo=UTC)
STEM_RE = re.compile(r"2026-11-28-1002-[^-]+(-[^-]+)*")


def is_plain_stem(stem: str) -> bool:
    """The date, then lowercase letters and digits of any script (and their marks) joined by
    single dashes: no `/`, NUL, dot, control, format or bidi character; never hidden."""
    return (
        bool(STEM_RE.fullmatch(stem))
        and all(
            char == "-" or char.isdigit() or unicodedata.category(char)[0] in "LMN" for char in stem
        )
        and stem == stem.lower()
        and len(stem) <= 16 + 40
        and len(stem.encode()) <= 16 + 120
    )


def make_session(
    name: str = "Jane Doe", *, minutes_later: int = 0, rating: int | None = 3
) -> Session:
    created = CREATED + timedelta(minutes=minutes_later)
    question = QuestionRecord(
        id="technical-trade-off",
        text="Tell me about a time when you made a technical trade-off. " * 3,
        competencies=["technical-acumen"],
        budget_seconds=540,
        elapsed_seconds=300,
        rating=rating,
        notes="Went deep on the migration.",
        areas=[AreaTick(f"Area {n} " + "of a strong answer " * 4) for n in range(4)],
        follow_ups=[FollowUpRecord("What would you do differently? " * 3)],
    )
    question.toggle_area(0, 40)
    question.toggle_area(1, 40)
    return Session(
        kind="interview",
        id="",
        created_at=created,
        updated_at=created,
        minutes=45,
        bank_title="Bank",
        candidate=Candidate(name, "TPM", "senior"),
        questions=[question],
    )


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "data" / "sessions", cache_dir=tmp_path / "cache")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def files_in(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


# --- create -----------------------------------------------------------------------


def test_create_makes_a_private_folder_and_file(store: SessionStore) -> None:
    session = make_session()
    path = store.create(session)
    assert mode(store.folder) == 0o700
    assert mode(path) == 0o600
    assert path == store.folder / "2026-11-28-1002-jane-doe.toml"
    assert session.id == "2026-11-28-1002-jane-doe"
    assert store.load(path) == session


def test_create_tightens_an_existing_open_folder(store: SessionStore) -> None:
    store.folder.mkdir(parents=True)
    store.folder.chmod(0o755)
    store.create(make_session())
    assert mode(store.folder) == 0o700


def test_a_clash_gets_a_suffix_and_never_overwrites(store: SessionStore) -> None:
    first, second, third = make_session(rating=1), make_session(rating=2), make_session(rating=4)
    paths = [store.create(s) for s in (first, second, third)]
    assert [p.name for p in paths] == [
        "2026-11-28-1002-jane-doe.toml",
        "2026-11-28-1002-jane-doe-2.toml",
        "2026-11-28-1002-jane-doe-3.toml",
    ]
    assert [store.load(p) for p in paths] == [first, second, third]
    assert second.id == "2026-11-28-1002-jane-doe-2"


def test_create_never_follows_a_planted_symlink(store: SessionStore, tmp_path: Path) -> None:
    target = tmp_path / "victim.txt"
    target.write_text("keep me")
    store.folder.mkdir(parents=True)
    (store.folder / "2026-11-28-1002-jane-doe.toml").symlink_to(target)
    path = store.create(make_session())
    assert path.name == "2026-11-28-1002-jane-doe-2.toml"
    assert target.read_text() == "keep me"


HOSTILE_NAMES = [
    "../../etc/passwd",
    "a/b",
    ".hidden",
    "",
    "日本語",
    "[bold]x[/",
    "nul\x00name",
    "esc\x1b[31mred\x1b[0m",
    "..",
    "/",
    "-",
    "   ",
    "\\..\\..\\windows",
    "a" * 500,
    "name\nwith\nnewlines",
    "😀",
    "CON",
    "x.toml",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_stay_in_the_folder(store: SessionStore, name: str) -> None:
    session = make_session(name)
    path = store.create(session)
    assert path.parent == store.folder
    assert path.name.endswith(".toml") and is_plain_stem(path.name[:-5]), path.name
    assert files_in(store.folder) == [path.name]
    assert store.load(path).candidate.name == name  # the file keeps the name as typed


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Jane Doe", "jane-doe"),
        ("Zoë Ångström", "zoe-angstrom"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("Søren Straße", "soren-strasse"),
        ("O'Brien, Pat", "o-brien-pat"),
        ("日本語", "日本語"),
        ("李文", "李文"),
        ("Иван Петров", "иван-петров"),
        ("Ελένη Παπαδοπούλου", "ελένη-παπαδοπούλου"),
        ("हिन्दी नाम", "हिन्दी-नाम"),  # the vowel signs and virama stay with their letters
        ("محمد‮علي", "محمد-علي"),  # a right-to-left override is no letter
        ("Ｊａｎｅ　Ｄｏｅ", "jane-doe"),  # full-width forms, NFKC
        ("😀", "session"),
        ("../../etc/passwd", "etc-passwd"),
        ("", "session"),
    ],
)
def test_slugs(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_long_names_are_cut_at_a_word() -> None:
    slug = slugify("Maximilian Alexander Konstantin von Hohenzollern-Sigmaringen")
    assert slug == "maximilian-alexander-konstantin-von"
    assert len(slugify("x" * 100)) == 40


def test_long_names_in_any_script_are_cut_in_bytes_too() -> None:
    assert slugify("李" * 60) == "李" * 40  # 120 bytes
    assert slugify("𠀀" * 60) == "𠀀" * 30  # 4 bytes each: 120 bytes, not 40 characters


@given(st.text())
def test_any_name_makes_a_plain_stem(name: str) -> None:
    stem = session_stem(CREATED, name)
    assert is_plain_stem(stem), stem


# --- save -------------------------------------------------------------------------


def test_save_replaces_the_file_and_bumps_updated_at(store: SessionStore) -> None:
    session = make_session()
    path = store.create(session)
    session.questions[0].notes = "changed"
    store.save(session, path)
    loaded = store.load(path)
    assert loaded.questions[0].notes == "changed"
    assert loaded.updated_at != CREATED
    assert abs(loaded.updated_at - utc_now()) < timedelta(minutes=1)
    assert mode(path) == 0o600
    assert files_in(store.folder) == [path.name]


def test_a_failed_rename_leaves_the_old_file_and_no_temp(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session()
    path = store.create(session)
    before = path.read_bytes()

    def fail(*_: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", fail)
    session.questions[0].notes = "never written"
    with pytest.raises(OSError):
        store.save(session, path)
    assert path.read_bytes() == before
    assert files_in(store.folder) == [path.name]


def test_a_full_disk_leaves_the_old_file_and_no_temp(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session()
    path = store.create(session)
    before = path.read_bytes()

    def disk_full(_: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError) as raised:
        store.save(session, path)
    assert raised.value.errno == errno.ENOSPC
    assert path.read_bytes() == before
    assert files_in(store.folder) == [path.name]
    monkeypatch.undo()
    store.save(session, path)  # the retry works once the disk has room
    assert store.load(path) == session


def test_a_failed_create_leaves_no_half_file(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(_: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        store.create(make_session())
    assert files_in(store.folder) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_fails_the_save_and_keeps_the_file(store: SessionStore) -> None:
    session = make_session()
    path = store.create(session)
    before = path.read_bytes()
    store.folder.chmod(0o500)
    try:
        with pytest.raises(OSError):
            store.save(session, path)
    finally:
        store.folder.chmod(0o700)
    assert path.read_bytes() == before


def test_save_makes_the_folder_again_if_it_was_deleted(store: SessionStore) -> None:
    session = make_session()
    path = store.create(session)
    path.unlink()
    store.folder.rmdir()
    store.save(session, path)
    assert store.load(path) == session
    assert mode(store.folder) == 0o700


# --- load errors ------------------------------------------------------------------


def broken_files(folder: Path) -> dict[str, bytes]:
    good = to_toml(make_session()).encode()
    return {
        "torn.toml": good[: len(good) // 2],
        "empty.toml": b"",
        "blank.toml": b"\n  \n",
        "junk.toml": bytes(range(256)) * 4,
        "newer.toml": good.replace(b"tpm-tui.session/1", b"tpm-tui.session/2"),
        "foreign.toml": b"[tool.ruff]\nline-length = 100\n",
        "wrong-type.toml": good.replace(b"minutes = 45\n", b'minutes = "forty-five"\n'),
        "missing-field.toml": good.replace(b'bank_title = "Bank"\n', b""),
        "not-toml.toml": b"format = tpm-tui.session/1\n",
    }


EXPECTED_REASONS = {
    "torn.toml": r"TOML|missing|expected",
    "empty.toml": r"empty",
    "blank.toml": r"empty",
    "junk.toml": r"UTF-8",
    "newer.toml": r"tpm-tui.session/2.*newer",
    "foreign.toml": r"not a tpm-tui session file",
    "wrong-type.toml": r"minutes",
    "missing-field.toml": r"^bank_title: required field missing",
    "not-toml.toml": r"not valid TOML.*line 1",
}


@pytest.mark.parametrize("name", sorted(EXPECTED_REASONS))
def test_load_explains_a_broken_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(broken_files(tmp_path)[name])
    with pytest.raises(SessionFileError) as raised:
        SessionStore(tmp_path).load(path)
    reason = str(raised.value)
    assert re.search(EXPECTED_REASONS[name], reason), reason
    assert "\n" not in reason and "Traceback" not in reason and len(reason) < 400


def test_load_explains_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    with pytest.raises(SessionFileError, match="no such file"):
        store.load(tmp_path / "nope.toml")
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(SessionFileError, match="folder"):
        store.load(tmp_path / "dir.toml")


def test_load_refuses_a_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.toml"
    path.write_text(to_toml(make_session()))
    with pytest.raises(SessionFileError, match="too large"):
        SessionStore(tmp_path).load(path)


def test_load_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + to_toml(make_session()).encode())
    assert SessionStore(tmp_path).load(path) == make_session()


# A wrong type is refused, never coerced: "false" is not false, true is not 1 minute.
@pytest.mark.parametrize(
    ("good", "bad"),
    [
        (b"covered = true", b'covered = "false"'),  # bool("false") is True
        (b"minutes = 45\n", b"minutes = true\n"),  # true became 1 minute
        (b"budget_seconds = 540\n", b"budget_seconds = 540.9\n"),
        (b'competencies = [\n    "technical-acumen",\n]', b'competencies = "abc"'),
    ],
)
def test_load_refuses_wrong_types_instead_of_coercing(
    tmp_path: Path, good: bytes, bad: bytes
) -> None:
    text = to_toml(make_session()).encode()
    assert good in text
    path = tmp_path / "coerced.toml"
    path.write_bytes(text.replace(good, bad, 1))
    with pytest.raises(SessionFileError):
        SessionStore(tmp_path).load(path)


# --- scan -------------------------------------------------------------------------


def test_scan_lists_good_files_newest_first_and_broken_ones_with_reasons(
    store: SessionStore, tmp_path: Path
) -> None:
    sessions = [make_session(f"Candidate {n}", minutes_later=n * 10) for n in range(3)]
    paths = [store.create(s) for s in sessions]
    for name, data in broken_files(tmp_path).items():
        (store.folder / name).write_bytes(data)
    # Not sessions: temporary, hidden, other files, folders not named *.toml.
    (store.folder / ".2026-11-28-1002-x.toml.k2j3.tmp").write_text("partial")
    (store.folder / ".hidden.toml").write_text("x")
    (store.folder / "notes.txt").write_text("x")
    (store.folder / "folder").mkdir()
    # A folder named like a session is listed, as unreadable (test_hostile_files has more).
    (store.folder / "folder.toml").mkdir()
    expected = {**EXPECTED_REASONS, "folder.toml": r"^is a folder, not a session file$"}

    listed = store.scan()

    good = [item for item in listed if isinstance(item, SessionSummary)]
    bad = [item for item in listed if isinstance(item, Unreadable)]
    assert good == [summarize(s, p) for s, p in zip(sessions, paths, strict=True)][::-1]
    assert listed == good + bad  # unreadable files come last
    assert sorted(item.path.name for item in bad) == sorted(expected)
    for item in bad:
        assert re.search(expected[item.path.name], item.reason), item


def test_a_summary_has_what_a_review_row_needs(store: SessionStore) -> None:
    session = make_session()
    session.complete(Outcome("strong_yes", "hire"))
    path = store.create(session)
    [summary] = store.scan()
    assert summary == SessionSummary(
        path=path,
        id="2026-11-28-1002-jane-doe",
        kind="interview",
        status="completed",
        created_at=CREATED,
        updated_at=CREATED,
        candidate="Jane Doe",
        role="TPM",
        seniority="senior",
        interviewer=None,
        questions=1,
        areas_covered=2,
        areas_total=4,
        average_rating=3.0,
        recommendation="strong_yes",
        minutes=45,
        elapsed_seconds=0,
        question_ids=("technical-trade-off",),
    )


def test_scan_of_a_missing_folder_is_empty(store: SessionStore) -> None:
    assert store.scan() == []
    assert store.unfinished() == []


def test_unfinished_lists_in_progress_sessions_most_recently_updated_first(
    store: SessionStore,
) -> None:
    older, newer, done = (make_session(f"c{n}", minutes_later=n) for n in range(3))
    paths = {id(s): store.create(s) for s in (older, newer, done)}
    done.complete(None)
    store.save(done, paths[id(done)])
    older.updated_at = CREATED + timedelta(hours=5)
    (paths[id(older)]).write_text(to_toml(older))  # another writer, no summary line
    assert [s.path for s in store.unfinished()] == [paths[id(older)], paths[id(newer)]]


def test_summaries_of_named_files(store: SessionStore, tmp_path: Path) -> None:
    elsewhere = SessionStore(tmp_path / "elsewhere", cache_dir=tmp_path / "cache")
    first = elsewhere.create(make_session("A"))
    second = store.create(make_session("B", minutes_later=5))
    missing = tmp_path / "missing.toml"
    listed = store.summaries([first, second, missing, first])
    assert [item.path for item in listed] == [second, first, missing]
    assert listed[2] == Unreadable(missing, "no such file")


# --- the cache and the summary line --------------------------------------------------


def test_a_second_scan_reads_no_file(store: SessionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(5):
        store.create(make_session(f"c{n}", minutes_later=n))
    first = store.scan()
    assert cache_file(store.cache_dir, store.folder).exists()  # type: ignore[arg-type]
    assert mode(cache_file(store.cache_dir, store.folder)) == 0o600  # type: ignore[arg-type]

    def no_reading(path: Path) -> None:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(store_module, "_examine", no_reading)
    assert store.scan() == first


def test_a_file_changed_in_place_is_read_again(store: SessionStore) -> None:
    path = store.create(make_session(rating=3))
    assert store.scan()[0].average_rating == 3.0
    before = path.stat()
    # Same size, same inode, and the mtime put back: only the ctime tells.
    data = path.read_bytes().replace(b"rating = 3", b"rating = 4")
    with open(path, "r+b") as file:
        file.write(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_ino, after.st_mtime_ns) == (
        before.st_size,
        before.st_ino,
        before.st_mtime_ns,
    )
    assert store.scan()[0].average_rating == 4.0


def test_a_file_rewritten_by_hand_shows_the_new_data(store: SessionStore) -> None:
    session = make_session("Jane Doe")
    path = store.create(session)
    assert store.scan()[0].candidate == "Jane Doe"
    # The summary line stays, but no longer matches the file: it must not be believed.
    path.write_bytes(path.read_bytes().replace(b'name = "Jane Doe"', b'name = "Jane Roe"'))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert store.scan()[0].candidate == "Jane Roe"
    assert store.summaries([path])[0].candidate == "Jane Roe"


def test_lines_added_after_the_summary_line_are_not_ignored(store: SessionStore) -> None:
    path = store.create(make_session())
    added = b'\n[[questions]]\nid = "added"\ntext = "x"\ncompetencies = []\nbudget_seconds = 60\n'
    path.write_bytes(path.read_bytes() + added)
    [item] = store.summaries([path])
    assert isinstance(item, SessionSummary)
    assert item.question_ids == ("technical-trade-off", "added")


def test_deleted_files_leave_the_listing_and_the_cache(store: SessionStore) -> None:
    keep = store.create(make_session("keep"))
    gone = store.create(make_session("gone"))
    store.scan()
    gone.unlink()
    assert [s.path for s in store.scan()] == [keep]
    cached = json.loads(cache_file(store.cache_dir, store.folder).read_text())  # type: ignore[arg-type]
    assert list(cached["files"]) == [keep.name]


CORRUPT_CACHES = [
    b"",
    b"{not json",
    f'{{"version": {CACHE_VERSION}}}'.encode(),
    b"[1, 2]",
    f'{{"version": {CACHE_VERSION}, "folder": "/elsewhere", "files": {{}}}}'.encode(),
]


@pytest.mark.parametrize("junk", CORRUPT_CACHES)
def test_a_corrupt_cache_is_ignored_and_rewritten(store: SessionStore, junk: bytes) -> None:
    path = store.create(make_session())
    cache = cache_file(store.cache_dir, store.folder)  # type: ignore[arg-type]
    cache.parent.mkdir(parents=True)
    cache.write_bytes(junk)
    assert [s.path for s in store.scan()] == [path]
    assert json.loads(cache.read_bytes())["version"] == CACHE_VERSION


def test_cache_entries_that_make_no_sense_are_ignored(store: SessionStore) -> None:
    path = store.create(make_session())
    store.scan()
    cache = cache_file(store.cache_dir, store.folder)  # type: ignore[arg-type]
    raw = json.loads(cache.read_text())
    stamp = raw["files"][path.name][:4]
    for row in (["ok", "too", "short"], ["ok", *range(18)], "junk", None):
        raw["files"][path.name] = [*stamp, row]
        cache.write_text(json.dumps(raw))
        assert store.scan() == [summarize(store.load(path), path)]


def test_a_cache_that_cannot_be_written_does_not_fail_the_scan(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    store = SessionStore(tmp_path / "sessions", cache_dir=blocker / "cache")
    path = store.create(make_session())
    assert [s.path for s in store.scan()] == [path]
    assert [s.path for s in store.scan()] == [path]


def test_broken_files_are_cached_too_and_read_again_when_fixed(store: SessionStore) -> None:
    store.folder.mkdir(parents=True)
    path = store.folder / "broken.toml"
    path.write_text("junk = ")
    assert isinstance(store.scan()[0], Unreadable)
    assert isinstance(store.scan()[0], Unreadable)
    session = make_session()
    path.write_text(to_toml(session))
    assert store.scan() == [summarize(session, path)]


# --- default folder ---------------------------------------------------------------


def test_default_sessions_dir(tmp_path: Path) -> None:
    assert default_sessions_dir({"TPM_TUI_SESSIONS": "/srv/s"}, tmp_path) == Path("/srv/s")
    assert default_sessions_dir({"TPM_TUI_SESSIONS": "mine"}, tmp_path) == tmp_path / "mine"
    user = default_sessions_dir({}, tmp_path)
    assert user.parts[-2:] == ("tpm-tui", "sessions")
    assert str(user).startswith(os.environ["XDG_DATA_HOME"])  # conftest's, not the real home
    (tmp_path / "sessions").mkdir()
    assert default_sessions_dir({}, tmp_path) == tmp_path / "sessions"
    assert default_sessions_dir({"TPM_TUI_SESSIONS": ""}, tmp_path) == tmp_path / "sessions"


# --- privacy (issue 14.7) -------------------------------------------------------------


def test_a_folder_found_open_is_made_private_and_said_once(store: SessionStore) -> None:
    paths = [store.create(make_session(f"c{n}", minutes_later=n)) for n in range(3)]
    store.folder.chmod(0o777)
    for path in paths:
        path.chmod(0o644)
    assert store.privacy_notice() is None  # creating found nothing open
    listed = store.scan()
    assert [item.path for item in listed] == paths[::-1]
    assert mode(store.folder) == 0o700
    assert [mode(path) for path in paths] == [0o600] * 3
    notice = store.privacy_notice()
    assert notice == f"Made private (0700/0600): the sessions folder {store.folder} and 3 files"
    assert store.privacy_notice() is None
    assert store.scan() == listed  # the change of mode is no change of content


def test_loading_a_file_of_the_folder_makes_it_private(store: SessionStore, tmp_path: Path) -> None:
    path = store.create(make_session())
    path.chmod(0o640)
    store.load(path)
    assert mode(path) == 0o600
    assert store.privacy_notice() == "Made private (0700/0600): 1 file"
    # A file named from elsewhere is the user's business: read, never changed.
    elsewhere = tmp_path / "shared.toml"
    elsewhere.write_bytes(path.read_bytes())
    elsewhere.chmod(0o644)
    store.load(elsewhere)
    store.summaries([elsewhere])
    assert mode(elsewhere) == 0o644
    assert store.privacy_notice() is None


def test_a_link_in_the_folder_is_never_followed_to_change_its_target(
    store: SessionStore, tmp_path: Path
) -> None:
    target = tmp_path / "theirs.toml"
    target.write_bytes(store.create(make_session()).read_bytes())
    target.chmod(0o644)
    (store.folder / "link.toml").symlink_to(target)
    assert {item.path.name for item in store.scan()} == {
        "2026-11-28-1002-jane-doe.toml",
        "link.toml",
    }
    store.load(store.folder / "link.toml")
    assert mode(target) == 0o644
    assert store.privacy_notice() is None  # the link's target is not the folder's


def test_what_cannot_be_made_private_is_warned_about(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.create(make_session())
    path.chmod(0o644)
    store.folder.chmod(0o755)

    def not_ours(_path: Path, _keep: int) -> int:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(store_module, "tighten", not_ours)
    assert [item.path for item in store.scan()] == [path]  # still listed
    assert store.privacy_notice() == (
        f"Warning: the sessions folder {store.folder} and 1 file open to others, not yours"
    )


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o277])
def test_every_folder_made_on_the_way_is_private_whatever_the_umask(
    tmp_path: Path, umask: int
) -> None:
    root = tmp_path / "home"
    root.mkdir()
    root.chmod(0o751)
    store = SessionStore(root / "share" / "tpm-tui" / "sessions", cache_dir=root / "c1" / "c2")
    old = os.umask(umask)
    try:
        store.create(make_session())
        store.scan()
    finally:
        os.umask(old)
    for folder in (root / "share", root / "share" / "tpm-tui", store.folder):
        assert mode(folder) == 0o700, folder
    for folder in (root / "c1", root / "c1" / "c2"):
        assert mode(folder) == 0o700, folder
    assert mode(root) == 0o751  # what existed before is left alone


# --- names in any script, and never too long (issues 8.8, 14.7) -------------------


def test_a_name_in_another_script_keeps_its_letters(store: SessionStore) -> None:
    session = make_session("李文")
    path = store.create(session)
    assert path.name == "2026-11-28-1002-李文.toml"
    assert session.id == "2026-11-28-1002-李文"
    store.save(session, path)
    assert store.load(path).candidate.name == "李文"


def test_an_export_of_a_name_in_another_script_keeps_its_letters() -> None:
    assert export_stem([make_session("李文")], date(2026, 12, 1)) == "export-2026-12-01-李文"
    assert export_stem([make_session("Zoë Ångström")], date(2026, 12, 1)) == (
        "export-2026-12-01-zoe-angstrom"
    )


def test_a_long_stem_is_cut_so_that_every_save_still_fits(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    stem = "2026-11-28-1002-" + "𠀀" * 100  # 416 bytes: the file system takes 255
    paths = [atomic.create_new(folder, stem, ".toml", lambda name: name.encode()) for _ in "ab"]
    assert paths[1].name == paths[0].name[: -len(".toml")] + "-2.toml"
    for path in paths:
        assert len(os.fsencode(path.name)) <= 255 - 40
        assert path.read_text() == path.name[: -len(".toml")]  # the content saw the cut name
        atomic.write_bytes(path, b"saved")  # its temporary file's name fits too
        assert path.read_text() == "saved"
