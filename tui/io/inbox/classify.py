"""What a message says, deterministically: phrases, no model, no network (issue 17).

Precision first: each category needs a phrase that means it, tried in this order —
an out-of-office note, a rejection, a position closed or filled, an interview
invitation, an automatic acknowledgement, a positive reply, a neutral reply. A
message that says none of these plainly is ``unclear``: "reply received", for the
user to classify. Only the new text is read (``message.new_text``), never the
quoted history, so "we'd love to move forward" quoted under a rejection does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tui.domain import clock
from tui.domain.dates import WEEKDAYS

CATEGORIES = (
    "rejected",
    "position_closed",
    "interview",
    "acknowledgement",
    "positive",
    "neutral",
    "auto_reply",
    "unclear",
    "follow_up_sent",
    "thank_you_sent",
)


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_CANDIDATES = r"(?:other|another|different|more qualified|stronger)\s+(?:candidates?|applicants?|profiles?)"
REJECTION = _any(
    rf"(?:decided|chosen|elected|opted) to (?:move|go|proceed)(?: forward)? with {_CANDIDATES}",
    rf"(?:move|moving|go|going|proceed|proceeding)(?: forward)? with {_CANDIDATES}",
    rf"(?:decided|chosen) to (?:pursue|pursuing|consider) {_CANDIDATES}",
    rf"(?:pursue|pursuing|progress(?:ing)?) {_CANDIDATES}",
    r"(?:will|would|are|'re) not (?:be )?(?:moving|going|proceeding|progressing) (?:forward )?with your "
    r"(?:application|candidacy|profile)",
    r"decided not to (?:move|proceed|progress|go) (?:forward )?with your (?:application|candidacy)",
    r"won't be (?:moving|proceeding|progressing) (?:forward )?with your (?:application|candidacy)",
    r"(?:we )?regret to (?:inform|tell|let) you",
    r"your application (?:was|has been|is) (?:not successful|unsuccessful|declined|rejected)",
    r"(?:you )?(?:were|have) not been (?:selected|shortlisted)",
    r"not (?:been )?selected (?:for|to move|to proceed)",
    r"(?:unable|not able) to offer you (?:the|a|this) (?:position|role|job)",
    r"(?:decided|chosen) to (?:hire|offer the (?:position|role) to|go with) (?:another|a different) "
    r"(?:candidate|applicant|person)",
    r"not (?:a|the right) (?:fit|match) for (?:this|the) (?:role|position) at this time",
)
POSITION_CLOSED = _any(
    r"(?:position|role|requisition|req|opening|job|vacancy)\s+(?:you applied for\s+)?(?:has|had|have)\s+"
    r"(?:now\s+)?(?:been\s+)?(?:filled|closed|cancell?ed|put on hold|withdrawn|eliminated)",
    r"(?:position|role|requisition|opening|job|vacancy)\s+(?:is|was)\s+(?:now\s+)?(?:filled|closed|"
    r"cancell?ed|on hold|no longer (?:open|available))",
    r"(?:have|'ve) (?:decided to )?(?:close|closed|cancel|cancell?ed|pause|paused) (?:the|this|our) "
    r"(?:position|role|requisition|search|opening|hiring)",
    r"no longer (?:hiring|recruiting|looking) for (?:this|the|that) (?:role|position)",
    r"hiring freeze",
    r"(?:position|role) (?:is|has been) no longer available",
)
_MEET = r"(?:interview|phone screen|screening call|call|chat|conversation|video call|meeting|onsite|on-site)"
INTERVIEW = _any(
    rf"(?:like|love|want|happy|pleased|glad) to (?:invite|schedule|set up|arrange|book|have) (?:you )?"
    rf"(?:for |to )?(?:a |an |the )?(?:\w+\s+){{0,3}}{_MEET}",
    rf"invit(?:e|ing|ation) (?:you )?(?:to|for) (?:a |an |the )?(?:\w+\s+){{0,3}}{_MEET}",
    rf"(?:schedule|set up|arrange|book) (?:a |an |the )?(?:\w+\s+){{0,3}}{_MEET}",
    r"(?:are|would) you (?:be )?(?:available|free) (?:for|on|at|to) (?:a |an )?(?:\w+\s+){0,4}",
    r"(?:share|send)(?: me| us)? your availability",
    r"calendly\.com/|cal\.com/|when works (?:best )?for you",
    r"next (?:step|round) (?:is|will be|would be) (?:a |an )?(?:\w+\s+){0,3}" + _MEET,
)
ACKNOWLEDGEMENT = _any(
    r"(?:we|we've|we have|we did) (?:successfully )?receiv(?:e|ed) your (?:application|resume|cv|submission)",
    r"thank(?:s| you) for (?:applying|your application|submitting your application)",
    r"your application (?:has been|was|is) (?:successfully )?(?:received|submitted)",
    r"application (?:received|confirmation|submitted)",
    r"this (?:is an|is a) (?:automated|automatic) (?:message|email|e-mail|response|notification)",
    r"(?:please )?do not reply to this (?:email|e-mail|message)",
)
POSITIVE = _any(
    r"(?:like|love|want|excited|happy|pleased|glad) to (?:move|moving) (?:you )?forward",
    r"(?:move|moving|advance|advancing) you (?:forward|to the next (?:round|stage|step))",
    r"(?:impressed|excited) (?:by|with|about) your (?:background|profile|experience|application)",
    r"(?:pleased|happy|delighted|thrilled) to (?:offer|extend)",
    r"offer (?:letter|of employment)",
    r"(?:would|'d) like to learn more about you",
)
NEUTRAL = _any(
    r"(?:still|currently) (?:reviewing|evaluating|considering|interviewing)",
    r"(?:will|we'll) (?:be in touch|get back to you|let you know|follow up|reach out|update you)",
    r"(?:thank(?:s| you)) for (?:following up|checking in|your patience|the follow[- ]up|reaching out)",
    r"no (?:update|news|decision) (?:yet|so far)",
    r"(?:have|'ve) (?:passed|forwarded|shared) your (?:application|profile|resume|cv|details)",
)
THANK_YOU = _any(
    r"thank(?:s| you) (?:so much |very much |again )?for (?:taking the time|your time|the (?:interview|"
    r"conversation|chat|call|opportunity to (?:meet|speak|talk))|meeting|speaking|talking)",
    r"(?:enjoyed|great) (?:speaking|talking|meeting|our conversation|the conversation)",
)


@dataclass(frozen=True)
class Classification:
    category: str
    why: str  # the phrase that decided it, quoted, or the header
    interview_on: date | None = None
    interview_at: str = ""  # "14:00 CET" when the invitation states a time
    several_times: bool = False  # more than one day was offered: no date is proposed


def _quote(m: re.Match[str]) -> str:
    return "“" + " ".join(m.group(0).split()) + "”"


def classify_received(
    subject: str, text: str, *, automatic: str, machine: bool, sent_on: date | None
) -> Classification:
    """``machine``: a no-reply sender or an Auto-Submitted: auto-generated message (an ATS)."""
    if automatic:
        return Classification("auto_reply", f"an automatic reply ({automatic})")
    text, subject = _plain(text), _plain(subject)
    both = f"{subject}\n{text}"
    for category, pattern in (("rejected", REJECTION), ("position_closed", POSITION_CLOSED)):
        m = pattern.search(text)
        if m:
            return Classification(category, _quote(m))
    m = INTERVIEW.search(text)
    if m and not machine:
        when = find_when(text, sent_on)
        if len(when) == 1:
            day, at = when[0]
            return Classification("interview", _quote(m), interview_on=day, interview_at=at)
        return Classification("interview", _quote(m), several_times=len(when) > 1)
    m = ACKNOWLEDGEMENT.search(both)
    if m:
        return Classification("acknowledgement", _quote(m))
    if machine:
        return Classification("acknowledgement", "sent by a machine (no-reply), saying nothing more")
    for category, pattern in (("positive", POSITIVE), ("neutral", NEUTRAL)):
        m = pattern.search(text)
        if m:
            return Classification(category, _quote(m))
    return Classification("unclear", "no phrase says plainly what it is")


def _plain(text: str) -> str:
    """Typographic apostrophes and spaces as the phrases are written (we’ve → we've)."""
    return text.translate(_PLAIN)


_PLAIN = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u2009": " ", "\u202f": " "})


def classify_sent(subject: str, text: str, *, after_interview: bool) -> Classification:
    text, subject = _plain(text), _plain(subject)
    m = THANK_YOU.search(f"{subject}\n{text}")
    if m:
        return Classification("thank_you_sent", _quote(m))
    if after_interview and re.search(r"\bthank(?:s| you)\b", text, re.IGNORECASE):
        return Classification("thank_you_sent", "a thank-you, after the interview")
    return Classification("follow_up_sent", "your own mail to them")


# -- the day and time of an invitation -------------------------------------------------

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for name in names
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
_TIME = (
    r"(?:at|@|from)?\s*(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?"
    r"(?:\s*(?P<tz>(?-i:[A-Z]{2,4}T?|UTC[+-]\d{1,2}|GMT[+-]\d{1,2}))\b)?"
)
_DATE_FORMS = [
    # Tuesday, December 8 (2026) / Dec 8th
    re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?\s+(?P<y>\d{{4}}))?(?:,?\s+{_TIME})?",
        re.IGNORECASE,
    ),
    # Tuesday 8 December (2026) / 8th Dec
    re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<mon>{_MONTH})\.?(?:,?\s+(?P<y>\d{{4}}))?(?:,?\s+{_TIME})?",
        re.IGNORECASE,
    ),
    # 2026-12-08 (14:00)
    re.compile(rf"\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?:[ T]{_TIME})?", re.IGNORECASE),
    # on Tuesday at 2pm (the next such day after the mail)
    re.compile(rf"\b(?:on|this|next)\s+(?P<wd>{_WEEKDAY})\b(?:,?\s+{_TIME})?", re.IGNORECASE),
]


