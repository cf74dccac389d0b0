"""The board as a Markdown report (DESIGN.md §8 "Export", the ``x`` key's output).

One section per stage, in board order, each a GFM table. Every cell is escaped so
that any text (pipes, backslashes, newlines, Markdown or HTML syntax, emoji) keeps
the table intact and renders as the same words in a CommonMark + tables renderer:

- whitespace runs, newlines included, become one space (a table row is one line,
  and a space renders the same words on every renderer, unlike ``<br>``);
- control characters are dropped (invisible, and NUL is not allowed in Markdown);
  a lone surrogate becomes U+FFFD so the report can always be written as UTF-8;
- ``\\ | ` * _ [ ] ! ~`` get a backslash; ``& < >`` become HTML entities, so
  ``<script>`` shows as text;
- a cell that starts like a block marker (``#``, ``-``, ``+``, ``=``, ``1.``, ``1)``)
  is escaped too, in case the row is ever read outside its table;
- an empty cell shows "—".

Links: an http(s) URL becomes an autolink ``<url>``; anything else is escaped text.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from tui.domain.board import Board
from tui.domain.dates import describe_due, describe_snooze, humanize_day
from tui.domain.errors import InputError
from tui.domain.models import STAGES, Application, NextAction
from tui.io.export import best_contact, is_web_url, last_contact

TITLE = "# Job search — followup export"
EMPTY_STAGE = "_No applications in this stage._"
EMPTY_CELL = "—"
COLUMNS = ("Company", "Role", "Applied", "Last contact", "Next action", "Best contact", "Link")
STAGE_TITLES = {
    "saved": "Saved",
    "applied": "Applied",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "closed": "Closed",
}
# Actions the user acts on; the counts line tells how many of them are due or overdue.
ACTIONABLE = frozenset({"follow_up", "thank_you", "close_as_ghosted"})


def _escape_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): "\\" + c for c in "\\|`*_[]!~"}
    table.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})
    for cp in [*range(0x20), 0x7F, *range(0x80, 0xA0)]:
        if not chr(cp).isspace():  # whitespace controls are folded by split() instead
            table[cp] = None
    for cp in range(0xD800, 0xE000):
        table[cp] = "\ufffd"
    return table


_ESCAPES = _escape_table()
_SPECIAL = r"\\|`*_\[\]!~&<>\s\x00-\x1f\x7f-\x9f\ud800-\udfff"
# Text with none of the characters above and single spaces between words needs no
# work; most cells (names, dates, badges) are like that, and the export has a budget.
_PLAIN = re.compile(rf"[^{_SPECIAL}]+(?: [^{_SPECIAL}]+)*")
_BLOCK_START = re.compile(r"[#+=-]|\d{1,9}(?=[.)])")


def escape_cell(text: str) -> str:
    """One table cell's text, escaped as the module docstring says; "—" when empty."""
    if _PLAIN.fullmatch(text):
        out = text
    else:
        out = " ".join(text.translate(_ESCAPES).split())
        if not out:
            return EMPTY_CELL
    m = _BLOCK_START.match(out)
    if m:
        end = m.end()
        # "#x" -> "\#x"; "12. x" -> "12\. x" (the backslash goes before the list marker).
        out = "\\" + out if end == 1 and not out[0].isdigit() else out[:end] + "\\" + out[end:]
    return out


def link_cell(url: str) -> str:
    url = url.strip()
    if is_web_url(url):
        return f"<{url}>"
    return escape_cell(url)


@lru_cache(maxsize=4096)
def _ago(day: date, today: date) -> str:
    return humanize_day(day, today)


@lru_cache(maxsize=4096)
def _day_cell(day: date | None, today: date) -> str:
    if day is None:
        return EMPTY_CELL
    return escape_cell(f"{day.isoformat()} ({_ago(day, today)})")


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def action_words(action: NextAction | None, today: date) -> str:
    """Badge-like words for a next action, with its due day in ``describe_due``'s words:
    "follow up Mon 07 Dec (in 5 days)", "snoozed until Mon 07 Dec (in 5 days)"."""
    if action is None:
        return ""
    kind, due = action.kind, action.due
    late = (today - due).days if due else 0  # > 0: overdue by that many days
    when = describe_due(due, today) if due else ""
    if kind == "follow_up":
        words = f"follow up, {_days(late)} overdue" if late > 0 else "follow up"
    elif kind == "thank_you":
        words = f"thank-you due, {_days(late)} overdue" if late > 0 else "thank-you due"
    elif kind == "wait" and action.rule == "snoozed" and due:
        return f"snoozed {describe_snooze(due, today)}"
    elif kind == "wait":
        if not due:
            words = "let it be, wait for a response"
        elif late > 0:
            words = f"response was expected {_days(late)} ago"
        else:
            words = "response expected"
    elif kind == "let_go":
        words = "let it be"
    elif kind == "close_as_ghosted":
        words = "likely ghosted: close it"
    else:  # "none", or a kind from a newer rules module: its reason says it best
        return action.reason
    if action.reason and kind in ("let_go", "close_as_ghosted"):
        words = f"{words} ({action.reason})"
    return f"{words} · {when}" if due else words


