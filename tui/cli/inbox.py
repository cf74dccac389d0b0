"""``followup inbox``: replies from your mailbox, proposed, then accepted or rejected (issue 17).

followup inbox scan [--maildir DIR]... [--mbox FILE]... [--imap URL] [--sent PATH]...
followup inbox [--json]                  the pending proposals, each with an id
followup inbox accept ID|all [--as RESPONSE] [--move] [--app ID]
followup inbox reject ID
"""

from __future__ import annotations

import argparse

from tui.domain.safe_text import safe_json_text

RESPONSES = ("positive", "neutral", "rejected", "position_closed")


def register(sub, add_db) -> None:
    inbox = sub.add_parser("inbox", help="replies from your mailbox, proposed for you to accept (read-only)")
    inbox.add_argument("--json", action="store_true", help="the pending proposals as a JSON array")
    add_db(inbox)
    inbox.set_defaults(handler="tui.cli.inbox:cmd_inbox", inbox_command=None)
    verbs = inbox.add_subparsers(dest="inbox_command", metavar="scan|accept|reject")

    scan = verbs.add_parser("scan", help="read mail folders (the config's [inbox] when none are given)")
    scan.add_argument("--maildir", action="append", default=[], metavar="DIR", help="a Maildir (repeatable)")
    scan.add_argument("--mbox", action="append", default=[], metavar="FILE", help="an mbox file (repeatable)")
    scan.add_argument(
        "--imap", metavar="URL", help="imaps://user@host/INBOX (password from password_command)"
    )
    scan.add_argument(
        "--sent", action="append", default=[], metavar="PATH", help="your Sent folder or file (repeatable)"
    )
    add_db(scan)

    accept = verbs.add_parser("accept", help="log a proposal's event on the timeline")
    accept.add_argument("id", help="a proposal id, or all")
    accept.add_argument(
        "--as", dest="response", choices=RESPONSES, help="the response, for a reply to classify"
    )
    accept.add_argument(
        "--move", action="store_true", help="also move the card as offered (Closed for a rejection)"
    )
    accept.add_argument("--app", type=int, metavar="ID", help="log it on this application instead (a tie)")
    add_db(accept)

    reject = verbs.add_parser("reject", help="skip a proposal: nothing is logged, it is not proposed again")
    reject.add_argument("id", type=_id)
    add_db(reject)


def _id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a proposal id (a whole number)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a proposal id (ids start at 1)")
    return value


def _store(args: argparse.Namespace):
    from tui.store.repository import Store, resolve_db_path

    return Store(resolve_db_path(getattr(args, "db", None)))


def cmd_inbox(args: argparse.Namespace) -> int:
    command = args.inbox_command
    if command == "scan":
        return cmd_scan(args)
    if command == "accept":
        return cmd_accept(args)
    if command == "reject":
        return cmd_reject(args)
    return cmd_list(args)


def cmd_scan(args: argparse.Namespace) -> int:
    import sys

    from tui.domain.config import load_settings
    from tui.io.inbox.scan import scan_sources, sources_from

    settings = load_settings()
    for problem in settings.problems:
        print(f"followup: config: {problem}", file=sys.stderr)
    conf = settings.inbox
    given = bool(args.maildir or args.mbox or args.imap)
    imap = args.imap if given else conf.imap
    sources = sources_from(
        maildirs=args.maildir if given else list(conf.maildir),
        mboxes=args.mbox if given else list(conf.mbox),
        imap=imap or "",
        sent=[*args.sent, *([] if given and not imap else conf.sent)],
        password_command=conf.password_command,
        ca_file=conf.ca_file,
    )
    me = {settings.me.email}
    if imap:
        from tui.io.inbox.imap import parse_imap_url

        user = parse_imap_url(imap).user
        if "@" in user:
            me.add(user)
    report = scan_sources(_store(args), sources, me=me)
    for label, count in report.folders:
        print(f"{label}: {count:,} new message{'' if count == 1 else 's'} read")
    for note in report.notes:
        print(f"followup: {note}", file=sys.stderr)
    for reason, count in sorted(report.ignored.items()):
        print(f"  not proposed: {count} × {reason}")
    print(f"{report.summary()} ({report.bodies} read in full, {report.seconds:.1f} s)")
    if report.new:
        print("See them with `followup inbox`; accept with `followup inbox accept ID`.")
    return 0


