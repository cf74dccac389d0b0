"""The composer's domain (DESIGN.md §6): pick a template, fill it in, warn about it.

Nothing here raises on any text. Templates are user text, so placeholders are filled
by one regex pass over ``{identifier}`` tokens, never with ``str.format`` (which would
let ``{0.__class__}`` reach into objects and raise on a stray brace). Values are not
re-scanned, so a company named ``{role}`` stays literally ``{role}``.

Choices this module makes (DESIGN.md is silent on them):

- ``let_go``, ``close_as_ghosted`` and ``none`` suggest no template: the seed's advice
  is to let it be, and withdrawing is the candidate's own decision (``withdraw`` is
  picked by hand).
- Word limits per kind: an application follow-up or check-in is brief (150 words);
  a thank-you about 180 (the etiquette guides say 100-180 words, 3-5 sentences); the
  detailed post-interview follow-up 350; a withdrawal 150.
- Subject: a soft warning over 60 characters, where a phone's inbox cuts it.
- LinkedIn: a message to a connection may hold 8,000 characters, an InMail body 1,900,
  a connection note 200 on a free account and 300 with Premium (``[me] linkedin_premium``).
  We don't know whether the contact is a connection, so over the note's limit warns
  (it would not fit a connection request), over 1,900 warns (nor an InMail) and over
  8,000 is an error.
- A thank-you goes to one interviewer at a time; ``{topics}`` are the topics of the
  interview you met them at (the round's), else the application's.
- Twitter: 280, counted the way twitter-text weighs characters (most CJK and emoji
  count 2, a URL 23), erring long for emoji sequences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from tui.domain.config import Cadence, Me
from tui.domain.models import Application, Contact, Event, NextAction, Template

# --- choosing a template -------------------------------------------------------------

# The next action kind alone; ``template_kind`` refines it with the timeline.
KIND_FOR_ACTION: dict[str, str | None] = {
    "follow_up": "application_follow_up",  # interview_follow_up / check_in after an interview / response
    "thank_you": "thank_you",
    "wait": "check_in",  # after a positive or neutral response; snoozed: from the timeline
    "let_go": None,
    "close_as_ghosted": None,
    "none": None,
}

# Events that are a conversation with the company (DESIGN.md §4 "last contact").
_CONTACT_KINDS = frozenset({"applied", "follow_up_sent", "thank_you_sent", "interview", "response_received"})


def _ordered(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.on, e.id or 0))


def _kind_from_timeline(events: list[Event]) -> str:
    """The message the timeline calls for when the next action does not say."""
    contacts = [e for e in _ordered(events) if e.kind in _CONTACT_KINDS]
    if (
        contacts
        and contacts[-1].kind == "response_received"
        and contacts[-1].response in ("positive", "neutral")
    ):
        return "check_in"
    interviews = [i for i, e in enumerate(contacts) if e.kind == "interview"]
    if interviews:
        after = contacts[interviews[-1] + 1 :]
        return "interview_follow_up" if any(e.kind == "thank_you_sent" for e in after) else "thank_you"
    return "application_follow_up"


def template_kind(next_action: NextAction | None, events: list[Event]) -> str | None:
    """The template kind for a next action in the context of the timeline, or None (no message)."""
    if next_action is None:
        return _kind_from_timeline(events)
    kind = next_action.kind
    if kind == "follow_up":
        if any(e.kind == "interview" for e in events):
            return "interview_follow_up"
        if any(e.kind == "response_received" and e.response in ("positive", "neutral") for e in events):
            return "check_in"
        return "application_follow_up"
    if kind == "wait":
        return _kind_from_timeline(events)
    return KIND_FOR_ACTION.get(kind)


def choose_template(templates: list[Template], kind: str | None, channel: str | None) -> Template | None:
    """Exact kind and channel, else the kind's email template; the user's own before a builtin."""
    if kind is None:
        return None
    ranked = sorted(templates, key=lambda t: t.builtin)  # stable: user templates first
    for want in (channel, "email"):
        for t in ranked:
            if t.kind == kind and t.channel == want:
                return t
    return None


# --- the context and its placeholder values ------------------------------------------


@dataclass
class ComposeContext:
    application: Application
    contact: Contact | None
    channel: str
    me: Me
    today: date
    events: list[Event] = field(default_factory=list)
    next_action: NextAction | None = None
    cadence: Cadence = field(default_factory=Cadence)


PLACEHOLDERS: dict[str, str] = {
    "first_name": "the contact's first name, or 'there' (Hello there,)",
    "name": "the contact's full name, or 'the hiring team'",
    "company": "the application's company",
    "role": "the application's role",
    "topics": "the interview topics as a list (a, b and c), or 'the role and the team'",
    "applied_on": "when you applied: 'on November 3', 'yesterday', or 'recently'",
    "interview_on": "the latest interview: 'on November 3', 'yesterday', or 'recently'",
    "decision_on": "the date they said they'd decide, or 'soon'",
    "days_since": "time since the last contact: '8 days', '1 day'",
    "my_name": "your name ([me] name in config.toml)",
    "my_email": "your email ([me] email in config.toml)",
    "signature": "your [me] signature, or 'Best regards,' and your name",
    "contact_title": "the contact's job title",
}

_HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "sir", "madam", "herr", "frau"})


def _first_name(contact: Contact | None) -> str:
    if contact is None or contact.role == "hr_inbox":
        return "there"
    if contact.role is None and _is_inbox_address(contact.email):
        return "there"  # an imported jobs@ address: its "name" is a mailbox, not a person
    words = [w.strip(",;") for w in contact.name.split()]
    words = [w for w in words if w and w.lower().rstrip(".") not in _HONORIFICS]
    return words[0] if words else "there"


# English names whatever the process locale: the templates are English (strftime's %B is not).
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _on_day(day: date | None, today: date) -> str:
    """'today', 'yesterday', 'on November 3' (with the year when it is not this year), 'recently'."""
    if day is None:
        return "recently"
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    text = f"on {_MONTHS[day.month - 1]} {day.day}"
    return text if day.year == today.year else f"{text}, {day.year}"


def _join(items: list[str]) -> str:
    items = [" ".join(i.split()) for i in items]
    items = [i for i in items if i]
    if len(items) <= 1:
        return items[0] if items else ""
    return ", ".join(items[:-1]) + " and " + items[-1]


def _last_contact(ctx: ComposeContext) -> date | None:
    days = [e.on for e in ctx.events if e.kind in _CONTACT_KINDS]
    if ctx.application.applied_on:
        days.append(ctx.application.applied_on)
    return max(days) if days else None


def _interview_topics(ctx: ComposeContext) -> list[str]:
    """The topics of the latest interview held with the contact, else of the latest one held."""
    held = [e for e in _ordered(ctx.events) if e.kind == "interview" and e.on <= ctx.today and e.topics]
    met = [e for e in held if ctx.contact is not None and ctx.contact.id in e.people]
    chosen = met or held
    return chosen[-1].topics if chosen else []


def placeholder_values(ctx: ComposeContext) -> dict[str, str]:
    app, contact, me = ctx.application, ctx.contact, ctx.me
    # The interview to thank for is the latest one that has happened (a later one may be booked).
    interviews = [e.on for e in ctx.events if e.kind == "interview"]
    held = [d for d in interviews if d <= ctx.today] or interviews
    last = _last_contact(ctx)
    if last is None:
        days_since = "a few days"
    else:
        n = (ctx.today - last).days
        days_since = "1 day" if n == 1 else f"{max(n, 0)} days"
    my_name = " ".join(me.name.split())
    signature = me.signature.strip() or ("Best regards,\n" + my_name if my_name else "Best regards,")
    decision = app.decision_expected_on
    topics = _interview_topics(ctx) or app.interview_topics
    return {
        "first_name": _first_name(contact),
        "name": (contact.name if contact and contact.name else "") or "the hiring team",
        "company": " ".join(app.company.split()),
        "role": " ".join(app.role.split()),
        "topics": _join(topics) or "the role and the team",
        "applied_on": _on_day(app.applied_on, ctx.today),
        "interview_on": _on_day(max(held) if held else None, ctx.today),
        "decision_on": _on_day(decision, ctx.today) if decision else "soon",
        "days_since": days_since,
        "my_name": my_name,
        "my_email": me.email.strip(),
        "signature": signature,
        "contact_title": contact.title if contact else "",
    }


# --- rendering -------------------------------------------------------------------------

# ``{{`` and ``}}`` are escaped braces. ``{...}`` on one line with no space just inside the
# braces is a placeholder candidate (``{0}``, ``{a.b}``, ``{x!r}`` are listed as unknown);
# prose such as ``{ and }`` is left alone.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\s](?:[^{}\n]{0,78}[^{}\s])?)\}")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass
class Draft:
    subject: str
    body: str
    unknown_placeholders: list[str] = field(default_factory=list)
    kind: str | None = None
    # Known placeholders the template used that had nothing to fill them (e.g. no [me] name).
    missing_values: list[str] = field(default_factory=list)

    def edited(self, subject: str, body: str) -> Draft:
        """The draft after the user edited it: leftover ``{...}`` tokens are unknown placeholders."""
        return Draft(subject, body, find_placeholders(subject + "\n" + body), self.kind, [])


def find_placeholders(text: str) -> list[str]:
    """Every ``{...}`` token in a text (escaped ``{{ }}`` skipped), as written, first occurrence first."""
    seen: dict[str, None] = {}
    for m in _TOKEN.finditer(text):
        if m.group(1) is not None:
            seen.setdefault(m.group(0), None)
    return list(seen)


def _fill(text: str, values: dict[str, str], unknown: dict[str, None], missing: dict[str, None]) -> str:
    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        inner = m.group(1)
        if _IDENTIFIER.fullmatch(inner):
            key = inner.lower()
            if key in values:
                if not values[key]:
                    missing.setdefault(key, None)
                return values[key]
        unknown.setdefault(token, None)
        return token

    return _TOKEN.sub(sub, text)


def render(template: Template, ctx: ComposeContext) -> Draft:
    """Fill a template for a context. Never raises; unknown placeholders stay visible and are listed."""
    values = placeholder_values(ctx)
    unknown: dict[str, None] = {}
    missing: dict[str, None] = {}
    subject = ""
    if ctx.channel == "email":
        # A subject is one header line: newlines from the template or a value become spaces.
        subject = " ".join(_fill(template.subject, values, unknown, missing).split())
    body = _fill(template.body, values, unknown, missing)
    return Draft(subject, body, list(unknown), template.kind, list(missing))


def full_text(draft: Draft, channel: str) -> str:
    """The text for the clipboard: ``Subject: ...`` and a blank line for email, the body otherwise."""
    if channel == "email" and draft.subject.strip():
        return f"Subject: {draft.subject}\n\n{draft.body}"
    return draft.body


# --- lengths ------------------------------------------------------------------------

WORD_LIMITS: dict[str, int] = {
    "application_follow_up": 150,
    "check_in": 150,
    "thank_you": 180,
    "interview_follow_up": 350,
    "withdraw": 150,
}
SUBJECT_LIMIT = 60  # a phone's inbox cuts a subject at about 50-60 characters
LINKEDIN_NOTE_LIMIT = 200  # a connection request's note on a free account
LINKEDIN_NOTE_PREMIUM_LIMIT = 300  # ... and with Premium
TWITTER_LIMIT = 280
LINKEDIN_INMAIL_LIMIT = 1_900
LINKEDIN_MESSAGE_LIMIT = 8_000

_URL = re.compile(r"https?://\S+", re.IGNORECASE)
# twitter-text counts these code point ranges as 1, everything else as 2.
_HEAVY = re.compile(r"[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")


def tweet_length(text: str) -> int:
    """A tweet's weighted length: URLs count 23, most Latin text 1 a character, CJK and emoji 2."""
    urls = len(_URL.findall(text))
    rest = _URL.sub("", text)
    return 23 * urls + len(rest) + len(_HEAVY.findall(rest))


