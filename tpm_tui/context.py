"""What the app is started with: resolved paths, the loaded bank, and what to open.

Built by the command line (or a test) and handed to `make_app`; the app never
reads the command line or the user's folders itself.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Literal

from attrs import field, frozen

from tpm_tui.domain.models import Bank, Seniority, utc_now
from tpm_tui.domain.people import who_you_are
from tpm_tui.storage.settings import Settings
from tpm_tui.storage.store import STORIES_NAME, SessionStore

DEFAULT_MINUTES = 45
DEFAULT_PRACTICE_COUNT = 3
DEFAULT_ANSWER_MINUTES = 3
# Bounds of what a user may ask for: every number the app writes stays far inside
# a 64-bit TOML integer (a 30-digit --minutes made a file other readers refuse).
MAX_ANSWER_MINUTES = 60
MAX_PRACTICE_COUNT = 100
MAX_SEED = 2**63 - 1
AUTOSAVE_SECONDS = 1.0  # the README promises at most 2 s lost


@frozen
class InterviewRequest:
    """`tpm-tui interview`: what the command line filled in of the setup form."""

    candidate: str | None = None
    role: str | None = None
    interviewer: str | None = None
    seniority: Seniority | None = None
    minutes: int | None = None
    pick: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        """With a candidate and a pick the setup form is skipped."""
        return bool(self.candidate and self.pick)


@frozen
class PracticeRequest:
    count: int = DEFAULT_PRACTICE_COUNT
    competency: str | None = None
    seniority: Seniority | None = None
    pick: tuple[str, ...] = ()
    answer_minutes: int = DEFAULT_ANSWER_MINUTES
    seed: int | None = None
    name: str | None = None  # the candidate: None for you (`AppContext.user`)


@frozen
class ResumeRequest:
    path: Path | None = None  # None: the newest unfinished session


@frozen
class ReviewRequest:
    paths: tuple[Path, ...] = ()  # empty: the whole sessions folder


@frozen
class StoriesRequest:
    """`tpm-tui stories`: the story bank."""


StartRequest = InterviewRequest | PracticeRequest | ResumeRequest | ReviewRequest | StoriesRequest


def _switch(env: Mapping[str, str], name: str) -> bool | None:
    """An on/off environment variable: None when unset or not understood."""
    setting = env.get(name, "").strip().lower()
    if setting in {"1", "yes", "true", "on"}:
        return True
    if setting in {"0", "no", "false", "off"}:
        return False
    return None


def over_ssh(env: Mapping[str, str]) -> bool:
    return "SSH_CONNECTION" in env


def cursor_blink_default(env: Mapping[str, str] | None = None) -> bool:
    """Blinking costs ~2.5 kB/s of terminal output: off over SSH unless asked for."""
    env = os.environ if env is None else env
    setting = _switch(env, "TPM_TUI_CURSOR_BLINK")
    return not over_ssh(env) if setting is None else setting


def mouse_default(env: Mapping[str, str] | None = None) -> bool:
    """Mouse reporting: off over SSH unless TPM_TUI_MOUSE asks for it. The terminal
    then reports every cell the pointer crosses, each a packet up the link and a
    hover repaint down it (bench/ssh.py), for an app driven from the keyboard."""
    env = os.environ if env is None else env
    setting = _switch(env, "TPM_TUI_MOUSE")
    return not over_ssh(env) if setting is None else setting


def animation_default(env: Mapping[str, str] | None = None) -> Literal["none"] | None:
    """Textual's animation level to impose: "none" over SSH (an animated scroll
    repaints several frames where one does), unless TEXTUAL_ANIMATIONS says."""
    env = os.environ if env is None else env
    return "none" if over_ssh(env) and "TEXTUAL_ANIMATIONS" not in env else None


@frozen
class AppContext:
    """Everything a screen needs to know about where it runs."""

    bank: Bank
    bank_path: Path
    store: SessionStore
    cursor_blink: bool = False
    start: StartRequest | None = field(default=None)  # None: the home screen
    # The monotonic clock the timers read: tests pass a fake one for stable screens.
    clock: Callable[[], float] = time.monotonic
    # The wall clock practice is scheduled by (spaced repetition): tests pass a fake one.
    now: Callable[[], datetime] = utc_now
    # How often a live session saves what changed: tests shorten it instead of waiting.
    autosave_seconds: float = AUTOSAVE_SECONDS
    # Who you are (`--as`, the config's name, the login name) and your settings.
    user: str = field(factory=lambda: who_you_are(None, None))
    settings: Settings = field(factory=Settings)
    # The story bank (`--stories FILE`); None: stories.toml in the sessions folder.
    stories_path: Path | None = None

    @property
    def sessions_dir(self) -> Path:
        return self.store.folder

    @property
    def stories_file(self) -> Path:
        return self.stories_path or self.store.folder / STORIES_NAME
