"""The review screen lists the good sessions and every hostile file of a folder (issue 14.3).

The files are those of tests/hostile.py; the readers under them are tested
without a screen in tests/unit/test_hostile_files.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from hostile import HOSTILE, make_session, write_hostile
from review_helpers import row_texts

from tpm_tui.app import make_app
from tpm_tui.context import AppContext, ReviewRequest
from tpm_tui.screens.review import ReviewScreen
from tpm_tui.widgets.review_table import ReviewTable

GUARD_SECONDS = 30  # far more than the listing needs; a hang fails instead of blocking CI


async def test_review_lists_the_good_sessions_and_the_hostile_files(
    make_context: Callable[..., AppContext], sessions_dir: Path
) -> None:
    context = make_context(ReviewRequest())
    sessions = [make_session(f"Candidate {n}", minutes_later=n) for n in range(3)]
    for session in sessions:
        context.store.create(session)
    write_hostile(sessions_dir)
    app = make_app(context)
    async with app.run_test(size=(160, 48)) as pilot:
        # Bounded: a reader blocked on the FIFO fails the test instead of hanging it.
        await asyncio.wait_for(app.workers.wait_for_complete(), GUARD_SECONDS)
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        rows = row_texts(app.screen.query_one(ReviewTable))
        assert [row.split(" | ")[2] for row in rows[:3]] == [
            "Candidate 2",
            "Candidate 1",
            "Candidate 0",
        ]
        unreadable = rows[3:]
        assert len(unreadable) == len(HOSTILE)
        for name in HOSTILE:
            assert any(name in row and "unreadable" in row for row in unreadable), name
