"""The layers of the package: the domain and storage never import Textual, so they
run and test without a UI; the domain reads no files (storage does)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import tpm_tui

# Textual-free: the pure logic, the files, what the app is started with, and the
# command line's commands (the one that opens the app imports Textual inside run_app).
NO_TEXTUAL = ("tpm_tui.domain", "tpm_tui.storage", "tpm_tui.commands")
NO_TEXTUAL_MODULES = ("tpm_tui.context", "tpm_tui.keeper", "tpm_tui.shutdown", "tpm_tui.serve")


def modules_of(package: str) -> list[str]:
    module = __import__(package, fromlist=["_"])
    return sorted(
        info.name for info in pkgutil.walk_packages(module.__path__, prefix=package + ".")
    )


def imported_by(names: list[str]) -> set[str]:
    """Every module loaded by importing `names`, in a fresh interpreter."""
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_each_layer_has_its_modules() -> None:
    assert {"tpm_tui.domain.models", "tpm_tui.domain.timer"} <= set(modules_of("tpm_tui.domain"))
    assert {"tpm_tui.storage.bank", "tpm_tui.storage.store"} <= set(modules_of("tpm_tui.storage"))
    assert {"tpm_tui.commands.parser", "tpm_tui.commands.app"} <= set(
        modules_of("tpm_tui.commands")
    )


def test_domain_and_storage_never_import_textual() -> None:
    names = [*NO_TEXTUAL, *(m for p in NO_TEXTUAL for m in modules_of(p)), *NO_TEXTUAL_MODULES]
    loaded = imported_by(names)
    assert sorted(m for m in loaded if m == "textual" or m.startswith("textual.")) == []


def test_the_domain_never_imports_storage() -> None:
    loaded = imported_by(modules_of("tpm_tui.domain"))
    assert sorted(m for m in loaded if m.startswith("tpm_tui.storage")) == []


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


def test_no_module_outside_the_ui_is_left_unchecked() -> None:
    ui = ("tpm_tui.screens", "tpm_tui.widgets", "tpm_tui.dialogs")
    ui_modules = {"tpm_tui.app", "tpm_tui.driver", "tpm_tui.cli", "tpm_tui.__main__",
                  "tpm_tui.textual_internals", "tpm_tui.webdriver"}  # fmt: skip
    top = {info.name for info in pkgutil.iter_modules(tpm_tui.__path__, prefix="tpm_tui.")}
    unchecked = top - ui_modules - set(NO_TEXTUAL) - set(NO_TEXTUAL_MODULES) - set(ui)
    assert unchecked == set(), "say which layer these belong to"


def _imports_of(path: Path, root: Path) -> set[str]:
    """The tpm_tui modules a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tpm_tui"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("tpm_tui"))
    return found


def test_no_import_cycle() -> None:
    root = Path(tpm_tui.__file__).parent
    modules = {
        ".".join(("tpm_tui", *path.relative_to(root).with_suffix("").parts)).removesuffix(
            ".__init__"
        ): path
        for path in root.rglob("*.py")
    }
    graph = {
        name: {d for d in _imports_of(path, root) if d in modules and d != name}
        for name, path in modules.items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    path: list[str] = []

    def walk(name: str) -> None:
        state[name] = 1
        path.append(name)
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                cycles.append([*path[path.index(other) :], other])
            elif other not in state:
                walk(other)
        path.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name)
    assert cycles == [], [" -> ".join(cycle) for cycle in cycles]
