"""One person, one contact: merging imported contacts with the ones already kept (DESIGN.md §5).

Who is the same person (each rule is symmetric, so the order of the files does not matter):

- **a shared key**: any email address (case ignored) or any profile URL (scheme, "www.",
  a country subdomain, trailing slash, query and case ignored) in common: always.
- **the same name** (case, accents and spacing ignored; a contact with no name is named by
  an address like ``jane.doe@...``) and, with nothing contradicting it (two different
  LinkedIn profiles), one of: the same company (``company_key``), an email address at the
  same work domain (not a public mail host), or an address whose domain is the other's
  company (``jane@stripe.example`` and "Stripe").
- **the same name and nothing else** (another company, or a company on one side only) is
  only *possibly* the same person: listed in the report's "possible duplicates", never
  merged here; ``followup contacts merge A B`` (or the contacts screen) merges it.

A row links the stored contacts it matches: when it matches two, they are folded into the
older one (``MergePlan.merged``), their applications and events going with it.

What a merged contact keeps: every email, phone and profile URL of every record. For the
one-value fields a contact you typed (source "manual") keeps its value; between imported
records the choice depends on the values alone, never on which came first: a name with
more words wins (not a "Doe, Jane" form), then the job (company and title as a pair) with
both parts, then the longer title ("Senior Recruiter" over "Recruiter"); ties go by
alphabet. When the addresses of the records differ, the merged lists are in a fixed order
(work first for email, cell first for phones). Pure: nothing here touches the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

from tui.domain.companies import company_key
from tui.domain.models import CONTACT_ROLES, Contact, ValidationError
from tui.followup.contact_search import fold

UP_TO_DATE = "already up to date"
MAX_NAMESAKES = 5  # possible duplicates listed per name: a common name is not a list of everyone
NO_NAME = "without a name or address"
REPEATED = "the same person as another row"

# scheme://host/path?query#fragment, each part optional ("linkedin.com/in/x" has no scheme).
_URL_PARTS = re.compile(r"(?:[a-z][a-z0-9+.\-]*://|//)?([^/?#]*)([^?#]*)", re.IGNORECASE)
# Mail hosts shared by strangers: the same domain there says nothing about the person.
PUBLIC_MAIL = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.fr",
        "yahoo.de",
        "ymail.com",
        "hotmail.com",
        "hotmail.co.uk",
        "hotmail.fr",
        "hotmail.de",
        "outlook.com",
        "outlook.fr",
        "outlook.de",
        "live.com",
        "live.fr",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "proton.me",
        "protonmail.com",
        "mail.com",
        "mail.ru",
        "yandex.ru",
        "yandex.com",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "t-online.de",
        "libero.it",
        "qq.com",
        "163.com",
        "fastmail.com",
        "zoho.com",
        "hey.com",
        "example.com",
    ]
)
_KIND_ORDER = {
    "emails": ("work", "", "home", "other"),
    "phones": ("cell", "work", "", "home", "other", "fax", "pager"),
    "profiles": ("linkedin", "web", ""),
}


@dataclass
class PossibleDuplicate:
    """Two contacts with the same name that nothing links: for a person to decide."""

    contact: Contact  # the one this import added or updated
    other: Contact  # a stored or imported namesake
    reason: str  # "same name, another company (Acme / Beta)"


@dataclass
class MergePlan:
    """What an import would do.

    ``added``: new contacts; ``updated``: (stored, merged) pairs, the merged one keeping the
    stored id; ``merged``: (kept id, ids folded into it) for stored contacts an import
    showed to be one person (the kept one's new state is in ``updated``); ``folded``: rows
    that are the same person as an earlier row (their data is in that contact); ``possible``:
    namesakes nothing links; ``skipped``: incoming records left alone, with the reason.
    """

    added: list[Contact] = field(default_factory=list)
    updated: list[tuple[Contact, Contact]] = field(default_factory=list)
    merged: list[tuple[int, list[int]]] = field(default_factory=list)
    folded: list[tuple[Contact, str]] = field(default_factory=list)  # rows joined to another row's contact
    possible: list[PossibleDuplicate] = field(default_factory=list)
    skipped: list[tuple[Contact, str]] = field(default_factory=list)

    def summary(self, read_skips: Iterable[tuple[int, str]] = ()) -> str:
        """ "added 120, updated 3, merged 1, possible duplicates 2, skipped 7 (5 already up to
        date, 2 unreadable)": ``read_skips`` are the (line, reason) the reader skipped."""
        merged = sum(len(gone) for _, gone in self.merged) + len(self.folded)
        reasons = Counter(reason for _, reason in self.skipped)
        reasons.update(skip_category(reason) for _, reason in read_skips)
        skipped = sum(reasons.values())
        text = (
            f"added {len(self.added)}, updated {len(self.updated)}, merged {merged}, "
            f"possible duplicates {len(self.possible)}, skipped {skipped}"
        )
        if reasons:
            text += " (" + ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()) + ")"
        return text


