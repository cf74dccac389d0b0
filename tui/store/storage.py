"""A TinyDB storage that never tears, never loses an acknowledged write, and never
overwrites a file it could not read (DESIGN.md §3, STORAGE.md §4).

TinyDB's own JSONStorage rewrites the file in place (a crash tears it) and caches
nothing safely across processes. This storage:

- keeps the parsed tables in memory and re-reads the file only when its stat
  signature (dev, inode, size, mtime_ns) changed;
- writes the whole envelope to a temp file in the same folder, fsyncs it,
  ``os.replace``s it over the old one and fsyncs the folder — a reader or a crash
  sees the old file or the new one, never a mix;
- refuses a write whose base is stale (someone else wrote since we read): the
  caller must hold the lock and reload first (see ``tui.store.repository``);
- hard-links the previous file into ``backups/`` at most once per interval (free:
  the old inode is never written again) and keeps the newest few;
- raises ``CorruptStoreError`` for anything it cannot parse and leaves the bytes alone.

The file is an envelope: ``{"format": "followup", "schema_version": N,
"generation": G, "written_at": ISO, "tables": {...}}``.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import stat
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from tui.domain.errors import StoreError
from tui.store import fsio

FORMAT = "followup"
Signature = tuple[int, int, int, int]


class CorruptStoreError(StoreError):
    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        hint = f"The newest backup is {backup}." if backup else "No backup was found beside it."
        super().__init__(
            f"The store {path} cannot be read: {reason}. It was NOT modified. {hint} "
            "To recover, move the broken file aside and copy the backup in its place "
            "(the board offers this as an explicit action)."
        )


class NewerSchemaError(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"The store {path} was written by a newer followup (schema {found}; this one reads up to "
            f"{supported}). It was NOT modified: upgrade followup to open it."
        )


class NotARegularFileError(StoreError):
    def __init__(self, path: Path, mode: int) -> None:
        kind = (
            "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode)
            else "a folder" if stat.S_ISDIR(mode)
            else "not a regular file"
        )  # fmt: skip
        super().__init__(
            f"The store {path} is {kind}, not a regular file; followup keeps its store only in a regular "
            "file. Nothing was read or written."
        )


class ConcurrentModificationError(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The store {path} changed on disk while this write was prepared; nothing was written."
        )


def _is_record_id(key: object) -> bool:
    """A table key TinyDB and the models can both use: a whole number from 1, in ASCII digits
    ("²".isdigit() is True, but int("²") fails later in TinyDB)."""
    return isinstance(key, str) and key.isascii() and key.isdigit() and bool(key.strip("0"))


def _signature(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _backup_time(backup: Path) -> float | None:
    """The UTC time in a backup's name (``...bak-20261127T104244123456Z-g...``), as a timestamp."""
    stamp = backup.name.rpartition(".bak-")[2][:22]
    try:
        when = datetime(
            int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]),
            int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15]), int(stamp[15:21]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError:
        return None
    return when.timestamp()


def backups_dir(path: Path) -> Path:
    return path.parent / "backups"


def list_backups(path: Path) -> list[Path]:
    """Backups of this store, newest first (ordered by the timestamp in the name)."""
    folder = backups_dir(path)
    try:
        found = [p for p in folder.iterdir() if p.name.startswith(path.name + ".bak-")]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def newest_backup(path: Path) -> Path | None:
    backups = list_backups(path)
    return backups[0] if backups else None


Migration = Callable[[dict[str, Any]], dict[str, Any]]


class SafeJSONStorage(Storage):
    """TinyDB storage with atomic durable writes and change detection.

    ``migrations[v]`` turns a schema-v tables dict into schema v+1. Locking is the
    caller's: ``tui.store.repository.Store`` holds the file lock around every read-modify-write.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        schema_version: int = 1,
        migrations: dict[int, Migration] | None = None,
        durable: bool = True,
        backup_interval_s: float = 3600.0,
        keep_backups: int = 10,
        known_tables: tuple[str, ...] = (),
        validators: dict[str, Callable[[dict[str, Any]], None]] | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = Path(path)
        # A plain JSON object is taken for a schema-0 followup file only when its tables are these.
        self.known_tables = frozenset(known_tables)
        # table name -> a check that raises ValueError for a record the readers would refuse;
        # every write runs them first, so nothing is written that could not be read back.
        self.validators = validators or {}
        self._checked: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}  # name -> (table, its docs)
        self.problems: list[str] = []  # things the user should hear about (a backup that failed)
        self.on_problem: Callable[[str], None] | None = None
        # Read-only: no lock, no write, an older schema migrated in memory only (a store on
        # read-only media still exports; a reader sees whole files thanks to the atomic replace).
        self.read_only = read_only
        self.schema_version = schema_version
        self.migrations = migrations or {}
        self.durable = durable
        self.backup_interval_s = backup_interval_s
        self.keep_backups = keep_backups
        self.generation = 0
        self._tables: dict[str, Any] | None = None
        self._sig: Signature | None = None
        self._pin: int | None = None  # fd of the loaded file: keeps its inode from being reused
        self._seen_file = False
        self._buffering = 0
        self._marks: list[int] = []  # write_count at each open transaction's start
        self._dirty = False
        self._doomed = False
        self.write_count = 0  # bumped by every write and rollback: a key for caches of the tables
        self._last_backup = 0.0
        self.on_reload: Callable[[], None] | None = None  # the store drops TinyDB caches here
        self.needs_migration = False

    # -- reading -----------------------------------------------------------------

    def read(self) -> dict[str, Any] | None:
        if self._buffering == 0 or self._tables is None:
            self.refresh()
        return self._tables

    def disk_signature(self) -> Signature | None:
        try:
            return _signature(os.stat(self.path))
        except FileNotFoundError:
            return None

    def changed_on_disk(self) -> bool:
        return self.disk_signature() != self._sig

    def refresh(self) -> bool:
        """Re-read the file if it changed since we read it. True when it was re-read."""
        if self._tables is not None and not self.changed_on_disk():
            return False
        self._load()
        if self.on_reload:
            self.on_reload()
        return True

    def _load(self) -> None:
        try:
            # O_NONBLOCK: a FIFO in the store's place must not hang the open; it is refused below.
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            if self._seen_file or list_backups(self.path):
                raise CorruptStoreError(
                    self.path, "the file is missing but backups of it exist", newest_backup(self.path)
                ) from None
            self._set_loaded({}, None, None, generation=0)
            return
        except OSError as exc:
            raise CorruptStoreError(self.path, f"it cannot be opened ({exc.strerror})", None) from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                os.close(fd)
                raise NotARegularFileError(self.path, st.st_mode)
            # One read of the known size: a chunked read and a join would hold the file twice.
            chunks = [os.read(fd, st.st_size + 1)]
            while chunks[-1]:
                chunks.append(os.read(fd, 1 << 20))
            raw = chunks[0] if len(chunks) == 2 else b"".join(chunks)
            del chunks
        except NotARegularFileError:
            raise
        except OSError as exc:
            os.close(fd)
            raise CorruptStoreError(self.path, f"it cannot be read ({fsio.reason(exc)})", None) from None
        try:
            tables, generation, version = self._parse(raw)
        except (CorruptStoreError, NewerSchemaError):
            os.close(fd)
            raise
        self.needs_migration = version < self.schema_version
        if self.needs_migration and self.read_only:
            tables = self._migrated(tables, version)
            self.needs_migration = False
        self._set_loaded(tables, fd, _signature(st), generation)
        self._seen_file = True

    def _set_loaded(
        self, tables: dict[str, Any], fd: int | None, sig: Signature | None, generation: int
    ) -> None:
        if self._pin is not None:
            with contextlib.suppress(OSError):
                os.close(self._pin)
        self._tables = tables
        self._pin = fd
        self._sig = sig
        self.generation = generation

    def _corrupt(self, reason: str) -> CorruptStoreError:
        return CorruptStoreError(self.path, reason, newest_backup(self.path))

    def _parse(self, raw: bytes) -> tuple[dict[str, Any], int, int]:
        if not raw.strip():
            raise self._corrupt("the file is empty")
        gc_was_on = gc.isenabled()
        gc.disable()  # parsing only allocates; the cyclic GC would rescan the growing tree many times
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise self._corrupt(f"it is not valid JSON ({exc})") from None
        finally:
            if gc_was_on:
                gc.enable()
        if not isinstance(data, dict):
            raise self._corrupt(f"the top level is a {type(data).__name__}, not an object")
        if "format" in data:
            if data.get("format") != FORMAT:
                raise self._corrupt(f"its format is {data.get('format')!r}, not {FORMAT!r}")
            version = data.get("schema_version")
            if not isinstance(version, int) or isinstance(version, bool) or version < 0:
                raise self._corrupt(f"its schema_version {version!r} is not a number")
            if version > self.schema_version:
                raise NewerSchemaError(self.path, version, self.schema_version)
            tables = data.get("tables")
            generation = data.get("generation", 0)
            if not isinstance(generation, int):
                raise self._corrupt("its generation is not a number")
        else:  # a plain TinyDB file: schema 0, if its tables are ours (never another app's file)
            tables, generation, version = data, 0, 0
            self._check_schema0(data)
        if not isinstance(tables, dict):
            raise self._corrupt("its tables are not an object")
        for name, table in tables.items():
            if not isinstance(table, dict):
                raise self._corrupt(f"table {name!r} is not an object")
            for doc_id, doc in table.items():
                if not isinstance(doc, dict) or not _is_record_id(doc_id):
                    raise self._corrupt(f"table {name!r} has a malformed record {doc_id!r}")
        return tables, generation, version

    def _check_schema0(self, data: dict[str, Any]) -> None:
        """Refuse a JSON object that is not an old followup file (``{}``, another app's TinyDB file)."""
        if not self.known_tables:
            return
        if not any(name in self.known_tables for name in data):  # other tables beside ours are kept
            what = f"its tables are {', '.join(map(repr, sorted(data)))}" if data else "it is an empty object"
            raise self._corrupt(
                f"it is not a followup store ({what}; a followup store has the tables "
                f"{', '.join(sorted(self.known_tables))}), so it was not converted"
            )

    def _validate(self, tables: dict[str, Any]) -> None:
        """Run the readers' checks on every record this process has not checked yet (raises)."""
        for name, check in self.validators.items():
            table = tables.get(name)
            if not table:
                continue
            done = self._checked.get(name)
            if done is not None and done[0] is table:  # TinyDB gives a changed table a new dict
                continue
            seen = done[1] if done is not None else {}
            for doc_id, doc in table.items():
                if seen.get(doc_id) is doc:  # documents are never changed in place
                    continue
                try:
                    if not _is_record_id(doc_id):
                        raise ValueError(f"the id {doc_id!r} is not a whole number from 1")
                    check(doc)
                except (ValueError, TypeError, KeyError, AttributeError) as exc:
                    raise self._corrupt(f"{name} record {doc_id} is invalid ({exc})") from None
            self._checked[name] = (table, dict(table))

    # -- migrating ---------------------------------------------------------------

    def migrate(self) -> int:
        """Bring an older file up to the current schema in one atomic write (caller holds the lock).

        The file as it was is kept, byte for byte, as ``backups/<name>.pre-migration-v<N>``.
        Returns the old version. A migration that fails raises ``CorruptStoreError``; nothing is written.
        """
        raw = self.path.read_bytes()
        data = orjson.loads(raw)
        version = data.get("schema_version", 0) if "format" in data else 0
        tables = self._migrated(self._tables or {}, version)
        folder = backups_dir(self.path)
        fsio.make_dirs(folder)
        keep = folder / f"{self.path.name}.pre-migration-v{version}"
        if not keep.exists():
            self._write_new_file(keep, raw)
        self._tables = tables
        self.needs_migration = False
        self._flush(force_backup=False)
        return version

    def _migrated(self, tables: dict[str, Any], version: int) -> dict[str, Any]:
        for v in range(version, self.schema_version):
            step = self.migrations.get(v)
            if step is None:
                raise StoreError(
                    f"No migration from schema {v} to {v + 1}; the store {self.path} was NOT modified."
                )
            try:
                tables = step(tables)
            except Exception as exc:  # a hand-edited old file the migration cannot read
                self.discard()
                raise self._corrupt(
                    f"it cannot be migrated from schema {v} ({type(exc).__name__}: {exc})"
                ) from None
        return tables

    # -- writing -----------------------------------------------------------------

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only:
            raise StoreError(f"The store {self.path} was opened read-only; nothing was written.")
        self._tables = data
        self.write_count += 1
        if self._buffering:
            self._dirty = True
            return
        self._flush()

    def begin(self) -> None:
        """Start a (possibly nested) transaction: writes are buffered until the outermost ``end``."""
        self._buffering += 1
        self._marks.append(self.write_count)

    def end(self, commit: bool) -> None:
        """End a transaction. Only the outermost one writes (commit) or drops everything (rollback).

        A nested transaction that fails after it changed something dooms the outer one: there are
        no savepoints, so committing the outer one would write the failed step's half.
        """
        self._buffering -= 1
        mark = self._marks.pop()
        if not commit and self.write_count != mark:
            self._doomed = True
        if self._buffering:
            return
        doomed, self._doomed = self._doomed, False
        dirty, self._dirty = self._dirty, False
        if commit and doomed:
            self.discard()
            raise StoreError(
                f"A step of this change failed after it had started; nothing was written to {self.path}."
            )
        if not commit:
            self.discard()
        elif dirty:
            self._flush()

    def discard(self) -> None:
        """Drop what is in memory; the next read re-reads the file (a rollback)."""
        self._sig = (-1, -1, -1, -1)
        self.write_count += 1

    def _flush(self, force_backup: bool = True) -> None:
        if self.disk_signature() != self._sig:
            self.discard()
            raise ConcurrentModificationError(self.path)
        try:
            self._validate(self._tables or {})
        except CorruptStoreError:
            self.discard()
            raise
        envelope = {
            "format": FORMAT,
            "schema_version": self.schema_version,
            "generation": self.generation + 1,
            "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "tables": self._tables or {},
        }
        try:
            payload = orjson.dumps(envelope, option=orjson.OPT_NON_STR_KEYS)
        except TypeError as exc:
            self.discard()
            raise StoreError(f"A value could not be saved ({exc}); nothing was written.") from None
        folder = self.path.parent
        try:
            fsio.make_dirs(folder)
        except OSError as exc:
            self.discard()
            raise StoreError(fsio.describe(exc, self.path, "the change was NOT saved")) from None
        if force_backup and self._sig is not None:
            self._maybe_backup()
        try:
            fd, sig = self._replace_with(payload)
        except OSError:
            # Disk full, permissions, I/O: the file is as it was, so memory must be too (else the
            # next write would save this change after all, and the board would show it meanwhile).
            self.discard()
            raise
        self._set_loaded(self._tables or {}, fd, sig, self.generation + 1)
        self._seen_file = True

    def _replace_with(self, payload: bytes) -> tuple[int, Signature]:
        """The one durable write (``tui.store.fsio``). Returns the new file's fd (kept as the pin)."""
        try:
            _, fd = fsio.atomic_write(self.path, payload, durable=self.durable, keep_fd=True, mode=0o600)
        except OSError as exc:
            self.discard()
            raise StoreError(fsio.describe(exc, self.path, "the change was NOT saved")) from None
        assert fd is not None
        return fd, _signature(os.fstat(fd))

    def _write_new_file(self, target: Path, payload: bytes) -> None:
        """A durable 0600 copy under a name that must not exist yet (never truncates anything)."""
        fsio.write_new(target, payload)

    def _problem(self, message: str) -> None:
        self.problems.append(message)
        if self.on_problem is not None:
            self.on_problem(message)

    def _maybe_backup(self) -> None:
        now = time.time()
        if not self._last_backup:
            # Another process (each `followup add` is one) may have taken a backup a minute ago:
            # the interval counts from the newest backup on disk, not from this process's start.
            newest = newest_backup(self.path)
            self._last_backup = (_backup_time(newest) if newest else None) or 0.0
        if now - self._last_backup < self.backup_interval_s:
            return
        folder = backups_dir(self.path)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{self.path.name}.bak-{stamp}-g{self.generation:08d}.json"
        try:
            fsio.make_dirs(folder)
        except OSError as exc:
            self._problem(
                f"No backup was made: cannot create {folder} ({fsio.reason(exc)}); the change was saved."
            )
            return
        try:
            os.link(self.path, target)  # free: os.replace never writes the old inode again
        except FileExistsError:  # the same instant and generation: that snapshot is already there
            pass
        except FileNotFoundError:
            return
        except OSError as link_exc:
            if link_exc.errno in (errno.EACCES, errno.EROFS, errno.ENOSPC, errno.EDQUOT):
                self._problem(
                    f"No backup was made in {folder} ({fsio.reason(link_exc)}); the change was saved."
                )
                return
            try:  # no hard links here (some network or FAT file systems): copy
                self._write_new_file(target, self.path.read_bytes())
            except FileExistsError:
                pass
            except OSError as exc:  # a backup that cannot be made must not stop the user's write
                self._problem(f"No backup was made in {folder} ({fsio.reason(exc)}); the change was saved.")
                return
        self._last_backup = now
        for old in list_backups(self.path)[self.keep_backups :]:
            with contextlib.suppress(OSError):
                old.unlink()

    def remove_orphans(self) -> None:
        """Temp files left by a writer that was killed before its rename (caller holds the lock)."""
        prefix = f".{self.path.name}."
        try:
            names = os.listdir(self.path.parent)
        except OSError:
            return
        for name in names:  # not glob: a store named "jobs[1].json" is a glob pattern
            if name.startswith(prefix) and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(self.path.parent / name)

    def close(self) -> None:
        if self._pin is not None:
            with contextlib.suppress(OSError):
                os.close(self._pin)
            self._pin = None