def _outcome_words(app: Application) -> str:
    return f"closed: {app.outcome.replace('_', ' ')}" if app.outcome else "closed"


def _row(board: Board, app: Application, action: NextAction | None, today: date) -> str:
    name, channel = best_contact(board, action)
    contact = f"{name} ({channel})" if name and channel else name or channel
    next_cell = _outcome_words(app) if app.stage == "closed" else action_words(action, today)
    cells = (
        escape_cell(app.company),
        escape_cell(app.role),
        _day_cell(app.applied_on, today),
        _day_cell(last_contact(board, app), today),
        escape_cell(next_cell),
        escape_cell(contact),
        link_cell(app.url),
    )
    return "| " + " | ".join(cells) + " |"


def _order_key(app: Application, action: NextAction | None) -> tuple:
    due = action.due if action is not None else None
    # Overdue first falls out of ascending dates; no due date goes last.
    return (due is None, due or date.max, app.company.casefold(), app.role.casefold(), app.id or 0)


def export_markdown(
    board: Board,
    actions: dict[int, NextAction],
    today: date,
    stages: list[str] | None = None,
    *,
    full: bool = False,
) -> str:
    """The Markdown report: title, date and counts, then one table per stage.

    ``stages`` limits the sections (still in board order); an unknown stage is an
    InputError. The counts in the header always describe the whole board. ``full``
    adds, after each table, every application's tags, notes and timeline.
    """
    if stages is not None:
        unknown = [s for s in stages if s not in STAGES]
        if unknown:
            raise InputError(f"unknown stage {unknown[0]!r}: use one of {', '.join(STAGES)}")
    wanted = STAGES if stages is None else tuple(s for s in STAGES if s in stages)

    by_stage: dict[str, list[Application]] = {s: [] for s in STAGES}
    due_today = overdue = 0
    for app in board.applications:
        by_stage.setdefault(app.stage, []).append(app)
        action = actions.get(app.id) if app.id is not None else None
        if action is not None and action.due is not None and action.kind in ACTIONABLE:
            if action.due == today:
                due_today += 1
            elif action.due < today:
                overdue += 1
    closed = len(by_stage["closed"])
    active = len(board.applications) - closed

    lines = [
        TITLE,
        "",
        f"Exported {today.isoformat()}: {active} active, {closed} closed, "
        f"{due_today} due today, {overdue} overdue.",
    ]
    header = "| " + " | ".join(COLUMNS) + " |"
    rule = "|" + " --- |" * len(COLUMNS)
    for stage in wanted:
        apps = by_stage[stage]
        lines += ["", f"## {STAGE_TITLES[stage]} ({len(apps)})", ""]
        if not apps:
            lines.append(EMPTY_STAGE)
            continue
        pairs = [(app, actions.get(app.id) if app.id is not None else None) for app in apps]
        pairs.sort(key=lambda p: _order_key(*p))
        lines += [header, rule]
        lines += [_row(board, app, action, today) for app, action in pairs]
        if full:
            for app, _action in pairs:
                lines += _details(board, app)
    lines += _sent_section(board, wanted)
    return "\n".join(lines) + "\n"


def _sent_section(board: Board, stages: tuple[str, ...]) -> list[str]:
    """ "What you sent": each application's attached files (issue 19); nothing when none."""
    apps = sorted(
        (a for a in board.applications if a.attachments and a.stage in stages), key=lambda a: a.id or 0
    )
    if not apps:
        return []
    lines = [
        "",
        "## What you sent",
        "",
        "| Company | Role | File | As | Sent | SHA-256 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for app in apps:
        for a in app.attachments:
            cells = (app.company, app.role, a["name"], a["as"].replace("_", " "), a["on"], a["sha256"][:12])
            lines.append("| " + " | ".join(escape_cell(c) for c in cells) + " |")
    return lines


def _details(board: Board, app: Application) -> list[str]:
    """One application's tags, notes and timeline (``--full``), each piece escaped like a cell."""
    out = ["", f"### {escape_cell(app.company)} — {escape_cell(app.role)}", ""]
    out.append(f"- Tags: {escape_cell(', '.join(app.tags))}")
    notes = [line for line in app.notes.splitlines() if line.strip()]
    if notes:
        out.append("- Notes:")
        out += [f"  > {escape_cell(line)}" for line in notes]
    else:
        out.append(f"- Notes: {EMPTY_CELL}")
    events = board.events_for(app.id)
    if not events:
        out.append(f"- Timeline: {EMPTY_CELL}")
        return out
    out.append("- Timeline:")
    contacts = board.contact_by_id
    for ev in events:
        words = [ev.kind.replace("_", " ")]
        if ev.response:
            words.append(f"({ev.response.replace('_', ' ')})")
        if ev.channel:
            words.append(f"by {ev.channel.replace('_', ' ')}")
        contact = contacts.get(ev.contact_id) if ev.contact_id is not None else None
        if contact is not None:
            words.append(f"with {contact.display_name}")
        text = " ".join(words) + (f": {ev.text}" if ev.text.strip() else "")
        out.append(f"  - {ev.on.isoformat()} {escape_cell(text)}")
    return out