def skip_category(reason: str) -> str:
    """A reader's reason as counted in the summary ("a repeat of line 5" is a repeat)."""
    if reason.startswith("a repeat of line"):
        return "repeated in the file"
    if reason.startswith(("no name", "not importable")):
        return reason.split(":")[0]
    return "unreadable"


# -- keys ------------------------------------------------------------------------------


def email_key(email: str) -> str:
    """The comparison key of an email address: trimmed, case ignored ("" if not one)."""
    email = (email or "").strip().casefold()
    if email.startswith("mailto:"):
        email = email[7:]
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


@lru_cache(maxsize=131_072)
def _folded(text: str) -> str:
    return " ".join(fold(text or "").split())


def person_name_key(contact: Contact) -> str:
    """The name as compared: folded; a nameless contact is named by an address that reads
    as a name ("jane.doe@..." -> "jane doe"). "" when there is none."""
    name = _folded(contact.name)
    if name:
        return name
    for point in contact.emails:
        local = point["value"].partition("@")[0]
        words = [w for w in re.split(r"[._\-+]", fold(local)) if w]
        if len(words) >= 2 and all(w.isalpha() for w in words):
            return " ".join(words)
    return ""


def name_key(contact: Contact) -> tuple[str, str] | None:
    """(name, company) as compared; None without a name."""
    name = person_name_key(contact)
    if not name:
        return None
    return name, _company(contact.company)


@lru_cache(maxsize=65_536)
def _company(text: str) -> str:
    return company_key(text or "") or _folded(text)


def _keys(contact: Contact) -> Iterator[str]:
    for p in contact.emails:
        if k := email_key(p["value"]):
            yield "e:" + k
    for p in contact.profiles:
        if k := profile_key(p["value"]):
            yield "p:" + k


def _linkedin_keys(contact: Contact) -> set[str]:
    return {profile_key(p["value"]) for p in contact.profiles if p.get("kind") == "linkedin"} - {""}


def _work_domains(contact: Contact) -> set[str]:
    out = set()
    for p in contact.emails:
        domain = email_key(p["value"]).rpartition("@")[2]
        if domain and domain not in PUBLIC_MAIL:
            out.add(domain)
    return out


def _domain_names(domains: set[str]) -> set[str]:
    """ "stripe" for stripe.example / mail.stripe.com: what a company name could be."""
    names = set()
    for d in domains:
        labels = d.split(".")
        if len(labels) >= 2:
            names.add(company_key(labels[-2]) or labels[-2])
    return names


def link(a: Contact, b: Contact) -> str | None:
    """Why ``a`` and ``b`` are the same person, or None when nothing says so."""
    return _facts(a).reason(_facts(b))


_FACTS: dict[int, tuple[Contact, _Known]] = {}  # id(contact) -> facts, for one plan at a time


def _facts(c: Contact) -> _Known:
    hit = _FACTS.get(id(c))
    if hit is not None and hit[0] is c:
        return hit[1]
    facts = _Known.of(0, c, False)
    _FACTS[id(c)] = (c, facts)
    return facts


