"""Blind until you submit: the rule, the mask, and every report format under it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from panel_helpers import interview, three_panel

from tpm_tui.domain.blind import HIDDEN, Blindfold, blindfold, hidden, mask
from tpm_tui.domain.listing import summarize
from tpm_tui.domain.models import Outcome
from tpm_tui.domain.report import as_csv, as_json, markdown, question_rows
from tpm_tui.domain.reviewing import Entry


def test_you_are_blind_to_a_candidate_you_are_still_interviewing() -> None:
    ana, sam, lee = three_panel()
    mine = interview("Lee", ratings={"trade-off": 2})  # unfinished: no outcome
    rule = blindfold("lee", [ana, sam, mine])  # names compared as candidate_key does
    assert rule.pending == {"jane doe"}
    assert rule.hides(ana) and rule.hides(sam)
    assert not rule.hides(mine)  # your own sessions always show
    assert not rule.hides(lee)  # ... completed ones too


def test_after_you_complete_yours_everything_shows() -> None:
    ana, sam, lee = three_panel()
    rule = blindfold("Lee", [ana, sam, lee])
    assert not rule.blind
    assert rule.apply([ana, sam]) == [ana, sam]


def test_practice_and_people_not_on_the_panel_are_unaffected() -> None:
    ana, sam, _ = three_panel()
    mine = interview("Lee", ratings={})
    other = interview("Ana", candidate="John Roe", ratings={"trade-off": 4})
    practice = interview("Ana", ratings={"trade-off": 4}, kind="practice")
    rule = blindfold("Lee", [mine, other, practice])
    assert not rule.hides(other) and not rule.hides(practice)
    # Someone with no unfinished session sees everything.
    assert not blindfold("Kim", [ana, sam, mine]).blind
    # Your practice of a candidate's name makes nobody blind.
    assert not blindfold("Lee", [interview("Lee", ratings={}, kind="practice")]).blind


def test_the_same_candidate_spelled_another_way_is_the_same_candidate() -> None:
    ana = three_panel()[0]
    mine = interview("Lee", candidate="  JANE   doe ", ratings={})
    assert blindfold("Lee", [mine]).hides(ana)


def test_the_rule_reads_listing_rows_too() -> None:
    ana = three_panel()[0]
    mine = interview("Lee", ratings={})
    rows = [summarize(s, Path(f"{s.id}.toml")) for s in (ana, mine)]
    rule = blindfold("Lee", rows)
    row = rule.row(rows[0])
    assert (row.average_rating, row.recommendation, row.hidden) == (None, None, True)
    assert rule.row(rows[1]) is rows[1]
    entry = Entry(row)  # what the review list shows and filters on
    assert "Strong yes" not in entry.texts and "3.3" not in entry.texts
    assert entry.texts.count("hidden") == 2
    assert "strong yes" not in entry.haystack


def test_mask_takes_out_every_verdict_and_keeps_what_was_asked() -> None:
    ana = three_panel()[0]
    masked = mask(ana)
    assert hidden(masked) and not hidden(ana)
    assert masked.outcome is None and masked.draft is None
    assert all(q.rating is None for q in masked.questions)
    assert masked.questions[0].notes == HIDDEN
    assert masked.questions[2].notes == HIDDEN  # no note written: it says the same
    assert masked.questions[0].follow_ups[0].notes == HIDDEN
    assert masked.questions[0].covered == 3 and masked.questions[0].asked == 1
    assert ana.outcome is not None and ana.questions[0].rating == 4  # the original is intact


def _secrets() -> tuple[str, ...]:
    return ("Strong yes", "strong_yes", "Weighed", "owned the call", "load tests",
            "Clear thinker", "Structured", "Little data work", "3.3")  # fmt: skip


def test_markdown_json_and_csv_of_a_masked_session_say_hidden() -> None:
    masked = Blindfold("Lee", frozenset({"jane doe"})).apply(three_panel()[:1])
    md = markdown(masked[0])
    assert f"**Recommendation: {HIDDEN}**" in md
    assert f"average rating {HIDDEN}" in md
    assert f"- Rating: {HIDDEN}" in md
    data = json.loads(as_json(masked))[0]
    assert data["hidden"] == HIDDEN and "outcome" not in data
    assert all("rating" not in q for q in data["questions"])
    # Left out, not a note that reads "hidden until…": `hidden` says why.
    assert all("notes" not in q for q in data["questions"])
    assert all("notes" not in f for q in data["questions"] for f in q["follow_ups"])
    assert "Weighed" in as_json(three_panel()[:1])  # the notes of a session you may see
    # Every verdict's cell says so (an empty one reads "none written"), the scorecard's
    # columns too when a session you may see has them.
    rows = list(csv.DictReader(io.StringIO(as_csv([*masked, three_panel()[1]]))))
    verdicts = ("recommendation", "average_rating", "strengths", "concerns", "notes")
    assert {rows[0][column] for column in verdicts} == {HIDDEN}
    columns = [column for column in rows[0] if column.startswith("competency:")]
    assert columns and {rows[0][column] for column in columns} == {HIDDEN}
    assert HIDDEN not in rows[1].values()
    for text in (md, as_json(masked), as_csv(masked)):
        for secret in _secrets():
            assert secret not in text, (secret, text)


def test_a_session_you_may_see_is_reported_whole() -> None:
    ana = three_panel()[0]
    md = markdown(ana)
    assert "Strong yes" in md and HIDDEN not in md
    assert "hidden" not in json.loads(as_json([ana]))[0]


def test_an_outcome_is_a_verdict_even_without_ratings() -> None:
    only_outcome = interview("Ana", ratings={}, outcome=Outcome("no", "Meh."))
    masked = mask(only_outcome)
    md = markdown(masked)
    assert "Meh." not in md
    assert f"**Recommendation: {HIDDEN}**" in md


def test_hidden_notes_read_the_same_whether_or_not_one_was_written() -> None:
    ana = three_panel()[0]
    ana.questions[1].follow_ups[0].notes = "Noted, not asked"
    masked = mask(ana)
    assert [q.notes for q in masked.questions] == [HIDDEN] * 3
    follow_ups = [(f.asked, f.notes) for q in masked.questions for f in q.follow_ups]
    assert follow_ups == [(True, HIDDEN), (False, ""), (False, "")]  # asked shows anyway
    md = markdown(masked)
    assert md.count(f"> {HIDDEN}") == 4 and "Noted" not in md  # 3 questions, 1 follow-up
    assert md.count("(not asked)") == 0
    notes = [row["notes"] for row in question_rows([masked])]
    assert notes == [HIDDEN] * 3
