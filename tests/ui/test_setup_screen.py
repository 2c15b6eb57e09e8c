"""The interview setup form at 80x24, keys only: defaults, checks, picking, starting."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from tests.live_session_helpers import screen_text
from tpm_tui.app import TpmApp, make_app
from tpm_tui.context import AppContext, InterviewRequest
from tpm_tui.domain.models import Bank, Session
from tpm_tui.screens.home import HomeScreen
from tpm_tui.screens.session import SessionScreen
from tpm_tui.screens.setup import QuestionPicker, SetupScreen
from tpm_tui.storage.store import SessionStore

MakeContext = Callable[..., AppContext]


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "sam")


def field(app: TpmApp, field_id: str) -> str:
    return app.screen.query_one(f"#{field_id}", Input).value


def shown(app: TpmApp, static_id: str) -> str:
    widget = app.screen.query_one(f"#{static_id}", Static)
    return str(widget.render()) if widget.display else ""


def picker(app: TpmApp) -> QuestionPicker:
    return app.screen.query_one(QuestionPicker)


def saved_sessions(sessions_dir: Path) -> list[tuple[Path, Session]]:
    store = SessionStore(sessions_dir)
    return [(path, store.load(path)) for path in sorted(sessions_dir.glob("*.toml"))]


async def open_setup(app: TpmApp, pilot: Pilot[None]) -> None:
    await pilot.pause()
    assert isinstance(app.screen, SetupScreen)


async def test_defaults_are_filled(make_context: MakeContext, shipped_bank: Bank) -> None:
    app = make_app(make_context(InterviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        assert field(app, "candidate") == ""
        assert field(app, "role") == shipped_bank.bank.role
        assert field(app, "interviewer") == "sam"
        assert field(app, "minutes") == "45"
        assert app.screen.query_one("#seniority", Select).value == Select.NULL
        assert app.focused is app.screen.query_one("#candidate", Input)
        assert len(picker(app).options) == len(shipped_bank.questions)
        assert shown(app, "setup-status") == "0 picked · 0 of 45 min"


async def test_the_command_line_prefills_the_form(make_context: MakeContext) -> None:
    request = InterviewRequest(
        candidate="Jo", role="PM", interviewer="kim", seniority="mid", minutes=30
    )
    app = make_app(make_context(request))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        assert (field(app, "candidate"), field(app, "role")) == ("Jo", "PM")
        assert (field(app, "interviewer"), field(app, "minutes")) == ("kim", "30")
        assert app.screen.query_one("#seniority", Select).value == "mid"
        assert app.focused is picker(app)  # the name is there: go straight to picking


async def test_the_candidate_is_required(make_context: MakeContext, sessions_dir: Path) -> None:
    app = make_app(make_context(InterviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("ctrl+g", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "candidate's name" in shown(app, "setup-error")
        assert app.focused is app.screen.query_one("#candidate", Input)
        await pilot.press("J")
        assert shown(app, "setup-error") == ""
    assert saved_sessions(sessions_dir) == []


async def test_minutes_must_be_positive(make_context: MakeContext) -> None:
    app = make_app(make_context(InterviewRequest(candidate="Jo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        app.screen.query_one("#minutes", Input).focus()
        await pilot.press("0", "ctrl+s")
        await pilot.pause()
        assert "Minutes must be a whole number" in shown(app, "setup-error")
        assert "minutes must be a whole number" in shown(app, "setup-warnings")


async def test_space_picks_and_the_line_counts(
    make_context: MakeContext, shipped_bank: Bank
) -> None:
    app = make_app(make_context(InterviewRequest(candidate="Jo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("space", "down", "space")
        ids = [q.id for q in shipped_bank.questions]
        assert picker(app).pick == (ids[0], ids[1])
        assert shown(app, "setup-status") == "2 picked · 20 of 45 min"
        assert "recommends 3–5 questions" in shown(app, "setup-warnings")
        await pilot.press("down", "space")
        assert shown(app, "setup-status") == "3 picked · 30 of 45 min"
        assert shown(app, "setup-warnings") == ""
        await pilot.press("up", "space")  # unpick the second
        assert picker(app).pick == (ids[0], ids[2])


async def test_reorder_with_brackets_and_ctrl_arrows(
    make_context: MakeContext, shipped_bank: Bank
) -> None:
    ids = [q.id for q in shipped_bank.questions]
    app = make_app(make_context(InterviewRequest(candidate="Jo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("space", "down", "space", "down", "space")
        await pilot.press("left_square_bracket", "left_square_bracket")  # third to first
        assert picker(app).pick == (ids[2], ids[0], ids[1])
        await pilot.press("right_square_bracket")
        assert picker(app).pick == (ids[0], ids[2], ids[1])
        await pilot.press("up", "up", "ctrl+down")  # the first question one place later
        assert picker(app).pick == (ids[2], ids[0], ids[1])
        await pilot.press("ctrl+up")
        assert picker(app).pick == (ids[0], ids[2], ids[1])


async def test_more_than_five_or_over_the_length_warns_but_starts(
    make_context: MakeContext, sessions_dir: Path
) -> None:
    app = make_app(make_context(InterviewRequest(candidate="Jo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        for _ in range(6):
            await pilot.press("space", "down")
        assert shown(app, "setup-status") == "6 picked · 60 of 45 min"
        warnings = shown(app, "setup-warnings")
        assert "recommends 3–5 questions" in warnings
        assert "over the 45-min length" in warnings
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
    assert len(saved_sessions(sessions_dir)[0][1].questions) == 6


async def test_suggest_from_a_text_field_and_from_the_picker(make_context: MakeContext) -> None:
    app = make_app(make_context(InterviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("ctrl+g")  # the candidate field has focus
        pick = picker(app).pick
        assert 3 <= len(pick) <= 5
        bank = app.context.bank
        seen: set[str] = set()
        for qid in pick:
            competencies = set(bank.question(qid).competencies)
            assert competencies - seen  # each brings a new competency
            seen |= competencies
        assert shown(app, "setup-warnings") == ""
        picker(app).pick = ()
        picker(app).focus()
        await pilot.press("s")
        assert picker(app).pick == pick


async def test_suggest_follows_the_seniority(make_context: MakeContext) -> None:
    app = make_app(make_context(InterviewRequest(seniority="junior")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("ctrl+g")
        bank = app.context.bank
        assert picker(app).pick
        assert all("junior" in bank.question(qid).seniority for qid in picker(app).pick)


async def test_every_question_is_reachable_by_keys(
    make_context: MakeContext, shipped_bank: Bank
) -> None:
    app = make_app(make_context(InterviewRequest(candidate="Jo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        list_ = picker(app)
        await pilot.press(*["down"] * (len(shipped_bank.questions) - 1), "space")
        assert list_.pick == (shipped_bank.questions[-1].id,)
        assert list_.scroll_offset.y > 0  # scrolled so the last row is in view


async def test_tab_walks_the_form_without_a_mouse(make_context: MakeContext) -> None:
    app = make_app(make_context(InterviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        order = []
        for _ in range(7):
            order.append(app.focused.id if app.focused else None)
            await pilot.press("tab")
        assert order == [
            "candidate",
            "role",
            "interviewer",
            "seniority",
            "minutes",
            "picker",
            "setup-start",
        ]


async def test_start_creates_the_session_in_pick_order(
    make_context: MakeContext, sessions_dir: Path, shipped_bank: Bank
) -> None:
    ids = [q.id for q in shipped_bank.questions]
    app = make_app(make_context(InterviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press(*"Jane Doe", "tab", "tab", "tab", "tab")  # to minutes
        await pilot.press("backspace", "backspace", "3", "0", "tab")
        await pilot.press("down", "down", "space", "up", "space", "up", "space")
        assert picker(app).pick == (ids[2], ids[1], ids[0])
        await pilot.press("tab", "enter")  # the Start button
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        # The form is gone: leaving the session lands on home.
        assert [type(s) for s in app.screen_stack][-2:] == [HomeScreen, SessionScreen]
    [(path, session)] = saved_sessions(sessions_dir)
    assert path.parent == sessions_dir
    assert [q.id for q in session.questions] == [ids[2], ids[1], ids[0]]
    assert session.candidate.name == "Jane Doe"
    assert session.candidate.role == shipped_bank.bank.role
    assert session.interviewer is not None and session.interviewer.name == "sam"
    assert session.minutes == 30
    assert session.kind == "interview" and session.status == "in_progress"


async def test_the_form_returns_its_request_and_creates_nothing(
    make_context: MakeContext, sessions_dir: Path, shipped_bank: Bank
) -> None:
    """The form is data in, data out: whoever opened it begins the session."""
    ids = [q.id for q in shipped_bank.questions]
    results: list[InterviewRequest | None] = []
    app = make_app(make_context())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(SetupScreen(app.context, InterviewRequest(candidate="Jo")), results.append)
        await open_setup(app, pilot)
        await pilot.press("space", "down", "space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.push_screen(SetupScreen(app.context, InterviewRequest()), results.append)
        await open_setup(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert results == [
        InterviewRequest(
            candidate="Jo", role=shipped_bank.bank.role, interviewer="sam", minutes=45,
            pick=(ids[0], ids[1]),
        ),
        None,
    ]  # fmt: skip
    assert saved_sessions(sessions_dir) == []


async def test_a_literal_name_is_saved_exactly(
    make_context: MakeContext, sessions_dir: Path
) -> None:
    name = "[bold]Zed[/"
    app = make_app(make_context(InterviewRequest()))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press(*name)
        assert field(app, "candidate") == name
        await pilot.press("ctrl+g", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
    [(_, session)] = saved_sessions(sessions_dir)
    assert session.candidate.name == name


async def test_escape_goes_home(make_context: MakeContext, sessions_dir: Path) -> None:
    app = make_app(make_context(InterviewRequest(candidate="Jo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert saved_sessions(sessions_dir) == []


async def test_candidate_and_pick_skip_the_form(
    make_context: MakeContext, sessions_dir: Path, shipped_bank: Bank
) -> None:
    pick = (shipped_bank.questions[3].id, shipped_bank.questions[0].id)
    app = make_app(make_context(InterviewRequest(candidate="Jo", pick=pick, interviewer="kim")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert not any(isinstance(s, SetupScreen) for s in app.screen_stack)
        [(path, session)] = saved_sessions(sessions_dir)  # written at once
        assert app.screen.keeper.path == path
    assert tuple(q.id for q in session.questions) == pick
    assert session.minutes == 45
    assert session.candidate.role == shipped_bank.bank.role
    assert session.interviewer is not None and session.interviewer.name == "kim"


async def test_minutes_are_bounded(make_context: MakeContext, sessions_dir: Path) -> None:
    # A 30-digit length was written into the file, as an integer TOML readers refuse.
    app = make_app(make_context(InterviewRequest(candidate="Jo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("space")  # the picker has the focus: pick the first question
        minutes = app.screen.query_one("#minutes", Input)
        minutes.value = "9" * 30
        minutes.focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "Minutes must be a whole number from 1 to 600" in shown(app, "setup-error")
        assert "minutes must be a whole number from 1 to 600" in shown(app, "setup-warnings")
        minutes.value = "600"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SetupScreen)
    [(_, session)] = saved_sessions(sessions_dir)
    assert session.minutes == 600


def row_of(app: TpmApp, title: str) -> str:
    """The line of the question list showing `title`, as on screen."""
    [line] = [line for line in screen_text(app).splitlines() if title in line and "│" in line]
    return line


async def test_the_highlighted_question_is_shown_in_full(
    make_context: MakeContext, shipped_bank: Bank
) -> None:
    app = make_app(make_context(InterviewRequest(candidate="Jo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        for question in shipped_bank.questions[:3]:
            text = " ".join(screen_text(app).split())  # as read, across wrapped lines
            assert " ".join(question.text.split()) in text
            for area in question.areas[:2]:  # the first areas are in view without scrolling
                assert area in text
            names = [shipped_bank.competency_name(c) for c in question.competencies]
            assert ", ".join(names) in text
            await pilot.press("down")
        # Every field of the form is still on screen, with the list and the pane.
        for label in ("Candidate", "Role", "Interviewer", "Seniority", "Minutes", "Questions"):
            assert label in screen_text(app)


async def test_the_pane_scrolls_to_the_last_area_by_keys(
    make_context: MakeContext, shipped_bank: Bank
) -> None:
    app = make_app(make_context(InterviewRequest(candidate="Jo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("space")  # the first question, the longest
        last = shipped_bank.questions[0].areas[-1]
        assert last not in " ".join(screen_text(app).split())
        await pilot.press(*["shift+down"] * 8)
        assert last in " ".join(screen_text(app).split())
        assert picker(app).highlighted == 0  # the list did not move
        await pilot.press("down", "up")  # another question, then back: from the top
        assert last not in " ".join(screen_text(app).split())


async def test_seniority_dims_what_does_not_fit_and_keeps_the_pick(
    make_context: MakeContext, shipped_bank: Bank
) -> None:
    senior_only = next(q for q in shipped_bank.questions if q.seniority == ("senior",))
    for_all = next(q for q in shipped_bank.questions if "junior" in q.seniority)
    app = make_app(make_context(InterviewRequest(candidate="Jo", seniority="senior")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        assert "not for" not in screen_text(app)
        index = shipped_bank.questions.index(senior_only)
        await pilot.press(*["down"] * index, "space")
        # Now junior, by keys: the seniority list, then `junior` in it.
        app.screen.query_one("#seniority", Select).focus()
        await pilot.press("enter", "home", "down", "enter")
        await pilot.pause()
        assert app.screen.query_one("#seniority", Select).value == "junior"
        assert "not for junior" in row_of(app, senior_only.title)
        assert "1/1" in row_of(app, senior_only.title)  # still picked, still in view
        assert picker(app).pick == (senior_only.id,)
        assert "1 picked question is not for junior" in shown(app, "setup-warnings")
        assert "not for junior" in " ".join(screen_text(app).split()).split("Questions")[1]
        await pilot.press("home")  # back to the top of the list
        picker(app).focus()
        await pilot.press("home")
        assert "not for" not in row_of(app, for_all.title)


async def test_picked_questions_read_n_of_total_and_hidden_ones_are_named(
    make_context: MakeContext, shipped_bank: Bank
) -> None:
    titles = [q.title for q in shipped_bank.questions]
    app = make_app(make_context(InterviewRequest(candidate="Jo")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("space", "down", "down", "space", "end", "space")
        assert row_of(app, titles[-1]).split()[1] == "3/3"
        rows = [line for line in screen_text(app).splitlines() if line.startswith("│")]
        assert not any("1/3" in row or "2/3" in row for row in rows)  # out of view
        assert "1/3, 2/3 above" in screen_text(app)
        assert shown(app, "setup-status") == "3 picked · 32 of 45 min"
        await pilot.press("home")
        assert row_of(app, titles[0]).split()[1] == "1/3"
        assert row_of(app, titles[2]).split()[1] == "2/3"
        assert "3/3 below" in screen_text(app)
        await pilot.press("left_square_bracket")  # the first can go no earlier
        await pilot.press("down", "down", "left_square_bracket")
        assert row_of(app, titles[2]).split()[1] == "1/3"
        assert row_of(app, titles[0]).split()[1] == "2/3"
