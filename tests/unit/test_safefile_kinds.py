"""Only regular files are read, boundedly: FIFOs, devices, folders and broken links
are named for what they are, and never opened for reading (a FIFO would hang)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tpm_tui.storage import bank
from tpm_tui.storage.bank import BankError, load_bank
from tpm_tui.storage.safefile import NotReadable, check_regular, kind_of, read_regular

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds")


def within(seconds: float, call: Callable[[], Any]) -> Any:
    """`call()`'s result or exception, failing (not hanging) if it blocks."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(("value", call()))
        except BaseException as error:  # handed back to the test
            outcome.append(("error", error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still blocked after {seconds} s"
    kind, value = outcome[0]
    if kind == "error":
        raise value
    return value


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "questions.toml"
    os.mkfifo(path)
    return path


def odd_paths(tmp_path: Path) -> dict[str, Path]:
    """One path of each kind that is not a regular file, and what it is."""
    (tmp_path / "folder.toml").mkdir()
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "gone")
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    return {
        "is a folder": tmp_path / "folder.toml",
        "is a FIFO": tmp_path / "fifo.toml",
        "is a device": Path("/dev/zero"),
        "is a symbolic link to a file that does not exist": tmp_path / "dangling.toml",
        "is a symbolic link that loops": tmp_path / "loop.toml",
    }


def test_each_kind_is_named_without_opening_it(tmp_path: Path) -> None:
    for what, path in odd_paths(tmp_path).items():
        with pytest.raises(NotReadable) as caught:
            within(5, lambda path=path: read_regular(path, 100, "a bank"))
        assert str(caught.value) in (what, f"{what}, not a bank")


def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotReadable, match=r"^no such file$"):
        check_regular(tmp_path / "none.toml")


def test_a_regular_file_and_a_link_to_one_are_read(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"x" * 10)
    (tmp_path / "link.toml").symlink_to(path)
    for name in ("a.toml", "link.toml"):
        data, info = read_regular(tmp_path / name, 100)
        assert data == b"x" * 10 and info.st_ino == path.stat().st_ino


def test_the_read_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 5000)
    data, _ = read_regular(path, 1000)
    assert len(data) == 1001  # one past the limit: the caller can tell


def test_kind_names() -> None:
    assert kind_of(os.stat("/dev/null").st_mode) == "a device"
    assert kind_of(os.stat("/").st_mode) == "a folder"


# --- the bank reader ------------------------------------------------------------------


def test_a_bank_that_is_a_fifo_is_refused_at_once(fifo: Path) -> None:
    with pytest.raises(BankError) as caught:
        within(5, lambda: load_bank(fifo))
    [problem] = caught.value.problems
    assert problem.message == "is a FIFO, not a question bank file"


@pytest.mark.parametrize(
    "what", ["is a folder", "is a device", "is a symbolic link to a file that does not exist",
             "is a symbolic link that loops"],
)  # fmt: skip
def test_a_bank_that_is_no_file_says_what_it_is(tmp_path: Path, what: str) -> None:
    path = odd_paths(tmp_path)[what]
    with pytest.raises(BankError) as caught:
        within(5, lambda: load_bank(path))
    [problem] = caught.value.problems
    assert problem.message in (what, f"{what}, not a question bank file")


def test_a_huge_bank_is_refused_without_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bank, "MAX_BANK_BYTES", 1000)
    path = tmp_path / "questions.toml"
    path.write_bytes(b"# " + b"x" * 2000 + b"\n")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    [problem] = caught.value.problems
    assert "too large for a question bank" in problem.message
