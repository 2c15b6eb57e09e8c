"""Loading and checking question banks: the shipped one, and many broken ones.

Every malformed bank names the exact field path, line and a key phrase, so the
messages people see when they edit `questions.toml` stay precise.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tpm_tui.domain.models import Bank
from tpm_tui.storage.bank import BankError, default_bank_path, load_bank, summary
from tpm_tui.storage.tomlfile import Locator as _Locator
from tpm_tui.storage.tomlfile import Problem

# A valid bank; the cases below edit it by line number (the comments), so
# every expected line is easy to check by eye.
BASE = """\
[bank]
title = "Test bank"
role = "Technical Product Manager"

[[competencies]]
id = "communication"
name = "Communication"

[[competencies]]
id = "technical-acumen"
name = "Technical acumen"

[[questions]]
id = "first"
title = "First"
text = "Tell me about a time when you explained a hard idea."
competencies = ["communication"]
minutes = 5
areas = ["Audience", "Outcome"]
follow_ups = ["What would you change?"]

[[questions]]
id = "second"
title = "Second"
text = "Describe a technical trade-off."
competencies = ["technical-acumen"]
seniority = ["mid", "senior"]
areas = ["Options weighed"]
follow_ups = []

[[guidance]]
question = "How long?"
answer = "About 45 minutes."
"""
# Lines of BASE: 1 [bank], 2 title, 5/9 [[competencies]], 6/10 their ids,
# 13 [[questions]] first: 14 id, 15 title, 16 text, 17 competencies, 18 minutes,
# 19 areas, 20 follow_ups; 22 [[questions]] second: 23 id, 24 title, 25 text,
# 26 competencies, 27 seniority, 28 areas, 29 follow_ups; 31 [[guidance]], 33 answer.
Q0 = "questions[0] (id 'first')"
Q1 = "questions[1] (id 'second')"


def edit(changes: dict[int, str], append: str = "", drop: range = range(0)) -> str:
    """BASE with lines replaced (1-based), lines dropped, text appended."""
    lines = BASE.splitlines()
    for number, text in changes.items():
        lines[number - 1] = text
    lines = [line for number, line in enumerate(lines, 1) if number not in drop]
    return "\n".join(lines) + "\n" + append


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "questions.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(BankError) as caught:
        load_bank(path)
    return caught.value.problems


# (id, TOML text, field path, line, phrase in the message)
CASES = [
    ("syntax", edit({15: 'title = "First'}), None, 15, "TOML syntax error"),
    ("no-bank", edit({}, drop=range(1, 4)), "bank", None, "missing required table `[bank]`"),
    ("bank-not-table", edit({1: 'bank = "x"'}, drop=range(2, 4)), "bank", 1, "expected a table"),
    (
        "bank-title-int",
        edit({2: "title = 3"}),
        "bank.title",
        2,
        "expected a string, got 3 (integer)",
    ),
    ("bank-title-empty", edit({2: 'title = ""'}), "bank.title", 2, "must not be empty"),
    ("bank-unknown-key", edit({3: 'role = "x"\nrol = "y"'}), "bank.rol", 4, "did you mean `role`?"),
    (
        "minutes-str",
        edit({18: 'minutes = "5"'}),
        f"{Q0}.minutes",
        18,
        "expected an integer, got '5'",
    ),
    ("minutes-bool", edit({18: "minutes = true"}), f"{Q0}.minutes", 18, "got true (boolean)"),
    ("minutes-neg", edit({18: "minutes = -1"}), f"{Q0}.minutes", 18, "must be 1 to 600 minutes"),
    ("minutes-zero", edit({18: "minutes = 0"}), f"{Q0}.minutes", 18, "must be 1 to 600 minutes"),
    ("minutes-float", edit({18: "minutes = 2.5"}), f"{Q0}.minutes", 18, "got 2.5 (float)"),
    (
        "title-typo",
        edit({15: 'titel = "First"'}),
        f"{Q0}.titel",
        15,
        "unknown key `titel` (did you mean `title`?)",
    ),
    (
        "title-missing",
        edit({15: 'titel = "First"'}),
        f"{Q0}.title",
        13,
        "missing required field `title`",
    ),
    (
        "text-missing",
        edit({}, drop=range(16, 17)),
        f"{Q0}.text",
        13,
        "missing required field `text`",
    ),
    (
        "top-level-key",
        edit({}, append='[[questons]]\nid = "x"\n'),
        None,
        34,
        "unknown top-level key `questons` (did you mean `questions`?)",
    ),
    ("top-level-scalar", "version = 2\n" + BASE, None, 1, "unknown top-level key `version`"),
    (
        "dup-question",
        edit({23: 'id = "first"'}),
        "questions[1] (id 'first').id",
        23,
        "duplicate question id 'first', already used by questions[0], line 14",
    ),
    (
        "dup-competency",
        edit({10: 'id = "communication"'}),
        "competencies[1] (id 'communication').id",
        10,
        "duplicate competency id 'communication'",
    ),
    (
        "unknown-competency",
        edit({17: 'competencies = ["comunication"]'}),
        f"{Q0}.competencies[0]",
        17,
        "unknown competency id 'comunication' (did you mean 'communication'?)",
    ),
    ("empty-text", edit({16: 'text = ""'}), f"{Q0}.text", 16, "must not be empty"),
    ("blank-title", edit({24: 'title = "   "'}), f"{Q1}.title", 24, "must not be empty"),
    (
        "blank-name",
        edit({11: 'name = "\t"'}),
        "competencies[1] (id 'technical-acumen').name",
        11,
        "must not be empty",
    ),
    ("no-areas", edit({28: "areas = []"}), f"{Q1}.areas", 28, "at least one area"),
    (
        "empty-area",
        edit({19: 'areas = ["Audience", ""]'}),
        f"{Q0}.areas[1]",
        19,
        "must not be empty",
    ),
    (
        "blank-follow-up",
        edit({20: 'follow_ups = [" "]'}),
        f"{Q0}.follow_ups[0]",
        20,
        "must not be empty",
    ),
    (
        "follow-up-int",
        edit({20: 'follow_ups = ["Why?", 3]'}),
        f"{Q0}.follow_ups[1]",
        20,
        "expected a string, got 3 (integer)",
    ),
    (
        "areas-string",
        edit({19: 'areas = "a string"'}),
        f"{Q0}.areas",
        19,
        "expected a list of strings, got 'a string'",
    ),
    (
        "bad-seniority",
        edit({27: 'seniority = ["mid", "expert"]'}),
        f"{Q1}.seniority[1]",
        27,
        "expected one of junior, mid, senior, got 'expert'",
    ),
    (
        "seniority-string",
        edit({27: 'seniority = "senior"'}),
        f"{Q1}.seniority",
        27,
        "expected a list of strings",
    ),
    (
        "bad-id",
        edit({14: 'id = "First Question"'}),
        "questions[0] (id 'First Question').id",
        14,
        "invalid id 'First Question'",
    ),
    ("id-int", edit({14: "id = 7"}), "questions[0].id", 14, "expected a string, got 7 (integer)"),
    ("no-questions", edit({}, drop=range(13, 31)), "questions", None, "no questions"),
    (
        "questions-not-tables",
        "questions = ['a']\n" + edit({}, drop=range(13, 31)),
        "questions[0]",
        1,
        "expected a table, got 'a'",
    ),
    ("guidance-empty", edit({33: 'answer = ""'}), "guidance[0].answer", 33, "must not be empty"),
    ("guidance-typo", edit({33: 'answr = "x"'}), "guidance[0].answr", 33, "did you mean `answer`?"),
]


@pytest.mark.parametrize(
    ("text", "field", "line", "phrase"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_malformed_bank(
    tmp_path: Path, text: str, field: str | None, line: int | None, phrase: str
) -> None:
    problems = problems_of(write(tmp_path, text))
    found = [(p.field, p.line, p.message) for p in problems]
    assert any(p.field == field and p.line == line and phrase in p.message for p in problems), found


def test_base_is_valid(tmp_path: Path) -> None:
    bank = load_bank(write(tmp_path, BASE))
    assert [q.id for q in bank.questions] == ["first", "second"]
    assert bank.questions[1].seniority == ("mid", "senior")
    assert bank.questions[0].minutes == 5 and bank.questions[1].minutes is None


def test_shipped_bank_loads() -> None:
    path = default_bank_path()
    assert path.is_file()
    bank = load_bank(path)
    assert isinstance(bank, Bank) and len(bank.questions) == 15
    line = summary(bank, path)
    assert "OK" in line and "15 questions" in line and bank.title in line
    assert "\n" not in line


def test_summary_counts_in_singular(tmp_path: Path) -> None:
    path = write(tmp_path, edit({}, drop=range(9, 12)).replace('["technical-acumen"]', "[]"))
    line = summary(load_bank(path), Path("questions.toml"))
    assert line.startswith("questions.toml: OK — 2 questions, 1 competency, 1 guidance entry (")


def test_syntax_error_position(tmp_path: Path) -> None:
    [problem] = problems_of(write(tmp_path, edit({18: "minutes = = 5"})))
    assert (problem.line, problem.column) == (18, 11)
    assert "(at line" not in problem.message


def test_missing_file(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path / "nope.toml")
    assert problem.message == "no such file" and problem.line is None
    assert str(problem) == f"{tmp_path / 'nope.toml'}: no such file"


def test_directory(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path)
    assert problem.message == "is a folder, not a question bank file"


def test_not_utf8(tmp_path: Path) -> None:
    data = edit({16: 'text = "caf\xe9"'}).encode("latin-1")
    [problem] = problems_of(write(tmp_path, data))
    offset = data.index(b"\xe9")
    assert problem.line == 16 and problem.column == 12
    assert f"not valid UTF-8: byte 0xe9 at offset {offset} (line 16)" in problem.message


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path, BASE)
    path.chmod(0)
    try:
        if path.read_bytes():  # running as root: permissions do not apply
            pytest.skip("root can read anything")
    except PermissionError:
        [problem] = problems_of(path)
        assert "permission denied" in problem.message
    finally:
        path.chmod(0o600)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    assert load_bank(write(tmp_path, b"\xef\xbb\xbf" + BASE.encode())).title == "Test bank"


def test_three_questions_three_problems_at_once(tmp_path: Path) -> None:
    third = (
        '[[questions]]\nid = "third"\ntitle = "T"\ntext = "x"\ncompetencies = []\nfollow_ups = []\n'
    )
    text = edit({18: 'minutes = "5"', 26: 'competencies = ["technical-acumn"]'}, append=third)
    problems = problems_of(write(tmp_path, text))
    assert [(p.field, p.line) for p in problems] == [
        (f"{Q0}.minutes", 18),
        (f"{Q1}.competencies[0]", 26),
        ("questions[2] (id 'third').areas", 34),  # missing: the header's line
    ]
    assert "did you mean 'technical-acumen'?" in problems[1].message


def test_error_lists_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, edit({2: "title = 3", 18: "minutes = true"}))
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert str(caught.value).splitlines() == [str(p) for p in caught.value.problems]
    assert (
        str(caught.value.problems[0])
        == f"{path}:2:1: bank.title: expected a string, got 3 (integer)"
    )


def test_problem_str() -> None:
    problem = Problem(Path("questions.toml"), "expected an integer, got '5'", 12, 5, "q.minutes")
    assert str(problem) == "questions.toml:12:5: q.minutes: expected an integer, got '5'"
    assert str(Problem(Path("b.toml"), "file not found")) == "b.toml: file not found"
    assert str(Problem(Path("b.toml"), "m", 3, field="bank")) == "b.toml:3: bank: m"


def test_messages_are_for_people(tmp_path: Path) -> None:
    for name, text, *_ in CASES:
        for problem in problems_of(write(tmp_path, text)):
            for word in (
                "Traceback",
                "ClassValidationError",
                "IterableValidationError",
                "ForbiddenExtraKeys",
                "cattrs",
                "Structuring",
                "KeyError",
            ):
                assert word not in str(problem), (name, str(problem))


# --- The line locator ----------------------------------------------------------


LOCATOR_TEXT = """\
top = 1
[bank]   # the bank
  title = "x"
