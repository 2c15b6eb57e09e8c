"""How the session screen behaves in a real terminal, each figure next to a baseline.

Runs the real app (`python -m tpm_tui`, no shim) in a pseudo-terminal at 80x24
and measures, against small Textual apps measured in the same run:

- start to the first painted session screen, vs a bare App with one Static;
- terminal output per second on the idle session screen (both timers running),
  and with the notes editor focused (cursor blink off, as over SSH), vs a 1 Hz
  clock in a `width: auto` Static;
- key to the first byte of the update, vs the bare App reacting to a key;
- peak memory over a simulated session of `--minutes`, sampled at the start,
  middle and end (growth between middle and end means a leak).

The terminal is xterm-256color with COLORTERM=truecolor (as the issue's baseline
figures were taken): every colour change costs a 24-bit SGR sequence of ~33 bytes.

Both sides run with bytecode caches, warmed by one unmeasured start each: the
environment may set PYTHONDONTWRITEBYTECODE, under which `python -m tpm_tui`
would compile the whole package on every start while Textual's bytecode was
compiled at install. The children write and read their caches under a private
PYTHONPYCACHEPREFIX, so neither side uses a cache the other lacks.

Usage: python bench/tui.py [--runs 5] [--minutes 2] [--presses 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ptyrun import PtyProcess, terminal_env  # noqa: E402

PYTHON = sys.executable
PICK = ("technical-trade-off", "data-informed-decision", "prioritizing-competing-features")
BASELINE_TEXT = "baseline ready"
CLOCK_TEXT = "clock "


def question_marker(question_id: str) -> str:
    """A question's title: on screen means the session screen is painted."""
    from tpm_tui.storage.bank import default_bank_path, load_bank

    return load_bank(default_bank_path()).question(question_id).title


FIRST_QUESTION = question_marker(PICK[0])


def app_argv(sessions: Path) -> list[str]:
    return [PYTHON, "-m", "tpm_tui", "interview", "--candidate", "Bench Candidate",
            "--pick", ",".join(PICK), "--sessions", str(sessions)]


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The pty's environment, with bytecode caches under `home` (see the docstring)."""
    env = terminal_env(home, PYTHONPYCACHEPREFIX=str(home / "pycache"), **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def spawn_app(home: Path, **env: str) -> PtyProcess:
    sessions = Path(tempfile.mkdtemp(dir=home, prefix="sessions-"))
    return PtyProcess(app_argv(sessions), env=child_env(home, **env), cwd=home)


def spawn_script(home: Path, name: str, **env: str) -> PtyProcess:
    return PtyProcess([PYTHON, str(HERE / name)], env=child_env(home, **env), cwd=home)


def stop(process: PtyProcess) -> None:
    process.press("ctrl+q")
    if process.wait(5) is None:
        process.close()
    process.close()


# --- the measurements ------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (steadier than wall time
    on a loaded machine)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def startup(spawn: Callable[[], PtyProcess], marker: str) -> tuple[float, float]:
    """Seconds from spawning to the first frame that shows `marker`, and the CPU
    seconds the child had used by then."""
    process = spawn()
    try:
        shown = process.wait_for(marker, timeout=30) - process.started
        return shown, cpu_seconds(process.pid)
    finally:
        stop(process)


def output_rate(process: PtyProcess, marker: str, seconds: float, *keys: str) -> float:
    """Bytes per second written to the terminal once settled (after pressing `keys`)."""
    process.wait_for(marker, timeout=30)
    process.press(*keys)
    time.sleep(2.0)  # let the first repaints and the startup queries pass
    start = time.monotonic()
    time.sleep(seconds)
    return process.bytes_between(start, start + seconds) / seconds


def key_latencies(process: PtyProcess, marker: str, presses: int) -> list[float]:
    """Milliseconds from writing `1` to the first byte of the repaint."""
    process.wait_for(marker, timeout=30)
    process.wait_quiet(0.5, timeout=5)
    latencies = []
    for _ in range(presses):
        # Press just after a quiet spell, so a 1 Hz timer repaint is not taken for ours.
        process.wait_quiet(0.2, timeout=3)
        sent = process.write("1")
        answered = process.first_chunk_after(sent, timeout=5)
        if answered is not None:
            latencies.append((answered - sent) * 1000)
    return latencies


USE = [("1",), ("2",), ("down",), ("space",), ("f",), ("space",), ("escape",),
       ("e",), ("typing",), ("escape",), ("n",), ("3",), ("p",), ("r",), ("3",)]


def memory_run(home: Path, minutes: float) -> list[tuple[str, dict[str, int]]]:
    """Simulated use, one action a second; VmRSS/VmHWM at the start, middle and end."""
    process = spawn_app(home)
    samples: list[tuple[str, dict[str, int]]] = []
    try:
        process.wait_for(FIRST_QUESTION, timeout=30)
        process.wait_quiet(0.5, timeout=5)
        samples.append(("start", process.memory_kb()))
        total = minutes * 60
        began = time.monotonic()
        step = 0
        middle_taken = False
        while (elapsed := time.monotonic() - began) < total:
            if not middle_taken and elapsed >= total / 2:
                samples.append(("middle", process.memory_kb()))
                middle_taken = True
            keys = USE[step % len(USE)]
            if keys == ("typing",):
                process.type("candidate gave a clear example with numbers. ")
            else:
                process.press(*keys)
            step += 1
            time.sleep(max(0.0, began + step - time.monotonic()))
        samples.append(("end", process.memory_kb()))
    finally:
        stop(process)
    return samples


