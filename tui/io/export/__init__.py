"""The exporters (DESIGN.md §8 "Export"): Markdown, CSV, ICS and JSON, as pure functions.

Each takes the board snapshot and the next actions already computed by the rules
(``tui.followup.rules.next_actions``), so exporting never re-derives a rule and the CLI, the
board's ``x`` key and the benchmarks all share one result. Nothing here reads the
clock: ``today`` is a parameter.

The package root only holds the small helpers every format shares; the formats load
lazily (PEP 562), so ``from tui.io.export import export_markdown`` does not import
icalendar.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.domain.board import Board
    from tui.domain.models import Application, NextAction

__all__ = [
    "LAST_CONTACT_KINDS",
    "best_contact",
    "export_csv",
    "export_ics",
    "export_json",
    "export_markdown",
    "is_web_url",
    "last_contact",
    "parse_json_export",
    "render",
]

FORMATS = ("md", "csv", "json", "ics")

# DESIGN.md §4: "Last contact" is the latest of applied_on and these events.
LAST_CONTACT_KINDS = frozenset({"follow_up_sent", "thank_you_sent", "interview", "response_received"})

# A URL we are willing to turn into a link: http(s) only (never javascript: or file:),
# and none of the characters that would end a Markdown autolink or split a table cell
# (nor a lone surrogate, which no file can encode).
_WEB_URL = re.compile(r"https?://[^\s<>|\\\x00-\x1f\x7f-\x9f\ud800-\udfff]+", re.IGNORECASE)

_LAZY = {
    "export_markdown": "tui.io.export.markdown",
    "export_csv": "tui.io.export.csv_export",
    "export_ics": "tui.io.export.ics",
    "export_json": "tui.io.export.json_export",
    "parse_json_export": "tui.io.export.json_export",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def last_contact(board: Board, app: Application) -> date | None:
    """The latest of ``applied_on`` and the contact events (DESIGN.md §4), or None."""
    latest = app.applied_on
    # events_for is oldest first, so the first contact event from the end is the latest.
    for ev in reversed(board.events_for(app.id)):
        if ev.kind in LAST_CONTACT_KINDS:
            if latest is None or ev.on > latest:
                latest = ev.on
            break
    return latest


def best_contact(board: Board, action: NextAction | None) -> tuple[str, str]:
    """The recommended contact's display name and channel, "" where unknown."""
    if action is None:
        return "", ""
    name = ""
    if action.contact_id is not None:
        contact = board.contact_by_id.get(action.contact_id)
        if contact is not None:
            name = contact.display_name
    return name, action.channel or ""


def is_web_url(url: str) -> bool:
    """True for an http(s) URL that is safe to emit as a link as it is."""
    return _WEB_URL.fullmatch(url) is not None


def render(fmt: str, board: Board, actions: dict[int, NextAction], today: date, *, stages=None) -> bytes:
    """The one place that picks a format: the CLI's ``export`` and the board's ``x`` both call it."""
    if fmt == "json":
        from tui.io.export.json_export import export_json

        return export_json(board, actions).encode("utf-8")
    if fmt == "csv":
        from tui.io.export.csv_export import export_csv

        return export_csv(board, actions, today).encode("utf-8")
    if fmt == "ics":
        from tui.io.export.ics import export_ics

        return export_ics(board, actions, today)
    if fmt != "md":
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    from tui.io.export.markdown import export_markdown

    return export_markdown(board, actions, today, stages=stages).encode("utf-8")
