"""Quick capture: one typed line becomes an application (DESIGN.md §7).

    Backend Engineer @ Acme https://acme.example/jobs/42 via linkedin #remote !nocall

How a line is read
------------------
* **The split.** The first `` @ `` (an ``@`` with whitespace on both sides) separates
  the role from the rest; when there is none, the first ``@`` does. So
  ``R&D Engineer @ AT&T Labs`` and ``Dev@Acme`` both work, and ``C@T Lead @ Acme`` keeps
  its role whole.
* **ROLE** is everything before the split, kept verbatim (braces, markdown, the ``#`` of
  "C# Developer"); only runs of whitespace become one space.
* **COMPANY** is the words after the split up to the first token (below). To keep a
  word that would start a token, put the whole name in double quotes (straight or
  curly): ``Engineer @ "Built on Air"``, ``Engineer @ "!Kung Foods"``.
* **Tokens**, in any order after the company:

  ==================  ==========================================================
  ``http(s)://...``   the posting's link
  ``via SOURCE``      linkedin, company_site, hr_email, referral, job_board, other;
                      ``-`` or a space may replace ``_`` ("via company site"), and
                      four short aliases: site/website (company_site),
                      email (hr_email), board (job_board)
  ``#tag``            a tag; any number of them
  ``!nocall``         blocks the phone channel
  ``!nofollowup``     policy do_not_follow_up
  ``!onlyqualified``  policy only_qualified (flags ignore case, ``-`` and ``_``)
  ``>STAGE``          saved, applied (the default), interviewing, offer, closed;
                      any prefix works (``>int``, ``>s``)
  ``on DATE``         YYYY-MM-DD, today, yesterday, ``3 days ago``, a weekday
                      (``mon``: the latest Monday; ``last friday``: before
                      today) or a month and day (``nov 3``, ``3 nov``); default
                      today; never a future day (``tui.domain.dates.parse_day``)
  ``N days ago``      the same without ``on`` (also ``N weeks ago``)
  ``with EMAIL``      the contact to attach (created if new); ``with "Jane Doe
                      <jane@x.example>"`` names it too
  ==================  ==========================================================

Keywords are always keywords
----------------------------
After the ``@``, the words ``via``, ``on`` and ``with`` (in any case) and any word
starting with ``#``, ``!``, ``>`` or ``http(s)://`` always start a token. A token with a
wrong value is an error that names it, never silently part of the company name:
``Engineer @ Built on Air`` answers "'Air' after 'on' is not a date" and suggests the
quoted form. One rule, no guessing: the preview shows exactly how a line is read. A word that is
almost a keyword, source, flag or stage ("linkdin", "!nocal") is named in the error
with the word it was probably meant to be, and "Engineer at Acme" is answered with
the line written with ``@``.

Each token may appear once; repeating the same value is harmless, two different
values (``>saved >offer``, two links, two sources) are an error. Text after the
company that is not a token is an error too (make it a ``#tag``).

Without ``via``, a LinkedIn link means source linkedin and a link to a big job board
(Indeed, Glassdoor, ZipRecruiter, Monster) means job_board; anything else is other.
A saved application has not been applied to, so its ``applied_on`` is None even when
``on DATE`` is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tui.domain.dates import DAY_FORMS, MAX_DAY_WORDS, MONTHS, WEEKDAYS, parse_day
from tui.domain.errors import InputError
from tui.domain.models import MAX_TEXT, SOURCES, STAGES, Application

KEYWORDS = ("via", "on", "with")
FLAGS = ("nocall", "nofollowup", "onlyqualified")
SOURCE_ALIASES: dict[str, str] = {
    "site": "company_site",
    "website": "company_site",
    "email": "hr_email",
    "board": "job_board",
}
JOB_BOARD_HOST_LABELS = frozenset({"indeed", "glassdoor", "ziprecruiter", "monster"})

_SPACED_AT = re.compile(r"\s@\s")
_URL_START = re.compile(r"https?://", re.IGNORECASE)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # not \d: no other scripts' digits
_OPEN_QUOTES = {'"': ('"',), "“": ("”", '"'), "”": ("”", '"')}
_AGO = re.compile(r"[0-9]{1,4}")
_DAY_WORDS = ("today", "yesterday", "tomorrow", "last", "next", "ago", *WEEKDAYS, *MONTHS)
# What a stray word after the company most likely meant: a keyword, a source, a flag.
_VOCABULARY = {
    **{k: k for k in KEYWORDS},
    **{s: f"via {s}" for s in SOURCES},
    **{a: f"via {a}" for a in SOURCE_ALIASES},
    **{f: f"!{f}" for f in FLAGS},
    **{s: f">{s}" for s in STAGES},
}


def _closest(word: str, choices) -> str | None:
    """The choice nearest ``word`` (a typo: "linkdin" → "linkedin"), or None when none is close."""
    import difflib

    low = word.lower()
    found = difflib.get_close_matches(low, list(choices), n=1, cutoff=0.7)
    return found[0] if found and found[0] != low else None


def _nearest(word: str, choices, *, prefix: str = "") -> str:
    """" (did you mean linkedin?)" for the choice nearest ``word``, or "" when none is close."""
    found = _closest(word, choices)
    return f" (did you mean {prefix}{found}?)" if found else ""


def _ago_words(words: list[str], i: int) -> int:
    """3 when ``words[i:]`` starts "N days ago" / "N weeks ago" (a date without ``on``), else 0."""
    if (
        i + 2 < len(words)
        and _AGO.fullmatch(words[i])
        and words[i + 1].lower() in ("day", "days", "week", "weeks")
        and words[i + 2].lower() == "ago"
    ):
        return 3
    return 0

POLICY_LABELS = {
    "do_not_follow_up": "do not follow up",
    "only_qualified": "only qualified applicants are contacted",
}
SOURCE_LABELS = {
    "linkedin": "LinkedIn",
    "company_site": "company site",
    "hr_email": "HR email",
    "referral": "referral",
    "job_board": "job board",
    "other": "other",
}


class CaptureError(InputError):
    """A capture line that cannot be read; the message says what and where."""


@dataclass
class Capture:
    role: str
    company: str
    url: str = ""
    source: str = "other"
    tags: list[str] = field(default_factory=list)
    blocked_channels: list[str] = field(default_factory=list)
    follow_up_policy: str = "allowed"
    stage: str = "applied"
    applied_on: date | None = None
    contact_email: str | None = None
    contact_name: str | None = None  # with "Jane Doe <jane@x.example>"

    def to_application(self) -> Application:
        """The application to store (no id yet); the contact is the caller's to attach."""
        app = Application(
            company=self.company.strip(),
            role=self.role.strip(),
            stage=self.stage,
            source=self.source,
            url=self.url,
            tags=list(self.tags),
            follow_up_policy=self.follow_up_policy,
            blocked_channels=list(self.blocked_channels),
            applied_on=self.applied_on,
        )
        app.check()
        return app


