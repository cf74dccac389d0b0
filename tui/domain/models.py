"""The records followup keeps (DESIGN.md §2), as typed dataclasses.

Each record converts to and from a JSON-safe dict (``to_dict`` / ``from_dict``).
``from_dict`` validates, so a hand-edited or imported record with a bad value is
refused with a message that names the field, instead of failing later in a rule.
Date-only fields are ``datetime.date`` in memory and ``YYYY-MM-DD`` on disk; instants
are UTC ISO 8601 strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, ClassVar, Self

from tui.domain.clock import iso_day

STAGES: tuple[str, ...] = ("saved", "applied", "interviewing", "offer", "closed")
OUTCOMES: tuple[str, ...] = ("hired", "rejected", "ghosted", "withdrawn", "position_closed")
SOURCES: tuple[str, ...] = ("linkedin", "company_site", "hr_email", "referral", "job_board", "other")
POLICIES: tuple[str, ...] = ("allowed", "only_qualified", "do_not_follow_up")
POSTING_STATUSES: tuple[str, ...] = ("open", "taken_down", "unknown")
CHANNELS: tuple[str, ...] = ("email", "linkedin", "phone", "twitter", "in_person", "video", "other")
CONTACT_ROLES: tuple[str, ...] = (
    "hiring_manager",
    "job_poster",
    "recruiter",
    "interviewer",
    "referrer",
    "peer",
    "hr_inbox",
    "other",
)
RELATIONSHIPS: tuple[str, ...] = ("formal", "casual")
CONTACT_SOURCES: tuple[str, ...] = ("manual", "linkedin_csv", "vcard")
EVENT_KINDS: tuple[str, ...] = (
    "applied",
    "follow_up_sent",
    "thank_you_sent",
    "response_received",
    "interview",
    "stage_changed",
    "posting_taken_down",
    "note",
)
RESPONSES: tuple[str, ...] = ("positive", "neutral", "rejected", "position_closed")
TEMPLATE_KINDS: tuple[str, ...] = (
    "application_follow_up",
    "thank_you",
    "interview_follow_up",
    "check_in",
    "withdraw",
)
ACTION_KINDS: tuple[str, ...] = ("follow_up", "thank_you", "wait", "let_go", "close_as_ghosted", "none")
# What a file sent with an application was (``followup attach --as``).
ATTACHMENT_KINDS: tuple[str, ...] = ("resume", "cover_letter", "portfolio", "other")
# Interview rounds with a name; any other text is kept as written.
INTERVIEW_ROUNDS: tuple[str, ...] = ("phone_screen", "technical", "onsite", "final")

# One generous cap for every free-text field: a pasted job description fits, a runaway
# paste of a whole file does not bloat the store.
MAX_TEXT = 100_000
# Dates outside these years are typos (9999-12-31) that would overflow a calendar export.
MIN_YEAR, MAX_YEAR = 1900, 2200


class ValidationError(ValueError):
    """A record field holds a value the model does not accept; the message names it."""


def check_day(value: date, field_name: str = "date") -> date:
    """``value`` if its year is within the sane range (an export or calendar can add days to it)."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(f"{field_name}: {value.isoformat()} is outside the years {MIN_YEAR}–{MAX_YEAR}")
    return value


