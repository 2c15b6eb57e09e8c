"""The driver of a browser tab (`tpm-tui serve`): Textual's web driver, ending
the app when the server is gone.

Textual's web driver reads the page's keys from its stdin, a pipe from the
textual-serve process. When that server dies without closing the tab's app
(killed with -9, out of memory, crashed), the pipe ends, Textual's input thread
stops, and nothing else happens: the app ran on for ever, holding its session's
lock, with nobody to type into it. Now the end of input is a hang-up, as for a
terminal (tpm_tui/driver.py): SIGHUP, so the app saves and exits
(tpm_tui/shutdown.py). A tab closed normally is ended by the server first.

Its keys are parsed as the terminal's are (widgets/pasteparser.py): alt+digit
ticks from the notes instead of typing `™`, escape then a key is two keys, and
a paste holding ESC arrives whole.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from textual.drivers.web_driver import WebDriver

from tpm_tui.textual_internals import use_web_parser
from tpm_tui.widgets.pasteparser import PasteParser


class WebPageDriver(WebDriver):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_web_parser(PasteParser)  # before start_application_mode starts the input thread

    def run_input_thread(self) -> None:
        super().run_input_thread()
        # Past this point nothing will ever be read: the app is leaving, or its
        # server is gone.
        if not self.exit_event.is_set():
            os.kill(os.getpid(), signal.SIGHUP)
