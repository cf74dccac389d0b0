"""Calendar invitations (issue 19), in the shapes the common calendar programs write them.

The fixtures in tests/fixtures/invites are written for these tests after the programs'
published formats: Google (IANA TZID with its VTIMEZONE, X-GOOGLE-CONFERENCE, CN folded
across lines), Outlook (a Windows zone name, quoted CN, a Teams link), Apple (UTC),
Thunderbird (floating time, DURATION), Zoom (a weekly RRULE), a cancellation, and a custom
VTIMEZONE with no standard name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.domain.board import Board
from tui.domain.errors import ImportFormatError
from tui.domain.models import Application, Contact
from tui.io.importers.invite import Person, match_invite, read_invites

FIXTURES = Path(__file__).parent.parent / "fixtures" / "invites"
TODAY = date(2026, 11, 27)


def invite(name: str):
    [one] = read_invites((FIXTURES / name).read_bytes(), TODAY)
    return one


def test_google_invite() -> None:
    inv = invite("google.ics")
    assert (inv.on, inv.at, inv.tz) == (date(2026, 12, 8), "14:30", "Europe/Paris")
    assert inv.summary == "Acme - Technical interview (Backend Engineer)"
    assert inv.where == "https://meet.google.com/abc-defg-hij"
    assert inv.organizer == Person("Sofia Nunez", "sofia.nunez@acme.example")
    assert [p.email for p in inv.people] == [
        "sofia.nunez@acme.example",
        "hal@acme.example",
        "sam@example.com",
    ]
    assert inv.attendees[1] == Person("Hal Jordan", "hal@acme.example")  # CN unfolded
    assert inv.attendees[2].name == ""  # a CN that is the address is no name
    assert not inv.cancelled and not inv.recurring and inv.notes == []


def test_outlook_invite_with_a_windows_zone() -> None:
    inv = invite("outlook.ics")
    assert (inv.on, inv.at, inv.tz) == (date(2026, 12, 9), "10:00", "Europe/Berlin")
    assert (
        inv.where
        == "Microsoft Teams Meeting (https://teams.microsoft.com/l/meetup-join/19%3ameeting_example)"
    )
    assert inv.organizer == Person("Omar Diaz", "omar.diaz@globex.example")
    assert [p.name for p in inv.attendees] == ["Omar Diaz", "Li Wei", ""]


def test_apple_invite_in_utc() -> None:
    inv = invite("apple-utc.ics")
    assert (inv.on, inv.at, inv.tz, inv.where) == (date(2026, 12, 10), "17:00", "UTC", "+1 555 0100")


def test_floating_time_stays_local() -> None:
    inv = invite("floating.ics")
    assert (inv.on, inv.at, inv.tz) == (date(2026, 12, 11), "09:30", "")
    assert inv.where == "1 Main Street, Springfield"
    assert inv.organizer == Person("", "hr@umbrella.example")


def test_a_recurring_invite_plans_its_next_occurrence() -> None:
    inv = invite("recurring.ics")
    assert inv.recurring
    assert (inv.on, inv.at, inv.tz) == (date(2026, 11, 30), "09:00", "America/New_York")
    assert inv.notes == ["a recurring invitation: its next occurrence (2026-11-30) is the one planned"]
    assert inv.where == "https://zoom.us/j/123456789"


def test_a_cancelled_invite_says_so() -> None:
    inv = invite("cancelled.ics")
    assert inv.cancelled
    assert (inv.on, inv.at, inv.tz) == (date(2026, 12, 8), "13:30", "UTC")


def test_a_custom_zone_is_converted_to_utc() -> None:
    inv = invite("custom-zone.ics")
    assert (inv.on, inv.at, inv.tz) == (date(2026, 12, 14), "10:00", "UTC")
    assert inv.notes == ["time zone 'Customized Time Zone' has no standard name: the time is given in UTC"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a calendar invitation"),
        (b"hello", "not a calendar invitation"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no event"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "no start time"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026-99\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", ""),
        (b"BEGIN:VCALENDAR\r\n" + b"X" * 2_000_001, "too big"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError) as info:
        read_invites(data, TODAY)
    assert message in str(info.value)


# --- matching the board ------------------------------------------------------------------------

ACME = Application(id=1, company="Acme, Inc.", role="Backend Engineer", stage="interviewing")
ACME_OLD = Application(id=2, company="ACME", role="SRE", stage="applied")
GLOBEX = Application(id=3, company="Globex", role="Data Engineer", stage="interviewing")
HAL = Contact(id=1, name="Hal Jordan", email="hal@acme.example", company="Acme")
BOARD = Board(applications=[ACME, ACME_OLD, GLOBEX], contacts=[HAL])


def test_the_company_in_the_summary_and_the_people_match() -> None:
    match = match_invite(invite("google.ics"), BOARD, me_email="sam@example.com")
    assert match.application is ACME  # two Acme cards: the interviewing one
    assert match.known == [HAL]
    assert [(c.name, c.email, c.company, c.role) for c in match.new] == [
        ("Sofia Nunez", "sofia.nunez@acme.example", "Acme, Inc.", "interviewer")
    ]
    event = match.event([1, 99])
    assert (event.kind, event.on, event.at, event.tz, event.channel) == (
        "interview", date(2026, 12, 8), "14:30", "Europe/Paris", "video",
    )  # fmt: skip
    assert (event.contact_id, event.contact_ids, event.application_id) == (1, [99], 1)


def test_the_domain_of_the_people_invited_matches_the_company() -> None:
    match = match_invite(invite("outlook.ics"), BOARD, me_email="sam@example.com")
    assert match.application is GLOBEX
    assert [c.email for c in match.new] == ["omar.diaz@globex.example", "li.wei@globex.example"]


def test_no_match_or_several_is_left_to_the_user() -> None:
    assert match_invite(invite("floating.ics"), BOARD).application is None
    both = Board(applications=[ACME, Application(id=4, company="Acme", role="Dev", stage="interviewing")])
    match = match_invite(invite("custom-zone.ics"), both)
    assert match.application is None and [a.id for a in match.candidates] == [1, 4]
