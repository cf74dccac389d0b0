"""A scan: read the folders, match, classify, and keep what is new as proposals.

Headers first for every message; a body only when the sender (or, for your own sent
mail, a recipient) could belong to an application. Nothing is written until every
folder was read: a missing folder, a cut-short mbox or a refused login stops the scan
with its message and the store is untouched. Then the new proposals and where each
folder stopped are saved in one write.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path

from tui.domain import clock
from tui.domain.errors import InputError
from tui.domain.models import Application, Event
from tui.io.inbox import proposals as store_proposals
from tui.io.inbox.addresses import is_no_reply, normalize
from tui.io.inbox.classify import Classification, classify_received, classify_sent, date_of
from tui.io.inbox.matching import DOMAIN, Candidate, Matcher, choose
from tui.io.inbox.message import (
    BODY_LIMIT,
    Headers,
    body_text,
    new_text,
    parse_headers,
    quick_addresses,
    snippet,
)
from tui.io.inbox.proposals import LABELS, PLAN, Proposal
from tui.io.inbox.sources import MaildirSource, MboxSource, RawMessage, Source
from tui.store.repository import Store


@dataclass
class ScanReport:
    new: list[Proposal] = field(default_factory=list)
    read: int = 0  # messages whose headers were parsed
    already: int = 0  # proposed by an earlier scan
    bodies: int = 0  # bodies read (the candidates)
    ignored: Counter[str] = field(default_factory=Counter)  # why matched mail made no proposal
    notes: list[str] = field(default_factory=list)  # one line per message that could not be read
    folders: list[tuple[str, int]] = field(default_factory=list)  # (label, headers read)
    seconds: float = 0.0

    def summary(self) -> str:
        n = len(self.new)
        again = f"; {self.already} proposed before" if self.already else ""
        return f"{n} new proposal{'' if n == 1 else 's'}{again}"


def sources_from(
    *,
    maildirs: list[str],
    mboxes: list[str],
    imap: str = "",
    sent: list[str] = (),  # type: ignore[assignment]
    password_command: str = "",
    ca_file: str = "",
) -> list[Source]:
    """The folders to read. A ``sent`` entry is a path (a Maildir folder or an mbox file) or,
    when an IMAP account is given, a folder name on it ("Sent", "[Gmail]/Sent Mail")."""
    out: list[Source] = [MaildirSource(p) for p in maildirs] + [MboxSource(p) for p in mboxes]
    account = None
    if imap:
        from tui.io.inbox.imap import ImapSource

        account = ImapSource(imap, password_command=password_command, ca_file=ca_file)
        out.append(account)
    for entry in sent:
        path = Path(entry).expanduser()
        looks_like_path = entry.startswith(("/", "~", "./", "../"))  # else a folder name on the account
        if path.is_dir():
            out.append(MaildirSource(path, sent=True))
        elif path.is_file():
            out.append(MboxSource(path, sent=True))
        elif account is not None and not looks_like_path:
            out.append(account.folder(entry, sent=True))
        else:
            raise InputError(f"The Sent folder {path} does not exist; nothing was written.")
    if not out:
        raise InputError(
            "No mail to read: give --maildir DIR, --mbox FILE or --imap URL, or set them in [inbox] of "
            "config.toml (see the README, “Replies from your mailbox”)."
        )
    return out


def scan_sources(store: Store, sources: list[Source], *, me: set[str] = frozenset()) -> ScanReport:  # type: ignore[assignment]
    """Read every source and save the new proposals; raises (writing nothing) on a bad source."""
    started = time.perf_counter()
    report = ScanReport()
    board = store.board()
    matcher = Matcher.build(board)
    fingerprint = matcher.fingerprint()
    known = store_proposals.known_message_ids(store)
    marks = store_proposals.cursors(store)
    mine = {normalize(a) for a in me if a}
    found: dict[str, Proposal] = {}
    reached: dict[str, dict] = {}
    try:
        for source in sources:
            source.open()
        for source in sources:
            mark = marks.get(source.id)
            cursor = mark.get("cursor") if mark and mark.get("fingerprint") == fingerprint else None
            count = 0
            for raw in source.messages(cursor):
                count += 1
                try:
                    proposal = _consider(source, raw, matcher, known, found, mine, report)
                except Exception as exc:  # one unreadable message must not hide the others
                    report.notes.append(
                        f"{source.label}: message {raw.key} could not be read ({exc}); skipped"
                    )
                    continue
                if proposal is not None:
                    found[proposal.message_id] = proposal
            report.read += count
            report.folders.append((source.label, count))
            reached[source.id] = {"fingerprint": fingerprint, "cursor": source.cursor()}
    finally:
        for source in reversed(sources):
            source.close()
    report.new = store_proposals.save_scan(store, list(found.values()), reached)
    report.already += len(found) - len(report.new)
    report.seconds = time.perf_counter() - started
    return report


def _consider(
    source: Source,
    raw: RawMessage,
    matcher: Matcher,
    known: set[str],
    found: dict[str, Proposal],
    mine: set[str],
    report: ScanReport,
) -> Proposal | None:
    if not any(matcher.knows(a) for a in quick_addresses(raw.header) - mine):
        return None  # matches nothing: ignored, and nothing about it is kept
    hdr = parse_headers(raw.header, raw.fallback_date)
    if hdr.message_id in known or hdr.message_id in found:
        report.already += 1
        return None
    sent = source.sent or (hdr.sender in mine)
    others = [a for a in hdr.recipients if a not in mine] if sent else [hdr.sender]
    others = [a for a in others if a and matcher.knows(a)]
    if not others:
        return None  # matches nothing: ignored, and nothing about it is kept
    day = date_of(hdr.date)
    candidates: dict[int, Candidate] = {}
    for address in others:
        for c in matcher.candidates(address, day):
            if c.application.id not in candidates or c.strength > candidates[c.application.id].strength:
                candidates[c.application.id] = c
    if not candidates:
        report.ignored["mail from before the application"] += 1
        return None
    body = source.body(raw.key)
    report.bodies += 1
    text = new_text(body_text(body))
    if not text and raw.size > BODY_LIMIT:
        mb = raw.size / 1_000_000
        report.notes.append(
            f"{source.label}: “{hdr.subject}” is {mb:.0f} MB and has no text in its first "
            f"{BODY_LIMIT // 1_000_000} MB; skipped, nothing was written for it"
        )
        return None
    best, tied = choose(list(candidates.values()), f"{hdr.subject}\n{text}")
    app = best.application
    events = matcher.board.events_for(app.id)
    if sent:
        if app.applied_on is not None and day is not None and day <= app.applied_on:
            report.ignored["your application itself"] += 1
            return None
        after_interview = any(e.kind == "interview" and (day is None or e.on <= day) for e in events)
        cls = classify_sent(hdr.subject, text, after_interview=after_interview)
    else:
        machine = hdr.generated or is_no_reply(hdr.sender)
        cls = classify_received(hdr.subject, text, automatic=hdr.automatic, machine=machine, sent_on=day)
        if cls.category == "auto_reply":
            report.ignored["automatic replies (out of office)"] += 1
            return None
        vague = cls.category in ("unclear", "positive", "neutral")
        if best.strength == DOMAIN and vague and (hdr.bulk or not (hdr.is_reply or best.role_score)):
            report.ignored["mail from a company's domain that is not about an application"] += 1
            return None
        if cls.category == "acknowledgement" and app.stage != "saved" and app.applied_on is not None:
            report.ignored["acknowledgements of applications already marked applied"] += 1
            return None
    proposal = _proposal(source, hdr, day, text, best, tied, cls)
    if _already_logged(events, proposal):
        report.ignored["already on the timeline"] += 1
        return None
    return proposal


def _already_logged(events: list[Event], p: Proposal) -> bool:
    for e in events:
        if e.on != p.event_on:
            continue
        if p.event_kind == "applied" and e.kind == "applied":
            return True
        if e.kind == p.event_kind and (p.response is None or e.response == p.response):
            return True
    return False


def _proposal(
    source: Source,
    hdr: Headers,
    day: date | None,
    text: str,
    best: Candidate,
    tied: list[Candidate],
    cls: Classification,
) -> Proposal:
    app: Application = best.application
    kind, response, move = PLAN[cls.category]
    on = day or clock.today()
    short = snippet(text)
    who = hdr.sender_name or hdr.sender
    label = LABELS[cls.category]
    if source.sent or cls.category in ("follow_up_sent", "thank_you_sent"):
        who = ", ".join(hdr.recipients[:2])
        event_text = f"{label.capitalize()} by mail to {who}: “{hdr.subject}”"
    elif cls.category == "interview" and cls.interview_on is not None:
        at = f" {cls.interview_at}" if cls.interview_at else ""
        on = cls.interview_on
        event_text = f"Interview invitation from {who} for {on:%a %d %b %Y}{at}: “{hdr.subject}” — {short}"
    elif cls.category == "interview":
        # no one day stated: a positive answer now; the interview is logged once it is set
        kind, response = "response_received", "positive"
        offered = "several times offered" if cls.several_times else "no date stated"
        event_text = f"Interview invitation from {who} ({offered}): “{hdr.subject}” — {short}"
    else:
        event_text = f"{label.capitalize()} from {who}: “{hdr.subject}” — {short}"
    why = [best.why, f"{label}: {cls.why}"]
    if best.role_score:
        why.append(f"the role “{app.role}” is named")
    if tied:
        others = ", ".join(f"#{c.application.id} {c.application.role}" for c in tied)
        why.append(f"it could also be {others}: the mail does not name the role")
    sender = ", ".join(hdr.recipients[:3]) if source.sent or cls.category.endswith("_sent") else hdr.sender
    return Proposal(
        message_id=hdr.message_id,
        source=source.label,
        sent_at=hdr.date.astimezone(UTC).isoformat() if hdr.date else "",
        sender=sender,
        sender_name="" if source.sent else hdr.sender_name,
        subject=hdr.subject[:300],
        snippet=short,
        category=cls.category,
        application_id=app.id,  # type: ignore[arg-type]
        alternatives=[c.application.id for c in tied],  # type: ignore[misc]
        contact_id=best.contact.id if best.contact else None,
        event_kind=kind,
        event_on=on,
        response=response,
        event_text=event_text,
        why="; ".join(why),
        move_to=move[0] if move else None,
        outcome=move[1] if move else None,
    )