"role" = "y"

[[questions]]
id = "a"
[questions.extra]
minutes = 3
[[ questions ]]
minutes = 4
"""


@pytest.mark.parametrize(
    ("table", "index", "key", "expected"),
    [
        ("bank", 0, None, (2, None)),
        ("bank", 0, "title", (3, 3)),  # indented key: column of the key
        ("bank", 0, "role", (4, 1)),  # quoted key
        ("bank", 0, "description", (2, None)),  # missing key: the header
        ("questions", 0, "id", (7, 1)),
        ("questions", 0, "minutes", (6, None)),  # a sub-table ends the block
        ("questions", 1, "minutes", (11, 1)),  # spaces inside the brackets
        ("questions", 2, "id", (None, None)),  # no such element
        ("guidance", 0, "question", (None, None)),  # no such table
        ("top", 0, "x", (1, 1)),  # not a table header: the top-level key
    ],
)
def test_locator_find(table: str, index: int, key: str | None, expected: tuple) -> None:
    assert _Locator(LOCATOR_TEXT).find(table, index, key) == expected


def test_locator_top_level() -> None:
    locator = _Locator(LOCATOR_TEXT)
    assert locator.top_level("top") == (1, 1)
    assert locator.top_level("questions") == (6, None)
    assert locator.top_level("nothing") == (None, None)


# --- Robustness and size -------------------------------------------------------

_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=3),
)
_keys = st.sampled_from(
    ["id", "title", "text", "competencies", "areas", "follow_ups", "seniority", "minutes", "x"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(questions=st.lists(st.dictionaries(_keys, _values), max_size=4), bank=st.booleans())
def test_any_bank_loads_or_raises_bank_error(tmp_path: Path, questions: list, bank: bool) -> None:
    raw: dict = {"questions": [{k: v for k, v in q.items() if v is not None} for q in questions]}
    if bank:
        raw["bank"] = {"title": "T", "role": "R"}
    path = write(tmp_path, tomli_w.dumps(raw))
    try:
        load_bank(path)
    except BankError as error:
        assert error.problems and all(isinstance(p, Problem) for p in error.problems)


def _generated(count: int, broken: bool = False) -> str:
    head = '[bank]\ntitle = "Big"\nrole = "TPM"\n\n[[competencies]]\nid = "c"\nname = "C"\n'
    minutes = '"5"' if broken else "5"
    question = (
        '\n[[questions]]\nid = "q-{0}"\ntitle = "Question {0}"\ntext = "Tell me about {0}."\n'
        'competencies = ["c"]\nminutes = {1}\nareas = ["One", "Two", "Three"]\n'
        'follow_ups = ["Why?", "And then?"]\n'
    )
    return head + "".join(question.format(i, minutes) for i in range(count))


def test_large_bank(tmp_path: Path) -> None:
    path = write(tmp_path, _generated(5000))
    start = time.perf_counter()
    bank = load_bank(path)
    elapsed = time.perf_counter() - start
    assert len(bank.questions) == 5000
    assert elapsed < 5  # generous: a smoke check, the benchmark measures it properly


def test_large_bank_every_question_broken(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, _generated(2000, broken=True)))
    assert len(problems) == 2000
    assert problems[-1].field == "questions[1999] (id 'q-1999').minutes"
    assert problems[-1].line == 7 + 9 * 1999 + 7


# --- hostile text in messages ----------------------------------------------------------

# TOML holds no lone surrogate; a file name can (undecodable bytes: "\\udcff").
HOSTILE = "B\x1b]52;c;aGk=\x1b\\\x1b]0;OWNED\x07\x9b2J\u202egnp"


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, every control escaped (`\\u001b`)."""
    return tomli_w.dumps({"k": text}).split(" = ", 1)[1].strip()