# --- the report ------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="startup runs per app (default 5)")
    parser.add_argument("--seconds", type=float, default=10, help="output-rate window")
    parser.add_argument("--presses", type=int, default=30, help="key presses timed per app")
    parser.add_argument("--minutes", type=float, default=2, help="simulated session length")
    args = parser.parse_args(argv)

    rows: list[tuple[str, str, str, str, bool]] = []  # what, ours, baseline, target, ok
    with tempfile.TemporaryDirectory(prefix="tpm-bench-") as folder:
        home = Path(folder)

        print("warming bytecode caches: one unmeasured start each …", file=sys.stderr)
        startup(lambda: spawn_script(home, "baseline_static.py"), BASELINE_TEXT)
        startup(lambda: spawn_script(home, "baseline_clock.py"), CLOCK_TEXT)
        startup(lambda: spawn_app(home), FIRST_QUESTION)

        print(f"startup: {args.runs} runs each …", file=sys.stderr)
        bare, ours = [], []
        for _ in range(args.runs):  # interleaved, so machine load hits both alike
            bare.append(startup(lambda: spawn_script(home, "baseline_static.py"), BASELINE_TEXT))
            ours.append(startup(lambda: spawn_app(home), FIRST_QUESTION))
        bare_s = statistics.median(wall for wall, _ in bare)
        ours_s = statistics.median(wall for wall, _ in ours)
        ratio = ours_s / bare_s
        rows.append(("start to first frame (median)", f"{ours_s:.3f} s", f"{bare_s:.3f} s",
                     f"<= 1.5x ({ratio:.2f}x)", ratio <= 1.5))
        bare_cpu = statistics.median(cpu for _, cpu in bare)
        ours_cpu = statistics.median(cpu for _, cpu in ours)
        cpu_ratio = ours_cpu / bare_cpu
        rows.append(("  CPU (user+sys) by then", f"{ours_cpu:.3f} s", f"{bare_cpu:.3f} s",
                     f"<= 1.5x ({cpu_ratio:.2f}x)", cpu_ratio <= 1.5))

        print(f"terminal output: {args.seconds:g} s windows …", file=sys.stderr)
        clock = spawn_script(home, "baseline_clock.py")
        try:
            clock_rate = output_rate(clock, CLOCK_TEXT, args.seconds)
        finally:
            stop(clock)
        app = spawn_app(home)
        try:
            idle_rate = output_rate(app, FIRST_QUESTION, args.seconds)
        finally:
            stop(app)
        app = spawn_app(home, SSH_CONNECTION="10.0.0.1 5000 10.0.0.2 22")
        try:
            notes_rate = output_rate(app, FIRST_QUESTION, args.seconds, "e")
        finally:
            stop(app)
        rows.append(("idle session screen, bytes/s", f"{idle_rate:.0f}", f"{clock_rate:.0f}",
                     "<= 40", idle_rate <= 40))
        rows.append(("notes editor focused, bytes/s", f"{notes_rate:.0f}", f"{clock_rate:.0f}",
                     "<= 170", notes_rate <= 170))

        print(f"key latency: {args.presses} presses each …", file=sys.stderr)
        bare_app = spawn_script(home, "baseline_static.py")
        try:
            bare_keys = key_latencies(bare_app, BASELINE_TEXT, args.presses)
        finally:
            stop(bare_app)
        app = spawn_app(home)
        try:
            our_keys = key_latencies(app, FIRST_QUESTION, args.presses)
        finally:
            stop(app)
        if not our_keys or not bare_keys:
            print("key latency: no repaint seen after a key press", file=sys.stderr)
            return 1
        median_ms, p95_ms = statistics.median(our_keys), percentile(our_keys, 0.95)
        key_ratio = median_ms / statistics.median(bare_keys)
        rows.append(("key to first byte, median", f"{median_ms:.1f} ms",
                     f"{statistics.median(bare_keys):.1f} ms", f"<= 1.2x ({key_ratio:.2f}x)",
                     key_ratio <= 1.2))
        rows.append(("key to first byte, p95", f"{p95_ms:.1f} ms",
                     f"{percentile(bare_keys, 0.95):.1f} ms", "<= 10 ms", p95_ms <= 10))

        print(f"memory: {args.minutes:g} minutes of simulated use …", file=sys.stderr)
        bare_app = spawn_script(home, "baseline_static.py")
        try:
            bare_app.wait_for(BASELINE_TEXT, timeout=30)
            bare_app.wait_quiet(0.5, timeout=5)
            bare_peak = bare_app.memory_kb().get("VmHWM", 0) / 1024
        finally:
            stop(bare_app)
        samples = memory_run(home, args.minutes)
        for name, memory in samples:
            rss, peak = memory.get("VmRSS", 0) / 1024, memory.get("VmHWM", 0) / 1024
            rows.append((f"memory at {name}: RSS / peak", f"{rss:.1f} / {peak:.1f} MB",
                         f"{bare_peak:.1f} MB", "peak <= 40 MB", peak <= 40))
        rss = {name: memory.get("VmRSS", 0) / 1024 for name, memory in samples}
        growth = rss.get("end", 0) - rss.get("middle", 0)
        rows.append(("RSS growth, middle to end", f"{growth:+.1f} MB", "", "<= 1 MB",
                     growth <= 1))

    print(f"{args.runs} runs each, medians; bytecode caches warmed for both sides "
          "(one unmeasured start each, private PYTHONPYCACHEPREFIX)")
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    header = ("measure", "tpm-tui", "baseline", "target")
    widths = [max(width, len(title)) for width, title in zip(widths, header, strict=True)]
    print("  ".join(title.ljust(width) for title, width in zip(header, widths, strict=True)))
    for *cells, ok in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        print(f"{line}  {'PASS' if ok else 'FAIL'}")
    return 0 if all(row[4] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
