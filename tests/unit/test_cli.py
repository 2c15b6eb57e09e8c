"""The command line: help, version, exit codes, validate and export (no screens opened)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from tpm_tui import __version__
from tpm_tui.cli import main
from tpm_tui.domain.models import Bank, Candidate, Interviewer, new_session
from tpm_tui.storage.sessionfile import to_toml

COMMANDS = ("interview", "practice", "resume", "review", "validate", "export", "questions")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The exit code and output of `tpm-tui argv…`, whether it returns or exits."""
    try:
        code = main(list(argv))
    except SystemExit as leave:
        code = leave.code if isinstance(leave.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def write_session(folder: Path, bank: Bank, name: str, stem: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    session = new_session(
        kind="interview",
        session_id=stem,
        bank=bank,
        questions=bank.questions[:2],
        candidate=Candidate(name, "TPM"),
        minutes=45,
        interviewer=Interviewer("sam"),
    )
    session.questions[0].areas[0].covered = True
    path = folder / f"{stem}.toml"
    path.write_text(to_toml(session), encoding="utf-8")
    return path


# --- help and version -----------------------------------------------------------


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in COMMANDS:
        assert command in out
    assert "--questions" in out and "--sessions" in out


def test_version_is_the_apps_own(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"tpm-tui {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert f"tpm-tui {command}" in out
    assert "--questions" in out  # the options every command takes


def test_interview_help_names_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "interview", "--help")
    for option in ("--candidate", "--role", "--interviewer", "--seniority", "--minutes", "--pick"):
        assert option in out


# --- bad usage exits 2 -------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("bogus",),
        ("--no-such-option",),
        ("interview", "--minutes", "0"),
        ("interview", "--minutes", "soon"),
        ("practice", "--count", "x"),
        ("export",),
        ("export", "a.toml", "--format", "xml"),
    ],
)
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "usage:" in err
    assert "Traceback" not in out + err


def test_unknown_pick_exits_2_before_any_screen(
    capsys: pytest.CaptureFixture[str], sessions_dir: Path
) -> None:
    code, _, err = run(
        capsys, "interview", "--sessions", str(sessions_dir), "--candidate", "Jo", "--pick", "nope"
    )
    assert code == 2
    assert "'nope'" in err and err.startswith("tpm-tui:")


def test_unknown_competency_exits_2(capsys: pytest.CaptureFixture[str], sessions_dir: Path) -> None:
    code, _, err = run(
        capsys, "practice", "--sessions", str(sessions_dir), "--competency", "juggling"
    )
    assert code == 2
    assert "juggling" in err


def test_resume_with_nothing_to_resume_exits_2(
    capsys: pytest.CaptureFixture[str], sessions_dir: Path
) -> None:
    code, _, err = run(capsys, "resume", "--sessions", str(sessions_dir))
    assert code == 2
    assert "no unfinished session" in err.lower()


def test_resume_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "resume", str(tmp_path / "gone.toml"))
    assert code == 2
    assert "gone.toml" in err


def test_resume_a_completed_file_exits_2(
    capsys: pytest.CaptureFixture[str], shipped_bank: Bank, sessions_dir: Path
) -> None:
    path = write_session(sessions_dir, shipped_bank, "Jo", "done")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"in_progress"', '"completed"'), encoding="utf-8")
    code, _, err = run(capsys, "resume", "--sessions", str(sessions_dir), str(path))
    assert code == 2
    assert "completed" in err


def test_broken_bank_for_a_screen_command_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bank = tmp_path / "questions.toml"
    bank.write_text("[bank\n", encoding="utf-8")
    code, out, err = run(capsys, "review", "--questions", str(bank))
    assert code == 2
    assert str(bank) in err
    assert "Traceback" not in out + err


# --- validate -----------------------------------------------------------------------


def test_a_crash_inside_the_app_does_not_exit_0(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sessions_dir: Path
) -> None:
    import tpm_tui.app

    class Crashed:
        """Stands in for the app: Textual caught an error and set the return code."""

        return_code = 1
        start_error = None
        left_saved = None

        def resolve_start(self) -> None:
            pass

        def run(self, **_options: object) -> None:  # mouse=…
            pass

    monkeypatch.setattr(tpm_tui.app, "make_app", lambda context, exit_watchdog: Crashed())
    code, _, _ = run(capsys, "review", "--sessions", str(sessions_dir))
    assert code == 1