def test_problems_show_keys_ids_and_file_names_visibly(tmp_path: Path) -> None:
    folder = tmp_path / "x\x1b[31m\u202e\udcff"
    folder.mkdir()
    key = "titel\x1b]0;OWNED\x07\nquestions.toml: OK"  # a newline could forge a line
    text = edit(
        {14: f"id = {toml_string('bad' + HOSTILE)}"},
        append=f"{toml_string(key)} = 1\n{toml_string('colour' + HOSTILE)} = 2\n",
    )
    problems = problems_of(write(folder, text))
    shown = "\n".join(map(str, problems))
    assert len(shown.splitlines()) == len(problems) == 3  # one line per problem
    for raw in ("\x1b", "\x9b", "\u202e", "\x07", "\ud800"):
        assert raw not in shown
    assert "`titel␛]0;OWNED␇␊questions.toml: OK`" in shown
    assert "x␛[31m\ufffd\ufffd/questions.toml:" in shown
    shown.encode("utf-8")  # nothing an encoder refuses


def test_summary_shows_the_title_visibly(tmp_path: Path) -> None:
    path = write(tmp_path, edit({2: f"title = {toml_string(HOSTILE)}"}))
    line = summary(load_bank(path), path)
    assert "B␛]52;c;aGk=␛\\␛]0;OWNED␇\ufffd2J\ufffdgnp" in line
    line.encode("utf-8")  # nothing an encoder refuses


