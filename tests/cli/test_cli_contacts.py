"""`followup contacts duplicates` / `merge A B` / `merge --undo`, and a capture's contact
meeting the same person imported later (issue 15)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from tui.store.repository import Store

CSV = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Jane,Doe,https://www.linkedin.com/in/janedoe-example,,Stripe,Recruiter,14 Mar 2024\n"
    "Jane,Doe,,,Globex,Engineer,1 Jan 2020\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_namesakes_are_listed_then_merged_with_their_links_and_the_merge_undone(cli, env, tmp_path) -> None:
    out = cli("import", str(write(tmp_path, "Connections.csv", CSV)))
    assert out.code == 0, out.err
    lines = out.out.splitlines()
    assert lines[0] == "Connections.csv: added 2, updated 0, merged 0, possible duplicates 1, skipped 0"
    assert any("possible duplicate: #1 Jane Doe (Stripe) and #2 Jane Doe (Globex)" in line for line in lines)
    assert cli("add", "Engineer @ Globex with jane@globex.example").code == 0  # another contact, #3
    with Store(env.db) as store:
        app_id = store.board().applications[0].id

    dup = cli("contacts", "duplicates", "--json")
    assert json.loads(dup.out) == [{"a": 1, "b": 2, "reason": "same name, another company (Stripe / Globex)"}]

    merged = cli("contacts", "merge", "1", "2")
    assert merged.code == 0, merged.err
    assert merged.out.startswith("Merged #2 Jane Doe into #1 Jane Doe:")
    with Store(env.db) as store:
        board = store.board()
        ids = sorted(c.id for c in board.contacts)
        jane = board.contact_by_id[1]
    assert ids == [1, 3]
    assert "title Engineer" in jane.notes and "company Globex" in jane.notes
    undo_file = env.db.with_name(env.db.name + ".last-merge.json")
    assert stat.S_IMODE(os.stat(undo_file).st_mode) == 0o600

    undone = cli("contacts", "merge", "--undo")
    assert undone.code == 0, undone.err
    with Store(env.db) as store:
        board = store.board()
        assert sorted(c.id for c in board.contacts) == [1, 2, 3]
        assert board.contact_by_id[2].company == "Globex" and board.contact_by_id[1].notes == ""
        assert board.application_by_id[app_id].contact_ids == [3]
    again = cli("contacts", "merge", "--undo")
    assert again.code == 2 and "No merge to undo" in again.err


def test_a_merge_moves_the_applications_and_events(cli, env, tmp_path) -> None:
    assert cli("add", "Engineer @ Acme with jane@acme.example").code == 0
    assert cli("add", "SRE @ Globex with jd@gmail.com").code == 0
    assert cli("contacts", "merge", "1", "2").code == 0
    with Store(env.db) as store:
        board = store.board()
    assert [c.id for c in board.contacts] == [1]
    assert sorted(a.contact_ids for a in board.applications) == [[1], [1]]
    assert [p["value"] for p in board.contacts[0].emails] == ["jane@acme.example", "jd@gmail.com"]


def test_bad_merge_input_is_refused_with_words_and_nothing_written(cli, env) -> None:
    assert cli("add", "Engineer @ Acme with jane@acme.example").code == 0
    before = env.db.read_bytes()
    for argv, words in [
        (("contacts", "merge", "1"), "two contact ids"),
        (("contacts", "merge", "1", "1"), "the same contact"),
        (("contacts", "merge", "1", "x"), "not a contact id"),
        (("contacts", "merge", "1", "9"), "No contact with id 9"),
        (("contacts", "merge", "--undo", "1"), "takes no ids"),
    ]:
        result = cli(*argv)
        assert result.code == 2, argv
        assert words in result.err and "Traceback" not in result.err
    assert env.db.read_bytes() == before


def test_with_a_named_address_names_the_contact(cli, env) -> None:
    result = cli("add", 'Engineer @ Stripe with "Jane Doe <jane.doe@stripe.example>"')
    assert result.code == 0, result.err
    with Store(env.db) as store:
        [jane] = store.board().contacts
    assert (jane.name, jane.email, jane.company) == ("Jane Doe", "jane.doe@stripe.example", "Stripe")


def test_a_capture_contact_merges_with_the_person_imported_later(cli, env, tmp_path) -> None:
    assert cli("add", "Engineer @ Stripe with jane.doe@stripe.example").code == 0  # no name given
    out = cli("import", str(write(tmp_path, "Connections.csv", CSV)))
    assert out.out.splitlines()[0].startswith("Connections.csv: added 1, updated 1,")  # Globex's Jane is new
    with Store(env.db) as store:
        board = store.board()
    jane = board.contact_by_id[board.applications[0].contact_ids[0]]
    assert jane.name == "Jane Doe"  # the nameless "Hello there," contact met its name
    assert jane.linkedin == "https://www.linkedin.com/in/janedoe-example"
    assert jane.email == "jane.doe@stripe.example"


def test_a_capture_finds_the_person_imported_before(cli, env, tmp_path) -> None:
    assert cli("import", str(write(tmp_path, "Connections.csv", CSV))).code == 0
    assert cli("add", 'Engineer @ Stripe with "Jane Doe <jane@stripe.example>"').code == 0
    with Store(env.db) as store:
        board = store.board()
    assert len(board.contacts) == 2  # no third Jane Doe
    assert board.applications[0].contact_ids == [1]
    assert board.contact_by_id[1].email == "jane@stripe.example"
