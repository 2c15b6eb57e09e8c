"""Reports as their readers see them: Markdown for hiring docs, CSV, JSON."""

from __future__ import annotations

import csv
import io
import json

import attrs
import pytest
from cattrs.preconf.json import make_converter

from tpm_tui.domain.models import (
    Bank,
    BankInfo,
    Candidate,
    Competency,
    Interviewer,
    Outcome,
    Question,
    Rubric,
    Session,
    new_session,
)
from tpm_tui.domain.report import (
    CSV_COLUMNS,
    FORMATS,
    as_csv,
    as_json,
    clock,
    csv_rows,
    escape_line,
    markdown,
    markdown_many,
    render,
)

BANK = Bank(
    bank=BankInfo(title="TPM behavioral", role="Technical Product Manager"),
    competencies=(Competency("technical-acumen", "Technical acumen"),),
    questions=(
        Question(
            id="technical-trade-off",
            title="Technical trade-off",
            text="Tell me about a time when you made a technical trade-off.",
            competencies=("technical-acumen",),
            areas=("The constraints", "The options weighed", "The decision and why"),
            follow_ups=("What would you do differently?", "Who disagreed?"),
            minutes=9,
        ),
        Question(
            id="conflict",
            title="",
            text="Tell me about a conflict.",
            competencies=("technical-acumen",),
            areas=("Both sides", "The resolution"),
            follow_ups=("What did you learn?",),
        ),
    ),
)

HOSTILE = "# not a heading\n[bold]x[/\n- not a list\n1. nor this\n<!-- nor a comment"


def make_session(name: str = "Jane Doe", **kwargs: object) -> Session:
    return new_session(
        kind="interview",
        session_id=f"2026-11-28-1002-{name.lower().replace(' ', '-')}",
        bank=BANK,
        questions=BANK.questions,
        candidate=Candidate(name, "Technical Product Manager", "senior"),
        minutes=45,
        interviewer=Interviewer("sam"),
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def session() -> Session:
    session = make_session()
    first, second = session.questions
    first.toggle_area(0, 45)
    first.toggle_area(2, 300)
    first.rating = 3
    first.elapsed_seconds = 372
    first.notes = "Clear on constraints.\nVague on metrics."
    first.toggle_follow_up(1, 200)
    first.follow_ups[1].notes = "The platform team.\nResolved with data."
    second.rating = 2
    second.elapsed_seconds = 600
    session.elapsed_seconds = 41 * 60 + 12
    session.complete(Outcome("yes", "Solid hire."))
    return session


def lines_of(text: str) -> list[str]:
    return text.splitlines()


# --- clock -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (45, "0:45"), (425, "7:05"), (3599, "59:59"), (3723, "1:02:03"), (-5, "-0:05")],
)
def test_clock(seconds: int, shown: str) -> None:
    assert clock(seconds) == shown


# --- Markdown --------------------------------------------------------------------


def test_markdown_opens_with_who_the_verdict_and_a_table(session: Session) -> None:
    md = markdown(session, BANK)
    lines = lines_of(md)
    assert lines[0] == "# Jane Doe — Technical Product Manager"
    assert lines[2] == (
        f"Interviewer: sam · Seniority: senior · {session.created_at:%Y-%m-%d %H:%M} UTC"
        " · 41:12 of 45:00"
    )
    assert lines[4] == "**Recommendation: Yes** · average rating 2.5 · areas covered 2 of 5"
    assert lines[6:10] == [
        "| # | Question | Rating | Time | Areas |",
        "| ---: | --- | --- | --- | --- |",
        "| 1 | Technical trade-off | 3 good | 6:12 of 9:00 | 2 of 3 |",
        "| 2 | conflict | 2 mixed | 10:00 of 22:30 | 0 of 2 |",
    ]
    assert "**Overall notes**" in lines and "> Solid hire." in lines
    # No internal noise: the session id, the kind of an interview, a question count.
    assert session.id not in md and "Kind:" not in md and "Questions: 2" not in md


def test_markdown_question_sections(session: Session) -> None:
    lines = lines_of(markdown(session, BANK))
    assert "### 1. Technical trade-off" in lines
    assert "### 2. conflict" in lines  # no title: the id stands in
    assert "> Tell me about a time when you made a technical trade-off." in lines
    assert "- Time: 6:12 of 9:00" in lines
    assert "- Rating: 3 good" in lines
    assert "- Competencies: Technical acumen" in lines  # names, not ids
    assert "**Covered (2 of 3)**" in lines
    assert "- The constraints (0:45)" in lines
    assert "- The decision and why (5:00)" in lines
    assert "**Missed (1)**" in lines
    assert "- The options weighed" in lines
    # Each area once: covered or missed, never both.
    for area in ("The constraints", "The options weighed", "The decision and why"):
        assert sum(area in line for line in lines) == 1, area
    assert "**Follow-ups asked (1 of 2)**" in lines
    assert "- Who disagreed? (3:20)" in lines
    assert not any("What would you do differently?" in line for line in lines)
    # The follow-up's note sits indented beneath it, line breaks kept.
    at = lines.index("- Who disagreed? (3:20)")
    assert lines[at + 2 : at + 4] == ["  > The platform team.  ", "  > Resolved with data."]
    assert "**Notes**" in lines
    assert "> Clear on constraints.  " in lines


