"""What a message says, read deterministically (issue 17): phrases in their many forms, the new
text only, the day and time of an invitation, and which addresses are whose."""

from __future__ import annotations

from datetime import date

import pytest

from tui.domain.models import Contact
from tui.io.inbox.addresses import (
    company_domain_of_address,
    company_domain_of_url,
    contact_emails,
    is_no_reply,
    registered_domain,
)
from tui.io.inbox.classify import classify_received, classify_sent, find_when
from tui.io.inbox.message import html_to_text, new_text, quick_addresses

MAIL_DAY = date(2026, 11, 26)  # a Thursday


def received(text: str, subject: str = "Your application", *, machine: bool = False, automatic: str = ""):
    return classify_received(subject, text, automatic=automatic, machine=machine, sent_on=MAIL_DAY)


@pytest.mark.parametrize(
    "text",
    [
        "After careful consideration, we have decided to move forward with other candidates.",
        "We’ve decided to proceed with another candidate whose experience is a closer match.",
        "Unfortunately, we will not be moving forward with your application at this time.",
        "We regret to inform you that we will not be progressing your application.",
        "Your application was unsuccessful on this occasion.",
        "You have not been selected for the next stage.",
        "The team has decided to pursue other applicants.",
    ],
)
def test_rejections_in_their_many_forms(text: str) -> None:
    assert received(text).category == "rejected"


@pytest.mark.parametrize(
    "text",
    [
        "The position has been filled.",
        "I wanted to let you know the role was cancelled due to budget changes.",
        "We have decided to close the requisition.",
        "We are no longer hiring for this role.",
        "There is a hiring freeze across the company.",
    ],
)
def test_position_closed_or_filled(text: str) -> None:
    assert received(text).category == "position_closed"


def test_an_invitation_with_one_day_and_time_gives_both() -> None:
    got = received("We'd like to invite you to a technical interview on Tuesday, December 1 at 2:30 PM CET.")
    assert (got.category, got.interview_on, got.interview_at) == ("interview", date(2026, 12, 1), "14:30 CET")
    got = received("Could we schedule a call? Does 2026-12-03 10:00 work for you?")
    assert (got.interview_on, got.interview_at) == (date(2026, 12, 3), "10:00")
    got = received("I'd love to set up a phone screen next Monday at 9am.")
    assert got.interview_on == date(2026, 11, 30) and got.interview_at == "09:00"


def test_an_invitation_offering_several_times_states_no_day() -> None:
    got = received("We would like to schedule an interview. Are you free on 1 December or 3 December?")
    assert got.category == "interview" and got.interview_on is None and got.several_times


def test_a_date_in_january_written_in_november_is_next_year() -> None:
    assert find_when("Shall we meet on January 5 at 11:00?", MAIL_DAY) == [(date(2027, 1, 5), "11:00")]


def test_acknowledgements_never_count_as_a_response() -> None:
    assert (
        received("Thank you for applying! We have received your application.").category == "acknowledgement"
    )
    # a no-reply machine saying nothing more is an acknowledgement, not a reply
    assert received("Your profile on our careers site.", machine=True).category == "acknowledgement"
    # but a no-reply rejection is a rejection, and a machine never invites to an interview by itself
    assert (
        received("We have decided to move forward with other candidates.", machine=True).category
        == "rejected"
    )


def test_positive_neutral_and_unclear() -> None:
    assert received("We were impressed by your background and would like to move you forward.").category in (
        "positive",
        "interview",
    )
    assert received("Thanks for following up; we are still reviewing applications.").category == "neutral"
    assert received("Could you send your portfolio?").category == "unclear"
    assert received("Out until Monday", automatic="Auto-Submitted: auto-replied").category == "auto_reply"


def test_sent_mail_is_a_thank_you_or_a_follow_up() -> None:
    assert classify_sent(
        "Thanks!", "Thank you for taking the time to meet today.", after_interview=True
    ).category == ("thank_you_sent")
    assert classify_sent("Checking in", "Any news on my application?", after_interview=False).category == (
        "follow_up_sent"
    )


def test_only_the_new_text_is_classified() -> None:
    reply = (
        "Thanks, we'll be in touch next week.\n\n"
        "On Mon, 23 Nov 2026 at 09:12, Sam Rivera <sam@example.com>\nwrote:\n"
        "> If you have decided to move forward with other candidates, let me know.\n"
    )
    assert new_text(reply) == "Thanks, we'll be in touch next week."
    assert received(new_text(reply)).category == "neutral"
    outlook = "Still reviewing.\n\nFrom: Sam Rivera\nSent: Monday, November 23, 2026\nTo: Jane\n\nold text"
    assert new_text(outlook) == "Still reviewing."


def test_html_loses_styles_scripts_and_the_quoted_history() -> None:
    html = (
        "<html><head><style>p{x:y}</style><script>var a=1</script></head><body><p>New&nbsp;text</p>"
        '<div class="gmail_quote"><p>We have decided to move forward with other candidates</p></div>'
        "</body></html>"
    )
    assert html_to_text(html) == "New text"


def test_addresses_and_domains() -> None:
    assert contact_emails(Contact(name="A", email=" Jane.Doe@Acme.Example ")) == ["jane.doe@acme.example"]
    assert contact_emails(Contact(name="A")) == []
    assert registered_domain("careers.acme.example") == "acme.example"
    assert registered_domain("mail.acme.co.uk") == "acme.co.uk"
    assert company_domain_of_address("someone@gmail.com") is None
    assert company_domain_of_url("https://boards.greenhouse.io/acme/jobs/1") is None
    assert company_domain_of_url("https://jobs.acme.example/42") == "acme.example"
    assert is_no_reply("no-reply@careers.acme.example") and is_no_reply("DoNotReply@x.example")
    assert not is_no_reply("noreen@acme.example")
    raw = b'From: "Jane" <Jane@Acme.example>\r\nTo: a@b.example,\r\n c@d.example\r\n'
    raw += b"Subject: x@y.example\r\n\r\n"
    assert quick_addresses(raw) == {"jane@acme.example", "a@b.example", "c@d.example"}


def test_other_peoples_text_never_reaches_the_terminal_raw() -> None:
    from tui.io.inbox.message import decode, snippet

    assert decode("Re: \x1b]52;c;aGk=\x07hello\u202e") == "Re: ]52;c;aGk=hello"
    assert "\x1b" not in snippet("Hi \x1b[2J there")
