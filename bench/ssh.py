"""What the app costs over an SSH link: bytes on the wire per keypress, per idle
second, per mouse movement, and for an animated scroll.

A real sshd on a loopback port (tests/sshharness.py: its own keys, nothing of
the machine's) and `ssh -tt` in a pty at 80x24 (bench/ptyrun.py), through a
relay that counts the encrypted bytes each way: what a slow link carries. The
app runs on the server as an interviewer's would, so SSH_CONNECTION is set there.

    .venv/bin/python bench/ssh.py
"""

from __future__ import annotations

import contextlib
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from ptyharness import PtyProcess  # noqa: E402
from sshharness import SshServer, remote_tpm  # noqa: E402

PICK = "technical-trade-off,data-informed-decision,prioritizing-competing-features"
IDLE_SECONDS = 10.0
KEYS = 20
MOVES = 40  # mouse movements across the session screen


class Relay:
    """A TCP relay from a local port to the server, counting bytes up and down."""

    def __init__(self, target: int) -> None:
        self.up = self.down = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._target = target
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self._listener.accept()
            server = socket.create_connection(("127.0.0.1", self._target))
            for source, sink, up in ((client, server, True), (server, client, False)):
                threading.Thread(target=self._pump, args=(source, sink, up), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, up: bool) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                with self._lock:
                    if up:
                        self.up += len(data)
                    else:
                        self.down += len(data)
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def counts(self) -> tuple[int, int]:
        with self._lock:
            return self.up, self.down


def session(server: SshServer, relay: Relay, home: Path, *env: str) -> PtyProcess:
    remote = remote_tpm(home, "interview", "--candidate", "Jane", "--pick", PICK,
                        "--sessions", str(home / "sessions"))  # fmt: skip
    if env:
        remote = remote.replace("exec env ", "exec env " + " ".join(env) + " ", 1)
    argv = server.ssh_argv(remote, "-o", "HostKeyAlias=tpm-bench")
    argv[argv.index(str(server.port))] = str(relay.port)
    process = PtyProcess(argv, env={"TERM": "xterm-256color", "PATH": "/usr/bin:/bin"})
    process.wait_for("Q 1/3", timeout=30)
    process.wait_quiet(1.0, timeout=10)
    return process


def settle(process: PtyProcess, since: float) -> None:
    """Until the screen's answer to input sent at `since` is all written."""
    process.first_chunk_after(since, timeout=3)
    process.wait_quiet(0.3, timeout=10)


def measure(label: str, server: SshServer, relay: Relay, home: Path, *env: str) -> None:
    process = session(server, relay, home, *env)
    try:
        mouse_on = b"\x1b[?1003h" in process.raw
        up0, down0 = relay.counts()
        time.sleep(IDLE_SECONDS)  # idle: both timers run
        up1, down1 = relay.counts()
        idle = ((down1 - down0) / IDLE_SECONDS, (up1 - up0) / IDLE_SECONDS)

        per_key = []
        for _ in range(KEYS):
            process.wait_quiet(0.3, timeout=5)
            before = relay.counts()
            settle(process, process.write("1"))  # tick / untick the first area
            after = relay.counts()
            per_key.append((after[1] - before[1], after[0] - before[0]))

        process.wait_quiet(0.5, timeout=5)
        before = relay.counts()
        # What a terminal reporting every movement (mode 1003, SGR) sends as the pointer
        # crosses the screen, one report per cell; sent only while reporting is on.
        if mouse_on:
            for step in range(MOVES):
                sent = process.write(f"\x1b[<35;{2 + step * 78 // MOVES};{4 + step % 16}M")
                time.sleep(0.01)  # a hand moves, not a paste
            settle(process, sent)
        after = relay.counts()
        mouse = ((after[1] - before[1]) / MOVES, (after[0] - before[0]) / MOVES)

        process.press("?")  # help: long, scrolled a page at a time (animated when on)
        process.wait_for("every key", timeout=10)
        process.wait_quiet(0.5, timeout=5)
        before = relay.counts()
        settle(process, process.write("\x1b[6~"))  # pgdn
        after = relay.counts()
        scroll = after[1] - before[1]
        process.press("escape")
        process.wait_quiet(0.5, timeout=5)
        process.press("ctrl+q")
        process.wait(10)
    finally:
        process.close()
    down_key = statistics.median(d for d, _ in per_key)
    up_key = statistics.median(u for _, u in per_key)
    print(f"{label}")
    print(f"  mouse reporting on: {mouse_on}")
    print(f"  idle, both timers running: {idle[0]:.0f} B/s down, {idle[1]:.0f} B/s up")
    print(f"  keypress (tick), median of {KEYS}: {down_key:.0f} B down, {up_key:.0f} B up")
    print(f"  mouse movement, per cell crossed: {mouse[0]:.0f} B down, {mouse[1]:.0f} B up")
    print(f"  pgdn in help (a scroll): {scroll} B down")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        server = SshServer(base / "sshd")
        try:
            public = server.host_key.with_suffix(".pub").read_text().split()
            server.known_hosts.write_text(f"tpm-bench {public[0]} {public[1]}\n")
            relay = Relay(server.port)
            for label, env in (
                ("over SSH, the app's defaults (mouse and animations off)", ()),
                ("over SSH, mouse on", ("TPM_TUI_MOUSE=1",)),
                ("over SSH, mouse on, animations full", ("TPM_TUI_MOUSE=1",
                                                         "TEXTUAL_ANIMATIONS=full")),
            ):  # fmt: skip
                home = base / f"home-{len(env)}"
                home.mkdir()
                measure(label, server, relay, home, *env)
        finally:
            server.close()


if __name__ == "__main__":
    main()