def _phone_keys(contact: Contact) -> set[str]:
    """The last 8 digits of each phone: "+1 (555) 010-0199" and "555.010.0199" agree."""
    out = set()
    for p in contact.phones:
        digits = "".join(ch for ch in p["value"].split("x")[0] if ch.isdigit())
        if len(digits) >= 6:
            out.add(digits[-8:])
    return out


def doubt(a: Contact, b: Contact) -> str | None:
    """Why ``a`` and ``b`` may be one person although nothing links them (None: no doubt)."""
    la, lb = a.linkedin, b.linkedin  # the common case, without building the facts
    if la and lb and len(a.profiles) == 1 and len(b.profiles) == 1 and profile_key(la) != profile_key(lb):
        return None  # two LinkedIn profiles: two people
    fa, fb = _facts(a), _facts(b)
    if not fa.names & fb.names or fa.reason(fb):
        return None
    if fa.linkedin and fb.linkedin and not fa.linkedin & fb.linkedin:
        return None  # two LinkedIn profiles: two people
    if a.company and b.company:
        return f"same name, another company ({a.company} / {b.company})"
    return "same name, nothing else in common"


# -- combining records -----------------------------------------------------------------


def _name_rank(name: str) -> tuple:
    words = name.split()
    return ("," not in name, len(words), len(name), _neg(name))


def _neg(text: str) -> tuple[int, ...]:
    """Sorts text in reverse, so that max() picks the alphabetically first on a tie."""
    return tuple(-ord(ch) for ch in text)


def _points(name: str, records: list[Contact], base: Contact | None) -> list[dict[str, str]]:
    lists = [getattr(r, name) for r in records]
    if base is not None and base.source == "manual":  # what you typed stays first, in your order
        out = [dict(p) for p in getattr(base, name)]
        seen = {p["value"].casefold() for p in out}
        extra: dict[str, dict[str, str]] = {}
        for points in lists:
            for p in points:
                if p["value"].casefold() not in seen:
                    extra.setdefault(p["value"].casefold(), dict(p))
        return out + _sorted(name, extra.values())
    if all(points == lists[0] for points in lists):
        return [dict(p) for p in lists[0]]
    union: dict[str, dict[str, str]] = {}
    for points in lists:
        for p in points:
            key = p["value"].casefold()
            have = union.get(key)
            if have is None:
                union[key] = dict(p)
            else:  # one address spelt twice: the lower-case spelling, the kind given
                value = min(have["value"], p["value"], key=lambda v: (v != v.lower(), v))
                kind = min((k for k in (have["kind"], p["kind"]) if k), default="")
                union[key] = {"value": value, "kind": kind}
    return _sorted(name, union.values())


