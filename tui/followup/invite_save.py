"""A calendar invitation becomes a planned interview (issue 19): one home for the command
line (``followup import invite.ics``) and the detail screen's import key.

``read_invite_file`` reads the .ics and keeps the first live (not cancelled) invitation;
``save_invite`` matches it to the board and writes the interview, its new contacts and the
links to the application in one locked transaction. Nothing is written when it matches no
single application (``InputError`` lists the candidates) or is already on the timeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.errors import ImportFormatError, InputError
from tui.domain.models import Application, Contact, Event

if TYPE_CHECKING:
    from tui.io.importers.invite import Invite
    from tui.store.repository import Store


@dataclass
class InviteSaved:
    application: Application
    event: Event
    known: list[Contact] = field(default_factory=list)
    added: list[Contact] = field(default_factory=list)
    already: bool = False  # the same interview was on the timeline: nothing written

    def lines(self, today: date) -> list[str]:
        """What happened, in words (the command's output; the screen's toast is the first line)."""
        app, saved = self.application, self.event
        if self.already:
            said = f"Already on the timeline: interview on {saved.on} {saved.at} for #{app.id}."
            return [said.replace("  ", " ")]
        when = " ".join(x for x in (saved.on.isoformat(), saved.at, f"({saved.tz})" if saved.tz else "") if x)
        what = "Planned interview" if saved.on > today else "Logged interview"
        people = [c.display_name for c in self.known]
        people += [f"{c.display_name} (new contact)" for c in self.added]
        with_whom = f" with {', '.join(people)}" if people else ""
        out = [f"{what} on {when} for #{app.id} {app.role} @ {app.company}{with_whom}"]
        if saved.where:
            out.append(f"  where: {saved.where}")
        return out


def read_invite_file(path: Path, today: date) -> Invite:
    """The first live invitation in the file, or ``InputError`` in words (unreadable, cancelled)."""
    from tui.io.importers.invite import MAX_BYTES, read_invites
    from tui.store.fsio import read_input

    data = read_input(path, "Import file", MAX_BYTES + 1)
    try:
        invites = read_invites(data, today)
    except ImportFormatError as exc:
        raise InputError(f"{path.name}: {exc}") from None
    live = [i for i in invites if not i.cancelled]
    if not live:
        raise InputError(f"{path.name}: this invitation was cancelled; there is no interview to plan.")
    return live[0]


def save_invite(
    store: Store, invite: Invite, me_email: str, *, app_id: int | None = None, source: str = "invitation"
) -> InviteSaved:
    """Plan the interview on the matched application (or on ``app_id`` when given)."""
    from tui.io.importers.invite import match_invite

    with store.transaction():
        board = store.board()
        match = match_invite(invite, board, me_email)
        if app_id is not None:
            match.application = store.get_application(app_id)
            match.new = [c.with_changes(company=match.application.company) for c in match.new]
        if match.application is None:
            if match.candidates:
                listed = "; ".join(f"#{a.id} {a.role} @ {a.company}" for a in match.candidates[:8])
                raise InputError(f"{source}: “{invite.summary}” could be {listed}: choose one with --app ID.")
            raise InputError(
                f"{source}: no application on the board matches “{invite.summary}” or the people invited; "
                "add it first, or choose one with --app ID."
            )
        app = match.application
        for event in board.events_for(app.id):
            if event.kind == "interview" and (event.on, event.at) == (invite.on, invite.at):
                return InviteSaved(app, event, already=True)
        added = [store.add_contact(c) for c in match.new]
        ids = [c.id for c in match.known] + [c.id for c in added]
        saved = store.add_event(match.event([i for i in ids if i is not None]))
        missing = [i for i in saved.people if i not in app.contact_ids]
        if missing:
            app = store.update_application(app.with_changes(contact_ids=[*app.contact_ids, *missing]))
    return InviteSaved(app, saved, list(match.known), added)
