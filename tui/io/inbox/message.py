"""One mail message: its headers first (cheap), then the new text of its body.

A scan reads the headers of every message and the body only of those that match an
application, so headers are parsed with the fast ``compat32`` policy and only the few
fields we need are decoded (RFC 2047 words, any charset). The body is parsed with the
modern policy, which undoes quoted-printable and base64 and honours the charset; an
HTML-only message is turned into text; quoted history ("On … wrote:", "> ", Outlook's
"From: … Sent:" block, Gmail's ``gmail_quote``) is cut so only what they wrote now is
classified.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from tui.io.inbox.addresses import addresses_in

HEADER_LIMIT = 256 * 1024  # more header than this is not a mail header
BODY_LIMIT = 2 * 1024 * 1024  # the text of a reply is at the start; a 50 MB attachment is never read whole
SNIPPET_CHARS = 240

_HEADER_PARSER = BytesHeaderParser(policy=policy.compat32)
_BODY_PARSER = BytesParser(policy=policy.default)


@dataclass
class Headers:
    message_id: str
    date: datetime | None
    sender_name: str
    sender: str  # the From address, lower-cased ("" when there is none)
    recipients: list[str] = field(default_factory=list)  # To and Cc, lower-cased
    subject: str = ""
    automatic: str = ""  # why it is an automatic reply (Auto-Submitted: auto-replied, ...), or ""
    generated: bool = False  # Auto-Submitted: auto-generated (an ATS notification)
    bulk: bool = False  # a list or bulk mailing (List-Unsubscribe, Precedence: bulk)
    is_reply: bool = False  # In-Reply-To / References, or "Re:"


# C0/C1 controls (an ESC would reach the terminal) and bidirectional overrides; tabs and
# newlines are whitespace and are collapsed anyway.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Other people's text made safe to print: no control characters, no direction overrides."""
    return _UNSAFE.sub("", text)


def decode(value: object) -> str:
    """A header value as text: RFC 2047 words decoded, unknown charsets replaced, one line."""
    if value is None:
        return ""
    text = str(value)
    # an unknown charset or a broken encoded word: keep what is there
    with contextlib.suppress(LookupError, UnicodeError, ValueError, TypeError):
        text = str(make_header(decode_header(text)))
    return " ".join(printable(text).split())


def header_block(read, limit: int = HEADER_LIMIT) -> bytes:
    """Read from a file's ``read`` until the blank line that ends the headers (or ``limit``)."""
    buf = b""
    while len(buf) < limit:
        chunk = read(8192)
        if not chunk:
            break
        buf += chunk
        end = _header_end(buf)
        if end is not None:
            return buf[:end]
    return buf[:limit]


def _header_end(buf: bytes) -> int | None:
    for sep in (b"\n\n", b"\r\n\r\n"):
        i = buf.find(sep)
        if i >= 0:
            return i + len(sep)
    return None


def has_header_end(raw: bytes) -> bool:
    return raw.startswith((b"\n", b"\r\n")) or _header_end(raw) is not None


