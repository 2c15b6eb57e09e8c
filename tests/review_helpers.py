"""Session files for the review tests: good ones with fixed dates, and broken ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable, Static

from tpm_tui.domain.models import Bank, Candidate, Interviewer, Outcome, Seniority, new_session
from tpm_tui.storage.store import SessionStore

PICK = ("technical-trade-off", "translating-technical-requirements", "data-informed-decision")
BASE = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def save_session(
    store: SessionStore,
    bank: Bank,
    *,
    candidate: str,
    interviewer: str | None = "sam",
    kind: str = "interview",
    pick: tuple[str, ...] = PICK,
    ratings: dict[str, int] | None = None,
    ticks: dict[str, list[int]] | None = None,
    asked: dict[str, list[int]] | None = None,
    notes: dict[str, str] | None = None,
    minutes_after: int = 0,
    role: str = "Technical Product Manager",
    seniority: Seniority | None = "senior",
    recommendation: str | None = None,
    outcome_notes: str = "",
) -> Path:
    """Write one session file; `minutes_after` BASE sets its date (and so its order)."""
    session = new_session(
        kind=kind,  # type: ignore[arg-type]
        session_id="x",
        bank=bank,
        questions=[bank.question(q) for q in pick],
        candidate=Candidate(candidate, role, seniority),
        minutes=45,
        interviewer=Interviewer(interviewer) if interviewer is not None else None,
    )
    created = BASE + timedelta(minutes=minutes_after)
    session.created_at = session.updated_at = created
    for record in session.questions:
        record.rating = (ratings or {}).get(record.id)
        record.elapsed_seconds = 300
        for index in (ticks or {}).get(record.id, []):
            record.toggle_area(index, 40 + index)
        for index in (asked or {}).get(record.id, []):
            record.toggle_follow_up(index, 200 + index)
        record.notes = (notes or {}).get(record.id, "")
        if kind == "practice":
            record.revealed = True
    session.elapsed_seconds = 300 * len(session.questions)
    if recommendation is not None:
        session.complete(Outcome(recommendation, outcome_notes))  # type: ignore[arg-type]
        session.completed_at = created + timedelta(minutes=45)
    path = store.create(session)
    return path


def write_broken(folder: Path, good: Path) -> dict[str, Path]:
    """Garbage bytes, half a real file, a future format and a foreign TOML file."""
    text = good.read_text(encoding="utf-8")
    files = {
        "garbage": (folder / "garbage.toml", b"\x00\xff\xfe\x9c not toml at all"),
        "torn": (folder / "torn.toml", text.encode()[: len(text) // 2]),
        "future": (
            folder / "future.toml",
            text.replace('format = "tpm-tui.session/1"', 'format = "tpm-tui.session/9"')
            .split("\n\n# tpm-tui-summary")[0]
            .encode(),
        ),
        "foreign": (
            folder / "pyproject.toml",
            b'[project]\nname = "other"\nversion = "1.0"\n',
        ),
    }
    for path, data in files.values():
        path.write_bytes(data)
        path.chmod(0o600)  # private, as the folder's own files are (else review says so)
    return {key: path for key, (path, _) in files.items()}


def panel_of_three(store: SessionStore, bank: Bank) -> list[Path]:
    """Jane Doe seen by three interviewers: `technical-trade-off` rated 2/3/4 (a spread
    of 2); between them every area is covered but the trade-off's last one."""
    trade_off, translate, data = PICK
    return [
        save_session(store, bank, candidate="Jane Doe", interviewer="sam", minutes_after=0,
                     ratings={trade_off: 2, translate: 3, data: 3},
                     ticks={trade_off: [0, 1, 2], translate: [0, 1, 2, 3]},
                     recommendation="no"),
        save_session(store, bank, candidate="jane doe", interviewer="ali", minutes_after=60,
                     ratings={trade_off: 3, translate: 3, data: 4},
                     ticks={trade_off: [3, 4, 5], translate: [4, 5, 6], data: [0]},
                     recommendation="yes"),
        save_session(store, bank, candidate="Jane Doe", interviewer="kim", minutes_after=120,
                     ratings={trade_off: 4, translate: 2, data: 3},
                     ticks={trade_off: [0], data: [0, 1, 2, 3, 4, 5, 6]},
                     recommendation="yes"),
    ]  # fmt: skip


def widget_text(widget: Widget) -> str:
    """A widget's lines as the user sees them."""
    size = widget.outer_size  # render_lines takes the padding in
    lines = widget.render_lines(Region(0, 0, size.width, size.height))
    return "\n".join(line.text.rstrip() for line in lines)


def texts_of(container: Widget) -> str:
    """The text of every Static inside a (scrolling) container, as shown."""
    return "\n".join(widget_text(child) for child in container.query(Static))


def row_texts(table: DataTable[Text]) -> list[str]:
    """Each row of a table as one line: its cells' plain text, split by " | "."""
    return [
        " | ".join(cell.plain.strip() for cell in table.get_row_at(index))
        for index in range(table.row_count)
    ]


def notices(app: App[object]) -> list[str]:
    return [notification.message for notification in app._notifications]
