"""LinkedIn's ``Connections.csv`` export, as people really have it.

The file opens with a few lines of notes before its header row::

    Notes:
    "When exporting your connection data, you may notice that some of the email ..."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Jane,Doe,https://www.linkedin.com/in/janedoe,,"Acme, Inc.",Technical Recruiter,14 Mar 2024

What else turns up, and is taken: older exports without the URL column or with the
header ``FirstName,LastName,EmailAddress,Company,Position,ConnectedOn``; exports in
LinkedIn's other languages (``Prénom,Nom,...``, ``Vorname,Nachname,...``); a re-save by a
spreadsheet (cp1252, ``;`` or tab as the delimiter, trailing columns trimmed); ``NA``,
``N/A`` or ``-`` where there is no value. Columns are found by meaning, not position.

The file is read row by row: a row that cannot be used (broken bytes, no name, email or
URL, a repeat) is skipped with its line number and the reason. Only a file with no header
row at all is refused. Each row becomes a contact with source "linkedin_csv", the position
as its title, the profile as a "linkedin" profile URL, and no role.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from tui.domain.errors import ImportFormatError
from tui.domain.models import Contact, ValidationError
from tui.io.importers import ParsedContacts, Source
from tui.io.importers.textfile import Line, TextFile

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
DELIMITERS = (",", ";", "\t", "|")
# Cells that mean "nothing here": spreadsheets and older exports write them.
PLACEHOLDERS = frozenset({"na", "n/a", "n.a.", "#n/a", "-", "--", "—", "null", "none", "(none)"})

# Header words by meaning, folded (accents, case, spaces and punctuation dropped).
# First and last names are matched whole ("nom" is a last name, "nombre" a first one);
# the other columns by a word they contain.
_FIRST = {
    "firstname",
    "first",
    "givenname",
    "prenom",
    "vorname",
    "nombre",
    "nome",
    "voornaam",
    "fornamn",
    "imie",
    "ad",
    "jmeno",
    "etunimi",
    "fornavn",
    "keresztnev",
    "prenume",
    "名",
    "이름",
}
_LAST = {
    "lastname",
    "last",
    "surname",
    "familyname",
    "nom",
    "nachname",
    "apellidos",
    "apellido",
    "sobrenome",
    "cognome",
    "achternaam",
    "efternamn",
    "nazwisko",
    "soyad",
    "soyadi",
    "prijmeni",
    "sukunimi",
    "etternavn",
    "efternavn",
    "vezeteknev",
    "nume",
    "姓",
    "성",
}
_FULL = {"name", "fullname", "nomcomplet", "vollstandigername"}
_CONTAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("email", ("mail", "correo", "epost", "courriel")),
    ("url", ("url", "profil", "linkedin")),
    (
        "company",
        (
            "company",
            "entreprise",
            "unternehmen",
            "empresa",
            "azienda",
            "bedrijf",
            "foretag",
            "firma",
            "societe",
            "organization",
            "organisation",
            "sirket",
            "yritys",
            "virksomhed",
        ),
    ),
    (
        "position",
        (
            "position",
            "poste",
            "cargo",
            "posizione",
            "functie",
            "befattning",
            "stanowisko",
            "title",
            "titel",
            "titre",
            "pozisyon",
            "tehtava",
            "stilling",
            "beruf",
            "job",
        ),
    ),
    (
        "connected",
        (
            "connected",
            "connexion",
            "verbunden",
            "conectado",
            "collegamento",
            "connectie",
            "kontakt",
            "polaczono",
            "baglanti",
            "connection",
            "since",
            "depuis",
        ),
    ),
)
_MIN_COLUMNS = 3  # a header names at least this many known columns, a name among them


def fold_header(cell: str) -> str:
    """ "Adresse e-mail" -> "adresseemail": accents, case, spaces and punctuation dropped."""
    text = unicodedata.normalize("NFKD", cell.strip().lstrip("\ufeff").casefold())
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


def column_meaning(cell: str) -> str | None:
    """What a header cell holds: first, last, name, email, url, company, position, connected."""
    key = fold_header(cell)
    if not key:
        return None
    if key in _FIRST:
        return "first"
    if key in _LAST:
        return "last"
    if key in _FULL:
        return "name"
    for meaning, words in _CONTAINS:
        if any(word in key for word in words):
            return meaning
    return None


def _columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        meaning = column_meaning(cell)
        if meaning is not None:
            columns.setdefault(meaning, i)
    return columns


def _is_header(columns: dict[str, int]) -> bool:
    has_name = ("first" in columns and "last" in columns) or "name" in columns
    return has_name and len(columns) >= _MIN_COLUMNS


def read_connections_csv(source: Source | TextFile, *, label: str | None = None) -> ParsedContacts:
    """Parse a ``Connections.csv`` (a path, its bytes or its text) into contacts.

    Raises ``ImportFormatError`` only when no header row is found; a row that cannot be
    used is skipped with its line number and the reason.
    """
    file = source if isinstance(source, TextFile) else TextFile(source, "Connections.csv")
    label = label or file.label
    lines = iter(file)
    preamble: list[Line] = []
    header: tuple[Line, str, dict[str, int]] | None = None
    for line in lines:
        preamble.append(line)
        found = _header_in(line)
        if found is not None:
            header = (line, *found)
            break
        if len(preamble) >= MAX_PREAMBLE_ROWS:
            break
    if header is None:
        _refuse(label, preamble)
    _, delimiter, columns = header
    parsed = ParsedContacts()
    seen: dict[tuple[str, ...], int] = {}
    for number, cells, problem in _rows(lines, delimiter):
        if problem:
            parsed.skipped.append((number, problem))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        values = {meaning: _cell(cells, i) for meaning, i in columns.items()}
        key = tuple(
            values.get(m, "") for m in ("first", "last", "name", "url", "email", "company", "position")
        )
        if key in seen:
            parsed.skipped.append((number, f"a repeat of line {seen[key]}"))
            continue
        seen[key] = number
        outcome = _contact(values)
        if isinstance(outcome, str):
            parsed.skipped.append((number, outcome))
        else:
            parsed.add(outcome, number)
    if not parsed.contacts and parsed.skipped:  # rows, and not one readable
        line, why = parsed.skipped[0]
        raise ImportFormatError(f"{label}: nothing in it could be read; line {line}: {why}.")
    return parsed  # a header and no rows is an empty network, not an error


def _header_in(line: Line) -> tuple[str, dict[str, int]] | None:
    """(delimiter, columns) when this line is a header row."""
    if line.problem or not line.text.strip():
        return None
    best: tuple[int, str, dict[str, int]] | None = None
    for delimiter in DELIMITERS:
        if delimiter not in line.text:
            continue
        try:
            cells = next(csv.reader([line.text], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        columns = _columns(cells)
        if _is_header(columns) and (best is None or len(columns) > best[0]):
            best = (len(columns), delimiter, columns)
    return (best[1], best[2]) if best else None


def _refuse(label: str, preamble: list[Line]) -> None:
    expected = ",".join(HEADER)
    shown = next(
        (
            ln
            for ln in preamble
            if ln.problem or (ln.text.strip() and not ln.text.strip().lower().startswith("notes"))
        ),
        None,
    )
    if shown is None:
        if not any(ln.text.strip() for ln in preamble):
            raise ImportFormatError(f"{label}: the file is empty; expected LinkedIn's Connections.csv.")
        raise ImportFormatError(
            f"{label}: not a LinkedIn Connections.csv: no header row like {expected!r} in its first "
            f"{MAX_PREAMBLE_ROWS} lines."
        )
    if shown.problem:
        raise ImportFormatError(
            f"{label}: line {shown.number}: {shown.problem}; not a LinkedIn Connections.csv."
        )
    text = shown.text.strip()
    text = text if len(text) <= 80 else text[:77] + "..."
    raise ImportFormatError(
        f"{label}: line {shown.number}: not a LinkedIn Connections.csv: expected a header row naming at "
        f"least first and last name and one more column (like {expected!r}) within the first "
        f"{MAX_PREAMBLE_ROWS} lines, found {text!r}."
    )


def _rows(lines: Iterator[Line], delimiter: str) -> Iterator[tuple[int, list[str], str]]:
    """(first line number, cells, problem) per CSV record; a quoted cell may span lines.

    A record that touches a line with a problem (bytes not in the encoding, an overlong
    line) is given that problem; one the csv module cannot parse is skipped on its own.
    """
    problem: list[tuple[int, str]] = []  # the first troubled line of the record being read
    first = [0]

    def texts() -> Iterator[str]:
        for line in lines:
            if not first[0]:
                first[0] = line.number
            if line.problem and not problem:
                problem.append((line.number, line.problem))
            yield line.text + "\n"

    source = texts()
    reader = csv.reader(source, delimiter=delimiter)
    while True:
        first[0] = 0
        problem.clear()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield first[0], [], f"not readable as CSV ({exc})"
            reader = csv.reader(source, delimiter=delimiter)  # go on from the next line
            continue
        if problem:
            number, why = problem[0]
            yield first[0], cells, why if number == first[0] else f"line {number}: {why}"
        else:
            yield first[0], cells, ""


def _cell(cells: list[str], i: int) -> str:
    """A one-line value: runs of whitespace collapse; a placeholder is empty."""
    if i >= len(cells):
        return ""
    value = cells[i]
    if not value.isprintable() or "  " in value or value[:1].isspace() or value[-1:].isspace():
        value = " ".join(value.split())
    return "" if len(value) <= 6 and value.casefold() in PLACEHOLDERS else value


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _contact(values: dict[str, str]) -> Contact | str:
    """The contact for one row, or why the row is skipped."""
    name = values.get("name", "") or " ".join(
        p for p in (values.get("first", ""), values.get("last", "")) if p
    )
    email = values.get("email", "")
    if email and not _EMAIL.fullmatch(email):
        email = ""  # "NA", "(hidden)", a name typed in the wrong column: no address
    url = values.get("url", "")
    if url and "linkedin" not in url.casefold() and "/" not in url:
        url = ""
    if not (name or email or url):
        return "no name, email address or profile URL"
    if not name and not email:
        name = _name_from_profile(url)  # a contact needs a name or an email; the URL has one
    contact = Contact(
        name=name,
        company=values.get("company", ""),
        title=values.get("position", ""),
        emails=[{"value": email, "kind": ""}] if email else [],
        profiles=[{"value": url, "kind": "linkedin"}] if url else [],
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
