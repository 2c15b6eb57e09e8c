"""What an autosave costs the UI thread: the snapshot taken there, against the whole
render (TOML and summary line) that used to run there and now runs in a worker.

Run: .venv/bin/python bench/autosave.py   (medians of several runs, in ms)
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

from tpm_tui.domain.models import AreaTick, Candidate, Session, new_session
from tpm_tui.storage.bank import default_bank_path, load_bank
from tpm_tui.storage.store import render, snapshot

RUNS = 5


def session_with(note_bytes: int = 0, areas: int = 0) -> Session:
    bank = load_bank(default_bank_path())
    session = new_session(
        kind="interview",
        session_id="bench",
        bank=bank,
        questions=bank.questions[:5],
        candidate=Candidate("Bench Candidate", "TPM"),
        minutes=45,
    )
    session.created_at = session.updated_at = datetime(2026, 11, 28, 10, 2, tzinfo=UTC)
    line = "Clear on the trade-off, vague on metrics; asked about rollback.\n"
    session.questions[0].notes = (line * (note_bytes // len(line) + 1))[:note_bytes]
    session.questions[1].areas += [AreaTick(f"area {n}", n % 2 == 0, 1) for n in range(areas)]
    return session


def median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    cases = {
        "5 questions, short notes": session_with(),
        "a 10 MB note": session_with(note_bytes=10 * 1024 * 1024),
        "100,000 areas": session_with(areas=100_000),
    }
    print(f"{'session':<28} {'UI thread now':>14} {'worker':>10} {'UI thread before':>17}")
    for name, session in cases.items():
        taken = snapshot(session)
        ui = median_ms(lambda s=session: snapshot(s))  # type: ignore[misc]
        worker = median_ms(taken.text)
        before = median_ms(lambda s=session: render(s))  # type: ignore[misc]
        print(f"{name:<28} {ui:>11.1f} ms {worker:>7.1f} ms {before:>14.1f} ms")


if __name__ == "__main__":
    main()
