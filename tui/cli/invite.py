"""``followup import INVITE.ics``: a calendar invitation becomes a planned interview (issue 19).

The ``import`` command hands .ics files here. Nothing is written when the invitation
is cancelled, unreadable, or matches no single application (then the candidates are
listed and ``--app ID`` chooses).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def import_invite(args: argparse.Namespace) -> int:
    from tui.cli.handlers import _store, _today
    from tui.domain.config import load_settings
    from tui.domain.errors import ImportFormatError, InputError
    from tui.io.importers.invite import MAX_BYTES, match_invite, read_invites
    from tui.store.fsio import read_input

    path = Path(args.file).expanduser()
    data = read_input(path, "Import file", MAX_BYTES + 1)
    today = _today()
    try:
        invites = read_invites(data, today)
    except ImportFormatError as exc:
        raise InputError(f"{path.name}: {exc}") from None
    live = [i for i in invites if not i.cancelled]
    if not live:
        raise InputError(f"{path.name}: this invitation was cancelled; there is no interview to plan.")
    invite = live[0]
    store = _store(args)
    with store.transaction():
        board = store.board()
        match = match_invite(invite, board, load_settings().me.email)
        app_id = getattr(args, "app", None)
        if app_id is not None:
            match.application = store.get_application(app_id)
            match.new = [c.with_changes(company=match.application.company) for c in match.new]
        if match.application is None:
            if match.candidates:
                listed = "; ".join(f"#{a.id} {a.role} @ {a.company}" for a in match.candidates[:8])
                raise InputError(
                    f"{path.name}: “{invite.summary}” could be {listed}: choose one with --app ID."
                )
            raise InputError(
                f"{path.name}: no application on the board matches “{invite.summary}” or the people invited; "
                "add it first, or choose one with --app ID."
            )
        app = match.application
        for event in board.events_for(app.id):
            if event.kind == "interview" and (event.on, event.at) == (invite.on, invite.at):
                print(
                    f"Already on the timeline: interview on {invite.on} {invite.at} for #{app.id}.".replace(
                        "  ", " "
                    )
                )
                return 0
        added = [store.add_contact(c) for c in match.new]
        ids = [c.id for c in match.known] + [c.id for c in added]
        saved = store.add_event(match.event([i for i in ids if i is not None]))
        missing = [i for i in saved.people if i not in app.contact_ids]
        if missing:
            store.update_application(app.with_changes(contact_ids=[*app.contact_ids, *missing]))
    when = " ".join(x for x in (saved.on.isoformat(), saved.at, f"({saved.tz})" if saved.tz else "") if x)
    what = "Planned interview" if saved.on > today else "Logged interview"
    people = [c.display_name for c in match.known] + [f"{c.display_name} (new contact)" for c in added]
    with_whom = f" with {', '.join(people)}" if people else ""
    print(f"{what} on {when} for #{app.id} {app.role} @ {app.company}{with_whom}")
    if saved.where:
        print(f"  where: {saved.where}")
    for note in invite.notes:
        print(f"  note: {note}")
    return 0
