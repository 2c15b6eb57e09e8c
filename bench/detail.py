"""Benchmark of the detail view on huge session files: the screen must stay responsive.

    python bench/detail.py [--runs 3] [--areas 100000] [--note-mb 10] [--size 80x24]

Writes, in a temporary folder, a session with one question of `--areas` areas and
one with a `--note-mb` MB note, then measures in process with `run_test`, for
each and for an ordinary 3-question session (the baseline):

- open: from `enter` on the review list until the session's header is painted
  (what is on screen, read back from Textual's compositor);
- raw: from `t` until the raw TOML is painted;
- more: from `m` (the next page of a long session) until it is painted;
- stall: the longest time the event loop did not run meanwhile (a frozen
  screen: no key, no repaint), from a task that wakes every 10 ms;

and, for the note, resuming it into the session screen (the notes editor
loaded with the whole note): start to painted, and its longest stall.
Each figure is the median of `--runs`. Nothing outside the temporary folder is
touched.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# After the path fix, so the script runs from a checkout without installing.
from textual.app import App

from tpm_tui.app import make_app
from tpm_tui.context import AppContext, ResumeRequest, ReviewRequest
from tpm_tui.domain.models import AreaTick, Bank, Candidate, Interviewer, Session, new_session
from tpm_tui.screens.detail import DetailScreen
from tpm_tui.screens.review import ReviewScreen
from tpm_tui.storage.bank import default_bank_path, load_bank
from tpm_tui.storage.store import SessionStore

LINE = "The candidate walked through the payments migration, step by step, with numbers.\n"
PICK = ("technical-trade-off", "data-informed-decision", "adapting-the-roadmap")
Timing = tuple[float, float]  # seconds to painted, longest stall
Runs = tuple[Timing, Timing, Timing]  # open, raw, more
STEPS = [(step, part) for step in (0, 1, 2) for part in (0, 1)]  # each figure of a Runs


def big_session(bank: Bank, name: str, areas: int = 0, note_bytes: int = 0) -> Session:
    questions = [bank.question(qid) for qid in (PICK if not (areas or note_bytes) else PICK[:1])]
    session = new_session(
        kind="interview",
        session_id="",
        bank=bank,
        questions=questions,
        candidate=Candidate(name, "Technical Product Manager", "senior"),
        minutes=45,
        interviewer=Interviewer("sam"),
    )
    record = session.questions[0]
    if areas:
        record.areas = [
            AreaTick(f"Area {n}: what they weighed, whom they asked, what they chose", n % 3 == 0,
                     5 if n % 3 == 0 else None)
            for n in range(areas)
        ]  # fmt: skip
    if note_bytes:
        record.notes = (LINE * (note_bytes // len(LINE) + 1))[:note_bytes]
    return session


def screen_text(app: App[None]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


class StallWatch:
    """The longest gap between wake-ups of a task that sleeps 10 ms: a frozen loop."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - 0.01)
            last = now

    def start(self) -> None:
        self.longest = 0.0
        self._task = asyncio.get_running_loop().create_task(self._watch())

    def stop(self) -> float:
        if self._task is not None:
            self._task.cancel()
        return self.longest


async def _until(app: App[None], shown: Callable[[str], bool], limit: float = 600.0) -> None:
    deadline = time.perf_counter() + limit
    while not shown(screen_text(app)):
        if time.perf_counter() > deadline:
            raise TimeoutError(screen_text(app))
        await asyncio.sleep(0.005)