def _show(token: str, limit: int = 40) -> str:
    """A token as quoted in a message, cut short so a pasted wall of text stays readable."""
    return token if len(token) <= limit else token[: limit - 1] + "…"


def _normalize_key(text: str) -> str:
    return text.lower().replace("-", "_").replace(" ", "_")


def _source_for(words: list[str]) -> str | None:
    key = _normalize_key("_".join(words))
    if key in SOURCES:
        return key
    return SOURCE_ALIASES.get(key)


def _starts_token(word: str) -> bool:
    return word[0] in "#!>" or word.lower() in KEYWORDS or _URL_START.match(word) is not None


def _url_host(url: str) -> str:
    rest = url.split("://", 1)[1]
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    return host.lower()


def _source_from_url(url: str) -> str | None:
    host = _url_host(url)
    labels = host.split(".")
    if host == "lnkd.in" or host == "linkedin.com" or host.endswith(".linkedin.com"):
        return "linkedin"
    if JOB_BOARD_HOST_LABELS.intersection(labels):
        return "job_board"
    return None


def is_valid_email(text: str) -> bool:
    """A plausible address: one @, a local part, a dotted domain with a 2+ letter ending.

    Deliberately hand-written (no regex): a 10,000-character token must not backtrack.
    """
    if text.count("@") != 1 or len(text) > 254:
        return False
    local, domain = text.split("@")
    if not local or len(local) > 64 or local[0] == "." or local[-1] == "." or ".." in local:
        return False
    if any(ch.isspace() or ch in '<>()[]\\,;:"' for ch in local):
        return False
    labels = domain.split(".")
    if len(labels) < 2:
        return False
    for label in labels:
        if not label or label[0] == "-" or label[-1] == "-" or not label.replace("-", "").isalnum():
            return False
    tld = labels[-1]
    return len(tld) >= 2 and (tld.isalpha() or tld.lower().startswith("xn--"))  # xn--: a punycode TLD


