"""Calibration without a UI: per interviewer, against the rest of the panel."""

from __future__ import annotations

import pytest
from panel_helpers import interview, three_panel

from tpm_tui.domain.blind import blindfold
from tpm_tui.domain.calibration import calibrate
from tpm_tui.domain.models import Outcome


def test_each_interviewer_against_the_rest_of_the_panel() -> None:
    result = calibrate(three_panel())
    rows = {row.interviewer: row for row in result.rows}
    lee, ana = rows["Lee"], rows["Ana"]
    assert (lee.sessions, lee.ratings, lee.average) == (1, 2, 1.5)
    assert lee.recommendations == (0, 1, 0, 0)  # strong no, no, yes, strong yes
    # trade-off: 1 against the rest's 3.5 (off); conflict: 2 against 3 (not off).
    assert (lee.compared, lee.off) == (2, 1)
    assert lee.lean == pytest.approx(((1 - 3.5) + (2 - 3)) / 2)
    # Ana: trade-off 4 vs 2 (off), conflict 3 vs 2.5, roadmap 3 vs 2 (Sam alone).
    assert (ana.compared, ana.off) == (3, 1)
    assert ana.lean is not None and ana.lean > 0 > lee.lean  # who rates high, who low
    assert ana.areas_per_question == pytest.approx(4 / 3)
    assert ana.coverage == pytest.approx(4 / 7)
    assert ana.follow_ups_per_question == pytest.approx(1 / 3)
    assert not result.partial


def test_unfinished_interviews_and_practice_are_not_counted() -> None:
    sessions = [*three_panel(), interview("Ana", ratings={"trade-off": 1}),
                interview("Ana", ratings={"trade-off": 1}, kind="practice",
                          outcome=Outcome("no"))]  # fmt: skip
    ana = next(row for row in calibrate(sessions).rows if row.interviewer == "Ana")
    assert (ana.sessions, ana.ratings) == (1, 3)


def test_one_interviewer_spelled_two_ways_is_one_row() -> None:
    again = interview(" ana ", candidate="John Roe", ratings={"trade-off": 2},
                      outcome=Outcome("yes"))  # fmt: skip
    rows = calibrate([*three_panel(), again]).rows
    assert [row.interviewer for row in rows] == ["Ana", "Lee", "Sam"]
    assert rows[0].sessions == 2 and rows[0].recommendations == (0, 0, 1, 1)


def test_blind_ratings_hidden_from_you_are_not_counted_and_say_partial() -> None:
    ana, sam, lee = three_panel()
    mine = interview("Kim", ratings={"trade-off": 4})  # Kim is still interviewing Jane
    sessions = blindfold("Kim", [ana, sam, lee, mine]).apply([ana, sam, lee, mine])
    result = calibrate(sessions)
    assert result.partial and result.hidden == 3
    for row in result.rows:
        assert (row.sessions, row.hidden, row.ratings, row.average) == (1, 1, 0, None)
        assert row.recommendations == (0, 0, 0, 0) and row.compared == 0
        assert row.areas_per_question is not None  # what was covered is no verdict
