"""The file under the store: envelope, privacy, corrupt files, schema, backups (STORAGE.md §4.4)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from tui.domain.errors import StoreError
from tui.domain.models import Application
from tui.store.repository import SCHEMA_VERSION, Store, restore_backup
from tui.store.storage import (
    ConcurrentModificationError,
    CorruptStoreError,
    NewerSchemaError,
    SafeJSONStorage,
    list_backups,
    newest_backup,
)


def _app(company: str = "Acme", role: str = "Dev", **kw) -> Application:
    return Application(company=company, role=role, stage="saved", **kw)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _folder_listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "db.json"


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


# -- the file --------------------------------------------------------------------------


def test_a_write_is_an_envelope_replaced_atomically(db: Path) -> None:
    with Store(db) as store:
        store.add_application(_app())
        inode = db.stat().st_ino
        store.add_application(_app("Globex"))
        assert db.stat().st_ino != inode  # a new file was renamed over the old one
    data = orjson.loads(db.read_bytes())
    assert data["format"] == "followup"
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["generation"] == 2
    assert isinstance(data["written_at"], str)
    assert sorted(data["tables"]["applications"]) == ["1", "2"]
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp")]


def test_permissions_are_private(tmp_path: Path, umask_022: None) -> None:
    db = tmp_path / "new-folder" / "db.json"
    with Store(db, backup_interval_s=0) as store:
        store.add_application(_app())
        store.add_application(_app("Globex"))
    assert _mode(db.parent) == 0o700
    assert _mode(db) == 0o600
    assert _mode(Path(str(db) + ".lock")) == 0o600
    backups = list_backups(db)
    assert backups
    assert _mode(db.parent / "backups") == 0o700
    assert all(_mode(b) == 0o600 for b in backups)


def test_group_and_other_bits_are_dropped_at_open(db: Path) -> None:
    with Store(db) as store:
        store.add_application(_app())
    db.chmod(0o644)
    Store(db).close()
    assert _mode(db) == 0o600


def test_durable_false_still_writes_whole_files(db: Path) -> None:
    with Store(db, durable=False) as store:
        store.add_application(_app())
    with Store(db) as store:
        assert [a.company for a in store.board().applications] == ["Acme"]


@pytest.mark.parametrize("name", ["db.json", "jobs[1].json", "my store*.json"])
def test_orphan_temp_files_are_swept_at_open(tmp_path: Path, name: str) -> None:
    db = tmp_path / name
    with Store(db) as store:
        store.add_application(_app())
    orphan = tmp_path / f".{name}.12345-1-0.tmp"
    orphan.write_bytes(b'{"half": ')
    unrelated = tmp_path / ".other.json.1-1-1.tmp"
    unrelated.write_bytes(b"not ours")
    Store(db).close()
    assert not orphan.exists()
    assert unrelated.exists()


def test_a_folder_that_cannot_be_created_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("I am a file")
    with pytest.raises(StoreError, match="cannot be created"):
        Store(blocker / "db.json")


# -- corrupt files ---------------------------------------------------------------------

VALID = orjson.dumps(
    {
        "format": "followup",
        "schema_version": SCHEMA_VERSION,
        "generation": 3,
        "written_at": "2026-11-27T12:00:00+00:00",
        "tables": {"applications": {"1": _app().to_dict()}},
    }
)


def _envelope(**tables) -> bytes:
    doc = {"format": "followup", "schema_version": SCHEMA_VERSION, "generation": 1, "tables": tables}
    return orjson.dumps(doc)


CORRUPT = {
    "empty": b"",
    "whitespace": b" \n\t ",
    "truncated JSON": VALID[: len(VALID) // 2],
    "a list": b"[1, 2, 3]",
    "wrong record shape": _envelope(applications={"1": ["not", "a", "record"]}),
    "NUL bytes": b"\x00" * 512,
    "not UTF-8": b'{"format": "followup", "x": "\xff\xfe"}',
    "tables not an object": orjson.dumps({"format": "followup", "schema_version": 1, "tables": []}),
    "another format": orjson.dumps({"format": "something-else", "schema_version": 1, "tables": {}}),
    "schema_version not a number": orjson.dumps({"format": "followup", "schema_version": "1", "tables": {}}),
    "record id not a number": _envelope(applications={"one": {"company": "A", "role": "B"}}),
    "record id a superscript digit": _envelope(applications={"²": {"company": "A", "role": "B"}}),
    "a table that is a string": _envelope(contacts="nobody"),
}


@pytest.mark.parametrize("content", CORRUPT.values(), ids=CORRUPT.keys())
def test_corrupt_file_raises_clear_error_and_is_never_touched(db: Path, content: bytes) -> None:
    db.write_bytes(content)
    before = _snapshot(db)
    listing = _folder_listing(db.parent)
    with pytest.raises(CorruptStoreError) as caught:
        Store(db)
    message = str(caught.value)
    assert str(db) in message
    assert "NOT modified" in message
    assert caught.value.exit_status == 1
    assert _snapshot(db) == before
    # nothing new beside it but the lock file: no temp file, no backup, no "repaired" copy
    assert _folder_listing(db.parent) == sorted([*listing, "db.json.lock"])


def test_the_error_names_the_newest_backup(db: Path) -> None:
    with Store(db, backup_interval_s=0) as store:
        for company in ("A", "B", "C"):
            store.add_application(_app(company))
    newest = newest_backup(db)
    assert newest is not None
    db.write_bytes(b"{garbage")
    with pytest.raises(CorruptStoreError) as caught:
        Store(db)
    assert str(newest) in str(caught.value)
    assert caught.value.backup == newest


def test_a_record_the_model_refuses_is_reported_and_the_file_left_alone(db: Path) -> None:
    bad = {**_app().to_dict(), "stage": "bogus"}
    del bad["id"]
    db.write_bytes(_envelope(applications={"1": bad}))
    before = _snapshot(db)
    store = Store(db)  # the envelope is fine; the record is checked when it is read
    with pytest.raises(CorruptStoreError, match=r"applications record 1 is invalid.*stage"):
        _ = store.board().applications
    with pytest.raises(CorruptStoreError, match="NOT modified"):
        store.get_application(1)
    store.close()
    assert _snapshot(db) == before


def test_corruption_while_running_does_not_get_overwritten(db: Path) -> None:
    store = Store(db)
    store.add_application(_app())
    garbage = b'{"format": "followup", "tables": {"applications": {"1": '
    db.write_bytes(garbage)  # an editor, a sync tool, a disk error...
    with pytest.raises(CorruptStoreError):
        store.add_application(_app("Globex"))
    with pytest.raises(CorruptStoreError):
        store.board()
    assert db.read_bytes() == garbage
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp")]
    store.close()


def test_missing_file_with_backups_is_an_error_not_an_empty_store(db: Path) -> None:
    with Store(db, backup_interval_s=0) as store:
        store.add_application(_app())
        store.add_application(_app("Globex"))
    assert list_backups(db)
    db.unlink()
    with pytest.raises(CorruptStoreError, match="missing") as caught:
        Store(db)
    assert str(newest_backup(db)) in str(caught.value)
    assert not db.exists()


def test_a_file_deleted_under_a_running_store_is_an_error(db: Path) -> None:
    store = Store(db)
    store.add_application(_app())
    db.unlink()
    with pytest.raises(CorruptStoreError, match="missing"):
        store.add_application(_app("Globex"))
    assert not db.exists()
    store.close()


def test_a_missing_file_without_backups_is_a_new_empty_store(db: Path) -> None:
    with Store(db) as store:
        assert store.is_empty()
        assert store.board().applications == []
    assert not db.exists()  # opening does not write


# -- recovery --------------------------------------------------------------------------


def test_restore_backup_keeps_the_broken_file_and_installs_the_backup(db: Path) -> None:
    with Store(db, backup_interval_s=0) as store:
        store.add_application(_app("A"))
        store.add_application(_app("B"))
    newest = newest_backup(db)
    db.write_bytes(b"\x00" * 100)

    used = restore_backup(db)

    assert used == newest
    assert db.read_bytes() == newest.read_bytes()
    assert _mode(db) == 0o600
    aside = [p for p in db.parent.iterdir() if p.name.startswith("db.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == b"\x00" * 100
    with Store(db) as store:
        assert [a.company for a in store.board().applications] == ["A"]  # the state before the last write


def test_two_restores_on_the_same_pinned_day_keep_both_broken_files(db: Path) -> None:
    with Store(db, backup_interval_s=0) as store:
        store.add_application(_app("A"))
        store.add_application(_app("B"))
    db.write_bytes(b"first break")
    restore_backup(db)
    db.write_bytes(b"second break")
    restore_backup(db)
    kept = sorted(p.read_bytes() for p in db.parent.iterdir() if p.name.startswith("db.json.corrupt-"))
    assert kept == [b"first break", b"second break"]


def test_restore_without_a_backup_or_from_a_bad_one_changes_nothing(db: Path, tmp_path: Path) -> None:
    db.write_bytes(b"broken")
    with pytest.raises(StoreError, match="No backup"):
        restore_backup(db)
    bad = tmp_path / "bad-backup.json"
    bad.write_bytes(b"[not a store")
    with pytest.raises(StoreError, match="not a readable store"):
        restore_backup(db, bad)
    with pytest.raises(StoreError, match="cannot be read"):
        restore_backup(db, tmp_path / "nope.json")
    assert db.read_bytes() == b"broken"
    assert not [p for p in tmp_path.iterdir() if "corrupt" in p.name]


def test_restore_when_the_file_is_missing(db: Path) -> None:
    with Store(db, backup_interval_s=0) as store:
        store.add_application(_app("A"))
        store.add_application(_app("B"))
    db.unlink()
    restore_backup(db)
    with Store(db) as store:
        assert [a.company for a in store.board().applications] == ["A"]


# -- schema ----------------------------------------------------------------------------


def test_newer_schema_is_refused(db: Path) -> None:
    db.write_bytes(orjson.dumps({"format": "followup", "schema_version": 99, "generation": 5, "tables": {}}))
    before = _snapshot(db)
    with pytest.raises(NewerSchemaError, match="upgrade") as caught:
        Store(db)
    assert isinstance(caught.value, StoreError) and caught.value.exit_status == 1
    assert "NOT modified" in str(caught.value)
    assert _snapshot(db) == before


def test_plain_tinydb_file_is_migrated_once_with_a_byte_identical_backup(db: Path) -> None:
    plain = TinyDB(db)  # TinyDB's own JSONStorage: schema 0, no envelope
    apps = plain.table("applications")
    apps.insert({"company": "Acme", "role": "Dev", "stage": "applied", "applied_on": "2026-11-02"})
    apps.insert({"company": "Gone", "role": "Ops", "stage": "saved"})
    apps.insert({"company": "Globex", "role": "SRE", "stage": "saved"})
    apps.remove(doc_ids=[2])
    plain.table("events").insert({"application_id": 3, "kind": "note", "on": "2026-11-20", "text": "hi"})
    plain.table("_default").insert({"kept": True})
    plain.close()
    original = db.read_bytes()

    with Store(db) as store:
        data = orjson.loads(db.read_bytes())
        assert (data["format"], data["schema_version"], data["generation"]) == ("followup", SCHEMA_VERSION, 1)
        board = store.board()
        assert [(a.id, a.company) for a in board.applications] == [(1, "Acme"), (3, "Globex")]
        assert [(e.application_id, e.text) for e in board.events] == [(3, "hi")]
        assert data["tables"]["_default"] == {"1": {"kept": True}}  # unknown tables are not dropped
        assert store.add_application(_app("New")).id == 4
    keep = db.parent / "backups" / "db.json.pre-migration-v0"
    assert keep.read_bytes() == original
    assert _mode(keep) == 0o600

    generation = orjson.loads(db.read_bytes())["generation"]
    with Store(db):  # opening again migrates nothing
        pass
    assert orjson.loads(db.read_bytes())["generation"] == generation
    assert keep.read_bytes() == original


def test_an_older_file_put_in_place_while_running_is_migrated_before_the_next_write(db: Path) -> None:
    store = Store(db)
    store.add_application(_app("Mine"))
    db.write_bytes(orjson.dumps({"applications": {"4": {"company": "Old", "role": "Dev", "stage": "saved"}}}))
    store.add_application(_app("New"))
    data = orjson.loads(db.read_bytes())
    assert data["schema_version"] == SCHEMA_VERSION
    assert [(a.id, a.company) for a in store.board().applications] == [(4, "Old"), (5, "New")]
    store.close()


def test_a_plain_file_that_cannot_be_migrated_is_left_alone(db: Path) -> None:
    db.write_bytes(
        orjson.dumps(
            {"applications": {"1": {"id": 7, "company": "A", "role": "B"}, "2": {"id": 7, "company": "C"}}}
        )
    )
    before = _snapshot(db)
    with pytest.raises(CorruptStoreError, match="cannot be migrated"):
        Store(db)
    assert _snapshot(db) == before


# -- backups ---------------------------------------------------------------------------


def test_backups_rotate_and_are_valid_snapshots(db: Path) -> None:
    with Store(db, backup_interval_s=0, keep_backups=3) as store:
        for i in range(10):
            store.add_application(_app(f"Co {i}"))
        generation = store.generation
    backups = list_backups(db)
    assert len(backups) == 3
    generations = [orjson.loads(b.read_bytes())["generation"] for b in backups]
    assert len(set(generations)) == 3
    assert generations[0] == generation - 1  # newest first: the file as it was before the last write
    assert generations == sorted(generations, reverse=True)


def test_backup_interval_counts_across_processes(db: Path) -> None:
    with Store(db) as store:  # default interval: one hour
        store.add_application(_app("A"))
        store.add_application(_app("B"))  # the first write over an existing file backs it up
    assert len(list_backups(db)) == 1
    for company in ("C", "D", "E"):  # each like a separate `followup add`
        with Store(db) as store:
            store.add_application(_app(company))
    assert len(list_backups(db)) == 1


def test_without_hard_links_backups_are_private_copies(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src, dst, *args, **kwargs):
        raise PermissionError(1, "Operation not permitted")  # FAT, some network shares

    monkeypatch.setattr(os, "link", no_links)
    with Store(db, backup_interval_s=0, keep_backups=2) as store:
        for company in ("A", "B", "C", "D"):
            store.add_application(_app(company))
    backups = list_backups(db)
    assert len(backups) == 2
    assert all(b.stat().st_ino != db.stat().st_ino and _mode(b) == 0o600 for b in backups)
    assert [orjson.loads(b.read_bytes())["generation"] for b in backups] == [3, 2]


def test_a_backup_that_cannot_be_made_does_not_stop_the_write(db: Path) -> None:
    (db.parent / "backups").write_text("a file where the backups folder should be")
    with Store(db, backup_interval_s=0) as store:
        store.add_application(_app("A"))
        store.add_application(_app("B"))
    with Store(db) as store:
        assert [a.company for a in store.board().applications] == ["A", "B"]


# -- the storage contract (TinyDB API over SafeJSONStorage) --------------------------------


@pytest.mark.parametrize("value", [{1, 2}, object(), b"bytes"], ids=["set", "object", "bytes"])
def test_unserializable_value_leaves_file_and_memory_consistent(db: Path, value: object) -> None:
    tinydb = TinyDB(db, storage=SafeJSONStorage)
    table = tinydb.table("things")
    table.insert({"name": "kept"})
    before = db.read_bytes()
    with pytest.raises(StoreError, match="could not be saved"):
        table.insert({"name": "bad", "value": value})
    assert db.read_bytes() == before
    assert table.all() == [{"name": "kept"}]
    tinydb.close()


def test_stale_direct_write_is_refused(db: Path) -> None:
    a = TinyDB(db, storage=SafeJSONStorage)
    b = TinyDB(db, storage=SafeJSONStorage)
    a.table("t").insert({"who": "a"})
    stale = a.storage.read()
    b.table("t").insert({"who": "b"})
    theirs = db.read_bytes()
    with pytest.raises(ConcurrentModificationError):
        a.storage.write(stale)
    assert db.read_bytes() == theirs
    assert [d["who"] for d in a.table("t").all()] == ["a", "b"]  # a re-read instead
    a.close()
    b.close()
