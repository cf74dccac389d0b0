"""Other processes using the same store, for the concurrency tests.

``python -m tests.helpers.store_child COMMAND DB ...``:

- ``add DB COMPANY ROLE``: add one application, print its id.
- ``writer DB TAG N SYNC``: wait at the barrier in folder SYNC, then add N applications
  ("TAG-i"), each together with a read-modify-write increment of the counter
  application (id 1, its notes hold the count), one transaction per add.
- ``reader DB SYNC``: wait at the barrier, then read ``board()`` in a loop until SYNC/stop
  exists; the number of applications must never go down. Prints ``reads N``; exit 1 on
  any error.
- ``hold DB SECONDS``: hold the store's lock inside a transaction, print ``locked``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def barrier(sync: Path, name: str) -> None:
    (sync / f"ready-{name}").touch()
    deadline = time.monotonic() + 30
    while not (sync / "go").exists():
        if time.monotonic() > deadline:
            raise SystemExit("barrier timeout")
        time.sleep(0.001)


def add(db: str, company: str, role: str) -> None:
    from tui.domain.models import Application
    from tui.store.repository import Store

    with Store(db) as store:
        print(store.add_application(Application(company=company, role=role, stage="saved")).id)


def writer(db: str, tag: str, n: int, sync: Path) -> None:
    from tui.domain.models import Application
    from tui.store.repository import Store

    store = Store(db, lock_timeout=60)
    barrier(sync, tag)
    for i in range(n):
        with store.transaction():
            counter = store.get_application(1)
            store.update_application(counter.with_changes(notes=str(int(counter.notes) + 1)))
            store.add_application(Application(company=f"{tag}-{i}", role="Dev", stage="saved"))
    print("done", flush=True)


def reader(db: str, sync: Path) -> None:
    from tui.store.repository import Store

    store = Store(db, lock_timeout=60)
    barrier(sync, "reader")
    reads, seen = 0, 0
    while not (sync / "stop").exists():
        count = len(store.board().applications)
        if count < seen:
            raise SystemExit(f"went back from {seen} to {count} applications")
        seen = count
        reads += 1
    print(f"reads {reads} last {seen}", flush=True)


def hold(db: str, seconds: float) -> None:
    from tui.store.repository import Store

    store = Store(db)
    with store.transaction():
        print("locked", flush=True)
        time.sleep(seconds)


if __name__ == "__main__":
    cmd, db, *rest = sys.argv[1:]
    if cmd == "add":
        add(db, rest[0], rest[1])
    elif cmd == "writer":
        writer(db, rest[0], int(rest[1]), Path(rest[2]))
    elif cmd == "reader":
        reader(db, Path(rest[0]))
    elif cmd == "hold":
        hold(db, float(rest[0]))
    else:
        raise SystemExit(f"unknown command {cmd}")
