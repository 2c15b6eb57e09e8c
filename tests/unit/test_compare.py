"""Comparing sessions without a UI: a debrief panel, and several candidates."""

from __future__ import annotations

import pytest

from tpm_tui.domain.compare import (
    Candidates,
    Panel,
    candidates,
    compare,
    competency_average,
    panel,
    same_candidate,
)
from tpm_tui.domain.models import (
    Bank,
    BankInfo,
    Candidate,
    Competency,
    Interviewer,
    Outcome,
    Question,
    Session,
    new_session,
)

BANK = Bank(
    bank=BankInfo(title="TPM behavioral", role="TPM"),
    competencies=(Competency("tech", "Technical"), Competency("lead", "Leadership")),
    questions=(
        Question(
            id="trade-off",
            title="Trade-off",
            text="A trade-off?",
            competencies=("tech",),
            areas=("Constraints", "Options", "Decision"),
            follow_ups=("Again?",),
        ),
        Question(
            id="conflict",
            title="Conflict",
            text="A conflict?",
            competencies=("lead", "tech"),
            areas=("Both sides", "Resolution"),
            follow_ups=(),
        ),
        Question(
            id="roadmap",
            title="",
            text="A roadmap?",
            competencies=("lead",),
            areas=("Signals",),
            follow_ups=(),
        ),
    ),
)


def make(
    candidate: str,
    interviewer: str | None,
    ratings: dict[str, int],
    ticks: dict[str, list[int]],
    pick: tuple[str, ...] = ("trade-off", "conflict"),
    session_id: str = "s",
) -> Session:
    session = new_session(
        kind="interview",
        session_id=session_id,
        bank=BANK,
        questions=[BANK.question(q) for q in pick],
        candidate=Candidate(candidate),
        minutes=45,
        interviewer=Interviewer(interviewer) if interviewer is not None else None,
    )
    for record in session.questions:
        record.rating = ratings.get(record.id)
        for index in ticks.get(record.id, []):
            record.toggle_area(index, 30)
    return session


def three_interviewers() -> list[Session]:
    """Jane seen by three: `trade-off` rated 2/3/4 (a spread of 2), nobody covered
    `Decision`; `conflict` rated 3/3/2 (a spread of 1)."""
    return [
        make(
            "Jane Doe", "sam", {"trade-off": 2, "conflict": 3}, {"trade-off": [0], "conflict": [0]}
        ),
        make(
            "jane doe", "ali", {"trade-off": 3, "conflict": 3}, {"trade-off": [1], "conflict": [1]}
        ),
        make(" JANE  DOE", "kim", {"trade-off": 4, "conflict": 2}, {"trade-off": [0, 1]}),
    ]


def test_panel_of_three_interviewers() -> None:
    result = panel(three_interviewers())
    assert result.candidate == "Jane Doe"
    assert result.columns == ("sam", "ali", "kim")
    assert [row.id for row in result.questions] == ["trade-off", "conflict"]
    trade_off, conflict = result.questions
    assert trade_off.ratings == (2, 3, 4)
    assert trade_off.spread == 2
    assert trade_off.label == "Trade-off"
    assert conflict.ratings == (3, 3, 2)
    assert conflict.spread == 1
    assert trade_off.coverage == ((1, 3), (1, 3), (2, 3))


def test_panel_disagreements_are_two_points_or_more() -> None:
    result = panel(three_interviewers())
    questions = [d for d in result.disagreements if d.scope == "question"]
    assert [(d.id, d.spread) for d in questions] == [("trade-off", 2)]
    # Competency averages: tech is (2+3)/2, (3+3)/2, (4+2)/2 -> no spread of 2.
    assert not [d for d in result.disagreements if d.scope == "competency"]


def test_panel_competency_averages_per_interviewer() -> None:
    result = panel(three_interviewers())
    rows = {row.id: row.averages for row in result.competencies}
    assert list(rows) == ["tech", "lead"]
    assert rows["tech"] == (2.5, 3.0, 3.0)
    assert rows["lead"] == (3.0, 3.0, 2.0)


def test_panel_lists_areas_nobody_covered() -> None:
    result = panel(three_interviewers())
    missed = [(u.question_id, u.area) for u in result.uncovered]
    assert missed == [("trade-off", "Decision")]
    assert result.uncovered[0].question_label == "Trade-off"


def test_scorecards_that_disagree_are_a_disagreement_in_place_of_the_averages() -> None:
    # Compare and the debrief list the same disagreements: the interviewers' own
    # scorecard ratings of a competency, and its question averages only where the
    # scorecards do not already disagree on it.
    sessions = [
        make("A", "x", {"trade-off": 1, "conflict": 1}, {}),
        make("a", "y", {"trade-off": 4, "conflict": 3}, {}),
    ]
    sessions[0].complete(Outcome("no", competencies={"tech": 1, "comm": 3}))
    sessions[1].complete(Outcome("yes", competencies={"tech": 4, "comm": 3}))
    result = panel(sessions)
    scopes = [(d.scope, d.id, d.spread) for d in result.disagreements]
    assert ("scorecard", "tech", 3) in scopes
    assert not [d for d in result.disagreements if d.id == "comm"]  # 3 and 3
    assert ("competency", "tech") not in {(d.scope, d.id) for d in result.disagreements}
    assert ("competency", "lead", 2.0) in scopes  # no scorecard rates it
    assert [(row.id, row.scores) for row in result.scorecards][:2] == [
        ("tech", (1, 4)),
        ("comm", (3, 3)),
    ]


