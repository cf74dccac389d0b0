"""Finding the right person to follow up with (DESIGN.md §5, the ranking part).

The seed's advice: a follow-up goes to the person in charge of hiring for the role,
not a general HR inbox, and on the platform the posting asked for (email is the safe
default). This module ranks an application's candidates that way and picks each
one's channel. Fuzzy search over all contacts lives elsewhere.

Everything here runs for every card on a board of thousands, so the per-company
contact lists are built once per ``Board`` snapshot and memoised (``board_memo``).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from tui.domain.board import Board
from tui.domain.companies import company_key
from tui.domain.models import Application, Contact

# Role order for an application follow-up: the decision maker first, the general
# inbox last (the seed: "chances are you won't hear back").
FOLLOW_UP_ORDER: tuple[str, ...] = (
    "hiring_manager",
    "job_poster",
    "recruiter",
    "referrer",
    "interviewer",
    "peer",
    "other",
    "hr_inbox",
)
# After an interview the people you met come first, then the rest in the order above.
AFTER_INTERVIEW_ORDER: tuple[str, ...] = (
    "interviewer",
    "hiring_manager",
    "recruiter",
    *(r for r in FOLLOW_UP_ORDER if r not in ("interviewer", "hiring_manager", "recruiter")),
)
_RANK = {role: i for i, role in enumerate(FOLLOW_UP_ORDER)}
_RANK_AFTER = {role: i for i, role in enumerate(AFTER_INTERVIEW_ORDER)}

ROLE_LABELS: dict[str, str] = {
    "hiring_manager": "hiring manager",
    "job_poster": "job poster",
    "recruiter": "recruiter",
    "interviewer": "interviewer",
    "referrer": "referrer",
    "peer": "peer",
    "hr_inbox": "general HR inbox",
    "other": "contact",
}
HR_INBOX_WARNING = "replies from a general HR inbox are unlikely: find the person hiring for this role"
CHANNEL_PHRASES: dict[str, str] = {
    "email": "by email",
    "linkedin": "on LinkedIn",
    "twitter": "on Twitter",
    "phone": "by phone",
}


# --- per-board memo ---------------------------------------------------------------

_T = TypeVar("_T")
# id(board) -> (weak reference, stamp, memo). A Board is an unhashable dataclass, so a
# WeakKeyDictionary cannot hold it; the weak reference's callback drops the entry
# when the board is collected, so a reused id never sees a dead board's memo.
_MEMOS: dict[int, tuple[weakref.ref[Board], tuple[int, ...], dict[str, Any]]] = {}


def _drop(ref: weakref.ref[Board], key: int) -> None:
    entry = _MEMOS.get(key)
    if entry is not None and entry[0] is ref:
        del _MEMOS[key]


def board_memo(board: Board, name: str, build: Callable[[], _T]) -> _T:
    """``build()`` once per board snapshot and name, then the cached value.

    A board is a snapshot, but tests and importers sometimes append to its lists; the
    stamp (generation and sizes) notices that and starts a fresh memo.
    """
    stamp = (board.generation, len(board.applications), len(board.contacts), len(board.events))
    key = id(board)
    entry = _MEMOS.get(key)
    if entry is None or entry[0]() is not board or entry[1] != stamp:
        ref = weakref.ref(board, lambda r, k=key: _drop(r, k))
        entry = (ref, stamp, {})
        _MEMOS[key] = entry
    memo = entry[2]
    try:
        return memo[name]
    except KeyError:
        value = memo[name] = build()
        return value


# --- roles ------------------------------------------------------------------------

# Local parts of shared mailboxes: nobody in particular reads them.
_INBOX_LOCAL_PARTS = frozenset(
    {
        "jobs",
        "job",
        "careers",
        "career",
        "hr",
        "hrteam",
        "humanresources",
        "recruiting",
        "recruitment",
        "recruiter",
        "recruiters",
        "talent",
        "talentacquisition",
        "hiring",
        "people",
        "apply",
        "applications",
        "application",
        "joinus",
        "workwithus",
        "info",
        "contact",
        "hello",
        "office",
    }
)
_RECRUITER = re.compile(
    r"\b(recruit\w*|talent|sourc(?:er|ing)|head ?hunter|human resources|hr|hrbp"
    r"|people (?:partner|operations|ops)|staffing)\b"
)
# Individual contributors whose title happens to say "manager".
_IC_MANAGER = re.compile(
    r"\b(product|project|program|account|office|community|success|social media) manager\b"
)
_HIRING_MANAGER = re.compile(
    r"\b(manager|head of|director|vp|svp|evp|vice president|chief|ceo|cto|cio|coo|cpo|founder"
    r"|co-?founder|owner|president|managing partner|general manager|gm)\b"
)
_PEER = re.compile(
    r"\b(engineer\w*|developer|programmer|designer|analyst|scientist|architect|researcher|consultant"
    r"|specialist|associate|intern|administrator|technician|writer|sre|devops|accountant|coordinator"
    r"|representative|lead|principal|staff|member|product manager|project manager|program manager)\b"
)


_LOCAL_PART_NOISE = re.compile(r"[._\-]")


@lru_cache(maxsize=65_536)
def _is_inbox_address(email: str) -> bool:
    local, at, _domain = email.partition("@")
    if not at:
        return False
    local = local.lower().split("+", 1)[0]
    return _LOCAL_PART_NOISE.sub("", local) in _INBOX_LOCAL_PARTS


@lru_cache(maxsize=8192)
def _role_from_title(title: str) -> str | None:
    text = " ".join(title.lower().split())
    if not text:
        return None
    if _RECRUITER.search(text):
        return "recruiter"
    if _HIRING_MANAGER.search(text) and not _IC_MANAGER.search(text):
        return "hiring_manager"
    if _PEER.search(text):
        return "peer"
    return None


def infer_role(contact: Contact) -> str | None:
    """A role guessed from the address and title, or None when neither says.

    A shared mailbox (jobs@, careers@, hr@ ...) is an hr_inbox whatever its title: the
    message lands in a queue, not with a person.
    """
    if _is_inbox_address(contact.email or ""):
        return "hr_inbox"
    return _role_from_title(contact.title or "")


# One shared tuple per (role, inferred) pair: effective_role runs for every contact of
# a board, and shared constants keep that from allocating.
_PAIRS: dict[tuple[str, bool], tuple[str, bool]] = {
    (r, inferred): (r, inferred) for r in ROLE_LABELS for inferred in (False, True)
}


def effective_role(contact: Contact) -> tuple[str, bool]:
    """(role, inferred?): a role set on the contact wins; unknown and not inferable is "other"."""
    if contact.role:
        return _PAIRS.get((contact.role, False)) or (contact.role, False)
    return _PAIRS[(infer_role(contact) or "other", True)]


def interviewer_ids(app: Application, board: Board) -> list[int]:
    """Everyone named on the application's interview events, in the order they were logged."""
    out: list[int] = []
    for event in board.events_for(app.id):
        if event.kind == "interview":
            out += [c for c in event.people if c not in out]
    return out