def test_over_budget_says_by_how_much(session: Session) -> None:
    session.questions[0].elapsed_seconds = 600
    assert "| 1 | Technical trade-off | 3 good | 10:00 of 9:00 (+1:00 over) | 2 of 3 |" in (
        markdown(session)
    )


def test_an_interview_over_its_length_says_by_how_much(session: Session) -> None:
    session.elapsed_seconds = 45 * 60 + 19  # as the question table and sections do
    assert " · 45:19 of 45:00 (+0:19 over)" in markdown(session).splitlines()[2]


def test_no_missed_list_when_all_covered(session: Session) -> None:
    second = session.questions[1]
    second.toggle_area(0, 10)
    second.toggle_area(1, 20)
    part = markdown(session).split("### 2. conflict")[1]
    assert "**Covered (2 of 2)**" in part
    assert "**Missed" not in part


def test_unrated_and_no_recommendation() -> None:
    session = make_session()
    md = markdown(session)
    assert "**Recommendation: not given** · average rating — · areas covered 0 of 5" in md
    assert lines_of(md)[2].endswith("· in progress")
    assert "- Rating: unrated" in lines_of(md)
    assert "Overall notes" not in md and "## Scorecard" not in md


def test_the_scorecard_with_names_strengths_and_concerns(session: Session) -> None:
    assert session.outcome is not None
    session.outcome.competencies = {"technical-acumen": 3, "gone-from-the-bank": 2}
    session.outcome.strengths = ["Owns outcomes"]
    session.outcome.concerns = ["Vague on metrics", "Talks over | people"]
    lines = lines_of(markdown(session, BANK))
    at = lines.index("## Scorecard")
    assert lines[at + 2 : at + 6] == [
        "| Competency | Rating |",
        "| --- | --- |",
        "| Technical acumen | 3 good |",
        "| gone-from-the-bank | 2 mixed |",  # not in the bank: the id stands in
    ]
    assert lines.index("**Strengths**") < lines.index("**Concerns**") < lines.index("## Questions")
    assert "- Owns outcomes" in lines and "- Talks over | people" in lines


def test_the_rubric_words_for_the_rating_given(session: Session) -> None:
    rubric = Rubric("No example.", "Vague.", "Clear example and result.", "Also what it taught.")
    question = attrs.evolve(BANK.questions[0], rubric=rubric)
    bank = attrs.evolve(BANK, questions=(question, BANK.questions[1]))
    lines = lines_of(markdown(session, bank))
    assert "- Rating: 3 good: Clear example and result." in lines
    assert "- Rating: 2 mixed" in lines  # the second question has no rubric


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # Ordinary text is left alone: nothing here could change the Markdown.
        ("2 * 3 and a_b or snake_case_name", "2 * 3 and a_b or snake_case_name"),
        ("a < b, [x] done, ~5 min, 100% & more", "a < b, [x] done, ~5 min, 100% & more"),
        ("C:\\temp\\new", "C:\\temp\\new"),
        ("one `tick", "one `tick"),
        # What would emphasise, strike, quote code, link, open a tag or an entity is escaped.
        ("*bold* and _it_", "\\*bold\\* and \\_it\\_"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("`code`", "\\`code\\`"),
        ("[site](http://x)", "[site\\](http://x)"),
        ("<b>hi</b> <!-- x", "\\<b>hi\\</b> \\<!-- x"),
        ("&amp; &#38;", "\\&amp; \\&#38;"),
        ("a \\* b", "a \\\\* b"),
        # And what would turn the line into something else.
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. nor this", "1\\. nor this"),
        ("> nor a quote", "\\> nor a quote"),
        ("---", "\\---"),
        ("[ ] nor a task box", "\\[ ] nor a task box"),
        ("#hashtag stays", "#hashtag stays"),
    ],
)
def test_escaping_only_what_would_change_the_markdown(text: str, shown: str) -> None:
    assert escape_line(text) == shown


def test_hostile_text_keeps_structure(session: Session) -> None:
    session.candidate.name = "# Eve\n[bold]x[/"
    session.questions[0].notes = HOSTILE
    session.questions[0].follow_ups[1].notes = HOSTILE
    session.questions[0].areas[0].text = "- sneaky `code` | pipe"
    session.questions[0].title = "A | B"
    session.outcome = Outcome("no", HOSTILE)
    md = markdown(session)
    lines = lines_of(md)
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "# \\# Eve [bold]x[/ — Technical Product Manager",
        "## Questions",
        "### 1. A | B",
        "### 2. conflict",
    ]
    assert "| 1 | A \\| B | 3 good | 6:12 of 9:00 | 2 of 3 |" in lines  # the table holds
    # An open HTML comment would hide the rest of the report.
    assert "<!--" not in md.replace("\\<!--", "")
    assert "> \\<!-- nor a comment" in lines
    assert "> \\# not a heading  " in lines
    assert "  > \\- not a list  " in lines
    assert "> 1\\. nor this  " in lines
    assert "- \\- sneaky \\`code\\` | pipe (0:45)" in lines


