"""vCard files (``.vcf``): one or many cards, vCard 2.1, 3.0 or 4.0, parsed by ``vobject``.

What a card gives a contact: FN (or N when FN is missing) as the name; the preferred
EMAIL (PREF / TYPE=pref first, then TYPE=work, then the first); the preferred TEL; the
first unit of ORG as the company; TITLE; a URL or X-SOCIALPROFILE on linkedin.com as
``linkedin``; a Twitter handle from X-TWITTER, X-SOCIALPROFILE or a twitter.com / x.com
URL; NOTE as notes. Source "vcard", no role (the finder infers one later).

The file is cut into cards here, and each card is parsed on its own: one broken card is
skipped with its line number instead of losing the whole address book. Before vobject
sees a card, folded lines and quoted-printable soft line breaks (vCard 2.1, as phones
write it) are joined, and the text values read here are made safe from a vobject habit of
keeping only what comes before the first unescaped comma ("FN:Doe, Jane" -> "Doe").
"""

from __future__ import annotations

import quopri
import re
from typing import Any

from tui.domain.errors import ImportFormatError
from tui.domain.models import Contact, ValidationError
from tui.io.importers import ParsedContacts, Source, load_text

_BEGIN = re.compile(r"begin\s*:\s*vcard\s*$", re.IGNORECASE)
_END = re.compile(r"end\s*:\s*vcard\s*$", re.IGNORECASE)
_NEWLINE = re.compile(r"\r\n|\r|\n")  # not str.splitlines: U+2028 and friends are text
_HANDLE = re.compile(r"^@?([A-Za-z0-9_]{1,15})$")
_TWITTER_URL = re.compile(
    r"^(?:https?://)?(?:www\.|mobile\.)?(?:twitter|x)\.com/@?([A-Za-z0-9_]{1,15})(?:[/?#]|$)", re.IGNORECASE
)


def read_vcards(source: Source, *, label: str | None = None) -> ParsedContacts:
    """Parse a ``.vcf`` (a path, its bytes or its text) into contacts.

    Raises ``ImportFormatError`` when it holds no vCard, when a card is not closed, when
    text sits outside the cards, or when no card in it can be read; otherwise a card that
    cannot be read, or that has neither a name nor an email, is skipped with its line.
    """
    text, file_label = load_text(source, "vCard file")
    label = label or file_label
    cards = _cut_cards(text, label)
    parsed = ParsedContacts()
    failures: list[tuple[int, str]] = []
    for line, card_lines in cards:
        try:
            card = _parse(card_lines)
        except _CardError as exc:
            where = line + exc.offset
            failures.append((where, str(exc)))
            parsed.skipped.append((where, f"unreadable card: {exc}"))
            continue
        outcome = _contact(card)
        if isinstance(outcome, str):
            parsed.skipped.append((line, outcome))
        else:
            parsed.contacts.append(outcome)
    if failures and len(failures) == len(cards):
        where, why = failures[0]
        raise ImportFormatError(f"{label}: line {where}: not a readable vCard ({why}).")
    return parsed