def test_panel_competency_disagreement() -> None:
    sessions = [
        make("A", "x", {"trade-off": 1, "conflict": 1}, {}),
        make("a", "y", {"trade-off": 4, "conflict": 3}, {}),
    ]
    result = panel(sessions)
    scopes = {(d.scope, d.id) for d in result.disagreements}
    assert ("competency", "tech") in scopes  # 1.0 vs 3.5
    assert ("competency", "lead") in scopes  # 1.0 vs 3.0
    assert ("question", "trade-off") in scopes


def test_panel_union_of_questions_in_first_seen_order() -> None:
    sessions = [
        make("A", "x", {"conflict": 2}, {}, pick=("conflict",)),
        make("A", "y", {"roadmap": 4, "conflict": 4}, {}, pick=("roadmap", "conflict")),
    ]
    result = panel(sessions)
    assert [row.id for row in result.questions] == ["conflict", "roadmap"]
    roadmap = result.questions[1]
    assert roadmap.ratings == (None, 4)
    assert roadmap.coverage == (None, (0, 1))
    assert roadmap.label == "roadmap"  # no title: the id
    assert roadmap.spread == 0  # one rating is no disagreement
    assert ("roadmap", "Signals") in [(u.question_id, u.area) for u in result.uncovered]


def test_panel_columns_fall_back_to_file_id_and_stay_unique() -> None:
    sessions = [
        make("A", None, {}, {}, session_id="2026-01-01-a"),
        make("A", "  ", {}, {}, session_id="2026-01-02-a"),
        make("A", "sam", {}, {}),
        make("A", "sam", {}, {}),
    ]
    assert panel(sessions).columns == ("2026-01-01-a", "2026-01-02-a", "sam", "sam (2)")


def test_unrated_questions_leave_gaps() -> None:
    sessions = [make("A", "x", {}, {}), make("A", "y", {"trade-off": 4}, {})]
    result = panel(sessions)
    assert result.questions[0].ratings == (None, 4)
    assert result.questions[0].spread == 0
    assert result.disagreements == ()
    assert competency_average(sessions[0], "tech") is None


def test_panel_refuses_several_candidates_and_nothing() -> None:
    with pytest.raises(ValueError):
        panel([make("A", "x", {}, {}), make("B", "x", {}, {})])
    with pytest.raises(ValueError):
        panel([])
    with pytest.raises(ValueError):
        candidates([])


def test_candidates_side_by_side() -> None:
    sessions = [
        make("Ann", "sam", {"trade-off": 4, "conflict": 2}, {"trade-off": [0, 1, 2]}),
        make("Bob", "sam", {"trade-off": 1}, {"conflict": [0, 1]}),
    ]
    result = candidates(sessions)
    assert result.columns == ("Ann", "Bob")
    trade_off, conflict = result.questions
    assert trade_off.coverage == ((3, 3), (0, 3))
    assert trade_off.ratings == (4, 1)
    assert conflict.coverage == ((0, 2), (2, 2))
    assert conflict.ratings == (2, None)
    rows = {row.id: row.averages for row in result.competencies}
    assert rows["tech"] == (3.0, 1.0)
    assert rows["lead"] == (2.0, None)


def test_compare_picks_panel_or_candidates() -> None:
    same = three_interviewers()
    assert same_candidate(same)
    assert isinstance(compare(same), Panel)
    mixed = [make("Ann", "x", {}, {}), make("Bob", "x", {}, {})]
    assert not same_candidate(mixed)
    assert isinstance(compare(mixed), Candidates)
    # One candidate twice among others: the columns say by whom, and stay apart.
    twice = [make("Ann", "x", {}, {}), make("ann", "y", {}, {}), make("Bob", "x", {}, {})]
    assert candidates(twice).columns == ("Ann · x", "ann · y", "Bob")
    same = [make("Ann", "x", {}, {}), make("Ann", "x", {}, {}), make("Bob", None, {}, {})]
    assert candidates(same).columns == ("Ann · x", "Ann · x (2)", "Bob")
    undated = [make("Ann", None, {}, {}), make("Ann", "", {}, {}), make("Bob", None, {}, {})]
    day = undated[0].created_at.strftime("%Y-%m-%d")
    assert candidates(undated).columns == (f"Ann · {day}", f"Ann · {day} (2)", "Bob")


def test_names_are_labels_of_one_line() -> None:
    # A line break or tab typed into a name never splits a header or a column,
    # and two names that differ only so are told apart by number.
    sessions = [make("Jane\nDoe", "sam\tlee", {}, {}), make("jane doe", "sam lee\r\n", {}, {})]
    result = panel(sessions)
    assert result.candidate == "Jane Doe"
    assert result.columns == ("sam lee", "sam lee (2)")
    others = candidates([make("Ann\nLee", "x", {}, {}), make("Bob\t Ray", "y", {}, {})])
    assert others.columns == ("Ann Lee", "Bob Ray")
    seen_twice = candidates(
        [make("Ann", "kim\nlee", {}, {}), make("ann", "x", {}, {}), make("B", "x", {}, {})]
    )
    assert seen_twice.columns[0] == "Ann · kim lee"


def test_a_spread_of_averages_reads_to_one_decimal() -> None:
    # Found by a tester: `1.66667` beside `1.5` in compare.
    from tpm_tui.domain.compare import spread_text

    assert [spread_text(s) for s in (2, 1.5, 5 / 3, 0.0)] == ["2", "1.5", "1.7", "0"]
