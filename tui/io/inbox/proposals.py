"""Proposals: what a scan found, kept until the user accepts or rejects each (issue 17).

They live in the store's own file, in the ``inbox`` table (and where each folder's
scan stopped in ``inbox_cursors``), so they have its guarantees — atomic writes, the
lock, 0600, backups — and, above all, accepting one is ONE transaction: the event is
logged, the card moved if asked, and the proposal marked accepted together, or none
of it. (A separate file could not promise that: a crash between the two writes would
log the answer twice or lose that it was accepted.)

A proposal is never deleted: accepted and rejected ones stay, so each message is
proposed once (their Message-IDs are the memory) and ids are never reused. Only what
the user needs to decide is kept: the message id, the date, the sender, the subject,
a short snippet, and why it matched.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from tui.domain import clock
from tui.domain.errors import InputError
from tui.domain.models import RESPONSES, Event
from tui.store.repository import Store

TABLE = "inbox"
CURSORS = "inbox_cursors"
STATUSES = ("pending", "accepted", "rejected")
KINDS = ("response_received", "interview", "follow_up_sent", "thank_you_sent", "applied")
TEXT_LIMIT = 600

# what each category proposes: the event kind, its response, the move it offers
PLAN = {
    "rejected": ("response_received", "rejected", ("closed", "rejected")),
    "position_closed": ("response_received", "position_closed", ("closed", "position_closed")),
    "interview": ("interview", None, ("interviewing", None)),
    "positive": ("response_received", "positive", None),
    "neutral": ("response_received", "neutral", None),
    "unclear": ("response_received", None, None),
    "acknowledgement": ("applied", None, ("applied", None)),
    "follow_up_sent": ("follow_up_sent", None, None),
    "thank_you_sent": ("thank_you_sent", None, None),
}
LABELS = {
    "rejected": "rejection",
    "position_closed": "position closed",
    "interview": "interview invitation",
    "positive": "positive reply",
    "neutral": "neutral reply",
    "unclear": "reply received",
    "acknowledgement": "application acknowledged",
    "follow_up_sent": "follow-up sent",
    "thank_you_sent": "thank-you sent",
}


@dataclass
class Proposal:
    message_id: str
    source: str
    sent_at: str  # the message's Date, ISO 8601
    sender: str  # the other party: who wrote, or whom you wrote to
    subject: str
    snippet: str
    category: str
    application_id: int
    event_kind: str
    event_on: date
    why: str
    id: int | None = None
    sender_name: str = ""
    response: str | None = None  # None for an unclear reply: the user picks one on accept
    contact_id: int | None = None
    event_text: str = ""
    alternatives: list[int] = field(default_factory=list)  # other applications it could be about
    move_to: str | None = None
    outcome: str | None = None
    status: str = "pending"
    decided_at: str = ""
    event_id: int | None = None

    @property
    def label(self) -> str:
        return LABELS.get(self.category, self.category)

    @property
    def needs_response(self) -> bool:
        return self.event_kind == "response_received" and self.response is None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["event_on"] = self.event_on.isoformat()
        out.pop("id")
        return out

    @classmethod
    def from_dict(cls, doc: dict[str, Any], doc_id: int) -> Proposal:
        """A stored proposal; ValueError when a hand edit broke it (the caller skips it)."""
        known = {k: v for k, v in doc.items() if k in cls.__dataclass_fields__ and k != "id"}
        known["event_on"] = date.fromisoformat(str(known.get("event_on")))
        p = cls(**known, id=doc_id)
        if p.status not in STATUSES or p.event_kind not in KINDS or not isinstance(p.application_id, int):
            raise ValueError(f"proposal {doc_id} is not one this version understands")
        return p


def all_proposals(store: Store) -> list[Proposal]:
    out = []
    for doc in store.feature_table(TABLE).all():
        try:
            out.append(Proposal.from_dict(dict(doc), doc.doc_id))
        except (ValueError, TypeError, KeyError):
            continue  # a hand-edited row we cannot read is left alone, never rewritten
    return out


def pending(store: Store) -> list[Proposal]:
    """The proposals waiting for a decision, oldest message first."""
    return sorted((p for p in all_proposals(store) if p.status == "pending"), key=lambda p: (p.sent_at, p.id))


def known_message_ids(store: Store) -> set[str]:
    return {str(doc.get("message_id")) for doc in store.feature_table(TABLE).all()}


def cursors(store: Store) -> dict[str, dict[str, Any]]:
    return {str(doc.get("source")): dict(doc) for doc in store.feature_table(CURSORS).all()}


def save_scan(store: Store, found: list[Proposal], reached: dict[str, dict[str, Any]]) -> list[Proposal]:
    """Keep the new proposals and where each folder stopped, in one write.

    A message another scan proposed meanwhile (two terminals) is not proposed twice.
    """
    from tinydb import Query

    with store.transaction():
        known = known_message_ids(store)
        fresh: list[Proposal] = []
        for p in found:
            if p.message_id in known:
                continue
            known.add(p.message_id)
            fresh.append(p)
        table = store.feature_table(TABLE)
        ids = table.insert_multiple([p.to_dict() for p in fresh]) if fresh else []
        for p, doc_id in zip(fresh, ids, strict=True):
            p.id = doc_id
        marks = store.feature_table(CURSORS)
        for source_id, doc in reached.items():
            marks.upsert({"source": source_id, **doc}, Query().source == source_id)
    return fresh


def get(store: Store, proposal_id: int) -> Proposal:
    doc = store.feature_table(TABLE).get(doc_id=proposal_id)
    if doc is None:
        raise InputError(f"No inbox proposal with id {proposal_id} (see `followup inbox`).")
    try:
        return Proposal.from_dict(dict(doc), proposal_id)
    except (ValueError, TypeError, KeyError):
        raise InputError(f"Inbox proposal {proposal_id} cannot be read; it was left as it is.") from None


def _decide(store: Store, p: Proposal, status: str, event_id: int | None = None) -> None:
    changes = {"status": status, "decided_at": clock.now_iso(), "event_id": event_id}
    store.feature_table(TABLE).update(changes, doc_ids=[p.id])
    p.status, p.decided_at, p.event_id = status, changes["decided_at"], event_id


def _pending(store: Store, proposal_id: int) -> Proposal:
    p = get(store, proposal_id)
    if p.status != "pending":
        raise InputError(f"Inbox proposal {proposal_id} was already {p.status}.")
    return p


def reject(store: Store, proposal_id: int) -> Proposal:
    with store.transaction():
        p = _pending(store, proposal_id)
        _decide(store, p, "rejected")
        return p


@dataclass
class Accepted:
    proposal: Proposal
    event: Event | None
    moved_to: str | None


def accept(
    store: Store,
    proposal_id: int,
    *,
    response: str | None = None,
    move: bool = False,
    application_id: int | None = None,
) -> Accepted:
    """Log the proposal's event (and move the card when ``move``), in one transaction."""
    if response is not None and response not in RESPONSES:
        raise InputError(f"{response!r} is not a response; use one of {', '.join(RESPONSES)}.")
    with store.transaction():
        p = _pending(store, proposal_id)
        app_id = p.application_id
        if application_id is not None:
            if application_id != p.application_id and application_id not in p.alternatives:
                listed = ", ".join(f"#{i}" for i in [p.application_id, *p.alternatives])
                raise InputError(f"Proposal {p.id} is about {listed}, not #{application_id}.")
            app_id = application_id
        app = store.get_application(app_id)
        kind, chosen = p.event_kind, response or p.response
        if kind == "response_received" and chosen is None:
            raise InputError(
                f"Proposal {p.id} is a reply to classify: accept it with --as "
                f"{'|'.join(RESPONSES)} (it says: “{p.snippet[:80]}”)."
            )
        if kind != "response_received":
            chosen = None
        contact_id = p.contact_id if p.contact_id is not None and _exists(store, p.contact_id) else None
        moved_to = None
        if kind == "applied":
            # an acknowledgement confirms `applied`; it is never a response
            if app.stage == "saved":
                store.move(app_id, "applied", on=p.event_on)
                moved_to = "applied"
            elif app.applied_on is None:
                store.update_application(app.with_changes(applied_on=p.event_on))
        event = store.add_event(
            Event(
                application_id=app_id,
                kind=kind,
                on=p.event_on,
                channel="email",
                contact_id=contact_id,
                response=chosen,
                text=p.event_text[:TEXT_LIMIT],
            )
        )
        if move:
            target, outcome = (p.move_to, p.outcome) if p.move_to != "applied" else (None, None)
            if chosen in ("rejected", "position_closed"):
                target, outcome = "closed", chosen
            if target == "interviewing" and app.stage not in ("saved", "applied"):
                target = None  # already past it
            if target and (target, outcome) != (app.stage, app.outcome):
                store.move(app_id, target, outcome, on=clock.today())
                moved_to = target
        if p.application_id != app_id:
            store.feature_table(TABLE).update({"application_id": app_id}, doc_ids=[p.id])
            p.application_id = app_id
        _decide(store, p, "accepted", event.id)
        return Accepted(p, event, moved_to)


def _exists(store: Store, contact_id: int) -> bool:
    try:
        store.get_contact(contact_id)
    except InputError:
        return False
    return True


def reopen(
    store: Store, proposal_id: int, *, stage: str | None = None, outcome: str | None = None
) -> Proposal:
    """Undo a decision: the event it logged removed, the card moved back to ``stage`` (when
    given), the proposal pending again."""
    with store.transaction():
        p = get(store, proposal_id)
        if p.event_id is not None:
            with contextlib.suppress(InputError):  # deleted by hand meanwhile
                store.delete_event(p.event_id)
        if stage is not None:
            app = store.get_application(p.application_id)
            if (app.stage, app.outcome) != (stage, outcome):
                store.move(p.application_id, stage, outcome)
        store.feature_table(TABLE).update(
            {"status": "pending", "decided_at": "", "event_id": None}, doc_ids=[p.id]
        )
        p.status, p.decided_at, p.event_id = "pending", "", None
        return p
