"""`tpm-tui serve` in a real browser: Debian's chromium, headless, driven by playwright.

The server runs as a user would start it (`python -m tpm_tui … serve`); the page
is loaded with every request outside the server refused and recorded, so the app
is proven to work offline. What the page shows is read from the bytes the app
sends down the websocket, fed to a pyte screen of the size the page asked for:
the test waits on the screen's text, as the pty tests do, never on a fixed time.
Playwright never downloads a browser here: it launches /usr/bin/chromium.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyte
import pytest
from remote_helpers import (
    CHROMIUM,
    alive,
    children,
    end_group,
    free_port,
    group_members,
    needs_chromium,
    wait_until,
)

from tpm_tui.domain.models import Session
from tpm_tui.storage.store import SessionStore

pytestmark = [needs_chromium(), pytest.mark.xdist_group("browser")]

STARTUP = 30.0  # a loaded 2-core CI machine is slow to start chromium and the app
CLOSE_WITHIN = 10.0  # SPEC: a closed tab's app saves and ends within 10 s
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Records what the app sends down the websocket, and the size the page asks for.
CAPTURE = """
window.__tpm = {chunks: [], size: null};
const NativeSocket = window.WebSocket;
window.WebSocket = class extends NativeSocket {
  constructor(url, protocols) {
    super(url, protocols);
    const asked = new URL(url).searchParams;
    window.__tpm.size = [Number(asked.get("width")), Number(asked.get("height"))];
    this.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__tpm.chunks.push(Array.from(new Uint8Array(event.data)));
      }
    });
  }
  send(data) {
    try {
      const message = JSON.parse(data);
      if (message[0] === "resize") window.__tpm.size = [message[1].width, message[1].height];
    } catch (error) {}
    super.send(data);
  }
};
"""


class BrowserScreen:
    """What the page's terminal shows, rebuilt from the websocket's bytes."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.seen = 0

    def text(self) -> str:
        state = self.page.evaluate(
            "(seen) => ({size: window.__tpm.size, chunks: window.__tpm.chunks.slice(seen)})",
            self.seen,
        )
        if state["size"] and tuple(state["size"]) != (self.screen.columns, self.screen.lines):
            columns, lines = state["size"]
            self.screen.resize(lines, columns)
        for chunk in state["chunks"]:
            self.stream.feed(bytes(chunk))
        self.seen += len(state["chunks"])
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 15.0) -> None:
        try:
            wait_until(lambda: needle in self.text(), timeout, repr(needle), every=0.1)
        except AssertionError as error:
            raise AssertionError(f"{error}; the page shows:\n{self.text()}") from None

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, Path]]:
    """`tpm-tui serve` on a free port, its base address, and its sessions folder."""
    home, sessions = tmp_path / "home", tmp_path / "sessions"
    home.mkdir()
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tpm_tui",
            "--sessions",
            str(sessions),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=home,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # blocks until the server says it listens
        assert "tpm-tui: serving on http://127.0.0.1" in line, line
        yield process, f"http://127.0.0.1:{port}/", sessions
    finally:
        tabs = children(process.pid)
        end_group(process.pid)
        for tab in tabs:  # each in its own group: never left running by a failed test
            end_group(tab)
        process.wait(10)


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def open_page(browser: Any, base: str) -> tuple[Any, BrowserScreen, list[str]]:
    """A new tab on `base`, every request elsewhere refused and listed; the home screen up."""
    context = browser.new_context(viewport={"width": 1100, "height": 640})
    outside: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(base) or route.request.url.startswith(
            base.replace("http", "ws", 1)
        ):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.add_init_script(CAPTURE)
    page.goto(base)
    screen = BrowserScreen(page)
    screen.wait_for("New interview", timeout=STARTUP)
    # The keyboard goes to the terminal's input, as a click on the page would put it.
    page.focus("textarea.xterm-helper-textarea")
    return page, screen, outside


def practice_to_first_tick(screen: BrowserScreen) -> None:
    screen.press("p")  # practice, from home
    screen.wait_for("press enter when you are ready to answer")
    screen.press("Enter")  # ready: the answer timer starts
    screen.wait_for("press v to see what a strong answer covers")
    screen.press("v")
    screen.wait_for("Areas to cover")
    screen.press("1")
    screen.wait_for("Areas to cover 1/")


def only_session(sessions: Path) -> Session:
    files = sorted(sessions.glob("*.toml"))
    assert len(files) == 1, files
    return SessionStore(sessions).load(files[0])


def test_a_practice_in_the_browser_is_saved_as_in_the_terminal(server, browser) -> None:
    _process, base, sessions = server
    page, screen, outside = open_page(browser, base)
    practice_to_first_tick(screen)
    screen.press("Control+q")  # leave: saved, resumable
    page.wait_for_selector("body.-closed", timeout=STARTUP * 1000)

    session = only_session(sessions)
    assert session.kind == "practice"
    assert session.status == "in_progress"
    first = session.questions[0]
    assert first.revealed
    assert [area.covered for area in first.areas][:2] == [True, False]
    assert outside == []  # nothing fetched from outside: the page works offline
    # The font is the copy served with the page, not a CDN's.
    assert page.evaluate("document.fonts.check('16px \"Roboto Mono\"')")


def test_closing_the_tab_saves_and_ends_the_tabs_app(server, browser) -> None:
    process, base, sessions = server
    page, screen, _outside = open_page(browser, base)
    (tab,) = wait_until(lambda: children(process.pid), STARTUP, "the tab's app running")
    practice_to_first_tick(screen)
    screen.press("e")
    screen.wait_for("TYPING")
    page.keyboard.type("Lead with the result.")
    screen.wait_for("Lead with the result.")  # on screen; maybe not yet autosaved

    page.close()
    closed = time.monotonic()
    wait_until(
        lambda: not alive(tab) and not group_members(tab),
        CLOSE_WITHIN,
        "the closed tab's app and its process group gone",
    )
    print(f"tab closed to app gone: {time.monotonic() - closed:.2f} s")

    first = only_session(sessions).questions[0]
    assert first.areas[0].covered
    assert first.notes == "Lead with the result."  # typed just before the close: not lost
    assert process.poll() is None  # the server serves on
