"""Getting a draft out of the app (DESIGN.md §6): an ``.eml`` draft file and a ``mailto:`` URL.

The ``.eml`` carries ``X-Unsent: 1``, which Outlook, Apple Mail and Thunderbird read as
"open this as a draft to edit and send" rather than as a received message. Headers are
built with the standard ``email`` package, so unicode names become RFC 2047 encoded
words and an internationalised domain becomes punycode; nothing is hand-escaped.
"""

from __future__ import annotations

import email.errors
import email.policy
import re
import unicodedata
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import quote, unquote

from tui.domain.errors import InputError
from tui.domain.models import Application
from tui.followup.composer import Draft

# Some mail handlers (notably on Windows) cut a mailto: URL at about 2,000 characters;
# the UI offers the .eml file instead above this.
MAILTO_SAFE_LENGTH = 2_000
EML_NAME_LIMIT = 80

# CRLF as on the wire (and as Outlook writes .eml files). Headers fold only at RFC 5322's
# hard limit of 998: the stdlib drops the space between two encoded words when it folds
# a unicode subject at 78 ("… Zoë Ünal" read back as "…ZoëÜnal"); one long line is valid.
_EML_POLICY = email.policy.SMTP.clone(max_line_length=998)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """One header-safe line: no control characters, whitespace collapsed, no lone surrogates."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join(_CONTROL.sub(" ", text).split())


def _address(name: str, addr: str, what: str) -> Address | None:
    addr = addr.strip()
    if not addr:
        return None
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain or _CONTROL.search(addr) or any(ch.isspace() for ch in addr):
        raise InputError(f"{what}: {addr!r} is not an email address")
    if not local.isascii():
        raise InputError(f"{what}: {addr!r} has non-ASCII characters before the @, which drafts cannot carry")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise InputError(f"{what}: {addr!r} has a domain that is not valid") from None
    try:
        return Address(display_name=_clean(name), addr_spec=f"{local}@{domain}")
    except (ValueError, IndexError, email.errors.MessageError):
        raise InputError(f"{what}: {addr!r} is not an email address") from None


def to_eml(
    draft: Draft,
    to_name: str,
    to_addr: str,
    from_name: str = "",
    from_addr: str = "",
    *,
    when: datetime | None = None,
) -> bytes:
    """An RFC 5322 draft (UTF-8, CRLF) a mail client opens ready to edit and send.

    An empty address leaves its header out (the mail client fills in From from its
    account); a malformed one raises InputError naming it. ``when`` defaults to the clock.
    """
    msg = EmailMessage()
    to = _address(to_name, to_addr, "To")
    sender = _address(from_name, from_addr, "From")
    if sender is not None:
        msg["From"] = sender
    if to is not None:
        msg["To"] = to
    msg["Subject"] = _clean(draft.subject)
    if when is None:
        from tui.domain.clock import now_utc

        when = now_utc()
    msg["Date"] = format_datetime(when)
    msg["X-Unsent"] = "1"
    body = draft.body.encode("utf-8", "replace").decode("utf-8")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not body.endswith("\n"):
        body += "\n"
    msg.set_content(body, charset="utf-8")
    return msg.as_bytes(policy=_EML_POLICY)


# RFC 6068 §2: in a mailto hfvalue everything but unreserved characters and a few
# delimiters must be percent-encoded; we encode all but the unreserved ones, which is
# always valid. Non-ASCII text is UTF-8 first. Spaces are %20, never "+".
_UNRESERVED = "-._~"


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def mailto_url(draft: Draft, to_addr: str = "") -> str:
    """``mailto:to?subject=...&body=...``; newlines become %0D%0A (RFC 6068 §5)."""
    to = quote(to_addr.strip().encode("utf-8", "replace"), safe="@")
    fields = []
    if draft.subject:
        fields.append("subject=" + quote(_clean(draft.subject).encode("utf-8", "replace"), safe=_UNRESERVED))
    if draft.body:
        fields.append("body=" + quote(_crlf(draft.body).encode("utf-8", "replace"), safe=_UNRESERVED))
    return "mailto:" + to + ("?" + "&".join(fields) if fields else "")


def parse_mailto(url: str) -> tuple[str, str, str]:
    """(to, subject, body) of a mailto URL; CRLF in the body becomes a newline.

    Raises InputError for anything that is not a mailto: URL.
    """
    if not isinstance(url, str) or url[:7].lower() != "mailto:":
        raise InputError("not a mailto: URL")
    rest = url[7:]
    path, _, query = rest.partition("?")
    to = [unquote(path)] if path else []
    subject = body = ""
    for pair in query.split("&") if query else []:
        key, _, value = pair.partition("=")
        key, value = unquote(key).lower(), unquote(value)
        if key == "to" and value:
            to.append(value)
        elif key == "subject":
            subject = value
        elif key == "body":
            body = value.replace("\r\n", "\n")
    return ",".join(to), subject, body


_UNSAFE_NAME = re.compile(r"[^\w]+")


def default_eml_name(app: Application, today: date) -> str:
    """``2024-11-10-acme-backend-engineer.eml``: no slashes, no control characters, ≤ 80 characters."""
    text = unicodedata.normalize("NFKC", f"{app.company} {app.role}").casefold()
    slug = _UNSAFE_NAME.sub("-", text).replace("_", "-")
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    stem = f"{today.isoformat()}-{slug}" if slug else f"{today.isoformat()}-draft"
    stem = stem[: EML_NAME_LIMIT - len(".eml")].rstrip("-")
    return stem + ".eml"