def test_validate_the_shipped_bank(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert "OK" in out and "15 questions" in out
    assert len(out.strip().splitlines()) == 1


def test_validate_a_bank_with_problems_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bank = tmp_path / "bad.toml"
    bank.write_text('[bank]\ntitle = "T"\nrole = "R"\ncolour = "x"\n', encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bank))
    assert code == 1
    assert str(bank) in out
    assert "problem" in err


@pytest.mark.parametrize("before", [True, False])
def test_global_options_work_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, before: bool
) -> None:
    bank = tmp_path / "bad.toml"
    bank.write_text('[bank]\ntitle = "T"\n', encoding="utf-8")
    option = ["--questions", str(bank)]
    argv = [*option, "validate"] if before else ["validate", *option]
    code, out, _ = run(capsys, *argv)
    assert code == 1
    assert "role" in out  # the bad bank was the one checked, not the shipped one


def test_validate_a_missing_file_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "none.toml"))
    assert code == 2
    assert "none.toml" in err


# --- export ----------------------------------------------------------------------------


@pytest.fixture
def two_sessions(shipped_bank: Bank, sessions_dir: Path) -> list[Path]:
    return [
        write_session(sessions_dir, shipped_bank, "Jane Doe", "jane"),
        write_session(sessions_dir, shipped_bank, "[bold]Zed[/", "zed"),
    ]


def test_export_markdown(capsys: pytest.CaptureFixture[str], two_sessions: list[Path]) -> None:
    code, out, _ = run(capsys, "export", *map(str, two_sessions))
    assert code == 0
    assert "Jane Doe" in out
    assert "Zed" in out


def test_export_json(capsys: pytest.CaptureFixture[str], two_sessions: list[Path]) -> None:
    code, out, _ = run(capsys, "export", *map(str, two_sessions), "--format", "json")
    assert code == 0
    text = json.dumps(json.loads(out), ensure_ascii=False)
    assert "Jane Doe" in text
    assert "[bold]Zed[/" in text  # kept exactly


