"""The detail view of one past session: everything the file holds, the raw TOML, export."""

from __future__ import annotations

import stat
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from live_session_helpers import screen_text
from review_helpers import PICK, notices, save_session, texts_of, widget_text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tpm_tui.app import TpmApp, make_app
from tpm_tui.context import AppContext, ReviewRequest
from tpm_tui.domain.models import AreaTick, Bank, Session
from tpm_tui.domain.report import markdown
from tpm_tui.screens.detail import DetailScreen, raw_text
from tpm_tui.screens.review import ReviewScreen
from tpm_tui.storage.store import SessionStore
from tpm_tui.widgets import review_detail

MakeContext = Callable[..., AppContext]


@pytest.fixture
def store(make_context: MakeContext) -> SessionStore:
    return make_context().store


def rich_session(store: SessionStore, bank: Bank, **changes: object) -> Path:
    """A completed session with ticks, follow-ups asked with notes, and notes."""
    trade_off, translate, _ = PICK
    path = save_session(
        store, bank, candidate="Jane Doe", interviewer="sam",
        ratings={trade_off: 3, translate: 1}, ticks={trade_off: [0, 2]},
        asked={trade_off: [1]}, notes={trade_off: "Clear on constraints.\nWeak on data."},
        recommendation="yes", outcome_notes="Hire: strong on trade-offs.", **changes,  # type: ignore[arg-type]
    )  # fmt: skip
    session = store.load(path)
    session.questions[0].follow_ups[1].notes = "Named the staff engineer."
    session.questions[1].elapsed_seconds = 700  # over its 10-minute budget
    store.save(session, path)
    return path


async def open_first(app: TpmApp, pilot: object) -> DetailScreen:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReviewScreen)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await read(app, pilot)
    assert isinstance(app.screen, DetailScreen)
    return app.screen


