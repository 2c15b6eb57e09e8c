"""The STAR reminder: situation, task, action, result, ticked as the candidate goes.

Shows and nothing else: the screen owns the key (`s`) and sets `ticked`. Full, a
line per step with what it means; `compact`, one line (once the checklist needs
the room).
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tpm_tui.domain.models import STAR_STEPS

STAR_MEANINGS: dict[str, str] = {
    "situation": "the context: where, when, what was at stake",
    "task": "what you had to achieve, and your part in it",
    "action": 'what you did, step by step: "I", not "we"',
    "result": "the outcome, in numbers if you can, and what you learned",
}
TITLE = "STAR — s ticks the next step"


class StarReminder(Static):
    """`[x] Situation  [x] Task  [ ] Action  [ ] Result`; the next step stands out."""

    DEFAULT_CSS = """
    StarReminder {
        height: auto;
    }
    """

    ticked: reactive[tuple[str, ...]] = reactive((), layout=True)
    compact: reactive[bool] = reactive(False, layout=True)

    def __init__(self, ticked: tuple[str, ...] = (), *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.set_reactive(StarReminder.ticked, ticked)

    def on_mount(self) -> None:
        self._show()

    def watch_ticked(self) -> None:
        self._show()

    def watch_compact(self) -> None:
        self._show()

    @property
    def next_step(self) -> str | None:
        return next((step for step in STAR_STEPS if step not in self.ticked), None)

    def _mark(self, step: str) -> Content:
        if step in self.ticked:
            return Content.assemble(("[x]", "bold $text-success"), f" {step.title()}")
        style = "bold $text-accent" if step == self.next_step else ""
        return Content.assemble(("[ ]", "$text-muted"), " ", (step.title(), style))

    def _show(self) -> None:
        self.set_class(self.compact, "-compact")
        self.border_title = None if self.compact else TITLE
        if self.compact:
            marks = Content("  ").join(self._mark(step) for step in STAR_STEPS)
            self.update(Content.assemble(("STAR  ", "bold"), marks, ("  s", "$text-muted")))
            return
        lines = [
            Content.assemble(self._mark(step), " " * (11 - len(step)), (meaning, "$text-muted"))
            for step, meaning in STAR_MEANINGS.items()
        ]
        self.update(Content("\n").join(lines))
