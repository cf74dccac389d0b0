"""Timing a program in a real terminal: tmux runs it, capture-pane tells when text appears.

Shared by the board and capture benchmarks. Polling every few milliseconds adds a
small constant to every figure, the floor's included, so ratios stay fair.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

PYTHON = sys.executable
FLOOR_APP = Path(__file__).with_name("floor_app.py")
SESSION = "followup-bench"


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def screen(session: str = SESSION) -> str:
    return _tmux("capture-pane", "-p", "-t", session)


def kill(session: str = SESSION) -> None:
    subprocess.run(["tmux", "kill-session", "-t", session], stderr=subprocess.DEVNULL, check=False)


def start(
    command: list[str],
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (160, 45),
    session: str = SESSION,
) -> float:
    """Start ``command`` in a fresh tmux session; returns the start instant (perf_counter)."""
    kill(session)
    env_prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
    # A user's Python caches bytecode; this sandbox's environment may say not to
    # (PYTHONDONTWRITEBYTECODE), which would make every launch compile Textual afresh.
    cmd = f"env -u PYTHONDONTWRITEBYTECODE {env_prefix} {' '.join(shlex.quote(c) for c in command)}"
    t0 = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), cmd], check=True
    )
    return t0


def wait_for(
    predicate: Callable[[str], bool], t0: float, timeout: float = 30.0, session: str = SESSION
) -> float:
    """Milliseconds from ``t0`` until the screen satisfies ``predicate``."""
    while True:
        text = screen(session)
        if predicate(text):
            return (time.perf_counter() - t0) * 1000
        if time.perf_counter() - t0 > timeout:
            raise TimeoutError(f"screen never matched; it shows:\n{text}")
        time.sleep(0.003)


def first_paint(
    command: list[str], marker: str, env: dict[str, str] | None = None, size: tuple[int, int] = (160, 45)
) -> float:
    t0 = start(command, env, size)
    try:
        return wait_for(lambda s: marker in s, t0)
    finally:
        kill()


def pane_pid(session: str = SESSION) -> int:
    return int(_tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())


def peak_rss_mb(pid: int) -> float:
    """The process's high-water resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def compile_bytecode() -> None:
    """Cache bytecode for the project and its libraries, as an installed copy would have."""
    import compileall
    import sysconfig

    for folder in (sysconfig.get_paths()["purelib"], str(Path(__file__).resolve().parents[2] / "tui")):
        compileall.compile_dir(folder, quiet=1, workers=2)


def base_env() -> dict[str, str]:
    return {
        "FOLLOWUP_TODAY": "2026-11-27",
        "TERM": os.environ.get("TERM", "xterm-256color"),
        "FOLLOWUP_CONFIG": "/dev/null/none.toml",  # no user config: defaults
    }
