"""What a screen may ask of the app that runs it.

A screen types its app handle with this class, `app = getters.app(ScreenHost)`,
so the type checker knows these methods and flags a call to one the app does
not have. `TpmApp` (tpm_tui/app.py) implements them. It is a class of its own,
not `TpmApp` itself, because the app module imports the screens it opens:
importing it back from a screen would make an import cycle.
"""

from __future__ import annotations

from abc import abstractmethod

from textual.app import App

from tpm_tui.context import InterviewRequest, PracticeRequest, ResumeRequest, ReviewRequest


class ScreenHost(App[None]):
    """The app's routes between screens, as the screens see them."""

    @abstractmethod
    def go_home(self) -> None:
        """Leave whatever is open for the home screen."""

    @abstractmethod
    def open_interview(self, request: InterviewRequest) -> None:
        """The setup form, or straight into the session when the request is ready."""

    @abstractmethod
    def open_practice(self, request: PracticeRequest) -> bool:
        """Start a practice session; False (and a message) when it cannot be."""

    @abstractmethod
    def open_resume(self, request: ResumeRequest) -> bool:
        """Reopen an unfinished session; False (and a message) when there is none."""

    @abstractmethod
    def open_review(self, request: ReviewRequest) -> None:
        """The list of past sessions."""

    @abstractmethod
    def open_stories(self) -> None:
        """The story bank."""

    @abstractmethod
    def tell_privacy(self) -> None:
        """Say what reading the sessions folder made private."""
