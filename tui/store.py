"""The store: typed records over TinyDB tables, safe for two processes (DESIGN.md §3).

Every change runs inside ``transaction()``: a thread lock, the exclusive file lock
(``<file>.lock``), a reload when another process wrote since we read, the change,
then one atomic durable write. The quick-capture command can therefore write while
the board is open, and neither loses the other's work.

Records have their own ids, kept as TinyDB document ids and never reused: the
high-water mark of every table lives in the ``meta`` table, so a deleted record's
id is not handed out again even after a reopen (STORAGE.md §1.5).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from tui import clock
from tui.board import Board
from tui.errors import InputError, StoreError
from tui.models import Application, Contact, Event, Record, Template, ValidationError
from tui.storage import CorruptStoreError, SafeJSONStorage, list_backups, newest_backup

SCHEMA_VERSION = 1
TABLES = ("applications", "contacts", "events", "templates")
KIND_OF = {Application: "applications", Contact: "contacts", Event: "events", Template: "templates"}


class LockedError(StoreError):
    def __init__(self, path: Path, timeout: float) -> None:
        super().__init__(
            f"The store {path} is locked by another followup process (waited {timeout:g} s); nothing was written."
        )


def _migrate_v0(tables: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 (a plain TinyDB file, no envelope): records got their ``id`` from the doc id."""
    out: dict[str, Any] = {}
    marks: dict[str, int] = {}
    for name in TABLES:
        table = tables.get(name, {})
        out[name] = {}
        for doc_id, doc in table.items():
            doc = dict(doc)
            doc.setdefault("id", int(doc_id))
            out[name][str(doc["id"])] = doc
        marks[name] = max((int(k) for k in out[name]), default=0)
    out["meta"] = {"1": {"next_id": marks}}
    return out


MIGRATIONS = {0: _migrate_v0}


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


