"""The store: typed records over TinyDB tables, safe for two processes (DESIGN.md §3).

Every change runs inside ``transaction()``: a thread lock, the exclusive file lock
(``<file>.lock``), a reload when another process wrote since we read, the change,
then one atomic durable write. The quick-capture command can therefore write while
the board is open, and neither loses the other's work.

Records have their own ids, kept as TinyDB document ids and never reused: the
high-water mark of every table lives in the ``meta`` table, so a deleted record's
id is not handed out again even after a reopen (STORAGE.md §1.5).

Stored documents are never changed in place: a change puts a new dict in the
record's slot. ``board()`` relies on that to reuse the records it already built for
documents that did not change, so a write on a 5,000-application board rebuilds one
card, not all of them.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from tui.domain import clock
from tui.domain.board import Board
from tui.domain.errors import InputError, StoreError
from tui.domain.models import (
    Application,
    Contact,
    Event,
    Record,
    Template,
    ValidationError,
    upgrade_contact_v1,
)
from tui.store import fsio
from tui.store.storage import (
    CorruptStoreError,
    SafeJSONStorage,
    list_backups,
    newest_backup,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: filelock does the locking there
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = 2
TABLES = ("applications", "contacts", "events", "templates")
KIND_OF = {Application: "applications", Contact: "contacts", Event: "events", Template: "templates"}
CLASS_OF: dict[str, type[Record]] = {name: cls for cls, name in KIND_OF.items()}


@dataclass(frozen=True)
class ContactMerge:
    """What a contact merge changed, as it was before: enough to undo it."""

    kept: Contact
    gone: Contact
    applications: list[Application]
    events: list[Event]


class LockedError(StoreError):
    def __init__(self, path: Path, timeout: float) -> None:
        super().__init__(
            f"The store {path} is locked by another followup process (waited {timeout:g} s); "
            "nothing was written."
        )


def _migrate_v0(tables: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 (a plain TinyDB file, no envelope): records got their ``id`` from the doc id.

    An ``id`` inside a document wins over its doc id (the old file's references used it).
    Two records with one id, or an id that is not a whole number, stop the migration
    (the caller reports the file as unreadable and leaves it alone). Tables this
    version does not know are kept as they are.
    """
    out: dict[str, Any] = {name: table for name, table in tables.items() if name not in TABLES}
    marks: dict[str, int] = {}
    for name in TABLES:
        table = tables.get(name, {})
        out[name] = {}
        for doc_id, doc in table.items():
            doc = dict(doc)
            record_id = doc.pop("id", None)
            if record_id is None:
                record_id = int(doc_id)
            if isinstance(record_id, bool) or not isinstance(record_id, int) or record_id < 1:
                raise ValueError(f"{name} record {doc_id} has the id {record_id!r}")
            if str(record_id) in out[name]:
                raise ValueError(f"two {name} records have the id {record_id}")
            out[name][str(record_id)] = doc
        marks[name] = max((int(k) for k in out[name]), default=0)
    out["meta"] = {"1": {"next_id": marks}}
    return out


