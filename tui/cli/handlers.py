"""What each ``followup`` subcommand does. Parsing lives in ``tui.cli.main``.

Each command validates everything before it opens a transaction, so bad input
(exit 2) never writes, and a store problem (exit 1) never half-writes.
"""

from __future__ import annotations

import argparse
import errno
import json
import sys
from pathlib import Path

from tui.domain import clock
from tui.domain.board import Board
from tui.domain.config import load_settings
from tui.domain.dates import humanize_day, parse_day
from tui.domain.errors import InputError
from tui.domain.models import Contact, Event, ValidationError, check_day
from tui.domain.safe_text import safe_json_text, safe_text
from tui.store.repository import Store, resolve_db_path


def say(text: str = "", *, multiline: bool = False, file=None) -> None:
    """Print a line of followup's output; other people's text in it cannot drive the terminal."""
    print(safe_text(text, multiline=multiline), file=file or sys.stdout)


def _warn(message: str) -> None:
    say(f"followup: warning: {message}", file=sys.stderr)


def _store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """The store; ``read_only`` for commands that only read (no lock, so read-only media still work)."""
    store = Store(resolve_db_path(getattr(args, "db", None)), read_only=read_only)
    store.on_problem(_warn)
    return store


def _today():
    return clock.today()


def _cadence():
    return load_settings().cadence


def _warn_settings() -> None:
    for problem in load_settings().problems:
        say(f"followup: config: {problem}", file=sys.stderr)


