"""Reading a calendar invitation (an .ics file) into a planned interview (issue 19).

``read_invites`` reads every VEVENT of a VCALENDAR as an ``Invite``: when (with its
zone), where (LOCATION, or the meeting link found in the conferencing properties or
the description), the organizer and attendees (CN and mailto), whether it is
cancelled (STATUS:CANCELLED or METHOD:CANCEL) and whether it repeats (RRULE: the next
occurrence on or after today is the one planned).

Time zones as the common calendar programs write them: an IANA TZID
(``Europe/Paris``, Google, Apple), a Windows zone name with its VTIMEZONE (Outlook's
``W. Europe Standard Time``, mapped to its IANA zone), a custom VTIMEZONE with no known
name (converted to UTC with its own rules), UTC (``...Z``), and floating local time
(no zone at all, kept floating).

``match_invite`` finds the board's application (the company named in the summary, or
the company of the people invited, compared as in DESIGN.md §5) and contacts (by
email), and ``InviteMatch.event`` is the interview to log. Nothing here writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tui.domain.board import Board
from tui.domain.companies import company_key
from tui.domain.errors import ImportFormatError
from tui.domain.models import Application, Contact, Event

MAX_BYTES = 2_000_000
_MEETING_LINK = re.compile(
    r"https://[^\s<>\"']*(?:zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com"
    r"|whereby\.com|meet\.example|zoom\.example|video\.example)[^\s<>\"']*",
    re.IGNORECASE,
)
_ANY_LINK = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
# Conferencing properties the big calendar programs add beside LOCATION.
_CONFERENCE_PROPS = (
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGURL",
    "URL",
)


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass
class Invite:
    uid: str
    summary: str
    on: date
    at: str = ""  # "HH:MM", "" for an all-day event
    tz: str = ""  # IANA zone, "UTC", or "" for floating time
    where: str = ""
    organizer: Person | None = None
    attendees: list[Person] = field(default_factory=list)
    cancelled: bool = False
    recurring: bool = False
    notes: list[str] = field(default_factory=list)  # what the reader had to decide ("a custom zone: UTC")

    @property
    def people(self) -> list[Person]:
        """Organizer first, then the attendees, once each by email."""
        seen: set[str] = set()
        out = []
        for p in [*([self.organizer] if self.organizer else []), *self.attendees]:
            if p.email and p.email not in seen:
                seen.add(p.email)
                out.append(p)
        return out


def _zone_name(tzid: str) -> str | None:
    """An IANA name for a TZID: itself when valid, the mapped one for a Windows name."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    try:
        ZoneInfo(tzid)
        return tzid
    except (ZoneInfoNotFoundError, ValueError):
        pass
    return WINDOWS_TO_OLSON.get(tzid)


def _person(prop: Any) -> Person | None:
    if prop is None:
        return None
    address = str(prop)
    email = address[7:] if address.lower().startswith("mailto:") else address
    email = email.strip().lower()
    name = str(getattr(prop, "params", {}).get("CN", "")).strip().strip('"')
    if "@" not in email:
        return None
    return Person(name if name and name.lower() != email else "", email)


def _when(component: Any, today: date, notes: list[str]) -> tuple[date, str, str]:
    prop = component.get("DTSTART")
    if prop is None:
        raise ImportFormatError("the invitation has no start time (DTSTART)")
    start = prop.dt
    if component.get("RRULE") is not None and isinstance(start, datetime | date):
        start = _next_occurrence(component, start, today, notes)
    if not isinstance(start, datetime):
        return start, "", ""  # an all-day event
    tzid = str(prop.params.get("TZID", "")) if hasattr(prop, "params") else ""
    if start.tzinfo is None:
        if tzid:
            notes.append(f"unknown time zone {tzid!r} without its definition: kept as local time")
        return start.date(), f"{start:%H:%M}", ""
    name = getattr(start.tzinfo, "key", None) or (_zone_name(tzid) if tzid else None)
    if start.utcoffset() == timedelta(0) and (not tzid or name in (None, "UTC", "Etc/UTC")):
        start = start.astimezone(UTC)
        return start.date(), f"{start:%H:%M}", "UTC"
    if name and _zone_name(name):
        return start.date(), f"{start:%H:%M}", name
    # A custom VTIMEZONE ("Customized Time Zone"): its own rules give the instant; keep it in UTC.
    notes.append(f"time zone {tzid!r} has no standard name: the time is given in UTC")
    start = start.astimezone(UTC)
    return start.date(), f"{start:%H:%M}", "UTC"


def _next_occurrence(component: Any, start: date, today: date, notes: list[str]) -> date:
    from dateutil.rrule import rrulestr

    rule = component.get("RRULE").to_ical().decode("ascii", "replace")
    try:
        dtstart = start if isinstance(start, datetime) else datetime(start.year, start.month, start.day)
        floor = datetime(today.year, today.month, today.day, tzinfo=dtstart.tzinfo)
        nxt = rrulestr(rule, dtstart=dtstart).after(floor, inc=True)
    except (ValueError, TypeError):
        nxt = None
    if nxt is None:
        notes.append("a recurring invitation with no occurrence left: its first one is used")
        return start
    notes.append(f"a recurring invitation: its next occurrence ({nxt:%Y-%m-%d}) is the one planned")
    return nxt if isinstance(start, datetime) else nxt.date()


