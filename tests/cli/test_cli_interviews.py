"""The command line as strict as the app (issue 16), interviews as they happen (issue 19), and the
person you met as the best contact, end to end through ``followup add / log / due / export``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tui.domain.models import Application, Contact
from tui.store.repository import Store


@pytest.fixture
def seeded(env) -> Path:
    with Store(env.db) as store:
        store.add_contact(Contact(name="Hal Jordan", email="hal@acme.example", role="hiring_manager"))
        store.add_contact(Contact(name="Omar Diaz", email="omar@acme.example", company="Acme"))
        store.add_application(
            Application(company="Acme", role="Dev", stage="interviewing", applied_on=date(2026, 11, 2))
        )
    return env.db


def _untouched(path: Path) -> bytes:
    return path.read_bytes()


def test_moving_to_closed_needs_an_outcome(cli, seeded) -> None:
    before = _untouched(seeded)
    result = cli("move", "1", "closed")
    assert result.code == 2
    assert result.err.strip() == (
        "followup: Moving to closed needs --outcome: "
        "one of hired, rejected, ghosted, withdrawn, position_closed."
    )
    assert _untouched(seeded) == before
    assert cli("move", "1", "closed", "--outcome", "withdrawn").code == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--on", "2026-11-30"], "2026-11-30 is in the future: an interview still ahead is logged with"),
        (["--on", "tomorrow"], "is in the future: an interview still ahead is logged with --planned"),
        (["--at", "2026-12-01 10:00"], "an interview still ahead is logged with --planned"),
        (["--on", "2026-11-20", "--planned"], "--planned is for an interview still ahead"),
        (["--at", "2026-12-01 25:00", "--planned"], "is not a real day and time"),
        (["--at", "next tuesday"], 'use "YYYY-MM-DD HH:MM"'),
        (["--at", "2026-12-01 10:00", "--tz", "Mars/Olympus", "--planned"], "'Mars/Olympus' is not a"),
        (["--tz", "Europe/Paris"], "--tz is the zone of --at"),
        (["--on", "2026-12-02", "--at", "2026-12-01 10:00", "--planned"], "--on and --at name different"),
        (["--contact", "1", "--contact", "42"], "No contact with id 42."),
    ],
)
def test_bad_interview_input_is_exit_2_and_writes_nothing(cli, seeded, argv, message) -> None:
    before = _untouched(seeded)
    result = cli("log", "1", "interview", *argv)
    assert result.code == 2, result.out
    assert message in result.err
    assert "Traceback" not in result.err
    assert _untouched(seeded) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["note", "--on", "2026-11-28"], "2026-11-28 is in the future: log what happened"),
        (["note", "--round", "final"], "--round: only for an interview."),
        (["follow_up_sent", "--planned"], "--planned: only for an interview."),
        (["follow_up_sent", "--contact", "1", "--contact", "2"], "Several --contact are for an interview"),
    ],
)
def test_other_events_refuse_interview_options_and_future_days(cli, seeded, argv, message) -> None:
    before = _untouched(seeded)
    result = cli("log", "1", *argv)
    assert result.code == 2
    assert message in result.err
    assert _untouched(seeded) == before


def test_a_planned_interview_with_its_details(cli, seeded) -> None:
    result = cli(
        "log", "1", "interview", "--at", "2026-12-01 14:30", "--tz", "Europe/Paris", "--planned",
        "--round", "Phone screen", "--contact", "2", "--contact", "1", "--where", "https://meet.example/abc",
        "--topics", "API design, on-call; team size", "--prep", "Read the engineering blog",
        "--channel", "video",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.strip() == "Logged interview (planned) on 2026-12-01 14:30 for #1 Dev @ Acme"
    with Store(seeded) as store:
        board = store.board()
        [event] = [e for e in board.events if e.kind == "interview"]
        assert (event.on, event.at, event.tz, event.round, event.channel) == (
            date(2026, 12, 1), "14:30", "Europe/Paris", "phone_screen", "video",
        )  # fmt: skip
        assert (event.contact_id, event.contact_ids, event.people) == (2, [1], [2, 1])
        assert event.topics == ["API design", "on-call", "team size"]
        assert event.where == "https://meet.example/abc" and event.prep == "Read the engineering blog"
        # the people you will meet are attached to the application
        assert board.applications[0].contact_ids == [2, 1]


def test_a_held_interview_and_the_thank_you_goes_to_who_you_met(cli, env) -> None:
    # The capture of issue 16: Jane by her address only, then eight imported strangers.
    line = "Backend Engineer @ Stripe with jane.doe@stripe.example >interviewing on 2026-11-16"
    assert cli("add", line).code == 0
    with Store(env.db) as store:
        store.add_contact(
            Contact(
                name="Chen Dubois", title="Engineering Manager", company="Stripe", email="chen@stripe.example"
            )
        )
        for i in range(7):
            store.add_contact(
                Contact(name=f"Person {i}", title="Engineer", company="Stripe", email=f"p{i}@stripe.example")
            )
        jane = store.find_contact_by_email("jane.doe@stripe.example")
    assert cli("log", "1", "interview", "--contact", str(jane.id), "--topics", "payments, latency").code == 0
    due = json.loads(cli("due", "--json").out)
    [item] = due
    action = item["next_action"]
    assert (action["kind"], action["contact_id"], action["rule"]) == ("thank_you", jane.id, "thank_you")
    assert action["due"] == "2026-11-27"  # a Friday interview: due the same day
    assert "jane.doe@stripe.example (probably an interviewer)" in action["reason"]
    assert "you met them at the interview today" in action["reason"]
    exported = json.loads(cli("export", "--format", "json").out)
    assert exported["applications"][0]["next_action"]["rule"] == "thank_you"
    markdown = cli("export").out
    assert "jane.doe@stripe.example" in markdown and "Chen Dubois" not in markdown


def test_video_is_a_channel(cli, seeded) -> None:
    assert cli("log", "1", "note", "--channel", "video").code == 0


def test_due_lists_a_planned_interview_to_prepare_and_on_the_day(cli, seeded, monkeypatch) -> None:
    args = ["--at", "2026-11-28 09:15", "--planned", "--round", "final", "--where", "1 Main St"]
    assert cli("log", "1", "interview", *args).code == 0
    lines = cli("due").out.splitlines()
    assert lines[0] == (
        "2026-11-27 (prepare)  #1 Acme — Dev: Prepare: final interview tomorrow at 09:15, 1 Main St."
    )
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-11-28")
    lines = cli("due").out.splitlines()
    assert lines[0] == "2026-11-28 (today)  #1 Acme — Dev: Final interview today at 09:15, 1 Main St."
    # held on a Saturday: the thank-you falls on Monday, the next business day
    item = next(i for i in json.loads(cli("due", "--within", "3", "--json").out) if i["id"] == 1)
    assert (item["next_action"]["kind"], item["next_action"]["due"]) == ("thank_you", "2026-11-30")
