"""The posting reader's second wave (issue 16): the families the first wave missed.

Each family has phrasings that must be read (its many corporate forms, written for these
tests) and look-alikes that must not: sentences with the same words that say something
else. The first wave's tables stay in test_posting.py and must still pass.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tui.followup.posting_reader import read_posting

TODAY = date(2026, 12, 1)


def found(text: str) -> dict[str, Any]:
    f = read_posting(text, TODAY)
    out: dict[str, Any] = {}
    if f.policy:
        out["policy"] = f.policy.value
    if f.blocked_channels:
        out["blocked"] = [c.value for c in f.blocked_channels]
    if f.no_agencies:
        out["no_agencies"] = True
    if f.decision_expected_on:
        out["decision"] = f.decision_expected_on.value
    if f.closes_on:
        out["closes"] = f.closes_on.value
    return out


def _ids(rows: list) -> list[str]:
    return [(r[0] if isinstance(r, tuple) else r)[:70] for r in rows]


# ---------------------------------------------------------------- agencies, unsolicited resumes

AGENCY_MATCHES = [
    "Northwind Labs does not accept unsolicited resumes from recruiters or employment agencies.",
    "We do not accept unsolicited resumes.",
    "Note to recruiters: we are not working with agencies on this search.",
    "Note to Agencies",
    "To recruitment agencies: please do not forward CVs.",
    "Attention recruiters: we handle all hiring in-house.",
    "Third-party recruiters, staffing firms and search firms need not apply.",
    "Staffing firms are asked not to contact our hiring managers.",
    "We will not pay a fee.",
    "We will not pay a fee for any candidate submitted without a signed agreement.",
    "Globex is not responsible for any fees related to unsolicited resumes from agencies.",
    "Unsolicited resumes sent to Initech will be considered the property of Initech.",
    "Unsolicited candidates from search firms will be treated as direct applicants and no fee will be paid.",
    "No agency fees will be paid for unsolicited referrals.",
    "We are not engaging with external recruiters for this role.",
    "Umbrella Corp will not consider unsolicited agency submissions.",
    "We don't work with staffing firms.",
]

AGENCY_LOOK_ALIKES = [
    "You will manage relationships with third-party recruiters and staffing firms.",
    "Experience working with search firms is a plus.",
    "We are a staffing firm that places engineers.",
    "Note to applicants: please include a portfolio.",
    "Candidates will not pay a fee to apply.",
    "We will not pay a fee for your relocation.",
    "You will review incoming resumes and screen candidates.",
    "To apply, send your CV to the team.",
    "We reimburse fees for professional certifications.",
    "Our recruiters are happy to answer questions.",
    "The role reports to the Head of Talent, who works with agencies across EMEA.",
    "Unsolicited feedback from customers is taken seriously.",
]


@pytest.mark.parametrize("text", AGENCY_MATCHES, ids=_ids(AGENCY_MATCHES))
def test_agency_refusals(text: str) -> None:
    assert found(text).get("no_agencies") is True, found(text)


@pytest.mark.parametrize("text", AGENCY_LOOK_ALIKES, ids=_ids(AGENCY_LOOK_ALIKES))
def test_agency_look_alikes(text: str) -> None:
    assert found(text) == {}


# ---------------------------------------------------------------- channel refusals

CHANNEL_MATCHES: list[tuple[str, dict[str, Any]]] = [
    ("Phone calls are not being considered.", {"blocked": ["phone"]}),
    ("Calls to the office will not be returned.", {"blocked": ["phone"]}),
    ("Telephone enquiries will not be entertained.", {"blocked": ["phone"]}),
    ("Please refrain from calling the clinic.", {"blocked": ["phone"]}),
    ("Kindly avoid phoning our office about this vacancy.", {"blocked": ["phone"]}),
    ("Please do not reach out by phone.", {"blocked": ["phone"]}),
    ("No phone or email enquiries.", {"blocked": ["email", "phone"]}),
    ("Emails to the hiring manager will not be answered.", {"blocked": ["email"]}),
    ("LinkedIn messages will not be responded to.", {"blocked": ["linkedin"]}),
    ("Please do not send LinkedIn connection requests to our team.", {"blocked": ["linkedin"]}),
    ("Please do not send a follow-up email.", {"policy": "do_not_follow_up", "blocked": ["email"]}),
    ("Please do not contact the hiring manager directly.", {"policy": "do_not_follow_up"}),
    ("Do not contact our recruiters directly; apply through the portal.", {"policy": "do_not_follow_up"}),
    ("Direct contact with the hiring team is not permitted.", {"policy": "do_not_follow_up"}),
    ("Please do not contact the hiring manager directly via LinkedIn.", {"blocked": ["linkedin"]}),
]

CHANNEL_LOOK_ALIKES = [
    "Our phone support team handles calls.",
    "Calls are answered within two rings.",
    "On-call shifts are not required.",
    "You will not be asked to take calls after hours.",
    "Please send your application by email.",
    "Emails are answered within a day by our support staff.",
    "You will contact the hiring manager directly when a requisition opens.",
    "Our recruiters will contact you directly.",
    "Feel free to email us with questions.",
    "You will send follow-up emails to leads.",
    "Don't hesitate to reach out by phone.",
    "Sales calls are not the focus of this role.",
]


@pytest.mark.parametrize(("text", "expected"), CHANNEL_MATCHES, ids=_ids(CHANNEL_MATCHES))
def test_channel_refusals(text: str, expected: dict[str, Any]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", CHANNEL_LOOK_ALIKES, ids=_ids(CHANNEL_LOOK_ALIKES))
def test_channel_look_alikes(text: str) -> None:
    assert found(text) == {}


# ---------------------------------------------------------------- only … will be contacted

OQ = {"policy": "only_qualified"}
ONLY_MATCHES: list[tuple[str, dict[str, Any]]] = [
    ("Only finalists will be contacted.", OQ),
    ("Finalists will be contacted by the end of the month.", OQ),
    ("Only successful applicants will hear from us.", OQ),
    ("Those shortlisted will be invited to a first interview.", OQ),
    (
        "Candidates selected for an interview will be contacted on 3 October.",
        {**OQ, "decision": date(2027, 10, 3)},
    ),
    ("Please note that successful candidates will be notified by email.", OQ),
    ("Should you be shortlisted, we will contact you within two weeks.", OQ),
    ("If your application is successful, we'll be in touch.", OQ),
    ("We will contact you if you are selected for an interview.", OQ),
    (
        "Due to the high volume of applications, we may not be able to respond to every applicant.",
        OQ,
    ),
    ("We may not be able to respond to every applicant.", OQ),
    ("Given the volume of applications, not everyone will receive a response.", OQ),
    ("It is not possible for us to reply to each application individually.", OQ),
    ("We are unable to provide feedback to every candidate.", OQ),
]

ONLY_LOOK_ALIKES = [
    "All applicants will be contacted within a week.",
    "Candidates will be contacted by email with next steps.",
    "We respond to every applicant within five days.",
    "If you are successful in this role, you will lead a team of five.",
    "Finalists for the design award are announced in May.",
    "Due to the high volume of calls, you will need a calm manner.",
    "Our selected vendors are listed on the portal.",
    "You will reply to each customer within a day.",
    "Successful candidates enjoy a generous learning budget.",
    "Should you have questions, we will be glad to help.",
    "We will contact your references once you accept.",
]


@pytest.mark.parametrize(("text", "expected"), ONLY_MATCHES, ids=_ids(ONLY_MATCHES))
def test_only_some_are_contacted(text: str, expected: dict[str, Any]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", ONLY_LOOK_ALIKES, ids=_ids(ONLY_LOOK_ALIKES))
def test_only_look_alikes(text: str) -> None:
    assert found(text) == {}


# ---------------------------------------------------------------- closing dates without "closing"

CLOSING_MATCHES: list[tuple[str, date]] = [
    ("Please send your CV by October 3rd 17:00.", date(2027, 10, 3)),
    ("Apply before 3 October 2027.", date(2027, 10, 3)),
    ("Applications must be received by 5pm on Friday, 3 October.", date(2027, 10, 3)),
    ("Interested candidates should submit a resume no later than 2027-01-20.", date(2027, 1, 20)),
    ("Send your portfolio and cover letter before January 8.", date(2027, 1, 8)),
    ("Applications are open until 31 January 2027.", date(2027, 1, 31)),
    ("The posting expires on 12 February 2027.", date(2027, 2, 12)),
    ("Resumes will be accepted through Jan. 22.", date(2027, 1, 22)),
    ("Candidates must apply on or before 14/02/2027.", date(2027, 2, 14)),
    ("Applications close on 15 December 2026", date(2026, 12, 15)),
    ("This position closes on 20 January 2027.", date(2027, 1, 20)),
    ("Last date for applications: 9 January 2027.", date(2027, 1, 9)),
    ("Apply by midnight (CET), Sunday 10 January.", date(2027, 1, 10)),
]

CLOSING_LOOK_ALIKES = [
    "Our office closes on 24 December for the holidays.",
    "Start by 3 January 2027.",
    "Training runs until 15 January 2027.",
    "The project must be delivered by 3 March 2027.",
    "You will meet tight deadlines.",
    "Posted on 20 November 2026.",
    "We closed our Series B on 3 March 2026.",
    "The office is closed until 4 January 2027.",
    "Onboarding ends before 1 February 2027.",
    "Our fiscal year closes on 31 March.",
    "The conference runs until 12 May 2027.",
]


@pytest.mark.parametrize(("text", "expected"), CLOSING_MATCHES, ids=_ids(CLOSING_MATCHES))
def test_closing_dates(text: str, expected: date) -> None:
    assert found(text) == {"closes": expected}


@pytest.mark.parametrize("text", CLOSING_LOOK_ALIKES, ids=_ids(CLOSING_LOOK_ALIKES))
def test_closing_look_alikes(text: str) -> None:
    assert found(text) == {}


def test_a_closing_date_is_never_a_decision_date() -> None:
    findings = read_posting("Applications close on 15 December 2026", TODAY)
    assert findings.decision_expected_on is None
    assert findings.closes_on is not None and findings.closes_on.value == date(2026, 12, 15)


def test_tables_are_big_enough() -> None:
    for matches, looks in (
        (AGENCY_MATCHES, AGENCY_LOOK_ALIKES),
        (CHANNEL_MATCHES, CHANNEL_LOOK_ALIKES),
        (ONLY_MATCHES, ONLY_LOOK_ALIKES),
        (CLOSING_MATCHES, CLOSING_LOOK_ALIKES),
    ):
        assert len(matches) >= 10 and len(looks) >= 10