def _migrate_v1(tables: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 → 2: a contact's one ``email`` / ``phone`` / ``linkedin`` become the lists
    ``emails`` / ``phones`` / ``profiles`` (each {"value", "kind"}); nothing else changes."""
    out = dict(tables)
    out["contacts"] = {
        doc_id: upgrade_contact_v1(doc) if isinstance(doc, dict) else doc
        for doc_id, doc in tables.get("contacts", {}).items()
    }
    return out


MIGRATIONS = {0: _migrate_v0, 1: _migrate_v1}


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("followup", appauthor=False) / "followup.json"


def resolve_db_path(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("FOLLOWUP_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


# -- the file lock -------------------------------------------------------------------


class _LockTimeout(Exception):
    pass


class _PosixFileLock:
    """An exclusive ``flock`` on ``<store>.lock`` (0600), reentrant, with a timeout.

    Not the filelock package on POSIX: importing filelock 4 costs about 65 ms, several times
    what `followup add` may spend on top of loading the store (DESIGN.md §10), and flock is
    all it would do here. The lock file is never deleted, so every process locks one inode.
    """

    def __init__(self, path: str, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    @property
    def is_locked(self) -> bool:
        return self._depth > 0

    def acquire(self) -> None:
        if self._depth:
            self._depth += 1
            return
        deadline = None if self.timeout < 0 else time.monotonic() + self.timeout
        delay = 0.001
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
            try:
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if deadline is not None and time.monotonic() >= deadline:
                            raise _LockTimeout from None
                        time.sleep(delay)
                        delay = min(delay * 2, 0.02)
                st = os.fstat(fd)
                try:  # the lock file was removed or replaced while we waited: our lock guards nothing
                    current = os.stat(self.path)
                except FileNotFoundError:
                    current = None
            except BaseException:
                os.close(fd)
                raise
            if current is not None and os.path.samestat(st, current):
                break
            os.close(fd)
        if st.st_mode & 0o077:
            with contextlib.suppress(OSError):
                os.fchmod(fd, 0o600)
        self._fd, self._depth = fd, 1

    def release(self) -> None:
        if self._depth == 0:
            return
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)


class _PortableFileLock:  # pragma: no cover - Windows
    def __init__(self, path: str, timeout: float) -> None:
        from filelock import FileLock

        self._lock = FileLock(path, timeout=timeout, mode=0o600)

    @property
    def is_locked(self) -> bool:
        return self._lock.is_locked

    def acquire(self) -> None:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise _LockTimeout from None

    def release(self) -> None:
        self._lock.release()


def _file_lock(path: Path, timeout: float) -> _PosixFileLock | _PortableFileLock:
    lock_path = str(path) + ".lock"
    if fcntl is not None:
        return _PosixFileLock(lock_path, timeout)
    return _PortableFileLock(lock_path, timeout)  # pragma: no cover - Windows


@contextlib.contextmanager
def _holding(lock: _PosixFileLock | _PortableFileLock, path: Path, timeout: float) -> Iterator[None]:
    try:
        lock.acquire()
    except _LockTimeout:
        raise LockedError(path, timeout) from None
    except OSError as exc:  # a read-only folder, a lock file we may not open
        msg = f"The store {path} cannot be locked ({fsio.reason(exc)}); nothing was written."
        raise StoreError(msg) from None
    try:
        yield
    finally:
        lock.release()


# -- the board snapshot --------------------------------------------------------------


class _LazyBoard(Board):
    """A ``Board`` whose record lists are built on first use.

    `followup add` checks for duplicates among the applications only; building the
    30,000 contacts of a LinkedIn import for that would cost more than the whole
    command may take. A table that holds a record the model refuses raises
    ``CorruptStoreError`` when that table is first read.
    """

    def __init__(
        self,
        applications: list[Application] | None = None,
        contacts: list[Contact] | None = None,
        events: list[Event] | None = None,
        templates: list[Template] | None = None,
        generation: int = 0,
        *,
        loader: Callable[[str], list[Any]] | None = None,
    ) -> None:
        self._loader = loader
        self.generation = generation
        given = {"applications": applications, "contacts": contacts, "events": events, "templates": templates}
        for name, value in given.items():
            if value is not None or loader is None:
                setattr(self, name, value if value is not None else [])

    def __eq__(self, other: object) -> bool:  # the dataclass __eq__ insists on the very same class
        if not isinstance(other, Board):
            return NotImplemented
        fields = ("applications", "contacts", "events", "templates", "generation")
        return all(getattr(self, f) == getattr(other, f) for f in fields)

    __hash__ = None  # type: ignore[assignment]  # mutable, like Board

    def __getattr__(self, name: str) -> Any:
        loader = self.__dict__.get("_loader")
        if loader is None or name not in CLASS_OF:
            raise AttributeError(name)
        value = loader(name)
        self.__dict__[name] = value
        return value


# -- the store -----------------------------------------------------------------------


class Store:
    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        durable: bool = True,
        lock_timeout: float = 10.0,
        backup_interval_s: float = 3600.0,
        keep_backups: int = 10,
        read_only: bool = False,
    ) -> None:
        # Resolved through symlinks once (a dotfiles or synced-folder setup): every write then
        # replaces the real file, its lock file is the one every path to it shares, and its
        # backups sit beside it. The link itself is never replaced by a regular file.
        self.path = fsio.resolve_target(Path(path).expanduser())
        self.lock_timeout = lock_timeout
        self.read_only = read_only
        self._thread_lock = threading.RLock()
        folder = self.path.parent
        if not folder.is_dir() and not read_only:
            try:
                fsio.make_dirs(folder)
            except OSError as exc:
                msg = f"The folder {folder} for the store cannot be created ({fsio.reason(exc)})."
                raise StoreError(msg) from None
        self._file_lock = _file_lock(self.path, lock_timeout)
        self._db = TinyDB(
            self.path,
            storage=SafeJSONStorage,
            schema_version=SCHEMA_VERSION,
            migrations=MIGRATIONS,
            durable=durable,
            backup_interval_s=backup_interval_s,
            keep_backups=keep_backups,
            known_tables=TABLES,
            validators={name: cls.check_stored for name, cls in CLASS_OF.items()},
            read_only=read_only,
        )
        self._storage: SafeJSONStorage = self._db.storage  # type: ignore[assignment]
        self._storage.on_reload = self._drop_tinydb_caches
        self._board: Board | None = None
        self._board_key: tuple[Any, ...] | None = None
        # per table: doc id -> (the stored doc, the record built from it); see the module docstring
        self._built: dict[str, dict[str, tuple[dict[str, Any], Record]]] = {}
        try:
            if read_only:
                self._storage.refresh()
            else:
                with self._locked():
                    self._storage.remove_orphans()
                    self._storage.refresh()
                    if self._storage.needs_migration:
                        self._storage.migrate()
                    if self.path.exists():
                        with contextlib.suppress(OSError):
                            os.chmod(self.path, 0o600)  # drop group/other bits a copy may have brought
        except BaseException:
            self._storage.close()  # the file it may have opened
            raise

    @property
    def problems(self) -> list[str]:
        """What went wrong beside the user's change (a backup that could not be made)."""
        return self._storage.problems

    def on_problem(self, callback: Callable[[str], None] | None) -> None:
        self._storage.on_problem = callback

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- locking and transactions ----------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self._thread_lock, _holding(self._file_lock, self.path, self.lock_timeout):
            yield

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside land as one atomic write at the end; an exception writes nothing.

        Transactions nest; only the outermost one writes. An inner one that fails after it
        changed something makes the outer one write nothing too (there are no savepoints).
        """
        if self.read_only:
            raise StoreError(f"The store {self.path} was opened read-only; nothing was written.")
        with self._locked():
            if self._storage._buffering == 0:
                self._storage.refresh()
                if self._storage.needs_migration:  # an older followup replaced the file since we opened it
                    self._storage.migrate()
            self._storage.begin()
            try:
                yield self
            except BaseException:
                self._storage.end(commit=False)
                raise
            self._storage.end(commit=True)

    def _drop_tinydb_caches(self) -> None:
        for table in self._db._tables.values():
            table.clear_cache()
            table._next_id = None
        self._board = None

    def changed_on_disk(self) -> bool:
        return self._storage.changed_on_disk()

    def reload(self) -> bool:
        with self._thread_lock:
            return self._storage.refresh()

    @property
    def generation(self) -> int:
        return self._storage.generation

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._db.close()

    # -- reading -------------------------------------------------------------------

    def _tables(self) -> dict[str, Any]:
        return self._storage.read() or {}

    def board(self) -> Board:
        """A snapshot of everything, rebuilt only when the data changed; each table is built on first use."""
        with self._thread_lock:
            tables = self._tables()
            key = (self._storage.generation, self._storage._sig, self._storage.write_count)
            if self._board is not None and self._board_key == key:
                return self._board
            # TinyDB puts a new dict in tables[name] on every change, and documents are never
            # changed in place, so these table dicts stay as they are now: a consistent snapshot.
            snapshot = {name: tables.get(name, {}) for name in TABLES}

            def load(name: str) -> list[Any]:
                with self._thread_lock:
                    return self._records(snapshot[name], name)

            board = _LazyBoard(generation=self._storage.generation, loader=load)
            self._board, self._board_key = board, key
            return board

    def forget_board(self) -> None:
        """Drop the cached snapshot: the next ``board()`` rebuilds it from the stored documents."""
        with self._thread_lock:
            self._board = None

    def _records(self, table: dict[str, Any], name: str) -> list[Any]:
        cls = CLASS_OF[name]
        known = self._built.get(name, {})
        built: dict[str, tuple[dict[str, Any], Record]] = {}
        out: list[Any] = []
        last, ordered = 0, True
        for doc_id, doc in table.items():
            hit = known.get(doc_id)
            if hit is not None and (hit[0] is doc or hit[0] == doc):
                record = hit[1]
            else:
                record = self._build(cls, name, doc_id, doc)
            built[doc_id] = (doc, record)
            out.append(record)
            if record.id < last:  # type: ignore[attr-defined]
                ordered = False
            last = record.id  # type: ignore[attr-defined]
        self._built[name] = built
        if not ordered:
            out.sort(key=lambda r: r.id)
        return out

    def _build(self, cls: type[Record], name: str, doc_id: Any, doc: Any) -> Any:
        # trusted: the store validated every record on the way in; this only re-checks what
        # the rules depend on (dates, stage, kind), at a quarter of from_dict's cost.
        try:
            if not isinstance(doc, dict):
                raise ValidationError(f"expected an object, got {type(doc).__name__}")
            return cls.trusted(doc, int(doc_id))
        except (ValidationError, TypeError, ValueError, AttributeError) as exc:
            raise CorruptStoreError(
                self.path, f"{name} record {doc_id} is invalid ({exc})", newest_backup(self.path)
            ) from None

    def _get(self, name: str, record_id: Any) -> Any:
        # Straight from the table, not the Board: inside a transaction the Board may be stale.
        if isinstance(record_id, bool) or not isinstance(record_id, int):
            raise InputError(f"{record_id!r} is not an id (a whole number).")
        with self._thread_lock:
            doc = self._tables().get(name, {}).get(str(record_id))
        if doc is None:
            raise InputError(f"No {name[:-1]} with id {record_id}.")
        return self._build(CLASS_OF[name], name, record_id, doc)

    def get_application(self, app_id: int) -> Application:
        return self._get("applications", app_id)

    def get_contact(self, contact_id: int) -> Contact:
        return self._get("contacts", contact_id)

    def find_applications(self, where: Callable[[str, str], bool]) -> list[Application]:
        """The applications whose ``(company, role)`` satisfy ``where``, without building the Board.

        For the duplicate check of `followup add`: on 5,000 applications this reads the
        raw documents instead of validating every record.
        """
        with self._thread_lock:
            table = self._tables().get("applications", {})
            return [
                self._build(Application, "applications", doc_id, doc)
                for doc_id, doc in table.items()
                if where(str(doc.get("company", "")), str(doc.get("role", "")))
            ]

    def is_empty(self) -> bool:
        with self._thread_lock:
            tables = self._tables()
            return not any(tables.get(name) for name in TABLES)

    # -- writing -------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        # No query cache: every read then goes through the storage, which notices a change on disk.
        return self._db.table(name, cache_size=0)

    def feature_table(self, name: str) -> Table:
        """A feature's own table in this file (the inbox's proposals), with the store's guarantees.

        Read it freely; change it only inside ``transaction()``. Its documents are plain JSON
        objects that the feature validates itself; the record tables are not handed out here.
        """
        if name in TABLES or name == "meta":
            raise ValueError(f"{name!r} is one of the store's own tables")
        return self._table(name)

    def _marks(self) -> dict[str, Any]:
        doc = self._table("meta").get(doc_id=1)
        marks = doc.get("next_id") if isinstance(doc, dict) else None
        return dict(marks) if isinstance(marks, dict) else {}

    def _save_marks(self, marks: dict[str, Any]) -> None:
        self._table("meta").upsert(Document({"next_id": marks}, doc_id=1))

    def _allocate(self, name: str, count: int) -> list[int]:
        """``count`` fresh ids: above the high-water mark, so a deleted record's id never returns."""
        marks = self._marks()
        table = self._tables().get(name, {})
        mark = marks.get(name, 0)
        start = (mark if isinstance(mark, int) and not isinstance(mark, bool) else 0) + 1
        if any(str(i) in table for i in range(start, start + count)):  # a hand-edited or lost mark
            start = max(start, max((int(k) for k in table), default=0) + 1)
        marks[name] = start + count - 1
        self._save_marks(marks)
        return list(range(start, start + count))

    def _raise_mark(self, name: str, used: int) -> None:
        marks = self._marks()
        mark = marks.get(name, 0)
        if not isinstance(mark, int) or isinstance(mark, bool) or mark < used:
            marks[name] = used
            self._save_marks(marks)

    def _insert_many(self, name: str, records: list[Any], *, keep_id: bool = False) -> list[Any]:
        """Insert records into one table in one table write (an import of 30,000 contacts is one pass)."""
        if not records:
            return []
        existing = self._tables().get(name, {})
        kept = [r.id for r in records if keep_id and r.id is not None]
        seen: set[int] = set()
        for record_id in kept:
            if str(record_id) in existing or record_id in seen:
                raise InputError(f"There is already a {name[:-1]} with id {record_id}; nothing was written.")
            seen.add(record_id)
        fresh = iter(self._allocate(name, len(records) - len(kept)) if len(kept) < len(records) else [])
        now = clock.now_iso()
        out, docs = [], []
        for record in records:
            new_id = record.id if keep_id and record.id is not None else next(fresh)
            changes: dict[str, Any] = {"id": new_id}
            if hasattr(record, "created_at") and not record.created_at:
                changes["created_at"] = now
            if hasattr(record, "updated_at"):
                changes["updated_at"] = record.updated_at or now
            record = record.with_changes(**changes)
            doc = record.to_dict()
            del doc["id"]
            docs.append(Document(doc, doc_id=new_id))
            out.append(record)
        self._table(name).insert_multiple(docs)
        if kept:
            self._raise_mark(name, max(kept))
        return out

    def _insert(self, record: Record, *, keep_id: bool = False) -> Any:
        return self._insert_many(KIND_OF[type(record)], [record], keep_id=keep_id)[0]

    def _replace_many(self, name: str, records: list[Any], *, stamp: bool = True) -> list[Any]:
        """Replace records in one table write. Each gets a new dict in its slot (never changed in place).

        ``stamp=False`` keeps each record's ``updated_at`` (an exact undo puts the old one back)."""
        if not records:
            return []
        existing = self._tables().get(name, {})
        now = clock.now_iso()
        out, new_docs = [], {}
        for record in records:
            old = existing.get(str(record.id)) if record.id is not None else None
            if old is None:
                raise InputError(f"No {name[:-1]} with id {record.id}.")
            if stamp and hasattr(record, "updated_at"):
                record = record.with_changes(updated_at=now)
            doc = record.to_dict()
            del doc["id"]
            if old.keys() - doc.keys():  # keep fields this version does not know (a hand edit)
                doc = {**old, **doc}
            new_docs[record.id] = doc
            out.append(record)

        def put(table: dict[int, Any]) -> None:
            table.update(new_docs)  # same keys: the slots keep their order

        self._table(name)._update_table(put)
        return out

    def _replace(self, record: Record) -> Any:
        return self._replace_many(KIND_OF[type(record)], [record])[0]

    def _remove(self, name: str, record_ids: list[int]) -> None:
        existing = self._tables().get(name, {})
        for record_id in record_ids:
            if str(record_id) not in existing:
                raise InputError(f"No {name[:-1]} with id {record_id}.")
        if record_ids:
            self._table(name).remove(doc_ids=record_ids)

    # Applications

    def add_application(self, app: Application, *, contact: Contact | None = None) -> Application:
        """Add an application (and an ``applied`` event when it was applied for)."""
        with self.transaction():
            if contact is not None:
                if contact.id is None:
                    contact = self._insert(contact)
                else:
                    self.get_contact(contact.id)
                if contact.id not in app.contact_ids:
                    app = app.with_changes(contact_ids=[*app.contact_ids, contact.id])
            app = self._insert(app)
            if app.stage != "saved" and app.applied_on is not None:
                self._insert(Event(application_id=app.id, kind="applied", on=app.applied_on))
            return app

    def update_application(self, app: Application) -> Application:
        with self.transaction():
            return self._replace(app)

    def move(self, app_id: int, stage: str, outcome: str | None = None, on: Any = None) -> Application:
        with self.transaction():
            app = self.get_application(app_id)
            if stage != "closed" and outcome:
                raise InputError("An outcome is only for a card moved to closed.")
            if stage == app.stage and outcome == app.outcome:
                return app
            changes: dict[str, Any] = {"stage": stage, "outcome": outcome if stage == "closed" else None}
            if stage not in ("saved",) and app.applied_on is None:
                changes["applied_on"] = on or clock.today()
            try:
                moved = app.with_changes(**changes)
            except ValidationError as exc:
                raise InputError(str(exc)) from None
            moved = self._replace(moved)
            text = f"{app.stage} → {stage}" + (f" ({outcome})" if outcome else "")
            day = on or clock.today()
            self._insert(Event(application_id=app_id, kind="stage_changed", on=day, text=text))
            return moved

    def delete_application(self, app_id: int) -> tuple[Application, list[Event]]:
        """Delete an application and its events; returns both so the UI can undo."""
        with self.transaction():
            app = self.get_application(app_id)
            events = [
                self._build(Event, "events", doc_id, doc)
                for doc_id, doc in self._tables().get("events", {}).items()
                if doc.get("application_id") == app_id
            ]
            events.sort(key=lambda e: (e.on, e.id))
            self._remove("applications", [app_id])
            self._remove("events", [e.id for e in events])
            return app, events

    def events_of(self, app_id: int) -> list[Event]:
        """The application's events, read from the table (right inside a transaction too)."""
        with self._thread_lock:
            return [
                self._build(Event, "events", doc_id, doc)
                for doc_id, doc in self._tables().get("events", {}).items()
                if doc.get("application_id") == app_id
            ]

    def put_back(self, apps: list[Application], *, drop_events: list[int] | None = None) -> None:
        """Exact undo of an edit or a move: the applications exactly as they were (their
        ``updated_at`` too) and the events the change logged removed, in one write."""
        with self.transaction():
            self._replace_many("applications", list(apps), stamp=False)
            events = self._tables().get("events", {})
            self._remove("events", [e for e in drop_events or [] if str(e) in events])

    def restore_application(self, app: Application, events: list[Event]) -> None:
        """Undo a delete: the same ids come back (they were never handed out again)."""
        with self.transaction():
            contacts = self._tables().get("contacts", {})
            app = app.with_changes(contact_ids=[c for c in app.contact_ids if str(c) in contacts])
            gone = {
                e.contact_id for e in events if e.contact_id is not None and str(e.contact_id) not in contacts
            }
            events = [e.with_changes(contact_id=None) if e.contact_id in gone else e for e in events]
            self._insert_many("applications", [app], keep_id=True)
            self._insert_many("events", list(events), keep_id=True)

    # Contacts

    def add_contact(self, contact: Contact) -> Contact:
        with self.transaction():
            return self._insert(contact)

    def update_contact(self, contact: Contact) -> Contact:
        with self.transaction():
            return self._replace(contact)

    def delete_contact(self, contact_id: int) -> Contact:
        with self.transaction():
            contact = self.get_contact(contact_id)
            attached = [
                self._build(Application, "applications", doc_id, doc)
                for doc_id, doc in self._tables().get("applications", {}).items()
                if contact_id in (doc.get("contact_ids") or ())
            ]
            self._replace_many(
                "applications",
                [
                    app.with_changes(contact_ids=[c for c in app.contact_ids if c != contact_id])
                    for app in attached
                ],
            )
            # The events stay on the timeline without the person; a dangling id would make the
            # board's own JSON export fail its reference check on import.
            mentioned = [
                self._build(Event, "events", doc_id, doc)
                for doc_id, doc in self._tables().get("events", {}).items()
                if doc.get("contact_id") == contact_id
            ]
            self._replace_many("events", [ev.with_changes(contact_id=None) for ev in mentioned])
            self._remove("contacts", [contact_id])
            return contact

    def attach(self, app_id: int, contact_id: int) -> Application:
        with self.transaction():
            app = self.get_application(app_id)
            self.get_contact(contact_id)
            if contact_id in app.contact_ids:
                return app
            return self._replace(app.with_changes(contact_ids=[*app.contact_ids, contact_id]))

    def detach(self, app_id: int, contact_id: int) -> Application:
        with self.transaction():
            app = self.get_application(app_id)
            kept = [c for c in app.contact_ids if c != contact_id]
            return self._replace(app.with_changes(contact_ids=kept))

    def find_contact_by_email(self, email: str) -> Contact | None:
        wanted = email.strip().lower()
        if not wanted:
            return None
        with self._thread_lock:
            for doc_id, doc in self._tables().get("contacts", {}).items():
                for point in doc.get("emails") or ():
                    if isinstance(point, dict) and str(point.get("value") or "").strip().lower() == wanted:
                        return self._build(Contact, "contacts", doc_id, doc)
        return None

    def merge_contacts(self, merged: Contact, gone_id: int) -> ContactMerge:
        """Save ``merged`` (it keeps its id) and fold contact ``gone_id`` into it: the
        applications and events that named ``gone_id`` name ``merged`` instead, and
        ``gone_id`` is removed. Returns what ``unmerge_contacts`` needs to undo it."""
        with self.transaction():
            if merged.id is None or merged.id == gone_id:
                raise InputError("A contact cannot be merged into itself.")
            kept, gone = self.get_contact(merged.id), self.get_contact(gone_id)
            apps = [
                self._build(Application, "applications", doc_id, doc)
                for doc_id, doc in self._tables().get("applications", {}).items()
                if gone_id in (doc.get("contact_ids") or ())
            ]
            events = [
                self._build(Event, "events", doc_id, doc)
                for doc_id, doc in self._tables().get("events", {}).items()
                if doc.get("contact_id") == gone_id
            ]
            def repoint(ids: list[int]) -> list[int]:
                return list(dict.fromkeys(merged.id if c == gone_id else c for c in ids))  # type: ignore[misc]

            moved = [a.with_changes(contact_ids=repoint(a.contact_ids)) for a in apps]
            self._replace_many("applications", moved)
            self._replace_many("events", [e.with_changes(contact_id=merged.id) for e in events])
            self._replace(merged)
            self._remove("contacts", [gone_id])
            return ContactMerge(kept, gone, apps, events)

    def unmerge_contacts(self, undo: ContactMerge) -> None:
        """Undo ``merge_contacts``: both contacts, applications and events as they were."""
        with self.transaction():
            self._replace(undo.kept)
            self._insert_many("contacts", [undo.gone], keep_id=True)
            self._replace_many("applications", list(undo.applications))
            self._replace_many("events", list(undo.events))

    def save_contacts(self, added: list[Contact], updated: list[Contact]) -> list[Contact]:
        """Apply an import's merge plan in one write."""
        with self.transaction():
            out = self._insert_many("contacts", list(added))
            self._replace_many("contacts", list(updated))
            return out

    # Events

    def add_event(self, event: Event) -> Event:
        with self.transaction():
            self.get_application(event.application_id)
            if event.contact_id is not None:
                self.get_contact(event.contact_id)
            return self._insert(event)

    def delete_event(self, event_id: int) -> None:
        with self.transaction():
            self._remove("events", [event_id])

    # Drafts: text typed in the composer, kept per application and recipient (a table of its
    # own, outside TABLES: not a record, not exported; every change is one atomic write).

    def drafts(self) -> dict[str, dict[str, str]]:
        with self._thread_lock:
            doc = self._tables().get("drafts", {}).get("1")
        saved = doc.get("by_key") if isinstance(doc, dict) else None
        if not isinstance(saved, dict):
            return {}
        return {k: dict(v) for k, v in saved.items() if isinstance(v, dict)}

    def save_draft(self, key: str, subject: str, body: str) -> None:
        """Keep (or, with no text, drop) the draft under ``key`` ("application:contact")."""
        with self.transaction():
            drafts = self.drafts()
            if subject or body:
                drafts[key] = {"subject": subject, "body": body, "saved_at": clock.now_iso()}
            elif drafts.pop(key, None) is None:
                return
            self._table("drafts").upsert(Document({"by_key": drafts}, doc_id=1))

    # Templates

    def add_template(self, template: Template) -> Template:
        with self.transaction():
            return self._insert(template)

    def update_template(self, template: Template) -> Template:
        with self.transaction():
            return self._replace(template)

    def delete_template(self, template_id: int) -> None:
        with self.transaction():
            self._remove("templates", [template_id])

    # Whole boards

    def restore_board(self, board: Board) -> None:
        """Load an export into an empty store, keeping every id (export → import → export is identical)."""
        with self.transaction():
            if not self.is_empty():
                raise InputError(
                    f"The store {self.path} already holds records; import a followup export into an empty "
                    "store (use --db NEW_FILE), so nothing is merged by guesswork."
                )
            for name, records in (
                ("contacts", board.contacts),
                ("applications", board.applications),
                ("events", board.events),
                ("templates", board.templates),
            ):
                self._insert_many(name, list(records), keep_id=True)