def parse_date(value: Any, field_name: str = "date") -> date | None:
    """A strict YYYY-MM-DD (or a date) to ``date``, within the sane years; None and "" stay None."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return check_day(value, field_name)
    if isinstance(value, str):
        day = iso_day(value.strip())
        if day is not None:
            return check_day(day, field_name)
    raise ValidationError(f"{field_name}: {value!r} is not a real date (expected YYYY-MM-DD)")


def _date_out(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _choice(value: Any, allowed: tuple[str, ...], field_name: str, *, optional: bool = False) -> Any:
    if optional and (value is None or value == ""):
        return None
    if value not in allowed:
        raise ValidationError(f"{field_name}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _text(value: Any, field_name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{field_name}: expected text, got {type(value).__name__}")
    if len(value) > MAX_TEXT:
        raise ValidationError(f"{field_name}: {len(value):,} characters is over the {MAX_TEXT:,} limit")
    return value


def _int_or_none(value: Any, field_name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{field_name}: expected a whole number, got {value!r}")
    return value


def _str_list(value: Any, field_name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError(f"{field_name}: expected a list of text")
    out = []
    for item in value:
        if not isinstance(item, str):
            raise ValidationError(f"{field_name}: expected a list of text, found {item!r}")
        out.append(item)
    return out


def _int_list(value: Any, field_name: str) -> list[int]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError(f"{field_name}: expected a list of ids")
    out = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int):
            raise ValidationError(f"{field_name}: expected a list of ids, found {item!r}")
        out.append(item)
    return out


class Record:
    """Shared conversion: subclasses list their date fields and validate in ``check``."""

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if f.name in self.DATE_FIELDS:
                value = _date_out(value)
            elif isinstance(value, list):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        if not isinstance(data, dict):
            raise ValidationError(f"{cls.__name__.lower()}: expected an object, got {type(data).__name__}")
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        kwargs = {k: v for k, v in data.items() if k in known}
        for name in cls.DATE_FIELDS:
            if name in kwargs:
                kwargs[name] = parse_date(kwargs[name], name)
        obj = cls(**kwargs)
        obj.check()
        return obj

    @classmethod
    def trusted(cls, data: dict[str, Any], record_id: int) -> Self:
        """Rebuild a record the store wrote itself (validated on the way in), ~4× faster than ``from_dict``.

        Only what would break the rules is checked (dates, the fields in ``CHOICES``); a
        hand-edited file with anything else odd still loads and shows it.
        """
        obj = object.__new__(cls)
        values = obj.__dict__
        for f in cls._defaults():
            values[f] = data[f] if f in data else cls._defaults()[f]()
        values["id"] = record_id
        for name in cls.DATE_FIELDS:
            raw = values.get(name)
            if raw is not None and not isinstance(raw, date):
                values[name] = parse_date(raw, name)
        for name, allowed in cls.CHOICES.items():
            if values.get(name) not in allowed:
                raise ValidationError(
                    f"{name}: {values.get(name)!r} is not one of {', '.join(map(str, allowed))}"
                )
        return obj

    @classmethod
    def check_stored(cls, data: dict[str, Any]) -> None:
        """Raise ``ValidationError`` for a stored document ``trusted`` would refuse, without building it.

        The store runs this on every record before it writes, so it never writes what its
        own readers cannot read back (the two agree by sharing these checks).
        """
        check = Record._CHECKS.get(cls)
        if check is None:
            check = Record._CHECKS[cls] = cls._stored_check()
        check(data)

    @classmethod
    def _stored_check(cls) -> Any:
        # One closure per class: 85,000 records are checked in a fraction of their parse time.
        required, dates = cls._required(), cls.DATE_FIELDS
        choices = [(name, frozenset(allowed), allowed) for name, allowed in cls.CHOICES.items()]
        fromiso = date.fromisoformat

        def check(data: Any) -> None:
            if not isinstance(data, dict):
                raise ValidationError(f"expected an object, got {type(data).__name__}")
            for name in required:
                if name not in data:
                    raise ValidationError(f"{name}: missing")
            for name in dates:
                raw = data.get(name)
                if raw is None:
                    continue
                # The common case fast (what the store writes); anything else gets parse_date's verdict.
                if type(raw) is str and len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
                    try:
                        if MIN_YEAR <= fromiso(raw).year <= MAX_YEAR:
                            continue
                    except ValueError:
                        pass
                parse_date(raw, name)
            for name, allowed, shown in choices:
                value = data.get(name)
                try:
                    ok = value in allowed
                except TypeError:  # an unhashable value from a hand edit
                    ok = False
                if not ok:
                    raise ValidationError(f"{name}: {value!r} is not one of {', '.join(map(str, shown))}")

        return check

    CHOICES: ClassVar[dict[str, tuple]] = {}
    _DEFAULTS: ClassVar[dict[type, dict[str, Any]]] = {}
    _REQUIRED: ClassVar[dict[type, tuple[str, ...]]] = {}
    _CHECKS: ClassVar[dict[type, Any]] = {}

    @classmethod
    def _required(cls) -> tuple[str, ...]:
        cached = Record._REQUIRED.get(cls)
        if cached is None:
            from dataclasses import MISSING

            cached = tuple(
                f.name
                for f in fields(cls)  # type: ignore[arg-type]
                if f.default is MISSING and f.default_factory is MISSING
            )
            Record._REQUIRED[cls] = cached
        return cached

    @classmethod
    def _defaults(cls) -> dict[str, Any]:
        """Field name → a callable giving its default (or raising for a required field)."""
        cached = Record._DEFAULTS.get(cls)
        if cached is None:
            from dataclasses import MISSING

            cached = {}
            for f in fields(cls):  # type: ignore[arg-type]
                if f.default is not MISSING:
                    cached[f.name] = lambda v=f.default: v
                elif f.default_factory is not MISSING:
                    cached[f.name] = f.default_factory
                else:

                    def missing(name: str = f.name) -> Any:
                        raise ValidationError(f"{name}: missing")

                    cached[f.name] = missing
            Record._DEFAULTS[cls] = cached
        return cached

    def check(self) -> None:  # pragma: no cover - overridden
        pass

    def with_changes(self, **changes: Any) -> Self:
        obj = replace(self, **changes)  # type: ignore[type-var]
        obj.check()
        return obj


@dataclass
class Application(Record):
    company: str
    role: str
    stage: str = "applied"
    id: int | None = None
    outcome: str | None = None
    source: str = "other"
    url: str = ""
    tags: list[str] = field(default_factory=list)
    follow_up_policy: str = "allowed"
    blocked_channels: list[str] = field(default_factory=list)
    posting_status: str = "unknown"
    applied_on: date | None = None
    decision_expected_on: date | None = None
    interview_topics: list[str] = field(default_factory=list)
    posting_text: str = ""
    contact_ids: list[int] = field(default_factory=list)
    notes: str = ""
    snoozed_until: date | None = None
    created_at: str = ""
    updated_at: str = ""
    # Added after schema 1 with defaults, so older stores load unchanged.
    closes_on: date | None = None  # the posting's closing date: not a decision date
    # Files sent with the application: {name, size, sha256, on, as, [copy]} (``followup attach``).
    attachments: list[dict[str, Any]] = field(default_factory=list)

    DATE_FIELDS: ClassVar[tuple[str, ...]] = (
        "applied_on",
        "decision_expected_on",
        "snoozed_until",
        "closes_on",
    )
    CHOICES: ClassVar[dict[str, tuple]] = {"stage": STAGES}

    def check(self) -> None:
        self.company = _text(self.company, "company").strip()
        self.role = _text(self.role, "role").strip()
        if not self.company:
            raise ValidationError("company: must not be empty")
        if not self.role:
            raise ValidationError("role: must not be empty")
        self.id = _int_or_none(self.id, "id")
        _choice(self.stage, STAGES, "stage")
        _choice(self.outcome, OUTCOMES, "outcome", optional=True)
        if self.outcome == "":
            self.outcome = None
        if self.outcome and self.stage != "closed":
            raise ValidationError("outcome: only a closed application has an outcome")
        _choice(self.source, SOURCES, "source")
        _choice(self.follow_up_policy, POLICIES, "follow_up_policy")
        _choice(self.posting_status, POSTING_STATUSES, "posting_status")
        self.url = _text(self.url, "url").strip()
        self.tags = _str_list(self.tags, "tags")
        self.blocked_channels = _str_list(self.blocked_channels, "blocked_channels")
        for ch in self.blocked_channels:
            _choice(ch, CHANNELS, "blocked_channels")
        self.interview_topics = _str_list(self.interview_topics, "interview_topics")
        self.posting_text = _text(self.posting_text, "posting_text")
        self.contact_ids = _int_list(self.contact_ids, "contact_ids")
        self.notes = _text(self.notes, "notes")
        for name in self.DATE_FIELDS:
            if not (getattr(self, name) is None or isinstance(getattr(self, name), date)):
                raise ValidationError(f"{name}: expected a date")
            if getattr(self, name) is not None:
                check_day(getattr(self, name), name)
        self.attachments = [_attachment(a) for a in (self.attachments or [])]

    @property
    def title(self) -> str:
        return f"{self.role} @ {self.company}"


_SHA256 = frozenset("0123456789abcdef")


def _attachment(value: Any) -> dict[str, Any]:
    """One attachment record, checked: a file's name, size, SHA-256 and the day it was sent."""
    if not isinstance(value, dict):
        raise ValidationError("attachments: expected a list of objects")
    name = _text(value.get("name"), "attachments.name").strip()
    if not name:
        raise ValidationError("attachments.name: must not be empty")
    size = value.get("size")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise ValidationError(f"attachments.size: expected a whole number of bytes, got {size!r}")
    digest = value.get("sha256")
    if not isinstance(digest, str) or len(digest) != 64 or not set(digest) <= _SHA256:
        raise ValidationError("attachments.sha256: expected 64 lowercase hex digits")
    on = parse_date(value.get("on"), "attachments.on")
    if on is None:
        raise ValidationError("attachments.on: the day it was sent is required")
    kind = _choice(value.get("as", "other"), ATTACHMENT_KINDS, "attachments.as")
    out: dict[str, Any] = {"name": name, "size": size, "sha256": digest, "on": on.isoformat(), "as": kind}
    if value.get("copy"):
        out["copy"] = _text(value.get("copy"), "attachments.copy")
    return out


