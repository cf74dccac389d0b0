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
    from tui.followup.invite_save import read_invite_file, save_invite

    path = Path(args.file).expanduser()
    today = _today()
    invite = read_invite_file(path, today)
    store = _store(args)
    result = save_invite(
        store, invite, load_settings().me.email, app_id=getattr(args, "app", None), source=path.name
    )
    for line in result.lines(today):
        print(line)
    if not result.already:
        for note in invite.notes:
            print(f"  note: {note}")
    return 0
