"""Over SSH and in a browser: the defaults a shared host gets, and `tpm-tui serve`'s
command line (the server itself is tested in tests/e2e/test_browser.py)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tpm_tui.cli import main
from tpm_tui.commands.parser import build_parser
from tpm_tui.commands.serve import global_options
from tpm_tui.context import animation_default, cursor_blink_default, mouse_default
from tpm_tui.serve import exposure_warning

SSH = {"SSH_CONNECTION": "10.0.0.2 51000 10.0.0.1 22"}


def test_mouse_reporting_is_off_over_ssh_unless_asked_for() -> None:
    assert mouse_default({}) is True
    assert mouse_default(SSH) is False
    assert mouse_default({**SSH, "TPM_TUI_MOUSE": "1"}) is True
    assert mouse_default({"TPM_TUI_MOUSE": "off"}) is False


def test_animations_are_off_over_ssh_unless_textual_is_told() -> None:
    assert animation_default({}) is None  # Textual's own default
    assert animation_default(SSH) == "none"
    assert animation_default({**SSH, "TEXTUAL_ANIMATIONS": "full"}) is None


def test_cursor_blink_keeps_its_switch() -> None:
    assert cursor_blink_default({}) and not cursor_blink_default(SSH)
    assert cursor_blink_default({**SSH, "TPM_TUI_CURSOR_BLINK": "yes"})


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_no_warning_on_loopback(host: str) -> None:
    assert exposure_warning(host, 8000) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "interviews.example.com", "::"])
def test_bound_elsewhere_the_missing_login_is_named(host: str) -> None:
    warning = exposure_warning(host, 8123)
    assert warning is not None
    assert "no login" in warning and f"{host}:8123" in warning
    assert "ssh -L 8123:127.0.0.1:8123" in warning


def test_each_tab_gets_the_global_options_given(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["--questions", "bank.toml", "serve", "--sessions", str(tmp_path), "--as", "Ana Lima",
         "--debug", "--port", "8123"]
    )  # fmt: skip
    assert args.host == "127.0.0.1" and args.port == 8123
    assert global_options(args) == [
        "--questions", str(Path("bank.toml").absolute()), "--sessions", str(tmp_path),
        "--as", "Ana Lima", "--debug",
    ]  # fmt: skip
    assert global_options(build_parser().parse_args(["serve"])) == []


def test_a_port_in_use_is_a_plain_error(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"tpm-tui: cannot serve on 127.0.0.1:{port}:" in err
    assert "Traceback" not in err


def test_the_port_is_checked() -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["serve", "--port", "70000"])
    assert exit_.value.code == 2
