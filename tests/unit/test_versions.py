"""Versions of one session: which file counts, and what is never taken for a copy."""

from __future__ import annotations

from datetime import timedelta

from panel_helpers import interview, three_panel

from tpm_tui.domain.models import Outcome
from tpm_tui.domain.versions import one_per_session


def test_the_file_without_conflict_in_its_name_counts_and_the_copy_is_named() -> None:
    ana, sam, lee = three_panel()
    copy = interview("Sam", ratings={"trade-off": 1}, outcome=Outcome("no"), hours_after=1)
    copy.updated_at += timedelta(hours=1)  # saved later, still the copy
    named = [("a.toml", ana), ("s-conflict.toml", copy), ("s.toml", sam), ("l.toml", lee)]
    kept, left_out = one_per_session(named)
    assert kept == [ana, sam, lee]
    assert [(u.name, u.counted, u.interviewer) for u in left_out] == [
        ("s-conflict.toml", "s.toml", "Sam")
    ]


def test_two_interviewers_whose_sessions_share_an_id_are_two_sessions() -> None:
    ana, sam, _ = three_panel()
    sam.id = ana.id  # they started the same candidate in the same minute
    kept, left_out = one_per_session([("x.toml", ana), ("x-conflict.toml", sam)])
    assert kept == [ana, sam] and left_out == []


def test_a_completed_version_counts_before_an_unfinished_one() -> None:
    ana = three_panel()[0]
    stale = interview("Ana", ratings={})  # the file a live session moved away from
    kept, left_out = one_per_session([("a.toml", stale), ("a-conflict.toml", ana)])
    assert kept == [ana] and left_out[0].name == "a.toml"
