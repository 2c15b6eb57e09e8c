"""Snapshots of review, detail and compare at 80x24 and at a wide 160x48.

Deterministic: fixed dates, and paths shown relative to a temporary working
folder. Update with `pytest --snapshot-update` and look at them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from review_helpers import PICK, panel_of_three, save_session, write_broken

from tpm_tui.app import make_app
from tpm_tui.context import AppContext, ReviewRequest
from tpm_tui.storage.store import SessionStore

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


@pytest.fixture
def context(
    make_context: Callable[..., AppContext], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AppContext:
    """Three interviewers on Jane Doe, a practice session, and four broken files."""
    monkeypatch.chdir(tmp_path)
    store = SessionStore(Path("sessions"), cache_dir=tmp_path / "cache")
    context = attrs.evolve(make_context(ReviewRequest()), store=store)
    paths = panel_of_three(store, context.bank)
    save_session(
        store, context.bank, candidate="[bold]Zed[/ 🚀", kind="practice", interviewer=None,
        ratings={PICK[0]: 3}, ticks={PICK[0]: [0, 1, 2]}, minutes_after=300,
        notes={PICK[0]: "Good STAR shape.\n\x1b[31mred stays visible"},
    )  # fmt: skip
    write_broken(store.folder, paths[0])
    return context


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    """A `run_before` that waits for the list, then presses `pressed`."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*pressed)
        await pilot.app.workers.wait_for_complete()  # detail and compare read in a worker
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_review_list(snap_compare, context: AppContext, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    # Jane's sessions marked, and the cursor on the first broken file.
    run_before = keys("down", "space", "space", "space")
    assert snap_compare(make_app(context), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_review_filtered_interviews(
    snap_compare, context: AppContext, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    run_before = keys("v", "s", "slash", *"senior ali", "enter")
    assert snap_compare(make_app(context), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_detail(snap_compare, context: AppContext, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(context), terminal_size=size, run_before=keys("enter"))


@pytest.mark.parametrize("size", SIZES)
def test_compare_panel(snap_compare, context: AppContext, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    run_before = keys("down", "space", "space", "space", "c")
    assert snap_compare(make_app(context), terminal_size=size, run_before=run_before)


def test_detail_scorecard(  # type: ignore[no-untyped-def]
    snap_compare, make_context: Callable[..., AppContext], tmp_path: Path, monkeypatch
) -> None:
    """The end of a detail view at 80x24: the outcome, then the scorecard."""
    from panel_helpers import BANK, three_panel

    monkeypatch.chdir(tmp_path)
    store = SessionStore(Path("sessions"), cache_dir=tmp_path / "cache")
    context = attrs.evolve(make_context(ReviewRequest(), bank=BANK), store=store, user="Kim")
    store.create(three_panel()[0])
    run_before = keys("enter", "end")
    assert snap_compare(make_app(context), terminal_size=(80, 24), run_before=run_before)
