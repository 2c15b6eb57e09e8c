"""The domain modules never import Textual, so they run and test without a UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tpm_tui

# The modules allowed to import Textual: the app, its terminal driver, the command
# line, and the UI folders.
UI_MODULES = {"tpm_tui.app", "tpm_tui.cli", "tpm_tui.__main__", "tpm_tui.driver"}
UI_PACKAGES = ("tpm_tui.screens", "tpm_tui.widgets", "tpm_tui.dialogs")


def domain_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(tpm_tui.__path__, prefix="tpm_tui.")
        if info.name not in UI_MODULES and not info.name.startswith(UI_PACKAGES)
    ]
    return sorted(names)


def test_there_are_domain_modules_to_check() -> None:
    names = domain_modules()
    assert {"tpm_tui.models", "tpm_tui.bank", "tpm_tui.store", "tpm_tui.timer"} <= set(names)


def test_domain_modules_do_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {domain_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_validate_and_export_do_not_load_textual() -> None:
    # They are the scriptable commands: they should start fast and work without a terminal.
    code = (
        "import sys\n"
        "from tpm_tui.cli import main\n"
        "main(['validate'])\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("False")
