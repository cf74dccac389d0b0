"""Issue 15: a contact keeps several emails, phones and profile URLs (schema 2).

The schema-1 → 2 migration of a real file, the compatibility of ``contact.email`` /
``phone`` / ``linkedin``, the JSON export round trip, and the store's merge and its undo.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from tui.domain.models import Application, Contact, Event, ValidationError
from tui.io.export.json_export import export_json, parse_json_export
from tui.store.repository import SCHEMA_VERSION, Store


def test_schema_1_contacts_are_migrated_to_lists_with_a_byte_identical_backup(tmp_path: Path) -> None:
    db = tmp_path / "followup.json"
    v1 = {
        "format": "followup",
        "schema_version": 1,
        "generation": 3,
        "tables": {
            "applications": {"1": {"company": "Acme", "role": "Dev", "stage": "applied", "contact_ids": [2]}},
            "contacts": {
                "2": {
                    "name": "Jane Doe",
                    "email": "jane@acme.example",
                    "phone": "+1 555 0100",
                    "linkedin": "https://www.linkedin.com/in/janedoe",
                    "company": "Acme",
                    "source": "manual",
                },
                "3": {"name": "No Address", "email": "", "phone": "", "linkedin": ""},
            },
            "events": {},
            "templates": {},
            "meta": {"1": {"next_id": {"applications": 1, "contacts": 3, "events": 0, "templates": 0}}},
        },
    }
    original = orjson.dumps(v1)
    db.write_bytes(original)
    with Store(db) as store:
        jane, bare = store.board().contacts
        data = orjson.loads(db.read_bytes())
    assert data["schema_version"] == SCHEMA_VERSION == 2
    doc = data["tables"]["contacts"]["2"]
    assert "email" not in doc and "phone" not in doc and "linkedin" not in doc
    assert doc["emails"] == [{"value": "jane@acme.example", "kind": ""}]
    assert doc["phones"] == [{"value": "+1 555 0100", "kind": ""}]
    assert doc["profiles"] == [{"value": "https://www.linkedin.com/in/janedoe", "kind": "linkedin"}]
    assert data["tables"]["contacts"]["3"]["emails"] == []
    assert (jane.email, jane.phone, jane.linkedin) == (
        "jane@acme.example",
        "+1 555 0100",
        "https://www.linkedin.com/in/janedoe",
    )
    assert bare.email == "" and bare.emails == []
    assert (tmp_path / "backups" / "followup.json.pre-migration-v1").read_bytes() == original


def test_the_compatibility_fields_read_and_set_the_primary() -> None:
    c = Contact(
        name="Jane",
        emails=[{"value": "jane@acme.example", "kind": ""}, {"value": "jd@gmail.com", "kind": "home"}],
    )
    c.check()
    assert c.email == "jane@acme.example" and [p["value"] for p in c.emails] == [
        "jane@acme.example",
        "jd@gmail.com",
    ]
    edited = c.with_changes(email="jane.doe@acme.example")  # an edit form changes the primary
    assert [p["value"] for p in edited.emails] == ["jane.doe@acme.example", "jd@gmail.com"]
    assert c.with_changes(email="JD@gmail.com").emails[0] == {"value": "JD@gmail.com", "kind": "home"}
    assert c.with_changes(email="").emails == [{"value": "jd@gmail.com", "kind": "home"}]
    c.linkedin = "https://www.linkedin.com/in/jane"
    c.profiles = [*c.profiles, {"value": "https://github.com/jane", "kind": "github"}]
    assert c.linkedin == "https://www.linkedin.com/in/jane"
    c.linkedin = ""
    assert c.profiles == [{"value": "https://github.com/jane", "kind": "github"}]


@pytest.mark.parametrize(
    "emails",
    ["jane@x.example", [1], [{"value": 3}], {"value": "a@x.example"}],
)
def test_a_bad_list_is_refused_with_its_field(emails) -> None:
    with pytest.raises(ValidationError, match="emails"):
        Contact.from_dict({"name": "Jane", "emails": emails})


def test_export_import_export_is_identical_with_several_addresses() -> None:
    from tui.domain.board import Board

    jane = Contact(
        name="Jane Doe",
        id=4,
        company="Acme",
        emails=[{"value": "jane@acme.example", "kind": "work"}, {"value": "jd@gmail.com", "kind": "home"}],
        phones=[{"value": "+1 555 0100", "kind": "cell"}, {"value": "+1 555 0101", "kind": "work"}],
        profiles=[
            {"value": "https://www.linkedin.com/in/jane", "kind": "linkedin"},
            {"value": "https://github.com/jane", "kind": "github"},
        ],
        source="vcard",
    )
    board = Board(applications=[], contacts=[jane], events=[], templates=[])
    text = export_json(board, {})
    again = parse_json_export(text)
    assert again.contacts == [jane]
    assert export_json(again, {}) == text


def test_a_version_1_export_still_imports() -> None:
    board = parse_json_export(
        '{"format": "followup", "version": 1, "contacts": [{"id": 1, "name": "Jane", '
        '"email": "jane@acme.example", "phone": "", "linkedin": "https://www.linkedin.com/in/j"}]}'
    )
    [jane] = board.contacts
    assert jane.emails == [{"value": "jane@acme.example", "kind": ""}]
    assert jane.linkedin == "https://www.linkedin.com/in/j"


def test_a_merge_moves_every_link_and_undo_puts_everything_back(tmp_path: Path) -> None:
    from tui.io.importers.merge import merge_pair

    with Store(tmp_path / "s.json") as store:
        keep = store.add_contact(Contact(name="Jane Doe", email="jane@acme.example", company="Acme"))
        other = store.add_contact(
            Contact(name="Jane Doe", email="jd@gmail.com", company="Globex", phone="+1 555 0100")
        )
        app = store.add_application(
            Application(company="Globex", role="Dev", stage="applied", applied_on=date(2026, 11, 1)),
            contact=other,
        )
        both = store.add_application(
            Application(company="Acme", role="SRE", stage="saved", contact_ids=[keep.id, other.id])
        )
        ev = store.add_event(
            Event(
                application_id=app.id,
                kind="follow_up_sent",
                on=date(2026, 11, 9),
                channel="email",
                contact_id=other.id,
            )
        )
        before = store.board()
        undo = store.merge_contacts(merge_pair(keep, other), other.id)
        after = store.board()
        [merged] = after.contacts
        assert merged.id == keep.id
        assert [p["value"] for p in merged.emails] == ["jane@acme.example", "jd@gmail.com"]
        assert merged.phone == "+1 555 0100" and merged.company == "Acme"
        assert "company Globex" in merged.notes  # what differed is kept
        assert after.application_by_id[app.id].contact_ids == [keep.id]
        assert after.application_by_id[both.id].contact_ids == [keep.id]  # not twice
        assert [e.contact_id for e in after.events if e.id == ev.id] == [keep.id]
        store.unmerge_contacts(undo)
        restored = store.board()
        strip = lambda recs: [{**r.to_dict(), "updated_at": ""} for r in recs]  # noqa: E731
        assert strip(restored.contacts) == strip(before.contacts)
        assert strip(restored.applications) == strip(before.applications)
        assert [e.to_dict() for e in restored.events] == [e.to_dict() for e in before.events]
