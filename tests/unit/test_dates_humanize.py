"""``humanize_day`` says what arrow's English humanize says, without importing arrow
(issue 20: the import alone cost a scripted command ~60 ms). arrow stays the oracle."""

from __future__ import annotations

from datetime import date, timedelta

import arrow
import pytest

from tui.domain.dates import humanize_day

# Month ends (clipped day of month), a leap day, mid-month days, both ends of a year.
TODAYS = [
    date(2024, 2, 29),
    date(2025, 1, 31),
    date(2025, 3, 31),
    date(2026, 2, 28),
    date(2026, 5, 15),
    date(2026, 8, 31),
    date(2026, 11, 27),
    date(2026, 12, 31),
]
DELTAS = [*range(-800, 801), -3000, -1095, -1094, 1094, 1095, 3000]


def _arrow_words(day: date, today: date) -> str:
    """What humanize_day said when it called arrow (day granularity up to 60 days)."""
    delta = (day - today).days
    if delta in (-1, 0, 1):
        return {-1: "yesterday", 0: "today", 1: "tomorrow"}[delta]
    when = arrow.Arrow(day.year, day.month, day.day)
    now = arrow.Arrow(today.year, today.month, today.day)
    return when.humanize(now, granularity="day") if abs(delta) <= 60 else when.humanize(now)


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_humanize_day_matches_arrow_word_for_word(today: date) -> None:
    wrong = [
        (d, humanize_day(today + timedelta(days=d), today), _arrow_words(today + timedelta(days=d), today))
        for d in DELTAS
        if humanize_day(today + timedelta(days=d), today) != _arrow_words(today + timedelta(days=d), today)
    ]
    assert wrong == []


def test_humanize_day_examples() -> None:
    today = date(2026, 11, 27)
    assert humanize_day(today - timedelta(days=8), today) == "8 days ago"
    assert humanize_day(today + timedelta(days=60), today) == "in 60 days"
    assert humanize_day(today - timedelta(days=61), today) == "2 months ago"
    assert humanize_day(today + timedelta(days=400), today) == "in a year"
    assert humanize_day(today - timedelta(days=800), today) == "2 years ago"
