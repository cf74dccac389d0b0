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

from tui.domain.companies import company_key
from tui.domain.models import Contact, ValidationError
from tui.followup.contact_search import fold

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
    """(name, company) as compared for a record without email or URL: the name with case,
    accents and spacing ignored, the company by ``company_key``. None without a name."""
    name = " ".join(fold(contact.name or "").split())
    if not name:
        return None
    company = contact.company or ""
    return name, company_key(company) or " ".join(fold(company).split())


class _Person:
    """One contact as the merge sees it: where it came from and its current state."""

    __slots__ = ("alias", "current", "original", "rows")

    def __init__(self, current: Contact, original: Contact | None) -> None:
        self.current = current
        self.original = original  # the stored contact, or None for a new one
        self.rows: list[tuple[int, Contact]] = []  # (position in the input, row) folded in
        self.alias: _Person | None = None  # set when it was folded into another person

    def resolve(self) -> _Person:
        person = self
        while person.alias is not None:
            person = person.alias
        return person


class _Keys:
    """email / profile / name-and-company -> person; the first one registered wins."""

    def __init__(self) -> None:
        self.email: dict[str, _Person] = {}
        self.profile: dict[str, _Person] = {}
        self.name: dict[str, dict[int, _Person]] = {}  # folded name -> {id(person): person}
        self._pending_names: list[_Person] = []  # name keys are built only if needed

    def add(self, person: _Person) -> None:
        c = person.current
        if key := email_key(c.email):
            self.email.setdefault(key, person)
        if key := profile_key(c.linkedin):
            self.profile.setdefault(key, person)
        self._pending_names.append(person)

    def lookup(self, c: Contact) -> list[_Person]:
        """The people ``c`` is: by email, then by profile (both when they differ: ``c``
        links them), else by name and company when ``c`` has neither."""
        e, p = email_key(c.email), profile_key(c.linkedin)
        if e or p:
            found: list[_Person] = []
            for person in (self.email.get(e) if e else None, self.profile.get(p) if p else None):
                if person is not None and (person := person.resolve()) not in found:
                    found.append(person)
            return found
        key = name_key(c)
        if key is None:
            return []
        for person in self._pending_names:  # build the name index on first use
            if (k := name_key(person.current)) is not None:
                self.name.setdefault(k[0], {})[id(person)] = person
        self._pending_names.clear()
        exact: list[_Person] = []
        loose: list[_Person] = []
        for p in dict.fromkeys(q.resolve() for q in self.name.get(key[0], {}).values()):
            theirs = name_key(p.current)  # its name may have changed since it was indexed
            if theirs is None or theirs[0] != key[0]:
                continue
            if theirs[1] == key[1]:
                exact.append(p)
            elif not (theirs[1] and key[1]):
                loose.append(p)  # one side does not know the company
        # Among namesakes at the same company, one with no email or URL either is the
        # likeliest the same record (it came from a row like this one). A company known on
        # one side only still matches, when just one namesake could be meant.
        bare = [p for p in exact if not email_key(p.current.email) and not profile_key(p.current.linkedin)]
        if bare or exact:
            return (bare or exact)[:1]
        return loose if len(loose) == 1 else []


def _merge(base: Contact, incoming: Contact) -> Contact:
    """``base`` with its empty fields filled from ``incoming`` and title / company
    refreshed when they changed. ``base`` itself when nothing changes."""
    changes: dict[str, str] = {}
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


def _fold_rows(rows: list[tuple[int, Contact]]) -> Contact:
    """The rows of one person merged in file order (a later row's job wins)."""
    current = rows[0][1]
    for _, row in rows[1:]:
        current = _merge(current, row)
    return current


def plan_merge(existing: Iterable[Contact], incoming: Iterable[Contact]) -> MergePlan:
    """What importing ``incoming`` into ``existing`` should do (see the module docstring)."""
    skipped: list[tuple[int, Contact, str]] = []  # (position in the input, row, reason)

    # 1. Fold the incoming rows that are the same person into one record each.
    groups: list[_Person] = []
    within = _Keys()
    for i, c in enumerate(incoming):
        if not ((c.name or "").strip() or (c.email or "").strip()):
            skipped.append((i, c, NO_NAME))
            continue
        found = within.lookup(c)
        if not found:
            group = _Person(c, None)
            groups.append(group)
            group.rows.append((i, c))
        else:
            group, others = found[0], found[1:]
            rows = [*group.rows, (i, c)]
            try:
                if others:  # this row shows two records are one person: fold all in file order
                    rows = sorted([*rows, *(r for other in others for r in other.rows)], key=lambda r: r[0])
                    current = _fold_rows(rows)
                else:  # the common case: this row is the latest, merge it on top
                    current = _merge(group.current, c)
            except ValidationError as exc:
                skipped.append((i, c, f"not importable: {exc}"))
                continue
            for other in others:
                other.alias = group
            group.rows, group.current = rows, current
        within.add(group)  # again after a merge: it may have gained an email or URL

    # 2. Match each record with a stored contact (or one added just before), or add it.
    stored = _Keys()
    for c in existing:
        stored.add(_Person(c, c))
    touched: dict[int, tuple[_Person, list[tuple[int, Contact]]]] = {}
    # Records with an email or URL first: a match by name is the weaker one, and should see
    # the companies those have brought (or a second import could match differently).
    keyed: list[_Person] = []
    named: list[_Person] = []
    for g in groups:
        if g.alias is None:
            (keyed if email_key(g.current.email) or profile_key(g.current.linkedin) else named).append(g)
    for group in keyed + named:
        found = stored.lookup(group.current)
        if not found:
            person = _Person(group.current, None)
            stored.add(person)
        else:
            person = found[0]
            try:
                merged = _merge(person.current, group.current)
            except ValidationError as exc:
                skipped.extend((i, row, f"not importable: {exc}") for i, row in group.rows)
                continue
            if merged is not person.current:
                person.current = merged
                stored.add(person)
        touched.setdefault(id(person), (person, []))[1].extend(group.rows)

    plan = MergePlan()
    for person, rows in sorted(touched.values(), key=lambda t: min(i for i, _ in t[1])):  # file order
        rows.sort(key=lambda r: r[0])
        if person.original is None:
            plan.added.append(person.current)
        elif person.current == person.original:  # nothing new, or changes that cancel out
            skipped.extend((i, row, UP_TO_DATE) for i, row in rows)
            continue
        else:
            plan.updated.append((person.original, person.current))
        skipped.extend((i, row, REPEATED) for i, row in rows[1:])
    plan.skipped = [(row, reason) for _, row, reason in sorted(skipped, key=lambda s: s[0])]
    return plan
