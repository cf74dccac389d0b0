"""What each ``followup`` subcommand does. Parsing lives in ``tui.cli.main``.

Each command validates everything before it opens a transaction, so bad input
(exit 2) never writes, and a store problem (exit 1) never half-writes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from tui.domain import clock
from tui.domain.config import load_settings
from tui.domain.dates import humanize_day, parse_day
from tui.domain.errors import InputError
from tui.domain.models import Event, ValidationError
from tui.store.repository import Store, resolve_db_path


def _store(args: argparse.Namespace) -> Store:
    return Store(resolve_db_path(getattr(args, "db", None)))


def _today():
    return clock.today()


def _cadence():
    return load_settings().cadence


def _warn_settings() -> None:
    for problem in load_settings().problems:
        print(f"followup: config: {problem}", file=sys.stderr)


def _write_output(text: str | bytes, output: str | None) -> None:
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(output).expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name with -o.")
    data = text.encode("utf-8") if isinstance(text, str) else text
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"Cannot write {path}: {exc.strerror}.") from None
    print(f"Wrote {path}", file=sys.stderr)


def _read_text_file(name: str, what: str) -> str:
    path = Path(name).expanduser()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} {path} does not exist.") from None
    except IsADirectoryError:
        raise InputError(f"{what} {path} is a folder, not a file.") from None
    except OSError as exc:
        raise InputError(f"Cannot read {what.lower()} {path}: {exc.strerror}.") from None
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
        print(f"followup: the board is not built yet; the store is {path}. Try `followup --help`.")
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
            if findings.policy:
                changes["follow_up_policy"] = findings.policy.value
            blocked = sorted({*app.blocked_channels, *(f.value for f in findings.blocked_channels)})
            changes["blocked_channels"] = blocked
            if findings.decision_expected_on:
                changes["decision_expected_on"] = findings.decision_expected_on.value
        try:
            app = app.with_changes(**changes)
        except ValidationError as exc:
            raise InputError(str(exc)) from None

    from tui.followup.changes import Duplicate, add_captured

    saved = add_captured(_store(args), app, capture.contact_email, force=args.force)
    if isinstance(saved, Duplicate):
        other = saved.existing
        raise InputError(
            f"This looks like #{other.id} {other.role} @ {other.company} ({other.stage}), already on "
            "the board. Open that one, or add it anyway with --force."
        )
    print(f"Added #{saved.id}: {saved.role} @ {saved.company} ({saved.stage})")
    if findings is not None and not findings.is_empty:
        verb = "Applied" if args.apply_posting else "The posting suggests (apply with --apply-posting)"
        print(f"{verb}:")
        for line in findings.summary_lines():
            print(f"  {line}")
    return 0


# -- log / move ------------------------------------------------------------------


def cmd_log(args: argparse.Namespace) -> int:
    today = _today()
    try:
        on = parse_day(args.on, today) if args.on is not None else today
    except ValueError as exc:
        raise InputError(str(exc)) from None
    try:
        event = Event(
            application_id=args.id,
            kind=args.kind,
            on=on,
            channel=args.channel,
            contact_id=args.contact,
            response=args.response,
            text=args.text,
        )
        event.check()
    except ValidationError as exc:
        raise InputError(str(exc)) from None
    store = _store(args)
    with store.transaction():
        app = store.get_application(args.id)
        saved = store.add_event(event)
        if args.kind == "posting_taken_down" and app.posting_status != "taken_down":
            store.update_application(app.with_changes(posting_status="taken_down"))
    print(f"Logged {saved.kind} on {saved.on.isoformat()} for #{app.id} {app.role} @ {app.company}")
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    if args.outcome and args.stage != "closed":
        raise InputError("--outcome is only for moving to closed.")
    store = _store(args)
    moved = store.move(args.id, args.stage, args.outcome)
    outcome = f" ({moved.outcome})" if moved.outcome else ""
    print(f"Moved #{moved.id} {moved.role} @ {moved.company} to {moved.stage}{outcome}")
    return 0


# -- due -------------------------------------------------------------------------


def cmd_due(args: argparse.Namespace) -> int:
    from tui.followup.rules import due_items

    today = _today()
    store = _store(args)
    board = store.board()
    items = due_items(board, today, _cadence(), within_days=args.within)
    if args.json:
        out = [
            {"id": a.id, "company": a.company, "role": a.role, "stage": a.stage, "next_action": act.to_dict()}
            for a, act in items
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not items:
        span = f" in the next {args.within} days" if args.within else " today"
        print(f"Nothing due{span}. Let it be and give it time.")
        return 0
    for app, act in items:
        when = act.due.isoformat() if act.due else "—"
        if act.due and act.due < today:
            rel = f"overdue, {humanize_day(act.due, today).removesuffix(' ago')}"
        else:
            rel = humanize_day(act.due, today) if act.due else ""
        print(f"{when} ({rel})  #{app.id} {app.company} — {app.role}: {act.reason}")
    return 0


# -- export / import -------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from tui.followup.rules import next_actions

    today = _today()
    store = _store(args)
    board = store.board()
    actions = next_actions(board, today, _cadence())
    from tui.io.export import render

    data = render(args.format, board, actions, today, stages=args.stage)
    _write_output(data, args.output)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        from tui.io.importers.vcard import read_vcards

        return _import_contacts(args, read_vcards(_read_text_file(args.file, "Import file"), label=path.name))
    if suffix == ".csv":
        from tui.io.importers.linkedin_csv import read_connections_csv

        text = _read_text_file(args.file, "Import file")
        return _import_contacts(args, read_connections_csv(text, label=path.name))
    if suffix == ".json":
        from tui.io.export.json_export import parse_json_export

        board = parse_json_export(_read_text_file(args.file, "Import file"))
        store = _store(args)
        store.restore_board(board)
        print(
            f"Imported {len(board.applications)} applications, {len(board.contacts)} contacts, "
            f"{len(board.events)} events, {len(board.templates)} templates from {path.name}"
        )
        return 0
    raise InputError(
        f"{path.name}: unknown kind of file; import takes a followup export (.json), "
        "LinkedIn's Connections.csv (.csv) or contacts (.vcf)."
    )


def _import_contacts(args: argparse.Namespace, parsed) -> int:
    from tui.io.importers.merge import plan_merge

    store = _store(args)
    with store.transaction():
        plan = plan_merge(store.board().contacts, parsed.contacts)
        store.save_contacts(plan.added, [merged for _old, merged in plan.updated])
    print(plan.summary())
    for line, reason in parsed.skipped[:20]:
        print(f"  skipped line {line}: {reason}")
    if len(parsed.skipped) > 20:
        print(f"  … and {len(parsed.skipped) - 20} more skipped lines")
    return 0


# -- stats -----------------------------------------------------------------------


def cmd_stats(args: argparse.Namespace) -> int:
    from tui.followup.stats import compute_stats, format_stats

    store = _store(args)
    stats = compute_stats(store.board(), _today())
    if args.json:
        print(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_stats(stats))
    return 0