# --- warnings -----------------------------------------------------------------------


@dataclass(frozen=True)
class Warning:  # shadows the builtin inside this module only; ComposeWarning is the alias
    code: str
    message: str
    severity: str  # "error" | "warn" | "info"


ComposeWarning = Warning

FOLLOW_UP_KINDS = frozenset({"application_follow_up", "interview_follow_up", "check_in"})
ADDRESS_FIELD = {"email": "email", "linkedin": "linkedin", "twitter": "twitter", "phone": "phone"}
_INBOX_WORDS = frozenset(
    {"jobs", "job", "careers", "career", "hr", "recruiting", "recruitment", "talent", "hiring", "apply",
     "applications", "applicants"}
)  # fmt: skip
_LOCAL_SPLIT = re.compile(r"[.+_\-]")


def _is_inbox_address(email: str) -> bool:
    local = email.strip().rpartition("@")[0] if "@" in email else ""
    first = _LOCAL_SPLIT.split(local.lower(), maxsplit=1)[0]
    return bool(first) and first in _INBOX_WORDS


def _word_count(text: str) -> int:
    return len(text.split())


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _length_warnings(draft: Draft, channel: str, me: Me | None = None) -> list[Warning]:
    out: list[Warning] = []
    limit = WORD_LIMITS.get(draft.kind or "")
    words = _word_count(draft.body)
    if limit and words > limit:
        what = (draft.kind or "").replace("_", " ")
        out.append(Warning("too_long_kind", f"{words} words: keep a {what} under {limit}", "warn"))
    if channel == "twitter":
        n = tweet_length(draft.body)
        if n > TWITTER_LIMIT:
            out.append(Warning("too_long_channel", f"{n} characters: a tweet holds {TWITTER_LIMIT}", "error"))
    elif channel == "linkedin":
        n = len(draft.body)
        if n > LINKEDIN_MESSAGE_LIMIT:
            out.append(
                Warning(
                    "too_long_channel",
                    f"{n:,} characters: a LinkedIn message holds {LINKEDIN_MESSAGE_LIMIT:,}",
                    "error",
                )
            )
        elif n > LINKEDIN_INMAIL_LIMIT:
            out.append(
                Warning(
                    "too_long_channel",
                    f"{n:,} characters: too long for an InMail ({LINKEDIN_INMAIL_LIMIT:,}); "
                    "fine only as a message to a connection",
                    "warn",
                )
            )
        else:
            premium = bool(me and me.linkedin_premium)
            note = LINKEDIN_NOTE_PREMIUM_LIMIT if premium else LINKEDIN_NOTE_LIMIT
            if n > note:
                account = "with Premium" if premium else "on a free account"
                out.append(
                    Warning(
                        "too_long_channel",
                        f"{n:,} characters: a connection request's note holds {note} {account}; "
                        "fine as a message to a connection or an InMail",
                        "warn",
                    )
                )
    elif channel == "email":
        if len(draft.subject) > SUBJECT_LIMIT:
            out.append(
                Warning(
                    "subject_too_long",
                    f"the subject is {len(draft.subject)} characters: "
                    f"a phone's inbox shows about {SUBJECT_LIMIT}",
                    "warn",
                )
            )
        if not draft.subject.strip():
            out.append(Warning("no_subject", "the email has no subject", "warn"))
    return out


