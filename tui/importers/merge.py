"""Merging imported contacts into the ones already kept, without duplicates (DESIGN.md §5).

Two records are the same person when they share an email address (case ignored) or a
profile URL (scheme, "www.", a country subdomain, trailing slash, query string, fragment
and case ignored). A record with neither is matched by its exact name (case, accents and
spacing ignored) and company (compared loosely, as the finder does: ``company_key``).

Rows of one file that are the same person are folded together first (a later row fills
gaps and brings the newer title and company), so a repeated row never becomes a second
contact and importing the same file twice changes nothing the second time.

An update only fills empty fields and refreshes title and company when they changed
(a job change); it never erases or overwrites what the user typed: name, email, notes,
role and relationship stay as they are. Pure: nothing here touches the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import unquote

from tui.companies import company_key
from tui.contact_search import fold
from tui.models import Contact, ValidationError

UP_TO_DATE = "already up to date"
NO_NAME = "without a name or address"
REPEATED = "repeated in the file"

# scheme://host/path?query#fragment, each part optional ("linkedin.com/in/x" has no scheme).
_URL_PARTS = re.compile(r"(?:[a-z][a-z0-9+.\-]*://|//)?([^/?#]*)([^?#]*)", re.IGNORECASE)
# Filled when empty, never overwritten.
_FILL = ("name", "email", "phone", "linkedin", "twitter", "notes")


@dataclass
class MergePlan:
    """What an import would do: contacts to add, (existing, merged) pairs to update (the
    merged one keeps the existing id), and incoming contacts left alone, with the reason."""

    added: list[Contact] = field(default_factory=list)
    updated: list[tuple[Contact, Contact]] = field(default_factory=list)
    skipped: list[tuple[Contact, str]] = field(default_factory=list)

    def summary(self) -> str:
        """ "added 120, updated 3, skipped 7 (5 already up to date, 2 without a name or address)"."""
        text = f"added {len(self.added)}, updated {len(self.updated)}, skipped {len(self.skipped)}"
        if self.skipped:
            reasons = Counter(reason for _, reason in self.skipped)
            text += " (" + ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()) + ")"
        return text


def email_key(email: str) -> str:
    """The comparison key of an email address: trimmed, case ignored ("" if not one)."""
    email = (email or "").strip().casefold()
    return email if "@" in email else ""


@lru_cache(maxsize=65_536)
def profile_key(url: str) -> str:
    """The comparison key of a profile URL: host without "www." (any linkedin.com host
    becomes linkedin.com) and path, lowercased, without scheme, query, fragment or a
    trailing slash. "" when there is no URL."""
    m = _URL_PARTS.match((url or "").strip())
    if m is None or not (m.group(1) or m.group(2)):
        return ""
    host = m.group(1).rpartition("@")[2].partition(":")[0].casefold().removeprefix("www.")
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    path = m.group(2)
    if "%" in path:
        path = unquote(path)
    key = host + path.rstrip("/").casefold()
    return key if key.isascii() else unicodedata.normalize("NFC", key)


def name_key(contact: Contact) -> tuple[str, str] | None:
    """(name, company) compared loosely, for a record without email or URL."""
    name = " ".join(fold(contact.name or "").split())
    if not name:
        return None
    company = contact.company or ""
    return name, company_key(company) or " ".join(fold(company).split())


class _Person:
    """One contact as the merge sees it: where it came from and its current state."""

    __slots__ = ("added_at", "current", "original", "rows")

    def __init__(self, current: Contact, original: Contact | None) -> None:
        self.current = current
        self.original = original  # the stored contact, or None for a new one
        self.rows: list[Contact] = []  # the incoming rows folded into it
        self.added_at = -1  # its place in MergePlan.added, when new


class _Keys:
    """email / profile / name-and-company -> person; the first one registered wins."""

    def __init__(self) -> None:
        self.email: dict[str, _Person] = {}
        self.profile: dict[str, _Person] = {}
        self.name: dict[tuple[str, str], _Person] = {}
        self._pending_names: list[_Person] = []  # name keys are built only if needed

    def add(self, person: _Person) -> None:
        c = person.current
        if key := email_key(c.email):
            self.email.setdefault(key, person)
        if key := profile_key(c.linkedin):
            self.profile.setdefault(key, person)
        self._pending_names.append(person)

    def find(self, c: Contact) -> _Person | None:
        e, p = email_key(c.email), profile_key(c.linkedin)
        found = (self.email.get(e) if e else None) or (self.profile.get(p) if p else None)
        if found is not None or e or p:
            return found
        key = name_key(c)
        if key is None:
            return None
        for person in self._pending_names:  # build the name index on first use
            if (k := name_key(person.current)) is not None:
                self.name.setdefault(k, person)
        self._pending_names.clear()
        return self.name.get(key)


def _merge(base: Contact, incoming: Contact) -> Contact:
    """``base`` with its empty fields filled from ``incoming`` and title / company
    refreshed when they changed. ``base`` itself when nothing changes."""
    changes: dict[str, str | None] = {}
    for name in _FILL:
        mine, theirs = getattr(base, name) or "", getattr(incoming, name) or ""
        if not mine.strip() and theirs.strip():
            changes[name] = theirs
    title = (incoming.title or "").strip()
    if title and " ".join(fold(title).split()) != " ".join(fold(base.title or "").split()):
        changes["title"] = title
    company = (incoming.company or "").strip()
    if company and not _same_company(company, base.company or ""):
        changes["company"] = company
    if base.role is None and incoming.role is not None:
        changes["role"] = incoming.role
    if not changes:
        return base
    merged = replace(base, **changes)
    merged.check()
    return merged


def _same_company(a: str, b: str) -> bool:
    ka, kb = company_key(a), company_key(b)
    if ka or kb:
        return ka == kb
    return " ".join(fold(a).split()) == " ".join(fold(b).split())


def plan_merge(existing: Iterable[Contact], incoming: Iterable[Contact]) -> MergePlan:
    """What importing ``incoming`` into ``existing`` should do (see the module docstring)."""
    plan = MergePlan()
    # 1. Fold the incoming rows that are the same person into one record each.
    groups: list[_Person] = []
    within = _Keys()
    for c in incoming:
        if not ((c.name or "").strip() or (c.email or "").strip()):
            plan.skipped.append((c, NO_NAME))
            continue
        group = within.find(c)
        if group is None:
            group = _Person(c, None)
            groups.append(group)
        else:
            try:
                group.current = _merge(group.current, c)
            except ValidationError as exc:
                plan.skipped.append((c, f"not importable: {exc}"))
                continue
        group.rows.append(c)
        within.add(group)  # again after a merge: it may have gained an email or URL

    # 2. Match each folded record with a stored contact, or add it.
    stored = _Keys()
    for c in existing:
        stored.add(_Person(c, c))
    updated: dict[int, _Person] = {}  # id(person) -> person, in the order first updated
    for group in groups:
        record, first, repeats = group.current, group.rows[0], group.rows[1:]
        person = stored.find(record)
        if person is None:
            group.added_at = len(plan.added)
            plan.added.append(record)
            stored.add(group)
            plan.skipped.extend((row, REPEATED) for row in repeats)
            continue
        try:
            merged = _merge(person.current, record)
        except ValidationError as exc:
            plan.skipped.extend((row, f"not importable: {exc}") for row in group.rows)
            continue
        if merged is person.current:
            untouched = person.original is not None and person.current is person.original
            plan.skipped.extend((row, UP_TO_DATE if untouched else REPEATED) for row in group.rows)
            continue
        person.current = merged
        stored.add(person)
        if person.original is None:  # added by an earlier record of this same import
            plan.added[person.added_at] = merged
            plan.skipped.append((first, REPEATED))
        else:
            updated[id(person)] = person
        plan.skipped.extend((row, REPEATED) for row in repeats)
    plan.updated = [(p.original, p.current) for p in updated.values() if p.original is not None]
    return plan