def _split_role(text: str) -> tuple[str, str]:
    match = _SPACED_AT.search(text)
    if match:
        return text[: match.start()], text[match.end() :]
    if "@" in text:
        role, rest = text.split("@", 1)
        return role, rest
    words = text.split()
    at = next((i for i, w in enumerate(words) if w.lower() == "at" and 0 < i < len(words) - 1), None)
    if at is not None:  # "Engineer at Acme": say the line it was meant to be
        meant = f"{' '.join(words[:at])} @ {' '.join(words[at + 1 :])}"
        raise CaptureError(f"write ROLE @ COMPANY, with '@' for 'at': {_show(meant, 60)}")
    raise CaptureError(
        "write ROLE @ COMPANY: no '@' between the role and the company (e.g. Backend Engineer @ Acme)"
    )


def _quoted_company(rest: str) -> tuple[str, str]:
    """``"Name" tokens...`` -> (name, tokens). The closing quote is the first one followed by
    whitespace or the end of the line."""
    closers = _OPEN_QUOTES[rest[0]]
    for j in range(1, len(rest)):
        if rest[j] in closers and (j + 1 == len(rest) or rest[j + 1].isspace()):
            return " ".join(rest[1:j].split()), rest[j + 1 :]
    raise CaptureError(
        f'the quote opening the company name is never closed: write @ "Company name" ({_show(rest)})'
    )


