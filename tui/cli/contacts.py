"""``followup contacts duplicates`` and ``followup contacts merge A B`` (issue 15).

``duplicates`` lists the kept contacts that may be one person (same name, nothing to
tell; or linked the way an import would merge them). ``merge A B`` folds contact B into
contact A: every email, phone and profile of both, A's one-value fields where it has
them (B's where it does not; what B says differently goes into A's notes), and B's
applications and events move to A. ``merge --undo`` puts the last merge back as it was;
what it needs is kept beside the store (``<store>.last-merge.json``, private to you).
"""

from __future__ import annotations

import argparse

from tui.domain.safe_text import safe_json_text


def register(sub: argparse._SubParsersAction, add_db) -> None:  # type: ignore[type-arg]
    contacts = sub.add_parser("contacts", help="find and merge contacts that are one person")
    csub = contacts.add_subparsers(dest="contacts_command", metavar="COMMAND", required=True)

    dup = csub.add_parser("duplicates", help="list contacts that may be one person")
    dup.add_argument("--json", action="store_true", help="as JSON")
    add_db(dup)
    dup.set_defaults(handler="tui.cli.contacts:cmd_duplicates")

    merge = csub.add_parser("merge", help="merge contact B into contact A (B's links move to A)")
    merge.add_argument("keep", nargs="?", help="id of the contact that stays")
    merge.add_argument("other", nargs="?", help="id of the contact folded into it")
    merge.add_argument("--undo", action="store_true", help="put the last merge back as it was")
    add_db(merge)
    merge.set_defaults(handler="tui.cli.contacts:cmd_merge")


def _id(text: str | None, what: str) -> int:
    from tui.domain.errors import InputError

    if text is None:
        raise InputError(
            f"merge needs two contact ids (A B); {what} is missing. See `followup contacts duplicates`."
        )
    try:
        value = int(text.lstrip("#"))
    except ValueError:
        raise InputError(f"{text!r} is not a contact id (a whole number, like 12).") from None
    if value < 1:
        raise InputError(f"{text!r} is not a contact id (a whole number, like 12).")
    return value


def _store(args: argparse.Namespace):
    from tui.store.repository import Store, resolve_db_path

    return Store(resolve_db_path(getattr(args, "db", None)))


def _who(c) -> str:
    job = f" ({c.title + ' at ' if c.title else ''}{c.company})" if c.company else ""
    return f"#{c.id} {c.display_name}{job}"


def cmd_duplicates(args: argparse.Namespace) -> int:
    from tui.io.importers.merge import possible_duplicates

    store = _store(args)
    pairs = possible_duplicates(store.board().contacts)
    if args.json:
        import json

        doc = [{"a": a.id, "b": b.id, "reason": why} for a, b, why in pairs]
        print(safe_json_text(json.dumps(doc, indent=2)))
        return 0
    if not pairs:
        print("No possible duplicates.")
        return 0
    print(f"{len(pairs)} possible duplicate{'s' if len(pairs) != 1 else ''}:")
    for a, b, why in pairs:
        print(f"  {_who(a)} and {_who(b)}: {why} — if so: followup contacts merge {a.id} {b.id}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from tui.domain.errors import InputError

    if args.undo:
        if args.keep or args.other:
            raise InputError("--undo takes no ids: it puts back the last merge.")
        return _undo(args)
    keep_id, other_id = _id(args.keep, "A"), _id(args.other, "B")
    if keep_id == other_id:
        raise InputError(f"#{keep_id} and #{other_id} are the same contact: nothing to merge.")
    from tui.io.importers.merge import merge_pair

    store = _store(args)
    with store.transaction():
        keep, other = store.get_contact(keep_id), store.get_contact(other_id)
        merged = merge_pair(keep, other)
        undo = store.merge_contacts(merged, other_id)
        _save_undo(store.path, undo)
    moved = len(undo.applications) + len(undo.events)
    print(
        f"Merged #{other_id} {other.display_name} into #{keep_id} {keep.display_name}: "
        f"{len(merged.emails)} email(s), {len(merged.phones)} phone(s), {len(merged.profiles)} profile(s); "
        f"{len(undo.applications)} application(s) and {len(undo.events)} event(s) moved"
        + ("" if moved else " (none were linked)")
        + ". Undo: followup contacts merge --undo"
    )
    return 0


def _undo_path(store_path):
    return store_path.with_name(store_path.name + ".last-merge.json")


def _save_undo(store_path, undo) -> None:
    import json
    import os
    import tempfile

    doc = {
        "kept": undo.kept.to_dict(),
        "gone": undo.gone.to_dict(),
        "applications": [a.to_dict() for a in undo.applications],
        "events": [e.to_dict() for e in undo.events],
    }
    path = _undo_path(store_path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".merge-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _undo(args: argparse.Namespace) -> int:
    import json

    from tui.domain.errors import InputError
    from tui.domain.models import Application, Contact, Event, ValidationError
    from tui.store.repository import ContactMerge

    store = _store(args)
    path = _undo_path(store.path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        undo = ContactMerge(
            Contact.from_dict(doc["kept"]),
            Contact.from_dict(doc["gone"]),
            [Application.from_dict(a) for a in doc["applications"]],
            [Event.from_dict(e) for e in doc["events"]],
        )
    except FileNotFoundError:
        raise InputError("No merge to undo (or it was already undone).") from None
    except (OSError, ValueError, KeyError, TypeError, ValidationError) as exc:
        raise InputError(
            f"The record of the last merge ({path.name}) cannot be read ({exc}); nothing changed."
        ) from None
    with store.transaction():
        try:
            store.get_contact(undo.gone.id)  # type: ignore[arg-type]
        except InputError:
            pass
        else:
            raise InputError(
                f"#{undo.gone.id} exists again; the last merge cannot be undone. Nothing changed."
            )
        store.get_contact(undo.kept.id)  # type: ignore[arg-type]  # still there, or a clear message
        store.unmerge_contacts(undo)
    path.unlink()
    print(
        f"Undid the merge: #{undo.gone.id} {undo.gone.display_name} and #{undo.kept.id} "
        f"{undo.kept.display_name} are two contacts again."
    )
    return 0
