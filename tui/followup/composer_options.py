"""The composer pane's decisions that need no widgets (DESIGN.md §6).

Which channels to offer for a recipient, which one to start on, the order of the
template picker, the event that "mark sent" logs, turning a filled-in draft back into
a template, and the text handed to ``$EDITOR``. Kept apart from the pane so they are
tested without a terminal; nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from tui.domain.models import CHANNELS, MAX_TEXT, Application, Contact, Event, NextAction, Template
from tui.followup.finder import best_channel, effective_role

# Channels a written message can go out on (phone is offered only when the contact has a number).
MESSAGE_CHANNELS: tuple[str, ...] = ("email", "linkedin", "twitter")
OFFERED_CHANNELS: tuple[str, ...] = ("email", "linkedin", "twitter", "phone")
CHANNEL_LABELS: dict[str, str] = {
    "email": "email",
    "linkedin": "LinkedIn",
    "twitter": "Twitter",
    "phone": "phone",
    "in_person": "in person",
    "other": "another channel",
}
KIND_LABELS: dict[str, str] = {
    "application_follow_up": "application follow-up",
    "thank_you": "thank-you",
    "interview_follow_up": "post-interview follow-up",
    "check_in": "check-in",
    "withdraw": "withdrawal",
}
# Warnings that make sending need an explicit "yes": the app advises against sending at all.
CONFIRM_CODES = frozenset({"blocked_channel", "policy", "position_closed"})


def clean_text(text: str) -> str:
    """Text safe to encode: a lone surrogate (from a bad file or paste) becomes "?". The
    clipboard escape, the JSON store and the terminal all need valid UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8")


# --- channels --------------------------------------------------------------------------


def address(contact: Contact | None, channel: str) -> str:
    """The contact's address on a channel ("" when none is on file)."""
    if contact is None:
        return ""
    value = {
        "email": contact.email,
        "linkedin": contact.linkedin,
        "twitter": contact.twitter,
        "phone": contact.phone,
    }.get(channel, "")
    value = " ".join(value.split())
    if channel == "email" and "@" not in value:
        return ""
    return value


_HANDLE = re.compile(r"@?([A-Za-z0-9_]{1,15})")


def profile_url(contact: Contact | None, channel: str) -> str | None:
    """The web page to write to the contact on LinkedIn or Twitter, if the address is one."""
    value = address(contact, channel)
    if not value or channel not in ("linkedin", "twitter"):
        return None
    if re.match(r"https?://", value, re.IGNORECASE):
        return value
    host = value.split("/", 1)[0].lower()
    if host.endswith(("linkedin.com", "twitter.com", "x.com")) and "/" in value:
        return "https://" + value
    handle = _HANDLE.fullmatch(value)
    if channel == "twitter" and handle:
        return f"https://x.com/{handle.group(1)}"
    return None


def channel_choices(app: Application, contact: Contact | None, current: str) -> list[tuple[str, bool]]:
    """``(channel, blocked)`` pairs to offer: the ones the contact can be reached on (every
    message channel when there is no contact), allowed ones first, blocked ones last so a
    deliberate choice is possible but never the easy one. ``current`` is always listed."""
    if contact is None:
        reachable = list(MESSAGE_CHANNELS)
    else:
        reachable = [c for c in OFFERED_CHANNELS if address(contact, c)]
    if current and current not in reachable:
        reachable.append(current)
    blocked = set(app.blocked_channels)
    return [(c, False) for c in reachable if c not in blocked] + [
        (c, True) for c in reachable if c in blocked
    ]


def default_channel(app: Application, contact: Contact | None, action: NextAction | None) -> str:
    """The rules' channel when the recipient is the rules' contact; else the best allowed channel
    for whoever the finder chose; else the first message channel that is not blocked."""
    contact_id = contact.id if contact is not None else None
    if action is not None and action.channel and action.contact_id == contact_id:
        return action.channel
    if contact is not None:
        channel = best_channel(contact, app, effective_role(contact)[0])
        if channel:
            return channel
    blocked = set(app.blocked_channels)
    for channel in MESSAGE_CHANNELS:
        if channel not in blocked and (contact is None or address(contact, channel)):
            return channel
    for channel in MESSAGE_CHANNELS:
        if channel not in blocked:
            return channel
    return "email"


# --- templates ---------------------------------------------------------------------------


def template_menu(templates: Iterable[Template], channel: str, kind: str | None) -> list[Template]:
    """Templates of the current channel first, then channel by channel; within a channel the
    suggested kind first, then the order they came in (defaults in file order, then the user's)."""
    ordered = list(templates)
    rank = {id(t): i for i, t in enumerate(ordered)}
    order = {c: i for i, c in enumerate(CHANNELS)}

    def key(t: Template) -> tuple[bool, int, bool, int]:
        return (t.channel != channel, order.get(t.channel, len(order)), t.kind != kind, rank[id(t)])

    return sorted(ordered, key=key)


def template_label(template: Template, app: Application, contact: Contact | None) -> str:
    """The template's name, whether it is the user's own, and why its channel may not work."""
    label = " ".join(template.name.split()) or "(unnamed)"
    if not template.builtin:
        label += " · yours"
    channel = CHANNEL_LABELS.get(template.channel, template.channel)
    if template.channel in app.blocked_channels:
        label += f" · {channel} is blocked by the posting"
    elif contact is not None and not address(contact, template.channel):
        label += f" · no {channel} on file"
    return label


