"""Two processes writing and one reading lose nothing and see no torn file (DESIGN.md §3, STORAGE.md §2)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.helpers import run, spawn
from tui.domain.models import Application
from tui.store.repository import LockedError, Store

pytestmark = pytest.mark.slow

PER_WRITER = 200


def test_two_writers_and_a_reader_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    sync = tmp_path / "sync"
    sync.mkdir()
    with Store(db) as store:
        store.add_application(Application(company="Counter", role="counter", stage="saved", notes="0"))

    writers = [spawn("store_child", "writer", db, tag, PER_WRITER, sync) for tag in ("a", "b")]
    reader = spawn("store_child", "reader", db, sync)
    deadline = time.monotonic() + 30
    while len(list(sync.glob("ready-*"))) < 3:
        assert time.monotonic() < deadline, "the children never reached the barrier"
        for proc in [*writers, reader]:
            assert proc.poll() is None, proc.communicate()[1]
        time.sleep(0.01)
    (sync / "go").touch()
    for proc in writers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    (sync / "stop").touch()
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    reads = int(out.split()[1])
    assert reads > 10, "the reader barely ran alongside the writers"

    with Store(db) as store:
        apps = store.board().applications
    added = [a for a in apps if a.company != "Counter"]
    assert len(added) == 2 * PER_WRITER
    assert len({a.id for a in apps}) == len(apps) == 2 * PER_WRITER + 1
    assert {a.company for a in added} == {f"{t}-{i}" for t in "ab" for i in range(PER_WRITER)}
    counter = next(a for a in apps if a.company == "Counter")
    assert counter.notes == str(2 * PER_WRITER)  # every read-modify-write saw the one before it


def test_external_change_is_detected_and_the_next_id_is_fresh(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    store = Store(db)
    first = store.add_application(Application(company="Acme", role="Dev", stage="saved"))
    assert len(store.board().applications) == 1  # the board is cached now
    assert not store.changed_on_disk()

    child = run("store_child", "add", db, "Globex", "Ops")
    assert child.returncode == 0, child.stderr
    theirs = int(child.stdout)
    assert theirs == first.id + 1

    assert store.changed_on_disk()
    assert store.reload() is True
    assert not store.changed_on_disk()
    assert [a.company for a in store.board().applications] == ["Acme", "Globex"]
    mine = store.add_application(Application(company="Initech", role="QA", stage="saved"))
    assert mine.id == theirs + 1
    store.close()


def test_reads_see_an_external_change_without_an_explicit_reload(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with Store(db) as store:
        store.add_application(Application(company="Acme", role="Dev", stage="saved"))
        store.board()
        assert run("store_child", "add", db, "Globex", "Ops").returncode == 0
        assert [a.company for a in store.board().applications] == ["Acme", "Globex"]
        assert store.get_application(2).company == "Globex"


def test_a_held_lock_times_out_with_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with Store(db) as store:
        store.add_application(Application(company="Acme", role="Dev", stage="saved"))
    before = db.read_bytes()
    holder = spawn("store_child", "hold", db, 5)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(LockedError, match="locked by another followup process"):
            Store(db, lock_timeout=0.3)
        # It waited for its timeout (the holder keeps the lock 5 s: a timeout ignored would
        # end in a successful open, not the error above).
        assert time.monotonic() - started > 0.25
    finally:
        holder.kill()
        holder.communicate()
    assert db.read_bytes() == before
    with Store(db, lock_timeout=5) as store:  # the lock dies with its holder
        assert len(store.board().applications) == 1
