"""What a sync did (`SyncReport`), and the errors that stop one."""

from __future__ import annotations

from attrs import define, field

from tpm_tui.storage.git import GitError
from tpm_tui.storage.store import CONFLICT_MARK


class NotAWorkingCopy(GitError):
    pass


class NoRemote(GitError):
    pass


class Unreachable(GitError):
    pass


class ConflictStopped(GitError):
    pass


@define
class SyncReport:
    """What a sync did, for people: files up and down, and versions kept side by side."""

    remote: str = ""
    up: list[str] = field(factory=list)
    down: list[str] = field(factory=list)
    kept_both: list[tuple[str, str]] = field(factory=list)  # (the team's, yours)
    removed: list[tuple[str, str]] = field(factory=list)  # (file, why), here or by the team
    labels: dict[str, str] = field(factory=dict)  # file name -> "Jane Doe (sam)"

    def lines(self, *, finished: bool = True) -> list[str]:
        """What to print; without the closing count when the sync stopped half-way."""
        said = [f"up    {name}  {self.labels.get(name, '')}".rstrip() for name in self.up]
        said += [f"down  {name}  {self.labels.get(name, '')}".rstrip() for name in self.down]
        said += [self._kept_line(theirs, mine) for theirs, mine in self.kept_both]
        said += [f"removed  {name}  ({why})" for name, why in self.removed]
        if not finished:
            return said
        up, down = len(self.up), len(self.down)
        removed = f", {len(self.removed)} removed" if self.removed else ""
        said.append(f"synced with {self.remote}: {up} up, {down} down{removed}")
        return said

    def _kept_line(self, theirs: str, mine: str) -> str:
        if not mine:
            return f"kept: {theirs} (the team changed it after you removed it here)"
        if CONFLICT_MARK in mine:
            return f"both kept: {theirs} (the team's) and {mine} (yours, changed here too)"
        whose = self.labels.get(theirs, "")
        whose = f": {whose}" if whose else ""
        return (
            f"both kept: {theirs} (the team's{whose}) and {mine} "
            "(yours, a different session that had the same name)"
        )