def _sorted(name: str, points: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    order = _KIND_ORDER[name]
    return sorted(
        points,
        key=lambda p: (
            order.index(p["kind"]) if p["kind"] in order else len(order),
            p["kind"],
            p["value"].casefold(),
            p["value"],
        ),
    )


def _notes(records: list[Contact], base: Contact | None) -> str:
    texts = [r.notes for r in records if r.notes]
    if not texts:
        return ""
    if base is not None and base.source == "manual":
        return base.notes or next((t for t in texts if t != base.notes), "")  # yours stay as typed
    if all(t == texts[0] for t in texts):
        return texts[0]
    paras = {p.strip() for t in texts for p in t.split("\n\n") if p.strip()}
    return "\n\n".join(sorted(paras))


def combine(records: list[Contact], base: Contact | None = None) -> Contact:
    """One contact from records of one person (see the module docstring). ``base`` is the
    stored contact that keeps its id, its dates and, when you typed it, its values."""
    if base is not None and base not in records:
        records = [base, *records]
    if len(records) == 1:
        return records[0]
    manual = base is not None and base.source == "manual"

    def pick(values: list[str], rank, same, mine: str) -> str:
        """The best value by ``rank``; among values ``same`` as it, the stored spelling."""
        values = [v for v in values if v]
        if not values:
            return ""
        best = max(values, key=rank)
        if mine and same(mine) == same(best):
            return mine
        return best

    def job_key(job: tuple[str, str]) -> tuple[str, str]:
        return (_company(job[0]), _folded(job[1]))

    def pick_job(jobs: list[tuple[str, str]]) -> tuple[str, str]:
        """The company first, then a title that came with it (or with no company)."""
        companies = [c for c, _ in jobs if c]
        company = max(companies, key=lambda c: (len(c), _neg(c))) if companies else ""
        key = _company(company)
        titles = [t for c, t in jobs if t and (not c or _company(c) == key)]
        title = max(titles, key=lambda t: (len(t), _neg(t))) if titles else ""
        if typed is not None and job_key((typed.company, typed.title)) == job_key((company, title)):
            return (typed.company, typed.title)
        if typed is not None and typed.company and _company(typed.company) == key:
            company = typed.company  # the stored spelling of the same company
        return company, title

    # Between imports the values alone decide (so the order of the files does not); a
    # contact you typed keeps its own spelling of what an import writes another way.
    typed = base if manual else None
    name = pick([r.name for r in records], _name_rank, _folded, typed.name if typed else "")
    company, title = pick_job([(r.company, r.title) for r in records])
    twitter = pick([r.twitter for r in records], _neg, str.casefold, typed.twitter if typed else "")
    if manual:  # what you typed wins where you typed it...
        name = base.name or name
        twitter = base.twitter or twitter
        # ... except the job: an import brings the current one (a job change)
        jobs = [(r.company, r.title) for r in records if r.source != "manual" and (r.company or r.title)]
        company, title = pick_job(jobs) if jobs else (base.company, base.title)
    roles = [r.role for r in records if r.role is not None]
    if base is not None and base.role is not None:
        role = base.role
    else:
        role = min(roles, key=CONTACT_ROLES.index) if roles else None
    sources = {r.source for r in records}
    source = base.source if manual else ("manual" if "manual" in sources else min(sources))
    relationship = (
        base.relationship
        if base is not None
        else ("casual" if all(r.relationship == "casual" for r in records) else "formal")
    )
    merged = Contact(
        name=name,
        id=base.id if base is not None else None,
        title=title,
        company=company,
        emails=_points("emails", records, base),
        phones=_points("phones", records, base),
        profiles=_points("profiles", records, base),
        twitter=twitter,
        role=role,
        relationship=relationship,
        notes=_notes(records, base),
        source=source,
        created_at=base.created_at if base is not None else "",
        updated_at=base.updated_at if base is not None else "",
    )
    merged.check()
    return merged


# -- the plan --------------------------------------------------------------------------


class _Groups:
    """Union-find over record indexes."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def plan_merge(existing: Iterable[Contact], incoming: Iterable[Contact]) -> MergePlan:
    """What importing ``incoming`` into ``existing`` should do (see the module docstring)."""
    stored = sorted(existing, key=lambda c: c.id or 0)
    rows: list[Contact] = []
    plan = MergePlan()
    skipped: list[tuple[int, Contact, str]] = []
    for i, c in enumerate(incoming):
        if not ((c.name or "").strip() or (c.email or "").strip()):
            skipped.append((i, c, NO_NAME))
        else:
            rows.append(c)
    n_stored = len(stored)
    nodes = stored + rows  # node k < n_stored is a stored contact, else row k - n_stored
    groups = _Groups(len(nodes))

    # 1. Shared keys. A row joins whatever holds its keys; two stored contacts meet only
    #    through a row (the store does not re-judge what it already keeps apart).
    owner: dict[str, int] = {}
    stored_owner: dict[str, list[int]] = {}  # two kept contacts may share one (typed twice)
    for k, c in enumerate(stored):
        for key in _keys(c):
            stored_owner.setdefault(key, []).append(k)
    for k in range(n_stored, len(nodes)):
        for key in _keys(nodes[k]):
            for owner_k in stored_owner.get(key, ()):
                groups.union(k, owner_k)
            if key in owner:
                groups.union(k, owner[key])
            else:
                owner[key] = k

    # 2. Same name and a company / domain / phone in common: judged on what each group
    #    knows as a whole (so a person's rows link the same whether they came in one file
    #    or two), in a fixed order, until nothing more links.
    by_name: dict[str, list[int]] = {}
    for k, c in enumerate(nodes):
        if key := person_name_key(c):
            by_name.setdefault(key, []).append(k)
    _link_groups(nodes, by_name, groups, n_stored)

    # 3. Each group with a row in it: a new contact, an update, or stored contacts folded.
    components: dict[int, list[int]] = {}
    for k in range(len(nodes)):
        components.setdefault(groups.find(k), []).append(k)
    first_row = {
        root: min(k for k in ks if k >= n_stored)
        for root, ks in components.items()
        if any(k >= n_stored for k in ks)
    }
    results: dict[int, Contact] = {}
    for root in sorted(first_row, key=first_row.get):
        ks = components[root]
        olds = [nodes[k] for k in ks if k < n_stored]
        new_rows = [nodes[k] for k in ks if k >= n_stored]
        base = olds[0] if olds else None
        try:
            merged = combine([*olds, *new_rows], base)
        except ValidationError as exc:
            skipped.extend((k - n_stored, nodes[k], f"not importable: {exc}") for k in ks if k >= n_stored)
            continue
        results[root] = merged
        row_positions = sorted(k - n_stored for k in ks if k >= n_stored)
        if base is None:
            plan.added.append(merged)
        elif merged == base and len(olds) == 1:
            skipped.extend((k - n_stored, nodes[k], UP_TO_DATE) for k in ks if k >= n_stored)
            continue
        else:
            plan.updated.append((base, merged))
            if len(olds) > 1:
                plan.merged.append((base.id, [o.id for o in olds[1:]]))
        plan.folded.extend((rows[k], REPEATED) for k in row_positions[1:])

    # 4. Namesakes nothing links: proposed, not merged.
    gone = {i for _, ids in plan.merged for i in ids}
    final: dict[int, Contact] = {k: c for k, c in enumerate(stored) if c.id not in gone}
    for root, c in results.items():
        final[root] = c
    for members in by_name.values():
        if len(members) < 2:
            continue
        roots = list(dict.fromkeys(groups.find(k) for k in members))
        if len(roots) < 2:
            continue
        listed = tried = 0
        for i, ra in enumerate(roots):
            for rb in roots[i + 1 :]:
                tried += 1
                if listed >= MAX_NAMESAKES or tried > 2 * MAX_NAMESAKES:
                    break
                if ra not in results and rb not in results:
                    continue  # two stored namesakes: not this import's news
                a, b = final.get(ra), final.get(rb)
                if a is None or b is None:
                    continue
                if ra not in results:
                    a, b = b, a
                why = doubt(a, b)
                if why:
                    plan.possible.append(PossibleDuplicate(a, b, why))
                    listed += 1
    plan.skipped = [(row, reason) for _, row, reason in sorted(skipped, key=lambda s: s[0])]
    _FACTS.clear()
    return plan


@dataclass
class _Known:
    """What a group of records knows about its person, for the name rules."""

    nodes: list[int]
    names: set[str]
    companies: set[str]
    domains: set[str]
    phones: set[str]
    linkedin: set[str]
    emails: set[str]
    profiles: set[str]
    has_row: bool

    @classmethod
    def of(cls, k: int, c: Contact, is_row: bool) -> _Known:
        return cls(
            [k],
            {person_name_key(c)} - {""},
            {_company(c.company)} - {""},
            _work_domains(c),
            _phone_keys(c),
            _linkedin_keys(c),
            {email_key(p["value"]) for p in c.emails} - {""},
            {profile_key(p["value"]) for p in c.profiles} - {""},
            is_row,
        )

    def absorb(self, other: _Known) -> None:
        self.nodes += other.nodes
        for name in ("names", "companies", "domains", "phones", "linkedin", "emails", "profiles"):
            getattr(self, name).update(getattr(other, name))
        self.has_row = self.has_row or other.has_row

    def reason(self, other: _Known) -> str | None:
        """Why the two are one person (see the module docstring), or None."""
        if self.emails & other.emails or self.profiles & other.profiles:
            return "a shared address"
        if not self.names & other.names:
            return None
        if self.linkedin and other.linkedin and not self.linkedin & other.linkedin:
            return None  # two LinkedIn profiles: two people
        if self.companies & other.companies:
            return "same name and company"
        if self.domains & other.domains:
            return "same name and email domain"
        if self.companies & _domain_names(other.domains) or other.companies & _domain_names(self.domains):
            return "same name, email at the company"
        if self.phones & other.phones:
            return "same name and phone"
        if not self.companies and not other.companies and self._content() == other._content():
            return "the same record"  # nothing else tells them apart: an import seen again
        return None

    def _content(self) -> tuple:
        return (self.names, self.emails, self.phones, self.profiles)

    def sort_key(self) -> tuple:
        """A fixed order for trying groups, from what they know (not where they sit)."""
        return tuple(
            sorted(getattr(self, name))
            for name in ("names", "companies", "emails", "profiles", "phones", "domains")
        )


def _link_groups(nodes: list[Contact], by_name: dict[str, list[int]], groups: _Groups, n_stored: int) -> None:
    """Union the groups the name rules link; two stored contacts only through a row.

    Everything is judged on whole groups (as the key links left them), never on the record
    that happens to carry the name: a group is in a name's bucket when any of its records
    has the name, it has a row when any of its records is one, and it knows what all its
    records know. So a nameless row sharing a key with a stored "Ann Lee" brings its phone to
    her group exactly as it would have if it had been stored first: the result depends on
    the set of records, not on which file came first."""
    row_roots = {groups.find(k) for k in range(n_stored, len(nodes))}
    buckets = []
    for members in by_name.values():
        if len(members) > 1:
            roots = {groups.find(k) for k in members}
            if len(roots) > 1 and not roots.isdisjoint(row_roots):
                buckets.append(members)
    if not buckets:
        return
    # What a group knows is built only for the groups of a bucket that may link (most do not).
    needed = {groups.find(k) for members in buckets for k in members}
    members_of: dict[int, list[int]] = {}
    for k in range(len(nodes)):
        root = groups.find(k)
        if root in needed:
            members_of.setdefault(root, []).append(k)
    known: dict[int, _Known] = {}

    def know(root: int) -> _Known:
        if root not in known:  # never united yet: its records are still members_of[root]
            ks = members_of[root]
            facts = _Known.of(ks[0], nodes[ks[0]], ks[0] >= n_stored)
            for k in ks[1:]:
                facts.absorb(_Known.of(k, nodes[k], k >= n_stored))
            known[root] = facts
        return known[root]

    def signals(root: int) -> tuple[bool, set[str]]:
        if root in known:
            return _signals(known[root].companies, known[root].domains, known[root].phones)
        companies, domains, phones = set(), set(), set()
        for k in members_of[root]:
            if company := _company(nodes[k].company):
                companies.add(company)
            domains |= _work_domains(nodes[k])
            phones |= _phone_keys(nodes[k])
        return _signals(companies, domains, phones)

    # A group that grows (through one name) may link through another: again until nothing does.
    changed = True
    while changed:
        changed = False
        for members in buckets:
            roots = {groups.find(k) for k in members}
            if len(roots) < 2 or roots.isdisjoint(row_roots) or not _may_link([signals(r) for r in roots]):
                continue
            for ra, rb in _pairs(sorted(roots, key=lambda r: (_content_key(nodes[r]), know(r).sort_key()))):
                ra_now, rb_now = groups.find(ra), groups.find(rb)
                if ra_now == rb_now:
                    continue
                a, b = know(ra_now), know(rb_now)
                if not (a.has_row or b.has_row) or not a.reason(b):
                    continue
                groups.union(ra_now, rb_now)
                root = groups.find(ra_now)
                keep, other = (a, b) if root == ra_now else (b, a)
                keep.absorb(other)
                known[root] = keep
                known.pop(rb_now if root == ra_now else ra_now, None)
                if a.has_row or b.has_row:
                    row_roots.add(root)
                changed = True


def _pairs(items: list[int]) -> Iterator[tuple[int, int]]:
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            yield a, b


def _content_key(c: Contact) -> tuple:
    """The order groups are tried in: by the record at their root, as spelt (a row and the
    stored contact spelt the same meet first), then by what the whole group knows."""
    return (
        c.name,
        c.company,
        c.title,
        tuple(p["value"] for p in c.emails),
        tuple(p["value"] for p in c.profiles),
        c.source,
    )


def _signals(companies: set[str], domains: set[str], phones: set[str]) -> tuple[bool, set[str]]:
    """(no company, what could link): a group's companies, work domains (and the company
    names they spell) and phones."""
    out = {"c:" + c for c in companies} | {"c:" + n for n in _domain_names(domains)}
    out |= {"d:" + d for d in domains} | {"p:" + p for p in phones}
    return not companies, out


def _may_link(groups: list[tuple[bool, set[str]]]) -> bool:
    """A quick look before the real one: do two of these groups share a company, a work
    domain (or a company its domain names) or a phone, or both lack a company (the same
    record seen twice)? Most namesakes do not."""
    owner: dict[str, int] = {}
    companyless = 0
    for i, (no_company, signals) in enumerate(groups):
        companyless += no_company
        if companyless > 1:
            return True
        for signal in signals:
            if owner.setdefault(signal, i) != i:
                return True
    return False


def possible_duplicates(contacts: Iterable[Contact]) -> list[tuple[Contact, Contact, str]]:
    """Pairs of kept contacts that may be one person (same name, nothing linking them or a
    link an import would have merged), for ``followup contacts duplicates``."""
    by_name: dict[str, list[Contact]] = {}
    for c in contacts:
        if key := person_name_key(c):
            by_name.setdefault(key, []).append(c)
    out = []
    for group in by_name.values():
        group.sort(key=lambda c: c.id or 0)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                why = doubt(a, b) or link(a, b)  # linked: two you typed, or kept apart before
                if why:
                    out.append((a, b, why))
    _FACTS.clear()
    return out


def merge_pair(keep: Contact, other: Contact) -> Contact:
    """``keep`` with everything ``other`` knows (a person said they are one): every address
    of both; ``keep``'s one-value fields where it has them, ``other``'s where it does not,
    and what ``other`` says differently kept in the notes, so nothing is lost."""
    fills: dict[str, str] = {}
    differ: list[str] = []
    for name in ("name", "title", "company", "twitter"):
        mine, theirs = getattr(keep, name), getattr(other, name)
        if not mine and theirs:
            fills[name] = theirs
        elif mine and theirs and _folded(mine) != _folded(theirs):
            differ.append(f"{name} {theirs}")
    notes = keep.notes
    if other.notes and other.notes.strip() not in notes:
        notes = (notes + "\n\n" + other.notes).strip()
    if differ:
        notes = (notes + "\n\n" + f"Merged from {other.display_name}: " + "; ".join(differ)).strip()
    lists = {}
    for name in ("emails", "phones", "profiles"):
        mine = [dict(p) for p in getattr(keep, name)]
        seen = {p["value"].casefold() for p in mine}
        lists[name] = mine + [dict(p) for p in getattr(other, name) if p["value"].casefold() not in seen]
    merged = Contact(
        name=keep.name or fills.get("name", ""),
        id=keep.id,
        title=keep.title or fills.get("title", ""),
        company=keep.company or fills.get("company", ""),
        twitter=keep.twitter or fills.get("twitter", ""),
        role=keep.role if keep.role is not None else other.role,
        relationship=keep.relationship,
        notes=notes,
        source=keep.source,
        created_at=keep.created_at,
        updated_at=keep.updated_at,
        **lists,
    )
    merged.check()
    return merged