def test_export_csv_one_row_per_session(
    capsys: pytest.CaptureFixture[str], two_sessions: list[Path]
) -> None:
    code, out, _ = run(capsys, "export", *map(str, two_sessions), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2


def test_export_to_a_file(
    capsys: pytest.CaptureFixture[str], two_sessions: list[Path], tmp_path: Path
) -> None:
    out_file = tmp_path / "report.md"
    code, out, err = run(capsys, "export", str(two_sessions[0]), "-o", str(out_file))
    assert code == 0
    assert out == ""
    assert "Jane Doe" in out_file.read_text(encoding="utf-8")
    assert str(out_file) in err


def test_export_an_unreadable_session_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = "something-else"\n', encoding="utf-8")
    code, out, err = run(capsys, "export", str(broken))
    assert code == 2
    assert "broken.toml" in err
    assert "Traceback" not in out + err


# --- export -o never destroys data ---------------------------------------------------------


def test_export_refuses_an_existing_target_without_force(
    capsys: pytest.CaptureFixture[str], two_sessions: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "export", str(two_sessions[0]), "-o", str(target))
    assert code == 2
    assert f"{target}: already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "keep me"


def test_export_with_force_replaces_a_file_that_is_no_session(
    capsys: pytest.CaptureFixture[str], two_sessions: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old report", encoding="utf-8")
    target.chmod(0o644)
    code, _, _ = run(capsys, "export", str(two_sessions[0]), "-o", str(target), "--force")
    assert code == 0
    assert "Jane Doe" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_of_a_glob_never_replaces_the_first_session(
    capsys: pytest.CaptureFixture[str], two_sessions: list[Path], tmp_path: Path
) -> None:
    # `tpm-tui export -o sessions/*.toml` made the oldest session a report of the others.
    before = two_sessions[0].read_bytes()
    for force in ((), ("--force",)):
        code, _, err = run(capsys, "export", "-o", *map(str, two_sessions), *force)
        assert code == 2
        assert two_sessions[0].read_bytes() == before
    assert "is a tpm-tui session file" in err


@pytest.mark.parametrize("how", ["same path", "other spelling", "hard link", "symlink"])
def test_export_never_writes_over_one_of_its_inputs(
    capsys: pytest.CaptureFixture[str], two_sessions: list[Path], tmp_path: Path, how: str
) -> None:
    source = two_sessions[0]
    # A copy that is no longer a session file (hand-edited): only identity protects it.
    source.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    before = source.read_bytes()
    target = {
        "same path": source,
        "other spelling": source.parent / ".." / source.parent.name / source.name,
        "hard link": tmp_path / "hard.md",
        "symlink": tmp_path / "soft.md",
    }[how]
    if how == "hard link":
        os.link(source, target)
    if how == "symlink":
        target.symlink_to(source)
    code, _, err = run(capsys, "export", str(source), "-o", str(target), "--force")
    assert code == 2
    assert "one of the sessions being exported" in err or "session file" in err
    assert source.read_bytes() == before


def test_export_never_follows_a_symlink_at_the_target(
    capsys: pytest.CaptureFixture[str], two_sessions: list[Path], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(elsewhere)
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "planted.md")
    for target in (link, dangling):
        code, _, err = run(capsys, "export", str(two_sessions[0]), "-o", str(target))
        assert code == 2 and "already exists" in err
    assert not (tmp_path / "planted.md").exists()
    # --force replaces the link itself; what it pointed to is untouched.
    code, _, _ = run(capsys, "export", str(two_sessions[0]), "-o", str(link), "--force")
    assert code == 0
    assert elsewhere.read_text(encoding="utf-8") == "not yours"
    assert not link.is_symlink() and "Jane Doe" in link.read_text(encoding="utf-8")


def test_export_creates_the_file_private_whatever_the_umask(
    capsys: pytest.CaptureFixture[str], two_sessions: list[Path], tmp_path: Path
) -> None:
    old = os.umask(0o022)
    try:
        code, _, _ = run(capsys, "export", str(two_sessions[0]), "-o", str(tmp_path / "r.md"))
    finally:
        os.umask(old)
    assert code == 0
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o600


def test_export_refuses_a_folder_as_the_target(
    capsys: pytest.CaptureFixture[str], two_sessions: list[Path], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export", str(two_sessions[0]), "-o", str(tmp_path), "--force")
    assert code == 2
    assert f"{tmp_path}: is a folder" in err


def test_export_help_says_what_o_and_force_do(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "export", "--help")
    assert "--force" in out and "never" in out


# --- numbers are bounded ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "phrase"),
    [
        (("interview", "--minutes", "601"), "from 1 to 600"),
        (("interview", "--minutes", "9" * 30), "from 1 to 600"),
        (("interview", "--minutes", "9" * 5000), "from 1 to 600"),
        (("practice", "--answer-minutes", "61"), "from 1 to 60"),
        (("practice", "--count", "101"), "from 1 to 100"),
        (("practice", "--seed", "-1"), "from 0 to"),
        (("practice", "--seed", str(2**63)), "from 0 to"),
    ],
)
def test_numbers_are_bounded(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], phrase: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert phrase in err
    assert len(err) < 1000  # a 5,000-digit argument is not echoed in full


def test_numbers_at_their_bounds_are_accepted() -> None:
    from tpm_tui.commands.parser import build_parser

    parser = build_parser()
    assert parser.parse_args(["interview", "--minutes", "600"]).minutes == 600
    args = parser.parse_args(
        ["practice", "--count", "100", "--answer-minutes", "60", "--seed", str(2**63 - 1)]
    )
    assert (args.count, args.answer_minutes, args.seed) == (100, 60, 2**63 - 1)


def test_export_makes_an_open_session_file_private_and_says_so(
    capsys: pytest.CaptureFixture[str], two_sessions: list[Path]
) -> None:
    path = two_sessions[0]
    path.chmod(0o644)
    code, out, err = run(capsys, "export", str(path))
    assert code == 0 and out
    assert path.stat().st_mode & 0o777 == 0o600
    assert "Made private (0700/0600)" in err


# --- who you are ---------------------------------------------------------------------------


class Captured:
    """Stands in for the app: keeps the context the command line built."""

    contexts: list[object] = []
    return_code = 0
    start_error = None
    left_saved = None

    def __init__(self, context: object) -> None:
        Captured.contexts.append(context)

    def resolve_start(self) -> None:
        pass

    def run(self, **_options: object) -> None:  # mouse=…
        pass


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    import tpm_tui.app

    Captured.contexts = []
    monkeypatch.setattr(tpm_tui.app, "make_app", lambda context, exit_watchdog: Captured(context))
    return Captured.contexts


@pytest.mark.parametrize("before", [True, False])
def test_as_names_you_and_the_interviewer_of_a_new_interview(
    capsys: pytest.CaptureFixture[str], captured: list[object], sessions_dir: Path, before: bool
) -> None:
    who = ["--as", "Sam Lee"]
    rest = ["interview", "--candidate", "Jo", "--pick", "technical-trade-off"]
    argv = [*who, *rest] if before else [*rest, *who]
    code, _, err = run(capsys, *argv, "--sessions", str(sessions_dir))
    assert code == 0, err
    [context] = captured
    assert context.user == "Sam Lee"  # type: ignore[attr-defined]
    assert context.start.interviewer == "Sam Lee"  # type: ignore[attr-defined]


def test_the_config_files_name_is_you_and_interviewer_overrides_it(
    capsys: pytest.CaptureFixture[str], captured: list[object], sessions_dir: Path
) -> None:
    from tpm_tui.storage.settings import default_config_path

    config = default_config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('name = "Kim Park"\nbell = true\n', encoding="utf-8")
    code, _, _ = run(capsys, "interview", "--sessions", str(sessions_dir))
    assert code == 0
    assert captured[-1].user == "Kim Park"  # type: ignore[attr-defined]
    assert captured[-1].settings.bell is True  # type: ignore[attr-defined]
    assert captured[-1].start.interviewer == "Kim Park"  # type: ignore[attr-defined]
    argv = ["interview", "--interviewer", "Ali", "--sessions", str(sessions_dir)]
    assert run(capsys, *argv)[0] == 0
    assert captured[-1].start.interviewer == "Ali"  # type: ignore[attr-defined]


def test_a_broken_config_file_is_named_with_its_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], captured: list[object], sessions_dir: Path
) -> None:
    from tpm_tui.storage.settings import default_config_path

    config = default_config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('name = "Kim"\nsync = 3\n', encoding="utf-8")
    code, out, err = run(capsys, "review", "--sessions", str(sessions_dir))
    assert code == 2 and captured == []
    assert f"{config}:2:1: sync: expected one of 'manual', 'auto', got 3 (integer)" in err
    assert "Traceback" not in out + err