def _where(component: Any) -> str:
    location = " ".join(str(component.get("LOCATION", "")).split())
    for name in _CONFERENCE_PROPS:
        value = component.get(name)
        if value is not None and str(value).startswith("http"):
            link = str(value).strip()
            return link if not location or link in location else f"{location} ({link})"
    description = str(component.get("DESCRIPTION", ""))
    link = _MEETING_LINK.search(description) or (None if location else _ANY_LINK.search(description))
    if link and link.group(0) not in location:
        return f"{location} ({link.group(0)})" if location else link.group(0)
    return location


def read_invites(data: bytes, today: date) -> list[Invite]:
    """Every event of an .ics file; ImportFormatError (naming the problem) when it is not one."""
    from icalendar import Calendar

    if len(data) > MAX_BYTES:
        raise ImportFormatError(f"{len(data):,} bytes is too big for a calendar invitation")
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise ImportFormatError("not a calendar invitation (no BEGIN:VCALENDAR)")
    try:
        cal = Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises ValueError and friends on malformed input
        raise ImportFormatError(f"not a readable calendar file: {exc}") from None
    method = str(cal.get("METHOD", "")).upper()
    out = []
    for component in cal.walk("VEVENT"):
        notes: list[str] = []
        try:
            on, at, tz = _when(component, today, notes)
        except (ValueError, TypeError, AttributeError) as exc:
            raise ImportFormatError(f"the invitation's start time cannot be read: {exc}") from None
        attendees = component.get("ATTENDEE") or []
        if not isinstance(attendees, list):
            attendees = [attendees]
        status = str(component.get("STATUS", "")).upper()
        out.append(
            Invite(
                uid=str(component.get("UID", "")),
                summary=" ".join(str(component.get("SUMMARY", "")).split()),
                on=on,
                at=at,
                tz=tz,
                where=_where(component),
                organizer=_person(component.get("ORGANIZER")),
                attendees=[p for p in map(_person, attendees) if p is not None],
                cancelled=status == "CANCELLED" or method == "CANCEL",
                recurring=component.get("RRULE") is not None,
                notes=notes,
            )
        )
    if not out:
        raise ImportFormatError("the calendar file has no event (VEVENT) in it")
    return out


# ---------------------------------------------------------------------------- matching

_FREE_MAIL = frozenset(
    {"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me"}
)


def _domain(email: str) -> str:
    return email.rpartition("@")[2].lower()


@dataclass
class InviteMatch:
    invite: Invite
    application: Application | None
    candidates: list[Application]  # when the match is ambiguous, the applications it could be
    known: list[Contact]  # people on the invite already in the contacts
    new: list[Contact]  # people to add as contacts (not you)

    def event(self, contact_ids: list[int]) -> Event:
        """The interview to log, with the contacts' ids (known ones, then the new ones once saved)."""
        assert self.application is not None and self.application.id is not None
        inv = self.invite
        return Event(
            application_id=self.application.id,
            kind="interview",
            on=inv.on,
            at=inv.at,
            tz=inv.tz,
            where=inv.where,
            contact_id=contact_ids[0] if contact_ids else None,
            contact_ids=contact_ids[1:],
            channel="video" if _MEETING_LINK.search(inv.where) else ("in_person" if inv.where else None),
            text=inv.summary,
        )


def match_invite(invite: Invite, board: Board, me_email: str = "") -> InviteMatch:
    """The application and contacts an invitation is about; see the module docstring."""
    mine = me_email.strip().lower()
    people = [p for p in invite.people if p.email != mine]
    by_email = {c.email.strip().lower(): c for c in board.contacts if c.email}
    known = [by_email[p.email] for p in people if p.email in by_email]
    open_apps = [a for a in board.applications if a.stage != "closed"]
    # 1. the company named in the summary ("Interview: Backend Engineer at Acme")
    spans = _name_spans(invite.summary)
    named = [a for a in open_apps if (k := company_key(a.company)) and k in spans]
    # 2. the company of the people invited: their contacts' company, or their address's domain
    companies = {company_key(c.company) for c in known if c.company}
    domains = {_domain(p.email) for p in people} - _FREE_MAIL
    by_people = [
        a
        for a in open_apps
        if company_key(a.company) in companies
        or any(_domain_names(d, company_key(a.company)) for d in domains)
    ]
    found = named or by_people
    if named and by_people:
        found = [a for a in named if a in by_people] or named
    # several applications at one company: the one in an interviewing stage first
    if len(found) > 1:
        interviewing = [a for a in found if a.stage == "interviewing"]
        if len(interviewing) == 1:
            found = interviewing
    application = found[0] if len(found) == 1 else None
    company = application.company if application else ""
    new = [
        Contact(name=p.name, email=p.email, company=company, role="interviewer")
        for p in people
        if p.email not in by_email
    ]
    return InviteMatch(invite, application, found if application is None else [application], known, new)


_WORD = re.compile(r"[^\s:|/()\[\]–—,]+")


def _name_spans(text: str) -> set[str]:
    """The company keys of every run of up to four words of ``text``."""
    words = _WORD.findall(text)
    return {
        company_key(" ".join(words[i:j]))
        for i in range(len(words))
        for j in range(i + 1, min(i + 5, len(words) + 1))
    }


def _domain_names(domain: str, key: str) -> bool:
    """``careers.acme.example`` names ``acme``; ``acmecorp.example`` does not name ``acme``."""
    return bool(key) and any(label.replace("-", "") == key for label in domain.split(".")[:-1])