def _closed_warnings(ctx: ComposeContext, kind: str) -> list[Warning]:
    app = ctx.application
    closing = [
        e
        for e in ctx.events
        if e.kind == "response_received" and e.response in ("rejected", "position_closed")
    ]
    if closing or app.outcome in ("rejected", "position_closed"):
        what = "the position is closed" if (
            app.outcome == "position_closed" or any(e.response == "position_closed" for e in closing)
        ) else "they have already said no"  # fmt: skip
        if kind == "withdraw":
            return [Warning("position_closed", f"{what}: there is nothing to withdraw from", "info")]
        return [Warning("position_closed", f"{what}: don't follow up on a closed position", "error")]
    taken_down = app.posting_status == "taken_down" or any(e.kind == "posting_taken_down" for e in ctx.events)
    if taken_down and kind != "withdraw":
        return [Warning("position_closed", "the posting was taken down: the role may be filled", "warn")]
    return []


def _policy_warnings(ctx: ComposeContext, kind: str) -> list[Warning]:
    policy = ctx.application.follow_up_policy
    if kind == "withdraw" or policy == "allowed":
        return []
    if policy == "do_not_follow_up":
        if kind == "thank_you":
            return [
                Warning(
                    "policy",
                    "the posting asks applicants not to follow up; a short thank-you after an interview "
                    "is usually still welcome",
                    "warn",
                )
            ]
        return [Warning("policy", "the posting asks applicants not to follow up", "error")]
    # only_qualified: moot once they have contacted you (an interview or a response).
    if any(e.kind in ("interview", "response_received") for e in ctx.events):
        return []
    return [
        Warning(
            "policy",
            "the posting says only qualified applicants will be contacted: a follow-up is unlikely to help",
            "warn",
        )
    ]