async def read(app: TpmApp, pilot: object) -> None:
    """Until the file, read in a worker, is shown."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def body(screen: DetailScreen) -> str:
    return texts_of(screen.query_one("#detail-body", VerticalScroll))


async def test_detail_shows_everything_the_file_holds(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    path = rich_session(store, shipped_bank)
    session = store.load(path)
    first = session.questions[0]
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_first(app, pilot)
        text = body(screen)
        # The header: who, what, when, how it went.
        assert "Jane Doe — Technical Product Manager" in text
        assert "interview · completed · senior · interviewer sam · outcome Yes" in text
        assert "2026-11-28 10:00 UTC · 15:00 of 45:00 · 3 questions · 2/21 areas covered" in text
        assert "average rating 2.0" in text
        # Per question: text, time against budget, rating, areas with their second,
        # areas missed, follow-ups asked with notes, notes.
        assert "1. Technical trade-off" in text
        assert first.text[:60] in text
        assert "time 5:00 of 10:00 · rated 3 (good)" in text
        assert "Technical acumen, Strategic thinking" in text
        assert "Areas covered: 2 of 7 · missed: 5" in text
        assert f"✓ {first.areas[0].text[:40]}" in text
        assert "at 0:40" in text and "at 0:42" in text
        assert f"✗ {first.areas[1].text[:40]}" in text
        assert "Follow-ups asked: 1 of 4" in text
        assert first.follow_ups[1].text[:40] in text and "at 3:21" in text
        assert "Named the staff engineer." in text
        assert "Clear on constraints.\n" in text and "Weak on data." in text
        assert "time 11:40 of 10:00 · rated 1 (weak)" in text
        assert "3. Data-informed decision" in text and "unrated" in text
        # Then the outcome.
        assert "Outcome  Yes  completed 2026-11-28 10:45 UTC" in text
        assert text.rstrip().endswith("Hire: strong on trade-offs.")
        assert text.index("3. Data-informed") < text.index("Outcome  Yes")


async def test_raw_toml_toggles_with_t(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    path = rich_session(store, shipped_bank)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(app, pilot)
        await pilot.press("t")
        await read(app, pilot)
        raw = screen.query_one("#detail-raw", VerticalScroll)
        assert raw.display and not screen.query_one("#detail-body").display
        shown = texts_of(raw)
        assert shown.startswith('format = "tpm-tui.session/1"')
        assert 'name = "Jane Doe"' in shown
        assert raw_text(path) == path.read_text(encoding="utf-8")
        await pilot.press("j", "k")  # scrolls, no crash
        await pilot.pause()
        # The footer says what t does now (it still read "Raw TOML": found by a tester).
        footer = screen_text(app).splitlines()[-1]
        assert "t Session" in footer and "Raw TOML" not in footer
        await pilot.press("t")
        assert not raw.display and screen.query_one("#detail-body").display
        await pilot.pause()
        assert "t Raw TOML" in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_home_end_and_page_keys_jump_without_animation(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    """Over SSH an animated scroll takes a second: the view must be there at once."""
    rich_session(store, shipped_bank)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(app, pilot)
        view = screen.query_one("#detail-body", VerticalScroll)
        assert screen.focused is view and view.max_scroll_y > 30
        await pilot.press("end")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_y == 0
        await pilot.press("pagedown")
        assert view.scroll_y == view.scrollable_content_region.height
        await pilot.press("pageup")
        assert view.scroll_y == 0
        # Each key lands on the next frame: Textual's own glide to the end takes 1 s.
        for action, where in (("scroll_end", view.max_scroll_y), ("scroll_home", 0),
                              ("page_down", view.scrollable_content_region.height)):  # fmt: skip
            await view.run_action(action)
            await pilot.pause()
            assert view.scroll_y == where and not app.animator.is_being_animated(view, "scroll_y")


def test_raw_text_makes_controls_and_bad_bytes_visible(tmp_path: Path) -> None:
    path = tmp_path / "odd.toml"
    path.write_bytes(b'name = "\x1b[31mred"\r\n\tbad = "\xff"\n')
    assert raw_text(path) == 'name = "␛[31mred"\n\tbad = "\ufffd"\n'
    assert raw_text(tmp_path / "gone.toml").startswith("(cannot read gone.toml:")


def test_raw_text_never_opens_a_fifo(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer for ever
    shown: list[str] = []
    reader = threading.Thread(target=lambda: shown.append(raw_text(fifo)), daemon=True)
    reader.start()
    reader.join(5)
    assert shown == ["(cannot read fifo.toml: is a FIFO, not a session file)"]


async def test_export_the_open_session(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    path = rich_session(store, shipped_bank)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(app, pilot)
        await pilot.press("x")
        today = datetime.now(UTC).date()
        written = store.folder / f"export-{today:%Y-%m-%d}-jane-doe.md"
        assert written.read_text(encoding="utf-8") == markdown(store.load(path), shipped_bank)
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        assert any(n.startswith("Exported the session to") and written.name in n
                   for n in notices(app))  # fmt: skip


async def test_a_practice_session_and_hostile_text(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    path = save_session(
        store, shipped_bank, candidate="[bold]Zed[/", kind="practice", interviewer=None,
        role="[@click=app.quit]x[/]", notes={PICK[0]: "\x1b[31mred [/] [link=https://x]y 🚀"},
    )  # fmt: skip
    session = store.load(path)
    session.questions[0].star = ["situation", "task"]
    store.save(session, path)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(app, pilot)
        text = body(screen)
        assert "[bold]Zed[/ — [@click=app.quit]x[/]" in text
        assert "practice · in progress · senior · outcome no recommendation yet" in text
        assert "STAR ticked: situation, task" in text
        assert "␛[31mred [/] [link=https://x]y 🚀" in text
        assert "Outcome  none given (in progress, not finished)" in text
        await pilot.click("#detail-header")  # nothing in it runs an action
        assert app.is_running and app.screen is screen


def huge_session(store: SessionStore, bank: Bank, areas: int, note_chars: int) -> Path:
    """One question with `areas` areas (every third covered) and a long note."""
    path = save_session(store, bank, candidate="Many Areas", pick=(PICK[0],))
    session = store.load(path)
    record = session.questions[0]
    record.areas = [AreaTick(f"Area {n}", n % 3 == 0, 5 if n % 3 == 0 else None)
                    for n in range(areas)]  # fmt: skip
    line = "The candidate went on about the migration.\n"
    record.notes = (line * (note_chars // len(line) + 1))[:note_chars]
    store.save(session, path)
    return path


async def test_a_huge_session_shows_loading_then_a_bounded_page(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    path = huge_session(store, shipped_bank, areas=3_000, note_chars=400_000)
    context = make_context(ReviewRequest())
    release = threading.Event()
    load = context.store.load

    def slow_load(target: Path) -> Session:
        release.wait(10)  # the file is still being read
        return load(target)

    monkeypatch.setattr(context.store, "load", slow_load)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        screen = app.screen
        assert f"Loading {path.name}…" in screen_text(app)
        await pilot.press("j", "k", "x")  # the screen answers meanwhile
        assert any("Still reading" in n for n in notices(app))
        release.set()
        await read(app, pilot)
        text = body(screen)
        assert "Loading" not in text
        assert "Areas covered: 1000 of 3000 · missed: 2000" in text
        shown = text.count("✓ Area") + text.count("✗ Area")
        assert 0 < shown < 3_000  # a page, not the whole list
        more = screen.query_one(".detail-more", Static)
        assert f"{3_000 - shown:,} more areas and 400 KB more text below" in widget_text(more)
        await pilot.press("m")
        await pilot.pause()
        after = body(screen)
        assert after.count("✓ Area") + after.count("✗ Area") > shown
        for _ in range(20):
            if not screen.query(".detail-more"):
                break
            await pilot.press("m")
            await pilot.pause()
        everything = body(screen)
        assert everything.count("✓ Area") + everything.count("✗ Area") == 3_000
        assert "Area 2999" in everything
        note = store.load(path).questions[0].notes
        assert everything.rstrip().endswith("none given (in progress, not finished)")
        assert note.splitlines()[-1] in everything
        assert "press m" not in screen_text(app)


async def test_the_raw_view_of_a_huge_file_is_read_then_shown_a_page_at_a_time(
    make_context: MakeContext, store: SessionStore, shipped_bank: Bank
) -> None:
    path = huge_session(store, shipped_bank, areas=10, note_chars=2_000_000)
    app = make_app(make_context(ReviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first(app, pilot)
        await pilot.press("t", "t", "t")  # toggled while it is read: read once
        await read(app, pilot)
        raw = screen.query_one("#detail-raw", VerticalScroll)
        assert raw.display
        shown = texts_of(raw)
        assert shown.startswith('format = "tpm-tui.session/1"')
        assert len(shown) < 200_000  # a page of the 2 MB file
        assert "MB more text below — press m to show more" in shown
        await pilot.press("m")
        await pilot.pause()
        assert len(texts_of(raw)) > len(shown)
        assert path.stat().st_size > 2_000_000


def test_pieces_hold_the_whole_session_and_say_how_much(
    store: SessionStore, shipped_bank: Bank
) -> None:
    path = huge_session(store, shipped_bank, areas=250, note_chars=20_000)
    session = store.load(path)
    follow_up = session.questions[0].follow_ups[1]
    follow_up.asked, follow_up.notes = True, "A long answer.\n" * 2_000  # 30,000 characters
    session.outcome = None
    pieces = list(review_detail.session_pieces(session, "here", shipped_bank.competency_name))
    assert (sum(p.areas for p in pieces), sum(p.chars for p in pieces)) == (
        review_detail.session_size(session)
    )
    assert max(p.areas for p in pieces) <= review_detail.GRID_CHUNK
    assert max(p.chars for p in pieces) <= review_detail.PROSE_CHUNK * 2  # a grid row's note
    # The rest of a long follow-up note goes on below its row, in pieces.
    notes = [p for p in pieces if p.classes == "detail-note"]
    assert notes and all("A long answer." in str(p.content) for p in notes)
    assert sum(p.chars for p in notes) < len(follow_up.notes)  # the first part is in its row


def test_the_scorecard_is_counted_as_the_view_lays_it_out(
    store: SessionStore, shipped_bank: Bank
) -> None:
    session = store.load(rich_session(store, shipped_bank))
    assert session.outcome is not None
    session.outcome.strengths = [f"strength {n}" for n in range(150)]  # more than a grid's rows
    session.outcome.concerns = ["Little data work"]
    session.outcome.competencies = {"technical-acumen": 3, "communication": 2}
    pieces = list(review_detail.session_pieces(session, "here", shipped_bank.competency_name))
    assert (sum(p.areas for p in pieces), sum(p.chars for p in pieces)) == (
        review_detail.session_size(session)
    )
    assert max(p.areas for p in pieces) <= review_detail.GRID_CHUNK
