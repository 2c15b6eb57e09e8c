"""The story bank's file: round trips, strict reading, and never losing another's stories."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tpm_tui.context import AppContext
from tpm_tui.domain.stories import Story, stories_for, without_story
from tpm_tui.storage.stories import (
    STORIES_NAME,
    StoriesChanged,
    StoriesError,
    new_id,
    read_stories,
    stories_toml,
    write_stories,
)

PAYMENTS = Story(
    "payments-migration",
    "Moving payments to the new platform",
    situation='Legacy gateway, 3 outages a quarter\n"quoted" [bold]x[/',
    task="Migrate without downtime",
    action="Ran both in parallel",
    result="Zero downtime; outages down to none",
    competencies=("technical-acumen", "communication"),
)


@pytest.fixture
def context(make_context: Callable[..., AppContext]) -> AppContext:
    return make_context()


def test_a_round_trip_keeps_every_story_exactly(tmp_path: Path) -> None:
    path = tmp_path / "private" / STORIES_NAME
    bare = Story("x", "X")
    digest = write_stories(path, [PAYMENTS, bare], None)
    assert read_stories(path) == ([PAYMENTS, bare], digest)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert path.read_text().startswith('format = "tpm-tui.stories/1"')


def test_no_file_is_an_empty_bank(tmp_path: Path) -> None:
    assert read_stories(tmp_path / STORIES_NAME) == ([], None)


def test_every_problem_is_named_with_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / STORIES_NAME
    path.write_text(
        'format = "tpm-tui.stories/1"\n\n'
        '[[stories]]\nid = "a"\ntitle = "A"\ncompetencies = ["x"]\n\n'
        '[[stories]]\nid = "Bad Id"\ntitel = "B"\nsituation = 3\n',
        encoding="utf-8",
    )
    with pytest.raises(StoriesError) as caught:
        read_stories(path)
    shown = str(caught.value).splitlines()
    assert f"{path}:9:1: stories[1].id: expected lowercase-with-dashes, got 'Bad Id'" in shown
    assert any(":10:1: stories[1].titel: unknown key `titel` (did you mean `title`?)" in line
               for line in shown)  # fmt: skip
    assert any(":11:1: stories[1].situation: expected a string, got 3" in line for line in shown)
    assert any("stories[1].title: required field missing" in line for line in shown)


def test_broken_toml_and_a_wrong_format(tmp_path: Path) -> None:
    path = tmp_path / STORIES_NAME
    path.write_text('format = "tpm-tui.stories/1"\n[[stories]\n', encoding="utf-8")
    with pytest.raises(StoriesError, match=r":2:\d+: TOML syntax error"):
        read_stories(path)
    path.write_text('format = "tpm-tui.session/1"\n', encoding="utf-8")
    with pytest.raises(StoriesError, match=r":1:1: format: expected \"tpm-tui.stories/1\""):
        read_stories(path)


def test_a_file_changed_on_disk_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / STORIES_NAME
    digest = write_stories(path, [PAYMENTS], None)
    # Another terminal adds a story meanwhile.
    theirs = stories_toml([PAYMENTS, Story("theirs", "Theirs")])
    path.write_text(theirs, encoding="utf-8")
    with pytest.raises(StoriesChanged):
        write_stories(path, [], digest)
    assert path.read_text(encoding="utf-8") == theirs
    # A file made meanwhile where there was none is not replaced either.
    other = tmp_path / "other.toml"
    other.write_text(theirs, encoding="utf-8")
    with pytest.raises(StoriesChanged):
        write_stories(other, [], None)
    assert other.read_text(encoding="utf-8") == theirs


def test_review_does_not_list_the_story_file(context: AppContext) -> None:
    folder = context.store.folder
    write_stories(folder / STORIES_NAME, [PAYMENTS], None)
    assert context.store.scan() == []


def test_stories_for_a_question_and_competencies_without_one(context: AppContext) -> None:
    bank = context.bank
    other = Story("other", "Other", competencies=("communication",))
    assert stories_for([other, PAYMENTS], ["technical-acumen", "communication"]) == [
        PAYMENTS,
        other,
    ]
    assert stories_for([PAYMENTS], ["product-sense"]) == []
    missing = {c.id for c in without_story(bank, [PAYMENTS])}
    assert "technical-acumen" not in missing and "communication" not in missing
    assert len(missing) == len(bank.competencies) - 2


def test_new_ids_come_from_the_title_and_never_clash() -> None:
    assert new_id("Moving payments!", []) == "moving-payments"
    assert new_id("Moving payments", ["moving-payments"]) == "moving-payments-2"
    assert new_id("李文 story", []) == "story"  # not lowercase-with-dashes ASCII
