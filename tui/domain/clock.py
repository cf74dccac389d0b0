"""The one place that knows what day it is.

Every date rule reads "today" from here, so tests, screenshots and benchmarks pin
the clock with ``FOLLOWUP_TODAY=YYYY-MM-DD`` and nothing else reads the system date.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time

ENV_VAR = "FOLLOWUP_TODAY"


class ClockError(ValueError):
    """FOLLOWUP_TODAY holds something that is not a real date."""


def today() -> date:
    pinned = os.environ.get(ENV_VAR, "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise ClockError(f"{ENV_VAR}={pinned!r} is not a date (expected YYYY-MM-DD)") from None
    return datetime.now().astimezone().date()


def now_utc() -> datetime:
    """The current instant, in UTC. With a pinned day, noon UTC of that day (deterministic)."""
    if os.environ.get(ENV_VAR, "").strip():
        return datetime.combine(today(), time(12, 0), tzinfo=UTC)
    return datetime.now(UTC)


def now_iso() -> str:
    return now_utc().isoformat(timespec="seconds")
