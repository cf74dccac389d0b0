"""The ICS export: exactly the due follow-ups and thank-yous, as all-day events that
parse back with icalendar (and vobject, a second reader), whatever the text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import vobject
from icalendar import Calendar

from tui.domain.board import Board
from tui.domain.models import Application, Contact, NextAction
from tui.io.export.ics import export_ics

TODAY = date(2026, 3, 10)
# DTSTAMP is the export's UTC instant: with the conftest's pinned FOLLOWUP_TODAY, noon UTC of that day.
STAMP = datetime(2026, 11, 27, 12, tzinfo=UTC)

HOSTILE = [
    'Acme; Inc, \\ "quoted"',
    "line\nbreak\r\nand\rreturn",
    "<script>alert(1)</script> | # * _ `",
    "Zoë 東京 👩‍💻 עברית",
    "ctrl\x00\x07\x1b[31mchars\x7f",
    "{braces} {company}",
    "x" * 10_000,
]


def events_of(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def board_with_every_kind() -> tuple[Board, dict[int, NextAction]]:
    kinds = [
        ("follow_up", TODAY + timedelta(days=3)),
        ("follow_up", TODAY - timedelta(days=4)),  # overdue: keeps its date
        ("thank_you", TODAY),
        ("follow_up", None),  # no date: nothing to schedule
        ("wait", TODAY + timedelta(days=2)),
        ("let_go", None),
        ("close_as_ghosted", TODAY),
        ("none", None),
    ]
    apps, actions = [], {}
    for i, (kind, due) in enumerate(kinds, start=1):
        apps.append(Application(f"Company {i}", f"Role {i}", id=i))
        actions[i] = NextAction(kind, due=due, reason=f"reason {i}")
    return Board(apps), actions


def test_exactly_the_due_follow_ups_and_thank_yous():
    board, actions = board_with_every_kind()
    events = events_of(export_ics(board, actions, TODAY))
    assert set(events) == {
        "followup-1-follow_up@followup.local",
        "followup-2-follow_up@followup.local",
        "followup-3-thank_you@followup.local",
    }
    expected_start = {1: TODAY + timedelta(days=3), 2: TODAY - timedelta(days=4), 3: TODAY}
    for i, start in expected_start.items():
        kind = actions[i].kind
        ev = events[f"followup-{i}-{kind}@followup.local"]
        dtstart = ev["DTSTART"].dt
        assert type(dtstart) is date and dtstart == start  # all-day, not a midnight datetime
        assert ev["DTEND"].dt == start + timedelta(days=1)
        assert ev["DTSTAMP"].dt == STAMP
        assert str(ev["TRANSP"]) == "TRANSPARENT"
    assert str(events["followup-1-follow_up@followup.local"]["SUMMARY"]) == "Follow up: Role 1 @ Company 1"
    assert str(events["followup-3-thank_you@followup.local"]["SUMMARY"]) == "Thank-you: Role 3 @ Company 3"


def test_calendar_header_and_all_day_encoding():
    board, actions = board_with_every_kind()
    data = export_ics(board, actions, TODAY)
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//followup//")
    assert b"DTSTART;VALUE=DATE:20260313\r\n" in data
    assert b"DTEND;VALUE=DATE:20260314\r\n" in data
    assert b"DTSTAMP:20261127T120000Z\r\n" in data  # noon UTC: the pinned day's "now"


def test_crlf_line_endings_and_folding():
    apps = [
        Application(text, text, id=i, url=f"https://acme.example/{i}") for i, text in enumerate(HOSTILE, 1)
    ]
    actions = {i: NextAction("follow_up", due=TODAY, reason=HOSTILE[-i]) for i in range(1, len(HOSTILE) + 1)}
    data = export_ics(Board(apps), actions, TODAY)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75  # RFC 5545 §3.1: lines folded at 75 octets
        assert not any(b < 0x20 and b != 0x09 for b in line)  # no control characters


def test_hostile_text_parses_back():
    apps, contacts, actions = [], [], {}
    for i, text in enumerate(HOSTILE, start=1):
        apps.append(Application(text, HOSTILE[-i], id=i, url=f"https://acme.example/jobs/{i}"))
        contacts.append(Contact(HOSTILE[i % len(HOSTILE)], id=100 + i))
        actions[i] = NextAction("follow_up", due=TODAY, contact_id=100 + i, channel="email", reason=text)
    events = events_of(export_ics(Board(apps, contacts), actions, TODAY))
    assert len(events) == len(HOSTILE)

    def clean(s: str) -> str:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
        return "".join(ch for ch in s if ch in "\n\t" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0))

    for i, text in enumerate(HOSTILE, start=1):
        ev = events[f"followup-{i}-follow_up@followup.local"]
        summary = " ".join(clean(f"Follow up: {HOSTILE[-i]} @ {text}").split())
        assert str(ev["SUMMARY"]) == summary
        description = str(ev["DESCRIPTION"])
        assert description == clean(
            f"{text}\nContact: {HOSTILE[i % len(HOSTILE)]} (email)\nhttps://acme.example/jobs/{i}"
        )
        assert str(ev["URL"]) == f"https://acme.example/jobs/{i}"


@pytest.mark.parametrize(
    ("url", "has_url_property"),
    [
        ("https://acme.example/jobs/42", True),
        ("javascript:alert(1)", False),
        ("https://acme.example/a b", False),
        ("", False),
    ],
)
def test_url_property_only_for_web_links(url, has_url_property):
    board = Board([Application("Acme", "Dev", id=1, url=url)])
    (ev,) = events_of(export_ics(board, {1: NextAction("follow_up", due=TODAY)}, TODAY)).values()
    assert ("URL" in ev) is has_url_property
    if url:
        assert url in str(ev["DESCRIPTION"])  # the text is still there to read


def test_deterministic_for_the_same_day():
    board, actions = board_with_every_kind()
    assert export_ics(board, actions, TODAY) == export_ics(board, actions, TODAY)
    later = export_ics(board, actions, TODAY, stamp=datetime(2026, 3, 11, 8, 30, tzinfo=UTC))
    assert b"DTSTAMP:20260311T083000Z" in later


def test_no_due_actions_is_still_a_calendar():
    cal = Calendar.from_ical(export_ics(Board([Application("A", "r", id=1)]), {}, TODAY))
    assert cal.name == "VCALENDAR" and cal.walk("VEVENT") == []


def test_a_second_reader_accepts_it():
    apps = [Application(text, "Dev", id=i) for i, text in enumerate(HOSTILE, start=1)]
    actions = {i: NextAction("thank_you", due=TODAY, reason=text) for i, text in enumerate(HOSTILE, 1)}
    cal = vobject.readOne(export_ics(Board(apps), actions, TODAY).decode("utf-8"))
    vevents = cal.contents["vevent"]
    assert len(vevents) == len(HOSTILE)
    assert {ev.dtstart.value for ev in vevents} == {TODAY}
