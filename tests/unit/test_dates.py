"""parse_day's spoken forms (tui.domain.dates): relative days, weekdays, month and day."""

from __future__ import annotations

from datetime import date

import pytest

from tui.domain.dates import parse_day

FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-11-03", date(2026, 11, 3)),
        ("today", FRIDAY),
        ("yesterday", date(2026, 11, 26)),
        ("3 days ago", date(2026, 11, 24)),
        ("1 day ago", date(2026, 11, 26)),
        ("2 weeks ago", date(2026, 11, 13)),
        ("in 2 days", date(2026, 11, 29)),
        ("mon", date(2026, 11, 23)),
        ("Monday", date(2026, 11, 23)),
        ("fri", FRIDAY),  # a bare weekday is the latest one, today included
        ("last friday", date(2026, 11, 20)),  # "last": before today
        ("last thu", date(2026, 11, 26)),
        ("next fri", date(2026, 12, 4)),
        ("next mon", date(2026, 11, 30)),
        ("nov 3", date(2026, 11, 3)),
        ("3 nov", date(2026, 11, 3)),
        ("3rd November", date(2026, 11, 3)),
        ("dec 15", date(2026, 12, 15)),  # the occurrence nearest today
        ("jan 5", date(2027, 1, 5)),
        ("jul 1", date(2026, 7, 1)),
    ],
)
def test_spoken_days(text: str, day: date) -> None:
    assert parse_day(text, FRIDAY) == day


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("feb 30", "is not a date (no such day)"),
        ("2026-13-01", "is not a date (no such day)"),
        ("20261101", "not a date"),  # fromisoformat's compact shape is not offered
        ("ma", "not a date"),  # too short to name a month or a weekday
        ("someday", "not a date"),
        ("3 fortnights ago", "not a date"),
    ],
)
def test_not_days_say_so_with_the_forms(text: str, words: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_day(text, FRIDAY)
    assert words in str(info.value)
    assert "3 days ago" in str(info.value) and "nov 3" in str(info.value)