def role_for(contact: Contact, met: Collection[int]) -> tuple[str, bool]:
    """``effective_role``, except that someone you met at this application's interview, whose
    role is unknown, is its interviewer (inferred: shown as such until confirmed)."""
    if not contact.role and contact.id in met:
        return _PAIRS[("interviewer", True)]
    return effective_role(contact)


# --- channels ---------------------------------------------------------------------

_ASKS_FOR_CALLS = re.compile(
    r"\b(call (?:me|us|our|the)|give (?:me|us) a (?:call|ring)|phone (?:me|us)|feel free to (?:call|phone)"
    r"|phone calls? (?:are |is )?welcome|calls? (?:are )?welcome|reach (?:me|us) by phone)\b"
)
_NO_CALLS = re.compile(r"\b(no|not|don'?t|never|without)\s+(?:\w+\s+){0,2}(call|calls|phone|phoning)\b")


@lru_cache(maxsize=1024)
def _text_asks_for_calls(text: str) -> bool:
    low = text.lower()
    return bool(_ASKS_FOR_CALLS.search(low)) and not _NO_CALLS.search(low)


def asks_for_calls(app: Application) -> bool:
    """The posting or the notes invite a phone call (and nothing there says not to)."""
    return _text_asks_for_calls(app.posting_text or "") or _text_asks_for_calls(app.notes or "")


