"""The JSON export and its parser (DESIGN.md §8 "Export"): the documented shape,
export -> parse -> export byte-identical, and every malformed file refused with an
ImportFormatError that names the record, never another exception."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.domain.board import Board
from tui.domain.errors import ImportFormatError, InputError
from tui.domain.models import Application, Contact, Event, NextAction, Template
from tui.io.export.json_export import export_json, parse_json_export

HOSTILE = [
    'quotes " and \\ backslashes \\u0000',
    "line\nbreak\r\nand\ttab",
    "<script>alert(1)</script> | # * _ ` [x](y)",
    "Zoë 東京 👩‍💻 עברית",
    "{braces} {company} {0}",
    "ctrl\x00\x07\x1b[31m\x7f",
    "\u2028\u2029 separators",
    "x" * 10_000,
]


def checked(record):
    record.check()  # normalise as the store would (strip names, etc.)
    return record


def hostile_board() -> tuple[Board, dict[int, NextAction]]:
    apps, contacts, events, templates, actions = [], [], [], [], {}
    # Deliberately out of id order: the export sorts.
    for n, text in enumerate(HOSTILE):
        i = len(HOSTILE) - n
        contacts.append(
            checked(
                Contact(
                    name=f"Name {text}",
                    id=100 + i,
                    title=text,
                    company=text,
                    email=f"{i}@acme.example",
                    phone="+1 555 0100",
                    linkedin=text,
                    twitter="@x",
                    role="recruiter" if i % 2 else None,
                    relationship="casual",
                    notes=text,
                    source="vcard",
                    created_at="2026-01-01T00:00:00+00:00",
                    updated_at="2026-01-02T00:00:00+00:00",
                )
            )
        )
        apps.append(
            checked(
                Application(
                    company=f"Co {text}",
                    role=f"Role {text}",
                    stage="closed" if i % 3 == 0 else "interviewing",
                    id=i,
                    outcome="ghosted" if i % 3 == 0 else None,
                    source="linkedin",
                    url=f"https://acme.example/{i}",
                    tags=[text, "remote"],
                    follow_up_policy="allowed",
                    blocked_channels=["phone"],
                    posting_status="open",
                    applied_on=date(2026, 2, i),
                    decision_expected_on=date(2026, 3, i),
                    interview_topics=[text],
                    posting_text=text,
                    contact_ids=[100 + i],
                    notes=text,
                    snoozed_until=None,
                    created_at="2026-02-01T00:00:00+00:00",
                    updated_at="2026-02-02T00:00:00+00:00",
                )
            )
        )
        events.append(
            checked(
                Event(
                    application_id=i,
                    kind="response_received",
                    on=date(2026, 2, 20),
                    id=1000 + i,
                    channel="email",
                    contact_id=100 + i,
                    response="neutral",
                    text=text,
                    created_at="2026-02-20T10:00:00+00:00",
                )
            )
        )
        events.append(checked(Event(application_id=i, kind="note", on=date(2026, 2, 21), id=2000 + i)))
        templates.append(
            checked(Template(f"Template {text}", "thank_you", "linkedin", subject=text, body=text, id=10 + i))
        )
        actions[i] = NextAction("wait", date(2026, 3, 16), 100 + i, "email", text)
    templates.append(checked(Template("Shipped", "check_in", builtin=True)))  # no id
    return Board(apps, contacts, events, templates), actions


def test_shape_key_order_and_sorting():
    board, actions = hostile_board()
    text = export_json(board, actions)
    doc = json.loads(text)
    assert list(doc) == ["format", "version", "applications", "contacts", "events", "templates"]
    assert (doc["format"], doc["version"]) == ("followup", 2)
    assert [a["id"] for a in doc["applications"]] == list(range(1, len(HOSTILE) + 1))
    assert [c["id"] for c in doc["contacts"]] == [100 + i for i in range(1, len(HOSTILE) + 1)]
    ids = [e["id"] for e in doc["events"]]
    assert ids == sorted(ids)
    assert doc["templates"][-1]["name"] == "Shipped" and doc["templates"][-1]["id"] is None
    first = doc["applications"][0]
    assert list(first) == [*Application("a", "b").to_dict(), "next_action"]
    assert first["next_action"] == {
        "kind": "wait",
        "due": "2026-03-16",
        "contact_id": 101,
        "channel": "email",
        "reason": HOSTILE[-1],
        "rule": "",
    }
    assert first["applied_on"] == "2026-02-01" and first["snoozed_until"] is None


def test_text_is_utf8_as_is_with_two_space_indent():
    board, actions = hostile_board()
    text = export_json(board, actions)
    assert "Zoë 東京 👩‍💻 עברית" in text  # ensure_ascii=False
    assert text.startswith('{\n  "format": "followup",\n  "version": 2,\n')
    assert text.endswith("}\n")


def test_export_parse_export_is_byte_identical():
    board, actions = hostile_board()
    first = export_json(board, actions)
    parsed = parse_json_export(first)
    assert export_json(parsed, actions) == first
    assert [a.to_dict() for a in parsed.applications] == [
        a.to_dict() for a in sorted(board.applications, key=lambda a: a.id)
    ]
    assert len(parsed.contacts) == len(board.contacts)
    assert len(parsed.events) == len(board.events)
    assert len(parsed.templates) == len(board.templates)
    assert parsed.application_by_id[3].applied_on == date(2026, 2, 3)  # dates are dates again


def test_same_bytes_as_the_standard_library_would_write():
    # The exporter uses orjson for speed; the documented format is json.dumps(indent=2,
    # ensure_ascii=False) plus a newline, and the two must not drift apart.
    board, actions = hostile_board()
    text = export_json(board, actions)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_text_orjson_cannot_encode_still_exports():
    big = Application("Acme", "Dev", id=2**70)  # past orjson's 64-bit integers
    text = export_json(Board([big, Application("Lone \ud800 surrogate", "Dev", id=1)]), {})
    doc = json.loads(text)
    assert [a["id"] for a in doc["applications"]] == [1, 2**70]
    assert doc["applications"][0]["company"] == "Lone ? surrogate"
    assert text.encode("utf-8")


def test_parse_accepts_bytes_and_a_byte_order_mark():
    board, actions = hostile_board()
    text = export_json(board, actions)
    assert export_json(parse_json_export(text.encode("utf-8")), actions) == text
    assert export_json(parse_json_export("\ufeff" + text), actions) == text


def test_next_action_is_ignored_on_import():
    doc = minimal()
    doc["applications"][0]["next_action"] = {"kind": "nonsense", "due": "not a date", "x": [1, {}]}
    board = parse_json_export(json.dumps(doc))
    assert board.applications[0].company == "Acme"


def test_missing_lists_are_empty():
    board = parse_json_export('{"format": "followup", "version": 1}')
    assert (board.applications, board.contacts, board.events, board.templates) == ([], [], [], [])


def test_empty_board_round_trips():
    text = export_json(Board(), {})
    assert json.loads(text)["applications"] == []
    assert export_json(parse_json_export(text), {}) == text


# --- errors ----------------------------------------------------------------------------


def minimal() -> dict:
    return {
        "format": "followup",
        "version": 1,
        "applications": [
            {"id": 1, "company": "Acme", "role": "Dev", "contact_ids": [5]},
            {"id": 2, "company": "Beta", "role": "Ops", "applied_on": "2026-03-01"},
        ],
        "contacts": [{"id": 5, "name": "Jane"}],
        "events": [{"id": 9, "application_id": 1, "kind": "interview", "on": "2026-03-02", "contact_id": 5}],
        "templates": [{"id": 3, "name": "T", "kind": "thank_you"}],
    }


def edited(path: tuple, value) -> str:
    doc = copy.deepcopy(minimal())
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(doc)


def test_minimal_document_parses():
    board = parse_json_export(json.dumps(minimal()))
    assert [a.id for a in board.applications] == [1, 2]
    assert board.events[0].on == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not valid JSON"),
        ("not json at all", "not valid JSON"),
        ("{'format': 'followup'}", "not valid JSON"),
        ('{"format": "followup", "version": 1,', "not valid JSON"),
        ("[1, 2, 3]", "expected a JSON object, got list"),
        ('"followup"', "expected a JSON object, got str"),
        ("null", "expected a JSON object, got NoneType"),
        ("x" * 10_000_000, "not valid JSON"),
        (json.dumps("x" * 10_000_000), "expected a JSON object, got str"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
        ('{"format": "followup", "version": 1, "applications": [{"id": NaN}]}', "not valid JSON"),
        ('{"format": "followup", "version": 1, "x": "\\ud800"}', "not valid JSON"),
        ('{"format": "followup", "version": 1, "applications": [{"id": 1e999}]}', "not valid JSON"),
        ("{}", '"format" is not "followup"'),
        ('{"format": "trello", "version": 1}', '"format" is not "followup"'),
        ('{"format": "followup"}', '"version" must be a whole number'),
        ('{"format": "followup", "version": "1"}', '"version" must be a whole number'),
        ('{"format": "followup", "version": true}', '"version" must be a whole number'),
        ('{"format": "followup", "version": 0}', '"version" must be a whole number'),
        ('{"format": "followup", "version": 1.5}', '"version" must be a whole number'),
        ('{"format": "followup", "version": 3}', "made by a newer followup"),
        ('{"format": "followup", "version": 1, "applications": {}}', "applications: expected a list"),
        ('{"format": "followup", "version": 1, "contacts": "x"}', "contacts: expected a list"),
        ('{"format": "followup", "version": 1, "events": [[]]}', "events[0]: expected an object, got list"),
        (
            '{"format": "followup", "version": 1, "templates": [1]}',
            "templates[0]: expected an object, got int",
        ),
    ],
)
def test_garbage_documents(text, message):
    with pytest.raises(ImportFormatError, match=_literal(message)):
        parse_json_export(text)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("applications", 1, "applied_on"),
            "2026-02-30",
            "applications[1]: applied_on: '2026-02-30' is not a real date",
        ),
        (("applications", 1, "applied_on"), 20260301, "applications[1]: applied_on:"),
        (("applications", 0, "company"), KeyError, "applications[0]: company: missing"),
        (("applications", 0, "company"), "   ", "applications[0]: company: must not be empty"),
        (("applications", 0, "company"), 42, "applications[0]: company: expected text"),
        (("applications", 0, "stage"), "archived", "applications[0]: stage: 'archived' is not one of"),
        (("applications", 0, "outcome"), "hired", "applications[0]: outcome: only a closed application"),
        (("applications", 0, "tags"), {"a": 1}, "applications[0]: tags: expected a list, got dict"),
        (("applications", 0, "tags"), [1], "applications[0]: tags: expected a list of text"),
        (("applications", 0, "blocked_channels"), ["fax"], "applications[0]: blocked_channels: 'fax'"),
        (
            ("applications", 0, "posting_text"),
            "x" * 100_001,
            "applications[0]: posting_text: 100,001 characters",
        ),
        (("applications", 0, "id"), KeyError, "applications[0]: id: missing"),
        (("applications", 0, "id"), None, "applications[0]: id: missing"),
        (("applications", 0, "id"), 1.0, "applications[0]: id: expected a whole number"),
        (("applications", 0, "id"), "1", "applications[0]: id: expected a whole number"),
        (("applications", 0, "id"), True, "applications[0]: id: expected a whole number"),
        (("applications", 1, "id"), 1, "applications[1]: id: 1 is already used by applications[0]"),
        (("applications", 0, "created_at"), 5, "applications[0]: created_at: expected text"),
        (("applications", 0, "contact_ids"), [5, 6], "applications[0]: contact_ids: no contact with id 6"),
        (("applications", 0, "contact_ids"), ["5"], "applications[0]: contact_ids: expected a list of ids"),
        (("contacts", 0, "name"), "", "contacts[0]: name: a contact needs a name or an email"),
        (("contacts", 0, "role"), "boss", "contacts[0]: role: 'boss' is not one of"),
        (("contacts", 0), "Jane", "contacts[0]: expected an object, got str"),
        (("events", 0, "on"), "yesterday", "events[0]: on: 'yesterday' is not a real date"),
        (("events", 0, "on"), None, "events[0]: on: an event needs a date"),
        (("events", 0, "on"), KeyError, "events[0]: on: missing"),
        (("events", 0, "application_id"), 7, "events[0]: application_id: no application with id 7"),
        (("events", 0, "contact_id"), 6, "events[0]: contact_id: no contact with id 6"),
        (("events", 0, "kind"), "party", "events[0]: kind: 'party' is not one of"),
        (("events", 0, "response"), "positive", "events[0]: response: only a response_received event"),
        (("templates", 0, "builtin"), "yes", "templates[0]: builtin: expected true or false"),
        (("templates", 0, "kind"), "poem", "templates[0]: kind: 'poem' is not one of"),
    ],
)
def test_bad_records_name_the_record(path, value, message):
    with pytest.raises(ImportFormatError, match=_literal(message)):
        parse_json_export(edited(path, value))


def test_error_messages_stay_short():
    with pytest.raises(ImportFormatError) as info:
        parse_json_export(edited(("applications", 0, "stage"), "s" * 10_000_000))
    assert len(str(info.value)) <= 300
    assert str(info.value).startswith("applications[0]: stage:")


def test_import_format_error_is_an_input_error():
    # The CLI maps InputError to exit status 2 and "nothing written" (DESIGN.md §8).
    with pytest.raises(InputError):
        parse_json_export("[]")


@pytest.mark.parametrize(
    "value", [None, 42, ["{}"], {"format": "followup"}, b"\xff\xfe\x00", bytearray(b"[")]
)
def test_non_text_input(value):
    with pytest.raises(ImportFormatError):
        parse_json_export(value)


def _literal(text: str) -> str:
    import re

    return re.escape(text)


# --- fuzz: whatever is in the file, only ImportFormatError ------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["2026-03-01", "2026-02-30", "applied", "closed", "email", "", " "]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = (
    [("applications", name) for name in [*Application("a", "b").to_dict(), "next_action", "unknown"]]
    + [("contacts", name) for name in Contact("a").to_dict()]
    + [("events", name) for name in Event(1, "note", date(2026, 1, 1)).to_dict()]
    + [("templates", name) for name in Template("a", "thank_you").to_dict()]
)


def _only_import_errors(text: str) -> None:
    try:
        board = parse_json_export(text)
    except ImportFormatError:
        return
    assert isinstance(board, Board)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS), st.integers(min_value=0, max_value=1), JSON_VALUES)
def test_fuzz_one_field(where, index, value):
    key, name = where
    doc = minimal()
    records = doc[key]
    record = records[min(index, len(records) - 1)]
    record[name] = value
    _only_import_errors(json.dumps(doc))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["applications", "contacts", "events", "templates", "format", "version"]), JSON_VALUES)
def test_fuzz_top_level(key, value):
    doc = minimal()
    doc[key] = value
    _only_import_errors(json.dumps(doc))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fuzz_any_text(text):
    _only_import_errors(text)
