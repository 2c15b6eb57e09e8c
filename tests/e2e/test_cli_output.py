"""What the command line writes to stdout and stderr, byte for byte, as a program.

Hostile banks, session files, file names and arguments never put an escape
sequence, a C1 control, a bidi control or an unencodable character on the
terminal; an ASCII-only terminal gets what its encoding can hold; FIFOs and
devices are named for what they are and never opened for reading.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hostile import (
    EVIL,
    EVIL_SHOWN,
    SURROGATE,
    assert_no_escape,
    evil,
    write_hostile_bank,
    write_hostile_session,
)

from tpm_tui.storage.bank import load_bank

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX")
FAST = 20.0  # seconds: a command that blocks on a FIFO would never end


def program(
    *argv: str | bytes, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python -m tpm_tui ARGV` with its output as bytes."""
    environment = {**os.environ, **(env or {})}
    environment.pop("TPM_TUI_SESSIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "tpm_tui", *argv],
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=FAST,
        check=False,
    )


def both(result: subprocess.CompletedProcess[bytes]) -> tuple[str, str]:
    """stdout and stderr, checked for raw controls, as text."""
    return assert_no_escape(result.stdout), assert_no_escape(result.stderr)


@pytest.fixture
def bank_path(tmp_path: Path) -> Path:
    return write_hostile_bank(tmp_path)


@pytest.fixture
def evil_session(tmp_path: Path, bank_path: Path) -> Path:
    return write_hostile_session(tmp_path / "sessions", load_bank(bank_path))


# --- hostile text ----------------------------------------------------------------------


def test_validate_shows_a_hostile_title_visibly(tmp_path: Path, bank_path: Path) -> None:
    result = program("validate", str(bank_path), cwd=tmp_path)
    out, _ = both(result)
    assert result.returncode == 0
    assert evil("title").replace(EVIL, EVIL_SHOWN) in out


def test_validate_shows_hostile_keys_and_file_names_visibly(tmp_path: Path) -> None:
    folder = tmp_path / f"dir{EVIL}"
    folder.mkdir()
    text = write_hostile_bank(folder).read_text(encoding="utf-8")
    key = json.dumps(f"colour{EVIL}\nforged: OK")  # a JSON string is a TOML basic string
    (folder / "questions.toml").write_text(text.replace("[bank]\n", f"[bank]\n{key} = 1\n"))
    result = program("validate", str(folder / "questions.toml"), cwd=tmp_path)
    out, err = both(result)
    assert result.returncode == 1
    assert len(out.splitlines()) == 1  # the newline in the key forged no line
    assert f"colour{EVIL_SHOWN}␊forged: OK" in out
    assert f"dir{EVIL_SHOWN}" in out and f"dir{EVIL_SHOWN}" in err


def test_error_lines_show_file_names_visibly(tmp_path: Path) -> None:
    name = f"gone{EVIL}.toml"
    for argv in (("validate", name), ("resume", name), ("export", name)):
        result = program(*argv, cwd=tmp_path)
        _, err = both(result)
        assert result.returncode == 2, argv
        assert err.startswith("tpm-tui: ") and f"gone{EVIL_SHOWN}.toml" in err, argv


def test_undecodable_file_names_are_shown_not_crashed_on(tmp_path: Path) -> None:
    # b"\xff" cannot be decoded: Python holds it as a lone surrogate, which no
    # encoder takes (print() raised UnicodeEncodeError: "unexpected error").
    result = program("resume", b"bad\xff\x1b[2J.toml", cwd=tmp_path)
    _, err = both(result)
    assert result.returncode == 2
    assert "bad\ufffd␛[2J.toml" in err and "unexpected" not in err
    assert SURROGATE not in err


def test_argparse_errors_show_the_bad_argument_visibly(tmp_path: Path) -> None:
    for argv in (
        (f"--bogus{EVIL}",),
        ("interview", "--minutes", f"5{EVIL}"),
        ("review", f"--x{EVIL}"),
    ):
        result = program(*argv, cwd=tmp_path)
        _, err = both(result)
        assert result.returncode == 2, argv
        assert "usage:" in err, argv
        assert "␛]52;c;" in err or "\\x1b]52;c;" in err, argv  # echoed: visibly or as repr