def test_a_question_budget_beyond_what_the_app_runs_is_refused(tmp_path: Path) -> None:
    text = default_bank_path().read_text(encoding="utf-8")
    path = tmp_path / "questions.toml"
    # The first question's budget, made absurd: over 100 days.
    path.write_text(text.replace("minutes = ", "minutes = 150000", 1), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert any(
        "minutes" in str(problem) and "1 to 600" in str(problem)
        for problem in caught.value.problems
    ), caught.value.problems


# --- Rubrics ------------------------------------------------------------------

RUBRIC = """\
[questions.rubric]
weak = "No example."
mixed = "An example, vague."
good = "A clear example."
strong = "A clear example and what it taught."
"""
# BASE with a rubric under the first question: lines 21-25, then the second question.
WITH_RUBRIC = edit({20: 'follow_ups = ["What would you change?"]\n' + RUBRIC.rstrip("\n")})


def rubric_edit(changes: dict[int, str]) -> str:
    lines = WITH_RUBRIC.splitlines()
    for number, text in changes.items():
        lines[number - 1] = text
    return "\n".join(lines) + "\n"


def test_a_rubric_loads_with_its_four_levels(tmp_path: Path) -> None:
    bank = load_bank(write(tmp_path, WITH_RUBRIC))
    rubric = bank.questions[0].rubric
    assert rubric is not None and bank.questions[1].rubric is None
    assert [rubric.words(n) for n in (1, 2, 3, 4)] == [
        "No example.",
        "An example, vague.",
        "A clear example.",
        "A clear example and what it taught.",
    ]
    assert bank.rubric("first") == rubric and bank.rubric("nowhere") is None


RUBRIC_CASES = [
    (
        "level-typo",
        rubric_edit({25: 'strng = "x"'}),
        f"{Q0}.rubric.strng",
        25,
        "unknown key `strng` (did you mean `strong`?)",
    ),
    (
        "level-missing",
        rubric_edit({25: ""}),
        f"{Q0}.rubric.strong",
        21,
        "missing required field `strong` (a rubric has all four levels: weak, mixed, good, strong)",
    ),
    (
        "level-empty",
        rubric_edit({23: 'mixed = " "'}),
        f"{Q0}.rubric.mixed",
        23,
        "must not be empty",
    ),
    (
        "level-int",
        rubric_edit({24: "good = 3"}),
        f"{Q0}.rubric.good",
        24,
        "expected a string, got 3 (integer)",
    ),
    (
        "not-a-table",
        edit({20: 'follow_ups = []\nrubric = "good answers"'}),
        f"{Q0}.rubric",
        21,
        "expected a table `[questions.rubric]`, got 'good answers'",
    ),
]


@pytest.mark.parametrize(
    ("text", "field", "line", "phrase"),
    [case[1:] for case in RUBRIC_CASES],
    ids=[c[0] for c in RUBRIC_CASES],
)
def test_malformed_rubric(
    tmp_path: Path, text: str, field: str | None, line: int | None, phrase: str
) -> None:
    problems = problems_of(write(tmp_path, text))
    found = [(p.field, p.line, p.message) for p in problems]
    assert [(p.field, p.line) for p in problems if phrase in p.message] == [(field, line)], found


def test_a_rubric_of_the_second_question_is_found_on_its_own_lines(tmp_path: Path) -> None:
    second = WITH_RUBRIC + RUBRIC.replace("good =", "godo =")
    problems = problems_of(write(tmp_path, second))
    assert [(p.field, p.line) for p in problems if "godo" in p.message] == [
        (f"{Q1}.rubric.godo", 42)
    ]


def test_every_shipped_question_has_a_rubric() -> None:
    bank = load_bank(default_bank_path())
    assert [q.id for q in bank.questions if q.rubric is None] == []
