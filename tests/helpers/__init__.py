"""Child processes for the crash and concurrency tests, and how to start them.

Each helper is a module run as ``python -m tests.helpers.<name>`` with this checkout on
``PYTHONPATH``, so it imports the same ``tui`` as the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent.parent


def child_env(**extra: str) -> dict[str, str]:
    """The current environment (the pinned clock, FOLLOWUP_DB...) plus this checkout on PYTHONPATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def command(helper: str, *args: object) -> list[str]:
    return [sys.executable, "-m", f"tests.helpers.{helper}", *map(str, args)]


def spawn(helper: str, *args: object, **kwargs: Any) -> subprocess.Popen[str]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(command(helper, *args), cwd=REPO, env=child_env(), text=True, **kwargs)


def run(helper: str, *args: object, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(helper, *args), cwd=REPO, env=child_env(), text=True, capture_output=True, timeout=timeout
    )