def _too_soon(ctx: ComposeContext, kind: str) -> list[Warning]:
    if kind not in FOLLOW_UP_KINDS:
        return []  # a thank-you goes out right after the interview; a withdrawal any time
    action = ctx.next_action
    if action and action.kind == "follow_up" and action.due and action.due <= ctx.today:
        return []  # the rules say it is due: they already weighed the cadence
    cad, app = ctx.cadence, ctx.application
    decision = app.decision_expected_on
    # (the day it becomes fine to write again, what the last contact was); the waits mirror
    # the rules of DESIGN.md §4 so the due day of a next action never reads as "too soon".
    anchors: list[tuple[date, str]] = []
    if app.applied_on:
        anchors.append((app.applied_on + timedelta(days=cad.follow_up_after_days), "you applied"))
    interviews = [e.on for e in ctx.events if e.kind == "interview"]
    for e in ctx.events:
        if e.kind == "applied":
            anchors.append((e.on + timedelta(days=cad.follow_up_after_days), "you applied"))
        elif e.kind == "follow_up_sent":
            anchors.append((e.on + timedelta(days=cad.follow_up_again_days), "your last follow-up"))
        elif e.kind == "thank_you_sent" and not any(day <= e.on for day in interviews):
            # After an interview the interview's own wait applies (rule 11), not the thank-you's.
            anchors.append((e.on + timedelta(days=cad.follow_up_again_days), "your thank-you"))
        elif e.kind == "interview":
            if decision and decision >= e.on:
                anchors.append((decision + timedelta(days=1), "the decision date they gave"))
            else:
                anchors.append((e.on + timedelta(days=cad.post_interview_days), "the interview"))
        elif e.kind == "response_received" and e.response in ("positive", "neutral"):
            if decision and decision >= e.on:
                anchors.append((decision, "the decision date they gave"))
            else:
                anchors.append((e.on + timedelta(days=cad.response_wait_days), "their response"))
    if not anchors:
        return []
    ok_from, what = max(anchors)
    if ctx.today >= ok_from:
        return []
    wait = (ok_from - ctx.today).days
    return [
        Warning(
            "too_soon",
            f"too soon after {what}: give it {_plural(wait, 'more day')} "
            f"(until {_WEEKDAYS[ok_from.weekday()]} {_MONTHS[ok_from.month - 1][:3]} {ok_from.day})",
            "warn",
        )
    ]


