"""A broken config file stops every command the same way: before anything else, with
the file, line and key named, exit 2. (`questions` and `validate` ran on silently,
`export` and `practice --due` stopped: each command checked it, or did not.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from panel_helpers import interview

from tpm_tui.cli import main
from tpm_tui.storage.sessionfile import to_toml
from tpm_tui.storage.settings import default_config_path

BROKEN = {
    "emial": ('name = "Ana"\nemial = "ana@example.com"\n', "2:1: emial: unknown key `emial`"),
    "bell": ('bell = "yes"\n', "1:1: bell: expected true or false, got 'yes'"),
}
COMMANDS = {
    "questions": ["questions"],
    "validate": ["validate"],
    "validate FILE": ["validate", "BANK"],
    "export": ["export", "SESSION"],
    "export debrief": ["export", "SESSION", "--format", "debrief"],
    "practice --due": ["practice", "--due"],
    "sync": ["sync"],
    "serve": ["serve", "--port", "1"],
    "interview": ["interview", "--candidate", "Jo", "--pick", "trade-off"],
    "practice": ["practice"],
    "resume": ["resume"],
    "review": ["review"],
    "stories": ["stories"],
    "home": [],
}


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as leave:
        code = leave.code if isinstance(leave.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "jo.toml"
    path.write_text(to_toml(interview("Lee", ratings={})), encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.mark.parametrize("broken", BROKEN)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_broken_config_stops_every_command(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    session_file: Path,
    broken: str,
    command: str,
) -> None:
    from tpm_tui.storage.bank import default_bank_path

    text, problem = BROKEN[broken]
    config = default_config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    given = {"BANK": str(default_bank_path()), "SESSION": str(session_file)}
    argv = [given.get(word, word) for word in COMMANDS[command]]
    code, out, err = run(capsys, [*argv, "--sessions", str(tmp_path / "sessions")])
    assert (code, out) == (2, "")
    assert err.startswith(f"tpm-tui: {config}:{problem}")
    assert err.count("\n") == 1  # one plain line, no traceback


def test_help_and_version_still_answer_with_a_broken_config(
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = default_config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('bell = "yes"\n', encoding="utf-8")
    for argv in (["--help"], ["--version"], ["questions", "--help"]):
        code, out, _ = run(capsys, argv)
        assert code == 0 and out
