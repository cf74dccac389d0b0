"""``followup list`` and ``followup show``: find the ids that ``log`` and ``move`` need.

On a terminal the list is aligned for reading; piped, it is one tab-separated line
per application with no padding or decoration, so ``cut``/``awk`` read it as is.
``--json`` gives every field plus the computed next action (and, for ``show``, the
timeline), in the shapes of ``followup export --format json``.
"""

from __future__ import annotations

import argparse

from tui.domain.safe_text import safe_json_text

_LIST_EXAMPLE = """examples:
  followup list                     every application, in board order
  followup list --stage applied     only what is in Applied (repeat --stage for more)
  followup list --json | jq '.[0].id'"""

_SHOW_EXAMPLE = """examples:
  followup show 3                   every field, the next action and the timeline of #3
  followup show 3 --json"""


def register(sub: argparse._SubParsersAction, add_db) -> None:
    from tui.domain.models import STAGES

    lst = sub.add_parser(
        "list",
        help="the applications with their ids, stages and next actions",
        epilog=_LIST_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lst.add_argument("--stage", action="append", choices=STAGES, help="only these stages (repeatable)")
    lst.add_argument("--json", action="store_true", help="an array of applications with their next action")
    add_db(lst)
    lst.set_defaults(handler="tui.cli.browse:cmd_list")

    show = sub.add_parser(
        "show",
        help="one application: every field, the next action, the timeline",
        epilog=_SHOW_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    show.add_argument("id", type=_id, help="the application id (see followup list)")
    show.add_argument("--json", action="store_true", help="the application, next_action and events as JSON")
    add_db(show)
    show.set_defaults(handler="tui.cli.browse:cmd_show")


def _id(text: str) -> int:
    from tui.cli.main import _id as parse_id

    return parse_id(text)


def _is_terminal() -> bool:
    import sys

    return sys.stdout.isatty()


def cmd_list(args: argparse.Namespace) -> int:
    import json

    from tui.cli.handlers import _cadence, _store, _today
    from tui.domain.models import STAGES
    from tui.followup.rules import badge, card_sort_key, next_actions

    today = _today()
    board = _store(args).board()
    actions = next_actions(board, today, _cadence())
    stages = tuple(args.stage) if args.stage else STAGES
    rank = {stage: i for i, stage in enumerate(STAGES)}
    apps = [a for a in board.applications if a.stage in stages and a.id in actions]
    apps.sort(key=lambda a: (rank[a.stage], card_sort_key(a, actions[a.id], board)))

    if args.json:
        out = [{**a.to_dict(), "next_action": actions[a.id].to_dict()} for a in apps]
        print(safe_json_text(json.dumps(out, ensure_ascii=False, indent=2)))
        return 0
    if not apps:
        where = f" in {', '.join(stages)}" if args.stage else ""
        print(f"No applications{where}. Add one with: followup add 'Role @ Company'")
        return 0
    rows = []
    for a in apps:
        action = actions[a.id]
        stage = f"closed ({a.outcome})" if a.stage == "closed" and a.outcome else a.stage
        rows.append((f"#{a.id}", stage, a.company, a.role, badge(action, today) or action.kind))
    if not _is_terminal():
        for row in rows:
            print("\t".join(cell.replace("\t", " ") for cell in row))
        return 0
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    import json

    from tui.cli.handlers import _cadence, _store, _today
    from tui.followup.rules import next_action

    today = _today()
    store = _store(args)
    app = store.get_application(args.id)  # "No application with id 7." (exit 2) when absent
    board = store.board()
    action = next_action(app, board, today, _cadence())
    events = board.events_for(app.id)
    contacts = board.contact_by_id

    if args.json:
        doc = {
            **app.to_dict(),
            "next_action": action.to_dict(),
            "events": [e.to_dict() for e in events],
            "contacts": [contacts[c].to_dict() for c in app.contact_ids if c in contacts],
        }
        print(safe_json_text(json.dumps(doc, ensure_ascii=False, indent=2)))
        return 0

    out = [f"#{app.id} {app.role} @ {app.company}"]
    for name, value in app.to_dict().items():
        if name in ("id", "company", "role", "posting_text", "contact_ids"):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        out.append(f"  {name + ':':<22} {value if value not in (None, '') else '—'}")
    who = [contacts[c] for c in app.contact_ids if c in contacts]
    out.append(f"  {'contacts:':<22} " + (", ".join(f"#{c.id} {c.display_name}" for c in who) or "—"))
    posting = app.posting_text.strip()
    if posting:
        first = posting.splitlines()[0]
        more = f" (+{len(posting) - len(first)} more characters)" if len(posting) > len(first) else ""
        out.append(f"  {'posting_text:':<22} {first[:70]}{'…' if len(first) > 70 else ''}{more}")
    else:
        out.append(f"  {'posting_text:':<22} —")
    due = f" (due {action.due.isoformat()})" if action.due else ""
    out += ["", f"Next{due}: {action.reason or action.kind}", "", "Timeline"]
    if not events:
        out.append("  nothing logged yet (followup log ID KIND)")
    for ev in events:
        bits = [ev.kind]
        if ev.response:
            bits.append(ev.response)
        if ev.channel:
            bits.append(f"by {ev.channel}")
        if ev.contact_id is not None and ev.contact_id in contacts:
            bits.append(f"with {contacts[ev.contact_id].display_name}")
        text = f": {ev.text}" if ev.text else ""
        out.append(f"  {ev.on.isoformat()}  {' '.join(bits)}{text}")
    print("\n".join(out))
    return 0