# A contact's addresses: each {"value": ..., "kind": ...}, the first one the primary.
# The kind is what the source said ("work", "home", "cell", "linkedin", ...) or "".
ContactPoint = dict[str, str]
_UNSET: Any = None  # "not given" for the compatibility arguments email / phone / linkedin


def _points(value: Any, field_name: str) -> list[ContactPoint]:
    """A list of {"value", "kind"}, trimmed, empty values dropped, repeats (case ignored) dropped."""
    if value is None:
        return []
    if isinstance(value, str | dict) or not isinstance(value, Iterable):
        raise ValidationError(f"{field_name}: expected a list of {{value, kind}} objects")
    out: list[ContactPoint] = []
    seen: set[str] = set()
    for item in value:
        if isinstance(item, str):  # a bare address is one without a kind
            item = {"value": item}
        if not isinstance(item, dict):
            raise ValidationError(f"{field_name}: expected a list of {{value, kind}} objects, found {item!r}")
        text = _text(item.get("value"), field_name).strip()
        kind = _text(item.get("kind"), field_name).strip().lower()
        key = " ".join(text.casefold().split())
        if text and key not in seen:
            seen.add(key)
            out.append({"value": text, "kind": kind})
    return out


def _copied(points: Any) -> Any:
    """A private copy of a list of points; anything else is kept for ``check`` to refuse."""
    if points is None:
        return []
    if isinstance(points, list | tuple):
        return [dict(p) if isinstance(p, dict) else p for p in points]
    return points


