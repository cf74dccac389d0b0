"""Date helpers shared by the rules, the grammar and the screens.

arrow has no business-day API and ``dehumanize`` is no parser for typed input
(STORAGE.md §5), so the two small pieces we need live here.
"""

from __future__ import annotations

from datetime import date, timedelta

from tui.domain.clock import iso_day

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def on_business_day(day: date) -> date:
    """A Saturday or Sunday moves to the Monday after; weekdays stay."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def add_business_days(day: date, n: int) -> date:
    step = 1 if n >= 0 else -1
    while n:
        day += timedelta(days=step)
        if day.weekday() < 5:
            n -= step
    return day


def parse_day(text: str, today: date) -> date:
    """A strict day: ``YYYY-MM-DD``, ``today``, ``yesterday``, ``tomorrow``.

    Raises ValueError with the accepted forms; never guesses.
    """
    word = " ".join(text.split()).lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word == "tomorrow":
        return today + timedelta(days=1)
    day = iso_day(word)  # exactly YYYY-MM-DD: fromisoformat also takes 20261127 and 2026-W48-5
    if day is not None:
        return day
    raise ValueError(f"{text!r} is not a date: use YYYY-MM-DD (a real day), today, yesterday or tomorrow")


def humanize_day(day: date, today: date) -> str:
    """Days in words relative to today: "today", "yesterday", "in 3 days", "8 days ago".

    Day granularity up to two months (arrow's auto mode says "a month ago" from
    day 15, STORAGE.md §5), arrow's own wording beyond that.
    """
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    import arrow

    when = arrow.Arrow(day.year, day.month, day.day)
    now = arrow.Arrow(today.year, today.month, today.day)
    if abs(delta) <= 60:
        return when.humanize(now, granularity="day")
    return when.humanize(now)
