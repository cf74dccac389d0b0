"""LinkedIn's ``Connections.csv`` export (Settings › Data privacy › Get a copy of your data).

The file opens with a few lines of notes before its header row::

    Notes:
    "When exporting your connection data, you may notice that some of the email ..."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Jane,Doe,https://www.linkedin.com/in/janedoe,,"Acme, Inc.",Technical Recruiter,14 Mar 2024

Most email addresses are blank (only people who allow it share theirs). Older exports
have no URL column; the columns are found by name, so their order does not matter.
Each row becomes a contact with source "linkedin_csv", the position as its title, the
profile as its ``linkedin`` and no role (the finder infers one from the title later).
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import unquote, urlsplit

from tui.domain.errors import ImportFormatError
from tui.domain.models import Contact, ValidationError
from tui.io.importers import ParsedContacts, Source, load_text

HEADER: tuple[str, ...] = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
# How far down the header row may be: LinkedIn's notes take three lines; leave room.
MAX_PREAMBLE_ROWS = 20
_REQUIRED = ("first name", "last name")
_KNOWN = frozenset(h.lower() for h in HEADER)


def read_connections_csv(source: Source, *, label: str | None = None) -> ParsedContacts:
    """Parse a ``Connections.csv`` (a path, its bytes or its text) into contacts.

    Raises ``ImportFormatError`` when the file is not text or has no LinkedIn header row;
    a row with no name, no email and no profile URL, an exact repeat of an earlier row, or
    a value the model refuses is skipped with its line number and the reason.
    """
    text, file_label = load_text(source, "Connections.csv")
    label = label or file_label
    if not text.strip():
        raise ImportFormatError(f"{label}: the file is empty; expected LinkedIn's Connections.csv.")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = _find_header(reader, label)
        parsed = ParsedContacts()
        seen: dict[tuple[str, ...], int] = {}
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in row):
                continue
            # One-line fields: a stray newline or run of spaces inside a cell collapses.
            values = {name: (" ".join(row[i].split()) if i < len(row) else "") for name, i in columns.items()}
            key = tuple(values.get(h.lower(), "") for h in HEADER[:6])
            if key in seen:
                parsed.skipped.append((line, f"a repeat of line {seen[key]}"))
                continue
            seen[key] = line
            outcome = _contact(values)
            if isinstance(outcome, str):
                parsed.skipped.append((line, outcome))
            else:
                parsed.contacts.append(outcome)
    except csv.Error as exc:
        raise ImportFormatError(f"{label}: line {reader.line_num}: not readable as CSV ({exc}).") from None
    return parsed  # a header and no rows is an empty network, not an error


def _find_header(reader: Any, label: str) -> dict[str, int]:
    """Skip the notes to the header row; return {column name (lowercase): index}."""
    first_text = None
    for _ in range(MAX_PREAMBLE_ROWS):
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        cells = [cell.strip().lstrip("\ufeff").strip().lower() for cell in row]
        if all(req in cells for req in _REQUIRED) and len(_KNOWN.intersection(cells)) >= 3:
            columns: dict[str, int] = {}
            for i, cell in enumerate(cells):
                if cell in _KNOWN:
                    columns.setdefault(cell, i)
            return columns
        if first_text is None and any(cells) and cells[0] != "notes:":
            first_text = (line, ",".join(cell.strip() for cell in row))
    expected = ",".join(HEADER)
    if first_text is None:
        raise ImportFormatError(
            f"{label}: not a LinkedIn Connections.csv: no header row {expected!r} in its first "
            f"{MAX_PREAMBLE_ROWS} lines."
        )
    line, found = first_text
    shown = found if len(found) <= 80 else found[:77] + "..."
    raise ImportFormatError(
        f"{label}: line {line}: not a LinkedIn Connections.csv: expected its header row {expected!r} "
        f"(after the notes, within the first {MAX_PREAMBLE_ROWS} lines), found {shown!r}."
    )


def _contact(values: dict[str, str]) -> Contact | str:
    """The contact for one row, or why the row is skipped."""
    name = " ".join(part for part in (values.get("first name", ""), values.get("last name", "")) if part)
    email = values.get("email address", "")
    url = values.get("url", "")
    if not (name or email or url):
        return "no name, email address or profile URL"
    if not name and not email:
        name = _name_from_profile(url)  # a contact needs a name or an email; the URL has one
    contact = Contact(
        name=name,
        email=email,
        company=values.get("company", ""),
        title=values.get("position", ""),
        linkedin=url,
        role=None,
        source="linkedin_csv",
    )
    try:
        contact.check()
    except ValidationError as exc:
        return f"not importable: {exc}"
    return contact


def _name_from_profile(url: str) -> str:
    """ "jane-doe-1a2b3c" from ".../in/jane-doe-1a2b3c/": the best name a bare URL offers."""
    try:
        path = urlsplit(url if "//" in url else "//" + url).path
    except ValueError:
        path = url
    slug = unquote(path.rstrip("/").rsplit("/", 1)[-1]).strip()
    return slug or url
