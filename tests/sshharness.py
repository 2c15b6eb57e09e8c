"""A real OpenSSH server on a loopback port, and a tmux pane at 80x24 running `ssh -tt`.

Everything the server and client use is in a temporary folder: host key,
client key, authorized_keys, known_hosts, sshd_config. Nothing of the machine's
own (its host keys, ~/.ssh, /etc/ssh/ssh_config) is read or changed. The server
logs in the current user (as root in CI: with a key only).

The pane is read with `tmux capture-pane`, and tests wait for text on it,
never for a fixed time. bench/ssh.py drives the same server.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shlex
import socket
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from remote_helpers import SSHD, free_port, wait_until

STARTUP = 30.0  # a loaded 2-core CI machine is slow to start an app over ssh


class SshServer:
    """`sshd -D` on 127.0.0.1:PORT with its own keys, until `close`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)
        self.port = free_port()
        self.user = getpass.getuser()
        self.host_key = folder / "host_ed25519"
        self.client_key = folder / "client_ed25519"
        for key in (self.host_key, self.client_key):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "tpm-test", "-f", str(key)],
                check=True,
            )
        (folder / "authorized_keys").write_text(self.client_key.with_suffix(".pub").read_text())
        host_public = self.host_key.with_suffix(".pub").read_text().split()
        self.known_hosts = folder / "known_hosts"
        self.known_hosts.write_text(f"[127.0.0.1]:{self.port} {host_public[0]} {host_public[1]}\n")
        config = folder / "sshd_config"
        config.write_text(self._config())
        if os.geteuid() == 0:
            # As root sshd insists on its privilege separation folder (the package makes it
            # at boot, a fresh container has none): empty, root's, not writable by others.
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        self.log = folder / "sshd.log"
        self.process = subprocess.Popen(
            [str(SSHD), "-D", "-e", "-f", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"),
            start_new_session=True,
        )
        wait_until(self._listening, 15, f"sshd listening on port {self.port}: {self._log()}")

    def _config(self) -> str:
        lines = [
            f"Port {self.port}",
            "ListenAddress 127.0.0.1",
            f"HostKey {self.host_key}",
            f"AuthorizedKeysFile {self.folder / 'authorized_keys'}",
            f"PidFile {self.folder / 'sshd.pid'}",
            f"AllowUsers {self.user}",
            "StrictModes no",  # the temporary folder is not the user's home
            "UsePAM no",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PrintMotd no",
            "PrintLastLog no",
            "AcceptEnv LANG LC_* COLORTERM",  # what README, On a shared host, asks for
            "LogLevel ERROR",
        ]
        if os.geteuid() == 0:
            lines.append("PermitRootLogin prohibit-password")
        return "\n".join(lines) + "\n"

    def _listening(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"sshd exited ({self.process.returncode}): {self._log()}")
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def _log(self) -> str:
        with contextlib.suppress(OSError):
            return self.log.read_text(errors="replace")[-2000:]
        return ""

    def ssh_argv(self, remote: str, *options: str) -> list[str]:
        """The client command: this server's key and host key only, no user config."""
        return [
            "ssh", "-tt", "-F", "/dev/null", "-p", str(self.port), "-i", str(self.client_key),
            "-o", f"UserKnownHostsFile={self.known_hosts}", "-o", "StrictHostKeyChecking=yes",
            "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", *options,
            f"{self.user}@127.0.0.1", remote,
        ]  # fmt: skip

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, 15)
        self.process.wait(10)


def remote_tpm(home: Path, *args: str, pidfile: Path | None = None, **env: str) -> str:
    """The shell command the server runs: `python -m tpm_tui ARGS` with HOME (and so
    every default folder) in `home`; with `pidfile`, its pid is written there first
    (`exec` keeps the pid, and makes the app the leader of the login session)."""
    environment = {
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        **env,
    }
    assignments = " ".join(f"{name}={shlex.quote(value)}" for name, value in environment.items())
    command = shlex.join([sys.executable, "-m", "tpm_tui", *args])
    record = f"echo $$ > {shlex.quote(str(pidfile))}; " if pidfile else ""
    return f"cd {shlex.quote(str(home))} && {record}exec env {assignments} {command}"


class TmuxPane:
    """One detached tmux session of `cols` x `rows` running `argv`, on a private socket."""

    def __init__(
        self, folder: Path, argv: Iterable[str], *, cols: int = 80, rows: int = 24,
        term: str = "screen",
    ) -> None:  # fmt: skip
        self.socket = folder / "tmux.sock"
        command = shlex.join(["env", f"TERM={term}", *argv])
        self.tmux(
            "new-session", "-d", "-x", str(cols), "-y", str(rows), "-s", "t", command,
            # Keep the pane after the command ends: its last screen, and its exit status.
            ";", "set-option", "-t", "t", "remain-on-exit", "on",
        )  # fmt: skip

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-f", "/dev/null", "-S", str(self.socket), *args],
            capture_output=True, text=True, env={**os.environ, "TERM": "xterm-256color"},
        )  # fmt: skip
        if result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, needle: str, timeout: float = 15.0) -> None:
        try:
            wait_until(lambda: needle in self.text(), timeout, repr(needle))
        except AssertionError as error:
            raise AssertionError(f"{error}; the pane shows:\n{self.text()}") from None

    def press(self, *keys: str) -> None:
        """tmux key names: `Escape`, `Enter`, `C-q`, or plain characters."""
        self.tmux("send-keys", "-t", "t", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "t", "-l", text)

    def mouse_reporting(self) -> bool:
        """Whether the program in the pane turned mouse reporting on (tmux tracks it)."""
        return self.tmux("display-message", "-p", "-t", "t", "#{mouse_any_flag}").strip() == "1"

    def pane_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def dead(self) -> bool:
        return self.tmux("display-message", "-p", "-t", "t", "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        with contextlib.suppress(AssertionError):
            self.tmux("kill-server")
        with contextlib.suppress(FileNotFoundError):
            self.socket.unlink()


def read_pid(pidfile: Path, timeout: float = STARTUP) -> int:
    """The pid `remote_tpm` wrote, once it is there."""

    def written() -> int:
        text = pidfile.read_text().strip() if pidfile.exists() else ""
        return int(text) if text.isdigit() else 0

    return wait_until(written, timeout, f"{pidfile} written")