def _cut_cards(text: str, label: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each top-level BEGIN:VCARD ... END:VCARD block."""
    cards: list[tuple[int, list[str]]] = []
    depth, start, block = 0, 0, []
    for number, raw in enumerate(_NEWLINE.split(text), start=1):
        line = raw.strip()
        if _BEGIN.match(line):
            if depth == 0:
                start, block = number, []
            depth += 1
        elif depth == 0:
            if line:
                shown = line if len(line) <= 60 else line[:57] + "..."
                raise ImportFormatError(f"{label}: line {number}: expected BEGIN:VCARD, found {shown!r}.")
            continue
        block.append(raw)
        if _END.match(line):
            depth -= 1
            if depth == 0:
                cards.append((start, block))
    if depth:
        raise ImportFormatError(f"{label}: line {start}: the card that starts here has no END:VCARD.")
    if not cards:
        raise ImportFormatError(f"{label}: no vCard in it (expected BEGIN:VCARD ... END:VCARD).")
    return cards


# Single-text properties read here. vobject keeps only the part before the first bare
# comma of these ("FN:Jane, Doe" -> "Jane"), and vCard 2.1 writers never escape commas.
_TEXT_PROPERTIES = frozenset({"FN", "NOTE", "TITLE", "EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "X-TWITTER"})
# A comma not escaped by a backslash (itself not escaped).
_BARE_COMMA = re.compile(r"(?<!\\)((?:\\\\)*),")


# Binary properties a contact does not need: skipped as they are read, never joined (a 10 MB
# photo folded at 75 columns is 140,000 lines), so a card with one costs what it would without.
_SKIPPED_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
# Any other property longer than this is skipped too (no field keeps more than MAX_TEXT).
MAX_PROPERTY = 200_000


def _property_name(line: str) -> str:
    return line.partition(":")[0].partition(";")[0].rpartition(".")[2].strip().upper()


def _prepare(lines: list[str]) -> list[str]:
    """Unfold the card's lines and make its text values safe for vobject.

    Folded lines (a leading space) and vCard 2.1 quoted-printable soft breaks (a line
    ending in "=", going on at the start of the next) are joined; a joined line leaves an
    empty one behind, so a line's index stays its physical line. Photos and other binary
    properties, and any property over ``MAX_PROPERTY`` characters, are dropped as they are
    read. Then the text properties above get their quoted-printable decoded and their bare
    commas escaped.
    """
    out: list[str] = []
    parts: list[str] = []  # the logical line being built, joined once at its end (not += per fold)
    size = 0
    target = -1  # index of the logical line being built
    soft = False  # it is quoted-printable and ends in a soft break
    skipping = False

    def close() -> None:
        if target >= 0:
            out[target] = "" if skipping else "".join(parts)

    for raw in lines:
        if target >= 0 and soft and not _END.match(raw.strip()):
            if not skipping:
                parts[-1] = parts[-1][:-1]
                parts.append(raw)
                size += len(raw)
            soft = raw.endswith("=")
        elif target >= 0 and raw[:1] in (" ", "\t"):
            if not skipping:
                parts.append(raw[1:])
                size += len(raw)
        else:
            close()
            out.append(raw)
            target = len(out) - 1
            skipping = _property_name(raw) in _SKIPPED_PROPERTIES
            parts, size = ([] if skipping else [raw]), len(raw)
            soft = _is_quoted_printable(raw.partition(":")[0]) and raw.endswith("=")
            continue
        if size > MAX_PROPERTY:
            skipping, parts = True, []
        out.append("")
    close()
    return [_safe_text(line) if line else line for line in out]


def _is_quoted_printable(head: str) -> bool:
    return "QUOTED-PRINTABLE" in head.upper()


def _split_line(line: str) -> tuple[str, str] | None:
    """(name and parameters, value): split at the first colon outside double quotes."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return line[:i], line[i + 1 :]
    return None


def _safe_text(line: str) -> str:
    parts = _split_line(line)
    if parts is None:
        return line
    head, value = parts
    name, *params = head.split(";")
    if name.rpartition(".")[2].strip().upper() not in _TEXT_PROPERTIES:
        return line
    if _is_quoted_printable(head):
        charset = "utf-8"
        kept = []
        for param in params:
            key, _, val = param.partition("=")
            if key.strip().upper() == "CHARSET" and val:
                charset = val.strip().strip('"')
            elif not _is_quoted_printable(param):
                kept.append(param)
        raw = quopri.decodestring(value.encode("utf-8"))
        try:
            text = raw.decode(charset, "replace")
        except LookupError:  # an unknown charset name
            text = raw.decode("utf-8", "replace")
        escaped = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
        escaped = escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
        return ";".join([name, *kept]) + ":" + escaped
    return head + ":" + _BARE_COMMA.sub(r"\1\\,", value)


class _CardError(Exception):
    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset  # lines after the card's BEGIN line


def _parse(lines: list[str]) -> Any:
    """The vobject component for one card; every failure becomes a ``_CardError``."""
    import vobject  # only an import of vCards pays for it

    lines = _prepare(lines)
    try:
        card = vobject.readOne("\r\n".join(line for line in lines if line) + "\r\n")
    except Exception as exc:  # vobject raises ParseError, ValueError, binascii errors and more
        message = _tidy(getattr(exc, "msg", None) or str(exc) or type(exc).__name__)
        raise _CardError(message, _offending_line(lines, message)) from None
    if str(getattr(card, "name", "")).upper() != "VCARD":
        raise _CardError("not a VCARD component")
    return card


def _offending_line(lines: list[str], message: str) -> int:
    """Which line of the card a vobject message is about (its own line numbers are off)."""
    _, found, text = message.partition("Failed to parse line: ")
    text = text.strip()
    if found and text:
        for i, line in enumerate(lines):
            if line.strip() and (line.strip() == text or text.startswith(line.strip())):
                return i
    return 0


def _tidy(message: Any) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= 120 else text[:117] + "..."


# -- one card to a contact -------------------------------------------------------------


def _lines(card: Any, name: str) -> list[Any]:
    try:
        return list(card.contents.get(name.lower(), []))
    except Exception:
        return []


def _text(value: Any) -> str:
    """A property value as plain text, whatever vobject made of it."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").strip()
    if isinstance(value, list | tuple):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    return str(value).strip() if value is not None else ""


def _flags(line: Any) -> set[str]:
    """The lowercase TYPE values and bare parameters of a line ("work", "pref", ...)."""
    flags: set[str] = set()
    params = getattr(line, "params", {}) or {}
    for key, values in params.items():
        if str(key).upper() == "TYPE":
            for value in values:
                flags.update(part.strip().lower() for part in str(value).split(","))
        elif str(key).upper() == "PREF":
            flags.add("pref")
    for value in getattr(line, "singletonparams", []) or []:
        flags.add(str(value).lower())
    return flags


def _preferred(lines: list[Any], *, favour: tuple[str, ...] = ("pref", "work")) -> str:
    """The value of the line with the most wanted flags (earlier flags weigh more)."""
    best, best_score = "", -1
    for line in lines:
        value = _text(getattr(line, "value", ""))
        if not value:
            continue
        flags = _flags(line)
        score = sum(2 ** (len(favour) - i) for i, flag in enumerate(favour) if flag in flags)
        if score > best_score:
            best, best_score = value, score
    return best


def _name(card: Any) -> str:
    for line in _lines(card, "fn"):
        name = _text(line.value)
        if name:
            return name
    for line in _lines(card, "n"):
        value = line.value
        parts = [getattr(value, attr, "") for attr in ("prefix", "given", "additional", "family", "suffix")]
        name = " ".join(t for t in (_text(p) for p in parts) if t)
        if not name and isinstance(value, str):
            name = " ".join(reversed([p.strip() for p in value.split(";")[:2] if p.strip()]))
        if name:
            return name
    return ""


def _company(card: Any) -> str:
    for line in _lines(card, "org"):
        value = line.value
        first = value[0] if isinstance(value, list | tuple) and value else value
        company = _text(first)
        if company:
            return company
    return ""


def _handle(value: str) -> str:
    value = value.strip()
    if value.lower().startswith("x-apple:"):
        value = value[8:]
    m = _TWITTER_URL.match(value) or _HANDLE.match(value)
    return f"@{m.group(1)}" if m else ""


def _profiles(card: Any) -> tuple[str, str]:
    """(LinkedIn URL, Twitter handle) from URL, X-SOCIALPROFILE and X-TWITTER lines."""
    linkedin = twitter = ""
    for line in _lines(card, "x-socialprofile") + _lines(card, "url"):
        value = _text(line.value)
        flags = _flags(line)
        if not linkedin and ("linkedin.com" in value.lower() or ("linkedin" in flags and "/" in value)):
            linkedin = value
        elif not twitter and ("twitter" in flags or _TWITTER_URL.match(value)):
            twitter = _handle(value)
    for line in _lines(card, "x-twitter"):
        twitter = twitter or _handle(_text(line.value))
    return linkedin, twitter


def _one_line(text: str) -> str:
    """A field shown on one line: any run of whitespace (newlines too) becomes one space."""
    return " ".join(text.split())


def _contact(card: Any) -> Contact | str:
    name = _name(card)
    email = _preferred(_lines(card, "email"))
    if email.lower().startswith("mailto:"):
        email = email[7:]
    if not name and not email:
        return "no name or email address"
    phone = _preferred(_lines(card, "tel"), favour=("pref", "cell", "work"))
    if phone.lower().startswith("tel:"):
        phone = phone[4:]
    linkedin, twitter = _profiles(card)
    notes = "\n\n".join(t for t in (_text(line.value) for line in _lines(card, "note")) if t)
    titles = [t for t in (_text(line.value) for line in _lines(card, "title")) if t]
    contact = Contact(
        name=_one_line(name),
        email=_one_line(email),
        phone=_one_line(phone),
        company=_one_line(_company(card)),
        title=_one_line(titles[0] if titles else ""),
        linkedin=_one_line(linkedin),
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