async def open_detail(context: AppContext, size: tuple[int, int]) -> Runs:
    """Enter to the session painted, m to its next page, t to the raw TOML painted."""
    app = make_app(context)
    watch = StallWatch()
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        watch.start()
        start = time.perf_counter()
        await pilot.press("enter")
        await _until(app, lambda text: isinstance(app.screen, DetailScreen) and " question" in text)
        opened = (time.perf_counter() - start, watch.stop())
        await pilot.pause()
        watch.start()
        start = time.perf_counter()
        await pilot.press("m")  # nothing more on an ordinary session: a no-op
        await pilot.pause()
        more = (time.perf_counter() - start, watch.stop())
        watch.start()
        start = time.perf_counter()
        await pilot.press("t")
        await _until(app, lambda text: 'format = "tpm-tui.session/1"' in text)
        raw = (time.perf_counter() - start, watch.stop())
    return opened, raw, more


async def resume(context: AppContext, size: tuple[int, int]) -> Timing:
    """Start to the session screen painted with the note's first line, and its stall."""
    watch = StallWatch()
    watch.start()
    start = time.perf_counter()
    app = make_app(context)
    async with app.run_test(size=size):
        await _until(app, lambda text: LINE[:40] in text)
        took = time.perf_counter() - start
    return took, watch.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--areas", type=int, default=100_000)
    parser.add_argument("--note-mb", type=float, default=10.0)
    parser.add_argument("--size", default="80x24", help="terminal size, e.g. 80x24")
    parser.add_argument("--only", choices=("areas", "note", "base"), help="one case only")
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    bank = load_bank(default_bank_path())
    root = Path(tempfile.mkdtemp(prefix="tpm-bench-detail-"))
    cases = {
        "base": big_session(bank, "Ordinary Session"),
        "areas": big_session(bank, "Many Areas", areas=args.areas),
        "note": big_session(bank, "Big Note", note_bytes=int(args.note_mb * 1_000_000)),
    }
    try:
        store = SessionStore(root / "sessions", cache_dir=root / "cache")
        paths = {name: store.create(session) for name, session in cases.items()}
        results: dict[str, list[Runs]] = {}
        resumed: list[Timing] = []
        for name, path in paths.items():
            if args.only and name not in (args.only, "base"):
                continue
            context = AppContext(
                bank=bank, bank_path=default_bank_path(), store=store,
                start=ReviewRequest((path,)), cursor_blink=False,
            )  # fmt: skip
            size_mb = path.stat().st_size / 1e6
            for run in range(args.runs):
                outcome = asyncio.run(open_detail(context, size))  # type: ignore[arg-type]
                results.setdefault(name, []).append(outcome)
                print(f"  {name} ({size_mb:.1f} MB) run {run + 1}: open {outcome[0][0]:.2f} s, "
                      f"raw {outcome[1][0]:.2f} s, more {outcome[2][0]:.2f} s",
                      flush=True)  # fmt: skip
            if name == "note":
                for _ in range(args.runs):
                    context = AppContext(
                        bank=bank, bank_path=default_bank_path(), store=store,
                        start=ResumeRequest(path), cursor_blink=False,
                    )  # fmt: skip
                    resumed.append(asyncio.run(resume(context, size)))  # type: ignore[arg-type]
    finally:
        shutil.rmtree(root, ignore_errors=True)

    def median(values: list[float]) -> float:
        return statistics.median(values)

    print(f"detail view at {size[0]}x{size[1]}, median of {args.runs} runs (seconds):")
    heads = ("enter→painted", "stall", "t→raw painted", "stall", "m→painted", "stall")
    print(f"  {'session':<22}" + "".join(f"{head:>15}" for head in heads))
    for name, runs in results.items():
        label = {"base": "ordinary (baseline)", "areas": f"{args.areas:,} areas",
                 "note": f"{args.note_mb:g} MB note"}[name]  # fmt: skip
        figures = [median([run[step][part] for run in runs]) for step, part in STEPS]
        print(f"  {label:<22}" + "".join(f"{figure:15.2f}" for figure in figures))
    if resumed:
        print(f"  resume the {args.note_mb:g} MB note into the session screen: "
              f"{median([r[0] for r in resumed]):.2f} s to painted, "
              f"longest stall {median([r[1] for r in resumed]):.2f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
