"""The one place that knows what day it is.

Every date rule reads "today" from here, so tests, screenshots and benchmarks pin
the clock with ``FOLLOWUP_TODAY=YYYY-MM-DD`` and nothing else reads the system date.

"Today" is the user's **local** date (a card added today says "today" wherever the
user is when they add it); instants that are stored (``created_at``, ``written_at``)
and a calendar's ``DTSTAMP`` are **UTC**.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time

from tui.domain.errors import InputError

ENV_VAR = "FOLLOWUP_TODAY"


class ClockError(InputError, ValueError):
    """FOLLOWUP_TODAY holds something that is not a real date (bad input: exit 2)."""


def iso_day(text: str) -> date | None:
    """``YYYY-MM-DD`` exactly, as a date; None for anything else.

    Stricter than ``date.fromisoformat``, which since Python 3.11 also takes ``20261127``
    and ``2026-W48-5``: a typo there must not become a silently different day.
    """
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        return None
    if not (text[:4].isdigit() and text[5:7].isdigit() and text[8:].isdigit()):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def today() -> date:
    pinned = os.environ.get(ENV_VAR, "").strip()
    if pinned:
        day = iso_day(pinned)
        if day is None:
            raise ClockError(f"{ENV_VAR}={pinned!r} is not a real date (expected YYYY-MM-DD)")
        return day
    return datetime.now().astimezone().date()


def now_utc() -> datetime:
    """The current instant, in UTC. With a pinned day, noon UTC of that day (deterministic)."""
    if os.environ.get(ENV_VAR, "").strip():
        return datetime.combine(today(), time(12, 0), tzinfo=UTC)
    return datetime.now(UTC)


def local_day(instant: str) -> date | None:
    """The user's local date of a stored UTC instant (``created_at``); None if it is not one.

    Its first ten characters are the UTC date, which is a day off for a user far from UTC.
    """
    try:
        moment = datetime.fromisoformat(instant)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:  # an old or hand-written instant without an offset: take it as UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()


def now_iso() -> str:
    return now_utc().isoformat(timespec="seconds")