def _with_primary(points: list[ContactPoint], value: str, kind: str = "") -> list[ContactPoint]:
    """``points`` with ``value`` as its primary: "" drops the primary; a value already
    there moves to the front; a new one replaces the primary (an edited address)."""
    value = (value or "").strip()
    rest = list(points)
    if not value:
        return rest[1:]
    for i, p in enumerate(rest):
        if p["value"].casefold() == value.casefold():
            return [dict(p, value=value), *rest[:i], *rest[i + 1 :]]
    if rest:
        return [{"value": value, "kind": rest[0].get("kind", "")}, *rest[1:]]
    return [{"value": value, "kind": kind}]


@dataclass(init=False)
class Contact(Record):
    """A person. ``emails``, ``phones`` and ``profiles`` hold every address the sources
    gave, each with its kind; ``email`` / ``phone`` / ``linkedin`` read (and set) the
    primary one, so code written for one address keeps working."""

    name: str
    id: int | None = None
    title: str = ""
    company: str = ""
    emails: list[ContactPoint] = field(default_factory=list)
    phones: list[ContactPoint] = field(default_factory=list)
    profiles: list[ContactPoint] = field(default_factory=list)  # URLs; kind "linkedin" for LinkedIn
    twitter: str = ""
    role: str | None = None  # None: unknown (an import); the finder infers one
    relationship: str = "formal"
    notes: str = ""
    source: str = "manual"
    created_at: str = ""
    updated_at: str = ""

    def __init__(
        self,
        name: str = "",
        id: int | None = None,
        title: str = "",
        company: str = "",
        email: str | None = _UNSET,
        phone: str | None = _UNSET,
        linkedin: str | None = _UNSET,
        twitter: str = "",
        role: str | None = None,
        relationship: str = "formal",
        notes: str = "",
        source: str = "manual",
        created_at: str = "",
        updated_at: str = "",
        emails: list[ContactPoint] | None = None,
        phones: list[ContactPoint] | None = None,
        profiles: list[ContactPoint] | None = None,
    ) -> None:
        self.name, self.id, self.title, self.company = name, id, title, company
        self.emails = _copied(emails)
        self.phones = _copied(phones)
        self.profiles = _copied(profiles)
        self.twitter, self.role, self.relationship, self.notes = twitter, role, relationship, notes
        self.source, self.created_at, self.updated_at = source, created_at, updated_at
        if email is not _UNSET:
            self.email = email or ""
        if phone is not _UNSET:
            self.phone = phone or ""
        if linkedin is not _UNSET:
            self.linkedin = linkedin or ""

    @property
    def email(self) -> str:
        return self.emails[0]["value"] if self.emails else ""

    @email.setter
    def email(self, value: str) -> None:
        self.emails = _with_primary(self.emails, value)

    @property
    def phone(self) -> str:
        return self.phones[0]["value"] if self.phones else ""

    @phone.setter
    def phone(self, value: str) -> None:
        self.phones = _with_primary(self.phones, value)

    @property
    def linkedin(self) -> str:
        """The first LinkedIn profile URL ("" when there is none)."""
        for p in self.profiles:
            if p.get("kind") == "linkedin":
                return p["value"]
        return ""

    @linkedin.setter
    def linkedin(self, value: str) -> None:
        others = [p for p in self.profiles if p.get("kind") != "linkedin"]
        mine = _with_primary([p for p in self.profiles if p.get("kind") == "linkedin"], value, "linkedin")
        self.profiles = [*mine, *others]

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        for name in ("emails", "phones", "profiles"):
            out[name] = [dict(p) for p in out[name]]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Also takes a schema-1 record (one ``email``, ``phone`` and ``linkedin``)."""
        if isinstance(data, dict) and any(k in data for k in ("email", "phone", "linkedin")):
            data = upgrade_contact_v1(data)
        return super().from_dict(data)

    def check(self) -> None:
        for name in ("name", "title", "company", "twitter", "notes"):
            setattr(self, name, _text(getattr(self, name), name).strip())
        self.emails = _points(self.emails, "emails")
        self.phones = _points(self.phones, "phones")
        self.profiles = _points(self.profiles, "profiles")
        if not self.name and not self.email:
            raise ValidationError("name: a contact needs a name or an email")
        self.id = _int_or_none(self.id, "id")
        self.role = _choice(self.role, CONTACT_ROLES, "role", optional=True)
        _choice(self.relationship, RELATIONSHIPS, "relationship")
        _choice(self.source, CONTACT_SOURCES, "source")

    @property
    def display_name(self) -> str:
        return self.name or self.email

    @property
    def first_name(self) -> str:
        name = self.name.strip()
        return name.split()[0] if name else ""


def upgrade_contact_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """A schema-1 contact document (``email``, ``phone``, ``linkedin`` strings) in schema 2
    (``emails``, ``phones``, ``profiles`` lists); what is already a list stays."""
    doc = dict(doc)
    pairs = (("email", "emails", ""), ("phone", "phones", ""), ("linkedin", "profiles", "linkedin"))
    for old, new, kind in pairs:
        value = doc.pop(old, None)
        points = list(doc.get(new) or [])
        if isinstance(value, str) and value.strip():
            if not any(isinstance(p, dict) and p.get("value") == value.strip() for p in points):
                points.insert(0, {"value": value.strip(), "kind": kind})
        elif value not in (None, ""):
            points.insert(0, {"value": value, "kind": kind})  # let the model name what is wrong
        doc[new] = points
    return doc


@dataclass
class Event(Record):
    application_id: int
    kind: str
    on: date
    id: int | None = None
    channel: str | None = None
    contact_id: int | None = None
    response: str | None = None
    text: str = ""
    created_at: str = ""
    # Interview details (added after schema 1 with defaults, so older stores load unchanged).
    # The interviewers are ``contact_id`` and ``contact_ids``; a thank_you_sent's
    # ``contact_id`` is the interviewer it thanked.
    contact_ids: list[int] = field(default_factory=list)
    at: str = ""  # local time of day "HH:MM" (the date is ``on``), "" for an all-day event
    tz: str = ""  # the IANA zone of ``at`` ("Europe/Paris"); "" means floating local time
    round: str = ""  # phone_screen | technical | onsite | final | free text
    where: str = ""  # an address or a meeting link
    topics: list[str] = field(default_factory=list)  # what was discussed
    prep: str = ""  # research, questions to ask
    how_it_went: str = ""

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("on",)
    CHOICES: ClassVar[dict[str, tuple]] = {"kind": EVENT_KINDS}

    def check(self) -> None:
        self.id = _int_or_none(self.id, "id")
        if _int_or_none(self.application_id, "application_id") is None:
            raise ValidationError("application_id: an event belongs to an application")
        _choice(self.kind, EVENT_KINDS, "kind")
        if not isinstance(self.on, date):
            raise ValidationError("on: an event needs a date")
        check_day(self.on, "on")
        self.channel = _choice(self.channel, CHANNELS, "channel", optional=True)
        self.contact_id = _int_or_none(self.contact_id, "contact_id")
        self.response = _choice(self.response, RESPONSES, "response", optional=True)
        if self.kind == "response_received" and self.response is None:
            raise ValidationError(f"response: a response_received event needs one of {', '.join(RESPONSES)}")
        if self.kind != "response_received" and self.response is not None:
            raise ValidationError("response: only a response_received event has a response")
        self.text = _text(self.text, "text")
        self.contact_ids = _int_list(self.contact_ids, "contact_ids")
        for name in ("at", "tz", "round", "where", "prep", "how_it_went"):
            setattr(self, name, _text(getattr(self, name), name).strip())
        if self.at and not _HHMM.fullmatch(self.at):
            raise ValidationError(f"at: {self.at!r} is not a time of day (expected HH:MM)")
        self.topics = _str_list(self.topics, "topics")

    @property
    def people(self) -> list[int]:
        """Everyone this event names: ``contact_id`` first, then ``contact_ids``, once each."""
        out = [self.contact_id] if self.contact_id is not None else []
        out += [c for c in self.contact_ids if c not in out]
        return out


_HHMM = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


@dataclass
class Template(Record):
    name: str
    kind: str
    channel: str = "email"
    subject: str = ""
    body: str = ""
    id: int | None = None
    builtin: bool = False

    def check(self) -> None:
        self.name = _text(self.name, "name").strip()
        if not self.name:
            raise ValidationError("name: a template needs a name")
        self.id = _int_or_none(self.id, "id")
        _choice(self.kind, TEMPLATE_KINDS, "kind")
        _choice(self.channel, CHANNELS, "channel")
        self.subject = _text(self.subject, "subject")
        self.body = _text(self.body, "body")


@dataclass(frozen=True)
class NextAction:
    """What to do next for one application (DESIGN.md §4)."""

    kind: str
    due: date | None = None
    contact_id: int | None = None
    channel: str | None = None
    reason: str = ""
    # Which rule produced it, for consumers (badges, exports) that must not read the wording:
    # closed, snoozed, saved, do_not_follow_up, only_qualified, turned_down, taken_down,
    # ghosted, thank_you, reply_wait, let_go, after_thank_you, follow_up_again, applied,
    # no_applied_date, company_budget (a follow-up held back by the company contact budget).
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "due": _date_out(self.due),
            "contact_id": self.contact_id,
            "channel": self.channel,
            "reason": self.reason,
            "rule": self.rule,
        }