def _describe(p, board) -> list[str]:
    app = board.application_by_id.get(p.application_id)
    where = f"#{p.application_id} {app.role} @ {app.company}" if app else f"#{p.application_id} (deleted)"
    when = p.sent_at[:10] or p.event_on.isoformat()
    offer = ""
    if p.move_to == "closed":
        offer = f" (--move closes it as {p.outcome.replace('_', ' ')})"
    elif p.move_to == "interviewing":
        offer = " (--move moves it to interviewing)"
    logs = p.event_kind + (f" ({p.response.replace('_', ' ')})" if p.response else "")
    lines = [f"#{p.id}  {when}  {p.label} → {where}: logs {logs} on {p.event_on.isoformat()}{offer}"]
    who = f"{p.sender_name} <{p.sender}>" if p.sender_name else p.sender
    direction = "to" if p.event_kind in ("follow_up_sent", "thank_you_sent") else "from"
    lines.append(f"    {direction} {who}: “{p.subject}”")
    if p.snippet:
        lines.append(f"    “{p.snippet}”")
    lines.append(f"    why: {p.why}")
    if p.needs_response:
        lines.append(f"    classify it: followup inbox accept {p.id} --as {'|'.join(RESPONSES)}")
    return lines


def _as_json(p, board) -> dict:
    app = board.application_by_id.get(p.application_id)
    out = {"id": p.id, **p.to_dict()}
    out["application"] = {"id": app.id, "company": app.company, "role": app.role} if app else None
    return out


def cmd_list(args: argparse.Namespace) -> int:
    import json

    from tui.io.inbox.proposals import pending

    store = _store(args)
    waiting = pending(store)
    board = store.board()
    if args.json:
        print(safe_json_text(json.dumps([_as_json(p, board) for p in waiting], ensure_ascii=False, indent=2)))
        return 0
    if not waiting:
        print("No proposals from your mail. Run `followup inbox scan` to read it.")
        return 0
    for p in waiting:
        print("\n".join(_describe(p, board)))
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    from tui.domain.errors import InputError
    from tui.io.inbox.proposals import accept, pending

    store = _store(args)
    if args.id == "all":
        if args.app is not None or args.response is not None:
            raise InputError("--app and --as are for one proposal at a time, not all.")
        accepted, left = [], []
        with store.transaction():  # all or nothing
            for p in pending(store):
                if p.needs_response:
                    left.append(p)
                else:
                    accepted.append(accept(store, p.id, move=args.move))
        for done in accepted:
            _print_accepted(done)
        print(f"Accepted {len(accepted)} proposal{'' if len(accepted) == 1 else 's'}.")
        if left:
            ids = ", ".join(f"#{p.id}" for p in left)
            print(f"Left for you to classify ({ids}): followup inbox accept ID --as {'|'.join(RESPONSES)}")
        return 0
    try:
        proposal_id = _id(args.id)
    except argparse.ArgumentTypeError as exc:
        raise InputError(f"followup inbox accept: {exc} (or all)") from None
    _print_accepted(
        accept(store, proposal_id, response=args.response, move=args.move, application_id=args.app)
    )
    return 0


def _print_accepted(done) -> None:
    p, event = done.proposal, done.event
    response = f" ({event.response.replace('_', ' ')})" if event and event.response else ""
    print(
        f"Logged {event.kind}{response} on {event.on.isoformat()} for #{p.application_id} (proposal #{p.id})"
    )
    if done.moved_to:
        print(f"  moved #{p.application_id} to {done.moved_to}")
    elif p.move_to == "closed" or (event and event.response in ("rejected", "position_closed")):
        print(f"  it stays open: add --move to close it, or `followup move {p.application_id} closed`")


def cmd_reject(args: argparse.Namespace) -> int:
    from tui.io.inbox.proposals import reject

    p = reject(_store(args), args.id)
    print(f"Rejected proposal #{p.id}: nothing logged; it will not be proposed again.")
    return 0
