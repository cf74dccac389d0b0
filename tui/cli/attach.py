"""``followup attach ID FILE [--as KIND] [--copy]``: what you sent with an application (issue 19)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def register(sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    from tui.domain.models import ATTACHMENT_KINDS

    p = sub.add_parser("attach", help="record a file you sent with an application (name, size, SHA-256, day)")
    p.add_argument("id", type=int, help="the application id")
    p.add_argument("file", help="the file you sent (it is not copied unless --copy)")
    p.add_argument("--as", dest="kind", choices=ATTACHMENT_KINDS, default="resume", help="default: resume")
    p.add_argument("--copy", action="store_true", help="also keep a private copy beside the store")
    add_db(p)
    p.set_defaults(handler="tui.cli.attach:attach")


def attach(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tui.cli.handlers import _store, _today
    from tui.domain.errors import InputError
    from tui.followup.attachments import record_attachment, version_labels

    if args.id < 1:
        raise InputError(f"{args.id} is not an id (ids start at 1).")
    path = Path(args.file).expanduser()
    store = _store(args)
    done = record_attachment(store, args.id, path, args.kind, _today(), copy=args.copy)
    app, record = done.application, done.record
    if done.already:
        same = done.already
        print(f"Already recorded: {same['name']} (same file) went with #{app.id} on {same['on']}.")
        return 0
    board = store.board()
    label = version_labels(board, args.kind).get(record["sha256"]) if args.kind == "resume" else None
    version = f", {label.split(' ', 1)[0]}" if label else ""
    others = [
        a for a in board.applications
        if a.id != app.id and any(x["sha256"] == record["sha256"] for x in a.attachments)
    ]  # fmt: skip
    print(
        f"Attached {record['name']} ({record['size']:,} bytes, sha256 {record['sha256'][:12]}{version}) "
        f"as {record['as'].replace('_', ' ')} to #{app.id} {app.role} @ {app.company}"
    )
    if others:
        print("  the same file went with " + ", ".join(f"#{a.id} {a.company}" for a in others[:5]))
    return 0
