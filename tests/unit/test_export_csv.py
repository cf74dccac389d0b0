"""The CSV export (DESIGN.md §8 "Export"): one RFC 4180 row per application that reads
back through the csv module field for field, with the formula-injection guard."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tui.domain.board import Board
from tui.domain.models import Application, Contact, Event, NextAction
from tui.io.export.csv_export import export_csv, guard_formula

TODAY = date(2026, 3, 10)

EXPECTED_HEADER = [
    "id",
    "company",
    "role",
    "stage",
    "outcome",
    "source",
    "url",
    "tags",
    "follow_up_policy",
    "blocked_channels",
    "posting_status",
    "applied_on",
    "decision_expected_on",
    "interview_topics",
    "posting_text",
    "contact_ids",
    "notes",
    "snoozed_until",
    "created_at",
    "updated_at",
    "closes_on",
    "attachments",
    "next_action_kind",
    "next_action_due",
    "next_action_when",
    "next_action_contact",
    "next_action_channel",
    "next_action_reason",
    "events_count",
    "last_contact",
]

HOSTILE = [
    'comma, "quotes" and ""doubled""',
    "line\nbreak",
    "crlf\r\nbreak and lone\rreturn",
    '=HYPERLINK("https://evil.example","click")',
    "=1+2",
    "+1 555 0100",
    "-2+3",
    "@SUM(A1:A2)",
    "\tleading tab",
    "\rleading return",
    "'already quoted",
    "a=b not at the start",
    "semi; colon",
    "Zoë 東京 👩‍💻 עברית",
    "{braces} | pipes | <b>html</b> # markdown",
    "nul\x00byte",
    "x" * 10_000,
]


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def unguard(cell: str) -> str:
    """The documented way back: strip one ' in front of a formula start."""
    if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return cell[1:]
    return cell


def full_app(i: int, text: str) -> Application:
    return Application(
        company=text,
        role=f"Role {text}",
        stage="closed",
        id=i,
        outcome="withdrawn",
        source="referral",
        url=text,
        tags=["remote", text],
        follow_up_policy="only_qualified",
        blocked_channels=["phone", "twitter"],
        posting_status="taken_down",
        applied_on=date(2026, 2, 1),
        decision_expected_on=date(2026, 2, 20),
        interview_topics=[text, "system design"],
        posting_text=text,
        contact_ids=[i, 1000 + i],
        notes=text,
        snoozed_until=date(2026, 4, 1),
        created_at="2026-02-01T09:00:00+00:00",
        updated_at="2026-02-02T10:30:00+00:00",
    )


def hostile_export() -> str:
    apps = [full_app(i, text) for i, text in enumerate(HOSTILE, start=1)]
    contacts = [Contact(name=text, id=i) for i, text in enumerate(HOSTILE, start=1)]
    actions = {
        i: NextAction("follow_up", date(2026, 3, 12), contact_id=i, channel="email", reason=text)
        for i, text in enumerate(HOSTILE, start=1)
    }
    return export_csv(Board(apps, contacts), actions, TODAY)


def test_header_names_every_application_field_and_the_computed_columns():
    rows = list(csv.reader(io.StringIO(export_csv(Board(), {}, TODAY), newline="")))
    assert rows == [EXPECTED_HEADER]


def test_hostile_text_round_trips_field_for_field():
    rows = read(hostile_export())
    assert len(rows) == len(HOSTILE)
    for i, (row, text) in enumerate(zip(rows, HOSTILE, strict=True), start=1):
        expected = {
            "id": str(i),
            "company": text,
            "role": f"Role {text}",
            "stage": "closed",
            "outcome": "withdrawn",
            "source": "referral",
            "url": text,
            "tags": f"remote; {text}",
            "follow_up_policy": "only_qualified",
            "blocked_channels": "phone; twitter",
            "posting_status": "taken_down",
            "applied_on": "2026-02-01",
            "decision_expected_on": "2026-02-20",
            "interview_topics": f"{text}; system design",
            "posting_text": text,
            "contact_ids": f"{i}; {1000 + i}",
            "notes": text,
            "snoozed_until": "2026-04-01",
            "created_at": "2026-02-01T09:00:00+00:00",
            "updated_at": "2026-02-02T10:30:00+00:00",
            "closes_on": "",
            "attachments": "",
            "next_action_kind": "follow_up",
            "next_action_due": "2026-03-12",
            "next_action_when": "Thu 12 Mar (in 2 days)",
            "next_action_contact": text,
            "next_action_channel": "email",
            "next_action_reason": text,
            "events_count": "0",
            "last_contact": "2026-02-01",
        }
        assert {k: unguard(v) for k, v in row.items()} == expected


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        (" =1", " =1"),
        ("'quoted", "'quoted"),
        ("", ""),
    ],
)
def test_formula_guard(text, cell):
    assert guard_formula(text) == cell
    (row,) = read(export_csv(Board([Application(text or "x", "Dev", id=1, notes=text)]), {}, TODAY))
    assert row["notes"] == cell


def test_rfc4180_line_endings_and_quoting():
    text = hostile_export()
    assert text.endswith("\r\n")
    header_line = text.split("\r\n", 1)[0]
    assert header_line == ",".join(EXPECTED_HEADER)
    # A field with a comma, a quote or a line break is quoted; inner quotes doubled.
    assert '"comma, ""quotes"" and """"doubled"""""' in text
    assert '"line\nbreak"' in text
    parser = csv.reader(io.StringIO(text, newline=""), strict=True)
    assert sum(1 for _ in parser) == len(HOSTILE) + 1


def test_records_end_with_crlf():
    apps = [Application("Acme", "Dev", id=1), Application("Beta", "Ops", id=2)]
    text = export_csv(Board(apps), {}, TODAY)
    lines = text.split("\r\n")
    assert lines[-1] == "" and len(lines) == 4  # header, two rows, nothing after the last CRLF
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")


def test_rows_sorted_by_id_and_computed_columns():
    apps = [
        Application("Zeta", "Dev", id=3, applied_on=date(2026, 3, 1)),
        Application("Alpha", "Dev", id=1, applied_on=date(2026, 3, 1)),
        Application("Mid", "Dev", id=2),
    ]
    events = [
        Event(1, "interview", date(2026, 3, 6), id=10),
        Event(1, "note", date(2026, 3, 8), id=11),
        Event(1, "applied", date(2026, 3, 1), id=12),
    ]
    contacts = [Contact("Jane Doe", id=7)]
    actions = {
        1: NextAction("thank_you", date(2026, 3, 9), contact_id=7, channel="email", reason="send thanks"),
        2: NextAction("none", reason="nothing to do"),
    }
    rows = read(export_csv(Board(apps, contacts, events), actions, TODAY))
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    one, two, three = rows
    assert (one["next_action_kind"], one["next_action_due"]) == ("thank_you", "2026-03-09")
    assert (one["next_action_contact"], one["next_action_channel"]) == ("Jane Doe", "email")
    assert one["next_action_reason"] == "send thanks"
    assert one["events_count"] == "3"
    assert one["last_contact"] == "2026-03-06"  # the interview; a note is not contact
    assert (two["next_action_kind"], two["next_action_due"], two["last_contact"]) == ("none", "", "")
    assert three["next_action_kind"] == ""  # no action computed: empty, not a crash
    assert three["last_contact"] == "2026-03-01"


def test_lone_surrogate_still_writes_as_utf8():
    text = export_csv(Board([Application("Ac\ud800me", "Dev", id=1)]), {}, TODAY)
    assert text.encode("utf-8")
    assert read(text)[0]["company"] == "Ac?me"
