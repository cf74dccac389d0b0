"""The daily check's memory: the day postings were last checked (``[postings] check = true``).

One ``YYYY-MM-DD`` line in the user state folder, or beside the config file when
``FOLLOWUP_CONFIG`` points elsewhere (a test, a second profile), like the capture
history. A missing or garbled file means "not checked yet"; a failed write only means
the next start checks again.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path

from tui.domain.config import Postings

FILE_NAME = "postings-checked.txt"


def state_path() -> Path:
    override = os.environ.get("FOLLOWUP_CONFIG")
    if override:
        return Path(override).expanduser().parent / FILE_NAME
    from platformdirs import user_state_path

    return user_state_path("followup", appauthor=False) / FILE_NAME


def last_checked(path: Path | None = None) -> date | None:
    try:
        return date.fromisoformat((path or state_path()).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def daily_check_due(postings: Postings, today: date, path: Path | None = None) -> bool:
    """Turned on, and not yet run today."""
    if not postings.check:
        return False
    last = last_checked(path)
    return last is None or last < today


def mark_checked(today: date, path: Path | None = None) -> bool:
    path = path or state_path()
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(today.isoformat() + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True


def fetcher_for(postings: Postings):
    """A Fetcher with the user's settings (imports httpx: call only when fetching)."""
    from tui.io.web.fetch import Fetcher

    return Fetcher(timeout=max(1, postings.timeout), host_delay=postings.host_delay_ms / 1000)