def _for_terminal(text: str | bytes, fmt: str) -> str | bytes:
    """An export bound for a terminal, with its controls shown (JSON: escaped, same data)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return safe_json_text(text) if fmt == "json" else safe_text(text, multiline=True)


def _write_output(text: str | bytes, output: str | None, fmt: str = "md") -> None:
    if output is None:
        if sys.stdout.isatty():  # a pipe or a file gets the export as it is
            text = _for_terminal(text, fmt)
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    from tui.store import fsio

    path = Path(output).expanduser()
    if fsio.resolve_target(path).is_dir():
        raise InputError(f"{path} is a folder; give a file name with -o.")
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:  # 0600, through a symlink to its target, atomic and durable
        fsio.save(path, data, "the export", make_folders=False)
    except fsio.WriteError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):  # a typo in the -o path is the user's to fix
            raise InputError(str(exc)) from None
        raise
    say(f"Wrote {path}", file=sys.stderr)


def _read_text_file(name: str, what: str) -> str:
    from tui.store.fsio import read_input

    path = Path(name).expanduser()
    raw = read_input(path, what)  # a FIFO or a device is refused at once, not read forever
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{what} {path} is not UTF-8 text.") from None


# -- the board ---------------------------------------------------------------------


def open_board(args: argparse.Namespace) -> int:
    if args.demo:
        from tui.io.demo import demo_copy

        path = demo_copy()
    else:
        path = resolve_db_path(args.db)
    try:
        from tui.ui.launch import run_board
    except ImportError:  # the board lands in its own issue
        say(f"followup: the board is not built yet; the store is {path}. Try `followup --help`.")
        return 0
    return run_board(path)


def cmd_capture(args: argparse.Namespace) -> int:
    from tui.ui.launch import run_capture

    return run_capture(resolve_db_path(args.db))


# -- add -------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    from tui.followup.capture import parse_capture

    today = _today()
    text = " ".join(args.text)
    if text.lstrip()[:4].lower() == "http":  # a link first: the page gives role and company
        from tui.io.web.capture import is_link_line

        if is_link_line(text):
            from tui.cli.postings import add_from_link

            return add_from_link(args, text, today)
    capture = parse_capture(text, today)
    try:
        app = capture.to_application()
    except ValidationError as exc:
        raise InputError(str(exc)) from None

    findings = None
    if args.apply_posting and not args.posting:
        raise InputError("--apply-posting needs --posting FILE.")
    if args.posting:
        from tui.followup.posting_reader import read_posting

        posting_text = _read_text_file(args.posting, "Posting file")
        findings = read_posting(posting_text, today)
        changes: dict = {"posting_text": posting_text}
        if args.apply_posting:
            changes.update(findings.changes_for(app))  # one home for applying findings
        try:
            app = app.with_changes(**changes)
        except ValidationError as exc:
            raise InputError(str(exc)) from None

    from tui.domain.companies import same_company
    from tui.followup.changes import Duplicate, add_captured
    from tui.followup.reapply import before_here

    store = _store(args)
    with store.transaction():  # one read of the table serves the note and the duplicate check
        previous = store.find_applications(lambda c, r: same_company(c, app.company))
        saved = add_captured(
            store, app, capture.contact_email, capture.contact_name, force=args.force, at_company=previous
        )
    if isinstance(saved, Duplicate):
        other = saved.existing
        raise InputError(
            f"This looks like #{other.id} {other.role} @ {other.company} ({other.stage}), already on "
            "the board. Open that one, or add it anyway with --force."
        )
    say(f"Added #{saved.id}: {saved.role} @ {saved.company} ({saved.stage})")
    if note := before_here(previous, saved.company):
        say(f"  {note}")
    if findings is not None and not findings.is_empty:
        verb = "Applied" if args.apply_posting else "The posting suggests (apply with --apply-posting)"
        say(f"{verb}:")
        for line in findings.summary_lines():
            say(f"  {line}")
    return 0


# -- log / move ------------------------------------------------------------------


def cmd_log(args: argparse.Namespace) -> int:
    from tui.followup.interviews import interview_fields

    today = _today()
    try:  # a day outside the sane years first: "9999-12-31" is absurd before it is "future"
        on = check_day(parse_day(args.on, today), "--on") if args.on is not None else today
    except ValueError as exc:
        raise InputError(str(exc)) from None
    contacts = list(dict.fromkeys(args.contact or []))
    extra = interview_fields(args, on, today)  # InputError for a bad time, round or future date
    on = extra.pop("on", on)
    try:
        event = Event(
            application_id=args.id,
            kind=args.kind,
            on=on,
            channel=args.channel,
            contact_id=contacts[0] if contacts else None,
            contact_ids=contacts[1:],
            response=args.response,
            text=args.text,
            **extra,
        )
        event.check()
    except ValidationError as exc:
        raise InputError(str(exc)) from None
    if len(contacts) > 1 and args.kind != "interview":
        raise InputError("Several --contact are for an interview (its interviewers); other events name one.")
    store = _store(args)
    with store.transaction():
        app = store.get_application(args.id)
        for cid in contacts[1:]:
            store.get_contact(cid)  # a missing contact: exit 2 before anything is written
        saved = store.add_event(event)
        if args.kind == "posting_taken_down" and app.posting_status != "taken_down":
            store.update_application(app.with_changes(posting_status="taken_down"))
        if args.kind == "interview" and any(c not in app.contact_ids for c in contacts):
            # The people you met are this application's contacts from now on.
            merged = [*app.contact_ids, *(c for c in contacts if c not in app.contact_ids)]
            store.update_application(app.with_changes(contact_ids=merged))
    planned = " (planned)" if saved.kind == "interview" and saved.on > today else ""
    at = f" {saved.at}" if saved.at else ""
    say(
        f"Logged {saved.kind}{planned} on {saved.on.isoformat()}{at} for #{app.id} {app.role} @ {app.company}"
    )
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    from tui.domain.models import OUTCOMES

    if args.outcome and args.stage != "closed":
        raise InputError("--outcome is only for moving to closed.")
    if args.stage == "closed" and not args.outcome:
        # As strict as the board, which asks how it ended.
        raise InputError(f"Moving to closed needs --outcome: one of {', '.join(OUTCOMES)}.")
    store = _store(args)
    moved = store.move(args.id, args.stage, args.outcome)
    outcome = f" ({moved.outcome})" if moved.outcome else ""
    say(f"Moved #{moved.id} {moved.role} @ {moved.company} to {moved.stage}{outcome}")
    return 0


# -- due -------------------------------------------------------------------------


def cmd_due(args: argparse.Namespace) -> int:
    from tui.followup.rules import due_items

    today = _today()
    store = _store(args, read_only=True)
    board = store.board()
    items = due_items(board, today, _cadence(), within_days=args.within)
    if args.json:
        out = [
            {"id": a.id, "company": a.company, "role": a.role, "stage": a.stage, "next_action": act.to_dict()}
            for a, act in items
        ]
        print(safe_json_text(json.dumps(out, ensure_ascii=False, indent=2)))
        return 0
    from tui.followup.interviews import interview_reminders

    # Planned interviews: "prepare" the day before, "today" on the day (text output only:
    # the JSON stays one next action per application).
    for r in interview_reminders(board, today, args.within or 0):
        say(f"{r.due.isoformat()} ({r.kind})  #{r.application.id} {r.application.company} — "
              f"{r.application.role}: {r.text}")  # fmt: skip
    if not items:
        span = f" in the next {args.within} days" if args.within else " today"
        say(f"Nothing due{span}. Let it be and give it time.")
        return 0
    for app, act in items:
        when = act.due.isoformat() if act.due else "—"
        if act.due and act.due < today:
            rel = f"overdue, {humanize_day(act.due, today).removesuffix(' ago')}"
        else:
            rel = humanize_day(act.due, today) if act.due else ""
        say(f"{when} ({rel})  #{app.id} {app.company} — {app.role}: {act.reason}")
    return 0


# -- export / import -------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from tui.followup.rules import next_actions

    today = _today()
    store = _store(args, read_only=True)
    board = store.board()
    actions = next_actions(board, today, _cadence())
    if args.full and args.format != "md":
        raise InputError("--full is for the Markdown export (--format md).")
    from tui.io.export import render

    data = render(args.format, board, actions, today, stages=args.stage, full=args.full)
    _write_output(data, args.output, args.format)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    suffix = path.suffix.lower()
    if suffix in (".ics", ".ical", ".ifb"):
        from tui.cli.invite import import_invite

        return import_invite(args)
    if suffix in (".vcf", ".vcard", ".csv"):
        from tui.io.importers import read_contacts

        return _import_contacts(args, read_contacts(path), path.name)
    if suffix == ".json":
        from tui.io.export.json_export import parse_json_export

        board = parse_json_export(_read_text_file(args.file, "Import file"))
        store = _store(args)
        store.restore_board(board)
        say(
            f"Imported {len(board.applications)} applications, {len(board.contacts)} contacts, "
            f"{len(board.events)} events, {len(board.templates)} templates from {path.name}"
        )
        return 0
    raise InputError(
        f"{path.name}: unknown kind of file; import takes a followup export (.json), "
        "LinkedIn's Connections.csv (.csv), contacts (.vcf) or a calendar invitation (.ics)."
    )


def _import_contacts(args: argparse.Namespace, parsed, label: str) -> int:
    from tui.io.importers.merge import plan_merge
    from tui.io.importers.report import apply_plan, build_report

    store = _store(args)
    with store.transaction():
        plan = plan_merge(store.board().contacts, parsed.contacts)
        ids = apply_plan(store, plan)
    for line in build_report(parsed, plan, ids, label).lines():
        say(line)
    return 0


# -- stats -----------------------------------------------------------------------


class _ContactsOnDemand:
    """``Board.contact_by_id`` for a command that looks up a few contacts by id: each is
    built from the store when first asked for, not all 30,000 up front."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._built: dict[int, Contact | None] = {}

    def get(self, contact_id: int, default: Contact | None = None) -> Contact | None:
        if contact_id not in self._built:
            try:
                self._built[contact_id] = self._store.get_contact(contact_id)
            except InputError:  # no such contact (deleted since the event was logged)
                self._built[contact_id] = None
        found = self._built[contact_id]
        return default if found is None else found


def _without_contacts(store: Store) -> Board:
    """The store's board with its contacts left unbuilt: the stats name only the role of
    each contact written to (``contact_by_id.get``); everything else is the same snapshot."""
    full = store.board()
    board = Board(full.applications, [], full.events, [], full.generation)
    board.__dict__["contact_by_id"] = _ContactsOnDemand(store)  # the cached_property's slot
    return board



def cmd_stats(args: argparse.Namespace) -> int:
    from tui.followup.attachments import format_versions, response_by_version
    from tui.followup.stats import compute_stats, format_stats

    store = _store(args, read_only=True)
    board = _without_contacts(store)
    stats = compute_stats(board, _today())
    versions = response_by_version(board)
    if args.json:
        doc = stats.to_dict()
        doc["by_resume_version"] = [
            {"version": v.label, "sha256": v.sha256, **v.ratio.to_dict()} for v in versions
        ]
        print(safe_json_text(json.dumps(doc, ensure_ascii=False, indent=2)))
    else:
        say(format_stats(stats), multiline=True)
        if versions:
            say("\n" + format_versions(versions), multiline=True)
    return 0
