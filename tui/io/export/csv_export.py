"""The board as CSV: one row per application (DESIGN.md §8 "Export").

Format: RFC 4180 as written by the ``csv`` module's excel dialect: comma separated,
``\\r\\n`` line endings, a field quoted when it holds a comma, a quote or a line
break (quotes doubled inside). The first row names the columns: ``id``, every other
field of ``Application`` in model order, then ``next_action_kind``, ``next_action_due``,
``next_action_when`` (that day in the board's words, "Mon 07 Dec (in 5 days)"),
``next_action_contact`` (the contact's name), ``next_action_channel``,
``next_action_reason``, ``events_count`` and ``last_contact``. Rows are sorted by id.

Values: dates as ``YYYY-MM-DD``; a missing value is an empty field; list fields
(tags, blocked channels, interview topics, contact ids) are joined with ``"; "``.

Formula injection guard: a spreadsheet runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` (and some also after a leading tab or carriage return) as a formula,
so a hostile company name could run code or leak data when the file is opened. Such
a cell gets a leading ``'`` (the OWASP advice); the text after it is unchanged. A
reader that wants the original strips one leading ``'`` from cells whose next
character is one of ``= + - @ \\t \\r``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import fields
from datetime import date
from typing import Any

from tui.domain.board import Board
from tui.domain.dates import describe_due
from tui.domain.models import Application, NextAction
from tui.io.export import best_contact, last_contact

# id first, for people reading the sheet; then the rest in model order.
APPLICATION_COLUMNS: tuple[str, ...] = ("id", *(f.name for f in fields(Application) if f.name != "id"))
EXTRA_COLUMNS: tuple[str, ...] = (
    "next_action_kind",
    "next_action_due",
    "next_action_when",
    "next_action_contact",
    "next_action_channel",
    "next_action_reason",
    "events_count",
    "last_contact",
)
COLUMNS: tuple[str, ...] = APPLICATION_COLUMNS + EXTRA_COLUMNS
LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would read as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _attachment(a: dict[str, Any]) -> str:
    """One sent file in a cell: "resume: cv-v3.pdf (sha256 1a2b3c4d5e6f, 2026-11-02)"."""
    digest = str(a.get("sha256", ""))[:12]
    return f"{a.get('as', 'other')}: {a.get('name', '')} (sha256 {digest}, {a.get('on', '')})"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = LIST_SEPARATOR.join(_attachment(v) for v in value)
    elif isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, date):
        value = value.isoformat()
    elif not isinstance(value, str):
        value = str(value)
    return guard_formula(value)


def export_csv(board: Board, actions: dict[int, NextAction], today: date) -> str:
    """Every application as one CSV row; see the module docstring for the format.

    ``today`` words ``next_action_when`` ("in 5 days").
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for app in sorted(board.applications, key=lambda a: (a.id is None, a.id or 0)):
        action = actions.get(app.id) if app.id is not None else None
        name, channel = best_contact(board, action)
        row = [_cell(getattr(app, column)) for column in APPLICATION_COLUMNS]
        row += [
            _cell(action.kind if action else None),
            _cell(action.due if action else None),
            _cell(describe_due(action.due, today) if action and action.due else None),
            _cell(name),
            _cell(channel),
            _cell(action.reason if action else None),
            _cell(len(board.events_for(app.id))),
            _cell(last_contact(board, app)),
        ]
        writer.writerow(row)
    text = out.getvalue()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: keep the file writable as UTF-8
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text
