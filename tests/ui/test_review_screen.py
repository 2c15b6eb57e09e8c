"""The review list, driven by keys at 80x24: loading, sorting, filtering, kinds,
marks, export, refresh, broken files, and the list logic without a UI."""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from live_session_helpers import handled, screen_text
from review_helpers import (
    notices,
    panel_of_three,
    row_texts,
    save_session,
    texts_of,
    widget_text,
    write_broken,
)
from textual.widgets import Input, Static

from tpm_tui.app import TpmApp, make_app
from tpm_tui.context import AppContext, ReviewRequest
from tpm_tui.domain.listing import SessionSummary, Unreadable
from tpm_tui.domain.models import Bank
from tpm_tui.domain.report import markdown, markdown_many
from tpm_tui.domain.reviewing import COLUMNS, Catalog, View
from tpm_tui.screens.compare import CompareScreen
from tpm_tui.screens.detail import DetailScreen
from tpm_tui.screens.home import HomeScreen
from tpm_tui.screens.review import ReviewScreen
from tpm_tui.storage.exports import export_stem, write_export
from tpm_tui.storage.store import SessionStore
from tpm_tui.widgets.review_table import FIRST_ROWS, ReviewTable

MakeContext = Callable[..., AppContext]


@pytest.fixture
def store(make_context: MakeContext) -> SessionStore:
    return make_context().store


