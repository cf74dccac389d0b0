"""Applying an import's plan to the store, and the report a person reads afterwards.

One home for both, so the CLI (``followup import``) and the import screen say the same
thing: a summary line whose counts are the number of lines listed under it, per kind
(added / updated / merged / possible duplicates / skipped, each with its reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.domain.models import Contact
from tui.io.importers import ParsedContacts
from tui.io.importers.merge import MergePlan

if TYPE_CHECKING:
    from tui.store.repository import Store

SHOWN = 20  # lines per kind; the rest are counted


@dataclass
class ImportReport:
    summary: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # (kind, lines)

    def lines(self, shown: int = SHOWN) -> list[str]:
        out = [self.summary]
        for _, items in self.sections:
            out.extend("  " + item for item in items[:shown])
            if len(items) > shown:
                out.append(f"  … and {len(items) - shown} more")
        return out


def apply_plan(store: Store, plan: MergePlan) -> dict[int, int]:
    """Save ``plan`` in one transaction; {id(planned contact): stored id} for the report."""
    ids: dict[int, int] = {}
    with store.transaction():
        saved = store.save_contacts(plan.added, [merged for _old, merged in plan.updated])
        for planned, kept in zip(plan.added, saved, strict=True):
            ids[id(planned)] = kept.id  # type: ignore[assignment]
        for _old, merged in plan.updated:
            ids[id(merged)] = merged.id  # type: ignore[assignment]
        for kept_id, gone in plan.merged:
            for gone_id in gone:  # the applications and events of the folded contacts follow
                store.merge_contacts(store.get_contact(kept_id), gone_id)
    return ids


def _who(c: Contact, ids: dict[int, int]) -> str:
    number = ids.get(id(c), c.id)
    job = f" ({c.company})" if c.company else ""
    return (f"#{number} " if number else "") + (c.display_name or "?") + job


def build_report(
    parsed: ParsedContacts, plan: MergePlan, ids: dict[int, int] | None = None, label: str = ""
) -> ImportReport:
    ids = ids or {}

    def at(c: Contact) -> str:
        line = parsed.lines.get(id(c))
        return f"line {line}" if line else "a record"

    added = [f"added {at(c)}: {_who(c, ids)}" for c in plan.added]
    updated = [f"updated: {_who(new, ids)}" for _old, new in plan.updated]
    merged = [f"merged {at(row)}: {reason} ({row.display_name})" for row, reason in plan.folded]
    for kept, gone in plan.merged:
        merged.extend(
            f"merged: kept contact #{g} folded into #{kept} (this import shows one person)" for g in gone
        )
    possible = []
    for d in plan.possible:
        a, b = ids.get(id(d.contact), d.contact.id), ids.get(id(d.other), d.other.id)
        how = f" — if so: followup contacts merge {b} {a}" if a and b else ""
        possible.append(
            f"possible duplicate: {_who(d.contact, ids)} and {_who(d.other, ids)}: {d.reason}{how}"
        )
    skipped = [f"skipped line {line}: {reason}" for line, reason in parsed.skipped]
    skipped += [
        f"skipped {at(row)}: {reason} ({row.display_name or 'no name'})" for row, reason in plan.skipped
    ]
    summary = plan.summary(parsed.skipped)
    if label:
        summary = f"{label}: {summary}"
    return ImportReport(
        summary,
        [
            ("merged", merged),
            ("possible duplicates", possible),
            ("skipped", skipped),
            ("updated", updated),
            ("added", added),
        ],
    )


def capture_contact(store: Store, email: str, name: str | None, company: str) -> Contact:
    """The contact a capture's ``with EMAIL`` attaches, inside the caller's transaction.

    The one with that address if kept (named now when it had no name); else a stored
    contact the merge rules say is the same person (the same name at the company, or an
    address at the company's domain): it gains the address; else a new contact.
    """
    from tui.io.importers.merge import combine, link, person_name_key

    found = store.find_contact_by_email(email)
    if found is not None:
        if name and not found.name:
            return store.update_contact(found.with_changes(name=name))
        return found
    new = Contact(name=name or "", email=email, company=company)
    new.check()
    key = person_name_key(new)
    if key:
        same = [c for c in store.board().contacts if person_name_key(c) == key and link(c, new)]
        if len(same) == 1:  # two namesakes it could be: leave it to the person (a new contact)
            return store.update_contact(combine([same[0], new], base=same[0]))
    return new
