"""Benchmarks of the file side: bank loading, listing a big sessions folder, saving.

    python bench/store.py [--runs 5] [--files 10000] [--questions 5000] [--saves 200]

Each line is a median over runs (or saves) next to a baseline measured in the
same run on the same data: what the operation costs at the least (tomllib alone,
a bare directory listing, a plain write without fsync). Everything is generated
in a temporary folder; nothing outside it is touched (the summary cache and the
summary lines' secret too).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import tomli

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# After the path fix, so the script runs from a checkout without installing.
from tpm_tui.domain.models import (
    RECOMMENDATIONS,
    Candidate,
    Interviewer,
    Outcome,
    Question,
    QuestionRecord,
    Session,
    budgets,
)
from tpm_tui.storage.names import session_stem
from tpm_tui.storage.sessionfile import to_toml
from tpm_tui.storage.store import SessionStore, render

PROSE = (
    "the team migrated service latency budget roadmap trade-off stakeholder customer data "
    "metric launch risk dependency architecture api scale outage incident review priority "
    "engineer design decision users revenue experiment rollout deadline scope quality"
)
WORDS = PROSE.split()
NAMES = ("Jane Doe", "Łukasz Żółć", "María José", "Søren Kierkegaard", "李小龙", "O'Brien, Pat")


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def median_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- Data -------------------------------------------------------------------------


def bank_text(questions: int, rng: random.Random) -> str:
    lines = ['[bank]\ntitle = "Generated bank"\nrole = "Technical Product Manager"\n']
    competencies = [f"competency-{n}" for n in range(8)]
    for cid in competencies:
        lines.append(f'[[competencies]]\nid = "{cid}"\nname = "{cid.title()}"\n')
    for n in range(questions):
        areas = ",\n".join(f'    "{sentence(rng, 8)}"' for _ in range(7))
        follow_ups = ",\n".join(f'    "{sentence(rng, 10)}?"' for _ in range(4))
        lines.append(
            f'[[questions]]\nid = "question-{n}"\ntitle = "{sentence(rng, 3)}"\n'
            f'text = "Tell me about a time when {sentence(rng, 14)}"\n'
            f'competencies = ["{rng.choice(competencies)}", "{rng.choice(competencies)}"]\n'
            f'seniority = ["mid", "senior"]\nminutes = {rng.randint(5, 10)}\n'
            f"areas = [\n{areas},\n]\nfollow_ups = [\n{follow_ups},\n]\n"
        )
    lines.append('[[guidance]]\nquestion = "How many questions?"\nanswer = "Five or six."\n')
    return "\n".join(lines)


def shipped_questions() -> list[Question]:
    raw = tomllib.loads((Path(__file__).resolve().parent.parent / "questions.toml").read_text())
    return [
        Question(
            id=q["id"],
            title=q["title"],
            text=q["text"],
            competencies=tuple(q["competencies"]),
            areas=tuple(q["areas"]),
            follow_ups=tuple(q["follow_ups"]),
        )
        for q in raw["questions"]
    ]


def make_session(number: int, rng: random.Random, questions: list[Question]) -> Session:
    """A 5-question interview from the shipped bank, part way through or finished."""
    created = datetime(2026, 11, 28, tzinfo=UTC) - timedelta(minutes=number * 97)
    picked = rng.sample(questions, 5)
    records = [
        QuestionRecord.from_question(q, s) for q, s in zip(picked, budgets(picked, 45), strict=True)
    ]
    for record in records:
        record.elapsed_seconds = rng.randint(60, 600)
        record.rating = rng.choice((None, 1, 2, 3, 4))
        record.notes = "\n".join(sentence(rng, 12) for _ in range(rng.randint(0, 3)))
        for index in range(len(record.areas)):
            if rng.random() < 0.6:
                record.toggle_area(index, rng.randint(0, record.elapsed_seconds))
        for index in range(len(record.follow_ups)):
            if rng.random() < 0.4:
                record.toggle_follow_up(index, rng.randint(0, record.elapsed_seconds))
                record.follow_ups[index].notes = sentence(rng, 8)
    name = f"{rng.choice(NAMES)} {number}"
    session = Session(
        kind=rng.choice(("interview", "interview", "practice")),
        id=session_stem(created, name),
        created_at=created,
        updated_at=created + timedelta(minutes=50),
        minutes=45,
        elapsed_seconds=sum(r.elapsed_seconds for r in records),
        bank_title="Technical Product Manager: behavioral interview",
        candidate=Candidate(name, "Technical Product Manager", rng.choice(("mid", "senior"))),
        interviewer=Interviewer("sam"),
        questions=records,
    )
    if rng.random() < 0.8:
        session.complete(Outcome(rng.choice(RECOMMENDATIONS), sentence(rng, 20)))
    return session


def write_sessions(folder: Path, count: int, sealed: bool) -> None:
    """Files as the store writes them (without an fsync each: this is set-up, not measured)."""
    rng, questions = random.Random(7), shipped_questions()
    folder.mkdir(mode=0o700)
    for number in range(count):
        session = make_session(number, rng, questions)
        text = render(session) if sealed else to_toml(session)
        (folder / f"{session.id}.toml").write_text(text, encoding="utf-8")


# --- Benchmarks -------------------------------------------------------------------


def bench_bank(root: Path, args: argparse.Namespace) -> list[tuple[str, str, str, str, bool]]:
    text = bank_text(args.questions, random.Random(1))
    path = root / "bank.toml"
    path.write_text(text, encoding="utf-8")
    try:
        from tpm_tui.storage.bank import load_bank
    except ImportError:
        missing = "tpm_tui.storage.bank is missing"
        return [(f"load bank, {args.questions} questions", "n/a", missing, "< 0.5 s", False)]
    bank = load_bank(path)
    assert len(bank.questions) == args.questions
    took = median_of(args.runs, lambda: load_bank(path))
    base = median_of(args.runs, lambda: tomli.loads(text))
    stdlib = median_of(args.runs, lambda: tomllib.loads(text))
    label = f"load + validate bank, {args.questions} questions"
    return [
        (label, secs(took), f"{secs(base)} tomli.loads", "< 0.5 s", took < 0.5),
        ("  (stdlib tomllib.loads, same text)", secs(stdlib), "", "(info)", True),
    ]


def bench_scan(root: Path, args: argparse.Namespace) -> list[tuple[str, str, str, str, bool]]:
    folder = root / "sessions"
    start = time.perf_counter()
    write_sessions(folder, args.files, sealed=True)
    print(f"  (generated {args.files} session files in {time.perf_counter() - start:.1f} s)")
    caches = iter(range(10**6))

    def scan(cache: Path) -> None:
        listed = SessionStore(folder, cache_dir=cache).scan()
        assert len(listed) == args.files and all(hasattr(item, "candidate") for item in listed)

    base = median_of(args.runs, lambda: list(os.scandir(folder)))
    cold = median_of(args.runs, lambda: scan(root / f"cache-{next(caches)}"))
    warm_cache = root / "cache-warm"
    scan(warm_cache)
    warm = median_of(args.runs, lambda: scan(warm_cache))
    baseline = f"{secs(base)} os.scandir"
    rows = [
        (f"scan {args.files} files, cold (no cache)", secs(cold), baseline, "< 2 s", cold < 2),
        (f"scan {args.files} files, warm (cache)", secs(warm), baseline, "< 2 s", warm < 2),
    ]
    if args.full_parse:
        # Files another writer made without the summary line: every one is parsed (once).
        plain = root / "plain"
        write_sessions(plain, args.files, sealed=False)
        plain_cache = root / "cache-plain"
        took = median_of(1, lambda: SessionStore(plain, cache_dir=plain_cache).scan())
        again = median_of(args.runs, lambda: SessionStore(plain, cache_dir=plain_cache).scan())
        rows.append(("  no summary lines: first scan", secs(took), baseline, "(info)", True))
        rows.append(("  no summary lines: next scans", secs(again), baseline, "< 2 s", again < 2))
    return rows


def bench_save(root: Path, args: argparse.Namespace) -> list[tuple[str, str, str, str, bool]]:
    store = SessionStore(root / "saves", cache_dir=root / "cache-saves")
    session = make_session(0, random.Random(3), shipped_questions())
    path = store.create(session)
    data = render(session).encode("utf-8")
    plain = root / "plain.toml"

    def timings(action: Callable[[], object]) -> list[float]:
        times = []
        for _ in range(args.saves):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        return times

    def write_plain() -> None:
        with open(plain, "wb") as file:
            file.write(data)

    saves, base = timings(lambda: store.save(session, path)), timings(write_plain)
    p95, base_p95 = percentile(saves, 95), percentile(base, 95)
    label = f"save a 5-question session ({len(data) // 1024} KiB)"
    median, base_median = statistics.median(saves), statistics.median(base)
    return [
        (f"{label}, median", ms(median), f"{ms(base_median)} plain write", "", True),
        (f"{label}, p95", ms(p95), f"{ms(base_p95)} plain write", "< 10 ms", p95 < 0.010),
    ]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def secs(value: float) -> str:
    return f"{value:.3f} s"


def ms(value: float) -> str:
    return f"{value * 1000:.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--files", type=int, default=10_000, help="session files to list")
    parser.add_argument("--questions", type=int, default=5_000, help="questions in the bank")
    parser.add_argument("--saves", type=int, default=200, help="saves for the latency figures")
    parser.add_argument(
        "--no-full-parse",
        dest="full_parse",
        action="store_false",
        help="skip listing files without summary lines (the slowest step, about 15 s)",
    )
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="tpm-tui-bench-") as temp:
        root = Path(temp)
        # The summary lines' secret lives in the user data folder: keep it in here too.
        os.environ["XDG_DATA_HOME"] = str(root / "data")
        for bench in (bench_bank, bench_scan, bench_save):
            print(f"running {bench.__name__} ...", flush=True)
            rows += bench(root, args)
    header = ("measurement", "median", "baseline", "target", "")
    table = [header] + [
        (*row[:4], ("PASS" if row[4] else "FAIL") if row[3] else "") for row in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    print()
    for row in table:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