def _too_persistent(ctx: ComposeContext, kind: str) -> list[Warning]:
    if kind not in FOLLOW_UP_KINDS:
        return []
    count = 0
    for e in _ordered(ctx.events):
        if e.kind in ("interview", "response_received"):
            count = 0
        elif e.kind == "follow_up_sent":
            count += 1
    limit = ctx.cadence.max_follow_ups
    if count < limit or limit <= 0:
        return []
    times = "twice" if count == 2 else f"{count} times"
    return [
        Warning(
            "too_persistent",
            f"you've already followed up {times} with no answer: let it be and give it time",
            "warn",
        )
    ]


def _recipient_warnings(ctx: ComposeContext) -> list[Warning]:
    contact, channel = ctx.contact, ctx.channel
    if contact is None:
        return [Warning("no_recipient", "no recipient: choose a contact to send this to", "warn")]
    out: list[Warning] = []
    field_name = ADDRESS_FIELD.get(channel)
    if field_name and not getattr(contact, field_name, "").strip():
        who = contact.display_name or "this contact"
        out.append(Warning("no_recipient", f"{who} has no {channel} address on file", "warn"))
    if contact.role == "hr_inbox" or _is_inbox_address(contact.email):
        out.append(
            Warning(
                "hr_inbox",
                "replies from a general HR inbox are unlikely: find the person hiring for this role",
                "warn",
            )
        )
    if channel == "twitter" and (contact.relationship != "casual" or contact.role == "hiring_manager"):
        out.append(
            Warning(
                "social_channel",
                "Twitter suits a casual contact who is not the decision maker; email is the safer choice",
                "warn",
            )
        )
    return out