def _time_text(m: re.Match[str]) -> str:
    groups = m.groupdict()
    hour = groups.get("h")
    if not hour or not (groups.get("m") or groups.get("ap")):
        return ""  # a bare number is not a time
    h, minute = int(hour), int(groups.get("m") or 0)
    ap = (groups.get("ap") or "").replace(".", "").lower()
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    if h > 23 or minute > 59:
        return ""
    tz = groups.get("tz") or ""
    return f"{h:02d}:{minute:02d}" + (f" {tz}" if tz else "")


def find_when(text: str, sent_on: date | None) -> list[tuple[date, str]]:
    """The distinct days (with a time when stated) an invitation names, on or after ``sent_on``."""
    found: dict[date, str] = {}
    taken: list[tuple[int, int]] = []
    for form in _DATE_FORMS:
        for m in form.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # part of a date an earlier form already read
            day = _day_of(m, sent_on)
            if day is None:
                continue
            taken.append(m.span())
            at = _time_text(m)
            if day not in found or (at and not found[day]):
                found[day] = at
    return sorted(found.items())


def _day_of(m: re.Match[str], sent_on: date | None) -> date | None:
    groups = m.groupdict()
    base = sent_on or clock.today()
    try:
        if groups.get("iso"):
            return date.fromisoformat(groups["iso"])
        if groups.get("mon"):
            month, day = _MONTHS[groups["mon"].lower().rstrip(".")], int(groups["d"])
            if groups.get("y"):
                return date(int(groups["y"]), month, day)
            guess = date(base.year, month, day)
            return guess if guess >= base - timedelta(days=1) else date(base.year + 1, month, day)
    except ValueError:
        return None
    if groups.get("wd"):
        wd = _weekday(groups["wd"])
        if wd is None:
            return None
        ahead = (wd - base.weekday()) % 7 or 7
        return base + timedelta(days=ahead)
    return None


def _weekday(word: str) -> int | None:
    word = word.lower()
    for i, name in enumerate(WEEKDAYS):
        if name.startswith(word[:3]):
            return i
    return None


def date_of(moment: datetime | None) -> date | None:
    """The day a message was sent, in the local time zone (where the user lives)."""
    return moment.astimezone().date() if moment else None