class _Reader:
    """Walks the tokens after the company, remembering each one so a conflict can name both."""

    def __init__(self, words: list[str], start: int, today: date, company_words: list[str] | None) -> None:
        self.words = words
        self.i = start
        self.first = start
        self.today = today
        # Words of an unquoted company: a bad first token may really belong to the name.
        self.company_words = company_words
        self.url: str | None = None
        self.source: tuple[str, str] | None = None  # (value, as written)
        self.tags: list[str] = []
        self.tag_keys: set[str] = set()
        self.nocall = False
        self.policy: tuple[str, str] | None = None
        self.stage: tuple[str, str] | None = None
        self.day: tuple[date, str] | None = None
        self.email: str | None = None
        self.name: str | None = None  # the contact's name, from with "Name <address>"

    def fail(self, message: str, *, maybe_name: bool = False) -> CaptureError:
        """The error to raise; ``maybe_name``: the keyword's value is no value at all, so the
        keyword may really be a word of an unquoted company name."""
        word = self.words[self.i]
        first_keyword = self.i == self.first and word.lower() in KEYWORDS
        if maybe_name and self.company_words is not None and first_keyword:
            # "Built on Air": the keyword may really be part of an unquoted company name;
            # suggest the quoted form with the words up to the next real token.
            tail = [self.words[self.i]]
            for word in self.words[self.i + 1 :]:
                if _starts_token(word):
                    break
                tail.append(word)
            name = " ".join([*self.company_words, *tail])
            message += (
                f" (if {_show(self.words[self.i])!r} is part of the company name, "
                f'put the name in quotes: @ "{_show(name, 60)}")'
            )
        return CaptureError(message)

    def value_after(self, keyword: str, expected: str, forms: str = "") -> str:
        if self.i + 1 >= len(self.words):
            raise self.fail(
                f"write {expected} after {keyword!r}" + (f": {forms}" if forms else ""), maybe_name=True
            )
        return self.words[self.i + 1]

    def read(self) -> None:
        while self.i < len(self.words):
            word = self.words[self.i]
            low = word.lower()
            if _URL_START.match(word):
                self.read_url(word)
            elif word[0] == "#":
                self.read_tag(word)
            elif word[0] == "!":
                self.read_flag(word)
            elif word[0] == ">":
                self.read_stage(word)
            elif low == "via":
                self.read_source(word)
                continue
            elif low == "on":
                self.read_day(word)
            elif low == "with":
                self.read_email(word)
            elif _ago_words(self.words, self.i):
                self.read_ago(_ago_words(self.words, self.i))
            else:
                where = f"{_show(self.words[self.i - 1])!r}" if self.i > self.first else "the company"
                found = _closest(word.lstrip("!>"), _VOCABULARY)
                meant = f" (did you mean {_VOCABULARY[found]}?)" if found else ""
                raise CaptureError(
                    f"{_show(word)!r} after {where} is not understood{meant}: after the company come "
                    "only a link, via SOURCE, #tags, !flags, >STAGE, on DATE and with EMAIL "
                    "(make it a #tag, or quote the company name if it belongs there)"
                )
            self.i += 1

    def read_url(self, word: str) -> None:
        if not _url_host(word):
            raise self.fail(f"the link {_show(word)!r} has no address after '://'")
        if len(word) > MAX_TEXT:
            raise self.fail(f"the link is {len(word):,} characters long; the limit is {MAX_TEXT:,}")
        if self.url is not None and self.url != word:
            raise self.fail(f"two links: {_show(self.url)!r} and {_show(word)!r}; keep one")
        self.url = word

    def read_tag(self, word: str) -> None:
        tag = word[1:]
        if not tag:
            raise self.fail("an empty tag '#': write the tag right after '#', e.g. #remote")
        if tag.casefold() not in self.tag_keys:
            self.tag_keys.add(tag.casefold())
            self.tags.append(tag)

    def read_flag(self, word: str) -> None:
        key = word[1:].lower().replace("-", "").replace("_", "")
        if key not in FLAGS:
            what = "an empty flag '!'" if not key else f"unknown flag {_show(word)!r}"
            hint = _nearest(key, FLAGS, prefix="!") if key else ""
            raise self.fail(f"{what}{hint}: use !nocall, !nofollowup or !onlyqualified")
        if key == "nocall":
            self.nocall = True
            return
        policy = "do_not_follow_up" if key == "nofollowup" else "only_qualified"
        if self.policy is not None and self.policy[0] != policy:
            raise self.fail(
                f"two follow-up policies: {self.policy[1]!r} and {_show(word)!r}; keep one "
                "(!nofollowup is the stricter)"
            )
        self.policy = (policy, word)

    def read_stage(self, word: str) -> None:
        prefix = word[1:].lower()
        if not prefix:
            raise self.fail(f"write a stage after '>': one of {', '.join(STAGES)}")
        matches = [s for s in STAGES if s.startswith(prefix)]
        if len(matches) != 1:
            hint = _nearest(prefix, STAGES, prefix=">")
            raise self.fail(f"unknown stage {_show(word)!r}{hint}: use one of {', '.join(STAGES)}")
        if self.stage is not None and self.stage[0] != matches[0]:
            raise self.fail(f"two stages: {self.stage[1]!r} and {_show(word)!r}; keep one")
        self.stage = (matches[0], word)

    def read_source(self, word: str) -> None:
        choices = (
            "linkedin, company_site (or site), hr_email (or email), referral, job_board (or board), other"
        )
        first = self.value_after(word, "a source", f"one of {choices}")
        # Two-word spellings first ("company site"), so the second word is not left over.
        source, used = None, 0
        if self.i + 2 < len(self.words):
            source, used = _source_for([first, self.words[self.i + 2]]), 2
        if source is None:
            source, used = _source_for([first]), 1
        if source is None:
            hint = _nearest(_normalize_key(first), [*SOURCES, *SOURCE_ALIASES])
            raise self.fail(
                f"unknown source {_show(first)!r} after {word!r}{hint}: use {choices}", maybe_name=not hint
            )
        written = " ".join(self.words[self.i : self.i + 1 + used])
        if self.source is not None and self.source[0] != source:
            raise self.fail(f"two sources: {self.source[1]!r} and {_show(written)!r}; keep one")
        self.source = (source, written)
        self.i += 1 + used

    def read_day(self, word: str) -> None:
        """``on DATE``: the longest run of up to three words that is a day (``on last friday``)."""
        forms = DAY_FORMS
        value = self.value_after(word, "a date", forms)
        day, used = None, 0
        for n in range(min(MAX_DAY_WORDS, len(self.words) - self.i - 1), 0, -1):
            try:
                day = parse_day(" ".join(self.words[self.i + 1 : self.i + 1 + n]), self.today)
            except ValueError as exc:
                if "no such day" in str(exc) or (n == 1 and _ISO_DAY.fullmatch(value)):
                    written = " ".join(self.words[self.i + 1 : self.i + 1 + n])
                    message = f"{_show(written)!r} after {word!r} is not a real day: use {forms}"
                    raise self.fail(message) from None
                continue
            used = n
            break
        if day is None:
            hint = _nearest(value, _DAY_WORDS)
            raise self.fail(
                f"{_show(value)!r} after {word!r} is not a date: use {forms}{hint}", maybe_name=hint == ""
            )
        self.take_day(day, " ".join(self.words[self.i : self.i + 1 + used]))
        self.i += used

    def read_ago(self, used: int) -> None:
        """``3 days ago`` without ``on``."""
        written = " ".join(self.words[self.i : self.i + used])
        self.take_day(parse_day(written, self.today), written)
        self.i += used - 1

    def take_day(self, day: date, written: str) -> None:
        if day > self.today:
            raise self.fail(
                f"{written} is in the future: the day you applied is today ({self.today}) or earlier"
            )
        if self.day is not None and self.day[0] != day:
            raise self.fail(f"two dates: {self.day[1]!r} and {_show(written)!r}; keep one")
        self.day = (day, written)

    def read_email(self, word: str) -> None:
        value = self.value_after(word, "the contact's email address")
        name = None
        if value[0] in _OPEN_QUOTES:  # with "Jane Doe <jane@x.example>": a name and an address
            closers = _OPEN_QUOTES[value[0]]
            end = next(
                (j for j in range(self.i + 1, len(self.words)) if self.words[j][-1] in closers
                 and (j > self.i + 1 or len(self.words[j]) > 1)),
                None,
            )
            if end is None:
                raise self.fail(
                    f'the quote after {word!r} is never closed: write {word} "Name <name@example.com>"'
                )
            inner = " ".join(self.words[self.i + 1 : end + 1])[1:-1].strip()
            m = _NAMED_ADDRESS.fullmatch(inner)
            if m is None:
                raise self.fail(
                    f"{_show(inner)!r} after {word!r} is not a name and an address: "
                    f'write {word} "Jane Doe <jane@example.com>"'
                )
            name, value = " ".join(m.group(1).split()) or None, m.group(2)
            skip = end - self.i - 1
        else:
            skip = 0
        if not is_valid_email(value):
            raise self.fail(
                f"{_show(value)!r} after {word!r} is not an email address (name@example.com)", maybe_name=True
            )
        if self.email is not None and self.email.lower() != value.lower():
            raise self.fail(f"two contacts: {self.email!r} and {_show(value)!r}; a capture attaches one")
        self.email = value
        if name:
            self.name = name
        self.i += 1 + skip


