"""The contacts table's rows: one per contact, with a sort key per column (no Textual).

The contacts screen draws these; anything else that lists contacts the same way (an
export, a command) builds them here too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tui.domain.board import Board
from tui.domain.models import Application, Contact
from tui.domain.safe_text import safe_text
from tui.followup.finder import FOLLOW_UP_ORDER, ROLE_LABELS, effective_role, inferred_label

MAX_SHOWN = 300  # characters of one field shown in a row (a 10,000-character name wraps no further)
_APP_LIST = 3  # applications named in the table cell; the detail line names them all
_CONTROL = {i: " " for i in (*range(32), 127, 0x2028, 0x2029, 0x85)}


def clean_line(text: str, limit: int = MAX_SHOWN) -> str:
    """One line of at most ``limit`` characters; control characters become spaces one for
    one, so offsets into the text (the search highlights) stay right."""
    # C0 controls and line breaks become spaces (as before); what is left (C1) goes through safe_text.
    text = safe_text((text or "").translate(_CONTROL))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def role_words(contact: Contact) -> tuple[str, bool]:
    """The contact's role in words and whether it is a guess ("probably a recruiter")."""
    role, inferred = effective_role(contact)
    if inferred:
        return inferred_label(role), True
    return ("contact" if role == "other" else ROLE_LABELS.get(role, role)), False



@dataclass(frozen=True, slots=True)
class ContactRow:
    """One contact as the table shows it; ``keys`` holds a sort key per column."""

    contact_id: int
    name: str
    company: str
    title: str
    role: str  # in words: "recruiter", "probably a hiring manager"
    inferred: bool
    count: int  # applications it is attached to
    applications: str  # "Backend Engineer @ Acme; Data Engineer @ Globex"
    keys: dict[str, tuple]


# (column, heading); the first five sort.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("company", "Company"),
    ("title", "Title"),
    ("role", "Role"),
    ("count", "Apps"),
    ("applications", "Applications"),
)
SORTABLE: tuple[str, ...] = ("name", "company", "title", "role", "count")
_ROLE_RANK = {role: i for i, role in enumerate(FOLLOW_UP_ORDER)}
  # applications named in the table cell; the detail line names them all


def build_rows(board: Board) -> list[ContactRow]:
    """One row per contact, with its sort keys (runs in a worker thread)."""
    attached: dict[int, list[Application]] = defaultdict(list)
    for app in board.applications:
        for cid in dict.fromkeys(app.contact_ids):
            attached[cid].append(app)
    rows: list[ContactRow] = []
    for contact in board.contacts:
        if contact.id is None:
            continue
        words, inferred = role_words(contact)
        apps = attached.get(contact.id, [])
        names = "; ".join(f"{a.role} @ {a.company}" for a in apps[:_APP_LIST])
        if len(apps) > _APP_LIST:
            names += f"; +{len(apps) - _APP_LIST} more"
        name = contact.display_name.casefold()
        company = " ".join(contact.company.split()).casefold()
        title = " ".join(contact.title.split()).casefold()
        role_key = words if inferred else ""
        keys = {
            # Empty values go last in the natural order.
            "name": (name == "", name, contact.id),
            "company": (company == "", company, name, contact.id),
            "title": (title == "", title, name, contact.id),
            "role": (_role_rank(contact.role, words, inferred), role_key, name, contact.id),
            "count": (-len(apps), name, contact.id),  # most applications first
        }
        rows.append(
            ContactRow(
                contact_id=contact.id,
                name=clean_line(contact.display_name),
                company=clean_line(contact.company),
                title=clean_line(contact.title),
                role=words,
                inferred=inferred,
                count=len(apps),
                applications=clean_line(names, 400),
                keys=keys,
            )
        )
    return rows


def _role_rank(role: str | None, words: str, inferred: bool) -> int:
    """Confirmed roles in the finder's order, then the guesses, then the unknown."""
    if role:
        return _ROLE_RANK.get(role, len(_ROLE_RANK))
    if words == "role unknown":
        return 2 * len(_ROLE_RANK) + 1
    return len(_ROLE_RANK) + 1


def all_orders(board: Board) -> dict[str, list[ContactRow]]:
    """The rows in every column's natural order (kept per board: reopening is instant)."""
    rows = build_rows(board)
    return {column: sort_rows(rows, column, False) for column in SORTABLE}


def sort_rows(rows: list[ContactRow], column: str, reverse: bool) -> list[ContactRow]:
    return sorted(rows, key=lambda r: r.keys[column], reverse=reverse)