_ADDRESS_FIELDS = re.compile(rb"^(?:from|to|cc)[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)
_ADDRESS = re.compile(rb"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def quick_addresses(raw: bytes) -> set[str]:
    """Every address in From, To and Cc, found by a regular expression on the raw bytes.

    The first look at each message: ten times cheaper than parsing its headers, and a
    superset of what parsing finds (an address is never RFC 2047-encoded), so a message
    none of whose addresses could match is dropped without being parsed.
    """
    out: set[str] = set()
    for m in _ADDRESS_FIELDS.finditer(raw):
        out.update(a.decode("ascii", "replace").lower() for a in _ADDRESS.findall(m.group(1)))
    return out


def parse_headers(raw: bytes, fallback_date: datetime | None = None) -> Headers:
    msg = _HEADER_PARSER.parsebytes(raw)
    from_pairs = addresses_in(decode(msg.get("From")))
    sender_name, sender = from_pairs[0] if from_pairs else ("", "")
    recipients = [addr for _name, addr in addresses_in(decode(msg.get("To")), decode(msg.get("Cc")))]
    subject = decode(msg.get("Subject"))
    message_id = decode(msg.get("Message-ID")).strip()
    date = _date(msg.get("Date")) or fallback_date
    if not message_id:  # some mailers send none: a stable stand-in from what identifies the message
        basis = f"{date.isoformat() if date else ''}|{sender}|{subject}".encode()
        message_id = "sha256:" + hashlib.sha256(basis).hexdigest()[:32]
    return Headers(
        message_id=message_id,
        date=date,
        sender_name=sender_name,
        sender=sender,
        recipients=recipients,
        subject=subject,
        automatic=_automatic(msg, subject),
        generated=decode(msg.get("Auto-Submitted")).lower().startswith("auto-generated"),
        bulk=bool(msg.get("List-Unsubscribe") or msg.get("List-Id"))
        or decode(msg.get("Precedence")).lower() in ("bulk", "list", "junk"),
        is_reply=bool(msg.get("In-Reply-To") or msg.get("References"))
        or subject.lower().startswith(("re:", "aw:", "sv:", "antw:")),
    )


def _date(value: object) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(decode(value))
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


_AUTO_SUBJECT = re.compile(
    r"^(?:automatic reply|auto[- ]?reply|autoreply|out of (?:the )?office|abwesenheitsnotiz|"
    r"réponse automatique|away from (?:the )?office)\b",
    re.IGNORECASE,
)


def _automatic(msg, subject: str) -> str:
    """Why this is an automatic reply (an out-of-office), or "" for a message a person sent.

    An ATS acknowledgement or rejection is also machine-sent (Auto-Submitted:
    auto-generated); only *replies* written by a machine (auto-replied, X-Autoreply,
    an "Out of office" subject) are out-of-office notes, which never count as a response.
    """
    auto = decode(msg.get("Auto-Submitted")).lower()
    if auto.startswith("auto-replied"):
        return "Auto-Submitted: auto-replied"
    if msg.get("X-Autoreply") or msg.get("X-Autorespond"):
        return "an X-Autoreply header"
    if _AUTO_SUBJECT.search(subject.removeprefix("Re: ").strip()):
        return f"the subject says “{subject}”"
    return ""


# -- the body ---------------------------------------------------------------------------


def body_text(raw: bytes) -> str:
    """The readable text of a message: text/plain, else its HTML as text; "" when it has none."""
    try:
        msg = _BODY_PARSER.parsebytes(raw)
    except Exception:  # the modern parser is lenient; anything it still refuses has no text for us
        return ""
    if not isinstance(msg, EmailMessage):
        return ""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = _content(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return text


def _content(part: EmailMessage) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError):  # an unknown or lying charset
        payload = part.get_payload(decode=True) or b""
        return payload.decode("latin-1", errors="replace")
    except Exception:
        return ""


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML mail, without scripts, styles or the quoted history."""

    SKIP = frozenset({"script", "style", "head", "title", "blockquote"})
    QUOTE_MARKS = ("gmail_quote", "yahoo_quoted", "divrplyfwdmsg", "appendonsend", "moz-cite-prefix")
    BREAKS = frozenset({"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "hr"})
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._stack: list[bool] = []  # per open element: does it hide its content?
        self._hidden = 0
        self.stopped = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.stopped:
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id")).lower()
        if tag in self.BREAKS:
            self.out.append("\n")
        if tag in self.VOID:
            return
        hides = tag in self.SKIP or any(m in marks for m in self.QUOTE_MARKS)
        self._stack.append(hides)
        self._hidden += hides

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or not self._stack:
            return
        self._hidden -= self._stack.pop()
        if tag in self.BREAKS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden and not self.stopped:
            self.out.append(data)


def html_to_text(html: str) -> str:
    parser = _TextOfHtml()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # broken markup: what was read so far
        pass
    lines = [" ".join(line.split()) for line in "".join(parser.out).splitlines()]
    return "\n".join(line for line in lines if line)


_QUOTE_HEADS = [
    re.compile(r"^\s*On\b[^\n]{0,300}?(?:\n[^\n]{0,200}?)?\bwrote:\s*$", re.MULTILINE),
    re.compile(r"^\s*Le\b[^\n]{0,300}?(?:\n[^\n]{0,200}?)?a écrit\s*:\s*$", re.MULTILINE),
    re.compile(r"^\s*Am\b[^\n]{0,300}?(?:\n[^\n]{0,200}?)?schrieb[^\n]{0,200}:\s*$", re.MULTILINE),
    re.compile(r"^\s*-{2,}\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht)", re.I | re.M),
    re.compile(r"^\s*_{10,}\s*$", re.MULTILINE),
    re.compile(r"^\s*From:\s[^\n]*\n\s*(?:Sent|Date):\s", re.MULTILINE),
    re.compile(r"^-- $", re.MULTILINE),  # the signature delimiter
]


def new_text(text: str) -> str:
    """What the sender wrote now: the text before the quoted history, without "> " lines."""
    cut = len(text)
    for pattern in _QUOTE_HEADS:
        m = pattern.search(text)
        if m and m.start() < cut:
            cut = m.start()
    kept = [line for line in text[:cut].splitlines() if not line.lstrip().startswith(">")]
    return "\n".join(kept).strip()


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = " ".join(printable(text).split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0] + "…"