def _channel(contact: Contact, role: str, blocked: Collection[str], calls_asked: bool) -> str | None:
    # The order follows the seed's "Know the platform":
    # 1. email: "generally a safer and less-invasive bet", so it wins whenever allowed,
    #    even for a casual contact (a casual contact is still fine to email);
    # 2. twitter: only for a casual relationship with someone who is not the key
    #    decision maker (not the hiring manager); for them it goes before LinkedIn,
    #    because touching base casually is exactly what the seed suggests it for;
    # 3. linkedin: the professional network, where the job poster is often found;
    # 4. phone: last, and only when the posting or notes asked for calls: an
    #    unannounced call risks catching someone off guard.
    if contact.email and "@" in contact.email and "email" not in blocked:
        return "email"
    if (
        contact.twitter
        and contact.relationship == "casual"
        and role != "hiring_manager"
        and "twitter" not in blocked
    ):
        return "twitter"
    if contact.linkedin and "linkedin" not in blocked:
        return "linkedin"
    if contact.phone and calls_asked and "phone" not in blocked:
        return "phone"
    return None


def best_channel(contact: Contact, app: Application, role: str) -> str | None:
    """The channel to reach ``contact`` about ``app``; never one of app.blocked_channels."""
    return _channel(contact, role, frozenset(app.blocked_channels), asks_for_calls(app))


def _no_channel_warning(contact: Contact, role: str, blocked: frozenset[str], calls_asked: bool) -> str:
    why: list[str] = []
    if contact.email and "@" in contact.email:
        why.append("email is blocked for this application")
    if contact.linkedin:
        why.append("LinkedIn is blocked for this application")
    if contact.twitter:
        if "twitter" in blocked:
            why.append("Twitter is blocked for this application")
        else:
            why.append("Twitter only suits a casual contact who is not the decision maker")
    if contact.phone:
        if "phone" in blocked:
            why.append("phone calls are blocked for this application")
        elif not calls_asked:
            why.append("call only when the posting asks for calls")
    if not why:
        return "no usable channel: no email address or LinkedIn profile on file"
    return "no usable channel: " + "; ".join(why)


# --- candidates -------------------------------------------------------------------


@dataclass
class Candidate:
    """One row of the finder: who, in which role, why they rank there, how to reach them."""

    contact: Contact
    role: str  # the contact's role, or the one inferred for it
    inferred: bool  # the role was guessed from the title or address (shown until confirmed)
    attached: bool  # attached to the application (else: found at the same company)
    channel: str | None  # the best allowed channel; None when none is usable
    reason: str  # why it ranks there: "hiring manager at Acme, attached to this application"
    warning: str | None = None  # a general HR inbox, or no usable channel

    @property
    def contact_id(self) -> int | None:
        return self.contact.id

    @property
    def role_label(self) -> str:
        """The role in words: "hiring manager", or "probably a recruiter" when guessed."""
        return inferred_label(self.role) if self.inferred else ROLE_LABELS.get(self.role, self.role)


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def inferred_label(role: str) -> str:
    """A guessed role in words ("probably a recruiter"); a shared inbox address is certain."""
    label = ROLE_LABELS.get(role, role)
    if role == "other":
        return "role unknown"
    if role == "hr_inbox":
        return label
    return f"probably {_article(label)} {label}"


def _reason(contact: Contact, role: str, inferred: bool, attached: bool, met: bool = False) -> str:
    if met:
        who = "interviewer" if role == "interviewer" else ROLE_LABELS.get(role, role)
        company = " ".join(contact.company.split())
        return f"you met them at the interview ({who}{' at ' + company if company else ''})"
    if role == "other" and inferred:
        who = "role unknown"
    else:
        who = ROLE_LABELS.get(role, role)
        if inferred:
            source = "address" if role == "hr_inbox" else "title"
            who = f"{who} (inferred from the {source})"
    company = " ".join(contact.company.split())
    phrase = f"{who} at {company}" if company else who
    if attached:
        phrase += ", attached to this application"
    return phrase


def _candidate(
    contact: Contact,
    role: str,
    inferred: bool,
    attached: bool,
    channel: str | None,
    app: Application,
    met: bool = False,
) -> Candidate:
    if channel is None:
        warning: str | None = _no_channel_warning(
            contact, role, frozenset(app.blocked_channels), asks_for_calls(app)
        )
    elif role == "hr_inbox":
        warning = HR_INBOX_WARNING
    else:
        warning = None
    return Candidate(
        contact, role, inferred, attached, channel, _reason(contact, role, inferred, attached, met), warning
    )


