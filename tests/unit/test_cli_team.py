"""`tpm-tui export` for a panel: `--format debrief`, and blind in every format."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from panel_helpers import interview, three_panel

from tpm_tui.cli import main
from tpm_tui.domain.blind import HIDDEN
from tpm_tui.domain.models import Session
from tpm_tui.storage.sessionfile import to_toml

SECRETS = ("Strong yes", "strong_yes", "Weighed", "owned the call", "Clear thinker",
           "Structured", "Little data work", "Would add load tests")  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as leave:
        code = leave.code if isinstance(leave.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def write(folder: Path, session: Session) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{session.id}.toml"
    path.write_text(to_toml(session), encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def panel_files(tmp_path: Path) -> list[Path]:
    return [write(tmp_path / "shared", session) for session in three_panel()]


def test_export_debrief_writes_the_panels_debrief(
    capsys: pytest.CaptureFixture[str], panel_files: list[Path], sessions_dir: Path
) -> None:
    code, out, err = run(capsys, "export", *map(str, panel_files), "--format", "debrief",
                         "--sessions", str(sessions_dir))  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("# Debrief: Jane Doe — Technical Product Manager\n")
    assert "| Ana | Strong yes | 3.3 |" in out
    # The shipped bank names the competencies it knows; others keep their ids.
    assert "| Technical acumen | 4 | 3 | 1 | **3** ⚠ |" in out
    assert "| leadership | 3 | 3 | 2 | 1 |" in out


def test_export_debrief_to_a_file_has_the_exports_safety(
    capsys: pytest.CaptureFixture[str], panel_files: list[Path], tmp_path: Path
) -> None:
    out_file = tmp_path / "debrief.md"
    argv = ["export", *map(str, panel_files), "--format", "debrief", "-o", str(out_file)]
    assert run(capsys, *argv)[0] == 0
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    assert out_file.read_text(encoding="utf-8").startswith("# Debrief: Jane Doe")
    code, _, err = run(capsys, *argv)
    assert code == 2 and "already exists; pass --force" in err
    code, _, err = run(capsys, "export", *map(str, panel_files), "--format", "debrief",
                       "-o", str(panel_files[0]), "--force")  # fmt: skip
    assert code == 2 and "not replaced" in err


def test_export_debrief_of_several_candidates_is_refused(
    capsys: pytest.CaptureFixture[str], panel_files: list[Path], tmp_path: Path
) -> None:
    other = write(tmp_path / "shared", interview("Sam", candidate="John Roe", ratings={}))
    code, out, err = run(capsys, "export", str(panel_files[0]), str(other), "--format", "debrief")
    assert code == 2 and out == ""
    assert "--format debrief: a debrief is of one candidate's panel" in err
    assert "Jane Doe, John Roe" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["md", "json", "csv", "debrief"])
def test_every_export_is_blind_for_a_panelist_still_interviewing(
    capsys: pytest.CaptureFixture[str], panel_files: list[Path], sessions_dir: Path, fmt: str
) -> None:
    write(sessions_dir, interview("Lee", ratings={"trade-off": 1}))  # Lee's, unfinished
    files = [str(path) for path in panel_files[:2]]  # Ana's and Sam's
    code, out, err = run(capsys, "export", *files, "--format", fmt,
                         "--sessions", str(sessions_dir), "--as", "lee")  # fmt: skip
    assert (code, err) == (0, "")
    assert HIDDEN in out
    for secret in SECRETS:
        assert secret not in out, secret
    # Someone else (not on the panel) sees it all.
    code, out, _ = run(capsys, "export", *files, "--format", fmt,
                       "--sessions", str(sessions_dir), "--as", "kim")  # fmt: skip
    assert code == 0 and HIDDEN not in out
    assert ("strong_yes" if fmt in ("json", "csv") else "Strong yes") in out


def test_who_you_are_comes_from_the_config_file_too(
    capsys: pytest.CaptureFixture[str], panel_files: list[Path], sessions_dir: Path
) -> None:
    from tpm_tui.storage.settings import default_config_path

    config = default_config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('name = "Lee"\n', encoding="utf-8")
    write(sessions_dir, interview("Lee", ratings={}))
    code, out, _ = run(capsys, "export", str(panel_files[0]), "--format", "json",
                       "--sessions", str(sessions_dir))  # fmt: skip
    assert code == 0 and json.loads(out)[0]["hidden"] == HIDDEN


def test_export_debrief_counts_a_conflict_copy_once_and_names_it(
    capsys: pytest.CaptureFixture[str], panel_files: list[Path], sessions_dir: Path
) -> None:
    sam = panel_files[1]
    copy = sam.with_name(sam.stem + "-conflict.toml")
    copy.write_text(sam.read_text(encoding="utf-8"), encoding="utf-8")
    copy.chmod(0o600)
    code, out, err = run(capsys, "export", *map(str, panel_files), str(copy), "--format",
                         "debrief", "--sessions", str(sessions_dir))  # fmt: skip
    assert (code, err) == (0, "")
    assert out.count("| Sam | Yes |") == 1 and "- Panel: 3 interviewers" in out
    assert f"{copy.name} is another version of Sam's session in {sam.name}" in out


def test_the_debrief_is_the_same_whatever_order_the_files_are_named_in(
    capsys: pytest.CaptureFixture[str], panel_files: list[Path], sessions_dir: Path
) -> None:
    # Found by a tester: the command line followed the arguments' order and compare's
    # `x` the list's, so two debriefs of one panel numbered the questions differently.
    debriefs = []
    for files in (panel_files, panel_files[::-1]):
        code, out, _ = run(capsys, "export", *map(str, files), "--format", "debrief",
                           "--sessions", str(sessions_dir))  # fmt: skip
        assert code == 0
        debriefs.append(out)
    assert debriefs[0] == debriefs[1]
