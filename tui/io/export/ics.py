"""The due follow-ups as an iCalendar file (RFC 5545), for a calendar app.

One all-day VEVENT per application whose next action is a ``follow_up`` or a
``thank_you`` with a due date; overdue ones keep their original date, as the board
does. ``close_as_ghosted`` is left out on purpose: it is housekeeping on the board
(due "today" every day until done), not an appointment with someone, and a calendar
would show it as a new event after every export. ``wait`` and ``let_go`` are the
opposite of an action, and ``none`` has nothing to schedule.

Each event: DTSTART;VALUE=DATE on the due day and DTEND the day after (all-day),
SUMMARY "Follow up: ROLE @ COMPANY" (or "Thank-you: ..."), DESCRIPTION with the
reason, the best contact and the posting's link, TRANSP:TRANSPARENT (a reminder does
not make you busy), and a UID stable per application and action kind, so importing a
newer export updates the event instead of duplicating it. DTSTAMP is the moment of the
export in UTC, as RFC 5545 §3.8.7.2 asks (``stamp``, by default ``clock.now_utc()``,
which is noon UTC of a pinned ``FOLLOWUP_TODAY``, so a pinned export is repeatable).
A due date a calendar cannot hold (its day after would overflow) is left out rather
than failing the whole export. icalendar escapes the text, folds long lines and
writes CRLF line endings.

Planned interviews (an interview event on today or later, issue 19) are timed events
beside the all-day follow-ups: DTSTART at the interview's time in its zone (TZID, with
the zone's VTIMEZONE in the calendar), or floating local time when no zone was given,
one hour long; an interview with no time is an all-day event. SUMMARY "Interview
(ROUND): ROLE @ COMPANY", LOCATION the address or meeting link, DESCRIPTION the
interviewers, topics and prep notes; busy (OPAQUE), UID stable per interview event.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from tui.domain.board import Board
from tui.domain.models import Event as EventRecord
from tui.domain.models import NextAction
from tui.io.export import best_contact, is_web_url

PRODID = "-//followup//followup export//EN"
CALENDAR_KINDS = {"follow_up": "Follow up", "thank_you": "Thank-you"}
UID_DOMAIN = "followup.local"

# RFC 5545 text allows no control characters but tab (a newline is escaped as \n).
_CONTROLS = {cp: None for cp in [*range(0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]}


def event_uid(app_id: int, kind: str) -> str:
    return f"followup-{app_id}-{kind}@{UID_DOMAIN}"


def _text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate would stop to_ical()
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def _line(value: str) -> str:
    return " ".join(_text(value).split())


def export_ics(
    board: Board, actions: dict[int, NextAction], today: date, *, stamp: datetime | None = None
) -> bytes:
    """A VCALENDAR with one VEVENT per due follow-up or thank-you; see the module docstring."""
    if stamp is None:
        from tui.domain.clock import now_utc

        stamp = now_utc()
    stamp = stamp.astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "followup")
    for app in sorted(board.applications, key=lambda a: (a.id is None, a.id or 0)):
        if app.id is None:
            continue
        action = actions.get(app.id)
        if action is None or action.kind not in CALENDAR_KINDS or action.due is None:
            continue
        try:
            end = action.due + timedelta(days=1)
        except OverflowError:  # 9999-12-31 from an old store: no calendar can show the day after
            continue
        event = Event()
        event.add("uid", event_uid(app.id, action.kind))
        event.add("dtstamp", stamp)
        event.add("dtstart", action.due)
        event.add("dtend", end)
        event.add("summary", _line(f"{CALENDAR_KINDS[action.kind]}: {app.role} @ {app.company}"))
        name, channel = best_contact(board, action)
        lines = [action.reason]
        if name or channel:
            lines.append(
                f"Contact: {name} ({channel})" if name and channel else f"Contact: {name or channel}"
            )
        url = app.url.strip()
        if url:
            lines.append(url)
        event.add("description", _text("\n".join(line for line in lines if line)))
        if is_web_url(url):
            event.add("url", url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    zoned = False
    for interview in planned_interviews(board, today):
        cal.add_component(_interview_event(board, interview, stamp))
        zoned = zoned or bool(interview.tz and interview.at)
    if zoned:
        cal.add_missing_timezones()  # a VTIMEZONE for each TZID used
    return cal.to_ical()


INTERVIEW_MINUTES = 60


def planned_interviews(board: Board, today: date) -> list[EventRecord]:
    """Interviews on today or later, of applications still open, soonest first."""
    open_apps = {a.id for a in board.applications if a.stage != "closed"}
    found = [
        e for e in board.events if e.kind == "interview" and e.on >= today and e.application_id in open_apps
    ]
    return sorted(found, key=lambda e: (e.on, e.at or "", e.id or 0))


def _interview_event(board: Board, interview: EventRecord, stamp: datetime) -> Event:
    from zoneinfo import ZoneInfo

    from tui.followup.interviews import round_words

    app = board.application_by_id[interview.application_id]
    event = Event()
    event.add("uid", f"followup-interview-{interview.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    if interview.at:
        hour, minute = map(int, interview.at.split(":"))
        zone = ZoneInfo(interview.tz) if interview.tz else None
        start = datetime(interview.on.year, interview.on.month, interview.on.day, hour, minute, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=INTERVIEW_MINUTES))
    else:
        event.add("dtstart", interview.on)
        event.add("dtend", interview.on + timedelta(days=1))
    what = f"Interview ({round_words(interview.round)})" if interview.round else "Interview"
    event.add("summary", _line(f"{what}: {app.role} @ {app.company}"))
    if interview.where:
        event.add("location", _line(interview.where))
    people = [board.contact_by_id[c].display_name for c in interview.people if c in board.contact_by_id]
    lines = []
    if people:
        lines.append("With: " + ", ".join(people))
    if interview.topics:
        lines.append("Topics: " + ", ".join(interview.topics))
    if interview.prep:
        lines.append("Prep: " + interview.prep)
    if app.url.strip():
        lines.append(app.url.strip())
    if lines:
        event.add("description", _text("\n".join(lines)))
    event.add("transp", "OPAQUE")
    return event
