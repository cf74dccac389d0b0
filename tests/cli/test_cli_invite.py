"""``followup import INVITE.ics`` and the ICS export's planned interviews (issue 19)."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tui.domain.models import Application, Contact
from tui.store.repository import Store

FIXTURES = Path(__file__).parent.parent / "fixtures" / "invites"


@pytest.fixture
def board(env) -> Path:
    with Store(env.db) as store:
        store.add_contact(Contact(name="Hal Jordan", email="hal@acme.example", company="Acme"))
        store.add_application(Application(company="Acme, Inc.", role="Backend Engineer", stage="interviewing",
                                          applied_on=date(2026, 11, 2)))  # fmt: skip
        store.add_application(
            Application(company="Globex", role="Data Engineer", applied_on=date(2026, 11, 5))
        )
        store.add_application(Application(company="Hooli", role="SRE", applied_on=date(2026, 11, 5)))
    env.config.write_text('[me]\nemail = "sam@example.com"\n', encoding="utf-8")
    return env.db


def test_an_invite_becomes_a_planned_interview(cli, board, tmp_path) -> None:
    result = cli("import", str(FIXTURES / "google.ics"))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Planned interview on 2026-12-08 14:30 (Europe/Paris) for #1 Backend Engineer @ Acme, Inc. "
        "with Hal Jordan, Sofia Nunez (new contact)",
        "  where: https://meet.google.com/abc-defg-hij",
    ]
    with Store(board) as store:
        b = store.board()
        [event] = [e for e in b.events if e.kind == "interview"]
        sofia = next(c for c in b.contacts if c.email == "sofia.nunez@acme.example")
        assert (event.on, event.at, event.tz, event.people) == (date(2026, 12, 8), "14:30", "Europe/Paris",
                                                               [1, sofia.id])  # fmt: skip
        assert sofia.role == "interviewer"
        assert b.application_by_id[1].contact_ids == [1, sofia.id]
    # The same invite again (a calendar resends it): nothing added.
    again = cli("import", str(FIXTURES / "google.ics"))
    assert again.code == 0 and again.out.startswith("Already on the timeline")
    # The ICS export carries it as a timed event with its VTIMEZONE, and icalendar reads it back.
    out = tmp_path / "board.ics"
    assert cli("export", "--format", "ics", "-o", str(out)).code == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    [interview] = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Interview")]
    start = interview.decoded("DTSTART")
    assert start == datetime(2026, 12, 8, 14, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert interview["DTSTART"].params["TZID"] == "Europe/Paris"
    assert interview.decoded("DTEND") - start == timedelta(hours=1)
    assert str(interview["LOCATION"]) == "https://meet.google.com/abc-defg-hij"
    assert "With: Hal Jordan, Sofia Nunez" in str(interview["DESCRIPTION"])
    assert str(interview["TRANSP"]) == "OPAQUE"
    # the all-day follow-ups are still there beside it
    all_day = [e for e in cal.walk("VEVENT") if not str(e["SUMMARY"]).startswith("Interview")]
    assert all_day and all(type(e.decoded("DTSTART")) is date for e in all_day)


def test_a_utc_invite_is_exported_in_utc(cli, board, tmp_path) -> None:
    shutil.copy(FIXTURES / "apple-utc.ics", tmp_path / "x.ics")
    result = cli("import", str(tmp_path / "x.ics"), "--app", "3")  # Initech is not on the board: choose
    assert result.code == 0, result.err
    assert result.out.startswith("Planned interview on 2026-12-10 17:00 (UTC) for #3 SRE @ Hooli")
    cal = icalendar.Calendar.from_ical(cli("export", "--format", "ics").out.encode())
    [interview] = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Interview")]
    assert interview.decoded("DTSTART") == datetime(2026, 12, 10, 17, 0, tzinfo=ZoneInfo("UTC"))
    assert interview.to_ical().decode().count("DTSTART:20261210T170000Z") == 1


def test_a_windows_zone_and_the_domain_match(cli, board) -> None:
    result = cli("import", str(FIXTURES / "outlook.ics"))
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        "Planned interview on 2026-12-09 10:00 (Europe/Berlin) for #2 Data Engineer @ Globex "
        "with Omar Diaz (new contact), Li Wei (new contact)"
    )


def test_a_recurring_invite_and_its_note(cli, board) -> None:
    result = cli("import", str(FIXTURES / "recurring.ics"))
    assert result.code == 0, result.err
    assert "2026-11-30 09:00 (America/New_York) for #3 SRE @ Hooli" in result.out
    assert "  note: a recurring invitation: its next occurrence (2026-11-30) is the one planned" in result.out


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cancelled.ics", "this invitation was cancelled; there is no interview to plan."),
        ("floating.ics", "no application on the board matches “Onsite at Umbrella”"),
        ("missing.ics", "does not exist"),
    ],
)
def test_what_cannot_be_planned_is_exit_2_and_writes_nothing(cli, board, name, message) -> None:
    before = board.read_bytes()
    result = cli("import", str(FIXTURES / name))
    assert result.code == 2
    assert message in result.err
    assert board.read_bytes() == before


def test_a_floating_invite_keeps_local_time_in_the_export(cli, board) -> None:
    assert cli("import", str(FIXTURES / "floating.ics"), "--app", "2").code == 0
    text = cli("export", "--format", "ics").out
    assert "DTSTART:20261211T093000\r\n" in text  # floating: no Z, no TZID
    assert "BEGIN:VTIMEZONE" not in text
