"""Date helpers shared by the rules, the grammar and the screens.

arrow has no business-day API and ``dehumanize`` is no parser for typed input
(STORAGE.md §5), so the two small pieces we need live here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tui.domain.clock import iso_day

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
DAY_FORMS = "YYYY-MM-DD, today, yesterday, 3 days ago, mon, last friday, next tue or nov 3"
# The longest relative form is three words ("3 days ago", "in 2 weeks").
MAX_DAY_WORDS = 3

_AGO = re.compile(r"([0-9]{1,4}) (day|days|week|weeks) ago")
_IN = re.compile(r"in ([0-9]{1,4}) (day|days|week|weeks)")
_ISO_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER = re.compile(r"[0-9]{1,2}(?:st|nd|rd|th)?")


def _name_index(word: str, names: tuple[str, ...]) -> int | None:
    """"fri", "frid", "friday" → 4; at least three letters, and only a prefix of one name."""
    if len(word) < 3 or not word.isalpha():
        return None
    hits = [i for i, name in enumerate(names) if name.startswith(word)]
    return hits[0] if len(hits) == 1 else None


def _relative_day(word: str, today: date) -> date | None:
    """The spoken forms of ``parse_day``; None when ``word`` is none of them."""
    m = _AGO.fullmatch(word) or _IN.fullmatch(word)
    if m:
        n = int(m.group(1)) * (7 if m.group(2).startswith("week") else 1)
        return today - timedelta(days=n) if word.endswith("ago") else today + timedelta(days=n)
    parts = word.split(" ")
    step = ""
    if len(parts) == 2 and parts[0] in ("last", "next"):
        step, parts = parts[0], parts[1:]
    if len(parts) == 1:
        weekday = _name_index(parts[0], WEEKDAYS)
        if weekday is None:
            return None
        back = (today.weekday() - weekday) % 7
        if step == "next":  # the next one after today
            return today + timedelta(days=(7 - back) if back else 7)
        if step == "last" and back == 0:  # "last friday" on a Friday: a week ago
            back = 7
        return today - timedelta(days=back)
    if len(parts) == 2 and not step:
        first, second = parts
        if _NUMBER.fullmatch(first):
            first, second = second, first
        month = _name_index(first, MONTHS)
        if month is None or not _NUMBER.fullmatch(second):
            return None
        day = int(second.rstrip("stndrh"))
        # The occurrence nearest today: "nov 3" late in November is this year's, "jan 5" in
        # late November is next year's. A day no year has (feb 30) is no date at all.
        candidates = []
        for year in (today.year - 1, today.year, today.year + 1):
            try:
                candidates.append(date(year, month + 1, day))
            except ValueError:
                continue
        if not candidates:
            raise ValueError(f"{word!r} is not a real day")
        return min(candidates, key=lambda d: (abs((d - today).days), d > today))
    return None


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
    """A day: ``YYYY-MM-DD``, ``today``, ``yesterday``, ``tomorrow``, ``3 days ago``,
    ``in 2 weeks``, a weekday (``mon``: the latest Monday, today included; ``last mon``:
    before today; ``next mon``: after today) or a month and day (``nov 3``, ``3 nov``:
    the occurrence nearest today).

    Raises ValueError with the accepted forms; never guesses between two readings.
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
    if _ISO_SHAPE.fullmatch(word):  # the shape of a day, but no such day (2026-02-30)
        raise ValueError(f"{text!r} is not a date (no such day): use {DAY_FORMS}")
    try:
        day = _relative_day(word, today)
    except (ValueError, OverflowError):
        raise ValueError(f"{text!r} is not a date (no such day): use {DAY_FORMS}") from None
    if day is not None:
        return day
    raise ValueError(f"{text!r} is not a date: use {DAY_FORMS}")


def humanize_day(day: date, today: date) -> str:
    """Days in words relative to today: "today", "yesterday", "in 3 days", "8 days ago".

    Day granularity up to two months (arrow's auto mode says "a month ago" from
    day 15, STORAGE.md §5), arrow's own wording beyond that ("2 months ago", "in a
    year"). Computed here, word for word as arrow 1.x's English humanize (a test holds
    the two side by side): importing arrow costs a scripted command ~60 ms.
    """
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    n = abs(delta)
    if n <= 60:
        words = f"{n} days"
    elif n < 365:
        months = _calendar_months(max(day, today), min(day, today))
        words = "a month" if months == 1 else f"{months} months"
    elif n < 730:
        words = "a year"
    else:
        words = f"{n // 365} years"
    return f"in {words}" if delta > 0 else f"{words} ago"


def _calendar_months(later: date, earlier: date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (dateutil's relativedelta: the day
    of month clipped to the month's length), one more past two weeks, at most 12."""
    from calendar import monthrange

    def plus(months: int) -> date:
        year, month0 = divmod(earlier.month - 1 + months, 12)
        year += earlier.year
        return date(year, month0 + 1, min(earlier.day, monthrange(year, month0 + 1)[1]))

    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    landed = plus(months)
    while later < landed:
        months -= 1
        landed = plus(months)
    if (later - landed).days > 14:
        months += 1
    return min(months, 12)


def day_label(day: date, today: date) -> str:
    """ "Mon 07 Dec"; the year only when it is not this year's ("Tue 05 Jan 2027")."""
    return f"{day:%a %d %b}" if day.year == today.year else f"{day:%a %d %b %Y}"


def describe_due(day: date, today: date, *, short: bool = False) -> str:
    """The one wording of a due or snooze day, for every screen and export.

    Full: "Mon 07 Dec (in 5 days)", "Fri 27 Nov (5 days ago)". Short (a badge, the
    agenda's when column): the spoken word near today ("today", "tomorrow",
    "3 days ago") and the day's name further ahead ("Mon 07 Dec"), so the card and
    the toast name the same day.
    """
    if not short:
        return f"{day_label(day, today)} ({humanize_day(day, today)})"
    if (day - today).days <= 1:
        return humanize_day(day, today)
    return day_label(day, today)


def snooze_day(day: date) -> date:
    """The day a snooze chosen for ``day`` ends: follow-ups fall on business days, so a
    snooze ending on a Saturday or Sunday ends on the Monday after (stored, shown and
    due on that same day)."""
    return on_business_day(day)


def describe_snooze(until: date, today: date, *, short: bool = False) -> str:
    """ "until Mon 07 Dec (in 5 days)" (short: "until Mon 07 Dec")."""
    return f"until {describe_due(until, today, short=short)}"
