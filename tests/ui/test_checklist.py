"""The checklist widget: a tick redraws its row, in place or, if it now wraps, moving the rest."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from tpm_tui.widgets.checklist import Checklist, ChecklistHeading, ChecklistItem

ITEMS = [ChecklistItem("alpha"), ChecklistItem("beta"), ChecklistItem("gamma")]


class ListApp(App[None]):
    CSS = "Checklist { border: none; padding: 0; }"

    def compose(self) -> ComposeResult:
        yield ChecklistHeading("Areas", "1-9", count="0/3")
        yield Checklist(ITEMS)


def shown(checklist: Checklist) -> list[str]:
    """The list's rows as the screen shows them."""
    region = checklist.region
    strips = checklist.screen._compositor.render_strips()[region.y : region.bottom]
    return [strip.text.strip() for strip in strips]


def count_full_redraws(checklist: Checklist, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows given to OptionList's own replace (which repaints the whole list)."""
    calls: list[int] = []
    real = checklist.replace_option_prompt_at_index

    def spy(index: int, prompt: object) -> Checklist:
        calls.append(index)
        return real(index, prompt)  # type: ignore[arg-type]

    monkeypatch.setattr(checklist, "replace_option_prompt_at_index", spy)
    return calls


async def test_a_tick_redraws_its_row_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    app = ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        checklist = app.query_one(Checklist)
        full = count_full_redraws(checklist, monkeypatch)
        checklist.set_item(1, ChecklistItem("beta", True, "0:05"))
        await pilot.pause()
        assert shown(checklist)[:3] == ["[ ] 1 alpha", "[x] 2 beta  0:05", "[ ] 3 gamma"]
        checklist.set_item(1, ChecklistItem("beta"))
        await pilot.pause()
        assert shown(checklist)[:3] == ["[ ] 1 alpha", "[ ] 2 beta", "[ ] 3 gamma"]
        assert full == []  # one row repainted, not the list


async def test_a_row_that_now_wraps_pushes_the_next_ones_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        checklist = app.query_one(Checklist)
        full = count_full_redraws(checklist, monkeypatch)
        checklist.set_item(0, ChecklistItem("alpha " * 6, True, "12:34"))
        await pilot.pause()
        lines = shown(checklist)
        assert lines[0].startswith("[x] 1 alpha") and "12:34" in lines[1]
        assert lines[2:4] == ["[ ] 2 beta", "[ ] 3 gamma"]
        assert full == [0]


async def test_the_heading_shows_title_count_and_hint() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        heading = app.query_one(ChecklistHeading)
        assert heading.text == "Areas 0/3 — 1-9"
        heading.show_count("2/3")
        await pilot.pause()
        assert heading.text == "Areas 2/3 — 1-9"
        row = "".join(s.text for s in app.screen._compositor.render_strips()[:1])
        assert row.startswith("─Areas 2/3 — 1-9──")