# "Jane Doe <jane@x.example>" (or just "<jane@x.example>")
_NAMED_ADDRESS = re.compile(r"([^<>]*)<\s*([^<>\s]+)\s*>")


def _check_length(text: str, what: str) -> None:
    if len(text) > MAX_TEXT:
        raise CaptureError(f"the {what} is {len(text):,} characters long; the limit is {MAX_TEXT:,}")


def parse_capture(text: str, today: date) -> Capture:
    """Read one capture line (grammar in the module docstring); raises CaptureError."""
    if not isinstance(text, str) or not text.strip():
        raise CaptureError("write ROLE @ COMPANY, e.g. Backend Engineer @ Acme via linkedin #remote")
    role_text, rest = _split_role(text.strip())
    role = " ".join(role_text.split())
    if not role:
        raise CaptureError("write the role before '@' (e.g. Backend Engineer @ Acme)")
    _check_length(role, "role")

    rest = rest.lstrip()
    if rest and rest[0] in _OPEN_QUOTES:
        company, tail = _quoted_company(rest)
        if not company:
            raise CaptureError('the quoted company name is empty: write @ "Company name"')
        words = tail.split()
        reader = _Reader(words, 0, today, None)
    else:
        words = rest.split()
        start = 0
        while start < len(words) and not _starts_token(words[start]) and not _ago_words(words, start):
            start += 1
        company_words = words[:start]
        company = " ".join(company_words)
        reader = _Reader(words, start, today, company_words)
    reader.read()
    if not company:
        raise CaptureError(f"write the company after '@' (e.g. {_show(role)} @ Acme)")
    _check_length(company, "company name")

    stage = reader.stage[0] if reader.stage else "applied"
    if reader.source:
        source = reader.source[0]
    else:
        source = (_source_from_url(reader.url) if reader.url else None) or "other"
    applied_on = None if stage == "saved" else (reader.day[0] if reader.day else today)
    return Capture(
        role=role,
        company=company,
        url=reader.url or "",
        source=source,
        tags=reader.tags,
        blocked_channels=["phone"] if reader.nocall else [],
        follow_up_policy=reader.policy[0] if reader.policy else "allowed",
        stage=stage,
        applied_on=applied_on,
        contact_email=reader.email,
        contact_name=reader.name,
    )


