"""Reading a pasted job posting for how (or whether) to follow up (DESIGN.md §2).

The seed: "Often job descriptions will outline how or if they would like you to
follow-up." ``read_posting`` finds those phrases and proposes, never sets:

* ``policy``: ``do_not_follow_up`` ("Please do not follow up", "no follow-ups",
  "we are unable to respond to follow-up inquiries", "do not send a follow-up email",
  "please do not contact the hiring manager directly") or ``only_qualified`` ("only
  shortlisted candidates will be contacted", "finalists will be contacted", "should you
  be shortlisted, we will contact you", "due to the high volume of applications we may
  not be able to respond to every applicant": silence is the answer). When both
  appear, do_not_follow_up wins: it is the stricter.
* ``blocked_channels``: phone ("no phone calls", "please refrain from calling", "calls
  are not being considered"), email ("no emails please", "emails to the hiring manager
  will not be answered"), linkedin ("do not message us on LinkedIn", "do not send
  LinkedIn connection requests").
* ``no_agencies``: "No agencies", "Agencies need not apply", "does not accept
  unsolicited resumes", "Note to recruiters:", "third-party recruiters, staffing firms
  ... need not apply", "we will not pay a fee", "unsolicited resumes ... property of".
* ``decision_expected_on``: a date in a sentence about a decision ("we will decide by
  15 January", "candidates selected will be contacted on 3 October").
* ``closes_on``: the posting's closing date ("applications close on March 3, 2027",
  "deadline: ...", "send your CV by October 3rd 17:00", "apply before 3 October"). A
  closing date is when to apply by, never a decision date. Within each kind the first
  one wins. ISO (2027-01-15, 2027/01/15) and month-name forms (March 3, 2027; 3rd of
  March; Jan. 15) are read; a numeric d/m/y or m/d/y date only when unambiguous (one
  part over 12, or both parts equal). A date without a year is the next such day on or
  after today.

Each finding keeps the sentence it was read from (at most 200 characters), so the
user can judge it. How the text is read:

* HTML tags and entities, curly quotes, odd hyphens and non-breaking spaces are
  cleaned first; lines (bullets, headings) and sentences are read one at a time.
* Phrases are matched case-blind ("NO PHONE CALLS"), word by word, with bounded
  gaps only, so no pattern can backtrack badly: 100,000 characters take tens of
  milliseconds, and a hostile 100,000-character single sentence at most about half a second.
* A phrase is ignored when its own clause (back to the last comma, semicolon,
  colon, dash or bracket) already negates it: "we don't have a 'no phone calls'
  rule", "it is not true that only qualified applicants will be contacted".
  Look-alikes never match in the first place: "follow up with customers",
  "qualified leads", "agency experience a plus", "don't hesitate to call".

``PostingFindings.changes_for(app)`` turns the findings into the field changes to
propose for an application (channels merged with the ones it already blocks).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tui.domain.models import CHANNELS, Application

MAX_SENTENCE = 200

# ---------------------------------------------------------------------------- cleaning

# Block tags end a line; inline tags (<b>, <span>) become a space so "do <b>not</b> call" reads.
_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:p|br|li|div|h[1-6]|tr|td|th|ul|ol|dd|dt|section|article|table|hr)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^<>]{0,500}>")
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u00ad": "",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "*": "",  # markdown emphasis: "please **do not** call"
        "`": "",
    }
)
# A sentence ends at . ! ? followed by space and a capital letter, a quote or a bracket;
# "Jan. 15" and "e.g. email" stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z])")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦‣>]|\d{1,3}[.)]|[a-z][.)])\s+")
_SPACES = re.compile(r"\s+")


def _sentences(text: str) -> Iterator[str]:
    cleaned = html.unescape(_TAG.sub(" ", _BLOCK_TAG.sub("\n", text))).translate(_TRANSLATE)
    for line in cleaned.splitlines():
        line = _BULLET.sub("", line)
        for sentence in _SENTENCE_END.split(line):
            sentence = _SPACES.sub(" ", sentence).strip(" *_#")
            if sentence:
                yield sentence


# ---------------------------------------------------------------------------- phrases
# Building blocks. Every gap is bounded ({0,N}) and never spans a sentence end.

_NEG = r"(?:do\s+not|don't|dont|please\s+don't|never|please\s+never|refrain\s+from|avoid)"
_CANT = r"(?:unable|not\s+able|cannot|can't|can\s+not|will\s+not|won't|do\s+not|don't|are\s+not)"
_FU = r"follow(?:ing)?[- ]?ups?"
_GAP = r"[^.;!?\n]{0,60}?"

# "no X, Y or Z [please]": one list, each item classified below.
_ITEM = (
    r"(?:(?:phone|telephone|cold)\s+(?:calls?|enquiries|inquiries|queries|contact)"
    r"|follow[- ]?up\s+(?:phone\s+)?calls"
    r"|calls(?!\s+(?:on|after|before|during|outside|at|with|in)\b)"
    r"|e-?mails|e-?mail\s+(?:enquiries|inquiries|queries)"
    r"|linkedin\s+(?:messages|inmails?|dms|requests|connection\s+requests)|inmails"
    r"|(?:recruitment\s+|staffing\s+|employment\s+|(?:third|3rd)[- ]party\s+|external\s+)?"
    r"(?:agencies|recruiters|headhunters)"
    r"|agency\s+(?:submissions|candidates|resumes|cvs|calls|contact|solicitations|enquiries|inquiries)"
    r"|follow[- ]?ups?(?:\s+(?:emails|e-mails|enquiries|inquiries|requests|messages))?"
    r"|walk-?ins|drop-?ins|visits|unsolicited\s+(?:resumes|cvs|applications)"
    # "no phone or email enquiries": the first channel borrows the noun of the second
    r"|(?:phone|telephone|e-?mail)(?=\s*(?:or|/|,|and|&)\s*(?:phone|telephone|e-?mail)\s+"
    r"(?:calls|enquiries|inquiries|queries|messages|contact)))"
)
_SEP = r"(?:\s*,\s*(?:or\s+|and\s+)?|\s*/\s*|\s+or\s+|\s+and\s+|\s*&\s*)"
_NO_LIST = re.compile(rf"\bno\s+(?:unsolicited\s+)?({_ITEM}(?:{_SEP}{_ITEM}){{0,4}})\b", re.IGNORECASE)
_FROM_AGENCIES = re.compile(
    r"\s+from\s+(?:recruitment\s+|staffing\s+|(?:third|3rd)[- ]party\s+)?(?:agencies|recruiters|headhunters)",
    re.IGNORECASE,
)
# Alternatives in this order so each item is classified once: "agency calls" is about
# agencies, "follow-up calls" about the phone, "follow-up emails" about following up.
_ITEM_KIND = re.compile(
    r"(?P<agencies>(?:[\w]+[- ])?(?:agencies|recruiters|headhunters)|agency\s+\w+)"
    r"|(?P<phone>(?:phone|telephone|cold)\s+\w+|follow[- ]?up\s+(?:phone\s+)?calls|calls|phone|telephone)"
    r"|(?P<follow>follow[- ]?ups?(?:\s+(?:emails|e-mails|enquiries|inquiries|requests|messages))?)"
    r"|(?P<email>e-?mails?(?:\s+\w+)?)"
    r"|(?P<linkedin>linkedin\s+\w+|inmails)",
    re.IGNORECASE,
)

_CHANNEL_WORDS = {
    "call": "phone",
    "calling": "phone",
    "calls": "phone",
    "phone": "phone",
    "phoning": "phone",
    "telephone": "phone",
    "telephoning": "phone",
    "ring": "phone",
    "email": "email",
    "e-mail": "email",
    "emailing": "email",
    "e-mailing": "email",
    "emails": "email",
    "e-mails": "email",
    "linkedin": "linkedin",
}
_VERB = r"(?:call(?:ing)?|phon(?:e|ing)|telephon(?:e|ing)|ring|e-?mail(?:ing)?)"
_DONT_VERBS = re.compile(
    rf"\b{_NEG}\s+({_VERB}(?:{_SEP}{_VERB}){{0,3}})\b(?!\s+(?:center|centre)\b)", re.IGNORECASE
)
_CONTACT_VERB = (
    r"(?:contact(?:ing)?|reach(?:ing)?\s+out(?:\s+to)?|messag(?:e|ing)|dm|inmail|connect(?:ing)?\s+with"
    r"|call(?:ing)?|e-?mail(?:ing)?|follow(?:ing)?[- ]?up)"
)
_DONT_CONTACT_VIA = re.compile(
    rf"\b{_NEG}\s+{_CONTACT_VERB}\b{_GAP}\b(?:by|via|over|through|on)\s+(phone|telephone|e-?mail|linkedin)\b",
    re.IGNORECASE,
)
_CALLS_REFUSED = re.compile(
    # "Phone calls will not be returned", "calls to the office are not being considered"
    r"\b(?:(?:phone\s+|telephone\s+)?calls|(?:phone|telephone)\s+(?:enquiries|inquiries|queries))"
    r"(?:\s+(?:to|about|regarding|from\s+(?:candidates|applicants))\s+[^.;!?\n]{0,40}?)?\s+"
    r"(?:will\s+not|won't|cannot|can't|are\s+not|will\s+never|shall\s+not)\s+(?:be\s+|being\s+)"
    r"(?:accepted|returned|answered|taken|considered|entertained|responded\s+to)"
    r"|\b(?:do\s+not|don't|cannot|can't|will\s+not|won't|are\s+unable\s+to)\s+(?:be\s+)?"
    r"(?:accept|take|return|answer)(?:ing)?\s+"
    r"(?:any\s+)?(?:phone\s+|telephone\s+)?calls\b(?!\s+from\s+(?:agencies|recruiters))",
    re.IGNORECASE,
)

_MESSAGES_REFUSED = re.compile(
    r"(?<!follow-up\s)(?<!follow\sup\s)(?<!followup\s)"
    r"\b(?:(?P<email>e-?mails?)|(?P<linkedin>linkedin\s+(?:messages|inmails?|requests|connection\s+requests)"
    r"|inmails?))(?:\s+(?:to|about|regarding)\s+[^.;!?\n]{0,40}?)?\s+"
    r"(?:will\s+not|won't|cannot|can't|are\s+not|shall\s+not)\s+(?:be\s+|being\s+)"
    r"(?:accepted|returned|answered|considered|responded\s+to|read)"
    rf"|\b{_NEG}\s+send(?:ing)?\s+(?:us\s+|the\s+\w+(?:\s+\w+)?\s+)?(?:an?\s+|any\s+)?"
    r"(?:follow[- ]?up\s+|unsolicited\s+|direct\s+)?"
    r"(?:(?P<email2>e-?mails?)|(?P<linkedin2>linkedin\s+(?:messages?|inmails?|(?:connection\s+)?requests?)"
    r"|inmails?))\b",
    re.IGNORECASE,
)
_MESSAGE_KIND = {"email": "email", "email2": "email", "linkedin": "linkedin", "linkedin2": "linkedin"}
# (The "send" alternative also reads "do not send a follow-up email": that blocks email and,
# through _DO_NOT_FOLLOW_UP, says not to follow up at all.)

_DO_NOT_FOLLOW_UP = [
    re.compile(
        rf"\b{_NEG}\s+(?:{_FU}|chas(?:e|ing)\s+(?:up|us)|check(?:ing)?\s+(?:in|on\s+the\s+status|back))\b"
        r"(?!\s+with\s+(?:customers|clients|leads|prospects|patients|vendors|partners))"
        # "do not follow up by phone" blocks a channel, not following up
        r"(?!\s+(?:by|via|over|through)\s+(?:phone|telephone|e-?mail|linkedin))",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b{_CANT}\s+(?:to\s+)?(?:respond|reply|answer|accept|return|take|entertain)\s+(?:to\s+)?(?:any\s+)?"
        rf"(?:{_FU}|status\s+(?:inquiries|enquiries|requests|updates|checks|calls|emails|queries)"
        r"|(?:inquiries|enquiries|queries|questions|calls|emails)\s+(?:about|regarding|on)\s+(?:the\s+)?"
        r"(?:status|progress|your\s+application))",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b{_FU}(?:\s+(?:calls|emails|e-mails|inquiries|enquiries|messages|requests))?\s+"
        r"(?:are\s+not|will\s+not\s+be|won't\s+be|cannot\s+be|can't\s+be|are\s+neither)\s+"
        r"(?:accepted|answered|returned|responded\s+to|welcome|encouraged|necessary|needed|wanted)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b{_NEG}\s+{_CONTACT_VERB}\b(?:\s+(?:or|and|/)\s+{_CONTACT_VERB}\b)?{_GAP}"
        r"\b(?:about|regarding|re|on|for|to\s+(?:check|ask|enquire|inquire|confirm))\s+(?:on\s+)?(?:the\s+)?"
        r"(?:status|an?\s+update|updates|progress|your\s+application|application\s+status)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b{_NEG}\s+(?:inquire|enquire|ask)\s+(?:about|regarding|on|after)\s+(?:the\s+)?(?:status|progress)",
        re.IGNORECASE,
    ),
    # "do not send a follow-up (email)"
    re.compile(rf"\b{_NEG}\s+send(?:ing)?\s+(?:us\s+)?(?:an?\s+|any\s+)?{_FU}\b", re.IGNORECASE),
    # "please do not contact the hiring manager directly": reach them through the process only.
    # (With a channel named, "... directly via LinkedIn" blocks that channel instead.)
    re.compile(
        rf"\b{_NEG}\s+(?:contact|reach\s+out\s+to|approach|email|call|message)\s+"
        r"(?:the\s+|our\s+|any\s+|members\s+of\s+(?:the\s+|our\s+)?)?"
        r"(?:hiring\s+(?:manager|team|managers)|recruit(?:er|ers|ing\s+team)|interviewers?|team\s+members"
        r"|employees|staff|(?:talent|people|hr)\s+team|us)\s+directly\b"
        r"(?![^.;!?\n]{0,30}\b(?:by|via|over|through|on)\s+(?:phone|telephone|e-?mail|linkedin)\b)",
        re.IGNORECASE,
    ),
    # "direct contact with the hiring team is not permitted"
    re.compile(
        r"\bdirect\s+(?:contact|outreach|approaches)\s+(?:with|to)\s+(?:the\s+|our\s+)?"
        r"(?:hiring\s+(?:manager|team)|recruit\w+|interviewers?|team|staff|employees)\s+"
        r"(?:is|are|will\s+be)\s+(?:not\s+(?:permitted|allowed|accepted|welcome)|prohibited|discouraged)",
        re.IGNORECASE,
    ),
]

_ONLY_QUALIFIED = [
    # "Only qualified applicants will be contacted", "only those selected ... will hear from us"
    re.compile(
        r"\bonly\b[^.;!?\n]{0,80}?\b(?:will|shall|would|can|may)\s+(?:be\s+)?"
        r"(?:contacted|notified|called|invited|informed|hear|receive\s+a\s+(?:response|reply))\b",
        re.IGNORECASE,
    ),
    # "If shortlisted, you will be contacted", "we'll be in touch if you're selected"
    re.compile(
        r"\bif\s+(?:you\s+are\s+|you're\s+)?(?:shortlisted|short-listed|selected|successful)\b"
        r"[^.;!?\n]{0,40}?\b(?:will|shall)\s+(?:be\s+)?(?:contact|notif|call|invite)\w*",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:we'll|we\s+will)\s+(?:only\s+)?(?:be\s+in\s+touch|contact\s+you|get\s+back\s+to\s+you)"
        r"\s+(?:only\s+)?if\s+(?:you\s+are|you're|you\s+have\s+been)\s+(?:shortlisted|selected|successful)",
        re.IGNORECASE,
    ),
    # "Shortlisted candidates will be contacted": said of some, so not of the others
    re.compile(
        r"^(?:please\s+note(?:\s+that)?\s+)?(?:shortlisted|short-listed|successful|selected|qualified)\s+"
        r"(?:applicants|candidates)\s+will\s+be\s+(?:contacted|notified)",
        re.IGNORECASE,
    ),
    # "we will only contact shortlisted candidates", "we can only respond to..."
    re.compile(
        r"\b(?:will|can|shall|are\s+able\s+to)\s+only\s+(?:be\s+)?"
        r"(?:contact|respond|reply|get\s+back|be\s+in\s+touch|reach\s+out|notify|call)\w*",
        re.IGNORECASE,
    ),
    # "we are unable to respond to every applicant"
    re.compile(
        r"\b(?:unable|not\s+able|cannot|can't|can\s+not|will\s+not\s+be\s+able|regret\s+that\s+we\s+cannot)\s+"
        r"(?:to\s+)?(?:respond|reply|get\s+back)\s+to\s+(?:each|every|all|every\s+single|individual)\s+"
        r"(?:applicants?|applications?|candidates?|submissions?|one)\b",
        re.IGNORECASE,
    ),
    # "candidates not selected will not be contacted"
    re.compile(
        r"\b(?:applicants|candidates|applications)\b[^.;!?\n]{0,40}?\bnot\s+(?:been\s+)?"
        r"(?:selected|shortlisted|short-listed|successful)\b[^.;!?\n]{0,40}?"
        r"\b(?:will\s+not|won't)\s+(?:be\s+)?(?:contacted|notified|hear)",
        re.IGNORECASE,
    ),
    # "If you have not heard from us within 14 days, your application was unsuccessful"
    re.compile(
        r"\bif\s+you\s+(?:do\s+not|don't|have\s+not|haven't|did\s+not|didn't)\s+(?:hear|heard|receive)\b"
        r"[^.;!?\n]{0,80}?\b(?:unsuccessful|not\s+been\s+(?:successful|selected|shortlisted)"
        r"|not\s+(?:be\s+)?(?:progressing|moving\s+forward|selected|shortlisted))",
        re.IGNORECASE,
    ),
    # "Due to the high volume of applications, we can only / are unable to / may not be able to ..."
    re.compile(
        r"\b(?:(?:high|large|huge|significant|overwhelming|sheer|great|considerable)\s+(?:volume|number)"
        r"|(?:given|due\s+to|because\s+of)\s+the\s+(?:sheer\s+)?(?:volume|number))\s+of\s+"
        r"(?:applications|applicants|candidates|responses|submissions|interest|resumes|cvs)\b[^.;!?\n]{0,100}?"
        r"\b(?:only|unable|not\s+(?:be\s+)?able|cannot|can't|won't\s+be\s+able|regret|not\s+possible"
        r"|not\s+(?:everyone|every\s+(?:applicant|candidate))|(?:no|not)\s+guarantee)\b",
        re.IGNORECASE,
    ),
    # "We may not be able to respond to every applicant", "it is not possible to reply to each one"
    re.compile(
        r"\b(?:not\s+be\s+able|won't\s+be\s+able|not\s+possible|impossible|unable|not\s+able|cannot)\s+"
        r"(?:for\s+us\s+)?(?:to\s+)?(?:personally\s+|individually\s+)?(?:respond|reply|get\s+back|answer"
        r"|provide\s+(?:individual\s+|personal\s+)?(?:feedback|responses?|replies))"
        r"\s+(?:individually\s+|personally\s+)?to\s+(?:each|every|all|everyone|every\s+single|individual)\b",
        re.IGNORECASE,
    ),
    # "Finalists will be contacted", "Candidates selected for an interview will be contacted on 3 Oct"
    re.compile(
        r"^(?:(?:please|kindly)\s+note(?:\s+that)?:?\s+|note:\s+|important:\s+)?(?:only\s+)?(?:the\s+)?"
        r"(?:(?:shortlisted|short-listed|successful|selected|qualified|chosen|preferred|top)\s+"
        r"(?:applicants|candidates)"
        r"|finalists|those\s+(?:selected|shortlisted|short-listed|chosen|invited)"
        r"|(?:applicants|candidates)\s+(?:who\s+are\s+|who\s+have\s+been\s+)?"
        r"(?:selected|shortlisted|short-listed|chosen|invited)\s+(?:for|to)\b)"
        r"[^.;!?\n]{0,60}?\b(?:will|shall)\s+(?:be\s+)?"
        r"(?:contacted|notified|invited|called|informed|reached|hear|receive\s+a\s+(?:call|response|reply))\b",
        re.IGNORECASE,
    ),
    # "Should you be shortlisted, we will contact you"; "If your application is successful, we'll be in touch"
    re.compile(
        r"\b(?:if|should)\s+(?:you\s+(?:are|be)\s+|you're\s+|you\s+have\s+been\s+"
        r"|your\s+(?:application|profile|candidacy|cv|resume)\s+(?:is|be|has\s+been)\s+)"
        r"(?:shortlisted|short-listed|selected|successful|chosen)\b[^.;!?\n]{0,60}?"
        r"\b(?:we|you)(?:'ll|\s+will|\s+shall)\s+(?:be\s+)?"
        r"(?:contact\w*|notif\w*|call\w*|invit\w*|in\s+touch|reach\w*\s+out|hear)",
        re.IGNORECASE,
    ),
    # "We will contact you if you are selected for an interview"
    re.compile(
        r"\b(?:we'll|we\s+will|we\s+shall)\s+(?:only\s+)?(?:be\s+in\s+touch|contact\s+you|get\s+back\s+to\s+you"
        r"|reach\s+out(?:\s+to\s+you)?|get\s+in\s+touch|notify\s+you|call\s+you)"
        r"(?:\s+\w+){0,3}?\s+(?:only\s+)?(?:if|should)\s+(?:you\s+are|you're|you\s+have\s+been|you\s+be"
        r"|your\s+(?:application|profile)\s+(?:is|has\s+been))\s+(?:shortlisted|short-listed|selected"
        r"|successful|chosen)",
        re.IGNORECASE,
    ),
]

_AGENCY_NOUN = (
    r"agencies|agency|recruiters|headhunters|staffing\s+firms|search\s+firms|recruiting\s+firms"
    r"|recruitment\s+firms|placement\s+firms|third[- ]party\s+vendors"
)
_NO_AGENCIES = [
    re.compile(
        r"\b(?:recruitment\s+|staffing\s+|(?:third|3rd)[- ]party\s+)?(?:agencies|recruiters|headhunters)"
        r"\s*[:,-]?\s+(?:need\s+not|should\s+not|do\s+not\s+need\s+to|(?:please\s+)?do\s+not|must\s+not"
        r"|please\s+don't|don't)\s+"
        r"(?:apply|contact|call|submit|reach\s+out)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:do\s+not|don't|will\s+not|won't|cannot|can't|are\s+not)\s+"
        r"(?:accept|accepting|work\s+with|working\s+with|respond\s+to|engage|engaging|partner\s+with)\b"
        r"[^.;!?\n]{0,40}?\b(?:from\s+|with\s+|by\s+)?"
        r"(?:recruitment\s+|staffing\s+|(?:third|3rd)[- ]party\s+|external\s+|outside\s+)?"
        r"(?:agencies|recruiters|headhunters|(?:staffing|search|recruiting|recruitment|placement)\s+firms)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\bprincipals\s+only\b", re.IGNORECASE),
    re.compile(
        r"\bunsolicited\s+(?:resumes|résumés|cvs|submissions|candidates|profiles)\s+from\s+"
        r"(?:recruitment\s+|staffing\s+|search\s+|(?:third|3rd)[- ]party\s+|any\s+)?"
        rf"(?:{_AGENCY_NOUN})",
        re.IGNORECASE,
    ),
    # "X does not accept unsolicited resumes", "we will not consider unsolicited agency submissions"
    re.compile(
        r"\b(?:does\s+not|do\s+not|doesn't|don't|will\s+not|won't|cannot|can't|is\s+not|are\s+not)\s+"
        r"(?:accept|accepting|consider|considering|review|reviewing|respond\s+to)\s+(?:any\s+)?"
        r"(?:unsolicited\s+(?:agency\s+)?|agency\s+|third[- ]party\s+)"
        r"(?:resumes|résumés|cvs|submissions|candidates|referrals|profiles|applications)\b",
        re.IGNORECASE,
    ),
    # "Unsolicited resumes sent to Acme ... will be considered Acme's property"; "... no fee will be paid"
    re.compile(
        r"\bunsolicited\s+(?:agency\s+)?(?:resumes|résumés|cvs|submissions|candidates|referrals|profiles)\b"
        r"[^.;!?\n]{0,120}?\b(?:property|no\s+fee|not\s+(?:be\s+)?(?:responsible|liable|obligated|accepted"
        r"|considered)|without\s+(?:a\s+)?fee|fee)",
        re.IGNORECASE,
    ),
    # "Note to recruiters", "To recruitment agencies:", "Agencies, please note", "Attention recruiters:"
    re.compile(
        r"^(?:(?:a\s+)?note\s+to|to|attention|attn|notice\s+to|message\s+to|for)\s*:?\s+(?:all\s+)?"
        rf"(?:recruitment\s+|staffing\s+|search\s+|(?:third|3rd)[- ]party\s+|external\s+)?(?:{_AGENCY_NOUN})"
        r"\s*(?::|$|-|—)",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:(?:a\s+)?note\s+to\s+(?:recruiters|agencies|headhunters|staffing\s+(?:agencies|firms)))\b",
        re.IGNORECASE,
    ),
    # "We will not pay a fee", "will not pay any fees for candidates submitted by agencies"
    re.compile(
        r"\b(?:we|company|employer|\w+\s+(?:inc|llc|ltd|corp)\.?)\s+(?:will\s+not|won't|do\s+not|don't|does\s+not"
        r"|shall\s+not)\s+(?:be\s+)?(?:pay(?:ing)?|responsible\s+for|liable\s+for|obligated\s+to\s+pay)\s+"
        r"(?:a\s+|any\s+)?(?:placement\s+|agency\s+|recruit\w*\s+|finder's\s+|search\s+|referral\s+)?fees?\b"
        r"(?!\s+(?:for|to|on)\s+(?:you|your|applicants?|candidates?|relocation|training|the\s+application)\b)",
        re.IGNORECASE,
    ),
    # "... is not responsible for any fees related to unsolicited resumes / agency referrals"
    re.compile(
        r"\bnot\s+(?:be\s+)?(?:responsible|liable|obligated)\s+(?:for|to\s+pay)\s+(?:any\s+)?"
        r"(?:placement\s+|agency\s+|recruit\w*\s+|finder's\s+|search\s+)?fees?\b[^.;!?\n]{0,80}?"
        r"\b(?:agenc\w*|recruit\w*|placement|search\s+firms?|staffing|third[- ]party|unsolicited"
        r"|headhunt\w*)",
        re.IGNORECASE,
    ),
    re.compile(r"\bno\s+(?:agency\s+|placement\s+|recruit\w*\s+)?fees?\s+will\s+be\s+paid\b", re.IGNORECASE),
    # "third-party recruiters, staffing firms and search firms need not apply / are asked not to ..."
    re.compile(
        r"\b(?:recruitment|staffing|search|placement|recruiting|(?:third|3rd)[- ]party)\s+"
        r"(?:firms|agencies|vendors)"
        r"\b[^.;!?\n]{0,80}?\b(?:need\s+not|should\s+not|must\s+not|please\s+do\s+not|do\s+not|are\s+asked\s+not"
        r"|are\s+not\s+(?:welcome|accepted|permitted)|will\s+not\s+be\s+(?:considered|accepted|engaged))\b",
        re.IGNORECASE,
    ),
]

# A clause that negates what follows: "we don't have a", "it is not true that", "not".
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\s[-–—]\s")
_NEGATED = re.compile(
    r"\b(?:not|never|nor|without|no\s+longer|isn't|aren't|doesn't|don't|dont|didn't|wasn't)\b"
    r"|\bno\s+[\"']|n't\b",
    re.IGNORECASE,
)


def _negated(sentence: str, start: int) -> bool:
    """Whether the clause before ``start`` negates the phrase found there."""
    lo = max(0, start - 120)
    prefix = sentence[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(prefix))
    if breaks:
        prefix = prefix[breaks[-1].end() :]
    # "'no phone calls'": a quoted phrase is talked about, not said.
    return _NEGATED.search(prefix) is not None


# ---------------------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<{}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"(?<![\d/.-])(?P<iy>\d{4})[-/](?P<im>\d{1,2})[-/](?P<id>\d{1,2})(?![\d/])"
    r"|(?<![\d/.-])(?P<na>\d{1,2})[/.](?P<nb>\d{1,2})[/.](?P<ny>\d{4})(?![\d/])"
    r"|\b(?P<dd>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.format("dm") + r"(?:,?\s+(?P<dy>\d{4}))?\b"
    r"|\b" + _MONTH.format("md") + r"\s+(?P<mdd>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<mdy>\d{4})\b)?",
    re.IGNORECASE,
)
_DECISION = re.compile(
    r"\b(?:decision|decisions|decide|decided|notify|notified|informed|hear\s+back|hear\s+from\s+us"
    r"|respond|get\s+back\s+to|contact\s+(?:you|successful|shortlisted)|(?:be|being)\s+contacted"
    r"|be\s+in\s+touch)\b",
    re.IGNORECASE,
)
# A closing date said with "close": only of the posting or the applications ("the office closes
# on 24 December" is no closing date of anything we apply to).
_CLOSING = re.compile(
    r"\b(?:(?:applications?|posting|position|vacancy|job|role|advert|advertisement|listing|opening|submissions?"
    r"|this\s+(?:job|role|position|posting|vacancy|opportunity))\s+(?:will\s+)?(?:close|closes|closing)"
    r"|clos(?:ing)\s+(?:date|day|on|deadline)|closing:|clos(?:es|e)\s+on\b(?=[^.;!?\n]{0,40}?\b(?:appl|submi))"
    r"|(?:application\s+|submission\s+)?deadline(?!s)|apply\s+(?:by|before|until|till|no\s+later\s+than)"
    r"|applications?\s+(?:are\s+|is\s+)?due|(?:accepted|open|posted|live|advertised)\s+(?:until|through|till|thru)"
    r"|no\s+later\s+than|last\s+(?:day|date)\s+(?:to|for)\s+(?:apply|applications?|submi\w+)"
    r"|(?:posting|advert|listing)\s+expires"
    r"|submit\w*\b[^.;!?\n]{0,40}?\b(?:by|before))\b",
    re.IGNORECASE,
)
# "send your CV by October 3rd 17:00", "applications must be received before 3 October": a
# deadline said with "by / before / until" in a sentence about applying.
_APPLYING = re.compile(
    r"\b(?:apply|applying|applications?|cvs?|resumes?|résumés?|cover\s+letters?|portfolios?|submissions?"
    r"|candidates?\s+(?:should|must)|interested\s+(?:candidates|applicants|parties))\b",
    re.IGNORECASE,
)
_BY_WORD = re.compile(
    r"\b(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|prior\s+to"
    r"|deadline\s+(?:is|of))\s+",
    re.IGNORECASE,
)
# What may sit between "by" and the date: "by 5pm on", "by midnight (CET),", "by Friday,"
_BY_FILLER = re.compile(
    r"(?:(?:the\s+)?(?:close\s+of\s+business|end\s+of\s+(?:the\s+)?day|cob|eod|midnight|noon)"
    r"|\d{1,2}(?:[:.]\d\d\s*(?:am|pm|a\.m\.|p\.m\.|h|hrs)?|\s*(?:am|pm|a\.m\.|p\.m\.))"
    r"(?:\s*\([a-z]{2,5}\)|\s+[a-z]{2,5}T)?)?"
    r"[\s,]*(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)?\.?[\s,]*"
    r"(?:the\s+)?",
    re.IGNORECASE,
)


def _day(year: int | None, month: int, day: int, today: date) -> date | None:
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    # No year: the next such day on or after today (Feb 29 may be years away).
    for y in range(today.year, today.year + 9):
        try:
            candidate = date(y, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _date_from(match: re.Match[str], today: date) -> date | None:
    g = match.groupdict()
    if g["iy"]:
        return _day(int(g["iy"]), int(g["im"]), int(g["id"]), today)
    if g["ny"]:
        a, b, year = int(g["na"]), int(g["nb"]), int(g["ny"])
        if a == b or b > 12 >= a:
            return _day(year, a, b, today)  # m/d/y, or both readings agree
        if a > 12 >= b:
            return _day(year, b, a, today)  # d/m/y
        return None  # 03/04/2027: March 4 or 3 April, nobody knows
    if g["dm"]:
        return _day(int(g["dy"]) if g["dy"] else None, _MONTHS[g["dm"][:3].lower()], int(g["dd"]), today)
    return _day(int(g["mdy"]) if g["mdy"] else None, _MONTHS[g["md"][:3].lower()], int(g["mdd"]), today)


def _date_near(sentence: str, at: int, today: date) -> date | None:
    """The first real date after the trigger word, else the last one before it."""
    before: date | None = None
    for match in _DATE.finditer(sentence):
        day = _date_from(match, today)
        if day is None:
            continue
        if match.start() >= at:
            return day
        before = day
    return before


# ---------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class Finding:
    """One thing read from the posting and the sentence it was read from (≤ 200 chars)."""

    value: Any  # a policy ("do_not_follow_up"), a channel ("phone"), "no_agencies", or a date
    sentence: str


@dataclass
class PostingFindings:
    policy: Finding | None = None
    blocked_channels: list[Finding] = field(default_factory=list)
    no_agencies: Finding | None = None
    decision_expected_on: Finding | None = None
    closes_on: Finding | None = None  # the posting's closing date: when to apply by, not a decision

    @property
    def is_empty(self) -> bool:
        return not (
            self.policy
            or self.blocked_channels
            or self.no_agencies
            or self.decision_expected_on
            or self.closes_on
        )

    def summary_lines(self) -> list[str]:
        lines = []
        if self.policy:
            what = {
                "do_not_follow_up": "do not follow up",
                "only_qualified": "only qualified applicants are contacted",
            }
            lines.append(_line(f"Follow-up policy: {what[self.policy.value]}", self.policy))
        for found in self.blocked_channels:
            lines.append(_line(f"Blocked channel: {found.value}", found))
        if self.no_agencies:
            lines.append(_line("Agencies: not wanted", self.no_agencies))
        if self.decision_expected_on:
            lines.append(
                _line(f"Decision expected: {self.decision_expected_on.value}", self.decision_expected_on)
            )
        if self.closes_on:
            lines.append(_line(f"Applications close: {self.closes_on.value}", self.closes_on))
        return lines

    def changes_for(self, app: Application) -> dict[str, Any]:
        """The fields to propose for ``app``: only what was found, channels merged with its own."""
        changes: dict[str, Any] = {}
        if self.policy and self.policy.value != app.follow_up_policy:
            changes["follow_up_policy"] = self.policy.value
        found = {f.value for f in self.blocked_channels}
        if not found <= set(app.blocked_channels):
            merged = set(app.blocked_channels) | found
            changes["blocked_channels"] = [c for c in CHANNELS if c in merged]
        if self.decision_expected_on and self.decision_expected_on.value != app.decision_expected_on:
            changes["decision_expected_on"] = self.decision_expected_on.value
        if self.closes_on and self.closes_on.value != app.closes_on:
            changes["closes_on"] = self.closes_on.value
        return changes


def _line(label: str, found: Finding) -> str:
    return f"{label} — from: “{found.sentence}”"


def _excerpt(sentence: str, start: int, end: int) -> str:
    """The sentence, or a window of it around the match, in at most MAX_SENTENCE characters."""
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    room = MAX_SENTENCE - 2  # two ellipses
    lo = max(0, min(start - 60, len(sentence) - room))
    hi = min(len(sentence), lo + room)
    if end > hi:  # a long match: show its start
        lo, hi = start, start + room
    text = sentence[lo:hi].strip()
    return ("…" if lo > 0 else "") + text + ("…" if hi < len(sentence) else "")


def _first(patterns: list[re.Pattern[str]], sentence: str) -> re.Match[str] | None:
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            if not _negated(sentence, match.start()):
                return match
    return None


class _Collector:
    """The first finding of each kind, in reading order."""

    def __init__(self) -> None:
        self.do_not_follow_up: Finding | None = None
        self.only_qualified: Finding | None = None
        self.channels: dict[str, Finding] = {}
        self.no_agencies: Finding | None = None
        self.decision: Finding | None = None
        self.closing: Finding | None = None

    def note(self, kind: str, sentence: str, match: re.Match[str]) -> None:
        finding = Finding(kind, _excerpt(sentence, *match.span()))
        if kind in ("do_not_follow_up", "only_qualified", "no_agencies"):
            if getattr(self, kind) is None:
                setattr(self, kind, finding)
        else:
            self.channels.setdefault(kind, finding)

    def read(self, sentence: str, today: date) -> None:
        low = sentence.lower()
        # Cheap word checks first: most sentences of a posting mention none of this.
        if "no " in low:
            self.read_no_list(sentence)
        if any(w in low for w in ("not", "n't", "dont", "never", "refrain", "avoid", "unable")):
            self.read_channel_negations(sentence)
            if self.do_not_follow_up is None and (match := _first(_DO_NOT_FOLLOW_UP, sentence)):
                self.note("do_not_follow_up", sentence, match)
        if self.only_qualified is None and (match := _first(_ONLY_QUALIFIED, sentence)):
            self.note("only_qualified", sentence, match)
        agencies = self.no_agencies is None and any(w in low for w in _AGENCY_WORDS)
        if agencies and (match := _first(_NO_AGENCIES, sentence)):
            self.note("no_agencies", sentence, match)
        if _DIGIT.search(sentence):
            self.read_dates(sentence, today)

    def read_no_list(self, sentence: str) -> None:
        for match in _NO_LIST.finditer(sentence):
            if _negated(sentence, match.start()):
                continue
            if _FROM_AGENCIES.match(sentence, match.end()):
                # "no calls or emails from agencies" is about agencies, not about you.
                self.note("no_agencies", sentence, match)
                continue
            for item in _ITEM_KIND.finditer(match.group(1)):
                kind = {"follow": "do_not_follow_up", "agencies": "no_agencies"}.get(item.lastgroup or "")
                self.note(kind or item.lastgroup or "", sentence, match)

    def read_channel_negations(self, sentence: str) -> None:
        for pattern, kind in _CHANNEL_NEGATIONS:
            for match in pattern.finditer(sentence):
                if _negated(sentence, match.start()):
                    continue
                if kind is None:  # a list of verbs: "do not call or email"
                    for word in re.split(r"[\s,/&]+|\bor\b|\band\b", match.group(1).lower()):
                        if word in _CHANNEL_WORDS:
                            self.note(_CHANNEL_WORDS[word], sentence, match)
                elif kind == "via":
                    self.note(_CHANNEL_WORDS[match.group(1).lower()], sentence, match)
                elif kind == "message":  # "emails ... will not be answered", "do not send LinkedIn messages"
                    self.note(_MESSAGE_KIND[match.lastgroup or "email"], sentence, match)
                else:
                    self.note(kind, sentence, match)

    def read_dates(self, sentence: str, today: date) -> None:
        for trigger, kind in ((_DECISION, "decision"), (_CLOSING, "closing")):
            if getattr(self, kind) is not None:
                continue
            found = trigger.search(sentence)
            if found and (day := _date_near(sentence, found.start(), today)):
                setattr(self, kind, Finding(day, _excerpt(sentence, *found.span())))
        if self.closing is None and _APPLYING.search(sentence):
            self.closing = _deadline(sentence, today)


def _deadline(sentence: str, today: date) -> Finding | None:
    """A date right after "by / before / until" ("send your CV by October 3rd 17:00")."""
    for by in _BY_WORD.finditer(sentence):
        filler = _BY_FILLER.match(sentence, by.end())
        at = filler.end() if filler else by.end()
        match = _DATE.match(sentence, at)
        if match and (day := _date_from(match, today)):
            return Finding(day, _excerpt(sentence, by.start(), match.end()))
    return None


_AGENCY_WORDS = ("agenc", "recruiter", "headhunter", "principal", "unsolicited", "firms", " fee", "third")
_DIGIT = re.compile(r"\d")


def read_posting(text: str, today: date) -> PostingFindings:
    """Scan a job posting for follow-up instructions; see the module docstring."""
    if not isinstance(text, str) or not text.strip():
        return PostingFindings()
    found = _Collector()
    for sentence in _sentences(text):
        found.read(sentence, today)
    return PostingFindings(
        policy=found.do_not_follow_up or found.only_qualified,  # do_not_follow_up is the stricter
        blocked_channels=[found.channels[c] for c in CHANNELS if c in found.channels],
        no_agencies=found.no_agencies,
        decision_expected_on=found.decision,
        closes_on=found.closing,
    )


# (pattern, kind): kind None = a list of verbs in group 1; "via" = the channel in group 1.
_CHANNEL_NEGATIONS: list[tuple[re.Pattern[str], str | None]] = [
    (_DONT_VERBS, None),
    (_DONT_CONTACT_VIA, "via"),
    (_CALLS_REFUSED, "phone"),
    (_MESSAGES_REFUSED, "message"),
]