def warnings(draft: Draft, ctx: ComposeContext) -> list[Warning]:
    """Every problem with sending this draft, errors first. Never raises on any text."""
    kind = draft.kind or template_kind(ctx.next_action, ctx.events) or ""
    out: list[Warning] = []
    if not draft.body.strip():
        out.append(Warning("empty_body", "the message is empty", "error"))
    for token in draft.unknown_placeholders:
        import difflib  # only on this path: it costs ~8 ms to import

        message = f"unknown placeholder {token}: it would be sent as written"
        close = difflib.get_close_matches(token.strip("{}").lower(), PLACEHOLDERS, n=1, cutoff=0.7)
        if close:
            message += f" (did you mean {{{close[0]}}}?)"
        out.append(Warning("unknown_placeholder", message, "error"))
    unsigned = not ctx.me.name.strip() and not ctx.me.signature.strip()
    if unsigned:  # the letter would end "Best regards," and no name
        out.append(Warning("no_signature", "no signature: set [me] name in config.toml", "warn"))
    for key in draft.missing_values:
        if unsigned and key == "my_name":
            continue  # said once, above
        where = (
            "the contact has none on file" if key == "contact_title" else "set it under [me] in config.toml"
        )
        out.append(Warning("missing_value", f"nothing to fill {{{key}}} with: {where}", "info"))
    if ctx.channel in ctx.application.blocked_channels:
        out.append(
            Warning("blocked_channel", f"the posting asks not to be contacted by {ctx.channel}", "error")
        )
    out += _policy_warnings(ctx, kind)
    out += _closed_warnings(ctx, kind)
    out += _too_soon(ctx, kind)
    out += _too_persistent(ctx, kind)
    out += _recipient_warnings(ctx)
    out += _length_warnings(draft, ctx.channel, ctx.me)
    rank = {"error": 0, "warn": 1, "info": 2}
    return sorted(out, key=lambda w: rank.get(w.severity, 3))
