"""`tpm-tui serve`: the app in a web browser, through textual-serve.

Each browser tab is a websocket, and each websocket runs its own `python -m
tpm_tui` (with the command line's global options) in a process group of its
own, on pipes: Textual's web driver draws into the page. What this adds to
textual-serve (1.1, whose API is checked in its installed source):

- A closed tab or a dropped connection ends the tab's app as a dropped SSH link
  does: SIGHUP to its process group, so it saves first (tpm_tui/shutdown.py),
  then SIGKILL to whatever is left of the group, within CLOSE_SECONDS. Upstream
  asks the app to quit (a plain exit, no final save) and waits for ever.
- A dropped connection (no close frame: a laptop lid, a network gone) is noticed
  by a websocket ping every HEARTBEAT_SECONDS; upstream's 15 s alone would
  break the 10 s promise.
- The page fetches nothing from outside: upstream's loads its font from a CDN;
  ours (tpm_tui/web/index.html) uses the copy textual-serve ships, and builds
  every address from the page's own, so an `ssh -L` tunnel on any local port works.

No Textual here: the server only starts processes and moves bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import os
import shlex
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# A ping this often; no pong within half of it closes the websocket. Upstream: 15 s.
HEARTBEAT_SECONDS = 4.0
# From the websocket's end to the app's process group gone. The app itself exits
# within 2 s of SIGHUP (README); the rest is for a loaded host.
CLOSE_SECONDS = 5.0
TEMPLATES = Path(__file__).resolve().parent / "web"


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host`."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def exposure_warning(host: str, port: int) -> str | None:
    """What to say when the server is reachable from other machines: nobody logs in."""
    if is_loopback(host):
        return None
    return (
        f"warning: serving on {host}:{port} with no login: anyone who can reach this "
        "port can run interviews and read every session in the sessions folder. "
        f"Keep the default ({DEFAULT_HOST}) and reach it with "
        f"`ssh -L {port}:{DEFAULT_HOST}:{port} THIS-HOST` instead."
    )


def _signal_group(pgid: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, number)


class TabApp(AppService):
    """One browser tab's app: its own process group, ended as a hang-up ends it."""

    def __init__(self, argv: Sequence[str], **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = list(argv)

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        # The server may run over SSH; the tab's terminal is the browser, not that link:
        # its mouse, cursor blink and animations are the local defaults.
        environment.pop("SSH_CONNECTION", None)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        # Upstream runs the command through a shell in the server's own process group.
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,  # its own process group, which the close ends
        )
        assert process.stdin is not None
        self._process, self._stdin = process, process.stdin
        return process

    async def stop(self) -> None:
        """The tab is gone: SIGHUP (the app saves and exits), then nothing of it is left."""
        task, process = self._task, self._process
        if task is None or process is None:
            return
        self._task = None  # the websocket handler calls stop twice
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        _signal_group(process.pid, signal.SIGHUP)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), CLOSE_SECONDS)
        _signal_group(process.pid, signal.SIGKILL)  # a stuck app, or anything it started
        await process.wait()
        await task


class TabServer(Server):
    """textual-serve's server, running a TabApp per websocket and our page."""

    def __init__(self, argv: Sequence[str], host: str, port: int) -> None:
        super().__init__(
            shlex.join(argv), host=host, port=port, title="tpm-tui", templates_path=TEMPLATES
        )
        self.argv = list(argv)

    def initialize_logging(self) -> None:
        # Problems only: upstream logs every request (INFO) on the server's terminal.
        super().initialize_logging()
        logging.getLogger().setLevel(logging.DEBUG if self.debug else logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        # Instead of upstream's logo: one line, which tests wait for too.
        print(f"tpm-tui: serving on {self.public_url} (ctrl+c to stop)", flush=True)

    @aiohttp_jinja2.template("index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        return {"font_size": to_int(request.query.get("fontsize", "16"), 16)}

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Upstream's handler, with a TabApp and a heartbeat short enough for the promise."""
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        tab: TabApp | None = None
        try:
            await websocket.prepare(request)
            tab = TabApp(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await tab.start(width, height)
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:  # the server is stopping
            await websocket.close()
        except Exception as error:  # one tab's trouble never stops the server
            print(f"tpm-tui: a browser tab failed: {error}", file=sys.stderr, flush=True)
        finally:
            if tab is not None:
                await asyncio.shield(tab.stop())
        return websocket


def serve(argv: Sequence[str], host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve until ctrl+c; each tab runs `argv` (`python -m tpm_tui` and its options)."""
    if warning := exposure_warning(host, port):
        print(f"tpm-tui: {warning}", file=sys.stderr, flush=True)
    TabServer(argv, host, port).serve()