@pytest.mark.parametrize("due", [(), ("--due",)])
def test_practice_suggests_the_competency_meant(
    capsys: pytest.CaptureFixture[str], sessions_dir: Path, due: tuple[str, ...]
) -> None:
    code, out, err = run(
        capsys, "practice", *due, "--sessions", str(sessions_dir), "--competency", "comunication"
    )
    assert code == 2 and out == ""
    assert "--competency: unknown id 'comunication' (did you mean `communication`?)" in err


def test_an_unknown_pick_points_to_the_questions_command(
    capsys: pytest.CaptureFixture[str], sessions_dir: Path
) -> None:
    code, _, err = run(capsys, "interview", "--sessions", str(sessions_dir), "--pick", "nope")
    assert code == 2
    assert "run `tpm-tui questions` to list them" in err and "validate" not in err


@pytest.mark.parametrize("due", [(), ("--due",)])
@pytest.mark.parametrize("name", ["", "   "])
def test_practice_refuses_an_empty_name(
    capsys: pytest.CaptureFixture[str], sessions_dir: Path, due: tuple[str, ...], name: str
) -> None:
    code, out, err = run(capsys, "practice", *due, "--sessions", str(sessions_dir), "--name", name)
    assert code == 2 and out == ""
    assert "--name: empty" in err


def test_practice_due_refuses_a_pick(
    capsys: pytest.CaptureFixture[str], sessions_dir: Path
) -> None:
    folder = str(sessions_dir)
    code, out, err = run(capsys, "practice", "--due", "--sessions", folder, "--pick", "x")
    assert code == 2 and out == ""
    assert "--due" in err and "--pick" in err


@pytest.mark.parametrize(
    "command", [("resume",), ("review",), ("practice", "--due"), ("sync",), ("stories",)]
)
def test_a_sessions_folder_that_is_a_file_is_said_by_every_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    # Found by a tester: `resume` said "unexpected error: [Errno 20] Not a directory".
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "--sessions", str(afile), *command)
    assert (code, out) == (2, "")
    assert err == f"tpm-tui: the sessions folder {afile} is not a folder\n"
