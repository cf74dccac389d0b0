"""Reading the posting (DESIGN.md §2): the phrases that say how, or whether, to follow up."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.models import Application
from tui.followup.posting_reader import Finding, PostingFindings, read_posting

TODAY = date(2026, 12, 1)


def found(text: str, today: date = TODAY) -> dict[str, Any]:
    """The findings as plain values: what a test compares."""
    f = read_posting(text, today)
    out: dict[str, Any] = {}
    if f.policy:
        out["policy"] = f.policy.value
    if f.blocked_channels:
        out["blocked"] = [c.value for c in f.blocked_channels]
    if f.no_agencies:
        out["no_agencies"] = True
    if f.decision_expected_on:
        out["decision"] = f.decision_expected_on.value
    return out


DNF = {"policy": "do_not_follow_up"}
OQ = {"policy": "only_qualified"}
PHONE = {"blocked": ["phone"]}
AGENCIES = {"no_agencies": True}

MATCHES: list[tuple[str, dict[str, Any]]] = [
    # phone
    ("No phone calls.", PHONE),
    ("No calls please!", PHONE),
    ("Please do not call.", PHONE),
    ("No phone enquiries.", PHONE),
    ("No telephone inquiries, please.", PHONE),
    ("Phone calls will not be returned.", PHONE),
    ("We do not accept phone calls.", PHONE),
    ("Please don't call the office.", PHONE),
    ("No follow-up calls please.", PHONE),
    ("Telephone enquiries will not be accepted.", PHONE),
    ("We will not be accepting phone calls regarding this position.", PHONE),
    ("No unsolicited phone calls.", PHONE),
    ("Please do not follow up by phone.", PHONE),
    # email, linkedin
    ("No emails please.", {"blocked": ["email"]}),
    ("Do not message us on LinkedIn.", {"blocked": ["linkedin"]}),
    ("Please do not contact the hiring manager directly via LinkedIn.", {"blocked": ["linkedin"]}),
    ("No LinkedIn messages.", {"blocked": ["linkedin"]}),
    ("No phone calls or emails.", {"blocked": ["email", "phone"]}),
    # only qualified
    ("Only qualified applicants will be contacted.", OQ),
    ("Only shortlisted candidates will be contacted.", OQ),
    ("Only successful applicants will be notified.", OQ),
    ("Only selected candidates will be contacted.", OQ),
    ("Only those selected for an interview will be contacted.", OQ),
    ("Due to the high volume of applications we can only respond to successful candidates.", OQ),
    ("Due to the high volume of applications, we are unable to respond to every applicant.", OQ),
    ("We will only contact shortlisted candidates.", OQ),
    ("Candidates who are not selected will not be contacted.", OQ),
    ("If you have not heard from us within 14 days, please assume your application was unsuccessful.", OQ),
    ("If shortlisted, you will be contacted by our team.", OQ),
    ("We'll be in touch if you're shortlisted.", OQ),
    ("Kindly note that only short-listed candidates will be contacted.", OQ),
    ("Shortlisted candidates will be contacted.", OQ),
    ("Unfortunately, we are unable to reply to all applicants.", OQ),
    # do not follow up
    ("Please do not follow up on your application.", DNF),
    ("No follow-ups.", DNF),
    ("No follow ups please", DNF),
    ("We are unable to respond to follow-up inquiries.", DNF),
    ("Please refrain from following up.", DNF),
    ("Follow-up emails will not be answered.", DNF),
    ("Please do not contact us regarding the status of your application.", DNF),
    ("Please do not enquire about the status of your application.", DNF),
    # agencies
    ("No agencies.", AGENCIES),
    ("No recruiters please.", AGENCIES),
    ("Agencies need not apply.", AGENCIES),
    ("No third-party recruiters.", AGENCIES),
    ("We do not accept resumes from recruitment agencies.", AGENCIES),
    ("We are not accepting applications from staffing agencies.", AGENCIES),
    ("Principals only.", AGENCIES),
    ("No calls or emails from agencies.", AGENCIES),
    ("No agency calls.", AGENCIES),
    ("Recruiters: please do not contact us.", AGENCIES),
    ("Strictly no 3rd party recruiters.", AGENCIES),
    # several at once
    ("NO PHONE CALLS OR AGENCIES PLEASE", {**PHONE, **AGENCIES}),
    (
        "Please don’t call or email regarding your application.",
        {**DNF, "blocked": ["email", "phone"]},
    ),
    # dates (today is 2026-12-01)
    ("Applications close on March 3, 2027.", {"decision": date(2027, 3, 3)}),
    ("Closing date: 2027-01-15", {"decision": date(2027, 1, 15)}),
    ("We will make a decision by 15 January.", {"decision": date(2027, 1, 15)}),
    ("Deadline: 25/01/2027", {"decision": date(2027, 1, 25)}),
    ("Deadline: 01/25/2027", {"decision": date(2027, 1, 25)}),
    ("Deadline: 05/05/2027", {"decision": date(2027, 5, 5)}),
    ("Deadline: 2027/01/15", {"decision": date(2027, 1, 15)}),
    ("Applications are due Jan. 15.", {"decision": date(2027, 1, 15)}),
    ("Apply by Friday, 5th February 2027.", {"decision": date(2027, 2, 5)}),
    ("Applications will be accepted until the 3rd of March.", {"decision": date(2027, 3, 3)}),
    ("The closing date is 10 December.", {"decision": date(2026, 12, 10)}),
    ("Applications close today, 1 December.", {"decision": date(2026, 12, 1)}),
    ("We expect to notify candidates by Sept 30, 2027.", {"decision": date(2027, 9, 30)}),
    ("Closing Date: Friday 15th January 2027", {"decision": date(2027, 1, 15)}),
    ("Application deadline: January 15th, 2027", {"decision": date(2027, 1, 15)}),
]


@pytest.mark.parametrize(("text", "expected"), MATCHES, ids=[m[0][:60] for m in MATCHES])
def test_recognises(text: str, expected: dict[str, Any]) -> None:
    assert found(text) == expected


MUST_NOT_MATCH = [
    "We call every applicant.",
    "Our phone support team handles calls.",
    "You will follow up with customers after every sale.",
    "Please do not follow up with clients without logging it.",
    "Generate qualified leads for the sales team.",
    "Agency experience a plus.",
    "We want people who are not only qualified but passionate.",
    "Don't hesitate to call us with questions.",
    "Feel free to follow up if you haven't heard from us.",
    "We don't have a 'no phone calls' rule — call anytime.",
    "It is not true that only qualified applicants will be contacted; we reply to everyone.",
    "There's no “no follow-up” rule here.",
    "No meetings or calls on Fridays.",
    "No call center experience needed.",
    "We are not a recruitment agency.",
    "No agency fees.",
    "Our recruiters will contact you.",
    "Start date: 2027-02-01",
    "Posted on March 1, 2027.",
    "You will make decisions quickly.",
    "We never miss a follow-up with our clients.",
    "Only applications submitted online will be considered.",
    "Our successful candidates will be contacted by customers daily.",
    "The position will remain open until filled.",
    "Deadline: 03/04/2027",  # March 4 or 3 April: unknowable, so skipped
    "Closing date: 2027-02-30",  # no such day
    "No. 1 in customer satisfaction; call volume is high.",
    "",
    "   \n\t",
]


@pytest.mark.parametrize("text", MUST_NOT_MATCH, ids=[t[:60] or "empty" for t in MUST_NOT_MATCH])
def test_does_not_match(text: str) -> None:
    findings = read_posting(text, TODAY)
    assert findings.is_empty, findings.summary_lines()
    assert findings.summary_lines() == []


def test_do_not_follow_up_wins_over_only_qualified() -> None:
    text = "Only qualified applicants will be contacted. Please do not follow up on your application."
    findings = read_posting(text, TODAY)
    assert findings.policy == Finding("do_not_follow_up", "Please do not follow up on your application.")
    # and in the other order too
    text = "Please do not follow up. Only qualified applicants will be contacted."
    assert found(text)["policy"] == "do_not_follow_up"


def test_summary_lines() -> None:
    text = (
        "Please do not follow up on your application.\nNo phone calls.\nNo agencies.\n"
        "Applications close on March 3, 2027."
    )
    assert read_posting(text, TODAY).summary_lines() == [
        "Follow-up policy: do not follow up — from: “Please do not follow up on your application.”",
        "Blocked channel: phone — from: “No phone calls.”",
        "Agencies: not wanted — from: “No agencies.”",
        "Decision expected: 2027-03-03 — from: “Applications close on March 3, 2027.”",
    ]
    only = read_posting("Only qualified applicants will be contacted.", TODAY).summary_lines()
    assert only == [
        "Follow-up policy: only qualified applicants are contacted — from: "
        "“Only qualified applicants will be contacted.”"
    ]


REAL_POSTING = """\
<h2>Senior Backend Engineer</h2>
<p>Acme is hiring! We&#39;re looking for someone who loves to <b>follow up</b> with customers.</p>
<ul>
  <li>5+ years of Python</li>
  <li>Agency experience a plus</li>
