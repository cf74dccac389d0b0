"""Interviews as they happen (issue 19): reading an interview's details, and what is ahead.

An interview is an ``interview`` event with, beside its day (``on``): a time of day
(``at``, "HH:MM") in a zone (``tz``, IANA; none means floating local time), a round,
where it is (an address or a meeting link), its interviewers (``contact_id`` and
``contact_ids``), the topics discussed, prep notes and how it went.

One on a later day than today is *planned*: the rules ignore it (no contact yet, nobody
to thank) until its day comes; the agenda shows it as "prepare" the day before and
"today" on the day (``interview_reminders``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tui.domain.board import Board
from tui.domain.errors import InputError
from tui.domain.models import INTERVIEW_ROUNDS, Application, Event

# Options that only an interview has (the CLI's names → Event fields).
INTERVIEW_OPTIONS = ("at", "tz", "round", "where", "topics", "prep", "how_it_went")
ROUND_WORDS = {
    "phone_screen": "phone screen",
    "technical": "technical",
    "onsite": "onsite",
    "final": "final",
}
_ROUND_ALIASES = {
    "phone": "phone_screen",
    "screen": "phone_screen",
    "phonescreen": "phone_screen",
    "phone_screen": "phone_screen",
    "recruiter_screen": "phone_screen",
    "tech": "technical",
    "technical": "technical",
    "on_site": "onsite",
    "onsite": "onsite",
    "final": "final",
    "final_round": "final",
}
_AT = re.compile(r"\s*(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}):(\d{2})\s*")
_TOPIC_SPLIT = re.compile(r"\s*[,;\n]\s*")


def normalise_round(text: str) -> str:
    """A named round ("Phone screen" → phone_screen), else the words as given (trimmed)."""
    words = " ".join(text.split())
    key = re.sub(r"[\s-]+", "_", words.lower())
    return _ROUND_ALIASES.get(key, key if key in INTERVIEW_ROUNDS else words)


def round_words(value: str) -> str:
    return ROUND_WORDS.get(value, value)


def split_topics(text: str) -> list[str]:
    return [t for t in _TOPIC_SPLIT.split(text.strip()) if t]


def check_zone(name: str) -> str:
    """An IANA zone name, checked; InputError naming it otherwise."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"{name!r} is not a time zone: use a name such as Europe/Paris or America/New_York."
        ) from None
    return name


def interview_fields(args: Any, on: date, today: date) -> dict[str, Any]:
    """The Event fields an interview's options give, checked (InputError when wrong).

    ``args`` has the ``followup log`` options (missing ones count as not given). May
    return ``on`` when ``--at`` names the day.
    """
    kind = getattr(args, "kind", "interview")
    given = {name: getattr(args, name, None) for name in INTERVIEW_OPTIONS}
    planned = bool(getattr(args, "planned", False))
    if kind != "interview":
        used = [f"--{'how' if n == 'how_it_went' else n}" for n, v in given.items() if v]
        if used or planned:
            raise InputError(f"{', '.join(used or ['--planned'])}: only for an interview.")
        if on > today:
            raise InputError(
                f"{on.isoformat()} is in the future: log what happened, today ({today}) or earlier."
            )
        return {}
    out: dict[str, Any] = {}
    if given["at"]:
        match = _AT.fullmatch(given["at"])
        if not match:
            raise InputError(f'--at {given["at"]!r}: use "YYYY-MM-DD HH:MM", e.g. "2026-12-08 14:30".')
        try:
            when = datetime(*map(int, match.group(1).split("-")), int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise InputError(f"--at {given['at']!r} is not a real day and time.") from None
        if getattr(args, "on", None) is not None and when.date() != on:
            raise InputError("--on and --at name different days: give one of them.")
        out["on"] = on = when.date()
        out["at"] = f"{when:%H:%M}"
    if given["tz"]:
        if not given["at"]:
            raise InputError("--tz is the zone of --at: give the time too.")
        out["tz"] = check_zone(given["tz"].strip())
    if given["round"]:
        out["round"] = normalise_round(given["round"])
    if given["topics"]:
        out["topics"] = split_topics(given["topics"])
    for name in ("where", "prep", "how_it_went"):
        if given[name]:
            out[name] = given[name].strip()
    if on > today and not planned:
        raise InputError(
            f"{on.isoformat()} is in the future: an interview still ahead is logged with --planned "
            f"(today is {today})."
        )
    if planned and on <= today:
        raise InputError(
            f"--planned is for an interview still ahead; {on.isoformat()} is not after today ({today})."
        )
    return out


def is_planned(event: Event, today: date) -> bool:
    return event.kind == "interview" and event.on > today


@dataclass(frozen=True)
class Reminder:
    """A planned interview on the agenda: "prepare" the day before, "today" on the day."""

    application: Application
    event: Event
    kind: str  # "prepare" | "today"
    due: date

    @property
    def text(self) -> str:
        e = self.event
        what = f"{round_words(e.round)} interview" if e.round else "Interview"
        when = f" at {e.at}" + (f" ({e.tz})" if e.tz else "") if e.at else ""
        where = f", {e.where}" if e.where else ""
        if self.kind == "today":
            return f"{what.capitalize()} today{when}{where}."
        prep = f" Prep: {' '.join(e.prep.split())}" if e.prep else ""
        return f"Prepare: {what.lower()} tomorrow{when}{where}.{prep}"


def interview_reminders(board: Board, today: date, within_days: int = 0) -> list[Reminder]:
    """Planned interviews to prepare for or to attend from today to ``today + within_days``."""
    horizon = today + timedelta(days=max(0, within_days))
    out: list[Reminder] = []
    apps = {a.id: a for a in board.applications}
    for event in board.events:
        if event.kind != "interview" or event.on < today:
            continue
        app = apps.get(event.application_id)
        if app is None or app.stage == "closed":
            continue
        if event.on == today:
            out.append(Reminder(app, event, "today", today))
        elif event.on - timedelta(days=1) <= horizon:
            out.append(Reminder(app, event, "prepare", event.on - timedelta(days=1)))
    out.sort(key=lambda r: (r.due, r.event.at or "99:99", r.application.company.casefold()))
    return out