class Store:
    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        durable: bool = True,
        lock_timeout: float = 10.0,
        backup_interval_s: float = 3600.0,
        keep_backups: int = 10,
    ) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self._thread_lock = threading.RLock()
        folder = self.path.parent
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
        self._file_lock = FileLock(str(self.path) + ".lock", timeout=lock_timeout, mode=0o600)
        self._db = TinyDB(
            self.path,
            storage=SafeJSONStorage,
            schema_version=SCHEMA_VERSION,
            migrations=MIGRATIONS,
            durable=durable,
            backup_interval_s=backup_interval_s,
            keep_backups=keep_backups,
        )
        self._storage: SafeJSONStorage = self._db.storage  # type: ignore[assignment]
        self._storage.on_reload = self._drop_tinydb_caches
        self._board: Board | None = None
        self._board_key: tuple[Any, ...] | None = None
        with self._locked():
            self._storage.remove_orphans()
            self._storage.refresh()
            if self._storage.needs_migration:
                self._storage.migrate()
            if self.path.exists():
                with contextlib.suppress(OSError):
                    os.chmod(self.path, 0o600)  # drop group/other bits a copy may have brought

    # -- locking and transactions ----------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self._thread_lock:
            try:
                self._file_lock.acquire()
            except Timeout:
                raise LockedError(self.path, self.lock_timeout) from None
            try:
                yield
            finally:
                self._file_lock.release()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside land as one atomic write at the end; an exception writes nothing."""
        with self._locked():
            outermost = self._storage._buffering == 0
            if outermost:
                self._storage.refresh()
            self._storage.begin()
            ok = False
            try:
                yield self
                ok = True
            finally:
                self._storage.end(commit=ok)
                if not ok:
                    self._drop_tinydb_caches()

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

    def board(self) -> Board:
        """A snapshot of everything, rebuilt only when the file changed."""
        with self._thread_lock:
            tables = self._storage.read() or {}
            key = (self._storage.generation, self._storage._sig)
            if self._board is not None and self._board_key == key:
                return self._board
            board = Board(
                applications=self._records(tables, "applications", Application),
                contacts=self._records(tables, "contacts", Contact),
                events=self._records(tables, "events", Event),
                templates=self._records(tables, "templates", Template),
                generation=self._storage.generation,
            )
            self._board, self._board_key = board, key
            return board

    def _records(self, tables: dict[str, Any], name: str, cls: type[Record]) -> list[Any]:
        out = []
        for doc_id, doc in tables.get(name, {}).items():
            try:
                out.append(cls.from_dict({**doc, "id": int(doc_id)}))
            except (ValidationError, TypeError) as exc:
                raise CorruptStoreError(
                    self.path, f"{name} record {doc_id} is invalid ({exc})", newest_backup(self.path)
                ) from None
        out.sort(key=lambda r: r.id)
        return out

    def _get(self, name: str, cls: type[Record], record_id: Any) -> Any:
        # Straight from the table, not the Board: inside a transaction the Board may be stale.
        if isinstance(record_id, bool) or not isinstance(record_id, int):
            raise InputError(f"{record_id!r} is not an id (a whole number).")
        doc = self._table(name).get(doc_id=record_id)
        if doc is None:
            raise InputError(f"No {name[:-1]} with id {record_id}.")
        return cls.from_dict({**doc, "id": record_id})

    def get_application(self, app_id: int) -> Application:
        return self._get("applications", Application, app_id)

    def get_contact(self, contact_id: int) -> Contact:
        return self._get("contacts", Contact, contact_id)

    def is_empty(self) -> bool:
        tables = self._storage.read() or {}
        return not any(tables.get(name) for name in TABLES)

    # -- writing -------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        return self._db.table(name)

    def _next_id(self, name: str) -> int:
        meta = self._table("meta")
        doc = meta.get(doc_id=1) or {"next_id": {}}
        marks = dict(doc.get("next_id", {}))
        existing = self._storage.read() or {}
        highest = max((int(k) for k in existing.get(name, {})), default=0)
        new_id = max(int(marks.get(name, 0)), highest) + 1
        marks[name] = new_id
        meta.upsert(Document({"next_id": marks}, doc_id=1))
        return new_id

    def _raise_mark(self, name: str, used: int) -> None:
        meta = self._table("meta")
        doc = meta.get(doc_id=1) or {"next_id": {}}
        marks = dict(doc.get("next_id", {}))
        if int(marks.get(name, 0)) < used:
            marks[name] = used
            meta.upsert(Document({"next_id": marks}, doc_id=1))

    def _insert(self, record: Record, *, keep_id: bool = False) -> Any:
        name = KIND_OF[type(record)]
        now = clock.now_iso()
        if keep_id and record.id is not None:
            new_id = record.id
            self._raise_mark(name, new_id)
        else:
            new_id = self._next_id(name)
        changes: dict[str, Any] = {"id": new_id}
        if hasattr(record, "created_at") and not record.created_at:  # type: ignore[attr-defined]
            changes["created_at"] = now
        if hasattr(record, "updated_at"):
            changes["updated_at"] = record.updated_at or now  # type: ignore[attr-defined]
        record = record.with_changes(**changes)
        doc = record.to_dict()
        del doc["id"]
        self._table(name).insert(Document(doc, doc_id=new_id))
        return record

    def _replace(self, record: Record) -> Any:
        name = KIND_OF[type(record)]
        if record.id is None or not self._table(name).contains(doc_id=record.id):
            raise InputError(f"No {name[:-1]} with id {record.id}.")
        if hasattr(record, "updated_at"):
            record = record.with_changes(updated_at=clock.now_iso())
        doc = record.to_dict()
        del doc["id"]
        self._table(name).upsert(Document(doc, doc_id=record.id))
        return record

    def _remove(self, name: str, record_id: int) -> None:
        self._table(name).remove(doc_ids=[record_id])

    # Applications

    def add_application(self, app: Application, *, contact: Contact | None = None) -> Application:
        """Add an application (and an ``applied`` event when it was applied for)."""
        with self.transaction():
            if contact is not None:
                if contact.id is None:
                    contact = self._insert(contact)
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
            self._insert(Event(application_id=app_id, kind="stage_changed", on=on or clock.today(), text=text))
            return moved

    def delete_application(self, app_id: int) -> tuple[Application, list[Event]]:
        """Delete an application and its events; returns both so the UI can undo."""
        with self.transaction():
            app = self.get_application(app_id)
            events = [
                Event.from_dict({**doc, "id": doc.doc_id})
                for doc in self._table("events").search(Query().application_id == app_id)
            ]
            events.sort(key=lambda e: (e.on, e.id))
            self._remove("applications", app_id)
            ids = [e.id for e in events]
            if ids:
                self._table("events").remove(doc_ids=ids)
            return app, events

    def restore_application(self, app: Application, events: list[Event]) -> None:
        """Undo a delete: the same ids come back (they were never handed out again)."""
        with self.transaction():
            self._insert(app, keep_id=True)
            for ev in events:
                self._insert(ev, keep_id=True)

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
            for doc in self._table("applications").search(Query().contact_ids.any([contact_id])):
                app = Application.from_dict({**doc, "id": doc.doc_id})
                self._replace(app.with_changes(contact_ids=[c for c in app.contact_ids if c != contact_id]))
            self._remove("contacts", contact_id)
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
            return self._replace(app.with_changes(contact_ids=[c for c in app.contact_ids if c != contact_id]))

    def find_contact_by_email(self, email: str) -> Contact | None:
        wanted = email.strip().lower()
        docs = self._table("contacts").search(Query().email.test(lambda e: str(e).lower() == wanted))
        return Contact.from_dict({**docs[0], "id": docs[0].doc_id}) if docs else None

    def save_contacts(self, added: list[Contact], updated: list[Contact]) -> list[Contact]:
        """Apply an import's merge plan in one write."""
        with self.transaction():
            out = [self._insert(c) for c in added]
            for c in updated:
                self._replace(c)
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
            if not self._table("events").contains(doc_id=event_id):
                raise InputError(f"No event with id {event_id}.")
            self._remove("events", event_id)

    # Templates

    def add_template(self, template: Template) -> Template:
        with self.transaction():
            return self._insert(template)

    def update_template(self, template: Template) -> Template:
        with self.transaction():
            return self._replace(template)

    def delete_template(self, template_id: int) -> None:
        with self.transaction():
            self._remove("templates", template_id)

    # Whole boards

    def restore_board(self, board: Board) -> None:
        """Load an export into an empty store, keeping every id (export → import → export is identical)."""
        with self.transaction():
            if not self.is_empty():
                raise InputError(
                    f"The store {self.path} already holds records; import a followup export into an empty "
                    "store (use --db NEW_FILE), so nothing is merged by guesswork."
                )
            for records in (board.contacts, board.applications, board.events, board.templates):
                for record in records:
                    self._insert(record, keep_id=True)


def restore_backup(path: Path, backup: Path | None = None) -> Path:
    """Explicit recovery: keep the broken file aside as ``.corrupt-<ts>`` and install a backup atomically."""
    import shutil
    import tempfile

    backup = backup or newest_backup(path)
    if backup is None:
        raise StoreError(f"No backup of {path} was found.")
    stamp = clock.now_utc().strftime("%Y%m%dT%H%M%S")
    if path.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        os.replace(path, aside)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as out, open(backup, "rb") as src:
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    return backup


__all__ = ["Store", "default_db_path", "list_backups", "resolve_db_path", "restore_backup"]