</ul>
<h3>How to apply</h3>
<p>Send your CV through our careers site. <strong>NO PHONE CALLS OR AGENCIES PLEASE.</strong></p>
<p>Only shortlisted candidates will be contacted. Applications close on 15&nbsp;January 2027.</p>
"""


def test_a_real_html_posting() -> None:
    findings = read_posting(REAL_POSTING, TODAY)
    assert findings.policy == Finding("only_qualified", "Only shortlisted candidates will be contacted.")
    assert [c.value for c in findings.blocked_channels] == ["phone"]
    assert findings.blocked_channels[0].sentence == "NO PHONE CALLS OR AGENCIES PLEASE."
    assert findings.no_agencies is not None
    assert findings.decision_expected_on == Finding(
        date(2027, 1, 15), "Applications close on 15 January 2027."
    )


MARKDOWN_POSTING = """\
## About the role
* Build things
* **Please do not call** — we read every application
- Only successful applicants will be notified
1. Apply online
"""


def test_bullets_markdown_and_curly_quotes() -> None:
    findings = read_posting(MARKDOWN_POSTING, TODAY)
    assert findings.policy is not None and findings.policy.value == "only_qualified"
    assert findings.policy.sentence == "Only successful applicants will be notified"
    assert [c.value for c in findings.blocked_channels] == ["phone"]
    assert found("Please don’t follow up.") == DNF
    assert found("“No calls,” says the hiring manager.") == PHONE


def test_the_first_phrase_of_a_kind_is_kept() -> None:
    text = "No calls please.\nAlso: please do not call the front desk."
    findings = read_posting(text, TODAY)
    assert findings.blocked_channels == [Finding("phone", "No calls please.")]


def test_a_decision_date_is_preferred_to_a_closing_date() -> None:
    text = "Applications close on 10 January 2027. We will make a decision by 31 January 2027."
    assert found(text)["decision"] == date(2027, 1, 31)
    assert found("Applications close on 10 January 2027.")["decision"] == date(2027, 1, 10)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # a date without a year: the next such day on or after today
        ("Closing date: 15 January", date(2026, 1, 10), date(2026, 1, 15)),
        ("Closing date: 15 January", date(2026, 1, 15), date(2026, 1, 15)),
        ("Closing date: 15 January", date(2026, 1, 16), date(2027, 1, 15)),
        ("Closing date: February 29", date(2026, 3, 1), date(2028, 2, 29)),
        # the date after the trigger word wins over one before it
        ("Posted 2026-11-01; applications close 2026-12-20.", TODAY, date(2026, 12, 20)),
        # a date before the trigger when there is none after
        ("By 20 December 2026 we will make our decision.", TODAY, date(2026, 12, 20)),
        # an ISO date with a time
        ("Deadline: 2027-01-15T17:00", TODAY, date(2027, 1, 15)),
    ],
)
def test_dates(text: str, today: date, expected: date) -> None:
    assert found(text, today)["decision"] == expected


def test_a_long_sentence_is_trimmed_around_the_phrase() -> None:
    text = "Lorem ipsum dolor sit amet " * 30 + "and no phone calls please " + "consectetur " * 40 + "."
    [phone] = read_posting(text, TODAY).blocked_channels
    assert len(phone.sentence) <= 200
    assert "no phone calls" in phone.sentence
    assert phone.sentence.startswith("…") and phone.sentence.endswith("…")


def test_every_sentence_is_at_most_200_characters() -> None:
    text = ("x" * 500 + " Only qualified applicants will be contacted " + "y" * 500) * 3
    findings = read_posting(text, TODAY)
    assert findings.policy is not None
    assert len(findings.policy.sentence) <= 200
    assert "Only qualified applicants will be contacted" in findings.policy.sentence


ADVERSARIAL = [
    "no " * 40_000,
    "only " * 25_000,
    "do not " * 20_000,
    "please do not contact us " * 5000,
    "a" * 100_000,
    "<" * 100_000,
    "<a " * 40_000,
    "1/1/" * 30_000,
    "15 January " * 10_000,
    "closing decision 2027-01-01 " * 5000,
    "No phone calls. " * 8000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=[t[:12] for t in ADVERSARIAL])
def test_100k_characters_are_read(text: str) -> None:
    # Measured at 15-110 ms; catastrophic backtracking would hang here (no wall-clock
    # limit in tests: CI shares two busy cores).
    findings = read_posting(text[:100_000], TODAY)
    assert findings is not None


def test_changes_for_proposes_only_what_differs() -> None:
    app = Application(company="Acme", role="Eng", blocked_channels=["email"])
    findings = read_posting("No phone calls. Only qualified applicants will be contacted.", TODAY)
    assert findings.changes_for(app) == {
        "follow_up_policy": "only_qualified",
        "blocked_channels": ["email", "phone"],
    }
    same = Application(
        company="Acme", role="Eng", follow_up_policy="only_qualified", blocked_channels=["phone"]
    )
    assert findings.changes_for(same) == {}
    dated = read_posting("Closing date: 2027-01-15", TODAY)
    assert dated.changes_for(app) == {"decision_expected_on": date(2027, 1, 15)}
    assert PostingFindings().changes_for(app) == {}


@pytest.mark.parametrize(
    "text",
    [
        "{}",
        "{first_name}",
        "\x00\x01",
        "🚀" * 1000,
        "<<<>>>",
        "&amp;&#x0;&#99999999;",
        "\r\n" * 100,
        "・" * 50,
    ],
)
def test_any_text_is_read_without_error(text: str) -> None:
    assert isinstance(read_posting(text, TODAY), PostingFindings)


@settings(max_examples=200)
@given(
    st.text(max_size=500)
    | st.lists(st.sampled_from([*MUST_NOT_MATCH, *(m[0] for m in MATCHES)])).map(" ".join)
)
def test_any_text_gives_findings_with_short_sentences(text: str) -> None:
    findings = read_posting(text, TODAY)
    every = [findings.policy, *findings.blocked_channels, findings.no_agencies, findings.decision_expected_on]
    for finding in filter(None, every):
        assert 0 < len(finding.sentence) <= 200
    assert len(findings.summary_lines()) == len([f for f in every if f])
