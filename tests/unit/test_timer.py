"""Stopwatches read a clock; they never count ticks."""

from __future__ import annotations

import pytest

from tpm_tui.domain.timer import (
    InterviewClock,
    Pace,
    Stopwatch,
    elapsed_face,
    interview_face,
    pace,
    question_face,
    still_needed,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_stopwatch_counts_only_while_running() -> None:
    clock = FakeClock()
    watch = Stopwatch(10, clock=clock)
    clock.now += 5
    assert watch.seconds == 10
    watch.start()
    clock.now += 7.9
    assert watch.seconds == 17
    watch.stop()
    clock.now += 100
    assert watch.elapsed == pytest.approx(17.9)


def test_reset_keeps_running_state() -> None:
    clock = FakeClock()
    watch = Stopwatch(0, running=True, clock=clock)
    clock.now += 3
    watch.reset(42)
    clock.now += 2
    assert watch.seconds == 44


def test_interview_clock_pauses_both_and_switches_question() -> None:
    clock = FakeClock()
    interview = InterviewClock(total=100, question=20, clock=clock)
    assert interview.paused
    interview.resume()
    clock.now += 10
    assert (interview.total.seconds, interview.question.seconds) == (110, 30)
    assert interview.toggle() is True
    clock.now += 60
    assert (interview.total.seconds, interview.question.seconds) == (110, 30)
    interview.toggle()
    interview.switch_question(5)
    clock.now += 1
    assert (interview.total.seconds, interview.question.seconds) == (111, 6)


@pytest.mark.parametrize(
    ("elapsed", "budget", "expected"),
    [
        (0, 600, Pace.ON_PACE),
        (479, 600, Pace.ON_PACE),
        (480, 600, Pace.WARNING),
        (600, 600, Pace.WARNING),
        (601, 600, Pace.OVER),
        (5, 0, Pace.ON_PACE),
    ],
)
def test_pace_warns_at_80_percent_and_over_past_100(elapsed, budget, expected) -> None:
    assert pace(elapsed, budget) is expected


@pytest.mark.parametrize(
    ("elapsed", "budget", "shown", "expected"),
    [
        (125, 600, "7:55 left", Pace.ON_PACE),
        (479.9, 600, "2:01 left", Pace.ON_PACE),
        (480, 600, "2:00 left, wrap up", Pace.WARNING),
        (600, 600, "0:00 left, wrap up", Pace.WARNING),
        (601, 600, "+0:01 over", Pace.OVER),
        (3725, 600, "+52:05 over", Pace.OVER),
        (65, 0, "1:05", Pace.ON_PACE),
    ],
)
def test_a_question_counts_down_then_says_over(elapsed, budget, shown, expected) -> None:
    face = question_face(elapsed, budget)
    assert face.figure + face.words == shown and face.pace is expected


def test_still_needed_is_each_budget_less_its_time_spent() -> None:
    assert still_needed([600, 720, 600], [0, 0, 0]) == 1920
    assert still_needed([600, 720], [650, 120]) == 600  # an overrun needs nothing more


@pytest.mark.parametrize(
    ("elapsed", "needed", "shown", "expected"),
    [
        (0, 1920, "45m left, on pace", Pace.ON_PACE),
        (125, 2000, "43m left, on pace", Pace.ON_PACE),  # 42:55 left covers 33:20
        (900, 1920, "30m left, 2m behind", Pace.WARNING),  # 30:00 left, 32:00 needed
        (901, 1800, "30m left, on pace", Pace.ON_PACE),  # 1 s short: not in whole minutes
        (0.3, 2700, "45m left, on pace", Pace.ON_PACE),  # planned to the minute, at the start
        (960, 1800, "29m left, 1m behind", Pace.WARNING),  # 29:00 left, 30:00 needed
        (2570, 1800, "3m left, 27m behind", Pace.WARNING),  # 2:10 left: they add up to 30
        (2700, 0, "0m left, on pace", Pace.ON_PACE),
        (2701, 0, "+1m over", Pace.OVER),
    ],
)
def test_the_interview_is_on_pace_while_time_left_covers_what_is_needed(
    elapsed, needed, shown, expected
) -> None:
    face = interview_face(elapsed, 2700, needed)
    assert face.figure + face.words == shown and face.pace is expected


def test_the_elapsed_face_is_time_used_against_the_budget() -> None:
    assert elapsed_face(135, 600) == ("2:15", "/10:00", Pace.ON_PACE)
    assert elapsed_face(735, 2700, whole_minutes=True) == ("12", "/45 min", Pace.ON_PACE)
    # Past the budget it says so in words, not only in colour (NO_COLOR, a glance).
    assert elapsed_face(64, 60) == ("1:04", "/1:00 over", Pace.OVER)
    assert elapsed_face(2760, 2700, whole_minutes=True) == ("46", "/45 min over", Pace.OVER)
