"""The installed package carries the shipped bank, and `validate` finds it there.

Built as a real wheel and installed into a folder of its own, then run from a
folder with no questions.toml: the default bank is then the packaged one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Both tests on one worker of a parallel run (make test): the wheel is built once.
pytestmark = pytest.mark.xdist_group("wheel")


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The wheel, and what building it printed on stderr."""
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools leaves build/ and *.egg-info where it builds.
    source = tmp_path_factory.mktemp("source") / "tpm-tui"
    shutil.copytree(
        ROOT, source, symlinks=True,
        ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "sessions", "__pycache__"),
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps",
         "--quiet", "--wheel-dir", str(out), str(source)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (built,) = out.glob("tpm_tui-*.whl")
    return built, result.stderr


@pytest.fixture(scope="module")
def wheel(build: tuple[Path, str]) -> Path:
    return build[0]


def test_building_prints_no_warning_of_the_build_backend(build: tuple[Path, str]) -> None:
    # `make run` on a fresh clone builds the same way: a deprecated setting in
    # pyproject.toml printed ~60 lines of setuptools warnings there.
    _, stderr = build
    assert "BuildBackendWarning" not in stderr and "Deprecat" not in stderr, stderr


def test_the_wheel_holds_the_one_bank(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        packed = archive.read("tpm_tui/data/questions.toml")
        names = archive.namelist()
    assert packed == (ROOT / "tpm_tui" / "data" / "questions.toml").read_bytes()
    # The checkout's questions.toml is a link to the same file, not a second copy.
    assert (ROOT / "questions.toml").resolve() == (ROOT / "tpm_tui/data/questions.toml").resolve()
    assert "tpm_tui/tpm_tui.tcss" in names


def test_installed_package_validates_its_default_bank(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
         "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "tpm_tui", "validate"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "15 questions" in result.stdout
    assert str(target) in result.stdout  # the packaged file, not the checkout's
