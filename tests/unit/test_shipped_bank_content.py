"""The shipped question bank matches its source, word for word.

Checks tpm_tui/data/questions.toml against the seed text it was built from
(../shared/seeds/tpm-behavioral-questions.txt, beside the clone): every
question, area to cover, follow-up and FAQ answer, plus the consistency of
ids, competencies, seniority and minutes. Plain stdlib + pytest, no Textual.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BANK_PATH = REPO_ROOT / "tpm_tui" / "data" / "questions.toml"
SEED_PATH = REPO_ROOT.parent / "shared" / "seeds" / "tpm-behavioral-questions.txt"

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SENIORITIES = {"junior", "mid", "senior"}
NAMED_COMPETENCIES = {
    "technical-acumen",
    "strategic-thinking",
    "communication",
    "cross-functional-leadership",
}


def parse_seed(text: str) -> tuple[list[dict], list[tuple[str, str]]]:
    """Return (questions, faq) from the seed text.

    Questions: dicts with text, areas, follow_ups, in source order.
    FAQ: (question, answer) pairs, without the closing advert line.
    """
    lines = [line.rstrip() for line in text.splitlines()]
    start = lines.index("Interview Questions")
    end = lines.index("Frequently Asked Questions")

    questions: list[dict] = []
    section: str | None = None
    for line in lines[start + 1 : end]:
        if not line.strip():
            continue
        if line == "Areas to Cover:":
            section = "areas"
        elif line == "Follow-Up Questions:":
            section = "follow_ups"
        elif line.startswith("- "):
            assert questions and section, f"list item outside a question: {line!r}"
            questions[-1][section].append(line[2:])
        else:
            questions.append({"text": line, "areas": [], "follow_ups": []})
            section = None

    faq_lines = [
        line for line in lines[end + 1 :] if line.strip() and not line.startswith("Interested in")
    ]
    assert len(faq_lines) % 2 == 0, "FAQ is not question/answer pairs"
    faq = list(zip(faq_lines[0::2], faq_lines[1::2], strict=True))
    return questions, faq


@pytest.fixture(scope="module")
def bank() -> dict:
    with BANK_PATH.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def seed() -> tuple[list[dict], list[tuple[str, str]]]:
    if not SEED_PATH.is_file():
        pytest.skip(f"seed file not found at {SEED_PATH} (CI keeps it beside the clone)")
    return parse_seed(SEED_PATH.read_text(encoding="utf-8"))


def test_bank_header(bank):
    assert bank["bank"]["title"] == "Technical Product Manager: behavioral interview"
    assert bank["bank"]["role"] == "Technical Product Manager"


def test_seed_parser_finds_everything(seed):
    questions, faq = seed
    assert len(questions) == 15
    assert all(q["areas"] and q["follow_ups"] for q in questions)
    assert len(faq) == 5


def test_fifteen_questions(bank):
    assert len(bank["questions"]) == 15


def test_questions_match_seed_word_for_word(bank, seed):
    seed_questions, _ = seed
    assert len(bank["questions"]) == len(seed_questions)
    for n, (got, want) in enumerate(zip(bank["questions"], seed_questions, strict=True), 1):
        where = f"question {n} ({got.get('id')})"
        assert got["text"] == want["text"], where
        assert got["areas"] == want["areas"], where
        assert got["follow_ups"] == want["follow_ups"], where


def test_guidance_matches_faq_word_for_word(bank, seed):
    _, faq = seed
    got = [(g["question"], g["answer"]) for g in bank["guidance"]]
    assert got == faq
    assert not any("Yardstick" in q + a for q, a in got)


def test_ids_unique_and_well_formed(bank):
    for kind in ("questions", "competencies"):
        ids = [item["id"] for item in bank[kind]]
        assert len(ids) == len(set(ids)), f"duplicate {kind} ids"
        for item_id in ids:
            assert ID_RE.match(item_id), f"bad {kind} id {item_id!r}"


def test_question_titles_short(bank):
    for q in bank["questions"]:
        assert isinstance(q["title"], str) and 0 < len(q["title"]) <= 32, q["id"]


def test_competencies_defined_and_used(bank):
    defined = {c["id"] for c in bank["competencies"]}
    for c in bank["competencies"]:
        assert c["name"].strip() and c["description"].strip(), c["id"]
    used: set[str] = set()
    for q in bank["questions"]:
        comps = q["competencies"]
        assert 1 <= len(comps) <= 3, q["id"]
        assert len(comps) == len(set(comps)), q["id"]
        unknown = set(comps) - defined
        assert not unknown, f"{q['id']} uses undefined competencies {sorted(unknown)}"
        used.update(comps)
    assert defined - used == set(), f"unused competencies {sorted(defined - used)}"
    assert defined >= NAMED_COMPETENCIES


def test_seniority(bank):
    for q in bank["questions"]:
        sen = q["seniority"]
        assert isinstance(sen, list) and sen, q["id"]
        assert set(sen) <= SENIORITIES, q["id"]
        assert len(sen) == len(set(sen)), q["id"]
    sets = [set(q["seniority"]) for q in bank["questions"]]
    assert any("junior" in s for s in sets), "no question for junior roles"
    assert any(s in ({"senior"}, {"mid", "senior"}) for s in sets), (
        "no question reserved for mid/senior or senior roles"
    )


def test_minutes_positive_ints(bank):
    for q in bank["questions"]:
        minutes = q["minutes"]
        assert isinstance(minutes, int) and not isinstance(minutes, bool), q["id"]
        assert minutes > 0, q["id"]