def same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def users_template(templates: Iterable[Template], name: str) -> Template | None:
    """The user's own template of that name (names compared ignoring case and spacing)."""
    for t in templates:
        if not t.builtin and t.id is not None and same_name(t.name, name):
            return t
    return None


def default_template(defaults: Iterable[Template], name: str) -> Template | None:
    for t in defaults:
        if same_name(t.name, name):
            return t
    return None


# Values that read as plain words in a message: turning them back into placeholders
# would rewrite ordinary prose ("hearing from you soon" → "{decision_on}").
_FALLBACK_VALUES = frozenset(
    {"there", "the hiring team", "the role and the team", "recently", "soon", "today", "yesterday"}
)
# On equal values the first wins: "Priya" is {first_name} before it is {name}.
_REVERSE_ORDER: tuple[str, ...] = (
    "signature",
    "topics",
    "role",
    "company",
    "contact_title",
    "first_name",
    "name",
    "my_email",
    "my_name",
    "applied_on",
    "interview_on",
    "decision_on",
)


def as_template_text(text: str, values: dict[str, str]) -> str:
    """A filled-in draft turned back into template text: the values it was filled with
    (names, company, role, topics, dates, signature) become their ``{placeholders}`` again,
    so a saved template fits the next card too. Longest value first, whole words only,
    one pass (a replacement is never scanned again)."""
    seen: set[str] = set()
    pairs: list[tuple[str, str]] = []
    for key in _REVERSE_ORDER:
        value = values.get(key, "")
        if len(value.strip()) < 3 or value in _FALLBACK_VALUES or value in seen:
            continue
        seen.add(value)
        pairs.append((value, key))
    if not pairs:
        return text
    pairs.sort(key=lambda p: -len(p[0]))  # stable: ties keep _REVERSE_ORDER
    by_value = dict(pairs)

    def bounded(value: str) -> str:
        head = r"(?<!\w)" if value[0].isalnum() or value[0] == "_" else ""
        tail = r"(?!\w)" if value[-1].isalnum() or value[-1] == "_" else ""
        return head + re.escape(value) + tail

    pattern = re.compile("|".join(bounded(v) for v, _ in pairs))
    return pattern.sub(lambda m: "{" + by_value[m.group(0)] + "}", text)


# --- mark sent --------------------------------------------------------------------------


def sent_event_kind(template_kind: str | None) -> str:
    """thank_you_sent for a thank-you; a withdrawal is a note (it is not a follow-up and must
    not count against the follow-up budget); everything else is follow_up_sent."""
    if template_kind == "thank_you":
        return "thank_you_sent"
    if template_kind == "withdraw":
        return "note"
    return "follow_up_sent"


def sent_event(
    app_id: int,
    template_kind: str | None,
    channel: str,
    contact_id: int | None,
    today: date,
    text: str,
) -> Event:
    """The timeline event for a message sent today; its text is the message as sent."""
    kind = sent_event_kind(template_kind)
    if kind == "note":
        text = "Withdrawal sent:\n" + text
    return Event(
        application_id=app_id,
        kind=kind,
        on=today,
        channel=channel if channel in CHANNELS else None,
        contact_id=contact_id,
        text=clean_text(text)[:MAX_TEXT],
    )


# --- the $EDITOR file ---------------------------------------------------------------------

_SUBJECT_LINE = re.compile(r"subject:[ \t]?(.*)", re.IGNORECASE)


def editor_text(subject: str, body: str, channel: str) -> str:
    """What the editor opens: ``Subject: ...``, a blank line and the body for email."""
    body = body if body.endswith("\n") else body + "\n"
    if channel == "email":
        return f"Subject: {' '.join(subject.split())}\n\n{body}"
    return body


def from_editor_text(text: str, channel: str, old_subject: str) -> tuple[str, str]:
    """(subject, body) read back from the editor. For email a first line ``Subject: ...`` is
    the subject (one line); without it the subject stays as it was. The final newline an
    editor adds is dropped."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    subject = old_subject
    if channel == "email":
        first, _newline, rest = text.partition("\n")
        match = _SUBJECT_LINE.fullmatch(first)
        if match:
            subject = " ".join(match.group(1).split())
            text = rest.removeprefix("\n")
    return subject, text.removesuffix("\n")


# --- the .eml file ------------------------------------------------------------------------


def write_new_file(path: Path, data: bytes, *, attempts: int = 1000) -> Path:
    """Write ``data`` to ``path``, or ``name-2.eml``, ``name-3.eml``... if it exists: a draft
    never overwrites another. Created 0600 (a draft holds other people's addresses), durably,
    through the one durable write (``tui.store.fsio.write_new``).

    Raises OSError (the folder is missing, not writable, ...)."""
    from tui.store.fsio import write_new

    for n in range(1, attempts + 1):
        target = path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")
        try:
            return write_new(target, data)
        except FileExistsError:
            continue
    raise FileExistsError(f"{path.parent}: {attempts} drafts named {path.stem} already")


def eml_target(value: str, folder_default: Path, file_name: str) -> Path:
    """Where a typed answer to "save the draft as…" points: a folder (existing, or typed with a
    trailing slash) gets the default file name; a name without a suffix gets ``.eml``."""
    text = value.strip()
    path = Path(text).expanduser() if text else folder_default / file_name
    if text.endswith(("/", os.sep)) or path.is_dir():
        return path / file_name
    if not path.suffix:
        path = path.with_name(path.name + ".eml")
    return path
