"""Which application a message belongs to, and why (issue 17, Matching).

A message matches an application when the other party — the sender of a message you
received, a recipient of one you sent — is

1. one of the application's own contacts,
2. a contact at its company (company names compared loosely, DESIGN.md §5), or
3. at the company's domain: taken from its contacts' addresses and its posting URL
   (not a personal provider such as gmail.com, nor an ATS host), or a domain whose
   name is the company's (``acme.example`` for "Acme, Inc.").

A message older than the application (three days' grace) is not about it. Between two
applications at one company, the role named in the subject or body decides; then an
open application wins over a closed one, then the latest.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from tui.domain.board import Board
from tui.domain.companies import company_key
from tui.domain.models import Application, Contact
from tui.io.inbox.addresses import (
    company_domain_of_address,
    company_domain_of_url,
    contact_emails,
    registered_domain,
)

GRACE_DAYS = 3
_ROLE_NOISE = frozenset(
    {"and", "the", "for", "of", "a", "an", "in", "at", "to", "sr", "jr", "ii", "iii", "i"}
)

# how strongly an application is tied to the address
ATTACHED, AT_COMPANY, DOMAIN = 3, 2, 1


@dataclass
class Candidate:
    application: Application
    contact: Contact | None
    strength: int
    why: str
    role_score: int = 0


@dataclass
class Matcher:
    board: Board
    by_address: dict[str, list[Contact]] = field(default_factory=dict)
    domains: dict[str, list[Application]] = field(default_factory=dict)  # registered domain → applications
    named: dict[str, list[Application]] = field(default_factory=dict)  # company key → applications
    contacts_of: dict[int, set[int]] = field(default_factory=dict)  # application id → its contacts' ids
    domain_why: dict[tuple[str, int], str] = field(default_factory=dict)

    @classmethod
    def build(cls, board: Board) -> Matcher:
        m = cls(board)
        by_company: dict[str, list[Contact]] = defaultdict(list)
        for contact in board.contacts:
            for address in contact_emails(contact):
                m.by_address.setdefault(address, []).append(contact)
            key = company_key(contact.company)
            if key:
                by_company[key].append(contact)
        domains: dict[str, dict[int, Application]] = defaultdict(dict)
        for app in board.applications:
            key = company_key(app.company)
            attached = [board.contact_by_id[c] for c in app.contact_ids if c in board.contact_by_id]
            people = {c.id: c for c in [*attached, *by_company.get(key, [])]}
            m.contacts_of[app.id] = set(people)
            if key:
                m.named.setdefault(key, []).append(app)
            for contact in people.values():
                for address in contact_emails(contact):
                    domain = company_domain_of_address(address)
                    if domain and app.id not in domains[domain]:
                        domains[domain][app.id] = app
                        m.domain_why.setdefault((domain, app.id), f"the company's domain ({address})")
            domain = company_domain_of_url(app.url)
            if domain and app.id not in domains[domain]:
                domains[domain][app.id] = app
                m.domain_why.setdefault((domain, app.id), "the domain of the posting's link")
        m.domains = {domain: list(apps.values()) for domain, apps in domains.items()}
        return m

    def fingerprint(self) -> str:
        """Changes when what can match changes (a new contact, application or URL): then every
        folder is read again from its start, since old mail may now match."""
        parts = sorted(self.by_address) + sorted(self.domains) + sorted(self.named)
        parts += [f"{a.id}:{_start(a)}" for a in self.board.applications]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]

    def knows(self, address: str) -> bool:
        """A cheap test on the headers alone: could this address match anything?"""
        if address in self.by_address:
            return True
        domain = registered_domain(address.rpartition("@")[2])
        return domain in self.domains or _domain_name(domain) in self.named

    def candidates(self, address: str, day: date | None) -> list[Candidate]:
        found: dict[int, Candidate] = {}

        def offer(app: Application, contact: Contact | None, strength: int, why: str) -> None:
            if day is not None and (start := _start(app)) is not None and day < start - timedelta(GRACE_DAYS):
                return
            best = found.get(app.id)
            if best is None or strength > best.strength:
                found[app.id] = Candidate(app, contact, strength, why)

        for contact in self.by_address.get(address, []):
            for app in self.board.applications:
                if contact.id in app.contact_ids:
                    offer(app, contact, ATTACHED, f"{contact.display_name} <{address}> is its contact")
                elif contact.id in self.contacts_of.get(app.id, ()):
                    offer(
                        app, contact, AT_COMPANY, f"{contact.display_name} <{address}> works at {app.company}"
                    )
        domain = registered_domain(address.rpartition("@")[2])
        for app in self.domains.get(domain, []):
            offer(app, None, DOMAIN, f"{address} is at {self.domain_why.get((domain, app.id), 'its domain')}")
        for app in self.named.get(_domain_name(domain), []):
            offer(app, None, DOMAIN, f"{address} is at {domain}, the domain named like {app.company}")
        return list(found.values())


def _start(app: Application) -> date | None:
    if app.applied_on is not None:
        return app.applied_on
    if app.created_at:
        try:
            return date.fromisoformat(app.created_at[:10])
        except ValueError:
            return None
    return None


def _domain_name(domain: str) -> str:
    """``acme-corp.example`` → the company key it would have ("acmecorp")."""
    first = domain.split(".")[0] if domain else ""
    return company_key(first.replace("-", " "))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9+#]+", text.lower())


def role_score(role: str, text: str) -> int:
    """2 when the role is named as written, 1 when all its words appear, else 0."""
    role_words = _words(role)
    if not role_words:
        return 0
    words = _words(text)
    joined = " " + " ".join(words) + " "
    if " " + " ".join(role_words) + " " in joined:
        return 2
    wanted = {w for w in role_words if w not in _ROLE_NOISE}
    return 1 if wanted and wanted <= set(words) else 0


def choose(candidates: list[Candidate], text: str) -> tuple[Candidate, list[Candidate]]:
    """The best candidate and the others left tied with it (for the user to pick instead)."""
    for c in candidates:
        c.role_score = role_score(c.application.role, text)

    def rank(c: Candidate) -> tuple:
        app = c.application
        return (
            c.strength,
            c.role_score,
            app.stage != "closed",
            _start(app) or date.min,
            app.id or 0,
        )

    ordered = sorted(candidates, key=rank, reverse=True)
    best = ordered[0]
    tied = [c for c in ordered[1:] if (c.strength, c.role_score) == (best.strength, best.role_score)]
    return best, tied
