"""Contact importers (DESIGN.md §5): files in, ``Contact`` objects out.

The readers are pure: they parse LinkedIn's ``Connections.csv`` (``linkedin_csv``) or
vCard files (``vcard``) into contacts and never touch the store; ``merge.plan_merge``
decides what is new, what updates an existing contact and what to leave alone. The
submodules are imported on use, so this package costs nothing at start-up.

A file that is not what it claims to be raises ``ImportFormatError`` (nothing imported);
a bad row or card is skipped with its line number and a reason, the rest imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tui.domain.errors import ImportFormatError
from tui.domain.models import Contact

__all__ = ["ImportFormatError", "ParsedContacts", "Source", "load_text", "read_contacts"]

# What a reader takes: a path, the file's bytes, or its text.
Source = str | bytes | os.PathLike[str]


@dataclass
class ParsedContacts:
    """What a reader made of a file: the contacts, and the rows it skipped as (line, reason)."""

    contacts: list[Contact] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)  # id(contact) -> its line in the file

    def add(self, contact: Contact, line: int) -> None:
        self.contacts.append(contact)
        self.lines[id(contact)] = line


def load_text(source: Source, what: str = "import file") -> tuple[str, str]:
    """(text, label) of a whole file, decoded as ``TextFile`` decides; for small files
    and callers that want the text at once (the readers themselves go line by line)."""
    from tui.io.importers.textfile import TextFile

    file = TextFile(source, what)
    return "\n".join(line.text for line in file), file.label


def read_contacts(source: Source) -> ParsedContacts:
    """Read a LinkedIn ``Connections.csv`` or a vCard file, whichever it turns out to be."""
    from tui.io.importers.textfile import TextFile

    file = TextFile(source)
    if file.label.lower().endswith((".vcf", ".vcard")):  # named a vCard: read as one, whatever it holds
        from tui.io.importers.vcard import read_vcards

        return read_vcards(file)
    for i, line in enumerate(file):
        if line.text.strip():
            if line.text.strip().lower().replace(" ", "").startswith("begin:vcard"):
                from tui.io.importers.vcard import read_vcards

                return read_vcards(file)
            break
        if i > 50:
            break
    from tui.io.importers.linkedin_csv import read_connections_csv

    return read_connections_csv(file)