async def loaded(app: TpmApp, pilot: object) -> ReviewTable:
    """Wait for the scan worker and the table it fills."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReviewScreen)
    return app.screen.query_one(ReviewTable)


def status(app: TpmApp) -> str:
    return str(app.screen.query_one("#review-status", Static).render())


def candidates(table: ReviewTable) -> list[str]:
    return [row.split(" | ")[2] for row in row_texts(table)]


async def test_lists_sessions_newest_first_and_broken_files_last(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    paths = panel_of_three(store, shipped_bank)
    broken = write_broken(store.folder, paths[0])
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        assert table.cursor_type == "row"
        rows = row_texts(table)
        assert [r.split(" | ")[3] for r in rows[:3]] == ["kim", "ali", "sam"]
        # Who, by whom, the outcome and the average rating first: all on an 80-column screen.
        assert rows[0].startswith(" | 2026-11-28 12:00 | Jane Doe | kim | Yes | 3.0 | completed")
        assert rows[0].endswith("interview | 8/21 | Technical Product Manager | senior")
        assert "Jane Doe                kim          Yes      3.0" in screen_text(app)
        # Broken files never stop the others: listed last, by name, with the reason.
        assert [r.split(" | ")[2].split(":")[0] for r in rows[3:]] == [
            "future.toml", "garbage.toml", "pyproject.toml", "torn.toml",
        ]  # fmt: skip
        assert all("unreadable" in row for row in rows[3:])
        assert status(app) == "3 sessions · 4 unreadable · sorted by date ↓"
        assert "2026-11-28-1200-jane-doe.toml" in widget_text(app.screen.query_one("#review-note"))
        await pilot.press("end")  # the last row (DataTable's own end scrolls sideways)
        note = widget_text(app.screen.query_one("#review-note"))
        assert "torn.toml: not valid TOML" in note
        await pilot.press(*["right"] * 30, "home")
        assert table.cursor_row == 0 and table.scroll_x == 0
        # j and k move, as in every list of the app (k changed the kind: a tester's
        # `k k` emptied the list).
        before = status(app)
        await pilot.press("j", "j", "k")
        assert table.cursor_row == 1 and status(app) == before
        await pilot.press("ctrl+end")
        assert table.cursor_row == len(rows) - 1
    assert broken["torn"].exists()  # review never changes a file


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("garbage", "not UTF-8"),
        ("torn", "not valid TOML"),
        ("future", "a newer tpm-tui wrote it"),
        ("foreign", "not a tpm-tui session file"),
    ],
)
async def test_an_unreadable_file_opens_to_show_why(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank, name: str, reason: str
) -> None:
    good = save_session(store, shipped_bank, candidate="Jane Doe")
    broken = write_broken(store.folder, good)[name]
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        row = next(i for i, r in enumerate(row_texts(table)) if broken.name in r)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await app.workers.wait_for_complete()  # the file is read in a worker
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        text = texts_of(app.screen.query_one("#detail-body"))
        assert f"Cannot read {broken.name}" in text
        assert reason in text
        await pilot.press("x")  # nothing to export: said, not crashed
        assert any("nothing to export" in n for n in notices(app))
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_sort_keys_cycle_columns_and_reverse(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    save_session(
        store, shipped_bank, candidate="Bob", ratings={"technical-trade-off": 2}, minutes_after=0
    )
    save_session(
        store, shipped_bank, candidate="alice", ratings={"technical-trade-off": 4}, minutes_after=10
    )
    save_session(store, shipped_bank, candidate="Carol", minutes_after=20)  # unrated
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        assert candidates(table) == ["Carol", "alice", "Bob"]
        await pilot.press("s")  # candidate, A to Z, case-insensitive
        assert "sorted by candidate ↑" in status(app)
        assert candidates(table) == ["alice", "Bob", "Carol"]
        await pilot.press("S")
        assert "sorted by candidate ↓" in status(app)
        assert candidates(table) == ["Carol", "Bob", "alice"]
        for _ in range(COLUMNS.index(next(c for c in COLUMNS if c.key == "rating")) - 1):
            await pilot.press("s")
        assert "sorted by avg ↓" in status(app)
        assert candidates(table) == ["alice", "Bob", "Carol"]  # unrated last
        await pilot.press("S")
        assert candidates(table) == ["Bob", "alice", "Carol"]  # unrated last either way
        for _ in range(len(COLUMNS) - COLUMNS.index(next(c for c in COLUMNS
                                                         if c.key == "rating"))):  # fmt: skip
            await pilot.press("s")
        assert "sorted by date ↓" in status(app)  # all the way round


@pytest.mark.parametrize("keys", [("end", "2"), ("pagedown", "s"), ("end", "ctrl+r"),
                                  ("end", "slash", "b")])  # fmt: skip
async def test_sorting_filtering_or_refreshing_a_scrolled_list_keeps_the_app(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank, keys: tuple[str, ...]
) -> None:
    # Found by a tester: rebuilding the table scrolled it back to the top, which
    # added rows to a table whose columns were being rebuilt: a traceback, the app gone.
    for number in range(40):
        save_session(store, shipped_bank, candidate=f"Bob {number:02d}", minutes_after=number)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        await pilot.press(*keys)
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert table.row_count == 40  # every Bob, the filter `b` included


async def test_a_digit_sorts_by_that_column_and_again_reverses(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    save_session(
        store,
        shipped_bank,
        candidate="Bob",
        interviewer="zoe",
        ratings={"technical-trade-off": 2},
        recommendation="yes",
        minutes_after=0,
    )
    save_session(
        store,
        shipped_bank,
        candidate="alice",
        interviewer="ann",
        ratings={"technical-trade-off": 4},
        recommendation="strong_no",
        minutes_after=10,
    )
    save_session(store, shipped_bank, candidate="Carol", interviewer=None, minutes_after=20)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        footer = screen_text(app).splitlines()[-1]  # the whole footer fits 80 columns
        assert "1-0 Sort" in footer and footer.rstrip().endswith("C Calibrate")
        await pilot.press("3")  # interviewer, A to Z, none last
        assert "sorted by interviewer ↑" in status(app)
        assert candidates(table) == ["alice", "Bob", "Carol"]
        await pilot.press("3")  # the same key again: reversed
        assert "sorted by interviewer ↓" in status(app)
        assert candidates(table) == ["Bob", "alice", "Carol"]
        await pilot.press("4")  # the outcome, strongest yes first
        assert "sorted by outcome ↓" in status(app)
        assert candidates(table) == ["Bob", "alice", "Carol"]
        await pilot.press("5")  # the average rating, highest first
        assert candidates(table) == ["alice", "Bob", "Carol"]
        await pilot.press("0")  # the tenth column: the level
        assert "sorted by level ↑" in status(app)
        await pilot.press("1")
        assert "sorted by date ↓" in status(app)
        assert candidates(table) == ["Carol", "alice", "Bob"]


async def test_the_cursor_stays_on_its_session_through_a_sort(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    for n, name in enumerate(("Bob", "Alice", "Carol")):
        save_session(store, shipped_bank, candidate=name, minutes_after=n)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("down")  # Alice
        await pilot.press("s")
        item = table.highlighted
        assert isinstance(item, SessionSummary) and item.candidate == "Alice"
        assert table.cursor_row == 0


async def test_filter_as_you_type_then_escape(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    panel_of_three(store, shipped_bank)
    save_session(store, shipped_bank, candidate="Zoe Park", interviewer="ali", minutes_after=500)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("slash")
        field = app.screen.query_one("#review-filter", Input)
        assert field.display and app.focused is field
        await pilot.press(*"ali")
        assert candidates(table) == ["Zoe Park", "jane doe"]
        assert status(app) == "2 of 4 sessions · sorted by date ↓ · filter: ali"
        await pilot.press("space", *"jane")  # every word must match, in any column
        assert candidates(table) == ["jane doe"]
        await pilot.press("escape")  # leaves and clears the filter
        assert not field.display and app.focused is table
        assert len(candidates(table)) == 4
        assert status(app) == "4 sessions · sorted by date ↓"
        # enter keeps the filter and goes back to the list, whose keys work again.
        await pilot.press("slash", *"zoe", "enter")
        assert app.focused is table and field.display
        assert candidates(table) == ["Zoe Park"]
        # escape on the list with a kept filter clears it first, marks kept (it went
        # home, losing both: found by a tester).
        await pilot.press("space", "escape")
        assert isinstance(app.screen, ReviewScreen) and not field.display
        assert len(candidates(table)) == 4 and "1 marked" in status(app)
        await pilot.press("slash", *"nobody")
        assert table.row_count == 0
        empty = str(app.screen.query_one("#review-empty", Static).render())
        assert "Nothing matches" in empty
        await pilot.press("escape", "escape")  # the filter, then the screen
        assert isinstance(app.screen, HomeScreen)


async def test_kind_toggle_interviews_practice_both(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    save_session(store, shipped_bank, candidate="Iris", minutes_after=0)
    save_session(store, shipped_bank, candidate="Pat", kind="practice", interviewer=None,
                 minutes_after=5)  # fmt: skip
    write_broken(store.folder, store.folder / next(iter(os.listdir(store.folder))))
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        assert candidates(table)[:2] == ["Pat", "Iris"]
        assert [r.split(" | ")[7] for r in row_texts(table)[:2]] == ["practice", "interview"]
        await pilot.press("v")
        assert candidates(table)[0] == "Iris" and "Pat" not in candidates(table)
        assert "1 of 2 sessions · 4 unreadable" in status(app)
        assert "interviews only" in status(app)
        await pilot.press("v")
        assert candidates(table)[0] == "Pat" and "Iris" not in candidates(table)
        assert "practice only" in status(app)
        await pilot.press("v")
        assert candidates(table)[:2] == ["Pat", "Iris"]


async def test_marks_then_compare(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    panel_of_three(store, shipped_bank)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("c")  # nothing marked: said how
        assert isinstance(app.screen, ReviewScreen)
        assert any("Mark two or more" in n for n in notices(app))
        await pilot.press("space")  # marks and moves down
        assert table.cursor_row == 1
        assert [r.split(" | ")[0] for r in row_texts(table)] == ["●", "", ""]
        await pilot.press("up", "space")  # unmarks
        assert [r.split(" | ")[0] for r in row_texts(table)] == ["", "", ""]
        await pilot.press("up", "space", "space", "space")
        assert "3 marked" in status(app)
        await pilot.press("s")  # marks survive a sort
        assert [r.split(" | ")[0] for r in row_texts(table)] == ["●", "●", "●"]
        await pilot.press("c")
        assert isinstance(app.screen, CompareScreen)
        await app.workers.wait_for_complete()  # the files are read in a worker
        await pilot.pause()
        assert app.screen.result is not None
        assert app.screen.result.columns == ("sam", "ali", "kim")  # in interview order
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_an_unreadable_file_cannot_be_marked(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    good = save_session(store, shipped_bank, candidate="Jane Doe")
    write_broken(store.folder, good)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("down", "space")
        assert any("cannot be marked" in n for n in notices(app))
        assert "marked" not in status(app)
        assert table.cursor_row == 1


async def test_export_the_highlighted_then_the_marked(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    paths = panel_of_three(store, shipped_bank)
    other = save_session(store, shipped_bank, candidate="Zoe Park", minutes_after=500)
    today = datetime.now(UTC).date()
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("x")  # nothing marked: the highlighted session
        first = store.folder / f"export-{today:%Y-%m-%d}-zoe-park.md"
        assert first.read_text(encoding="utf-8") == markdown(store.load(other), shipped_bank)
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
        assert any(str(first.name) in n and n.startswith("Exported") for n in notices(app))
        await pilot.press("x")  # never over the first: a numeric suffix
        second = store.folder / f"export-{today:%Y-%m-%d}-zoe-park-2.md"
        assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
        await pilot.press("down", "space", "space", "space", "x")
        many = store.folder / f"export-{today:%Y-%m-%d}-jane-doe.md"
        sessions = [store.load(path) for path in reversed(paths)]  # in the order marked
        assert many.read_text(encoding="utf-8") == markdown_many(sessions, shipped_bank)


async def test_a_failed_export_is_reported(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    save_session(store, shipped_bank, candidate="Jane Doe")

    def refuse(*args: object, **kwargs: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tpm_tui.screens.export.write_export", refuse)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("x")
        assert any(n.startswith("Could not write the export") and "Permission denied" in n
                   for n in notices(app))  # fmt: skip
        assert isinstance(app.screen, ReviewScreen)


async def test_refresh_picks_up_files_saved_meanwhile(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    save_session(store, shipped_bank, candidate="Ann", minutes_after=0)
    save_session(store, shipped_bank, candidate="Bob", minutes_after=10)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("space")  # Bob marked, cursor on Ann
        # Another interviewer saves a session into the same folder.
        save_session(store, shipped_bank, candidate="Cy", minutes_after=20)
        await pilot.press("ctrl+r")
        await loaded(app, pilot)
        assert candidates(table) == ["Cy", "Bob", "Ann"]
        assert table.highlighted is not None and table.highlighted.candidate == "Ann"
        assert [r.split(" | ")[0] for r in row_texts(table)] == ["", "●", ""]
        assert status(app) == "3 sessions · sorted by date ↓ · 1 marked"
        (store.folder / "2026-11-28-1020-cy.toml").unlink()
        await pilot.press("f5")
        await loaded(app, pilot)
        assert candidates(table) == ["Bob", "Ann"]


async def test_named_files_and_a_missing_one(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank, tmp_path: Path
) -> None:
    elsewhere = SessionStore(tmp_path / "elsewhere")
    one = save_session(elsewhere, shipped_bank, candidate="Ann")
    save_session(store, shipped_bank, candidate="Not named")
    app = make_app(make_context(ReviewRequest((one, tmp_path / "gone.toml"))))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        rows = row_texts(table)
        assert candidates(table)[0] == "Ann" and len(rows) == 2
        assert "gone.toml: no such fi…" in rows[1]  # in full under the list
        await pilot.press("x")  # beside the first named file
        assert len(list(one.parent.glob("export-*-ann.md"))) == 1
        assert not list(store.folder.glob("export-*"))


async def test_empty_folder_says_so_and_escape_goes_home(make_context: MakeContext) -> None:
    app = make_app(make_context())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")  # from home
        table = await loaded(app, pilot)
        assert table.row_count == 0
        assert "No sessions in" in str(app.screen.query_one("#review-empty", Static).render())
        await pilot.press("enter", "space", "x", "c", "s", "v")  # nothing to act on: no crash
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_user_text_is_shown_literally(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    save_session(store, shipped_bank, candidate="[@click=app.quit]x[/]", interviewer="[/]",
                 role="[bold]Zed[/", minutes_after=0)  # fmt: skip
    save_session(store, shipped_bank, candidate="\x1b[31mred 🚀", interviewer="[link=https://x]y",
                 minutes_after=5)  # fmt: skip
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(160, 48)) as pilot:
        table = await loaded(app, pilot)
        rows = row_texts(table)
        assert "␛[31mred 🚀" in rows[0] and "[link=https…" in rows[0]  # cut at 12
        assert "[@click=app.quit]x[/]" in rows[1] and "[bold]Zed[/" in rows[1]
        await pilot.click(ReviewTable, offset=(25, 2))  # a click on the name runs nothing
        await pilot.press("slash", *"[/", "enter")
        assert candidates(table) == ["[@click=app.quit]x[/]"]
        assert app.is_running


# --- Many rows: added as they are reached ---------------------------------------------


def many_summary(folder: Path, n: int) -> SessionSummary:
    start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n)
    return SessionSummary(
        path=folder / f"s{n:05}.toml", id=f"s{n:05}", kind="interview", status="completed",
        created_at=start, updated_at=start, candidate=f"Candidate {n}", role="TPM",
        seniority="mid", interviewer="sam", questions=3, areas_covered=n % 21, areas_total=21,
        average_rating=None, recommendation=None, minutes=45, elapsed_seconds=60,
        question_ids=(),
    )  # fmt: skip


class ManyStore:
    """A stand-in store whose scan lists `count` sessions without any files."""

    def __init__(self, folder: Path, count: int) -> None:
        self.folder = folder
        self.items = [many_summary(folder, n) for n in range(count)]

    def scan(self) -> list[SessionSummary]:
        return list(reversed(self.items))

    def unfinished(self) -> list[SessionSummary]:
        return []

    def privacy_notice(self) -> str | None:
        return None


async def test_a_big_folder_adds_rows_as_they_are_reached(
    make_context: MakeContext, sessions_dir: Path
) -> None:
    context = attrs.evolve(make_context(ReviewRequest()), store=ManyStore(sessions_dir, 2000))
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        assert status(app) == "2000 sessions · sorted by date ↓"
        assert table.row_count == FIRST_ROWS
        await pilot.press("down", "down")
        assert table.row_count == FIRST_ROWS  # not near the end yet
        table.move_cursor(row=FIRST_ROWS - 1)
        await pilot.press("down")
        assert table.cursor_row == FIRST_ROWS
        assert FIRST_ROWS < table.row_count < 2000
        await pilot.press("pagedown")
        assert table.highlighted is table.entries[table.cursor_row].item
        await pilot.press("ctrl+end")
        assert table.row_count == 2000 and table.cursor_row == 1999
        assert table.highlighted is not None and table.highlighted.candidate == "Candidate 0"
        await pilot.press("ctrl+home", "slash", *"candidate 1999")
        assert candidates(table) == ["Candidate 1999"]


# --- The list logic, without a UI ------------------------------------------------------


def _summary(name: str, **changes: object) -> SessionSummary:
    return attrs.evolve(
        many_summary(Path("/s"), 0), candidate=name, path=Path(f"/s/{name}.toml"), **changes
    )


def test_view_cycles_and_labels() -> None:
    view = View()
    assert view.sort_label == "sorted by date ↓"
    keys = []
    for _ in COLUMNS:
        view = view.next_sort()
        keys.append(view.sort)
    assert keys[-1] == "date" and len(set(keys)) == len(COLUMNS)
    assert View().next_sort() == View(sort="candidate", descending=False)
    assert View().reversed().sort_label == "sorted by date ↑"
    kinds = [View().next_kind().kind, View().next_kind().next_kind().kind]
    assert kinds == ["interview", "practice"]
    assert View().next_kind().next_kind().next_kind().kind == "both"


def test_catalog_selects_sorts_and_counts() -> None:
    items = [
        _summary("b", average_rating=2.0, recommendation="yes"),
        _summary("A", average_rating=None, kind="practice"),
        _summary("c", average_rating=4.0, recommendation="strong_no"),
        Unreadable(Path("/s/bad.toml"), "not valid TOML"),
    ]
    catalog = Catalog(items)
    names = [getattr(e.item, "candidate", "bad") for e in catalog.select(View(sort="rating"))]
    assert names == ["c", "b", "A", "bad"]
    names = [getattr(e.item, "candidate", "bad")
             for e in catalog.select(View(sort="rating", descending=False))]  # fmt: skip
    assert names == ["b", "c", "A", "bad"]
    names = [getattr(e.item, "candidate", "")
             for e in catalog.select(View(sort="recommendation"))]  # fmt: skip
    assert names == ["b", "c", "A", ""]
    assert [e.item for e in catalog.select(View(query="VALID"))] == [items[3]]
    assert [e.item for e in catalog.select(View(query="  YES  b.toml "))] == [items[0]]
    assert [e.item for e in catalog.select(View(query="yes zzz"))] == []
    practice = catalog.select(View(kind="practice"))
    assert [e.item for e in practice] == [items[1], items[3]]
    assert catalog.status(View(kind="practice"), practice, 2) == (
        "1 of 3 sessions · 1 unreadable · sorted by date ↓ · practice only · 2 marked"
    )


def test_write_export_is_exclusive_private_and_named(
    shipped_bank: Bank, tmp_path: Path, store: SessionStore
) -> None:
    path = save_session(store, shipped_bank, candidate="Jäne ../Doe")
    session = store.load(path)
    day = date(2026, 12, 1)
    assert export_stem([session], day) == "export-2026-12-01-jane-doe"
    other = attrs.evolve(session, candidate=attrs.evolve(session.candidate, name="Bo"))
    assert export_stem([session, other], day) == "export-2026-12-01-2-sessions"
    folder = tmp_path / "out"
    folder.mkdir()
    # A symlink planted where the export would go is never followed.
    (folder / "export-2026-12-01-jane-doe.md").symlink_to(tmp_path / "target")
    written = write_export(folder, [session], day)
    assert written.name == "export-2026-12-01-jane-doe-2.md"
    assert not (tmp_path / "target").exists()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert written.read_text(encoding="utf-8") == markdown(session)
    with pytest.raises(OSError):
        write_export(tmp_path / "missing", [session], day)
    with pytest.raises(ValueError):
        write_export(folder, [], day)


class RefusingStore(ManyStore):
    """A folder that can no longer be read (a permission taken away meanwhile)."""

    refuse = False

    def scan(self) -> list[SessionSummary]:
        if self.refuse:
            raise PermissionError(13, "Permission denied")
        return super().scan()


async def test_a_folder_that_cannot_be_read_is_said_not_crashed(
    make_context: MakeContext, sessions_dir: Path
) -> None:
    store = RefusingStore(sessions_dir, 3)
    store.refuse = True
    app = make_app(attrs.evolve(make_context(ReviewRequest()), store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        empty = str(app.screen.query_one("#review-empty", Static).render())
        assert "Cannot read" in empty and "Permission denied" in empty
        assert any("Permission denied" in n for n in notices(app))
        store.refuse = False
        await pilot.press("ctrl+r")
        await loaded(app, pilot)
        assert table.row_count == 3
        store.refuse = True  # a failed refresh keeps what is shown
        await pilot.press("ctrl+r")
        await loaded(app, pilot)
        assert table.row_count == 3
        assert not app.screen.query_one("#review-empty", Static).display


async def test_review_makes_an_open_folder_private_and_says_so(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    path = save_session(store, shipped_bank, candidate="Jane Doe")
    store.folder.chmod(0o777)  # as a careless copy or unzip leaves it
    path.chmod(0o644)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert any("Made private (0700/0600)" in notice for notice in notices(app))


async def test_help_names_the_column_each_digit_sorts_by(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    # Found by a tester: help said "Sort by column N", and at 80 columns only five
    # columns are on screen to count.
    save_session(store, shipped_bank, candidate="Bob")
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = " ".join(texts_of(app.screen).split())
        assert "1 date, 2 candidate, 3 interviewer, 4 outcome, 5 avg" in shown
        assert "0 level" in shown


def test_the_filter_reads_names_as_people_type_them() -> None:
    # Found by a tester: "Lukasz" missed Łukasz, "jorgensen" Jørgensen, a decomposed
    # "José" (a macOS paste) matched nothing, and the file's `strong_yes` matched nothing.
    items = [_summary(name, recommendation="strong_yes")
             for name in ("Łukasz Żółć", "Søren Jørgensen", "José Álvarez")]  # fmt: skip
    catalog = Catalog(items)

    def found(query: str) -> list[str]:
        return [getattr(e.item, "candidate", "") for e in catalog.select(View(query=query))]

    assert found("lukasz zolc") == ["Łukasz Żółć"]
    assert found("jorgensen") == ["Søren Jørgensen"]
    assert found(unicodedata.normalize("NFD", "José")) == ["José Álvarez"]
    assert found("ÁLVAREZ") == ["José Álvarez"]
    assert len(found("strong_yes")) == 3


async def test_a_filter_typed_in_one_burst_with_its_slash_filters(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    # Found in tmux: `/luk` in one packet lost `l` and `u` to the list and ran `k`
    # (the kind) there; escape then clears the filter, and a late Changed keeps it cleared.
    from test_key_bursts import burst_keys, typed

    for name in ("Łukasz Nowak", "Bob Ray"):
        save_session(store, shipped_bank, candidate=name)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await loaded(app, pilot)
        burst_keys(app, [("slash", "/"), *typed("luk")])
        await handled(pilot, lambda: table.row_count == 1)
        assert "interviews only" not in status(app) and "practice" not in status(app)
        burst_keys(app, [("escape", None), *typed("v")])  # cleared, then the kind
        await handled(pilot, lambda: "interviews only" in status(app))
        assert table.row_count == 2
