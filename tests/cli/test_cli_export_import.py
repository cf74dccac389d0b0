"""`followup export` and `followup import` of a followup JSON export (DESIGN.md §8 "Export")."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import orjson
import pytest

pytest.importorskip("tui.io.export.json_export")
pytest.importorskip("tui.followup.rules")

from tui.domain.models import Application, Contact, Event
from tui.io.demo import demo_copy
from tui.store.repository import Store

DAY = date(2026, 11, 20)
ODD = "Nachfaßen 🙂 {first_name} {{x}} | pipe\nnew line *md* `code` <b>"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """The demo board plus a record full of odd text."""
    db = demo_copy(tmp_path)
    with Store(db) as store:
        hal = store.add_contact(Contact(name="José {x} 🙂", email="jose@example.org", notes=ODD))
        app = store.add_application(
            Application(
                company="Ünïcode | Co",
                role=ODD,
                tags=["{t}", "ü"],
                notes=ODD,
                contact_ids=[hal.id],
                applied_on=DAY,
            ),
        )
        store.add_event(Event(application_id=app.id, kind="note", on=DAY, text=ODD, contact_id=hal.id))
        store.delete_application(3)  # a gap in the ids
    return db


def test_export_import_export_gives_the_same_json(cli, source: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    assert cli("export", "--format", "json", "-o", str(first), "--db", str(source)).code == 0
    fresh = tmp_path / "fresh" / "db.json"
    result = cli("import", str(first), "--db", str(fresh))
    assert result.code == 0, result.err
    second = cli("export", "--format", "json", "--db", str(fresh))
    assert second.code == 0, second.err

    a, b = json.loads(first.read_text(encoding="utf-8")), json.loads(second.out)
    for key in ("applications", "contacts", "events", "templates"):
        assert a[key] == b[key], key
    assert first.read_text(encoding="utf-8") == second.out
    with Store(source) as s1, Store(fresh) as s2:
        assert [x.id for x in s1.board().applications] == [x.id for x in s2.board().applications]
        assert 3 not in {x.id for x in s2.board().applications}
        # the imported store hands out fresh ids above everything it holds
        assert (
            s2.add_application(Application(company="N", role="R")).id
            == max(x.id for x in s1.board().applications) + 1
        )


def test_import_into_a_store_that_holds_records_is_refused(cli, source: Path, tmp_path: Path, env) -> None:
    export = tmp_path / "e.json"
    assert cli("export", "--format", "json", "-o", str(export), "--db", str(source)).code == 0
    with Store(env.db) as store:
        store.add_application(Application(company="Mine", role="Dev"))
    before = env.db.read_bytes()
    result = cli("import", str(export))
    assert result.code == 2 and "already holds records" in result.err
    assert env.db.read_bytes() == before


def _valid_export() -> dict:
    return {
        "format": "followup",
        "version": 1,
        "applications": [Application(company="A", role="B", id=1).to_dict()],
        "contacts": [],
        "events": [],
        "templates": [],
    }


def _with(**changes) -> bytes:
    doc = _valid_export()
    doc.update(changes)
    return orjson.dumps(doc)


def _app(**changes) -> dict:
    return {**Application(company="A", role="B", id=1).to_dict(), **changes}


MALFORMED = {
    "empty": b"",
    "not JSON": b"{nope",
    "NUL bytes": b"\x00" * 64,
    "not UTF-8": b'{"format": "followup", "version": 1, "x": "\xff\xfe"}',
    "a list": b"[]",
    "deep nesting": b"[" * 100_000,
    "another format": _with(format="trello"),
    "no version": _with(version=None),
    "newer version": _with(version=99),
    "applications not a list": _with(applications={"1": {}}),
    "a record not an object": _with(applications=["A @ B"]),
    "February 30th": _with(applications=[_app(applied_on="2026-02-30")]),
    "unknown stage": _with(applications=[_app(stage="archived")]),
    "id not a number": _with(applications=[_app(id="one")]),
    "duplicate ids": _with(applications=[_app(), _app(company="C")]),
    "dangling event": _with(events=[Event(application_id=9, kind="note", on=DAY, id=1).to_dict()]),
    "dangling contact": _with(applications=[_app(contact_ids=[5])]),
    "tags not a list": _with(applications=[_app(tags="remote")]),
}


@pytest.mark.parametrize("content", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_export_is_exit_2_and_imports_nothing(cli, env, tmp_path: Path, content) -> None:
    if isinstance(content, dict):  # pragma: no cover - all are bytes
        content = orjson.dumps(content)
    path = tmp_path / "export.json"
    path.write_bytes(content)
    result = cli("import", str(path))
    assert result.code == 2, result.out
    assert result.err.startswith("followup: ") and "Traceback" not in result.err
    assert len(result.err) < 2_000
    assert not env.db.exists()


def test_import_files_that_cannot_be_read_are_exit_2(cli, env, tmp_path: Path) -> None:
    folder = tmp_path / "folder.json"
    folder.mkdir()
    for path, words in ((tmp_path / "missing.json", "does not exist"), (folder, "folder")):
        result = cli("import", str(path))
        assert result.code == 2, result.err
        assert words in result.err and str(path) in result.err
    assert not env.db.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_import_file_is_exit_2(cli, env, tmp_path: Path) -> None:
    path = tmp_path / "secret.json"
    path.write_bytes(orjson.dumps(_valid_export()))
    path.chmod(0)
    result = cli("import", str(path))
    assert result.code == 2 and "Cannot read" in result.err
    assert not env.db.exists()


@pytest.mark.parametrize(("fmt", "marker"), [("md", "## "), ("csv", ","), ("ics", "BEGIN:VCALENDAR")])
def test_every_export_format_writes_a_file(cli, source: Path, tmp_path: Path, fmt: str, marker: str) -> None:
    out = tmp_path / f"board.{fmt}"
    result = cli("export", "--format", fmt, "-o", str(out), "--db", str(source))
    assert result.code == 0, result.err
    assert marker in out.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_deleted_contact_does_not_break_the_round_trip(cli, env, tmp_path: Path) -> None:
    with Store(env.db) as store:
        hal = store.add_contact(Contact(name="Hal"))
        app = store.add_application(
            Application(company="Acme", role="Dev", applied_on=DAY, contact_ids=[hal.id])
        )
        store.add_event(Event(application_id=app.id, kind="follow_up_sent", on=DAY, contact_id=hal.id))
        store.delete_contact(hal.id)
        (sent,) = [e for e in store.board().events_for(app.id) if e.kind == "follow_up_sent"]
        assert sent.contact_id is None  # the event stays; the link to the deleted person goes
    export = tmp_path / "e.json"
    assert cli("export", "--format", "json", "-o", str(export)).code == 0
    result = cli("import", str(export), "--db", str(tmp_path / "fresh.json"))
    assert result.code == 0, result.err
