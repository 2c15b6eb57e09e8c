"""Benchmark of the review screen on a big sessions folder.

    python bench/review.py [--files 10000] [--runs 3] [--keys 50] [--size 160x48]

Generates session files in a temporary folder, then measures, in process with
`run_test`:

- start: from entering `run_test` until the review table has rows and has been
  painted, cold (no summary cache) and warm (the cache of an earlier scan);
- cursor: the time per `down` key, pressed `--keys` times once the table is full;

each the median of `--runs`, next to a baseline: an app showing an empty
DataTable (start), and the same keys on it (cursor: what a key costs Pilot and
Textual at the least). Nothing outside the temporary folder is touched.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# After the path fix, so the script runs from a checkout without installing.
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from tpm_tui.app import make_app
from tpm_tui.context import AppContext, ReviewRequest
from tpm_tui.domain.models import (
    RECOMMENDATIONS,
    Bank,
    Candidate,
    Interviewer,
    Outcome,
    new_session,
)
from tpm_tui.screens.review import ReviewScreen
from tpm_tui.storage.bank import default_bank_path, load_bank
from tpm_tui.storage.names import session_stem
from tpm_tui.storage.store import SessionStore, render
from tpm_tui.widgets.review_table import ReviewTable

Timing = tuple[float, float, float]  # start, wall per key, CPU per key
NAMES = ("Jane Doe", "Łukasz Żółć", "María José", "李小龙", "O'Brien, Pat", "Sam Lee")
INTERVIEWERS = ("sam", "ali", "kim", "jo", None)


def write_sessions(folder: Path, count: int, bank: Bank) -> None:
    """Files as the store writes them (sealed), without an fsync each: set-up, not measured."""
    rng = random.Random(7)
    folder.mkdir(mode=0o700, parents=True)
    for number in range(count):
        kind = rng.choice(("interview", "interview", "practice"))
        interviewer = rng.choice(INTERVIEWERS) if kind == "interview" else None
        session = new_session(
            kind=kind,
            session_id="",
            bank=bank,
            questions=rng.sample(bank.questions, 5),
            candidate=Candidate(f"{rng.choice(NAMES)} {number}", "Technical Product Manager",
                                rng.choice(("junior", "mid", "senior"))),
            minutes=45,
            interviewer=Interviewer(interviewer) if interviewer else None,
        )  # fmt: skip
        session.created_at = session.updated_at = datetime(2026, 11, 28, tzinfo=UTC) - timedelta(
            minutes=number * 97
        )
        for record in session.questions:
            record.rating = rng.choice((None, 1, 2, 3, 4))
            for index in range(len(record.areas)):
                if rng.random() < 0.6:
                    record.toggle_area(index, rng.randint(0, 600))
        if rng.random() < 0.8:
            session.complete(Outcome(rng.choice(RECOMMENDATIONS), "Solid on data."))
        session.id = session_stem(session.created_at, session.candidate.name)
        (folder / f"{session.id}.toml").write_text(render(session), encoding="utf-8")


class EmptyTable(App[None]):
    """The baseline: an app showing an empty DataTable."""

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable(cursor_type="row")
        table.add_columns(*"abcdefghijkl")
        yield table


async def _painted(widget: DataTable[object]) -> None:
    done = asyncio.Event()
    widget.call_after_refresh(done.set)
    await done.wait()


async def run_review(context: AppContext, size: tuple[int, int], keys: int) -> Timing:
    """Seconds to a painted table with rows; per `down` key, wall and CPU."""
    start = time.perf_counter()
    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        while True:
            screen = app.screen
            if isinstance(screen, ReviewScreen):
                table = screen.query_one(ReviewTable)
                if table.row_count:
                    break
            await asyncio.sleep(0.001)
        await _painted(table)
        took = time.perf_counter() - start
        await pilot.pause()
        per_key, cpu = await _press_down(pilot, keys)
        assert table.cursor_row == keys, table.cursor_row
    return took, per_key, cpu


async def run_baseline(size: tuple[int, int], keys: int) -> Timing:
    start = time.perf_counter()
    app = EmptyTable()
    async with app.run_test(size=size) as pilot:
        table = app.query_one(DataTable)
        await _painted(table)
        took = time.perf_counter() - start
        await pilot.pause()
        per_key, cpu = await _press_down(pilot, keys)
    return took, per_key, cpu


async def _press_down(pilot: object, keys: int) -> tuple[float, float]:
    """Seconds per key: wall time (with Pilot's wait for idle) and CPU time."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(keys):
        await pilot.press("down")  # type: ignore[attr-defined]
    return (time.perf_counter() - start) / keys, (time.process_time() - cpu) / keys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keys", type=int, default=50)
    parser.add_argument("--size", default="160x48", help="terminal size, e.g. 80x24")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    size = (width, height)
    bank = load_bank(default_bank_path())
    root = Path(tempfile.mkdtemp(prefix="tpm-bench-review-"))
    try:
        folder = root / "sessions"
        began = time.perf_counter()
        write_sessions(folder, args.files, bank)
        print(f"generated {args.files} session files in {time.perf_counter() - began:.1f} s")

        def context(cache: Path) -> AppContext:
            store = SessionStore(folder, cache_dir=cache)
            return AppContext(
                bank=bank, bank_path=default_bank_path(), store=store, start=ReviewRequest()
            )

        cold, warm, base = [], [], []
        for run in range(args.runs):
            cold.append(asyncio.run(run_review(context(root / f"cold-{run}"), size, args.keys)))
            warm.append(asyncio.run(run_review(context(root / "cold-0"), size, args.keys)))
            base.append(asyncio.run(run_baseline(size, args.keys)))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    def median(results: list[Timing], index: int) -> float:
        return statistics.median(result[index] for result in results)

    print(f"review of {args.files} sessions at {width}x{height}, median of {args.runs}:")
    rows = [
        ("start to table painted, cold cache", median(cold, 0), median(base, 0), 2.0),
        ("start to table painted, warm cache", median(warm, 0), median(base, 0), 2.0),
        ("cursor down, per key (Pilot, wall)", median(warm, 1), median(base, 1), None),
        ("cursor down, per key (CPU)", median(warm, 2), median(base, 2), None),
    ]
    ok = True
    for label, took, baseline, limit in rows:
        verdict = ""
        if limit is not None:
            ok = ok and took < limit
            verdict = f"  (goal < {limit:g} s: {'ok' if took < limit else 'MISSED'})"
        print(f"  {label:<36} {took * 1000:8.0f} ms   baseline (empty DataTable) "
              f"{baseline * 1000:6.0f} ms{verdict}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