def restore_backup(path: Path, backup: Path | None = None, *, lock_timeout: float = 10.0) -> Path:
    """Explicit recovery: keep the broken file beside it as ``.corrupt-<ts>`` and install a backup atomically.

    Under the store's lock, so a running followup never sees a missing or half-copied file.
    Nothing is deleted: the broken file stays next to the restored one. Returns the backup used.
    """
    import orjson

    path = fsio.resolve_target(path)
    backup = Path(backup) if backup is not None else newest_backup(path)
    if backup is None:
        raise StoreError(f"No backup of {path} was found; nothing was changed.")
    try:
        raw = backup.read_bytes()
    except OSError as exc:
        msg = f"The backup {backup} cannot be read ({exc.strerror}); nothing was changed."
        raise StoreError(msg) from None
    try:
        ok = isinstance(orjson.loads(raw), dict)
    except orjson.JSONDecodeError:
        ok = False
    if not ok:
        raise StoreError(f"The backup {backup} is not a readable store either; nothing was changed.")
    with _holding(_file_lock(path, lock_timeout), path, lock_timeout):
        # Real time, not the clock: two restores on a pinned day must not share a name.
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        if path.exists():
            aside = path.with_name(f"{path.name}.corrupt-{stamp}")
            try:
                os.link(path, aside)  # never replaces an existing file
            except FileExistsError:
                raise StoreError(f"{aside} already exists; nothing was changed.") from None
            except OSError:
                try:
                    fsio.write_new(aside, path.read_bytes())
                except OSError as exc:
                    raise StoreError(fsio.describe(exc, aside, "nothing was changed")) from None
        try:
            fsio.atomic_write(path, raw, mode=fsio.FILE_MODE)
        except OSError as exc:
            raise StoreError(fsio.describe(exc, path, "the backup was NOT restored")) from None
    return backup


__all__ = ["Store", "default_db_path", "list_backups", "resolve_db_path", "restore_backup"]
