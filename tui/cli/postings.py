"""``followup check`` and ``followup add URL``: postings read from their link (DESIGN.md §13).

``check`` re-reads the link of every open application whose posting is not known to be
down and records ``posting_taken_down`` with its evidence when the page is gone; a
network error, a timeout or a 5xx is "could not check" and writes nothing. ``add URL``
(called from ``cmd_add`` for a line that starts with a link) reads the page for the
role, company and posting text; what is typed on the line wins.
"""

from __future__ import annotations

import argparse
from typing import Any

from tui.domain.safe_text import safe_json_text


def register(sub: Any, add_db: Any) -> None:
    check = sub.add_parser(
        "check", help="re-read open postings' links; record the ones taken down (404/410, closed, expired)"
    )
    check.add_argument(
        "--json", action="store_true", help="an array of {id, company, role, url, result, ...}"
    )
    add_db(check)
    check.set_defaults(handler="tui.cli.postings:cmd_check")


# -- check ---------------------------------------------------------------------------------

_WORDS = {"down": "taken down", "up": "still up", "unknown": "could not check"}


def cmd_check(args: argparse.Namespace) -> int:
    import json
    import sys

    from tui.cli.handlers import _store, _today, _warn_settings
    from tui.domain.config import load_settings
    from tui.io.web.check import check_postings, postings_to_check, record_results
    from tui.io.web.schedule import fetcher_for, mark_checked

    _warn_settings()
    settings = load_settings().postings
    today = _today()
    store = _store(args)
    apps = postings_to_check(store.board())
    if not apps:
        if args.json:
            print("[]")
        else:
            print("No open application has a posting link to check.")
        return 0
    if not args.json:
        n = len(apps)
        print(f"Checking {n} posting{'s' if n != 1 else ''}…", file=sys.stderr, flush=True)
    with fetcher_for(settings) as fetcher:
        results = check_postings(apps, fetcher, today, max_at_once=max(1, settings.max_at_once))
    results = record_results(store, results, today)
    mark_checked(today)
    if args.json:
        print(safe_json_text(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2)))
        return 0
    counts = {"down": 0, "up": 0, "unknown": 0}
    for r in results:
        counts[r.verdict.state] += 1
        app = r.application
        note = " (already recorded)" if r.recorded == "already_down" else ""
        print(f"#{app.id} {app.role} @ {app.company}: {_WORDS[r.verdict.state]}{note} — {r.verdict.evidence}")
    print(
        f"Checked {len(results)} posting{'s' if len(results) != 1 else ''}: {counts['down']} taken down, "
        f"{counts['up']} still up, {counts['unknown']} could not be checked."
    )
    return 0


# -- add URL -------------------------------------------------------------------------------


def add_from_link(args: argparse.Namespace, text: str, today: Any) -> int:
    """``followup add "https://... [tokens]"``: read the page, save what it says and what was typed."""
    from tui.cli.handlers import _store
    from tui.domain.companies import same_company
    from tui.domain.config import load_settings
    from tui.domain.errors import InputError
    from tui.domain.models import Contact, ValidationError
    from tui.followup.capture import same_role
    from tui.io.web.capture import ROLE_NOT_READ, build_capture, read_link_line, record_seen_down
    from tui.io.web.check import evidence_text, judge, read_page
    from tui.io.web.schedule import fetcher_for

    if args.posting:
        raise InputError("a link line reads the posting from its page; --posting FILE is for a typed line.")
    typed = read_link_line(text, today)  # bad tokens: exit 2 before anything is fetched
    url = typed.url
    with fetcher_for(load_settings().postings) as fetcher:
        page = fetcher.get(url)
    posting = read_page(page)
    verdict = judge(page, posting, today)
    status = {"down": "taken_down", "up": "open"}.get(verdict.state, "unknown")
    evidence = evidence_text(verdict, url) if verdict.state == "down" else ""
    capture = build_capture(
        typed,
        url,
        page,
        posting,
        today,
        apply_findings=args.apply_posting,
        status=status,
        down_evidence=evidence,
    )
    try:
        app = capture.to_application()
    except ValidationError as exc:
        raise InputError(str(exc)) from None

    store = _store(args)
    with store.transaction():
        if not args.force:
            for other in store.board().applications:
                read_role = app.role != ROLE_NOT_READ
                twin = other.url.strip() == url or (
                    read_role and same_company(other.company, app.company) and same_role(other.role, app.role)
                )
                if twin:
                    raise InputError(
                        f"This looks like #{other.id} {other.role} @ {other.company} ({other.stage}), "
                        "already on the board. Open that one, or add it anyway with --force."
                    )
        contact = None
        if typed.contact_email:
            contact = store.find_contact_by_email(typed.contact_email) or Contact(
                name="", email=typed.contact_email, company=app.company
            )
        saved = store.add_application(app, contact=contact)
        record_seen_down(store, capture, saved, today)
    if capture.read_from:
        print(f"Read {url}: {capture.read_from}.")
    else:
        print(f"Could not read the page at {url}: {capture.page_error}. Saved what was typed.")
    print(f"Added #{saved.id}: {saved.role} @ {saved.company} ({saved.stage})")
    if capture.read_from and capture.page_error:
        print(f"Note: {capture.page_error}.")
    if verdict.state == "down":
        print(f"The posting looks taken down: {verdict.evidence}.")
    if saved.role == ROLE_NOT_READ:
        print(
            "The role was not read and the company is a guess from the link: "
            "edit them in the app (enter on the card)."
        )
    if capture.found:
        print("Applied:" if args.apply_posting else "The posting suggests (apply with --apply-posting):")
        for line in capture.found:
            print(f"  {line}")
    return 0
