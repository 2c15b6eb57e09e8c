"""The candidate's story bank: STAR stories and the competencies each shows.

Pure Python: `storage/stories.py` reads and writes the file, the screens show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import frozen

from tpm_tui.domain.models import Bank, Competency

STORY_FIELDS: tuple[str, ...] = ("situation", "task", "action", "result")


@frozen
class Story:
    id: str
    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    competencies: tuple[str, ...] = ()


def stories_for(stories: Iterable[Story], competencies: Sequence[str]) -> list[Story]:
    """The stories that show at least one of `competencies`, most shared first."""
    wanted = set(competencies)
    found = [story for story in stories if wanted & set(story.competencies)]
    return sorted(found, key=lambda story: -len(wanted & set(story.competencies)))


def without_story(bank: Bank, stories: Iterable[Story]) -> list[Competency]:
    """The bank's competencies that no story shows yet, in bank order."""
    shown = {cid for story in stories for cid in story.competencies}
    return [competency for competency in bank.competencies if competency.id not in shown]


def foreign_competencies(bank: Bank, stories: Iterable[Story]) -> list[tuple[Story, str]]:
    """(story, competency id) for each id a story names that this bank has not: a typo
    in the file, or a story written for another bank. Kept, never dropped: said."""
    known = {competency.id for competency in bank.competencies}
    return [(story, cid) for story in stories for cid in story.competencies if cid not in known]


def replace(stories: Sequence[Story], story: Story, old_id: str | None) -> list[Story]:
    """`stories` with `story` in the place of the one called `old_id` (None: added last)."""
    if old_id is None:
        return [*stories, story]
    return [story if item.id == old_id else item for item in stories]


def remove(stories: Sequence[Story], story_id: str) -> list[Story]:
    return [story for story in stories if story.id != story_id]