def _sort_name(contact: Contact) -> str:
    return contact.display_name.casefold()


@dataclass
class _Memo:
    """What the finder keeps per board snapshot (it must not hold the board itself: the
    memo lives as long as the board, not longer)."""

    by_company: dict[str, list[Contact]] | None = None
    # (company key, after interview?) -> that company's contacts by (role rank, name, id)
    ranked: dict[tuple[str, bool], list[Contact]] = field(default_factory=dict)
    # (company key, after interview?, blocked, calls asked?) -> index of the first reachable
    first_reachable: dict[tuple[str, bool, frozenset[str], bool], int] = field(default_factory=dict)

    def company_contacts(self, board: Board, key: str) -> list[Contact]:
        """The contacts whose company matches ``key``.

        One pass over all contacts collects those at the board's own companies (what
        the rules and the finder ask for); any other company is scanned on demand.
        """
        index = self.by_company
        if index is None:
            contacts = board.contacts
            wanted = set(map(company_key, map(_COMPANY, board.applications)))
            wanted.discard("")
            index = self.by_company = {k: [] for k in wanted}
            keys = [company_key(c.company) or _mail_company(c) for c in contacts]
            for ckey, contact in compress(zip(keys, contacts, strict=True), map(wanted.__contains__, keys)):
                index[ckey].append(contact)
        found = index.get(key)
        if found is None:
            found = index[key] = [
                c for c in board.contacts if (company_key(c.company) or _mail_company(c)) == key
            ]
        return found

    def ranked_company(self, board: Board, key: str, after_interview: bool) -> list[Contact]:
        found = self.ranked.get((key, after_interview))
        if found is None:
            ranks = _RANK_AFTER if after_interview else _RANK
            found = sorted(
                self.company_contacts(board, key) if key else (),
                key=lambda c: (ranks.get(effective_role(c)[0], len(ranks)), _sort_name(c), c.id or 0),
            )
            self.ranked[(key, after_interview)] = found
        return found


_COMPANY = attrgetter("company")


def _mail_company(contact: Contact) -> str:
    """For a contact with no company: the one its work address names (jane@stripe.example
    is at Stripe); "" for none or a public mail host."""
    if not contact.emails:
        return ""
    from tui.io.importers.merge import PUBLIC_MAIL

    for point in contact.emails:
        domain = point["value"].rpartition("@")[2].casefold()
        labels = domain.split(".")
        if len(labels) >= 2 and domain not in PUBLIC_MAIL:
            return company_key(labels[-2])
    return ""


def _memo(board: Board) -> _Memo:
    return board_memo(board, "finder", _Memo)


def _attached(app: Application, board: Board) -> list[Contact]:
    by_id = board.contact_by_id
    seen: set[int] = set()
    out: list[Contact] = []
    for cid in app.contact_ids:
        contact = by_id.get(cid)
        if contact is not None and cid not in seen:
            seen.add(cid)
            out.append(contact)
    return out


def candidates(
    app: Application, board: Board, *, after_interview: bool = False, met: Collection[int] | None = None
) -> list[Candidate]:
    """The application's attached contacts and everyone at its company, best first.

    Ranked by role (``FOLLOW_UP_ORDER``, or ``AFTER_INTERVIEW_ORDER`` once an interview
    is logged), attached contacts first within a role, then by name. After an interview
    the people you met there (``met``; default: everyone on its interview events) come
    before everyone else: the person you met is the person to thank.
    """
    ranks = _RANK_AFTER if after_interview else _RANK
    if not after_interview:
        met = ()
    elif met is None:
        met = interviewer_ids(app, board)
    met_order = {cid: i for i, cid in enumerate(met)}
    blocked = frozenset(app.blocked_channels)
    calls = asks_for_calls(app)
    attached = _attached(app, board)
    really_attached = {id(c) for c in attached}
    by_id = board.contact_by_id
    # The people you met are candidates even when they are neither attached nor at the company.
    for cid in met_order:
        contact = by_id.get(cid)
        if contact is not None and all(c is not contact for c in attached):
            attached.append(contact)
    attached_ids = {id(c) for c in attached}
    at_company = _memo(board).ranked_company(board, company_key(app.company), after_interview)
    rows: list[tuple[tuple[int, int, int, str, int], Candidate]] = []
    for listed, contacts in ((True, attached), (False, at_company)):
        for contact in contacts:
            if not listed and id(contact) in attached_ids:
                continue
            was_met = contact.id in met_order
            role, inferred = role_for(contact, met_order) if was_met else effective_role(contact)
            channel = _channel(contact, role, blocked, calls)
            first = met_order[contact.id] - len(met_order) if was_met else ranks.get(role, len(ranks))
            is_attached = listed and id(contact) in really_attached
            key = (first, 0 if is_attached else 1, 0, _sort_name(contact), contact.id or 0)
            cand = _candidate(contact, role, inferred, is_attached, channel, app, was_met)
            rows.append((key, cand))
    rows.sort(key=itemgetter(0))
    return [candidate for _key, candidate in rows]


