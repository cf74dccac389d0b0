"""The whole board as JSON, and reading such a file back (DESIGN.md §8 "Export").

Format (version 2)::

    {"format": "followup", "version": 2,
     "applications": [... Application.to_dict() + "next_action": NextAction.to_dict()],
     "contacts": [...], "events": [...], "templates": [...]}

Keys in model order, records sorted by id, two-space indent, UTF-8 text as is
(``ensure_ascii=False``), a final newline. ``next_action`` is computed, so the
parser ignores it: export, parse, export gives the same bytes.

Version 2 gave contacts the lists ``emails``, ``phones`` and ``profiles`` (each item
``{"value", "kind"}``) in place of version 1's one ``email``, ``phone`` and ``linkedin``;
a version-1 export still imports (its values become the first of each list).

``parse_json_export`` trusts nothing: every record goes through the model's
validation, ids must be whole numbers and unique per kind, and references (an
event's application and contact, an application's contacts) must point at records
in the file. Anything wrong raises ``ImportFormatError`` naming the record, such as
``applications[3]: applied_on: '2026-02-30' is not a real date``; no other
exception escapes, whatever the input.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, fields
from typing import Any

import orjson

from tui.domain.board import Board
from tui.domain.errors import ImportFormatError
from tui.domain.models import Application, Contact, Event, NextAction, Record, Template, ValidationError

FORMAT = "followup"
VERSION = 2
# Long enough to name the problem, short enough that a 10 MB value is not echoed back.
_MAX_MESSAGE = 300


def _by_id(records: list[Any]) -> list[Any]:
    return sorted(records, key=lambda r: (r.id is None, r.id or 0))


def export_json(board: Board, actions: dict[int, NextAction]) -> str:
    """The board as a followup JSON export; see the module docstring."""
    applications = []
    for app in _by_id(board.applications):
        record = app.to_dict()
        action = actions.get(app.id) if app.id is not None else None
        record["next_action"] = action.to_dict() if action is not None else None
        applications.append(record)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "applications": applications,
        "contacts": [c.to_dict() for c in _by_id(board.contacts)],
        "events": [e.to_dict() for e in _by_id(board.events)],
        "templates": [t.to_dict() for t in _by_id(board.templates)],
    }
    try:
        # orjson writes what json.dumps(indent=2, ensure_ascii=False) writes, ten times
        # faster (the stdlib's C encoder is not used once indent is set).
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    except orjson.JSONEncodeError:
        pass  # a lone surrogate or an int over 64 bits: the stdlib copes
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    # Keep the file writable as UTF-8 even with a lone surrogate in some field.
    return text.encode("utf-8", "replace").decode("utf-8")


def _fail(message: str) -> ImportFormatError:
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 1] + "…"
    return ImportFormatError(message)


# Per model: the fields that must be present, the list fields (which must be JSON
# arrays: the model would take an object's keys as a list), and the plain text or
# flag fields the model does not check itself.
def _shape(cls: type[Record]) -> tuple[list[str], list[str], dict[str, type]]:
    required, lists, plain = [], [], {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.default is MISSING and f.default_factory is MISSING:
            required.append(f.name)
        if f.default_factory is list:
            lists.append(f.name)
        if f.name in ("created_at", "updated_at"):
            plain[f.name] = str
        elif f.name == "builtin":
            plain[f.name] = bool
    return required, lists, plain


_KINDS: tuple[tuple[str, type[Record]], ...] = (
    ("applications", Application),
    ("contacts", Contact),
    ("events", Event),
    ("templates", Template),
)
_SHAPES = {cls: _shape(cls) for _, cls in _KINDS}


def _record(cls: type[Record], raw: Any, where: str) -> Any:
    if not isinstance(raw, dict):
        raise _fail(f"{where}: expected an object, got {type(raw).__name__}")
    required, lists, plain = _SHAPES[cls]
    for name in required:
        if name not in raw:
            raise _fail(f"{where}: {name}: missing")
    for name in lists:
        value = raw.get(name)
        if value is not None and not isinstance(value, list):
            raise _fail(f"{where}: {name}: expected a list, got {type(value).__name__}")
    for name, kind in plain.items():
        if name in raw and not isinstance(raw[name], kind):
            expected = "text" if kind is str else "true or false"
            raise _fail(f"{where}: {name}: expected {expected}, got {type(raw[name]).__name__}")
    try:
        record = cls.from_dict(raw)
    except (ValidationError, TypeError, ValueError) as exc:
        raise _fail(f"{where}: {exc}") from None
    if record.id is None and cls is not Template:  # shipped templates may have no id
        raise _fail(f"{where}: id: missing (every record has a whole-number id)")
    if record.id is not None and record.id < 1:  # the store keys records by id from 1
        raise _fail(f"{where}: id: {record.id} is not a valid id (ids are whole numbers from 1)")
    return record


def _records(doc: dict[str, Any], key: str, cls: type[Record]) -> list[Any]:
    items = doc.get(key, [])
    if not isinstance(items, list):
        raise _fail(f"{key}: expected a list of objects, got {type(items).__name__}")
    out = []
    seen: dict[int, int] = {}
    for i, raw in enumerate(items):
        where = f"{key}[{i}]"
        record = _record(cls, raw, where)
        if record.id is not None:
            if record.id in seen:
                raise _fail(f"{where}: id: {record.id} is already used by {key}[{seen[record.id]}]")
            seen[record.id] = i
        out.append(record)
    return out


def _check_references(board: Board) -> None:
    app_ids = board.application_by_id
    contact_ids = board.contact_by_id
    for i, app in enumerate(board.applications):
        for cid in app.contact_ids:
            if cid not in contact_ids:
                raise _fail(f"applications[{i}]: contact_ids: no contact with id {cid}")
    for i, ev in enumerate(board.events):
        if ev.application_id not in app_ids:
            raise _fail(f"events[{i}]: application_id: no application with id {ev.application_id}")
        if ev.contact_id is not None and ev.contact_id not in contact_ids:
            raise _fail(f"events[{i}]: contact_id: no contact with id {ev.contact_id}")


def parse_json_export(text: str | bytes) -> Board:
    """A followup JSON export back into a Board; ImportFormatError for anything else."""
    if isinstance(text, bytes | bytearray | memoryview):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _fail(f"not a followup export: the file is not UTF-8 text ({exc.reason})") from None
    if not isinstance(text, str):
        raise _fail(f"not a followup export: expected text, got {type(text).__name__}")
    text = text.removeprefix("\ufeff")  # a byte-order mark from some Windows editors
    try:
        # orjson, not json: it refuses lone surrogates, NaN and runaway nesting
        # with a JSONDecodeError instead of a bad string or a RecursionError.
        doc = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise _fail(f"not a followup export: not valid JSON ({exc})") from None
    if not isinstance(doc, dict):
        raise _fail(f"not a followup export: expected a JSON object, got {type(doc).__name__}")
    if doc.get("format") != FORMAT:
        raise _fail('not a followup export: "format" is not "followup"')
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _fail(f'not a followup export: "version" must be a whole number, got {version!r}')
    if version > VERSION:
        raise _fail(
            f"this export was made by a newer followup (format version {version}; "
            f"this one reads version {VERSION}): update followup to import it"
        )
    lists = {key: _records(doc, key, cls) for key, cls in _KINDS}
    board = Board(**lists)
    _check_references(board)
    return board
