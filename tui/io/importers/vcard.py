"""vCard files (``.vcf``): one or many cards, vCard 2.1, 3.0 or 4.0, read line by line.

Our own reader, not vobject: vobject takes a card whole and refuses it over things phones
and mail programs really write (2.1 ``PHOTO;ENCODING=BASE64`` with unindented lines,
QUOTED-PRINTABLE values over several lines, legacy properties such as Lotus Notes'
``PROFILE:VCard``, iOS's ``\\r\\r\\n`` line ends), and it holds a 10 MB photo in memory.
Here the file streams a line at a time; PHOTO, LOGO, SOUND and KEY, and any value over
``MAX_VALUE`` characters, are dropped as they stream, so memory stays flat.

What a card gives a contact: FN (or N when FN is missing) as the name; every EMAIL and
TEL with its kind (TYPE=work, home, cell, ...; the preferred first); the first unit of
ORG as the company; TITLE; URL and X-SOCIALPROFILE as profile URLs (kind "linkedin" on
linkedin.com); a Twitter handle from X-TWITTER, X-SOCIALPROFILE or a twitter.com / x.com
URL; NOTE as notes. Source "vcard", no role. Unknown properties are ignored. A card that
cannot be used (no name and no email, bytes that are not text, no END:VCARD) is skipped
with its line; text between cards is skipped with its line too.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from tui.domain.errors import ImportFormatError
from tui.domain.models import Contact, ValidationError
from tui.io.importers import ParsedContacts, Source
from tui.io.importers.textfile import Line, TextFile

MAX_VALUE = 64 * 1024  # characters of one property; a longer one is binary or a runaway
BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
WANTED = frozenset({"FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "URL", "X-SOCIALPROFILE", "X-TWITTER", "NOTE"})

_BEGIN = re.compile(r"\s*begin\s*:\s*vcard\s*$", re.IGNORECASE)
_END = re.compile(r"\s*end\s*:\s*vcard\s*$", re.IGNORECASE)
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=\s]*")
_HANDLE = re.compile(r"^@?([A-Za-z0-9_]{1,15})$")
_TWITTER_URL = re.compile(
    r"^(?:https?://)?(?:www\.|mobile\.)?(?:twitter|x)\.com/@?([A-Za-z0-9_]{1,15})(?:[/?#]|$)", re.IGNORECASE
)
_IGNORED_TYPES = frozenset({"internet", "pref", "voice", "x400", "text", "msg", "x-internet"})


@dataclass
class Property:
    name: str  # upper case, group dropped ("item1.EMAIL" -> "EMAIL")
    params: dict[str, list[str]]  # upper-case keys; bare 2.1 parameters go under "TYPE"
    value: str  # as written (still escaped / encoded)
    line: int

    @property
    def types(self) -> set[str]:
        return {t.strip().lower() for v in self.params.get("TYPE", []) for t in v.split(",") if t.strip()}

    @property
    def encoding(self) -> str:
        values = self.params.get("ENCODING", [])
        return values[0].upper() if values else ""

    @property
    def preferred(self) -> bool:
        return "pref" in self.types or "PREF" in self.params


@dataclass
class _Card:
    line: int
    props: list[Property] = field(default_factory=list)
    problem: str = ""
    junk: tuple[int, str] | None = None  # the first line in it that is no property


def read_vcards(source: Source | TextFile, *, label: str | None = None) -> ParsedContacts:
    """Parse a ``.vcf`` (a path, its bytes or its text) into contacts.

    Raises ``ImportFormatError`` only when there is no card in it at all; otherwise what
    cannot be used is skipped with its line number and the reason.
    """
    file = source if isinstance(source, TextFile) else TextFile(source, "vCard file")
    label = label or file.label
    parsed = ParsedContacts()
    cards = 0
    first_text: Line | None = None
    for item in _cards(iter(file), parsed.skipped):
        if isinstance(item, Line):
            first_text = first_text or item
            continue
        cards += 1
        if item.problem:
            parsed.skipped.append((item.line, item.problem))
            continue
        outcome = _contact(item)
        if isinstance(outcome, str) and item.junk is not None:  # say what made it unreadable
            shown = item.junk[1] if len(item.junk[1]) <= 60 else item.junk[1][:57] + "..."
            parsed.skipped.append((item.junk[0], f"unreadable card: {shown!r} is not a vCard property"))
        elif isinstance(outcome, str):
            parsed.skipped.append((item.line, outcome))
        else:
            parsed.add(outcome, item.line)
    if not cards:
        if first_text is None:
            raise ImportFormatError(f"{label}: no vCard in it (expected BEGIN:VCARD ... END:VCARD).")
        shown = first_text.text.strip()
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise ImportFormatError(
            f"{label}: line {first_text.number}: not a vCard file: expected BEGIN:VCARD, found {shown!r}."
        )
    if not parsed.contacts and parsed.skipped:
        line, why = parsed.skipped[0]
        raise ImportFormatError(f"{label}: nothing in it could be read; line {line}: {why}.")
    return parsed


def _cards(lines: Iterator[Line], skipped: list[tuple[int, str]]) -> Iterator[_Card | Line]:
    """Each card, in order; a run of text outside the cards comes out as its first Line
    (and is reported in ``skipped``)."""
    card: _Card | None = None
    depth = 0  # > 1 inside a card nested in a card (2.1's AGENT): ignored
    logical: list[str] = []  # the property being unfolded
    logical_line = 0
    dropping = False  # the property being unfolded is binary or too long: not kept
    base64 = False  # a 2.1 BASE64 value: its lines need no indent, a blank line ends it
    soft = False  # QUOTED-PRINTABLE with a soft line break: the next line goes on
    outside: Line | None = None
    last_name = ""  # the name of the last property started

    def flush() -> None:
        nonlocal logical, dropping
        if card is not None and logical and not dropping and depth == 1:
            prop = _property("".join(logical), logical_line)
            if prop is not None and prop.name in WANTED:
                card.props.append(prop)
        logical, dropping = [], False

    for line in lines:
        text = line.text
        if card is not None and depth >= 1:
            if soft:  # the rest of a quoted-printable value
                if not dropping:
                    logical.append("\n" + text)  # "=\n" is the soft break _decoded removes
                    dropping = sum(map(len, logical)) > MAX_VALUE
                soft = text.endswith("=")
                continue
            if text[:1] in (" ", "\t") or (base64 and _BASE64_LINE.fullmatch(text)):
                if not dropping:
                    logical.append(text[1:] if text[:1] in (" ", "\t") else text)
                    dropping = sum(map(len, logical)) > MAX_VALUE
                if line.problem and not card.problem and depth == 1 and not dropping:
                    card.problem = f"line {line.number}: {line.problem}"
                continue
            flush()
            base64 = False
            if not text.strip():
                continue
            if _END.match(text):
                depth -= 1
                if depth == 0:
                    yield card
                    card = None
                continue
            if _BEGIN.match(text):
                if depth == 1 and last_name != "AGENT":  # the card before lacked its END:VCARD
                    yield card
                    card = _Card(line.number)
                else:
                    depth += 1  # a card inside a card (2.1's AGENT): ignored
                continue
            if line.problem and depth == 1:
                if line.problem.startswith("longer"):  # a one-line photo: drop it, keep the card
                    continue
                card.problem = card.problem or f"line {line.number}: {line.problem}"
            if ":" not in text and card.junk is None and depth == 1:
                card.junk = (line.number, text.strip())
            head = text.split(":", 1)[0].upper()
            name = head.split(";", 1)[0].rpartition(".")[2].strip()
            logical, logical_line, last_name = [text], line.number, name
            dropping = name in BINARY or name not in WANTED
            base64 = "BASE64" in head or "ENCODING=B" in head.replace(" ", "")
            soft = "QUOTED-PRINTABLE" in head and text.endswith("=")
            continue
        if _BEGIN.match(text):
            outside = None
            card, depth = _Card(line.number), 1
            logical, dropping, base64, soft, last_name = [], False, False, False, ""
            continue
        if text.strip():
            if outside is None:
                outside = line
                skipped.append((line.number, "text outside any card (expected BEGIN:VCARD)"))
                yield line
            continue
    if card is not None:  # the file ends inside a card (cut short): read what it has
        flush()
        yield card


def _property(text: str, line: int) -> Property | None:
    """``group.NAME;PARAM=a,b;BARE:value`` split up; None when there is no colon."""
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head, value = text[:i], text[i + 1 :]
            break
    else:
        return None
    name, *raw_params = head.split(";")
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, eq, val = raw.partition("=")
        key = key.strip().upper()
        if not eq:  # vCard 2.1: bare "WORK", "PREF", "QUOTED-PRINTABLE", "BASE64"
            if key in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"):
                params.setdefault("ENCODING", []).append(key)
            else:
                params.setdefault("TYPE", []).append(key)
            continue
        params.setdefault(key, []).append(val.strip().strip('"'))
    return Property(name.rpartition(".")[2].strip().upper(), params, value, line)


# -- values --------------------------------------------------------------------------


def _decoded(prop: Property) -> str:
    """The value as text: quoted-printable and its charset undone (escapes still in)."""
    if prop.encoding != "QUOTED-PRINTABLE":
        return prop.value
    raw = quopri.decodestring(prop.value.replace("=\n", "").encode("utf-8", "replace"))
    charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
    try:
        return raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", "replace")


_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


def _parts(value: str, sep: str = ";") -> list[str]:
    """Split a structured value at unescaped ``sep`` and undo the escapes of each part."""
    parts, current, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            current.append(_ESCAPES.get(nxt, "\\" + nxt))
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _text(prop: Property) -> str:
    """A text value: decoded and unescaped, commas kept (2.1 writers never escape them)."""
    return _parts(_decoded(prop), "\x00")[0].replace("\r\n", "\n").replace("\r", "\n").strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _kind(prop: Property, known: tuple[str, ...]) -> str:
    types = prop.types - _IGNORED_TYPES
    for k in known:
        if k in types:
            return "cell" if k == "mobile" else k
    return ""


def _points(
    props: list[Property], known: tuple[str, ...], prefix: str, favour: tuple[str, ...]
) -> list[dict[str, str]]:
    """Every value with its kind: the preferred (PREF) first, then the ``favour`` kinds."""
    out: list[tuple[int, int, dict[str, str]]] = []
    for prop in props:
        value = _one_line(_text(prop))
        if value.lower().startswith(prefix):
            value = value[len(prefix) :].strip()
        if value:
            kind = _kind(prop, known)
            rank = favour.index(kind) if kind in favour else len(favour)
            out.append((0 if prop.preferred else 1, rank, {"value": value, "kind": kind}))
    return [p for *_, p in sorted(out, key=lambda t: (t[0], t[1]))]


def _name(by: dict[str, list[Property]]) -> str:
    for prop in by.get("FN", []):
        name = _one_line(_text(prop))
        if name:
            return name
    for prop in by.get("N", []):
        parts = [_one_line(p) for p in _parts(_decoded(prop))] + [""] * 5
        family, given, additional, prefix, suffix = parts[:5]
        name = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
        if name:
            return name
    return ""


def _handle(value: str) -> str:
    value = value.strip()
    if value.lower().startswith("x-apple:"):
        value = value[8:]
    m = _TWITTER_URL.match(value) or _HANDLE.match(value)
    return f"@{m.group(1)}" if m else ""


def _profiles(by: dict[str, list[Property]]) -> tuple[list[dict[str, str]], str]:
    profiles: list[dict[str, str]] = []
    twitter = ""
    for prop in by.get("X-SOCIALPROFILE", []) + by.get("URL", []):
        value = _one_line(_text(prop))
        if not value:
            continue
        types = prop.types
        if _TWITTER_URL.match(value) or ("twitter" in types and "/" not in value):
            twitter = twitter or _handle(value)
            continue
        if value.lower().startswith("x-apple:"):
            continue
        kind = "linkedin" if "linkedin.com" in value.lower() or "linkedin" in types else ""
        if not kind:
            kind = next(iter(sorted(types - _IGNORED_TYPES)), "web")
        profiles.append({"value": value, "kind": kind})
    for prop in by.get("X-TWITTER", []):
        twitter = twitter or _handle(_text(prop))
    return profiles, twitter


def _contact(card: _Card) -> Contact | str:
    by: dict[str, list[Property]] = {}
    for prop in card.props:
        by.setdefault(prop.name, []).append(prop)
    name = _name(by)
    emails = _points(by.get("EMAIL", []), ("work", "home", "other"), "mailto:", ("work",))
    if not name and not emails:
        return "no name or email address"
    kinds = ("cell", "mobile", "work", "home", "fax", "pager", "other")
    phones = _points(by.get("TEL", []), kinds, "tel:", ("cell", "work"))
    profiles, twitter = _profiles(by)
    orgs = [_one_line(_parts(_decoded(p))[0]) for p in by.get("ORG", [])]
    titles = [_one_line(_text(p)) for p in by.get("TITLE", [])]
    notes = "\n\n".join(t for t in (_text(p) for p in by.get("NOTE", [])) if t)
    contact = Contact(
        name=name,
        company=next((o for o in orgs if o), ""),
        title=next((t for t in titles if t), ""),
        emails=emails,
        phones=phones,
        profiles=profiles,
        twitter=twitter,
        notes=notes,
        role=None,
        source="vcard",
    )
    try:
        contact.check()
    except ValidationError as exc:
        return f"not importable: {exc}"
    return contact