def _needs_quotes(company: str) -> bool:
    words = company.split()
    return (
        company[0] in _OPEN_QUOTES
        or any(_starts_token(w) for w in words)
        or any(_ago_words(words, i) for i in range(len(words)))
    )


def to_line(capture: Capture) -> str:
    """Write a capture back as a line that parses to the same capture.

    Exact for every capture this module produces, except a company that itself holds a
    quote mark followed by a space (which no line can express).
    """
    company = f'"{capture.company}"' if _needs_quotes(capture.company) else capture.company
    parts = [f"{capture.role} @ {company}"]
    if capture.url:
        parts.append(capture.url)
    parts.append(f"via {capture.source}")
    parts.extend(f"#{tag}" for tag in capture.tags)
    if "phone" in capture.blocked_channels:
        parts.append("!nocall")
    if capture.follow_up_policy == "do_not_follow_up":
        parts.append("!nofollowup")
    elif capture.follow_up_policy == "only_qualified":
        parts.append("!onlyqualified")
    parts.append(f">{capture.stage}")
    if capture.applied_on is not None:
        parts.append(f"on {capture.applied_on.isoformat()}")
    if capture.contact_email and capture.contact_name and '"' not in capture.contact_name:
        parts.append(f'with "{capture.contact_name} <{capture.contact_email}>"')
    elif capture.contact_email:
        parts.append(f"with {capture.contact_email}")
    return " ".join(parts)


def describe(capture: Capture, today: date | None = None) -> list[tuple[str, str]]:
    """Labelled parts for the live preview, always the same nine rows in the same order.

    With ``today`` the applied date also reads in words ("2026-03-02, yesterday").
    """
    flags = []
    if "phone" in capture.blocked_channels:
        flags.append("no phone calls")
    if capture.follow_up_policy in POLICY_LABELS:
        flags.append(POLICY_LABELS[capture.follow_up_policy])
    if capture.applied_on is None:
        applied = "— (saved: not applied yet)" if capture.stage == "saved" else "—"
    else:
        applied = capture.applied_on.isoformat()
        if today is not None:
            from tui.domain.dates import humanize_day

            applied += f", {humanize_day(capture.applied_on, today)}"
    return [
        ("Role", capture.role),
        ("Company", capture.company),
        ("Stage", capture.stage),
        ("Source", SOURCE_LABELS.get(capture.source, capture.source)),
        ("Tags", " ".join(f"#{t}" for t in capture.tags) or "—"),
        ("Flags", ", ".join(flags) or "—"),
        ("Applied on", applied),
        ("Contact", (f"{capture.contact_name} <{capture.contact_email}>" if capture.contact_name
                     else capture.contact_email) or "—"),
        ("Link", capture.url or "—"),
    ]


def preview(text: str, today: date) -> tuple[list[tuple[str, str]] | None, str | None]:
    """(parts, None) for a line that reads, (None, message) for one that does not. Never raises
    for any text: this runs on every keystroke of the capture prompt."""
    try:
        return describe(parse_capture(text, today), today), None
    except CaptureError as exc:
        return None, str(exc)


def same_role(a: str, b: str) -> bool:
    """Roles equal ignoring case and whitespace ("Back End  engineer" = "backend Engineer")."""
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()