def best_candidate(
    app: Application, board: Board, *, after_interview: bool = False, met: Collection[int] | None = None
) -> Candidate | None:
    """The first of ``candidates(...)`` that has a usable channel, without ranking them all."""
    if met is None:
        met = interviewer_ids(app, board) if after_interview else ()
    best = reachable(app, board, after_interview=after_interview, met=met)
    if best is None:
        return None
    contact, role, inferred, attached, channel = best
    return _candidate(contact, role, inferred, attached, channel, app, contact.id in met)


def reachable(
    app: Application, board: Board, *, after_interview: bool = False, met: Collection[int] = ()
) -> tuple[Contact, str, bool, bool, str] | None:
    """(contact, role, inferred, attached, channel) of ``best_candidate``, without its wording.

    ``met``: the contacts you met at the interview, tried first (in order) after an interview.

    The rules call this for every card, so it walks the company's presorted list from
    the first reachable contact (memoised per blocked-channel set) and stops there.
    """
    ranks = _RANK_AFTER if after_interview else _RANK
    blocked = frozenset(app.blocked_channels)
    calls = asks_for_calls(app)
    if after_interview and met:
        # The person you met comes first, whatever their role or company.
        for cid in met:
            contact = board.contact_by_id.get(cid)
            if contact is None:
                continue
            role, inferred = role_for(contact, met)
            channel = _channel(contact, role, blocked, calls)
            if channel is not None:
                return (contact, role, inferred, cid in app.contact_ids, channel)
    best: tuple[tuple[int, int, str, int], Contact, bool] | None = None  # (key, contact, attached)

    attached = _attached(app, board) if app.contact_ids else []
    for contact in attached:
        role, _inferred = effective_role(contact)
        if _channel(contact, role, blocked, calls) is not None:
            key = (ranks.get(role, len(ranks)), 0, _sort_name(contact), contact.id or 0)
            if best is None or key < best[0]:
                best = (key, contact, True)

    company = company_key(app.company)
    if company:
        memo = _memo(board)
        ranked = memo.ranked_company(board, company, after_interview)
        scan_key = (company, after_interview, blocked, calls)
        start = memo.first_reachable.get(scan_key)
        if start is None:
            start = next(
                (i for i, c in enumerate(ranked) if _channel(c, effective_role(c)[0], blocked, calls)),
                len(ranked),
            )
            memo.first_reachable[scan_key] = start
        attached_ids = {id(c) for c in attached} if attached else ()
        for contact in ranked[start:] if start < len(ranked) else ():
            role, _inferred = effective_role(contact)
            rank = ranks.get(role, len(ranks))
            if best is not None and (rank, 1) > best[0][:2]:
                break  # sorted: nothing further can beat what we have
            if id(contact) in attached_ids or _channel(contact, role, blocked, calls) is None:
                continue
            if best is None or (rank, 1, _sort_name(contact), contact.id or 0) < best[0]:
                best = ((rank, 1, "", 0), contact, False)
            break

    if best is None:
        return None
    _key, contact, is_attached = best
    role, inferred = effective_role(contact)
    channel = _channel(contact, role, blocked, calls)
    return (contact, role, inferred, is_attached, channel) if channel is not None else None