def test_unknown_ids_on_the_command_line_show_visibly(tmp_path: Path) -> None:
    result = program(
        "practice", "--sessions", str(tmp_path / "s"), "--competency", f"x{EVIL}", cwd=tmp_path
    )
    _, err = both(result)
    assert result.returncode == 2 and "OWNED" in err
    result = program("interview", "--seniority", f"intern{EVIL}", cwd=tmp_path)
    _, err = both(result)
    assert result.returncode == 2 and "\\x1b]52;c;" in err  # as the level read: lower case


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_export_for_reading_shows_controls_visibly(
    tmp_path: Path, evil_session: Path, fmt: str
) -> None:
    result = program("export", str(evil_session), "--format", fmt, cwd=tmp_path)
    out, _ = both(result)
    assert result.returncode == 0
    assert "candidate" in out and "OWNED" in out


def test_export_json_keeps_the_data_exact_but_escaped(tmp_path: Path, evil_session: Path) -> None:
    result = program("export", str(evil_session), "--format", "json", cwd=tmp_path)
    out, _ = both(result)
    assert result.returncode == 0
    [data] = json.loads(out)
    assert data["candidate"]["name"] == evil("candidate")  # exactly as in the file
    assert data["questions"][0]["notes"].endswith(EVIL)


def test_export_to_a_hostile_file_name_says_where_visibly(
    tmp_path: Path, evil_session: Path
) -> None:
    result = program("export", str(evil_session), "-o", f"out{EVIL}.md", cwd=tmp_path)
    _, err = both(result)
    assert result.returncode == 0
    assert f"out{EVIL_SHOWN}.md" in err
    assert (tmp_path / f"out{EVIL}.md").is_file()


# --- an ASCII-only terminal ------------------------------------------------------------

ASCII_ONLY = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}


def test_ascii_terminal_gets_what_it_can_hold(tmp_path: Path, evil_session: Path) -> None:
    shipped = program("validate", cwd=tmp_path, env=ASCII_ONLY)
    assert shipped.returncode == 0, shipped.stderr  # the summary holds "—"
    assert shipped.stdout.isascii() and b"OK" in shipped.stdout
    for fmt in ("md", "csv", "json"):
        result = program("export", str(evil_session), "--format", fmt, cwd=tmp_path,
                         env=ASCII_ONLY)  # fmt: skip
        assert result.returncode == 0, (fmt, result.stderr)
        assert result.stdout.isascii() and b"\x1b" not in result.stdout
    bad = program("validate", f"gone{EVIL}\u2014.toml", cwd=tmp_path, env=ASCII_ONLY)
    assert bad.returncode == 2 and b"\x1b" not in bad.stderr and b"gone" in bad.stderr


# --- FIFOs, devices, folders, broken links ---------------------------------------------


@pytest.fixture
def odd(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "folder.toml").mkdir()
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "gone")
    return {
        "a FIFO": tmp_path / "fifo.toml",
        "a folder": tmp_path / "folder.toml",
        "a device": Path("/dev/zero"),
        "a symbolic link to a file that does not exist": tmp_path / "dangling.toml",
    }


def run_each(odd: dict[str, Path], tmp_path: Path, command: Sequence[str], noun: str) -> None:
    for what, path in odd.items():
        result = program(*command, str(path), "--sessions", str(tmp_path / "s"), cwd=tmp_path)
        _, err = both(result)
        assert result.returncode == 2, (what, err)
        # A broken link is no file of any kind: it is not said what it is not.
        said = f"{path}: is {what}" + ("" if "link" in what else f", not {noun}")
        assert said in err, err


def test_resume_says_what_the_file_really_is(odd: dict[str, Path], tmp_path: Path) -> None:
    run_each(odd, tmp_path, ["resume"], "a session file")


def test_export_never_opens_a_fifo_or_device(odd: dict[str, Path], tmp_path: Path) -> None:
    run_each(odd, tmp_path, ["export"], "a session file")


def test_validate_never_opens_a_fifo_or_device(odd: dict[str, Path], tmp_path: Path) -> None:
    run_each(odd, tmp_path, ["validate"], "a question bank file")
