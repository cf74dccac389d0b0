"""The Store's side of issue 22: it writes only what its own readers accept, follows a
symlinked store to its target, refuses what is not a followup store or not a file, and
reads without the write lock when asked to."""

from __future__ import annotations

import os
from datetime import date

import orjson
import pytest

from tui.domain.errors import StoreError
from tui.domain.models import Application, Event
from tui.store.repository import Store
from tui.store.storage import CorruptStoreError, NotARegularFileError


def _break(path, table: str, doc_id: str, doc: dict) -> bytes:
    envelope = orjson.loads(path.read_bytes())
    envelope["tables"].setdefault(table, {})[doc_id] = doc
    raw = orjson.dumps(envelope)
    path.write_bytes(raw)
    return raw


def test_reads_and_writes_agree_on_what_is_valid(tmp_path):
    path = tmp_path / "s.json"
    with Store(path) as store:
        store.add_application(Application(company="Acme", role="Dev", applied_on=date(2026, 11, 2)))
    raw = _break(path, "applications", "2", {"company": "X", "role": "Y", "snoozed_until": "2026-02-30"})
    with Store(path) as store:
        with pytest.raises(CorruptStoreError, match="applications record 2 is invalid") as on_read:
            store.board().applications  # noqa: B018  (the reader refuses it)
        with pytest.raises(CorruptStoreError, match="applications record 2 is invalid") as on_write:
            store.add_event(Event(application_id=1, kind="note", on=date(2026, 11, 3)))
        assert "snoozed_until" in str(on_read.value) and "snoozed_until" in str(on_write.value)
        assert "NOT modified" in str(on_write.value)
    assert path.read_bytes() == raw


@pytest.mark.parametrize("doc_id", ["0", "00"])
def test_a_record_id_below_1_makes_the_file_unreadable_not_rewritten(tmp_path, doc_id):
    path = tmp_path / "s.json"
    with Store(path) as store:
        store.add_application(Application(company="Acme", role="Dev"))
    raw = _break(path, "applications", doc_id, {"company": "X", "role": "Y"})
    with pytest.raises(CorruptStoreError, match="malformed record"):
        Store(path)
    assert path.read_bytes() == raw


def test_a_store_behind_a_symlink_is_written_three_times_through_it(tmp_path):
    real = tmp_path / "sync" / "followup.json"
    real.parent.mkdir()
    link = tmp_path / "followup.json"
    link.symlink_to(real)
    for n in range(3):
        with Store(link) as store:
            assert store.path == real
            store.add_application(Application(company=f"C{n}", role="Dev"))
    assert link.is_symlink()
    with Store(real) as store:
        assert len(store.board().applications) == 3
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".lock")) == []
    assert (real.parent / "followup.json.lock").exists()


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "s.json"
    os.mkfifo(fifo)
    with pytest.raises(NotARegularFileError, match="named pipe"):
        Store(fifo)
    with pytest.raises(NotARegularFileError, match="named pipe"):
        Store(fifo, read_only=True)


def test_another_apps_tinydb_file_is_not_converted(tmp_path):
    path = tmp_path / "s.json"
    raw = b'{"_default": {"1": {"title": "a note from another app"}}}'
    path.write_bytes(raw)
    with pytest.raises(CorruptStoreError, match="not a followup store"):
        Store(path)
    assert path.read_bytes() == raw and not (tmp_path / "backups").exists()


def test_a_read_only_store_takes_no_lock_and_never_writes(tmp_path):
    path = tmp_path / "s.json"
    with Store(path) as store:
        store.add_application(Application(company="Acme", role="Dev"))
    os.unlink(str(path) + ".lock")
    with Store(path, read_only=True) as reader:
        assert [a.company for a in reader.board().applications] == ["Acme"]
        with pytest.raises(StoreError, match="read-only"):
            reader.add_application(Application(company="Initech", role="Ops"))
    assert not os.path.exists(str(path) + ".lock")


def test_a_read_only_store_reads_an_old_schema_in_memory(tmp_path):
    path = tmp_path / "old.json"
    raw = orjson.dumps({"applications": {"3": {"company": "Acme", "role": "Dev", "stage": "saved"}}})
    path.write_bytes(raw)
    with Store(path, read_only=True) as reader:
        assert [(a.id, a.company) for a in reader.board().applications] == [(3, "Acme")]
    assert path.read_bytes() == raw and not (tmp_path / "backups").exists()