def test_control_characters_made_visible(session: Session) -> None:
    session.candidate.name = "Mal\x1b[31mory\x07"
    session.questions[0].notes = "bell\x07 del\x7f c1\x9b\x0b end"
    md = markdown(session)
    assert lines_of(md)[0].startswith("# Mal␛[31mory␇ — ")
    assert "> bell␇ del␡ c1\ufffd␋ end" in lines_of(md)
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in md)


def test_crlf_is_a_line_break(session: Session) -> None:
    session.questions[0].notes = "one\r\ntwo\rthree"
    lines = lines_of(markdown(session))
    assert "> one  " in lines
    assert "> two␍three" in lines


def test_markdown_many_and_render(session: Session) -> None:
    other = make_session("Ann Lee")
    both = markdown_many([session, other])
    assert both.count("\n---\n") == 1
    assert "\n\n---\n\n" in both  # a blank line first: else `---` underlines a heading
    assert both.startswith(markdown(session))
    assert both.endswith(markdown(other))
    assert render([session], "md") == markdown(session)
    assert render([session], "json") == as_json([session])
    assert render([session], "csv") == as_csv([session])
    assert FORMATS == ("md", "json", "csv")
    with pytest.raises(ValueError, match="unknown format"):
        render([session], "pdf")


# --- CSV -------------------------------------------------------------------------


def test_csv_one_row_per_session(session: Session) -> None:
    other = make_session("Ann Lee")
    other.questions[0].toggle_area(1, 30)
    text = as_csv([session, other])
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    assert text.splitlines()[0] == (
        "id,kind,status,date,candidate,role,seniority,interviewer,questions,"
        "areas_covered,areas_total,average_rating,recommendation,minutes,"
        "strengths,concerns,notes"
    )
    rows = list(reader)
    assert len(rows) == 2
    first, second = rows
    assert first["candidate"] == "Jane Doe"
    assert first["status"] == "completed"
    assert first["date"] == f"{session.created_at:%Y-%m-%d %H:%M}"
    assert (first["questions"], first["areas_covered"], first["areas_total"]) == ("2", "2", "5")
    assert first["average_rating"] == "2.5"
    assert first["recommendation"] == "yes"
    assert first["minutes"] == "45"
    assert second["candidate"] == "Ann Lee"
    assert (second["areas_covered"], second["average_rating"]) == ("1", "")
    assert second["recommendation"] == ""
    assert rows == csv_rows([session, other])


def test_csv_quoting_and_formula_injection(session: Session) -> None:
    session.candidate.name = '=HYPERLINK("http://x","y"), "Jr"\nline'
    session.candidate.role = "+1"
    session.interviewer = Interviewer("@sam\x1b")
    other = make_session("-Dash")
    rows = list(csv.DictReader(io.StringIO(as_csv([session, other]))))
    assert rows[0]["candidate"] == '\'=HYPERLINK("http://x","y"), "Jr"\nline'
    assert rows[0]["role"] == "'+1"
    assert rows[0]["interviewer"] == "'@sam␛"
    assert rows[1]["candidate"] == "'-Dash"
    assert rows[1]["id"] == "2026-11-28-1002--dash"


# --- JSON ------------------------------------------------------------------------


def test_json_round_trips_exact_text(session: Session) -> None:
    session.questions[0].notes = "esc\x1b[31m bell\x07 c1\x9b del\x7f [bold]x[/ \r\n end"
    text = as_json([session, make_session("Ann Lee")])
    assert "\x9b" not in text and "\x7f" not in text  # escaped, not raw
    data = json.loads(text)
    assert isinstance(data, list) and len(data) == 2
    first = data[0]
    assert first["format"] == "tpm-tui.session/1"
    assert first["created_at"].endswith("Z")
    assert first["questions"][0]["notes"] == session.questions[0].notes
    assert first["questions"][0]["areas"][0] == {
        "text": "The constraints",
        "covered": True,
        "covered_at": 45,
    }
    assert "covered_at" not in first["questions"][0]["areas"][1]  # absent, not null
    assert "rating" not in data[1]["questions"][0]
    assert "outcome" not in data[1] and "completed_at" not in data[1]
    assert make_converter().structure(first, Session) == session


def test_json_empty_list() -> None:
    assert json.loads(as_json([])) == []


def test_json_escapes_bidi_controls_and_lone_surrogates(session: Session) -> None:
    # Raw, U+202E displays the rest of the line reversed; a lone surrogate (from
    # an undecodable byte) makes writing the report fail.
    session.candidate.name = "Jane\u202eeoD \u2066x\u2069 \u2028 \udcff"
    text = as_json([session])
    text.encode("utf-8")
    for raw in ("\u202e", "\u2066", "\u2069", "\u2028", "\udcff"):
        assert raw not in text
    assert "\\u202e" in text and "\\udcff" in text
    assert json.loads(text)[0]["candidate"]["name"] == session.candidate.name
