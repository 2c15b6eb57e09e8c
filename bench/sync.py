"""Benchmarks of `tpm-tui sync` against plain git on the same files, in the same run.

    python bench/sync.py [--runs 3] [--sessions 1000] [--pulled 100]

1. First sync of N completed sessions to an empty remote (`sync --init`: one commit
   per session) against `git init; git add -A; git commit; git push` (one commit).
2. A pull of M sessions someone else pushed, against `git pull --rebase`.
3. A sync of 1 new session in a folder of 10, 100 and N committed ones, against
   `git add; git commit; git pull --rebase; git push`.
4. Review's first screen of R sessions (`--review`, default 2,000) in a folder shared
   through git (an up-to-date remote: the pull in the background finds nothing new)
   against the same files in an ordinary folder: from entering `run_test` to the
   painted list with rows, in process, the summary cache warm in both, runs
   alternating (`--review-runs`, default 7).

`--calls` also prints, per measure, the git processes one run of ours started and
the time spent waiting for them (the rest is Python: reading sessions, the lock).

Medians over runs, of the wall time and of the CPU time (ours and the git processes
we waited for: steadier than the wall time on a loaded machine). Everything happens
in a temporary folder with the machine's git settings shut out (no system or global
config); the remote is a bare repository on local disk, so the figures are git's and
ours, not a network's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tpm_tui.app import make_app
from tpm_tui.context import AppContext, ReviewRequest
from tpm_tui.domain.models import Bank, Candidate, Interviewer, Outcome, new_session
from tpm_tui.storage import git as git_module
from tpm_tui.storage.bank import default_bank_path, load_bank
from tpm_tui.storage.git import Identity
from tpm_tui.storage.store import SessionStore
from tpm_tui.storage.sync import Sharing
from tpm_tui.widgets.review_table import ReviewTable
from tpm_tui.widgets.sync_status import SyncStatus

ME = Identity("Ana", "ana@example.com")
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def isolate(root: Path) -> None:
    os.environ.update(
        HOME=str(root / "home"),
        XDG_CONFIG_HOME=str(root / "home/config"),
        XDG_CACHE_HOME=str(root / "home/cache"),
        XDG_DATA_HOME=str(root / "home/data"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL="/dev/null",
    )


def git(folder: Path, *args: str) -> None:
    identity = ["-c", "user.name=Ana", "-c", "user.email=ana@example.com"]
    subprocess.run(["git", *identity, *args], cwd=folder, check=True, capture_output=True)


def bare(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(path)], check=True)
    return path


def fill(folder: Path, bank: Bank, count: int, first: int = 0) -> list[Path]:
    """`count` completed interviews, one a day apart (distinct names)."""
    store = SessionStore(folder, cache_dir=folder.parent / "cache")
    paths = []
    for number in range(first, first + count):
        session = new_session(
            kind="interview", session_id="x", bank=bank, questions=list(bank.questions[:4]),
            candidate=Candidate(f"Candidate {number}", "TPM", "senior"), minutes=45,
            interviewer=Interviewer(("Ana", "Ben", "Chen")[number % 3]),
        )  # fmt: skip
        session.created_at = session.updated_at = START + timedelta(hours=number)
        session.complete(Outcome("yes", "notes " * 40))
        paths.append(store.create(session))
    return paths


def sharing(folder: Path) -> Sharing:
    return Sharing(SessionStore(folder, cache_dir=folder.parent / "cache"), ME)


CALLS: list[tuple[str, float]] = []  # (git subcommand, seconds) of the last timed run
CALLS_TOTAL = [0.0]  # how long that run took


def count_git_calls() -> None:
    """Record every git process ours starts (`--calls`)."""
    run = git_module.Git.run

    def counted(self: git_module.Git, *args: str, **options: object) -> object:
        started = time.perf_counter()
        try:
            return run(self, *args, **options)  # type: ignore[arg-type]
        finally:
            words = [word for word in args if not word.startswith("-") and "=" not in word]
            CALLS.append((words[0] if words else "?", time.perf_counter() - started))

    git_module.Git.run = counted  # type: ignore[assignment,method-assign]


def timed(action: Callable[[], object], ours: bool = True) -> tuple[float, float]:
    """Wall time and CPU time (this process and the git processes it waited for)."""
    if ours:
        CALLS.clear()
    before, started = os.times(), time.perf_counter()
    action()
    took, after = time.perf_counter() - started, os.times()
    if ours:
        CALLS_TOTAL[0] = took
    cpu = sum(after[:4]) - sum(before[:4])  # user, system, children's user and system
    return took, cpu


def calls_said(total: float) -> str:
    """`17 git calls 0.92 s (fast-import 0.61, push 0.21, ...)` of the last timed run."""
    spent: dict[str, float] = {}
    for name, seconds in CALLS:
        spent[name] = spent.get(name, 0.0) + seconds
    biggest = sorted(spent.items(), key=lambda item: -item[1])[:3]
    waited = sum(spent.values())
    parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in biggest)
    return f"{len(CALLS)} git calls {waited:.2f} s ({parts}), Python {total - waited:.2f} s"


Figures = tuple[tuple[float, float], tuple[float, float]]  # ours, plain: (wall, CPU) each


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(run[0] for run in runs), statistics.median(run[1] for run in runs)


def first_sync(work: Path, template: Path, runs: int) -> Figures:
    ours, plain = [], []
    for run in range(runs):
        a, b = work / f"first-a{run}", work / f"first-b{run}"
        shutil.copytree(template, a)
        shutil.copytree(template, b)
        remote_a, remote_b = bare(work / f"first-a{run}.git"), bare(work / f"first-b{run}.git")
        ours.append(timed(lambda a=a, remote=remote_a: sharing(a).init(str(remote))))

        def plainly(b: Path = b, remote_b: Path = remote_b) -> None:
            git(b, "init", "-q", "-b", "main")
            git(b, "add", "-A")
            git(b, "commit", "-q", "-m", "sessions")
            git(b, "remote", "add", "origin", str(remote_b))
            git(b, "push", "-q", "-u", "origin", "main")

        plain.append(timed(plainly, ours=False))
    return medians(ours), medians(plain)


def pull(work: Path, template: Path, bank: Bank, count: int, pulled: int, runs: int) -> Figures:
    remote = bare(work / "pull.git")
    here = work / "pull-here"
    shutil.copytree(template, here)
    sharing(here).init(str(remote))
    there = work / "pull-there"
    sharing(there).init(str(remote))
    fill(there, bank, pulled, first=count)
    sharing(there).sync()
    ours, plain = [], []
    for run in range(runs):
        a, b = work / f"pull-a{run}", work / f"pull-b{run}"
        shutil.copytree(here, a, symlinks=True)
        shutil.copytree(here, b, symlinks=True)
        ours.append(timed(lambda a=a: sharing(a).pull()))
        plain.append(timed(lambda b=b: git(b, "pull", "-q", "--rebase"), ours=False))
    return medians(ours), medians(plain)


def one_new(work: Path, bank: Bank, count: int, runs: int) -> Figures:
    remote = bare(work / f"one-{count}.git")
    a, b = work / f"one-a{count}", work / f"one-b{count}"
    fill(a, bank, count)
    sharing(a).init(str(remote))
    shutil.rmtree(b, ignore_errors=True)
    git(work, "clone", "-q", str(remote), str(b))
    ours, plain = [], []
    for run in range(runs):
        fill(a, bank, 1, first=count + 2 * run)
        ours.append(timed(lambda: sharing(a).sync()))
        (new,) = fill(b, bank, 1, first=count + 2 * run + 1)

        def plainly(new: Path = new) -> None:
            git(b, "add", "--", new.name)
            git(b, "commit", "-q", "-m", new.name)
            git(b, "pull", "-q", "--rebase")
            git(b, "push", "-q")

        plain.append(timed(plainly, ours=False))
    return medians(ours), medians(plain)


async def first_screen(context: AppContext) -> float:
    """Seconds from entering `run_test` to the review list painted with its rows."""
    started = time.perf_counter()
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        while not ((table := app.screen.query(ReviewTable).first(None)) and table.row_count):
            await asyncio.sleep(0.001)
        painted = asyncio.Event()
        table.call_after_refresh(painted.set)
        await painted.wait()
        took = time.perf_counter() - started
        # The pull has to end inside the run (it may still be going: the list comes first).
        for status in app.screen.query(SyncStatus):
            while status.display and str(status.render()).startswith("syncing"):
                await pilot.pause(0.01)
    return took


def review(work: Path, template: Path, bank: Bank, count: int, runs: int) -> tuple[float, float]:
    """Review's first screen of `count` sessions: shared through git, and not."""
    plain, shared = work / "review-plain", work / "review-shared"
    shutil.copytree(template, plain)
    have = len(list(plain.glob("*.toml")))
    fill(plain, bank, count - have, first=have)
    shutil.copytree(plain, shared)
    sharing(shared).init(str(bare(work / "review.git")))

    def context(folder: Path) -> AppContext:
        store = SessionStore(folder, cache_dir=folder.parent / f"{folder.name}-cache")
        store.scan()  # the cache warm, as after any earlier look at the folder
        return AppContext(
            bank=bank, bank_path=default_bank_path(), store=store, start=ReviewRequest(),
            user="Ana",
        )  # fmt: skip

    took: dict[Path, list[float]] = {plain: [], shared: []}
    for _run in range(runs):
        for folder in (plain, shared):
            took[folder].append(asyncio.run(first_screen(context(folder))))
    return statistics.median(took[shared]), statistics.median(took[plain])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--pulled", type=int, default=100)
    parser.add_argument("--calls", action="store_true", help="count and time git calls")
    parser.add_argument("--review", type=int, default=2000, help="sessions in review (0: skip)")
    parser.add_argument("--review-runs", type=int, default=7)
    parser.add_argument("--only", choices=("sync", "review"), help="one half of the measures")
    args = parser.parse_args()
    if args.calls:
        count_git_calls()
    bank = load_bank(default_bank_path())
    with tempfile.TemporaryDirectory(prefix="tpm-sync-bench-") as temp:
        work = Path(temp)
        isolate(work)
        template = work / "template"
        fill(template, bank, args.sessions)
        n = args.sessions

        def line(what: str, figures: Figures) -> None:
            (ours, ours_cpu), (plain, plain_cpu) = figures
            print(
                f"{what:<48} {ours:5.2f} s  plain git {plain:5.2f} s  {ours / plain:3.1f}x"
                f"   CPU {ours_cpu:5.2f} / {plain_cpu:5.2f} s  {ours_cpu / plain_cpu:3.1f}x"
            )
            if args.calls:
                print(f"    last run of ours: {calls_said(CALLS_TOTAL[0])}")

        if args.only != "review":
            line(
                f"first sync of {n} sessions to an empty remote",
                first_sync(work, template, args.runs),
            )
            line(
                f"pull of {args.pulled} new sessions",
                pull(work, template, bank, n, args.pulled, args.runs),
            )
            for count in sorted({10, 100, n}):
                line(
                    f"sync of 1 new session, {count} committed",
                    one_new(work, bank, count, args.runs),
                )
        if args.review and args.only != "sync":
            shared, plain = review(work, template, bank, args.review, args.review_runs)
            print(
                f"{f'review, first screen of {args.review} sessions':<48} {shared:5.2f} s  "
                f"no remote {plain:5.2f} s  {(shared / plain - 1) * 100:+.0f}%"
            )


if __name__ == "__main__":
    main()
