"""Edits to the store that the board and the CLI both make (no Textual: they run in a
thread worker or a command handler): save a capture, snooze, save an application's fields.

Each is one locked transaction, so a check and the write it guards see the same store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tui.domain.companies import company_key, same_company
from tui.domain.errors import FollowupError
from tui.domain.models import Application, Contact
from tui.followup.capture import Capture, same_role
from tui.followup.capture_history import append_history


@dataclass(frozen=True)
class Duplicate:
    """The capture looks like this application, already on the board."""

    existing: Application


@dataclass(frozen=True)
class NotSaved:
    message: str


def find_duplicate(applications: Iterable[Application], company: str, role: str) -> Application | None:
    """The first application at the same company (compared loosely) with the same role.

    The same test as ``followup add`` (DESIGN.md §7), so the prompt and the command agree.
    """
    key = company_key(company)
    if not key:
        return None
    for other in applications:
        if company_key(other.company) == key and same_role(other.role, role):
            return other
    return None


def index_by_company(applications: Iterable[Application]) -> dict[str, list[Application]]:
    """Applications by ``company_key``, so the live duplicate check is one lookup a keystroke."""
    out: dict[str, list[Application]] = {}
    for app in applications:
        key = company_key(app.company)
        if key:
            out.setdefault(key, []).append(app)
    return out


def index_by_email(contacts: Iterable[Contact]) -> dict[str, Contact]:
    """Contacts by lower-cased email (the first one wins, as ``Store.find_contact_by_email``)."""
    out: dict[str, Contact] = {}
    for contact in contacts:
        if contact.email:
            out.setdefault(contact.email.strip().lower(), contact)
    return out


def add_captured(
    store: Any,
    app: Application,
    contact_email: str | None = None,
    contact_name: str | None = None,
    *,
    force: bool = False,
    at_company: list[Application] | None = None,
) -> Application | Duplicate:
    """Add ``app`` (and its contact: the one with that email, the same person imported
    under another address, or a new one) unless it is a duplicate.

    The duplicate check runs inside the lock and reads the raw (company, role) pairs, so no
    Board is built for it (5,000 applications). ``at_company``: the applications at the
    same company, already read inside the caller's transaction (the check then filters
    them instead of reading the table again). Store errors propagate.
    """
    with store.transaction():
        if not force:
            if at_company is None:
                twins = store.find_applications(
                    lambda c, r: same_company(c, app.company) and same_role(r, app.role)
                )
            else:
                twins = [a for a in at_company if same_role(a.role, app.role)]
            if twins:
                return Duplicate(twins[0])
        contact = None
        if contact_email:
            from tui.io.importers.report import capture_contact

            contact = capture_contact(store, contact_email, contact_name, app.company)
        return store.add_application(app, contact=contact)


def save_capture(
    store: Any, capture: Capture, *, force: bool = False, line: str = "", history_file: Path | None = None
) -> Application | Duplicate | NotSaved:
    """Add the capture; returns the saved application, the ``Duplicate`` found, or ``NotSaved``
    with the store's message, so the prompt can show any outcome in place."""
    try:
        saved = add_captured(
            store, capture.to_application(), capture.contact_email, capture.contact_name, force=force
        )
    except (FollowupError, ValueError) as exc:
        return NotSaved(str(exc))
    if line and isinstance(saved, Application):
        append_history(line, history_file)
    return saved


def set_snooze(store: Any, app_id: int, until: date | None, undo: Undo | None = None) -> Application:
    """Snooze (or wake) a card; ``undo``, when given, learns how to put it back exactly."""
    with store.transaction():
        before = store.get_application(app_id)
        if undo is not None:
            undo.applications.append(before)
        return store.update_application(before.with_changes(snoozed_until=until))


def save_application(store: Any, app_id: int, changes: dict[str, Any]) -> Application:
    """Write the changed fields over the stored record (not the screen's copy, so a contact
    attached meanwhile is kept). A stage change is a move: it logs a stage_changed event."""
    with store.transaction():
        current = store.get_application(app_id)
        changes = dict(changes)
        stage = changes.pop("stage", current.stage)
        outcome = changes.pop("outcome", current.outcome)
        if stage != current.stage:
            before = current.applied_on
            current = store.move(app_id, stage, outcome if stage == "closed" else None)
            if before is None and current.applied_on is not None and changes.get("applied_on", 0) is None:
                del changes["applied_on"]  # the field was blank and the move filled in today
        elif outcome != current.outcome:
            changes["outcome"] = outcome
        return store.update_application(current.with_changes(**changes))


@dataclass
class Undo:
    """What puts the store back exactly as it was before a change: the applications as they
    were and the events the change logged. Filled in by the change, in its transaction."""

    applications: list[Application] = field(default_factory=list)
    events: list[int] = field(default_factory=list)

    def run(self, store: Any) -> None:
        store.put_back(self.applications, drop_events=self.events)


def move_card(store: Any, app_id: int, stage: str, outcome: str | None, undo: Undo) -> Application:
    """Move a card (the store logs the stage change) and note in ``undo`` how to take it back."""
    with store.transaction():
        before = store.get_application(app_id)
        known = {e.id for e in store.events_of(app_id)}
        moved = store.move(app_id, stage, outcome)
        undo.applications.append(before)
        undo.events.extend(e.id for e in store.events_of(app_id) if e.id not in known)
        return moved
