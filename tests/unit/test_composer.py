"""The composer (DESIGN.md §6): template choice, filling placeholders, and the live warnings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.config import Cadence, Me
from tui.domain.models import (
    CHANNELS,
    EVENT_KINDS,
    RESPONSES,
    Application,
    Contact,
    Event,
    NextAction,
    Template,
)
from tui.followup.composer import (
    KIND_FOR_ACTION,
    ComposeContext,
    Draft,
    choose_template,
    find_placeholders,
    full_text,
    placeholder_values,
    render,
    template_kind,
    tweet_length,
    warnings,
)

TODAY = date(2024, 11, 20)  # a Wednesday


def app(**kw: Any) -> Application:
    base: dict[str, Any] = {"company": "Acme", "role": "Backend Engineer", "id": 1}
    base.update(kw)
    return Application(**base)


def person(**kw: Any) -> Contact:
    base: dict[str, Any] = {
        "name": "Dana Scully",
        "id": 5,
        "email": "dana@acme.example",
        "linkedin": "https://www.linkedin.com/in/dana",
        "twitter": "@dana",
        "role": "hiring_manager",
    }
    base.update(kw)
    return Contact(**base)


def ev(kind: str, on: date, **kw: Any) -> Event:
    return Event(application_id=1, kind=kind, on=on, **kw)


def ctx(
    application: Application | None = None,
    contact: Contact | None = None,
    channel: str = "email",
    events: list[Event] | None = None,
    next_action: NextAction | None = None,
    me: Me | None = None,
    cadence: Cadence | None = None,
    *,
    no_contact: bool = False,
) -> ComposeContext:
    return ComposeContext(
        application=application or app(),
        contact=None if no_contact else (contact or person()),
        channel=channel,
        me=me or Me(name="Alex Morgan"),
        today=TODAY,
        events=events or [],
        next_action=next_action,
        cadence=cadence or Cadence(),
    )


def tpl(
    body: str, subject: str = "", kind: str = "application_follow_up", channel: str = "email"
) -> Template:
    return Template(name="t", kind=kind, channel=channel, subject=subject, body=body)


def codes(ws: list[Any]) -> set[str]:
    return {w.code for w in ws}


# --- placeholder values ---------------------------------------------------------------------


def test_every_placeholder_is_filled_from_the_context() -> None:
    a = app(
        company="Acme",
        role="Backend Engineer",
        applied_on=date(2024, 11, 3),
        decision_expected_on=date(2024, 11, 29),
        interview_topics=["the data pipeline", "on-call", "team growth"],
    )
    c = ctx(
        a,
        person(title="Engineering Manager"),
        events=[ev("applied", date(2024, 11, 3)), ev("interview", date(2024, 11, 12))],
        me=Me(name="Alex Morgan", email="alex@example.org"),
    )
    assert placeholder_values(c) == {
        "first_name": "Dana",
        "name": "Dana Scully",
        "company": "Acme",
        "role": "Backend Engineer",
        "topics": "the data pipeline, on-call and team growth",
        "applied_on": "on November 3",
        "interview_on": "on November 12",
        "decision_on": "on November 29",
        "days_since": "8 days",
        "my_name": "Alex Morgan",
        "my_email": "alex@example.org",
        "signature": "Best regards,\nAlex Morgan",
        "contact_title": "Engineering Manager",
    }


def test_render_fills_every_placeholder_in_subject_and_body() -> None:
    body = " | ".join(
        "{" + k + "}"
        for k in ("first_name", "name", "company", "role", "topics", "applied_on", "interview_on", "my_name")
    )
    c = ctx(
        app(applied_on=date(2024, 11, 19), interview_topics=["Rust"]),
        events=[ev("interview", TODAY)],
    )
    d = render(tpl(body, subject="{role} at {company}"), c)
    assert d.subject == "Backend Engineer at Acme"
    assert d.body == "Dana | Dana Scully | Acme | Backend Engineer | Rust | yesterday | today | Alex Morgan"
    assert d.unknown_placeholders == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (TODAY, "today"),
        (TODAY - timedelta(days=1), "yesterday"),
        (date(2024, 11, 3), "on November 3"),
        (date(2023, 12, 30), "on December 30, 2023"),
        (None, "recently"),
    ],
)
def test_applied_on_is_humanised(day: date | None, expected: str) -> None:
    assert placeholder_values(ctx(app(applied_on=day)))["applied_on"] == expected


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        ([], "the role and the team"),
        (["caching"], "caching"),
        (["caching", "hiring"], "caching and hiring"),
        (["a", "  ", "b\nc", "d"], "a, b c and d"),
    ],
)
def test_topics_read_as_a_list(topics: list[str], expected: str) -> None:
    assert placeholder_values(ctx(app(interview_topics=topics)))["topics"] == expected


def test_missing_contact_falls_back_to_a_polite_greeting() -> None:
    c = ctx(no_contact=True)
    d = render(tpl("Hello {first_name},\nDear {name}"), c)
    assert d.body == "Hello there,\nDear the hiring team"
    assert d.unknown_placeholders == []


@pytest.mark.parametrize(
    ("contact", "first"),
    [
        (person(name="Dr. Jane Smith"), "Jane"),
        (person(name="Prof Ada Lovelace"), "Ada"),
        (person(name="", email="jane@acme.example"), "there"),
        (person(name="Acme Careers", role="hr_inbox"), "there"),
        (person(name="Acme Jobs", email="jobs@acme.example", role=None), "there"),
        (person(name="Zoë Ünal"), "Zoë"),
        (person(name="Jane Doe", email="hr@acme.example", role="recruiter"), "Jane"),  # a person
    ],
)
def test_first_name_fallbacks(contact: Contact, first: str) -> None:
    assert placeholder_values(ctx(contact=contact))["first_name"] == first


def test_interview_on_is_the_latest_interview_already_held() -> None:
    events = [
        ev("interview", date(2024, 11, 4)),
        ev("interview", date(2024, 11, 14)),
        ev("interview", date(2024, 11, 27)),  # booked, not yet held
    ]
    assert placeholder_values(ctx(events=events))["interview_on"] == "on November 14"
    assert placeholder_values(ctx(events=events[2:]))["interview_on"] == "on November 27"


def test_signature_uses_mine_when_set_and_a_sign_off_otherwise() -> None:
    assert placeholder_values(ctx(me=Me(name="Alex", signature="Cheers,\nAlex\n+1 555")))["signature"] == (
        "Cheers,\nAlex\n+1 555"
    )
    assert placeholder_values(ctx(me=Me()))["signature"] == "Best regards,"


@pytest.mark.parametrize(
    ("events", "applied_on", "expected"),
    [
        ([], None, "a few days"),
        ([], TODAY - timedelta(days=1), "1 day"),
        ([ev("follow_up_sent", TODAY - timedelta(days=3))], TODAY - timedelta(days=10), "3 days"),
        ([ev("note", TODAY)], TODAY - timedelta(days=10), "10 days"),  # a note is not a contact
    ],
)
def test_days_since_the_last_contact(events: list[Event], applied_on: date | None, expected: str) -> None:
    assert placeholder_values(ctx(app(applied_on=applied_on), events=events))["days_since"] == expected


# --- rendering any text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected", "unknown"),
    [
        ("{{company}}", "{company}", []),
        ("{{ literal }} and {{", "{ literal } and {", []),
        (
            "Hi {0} {a.b} {x!r} {company:>10}",
            "Hi {0} {a.b} {x!r} {company:>10}",
            ["{0}", "{a.b}", "{x!r}", "{company:>10}"],
        ),
        ("{nope} {nope} {first_name}", "{nope} {nope} Dana", ["{nope}"]),
        ("unmatched { and } and {", "unmatched { and } and {", []),
        ("{ company }", "{ company }", []),  # not a placeholder: spaces inside the braces
        ("{}", "{}", []),
        ("{Company} {ROLE}", "Acme Backend Engineer", []),
        ("{0.__class__.__mro__}", "{0.__class__.__mro__}", ["{0.__class__.__mro__}"]),
        ("🎉 {company} 🎉", "🎉 Acme 🎉", []),
        ("{first_name", "{first_name", []),
    ],
)
def test_render_never_uses_format_semantics(body: str, expected: str, unknown: list[str]) -> None:
    d = render(tpl(body), ctx())
    assert d.body == expected
    assert d.unknown_placeholders == unknown


def test_values_are_not_rescanned() -> None:
    c = ctx(app(company="{role}", role="{{x}}"))
    assert render(tpl("{company} / {role}"), c).body == "{role} / {{x}}"


def test_ten_thousand_characters_render() -> None:
    body = ("Hello {first_name} 👋 {" * 500) + "x" * 3000  # 14,000 characters, 500 stray braces
    d = render(tpl(body), ctx())
    assert d.body == "Hello Dana 👋 {" * 500 + "x" * 3000
    assert d.unknown_placeholders == []


def test_subject_is_one_line_and_only_for_email() -> None:
    c = ctx(app(company="Acme\nBcc: evil@example.com"))
    assert render(tpl("b", subject="Hi\r\n{company}"), c).subject == "Hi Acme Bcc: evil@example.com"
    assert render(tpl("b", subject="Hi {company}"), ctx(channel="linkedin")).subject == ""


def test_unknown_tokens_in_the_subject_are_listed_too() -> None:
    assert render(tpl("b", subject="{oops}"), ctx()).unknown_placeholders == ["{oops}"]


def test_empty_values_the_template_uses_are_reported() -> None:
    d = render(tpl("{my_name} {my_email} {company}"), ctx(me=Me()))
    assert d.missing_values == ["my_name", "my_email"]


def test_edited_draft_rescans_for_leftover_placeholders() -> None:
    d = render(tpl("Hi {first_name}"), ctx()).edited("Re {role}", "Hi Dana, about {company} and {{x}}")
    assert d.unknown_placeholders == ["{role}", "{company}"]
    assert d.kind == "application_follow_up"
    assert find_placeholders("{a} {{b}} {a} {c}") == ["{a}", "{c}"]


text_any = st.text(max_size=400)
text_braces = st.text(alphabet=st.sampled_from(list("{}!:.0aZ_ \n{first_name}{company}é🎉")), max_size=400)


@settings(max_examples=300, deadline=None)
@given(
    body=st.one_of(text_any, text_braces),
    subject=st.one_of(text_any, text_braces),
    company=st.text(min_size=1, max_size=60),
    role=st.text(min_size=1, max_size=60),
    name=st.text(max_size=40),
    email=st.text(max_size=40),
    topics=st.lists(st.text(max_size=30), max_size=4),
    channel=st.sampled_from(CHANNELS),
    kind=st.sampled_from(
        ("application_follow_up", "thank_you", "interview_follow_up", "check_in", "withdraw")
    ),
    events=st.lists(
        st.tuples(st.sampled_from(EVENT_KINDS), st.integers(-60, 60), st.sampled_from(RESPONSES)), max_size=6
    ),
    has_contact=st.booleans(),
    action=st.none() | st.sampled_from(list(KIND_FOR_ACTION)),
    applied=st.none() | st.integers(-90, 5),
)
def test_render_and_warnings_never_raise(
    body: str,
    subject: str,
    company: str,
    role: str,
    name: str,
    email: str,
    topics: list[str],
    channel: str,
    kind: str,
    events: list[tuple[str, int, str]],
    has_contact: bool,
    action: str | None,
    applied: int | None,
) -> None:
    a = Application(
        company=company,
        role=role,
        id=1,
        interview_topics=topics,
        applied_on=None if applied is None else TODAY + timedelta(days=applied),
    )
    c = Contact(name=name, email=email, id=2) if has_contact else None
    evs = [
        Event(1, k, TODAY + timedelta(days=d), response=r if k == "response_received" else None)
        for k, d, r in events
    ]
    na = None if action is None else NextAction(action, due=TODAY)
    context = ComposeContext(a, c, channel, Me(name=name), TODAY, evs, na, Cadence())
    draft = render(Template(name="t", kind=kind, channel=channel, subject=subject, body=body), context)
    for w in warnings(draft, context):
        assert w.severity in ("error", "warn", "info") and w.message
    assert isinstance(full_text(draft, channel), str)
    template_kind(na, evs)


# --- choosing the template ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "events", "expected"),
    [
        ("follow_up", [ev("applied", date(2024, 11, 1))], "application_follow_up"),
        (
            "follow_up",
            [ev("interview", date(2024, 11, 5)), ev("thank_you_sent", date(2024, 11, 6))],
            "interview_follow_up",
        ),
        ("follow_up", [ev("response_received", date(2024, 11, 5), response="positive")], "check_in"),
        ("thank_you", [ev("interview", date(2024, 11, 19))], "thank_you"),
        ("wait", [ev("response_received", date(2024, 11, 15), response="positive")], "check_in"),
        ("wait", [ev("applied", date(2024, 11, 15))], "application_follow_up"),  # snoozed
        ("let_go", [ev("follow_up_sent", date(2024, 11, 1))], None),
        ("close_as_ghosted", [], None),
        ("none", [], None),
        (None, [ev("interview", date(2024, 11, 19))], "thank_you"),
        (None, [], "application_follow_up"),
    ],
)
def test_template_kind_from_the_next_action(
    action: str | None, events: list[Event], expected: str | None
) -> None:
    na = None if action is None else NextAction(action, due=TODAY)
    assert template_kind(na, events) == expected


def test_choose_template_exact_then_email_then_none() -> None:
    email = Template(name="e", kind="thank_you", channel="email", body="e", builtin=True)
    linked = Template(name="l", kind="thank_you", channel="linkedin", body="l", builtin=True)
    mine = Template(name="m", kind="thank_you", channel="linkedin", body="m", id=9)
    templates = [email, linked, mine]
    assert choose_template(templates, "thank_you", "linkedin") is mine  # the user's own first
    assert choose_template([email, linked], "thank_you", "linkedin") is linked
    assert choose_template(templates, "thank_you", "phone") is email
    assert choose_template(templates, "withdraw", "email") is None
    assert choose_template(templates, None, "email") is None


# --- warnings: each one fires on its case and stays quiet otherwise --------------------------------

LONG = " ".join(["word"] * 151)


@pytest.mark.parametrize(
    ("code", "draft", "context", "severity"),
    [
        ("empty_body", Draft("s", " \n ", kind="thank_you"), ctx(), "error"),
        ("unknown_placeholder", Draft("s", "x", ["{nope}"], "thank_you"), ctx(), "error"),
        ("too_long_kind", Draft("s", LONG, kind="application_follow_up"), ctx(), "warn"),
        (
            "too_long_channel",
            Draft("", "x" * 281, kind="thank_you"),
            ctx(contact=person(relationship="casual", role="peer"), channel="twitter"),
            "error",
        ),
        ("too_long_channel", Draft("", "x" * 1901, kind="thank_you"), ctx(channel="linkedin"), "warn"),
        ("too_long_channel", Draft("", "x" * 8001, kind="thank_you"), ctx(channel="linkedin"), "error"),
        ("subject_too_long", Draft("s" * 79, "x", kind="thank_you"), ctx(), "warn"),
        ("blocked_channel", Draft("s", "x", kind="thank_you"), ctx(app(blocked_channels=["email"])), "error"),
        (
            "policy",
            Draft("s", "x", kind="application_follow_up"),
            ctx(app(follow_up_policy="do_not_follow_up")),
            "error",
        ),
        (
            "policy",
            Draft("s", "x", kind="application_follow_up"),
            ctx(app(follow_up_policy="only_qualified")),
            "warn",
        ),
        (
            "too_soon",
            Draft("s", "x", kind="application_follow_up"),
            ctx(events=[ev("follow_up_sent", TODAY - timedelta(days=3))]),
            "warn",
        ),
        (
            "too_soon",
            Draft("s", "x", kind="application_follow_up"),
            ctx(app(applied_on=TODAY - timedelta(days=2))),
            "warn",
        ),
        (
            "too_persistent",
            Draft("s", "x", kind="application_follow_up"),
            ctx(events=[ev("follow_up_sent", date(2024, 10, 1)), ev("follow_up_sent", date(2024, 10, 9))]),
            "warn",
        ),
        (
            "position_closed",
            Draft("s", "x", kind="interview_follow_up"),
            ctx(events=[ev("response_received", date(2024, 11, 1), response="position_closed")]),
            "error",
        ),
        (
            "position_closed",
            Draft("s", "x", kind="check_in"),
            ctx(events=[ev("response_received", date(2024, 11, 1), response="rejected")]),
            "error",
        ),
        (
            "position_closed",
            Draft("s", "x", kind="application_follow_up"),
            ctx(app(posting_status="taken_down")),
            "warn",
        ),
        (
            "hr_inbox",
            Draft("s", "x", kind="thank_you"),
            ctx(contact=person(name="Careers", role="hr_inbox")),
            "warn",
        ),
        (
            "hr_inbox",
            Draft("s", "x", kind="thank_you"),
            ctx(contact=person(email="careers@acme.example", role=None)),
            "warn",
        ),
        (
            "hr_inbox",
            Draft("s", "x", kind="thank_you"),
            ctx(contact=person(email="talent-acquisition@acme.example")),
            "warn",
        ),
        ("no_recipient", Draft("s", "x", kind="thank_you"), ctx(no_contact=True), "warn"),
        ("no_recipient", Draft("s", "x", kind="thank_you"), ctx(contact=person(email="")), "warn"),
        (
            "no_recipient",
            Draft("", "x", kind="thank_you"),
            ctx(contact=person(linkedin=""), channel="linkedin"),
            "warn",
        ),
        (
            "no_recipient",
            Draft("", "x", kind="thank_you"),
            ctx(contact=person(twitter="", relationship="casual", role="peer"), channel="twitter"),
            "warn",
        ),
        (
            "social_channel",
            Draft("", "x", kind="thank_you"),
            ctx(contact=person(relationship="formal", role="peer"), channel="twitter"),
            "warn",
        ),
        ("missing_value", Draft("s", "x", kind="thank_you", missing_values=["my_name"]), ctx(), "info"),
    ],
)
def test_warning_fires(code: str, draft: Draft, context: ComposeContext, severity: str) -> None:
    matching = [w for w in warnings(draft, context) if w.code == code]
    assert matching, warnings(draft, context)
    assert matching[0].severity == severity
    assert matching[0].message


def test_unknown_placeholder_suggests_the_closest_known_one() -> None:
    messages = [w.message for w in warnings(render(tpl("Hi {frist_name} {zzz}"), ctx()), ctx())]
    assert any("{frist_name}" in m and "did you mean {first_name}" in m for m in messages)
    assert any("{zzz}" in m and "did you mean" not in m for m in messages)


def test_hr_inbox_message_is_the_design_wording() -> None:
    ws = warnings(Draft("s", "x", kind="thank_you"), ctx(contact=person(email="jobs@acme.example")))
    assert "replies from a general HR inbox are unlikely: find the person hiring for this role" in [
        w.message for w in ws
    ]


@pytest.mark.parametrize(
    ("code", "draft", "context"),
    [
        ("empty_body", Draft("s", "Hello", kind="thank_you"), ctx()),
        ("unknown_placeholder", Draft("s", "{{ fine }}", [], "thank_you"), ctx()),
        ("too_long_kind", Draft("s", " ".join(["word"] * 150), kind="application_follow_up"), ctx()),
        ("too_long_kind", Draft("s", LONG, kind="interview_follow_up"), ctx()),  # detailed is fine
        ("too_long_channel", Draft("", "x" * 280, kind="thank_you"), ctx(channel="twitter")),
        ("too_long_channel", Draft("", "x" * 200, kind="thank_you"), ctx(channel="linkedin")),
        ("too_long_channel", Draft("s", "x" * 9000, kind="withdraw"), ctx(channel="email")),
        ("subject_too_long", Draft("s" * 60, "x", kind="thank_you"), ctx()),
        ("blocked_channel", Draft("s", "x", kind="thank_you"), ctx(app(blocked_channels=["phone"]))),
        ("policy", Draft("s", "x", kind="application_follow_up"), ctx()),
        ("policy", Draft("s", "x", kind="withdraw"), ctx(app(follow_up_policy="do_not_follow_up"))),
        (
            "policy",
            Draft("s", "x", kind="check_in"),
            ctx(app(follow_up_policy="only_qualified"), events=[ev("interview", date(2024, 10, 1))]),
        ),
        (
            "too_soon",
            Draft("s", "x", kind="application_follow_up"),
            ctx(events=[ev("follow_up_sent", TODAY - timedelta(days=14))]),
        ),
        (
            "too_soon",
            Draft("s", "x", kind="application_follow_up"),
            ctx(app(applied_on=TODAY - timedelta(days=7))),
        ),
        (
            "too_soon",
            Draft("s", "x", kind="thank_you"),
            ctx(events=[ev("follow_up_sent", TODAY - timedelta(days=1)), ev("interview", TODAY)]),
        ),
        (
            "too_soon",
            Draft("s", "x", kind="application_follow_up"),
            ctx(app(applied_on=TODAY - timedelta(days=3)), next_action=NextAction("follow_up", due=TODAY)),
        ),
        (
            "too_persistent",
            Draft("s", "x", kind="application_follow_up"),
            ctx(events=[ev("follow_up_sent", date(2024, 10, 1))]),
        ),
        (
            "too_persistent",
            Draft("s", "x", kind="interview_follow_up"),
            ctx(
                events=[
                    ev("follow_up_sent", date(2024, 10, 1)),
                    ev("follow_up_sent", date(2024, 10, 9)),
                    ev("interview", date(2024, 10, 20)),
                ]
            ),
        ),
        (
            "too_persistent",
            Draft("s", "x", kind="thank_you"),
            ctx(events=[ev("follow_up_sent", date(2024, 10, 1)), ev("follow_up_sent", date(2024, 10, 9))]),
        ),
        (
            "position_closed",
            Draft("s", "x", kind="check_in"),
            ctx(events=[ev("response_received", date(2024, 11, 1), response="positive")]),
        ),
        ("hr_inbox", Draft("s", "x", kind="thank_you"), ctx(contact=person(email="hrishi@acme.example"))),
        ("no_recipient", Draft("s", "x", kind="thank_you"), ctx()),
        ("no_recipient", Draft("", "x", kind="thank_you"), ctx(contact=person(email=""), channel="linkedin")),
        (
            "social_channel",
            Draft("", "x", kind="thank_you"),
            ctx(contact=person(relationship="casual", role="peer"), channel="twitter"),
        ),
        ("missing_value", Draft("s", "x", kind="thank_you"), ctx()),
    ],
)
def test_warning_stays_quiet(code: str, draft: Draft, context: ComposeContext) -> None:
    assert code not in codes(warnings(draft, context))


def test_a_clean_draft_has_no_warnings() -> None:
    c = ctx(app(applied_on=TODAY - timedelta(days=8)), events=[ev("applied", TODAY - timedelta(days=8))])
    assert warnings(Draft("Following up", "Hello Dana, any news?", kind="application_follow_up"), c) == []


def test_thank_you_after_do_not_follow_up_is_softened() -> None:
    ws = warnings(Draft("s", "x", kind="thank_you"), ctx(app(follow_up_policy="do_not_follow_up")))
    assert [w.severity for w in ws if w.code == "policy"] == ["warn"]


def test_too_soon_after_the_interview_until_the_decision_date() -> None:
    a = app(decision_expected_on=TODAY + timedelta(days=2))
    events = [ev("interview", TODAY - timedelta(days=10)), ev("thank_you_sent", TODAY - timedelta(days=9))]
    assert "too_soon" in codes(warnings(Draft("s", "x", kind="interview_follow_up"), ctx(a, events=events)))
    # Without a decision date, interview + 7 days has passed.
    assert "too_soon" not in codes(warnings(Draft("s", "x", kind="interview_follow_up"), ctx(events=events)))


def test_too_soon_says_how_long_to_wait() -> None:
    c = ctx(events=[ev("follow_up_sent", date(2024, 11, 11))])  # + 14 days = Monday November 25
    [w] = [w for w in warnings(Draft("s", "x", kind="application_follow_up"), c) if w.code == "too_soon"]
    assert "5 more days" in w.message and "Mon Nov 25" in w.message


def test_too_persistent_counts_only_since_the_last_response() -> None:
    events = [
        ev("follow_up_sent", date(2024, 10, 1)),
        ev("follow_up_sent", date(2024, 10, 8)),
        ev("response_received", date(2024, 10, 10), response="neutral"),
        ev("follow_up_sent", date(2024, 10, 20)),
    ]
    assert "too_persistent" not in codes(warnings(Draft("s", "x", kind="check_in"), ctx(events=events)))
    events.append(ev("follow_up_sent", date(2024, 10, 30)))
    assert "too_persistent" in codes(warnings(Draft("s", "x", kind="check_in"), ctx(events=events)))


def test_warnings_are_ordered_errors_first() -> None:
    c = ctx(app(blocked_channels=["email"]), no_contact=True)
    ws = warnings(Draft("s", "x", kind="thank_you", missing_values=["my_name"]), c)
    order = {"error": 0, "warn": 1, "info": 2}
    assert [order[w.severity] for w in ws] == sorted(order[w.severity] for w in ws)
    assert {"blocked_channel", "no_recipient", "missing_value"} <= codes(ws)


def test_warnings_fall_back_to_the_next_action_kind() -> None:
    # A draft without a kind (typed from scratch) is judged by what the next action calls for.
    events = [ev("follow_up_sent", TODAY - timedelta(days=2))]
    ws = warnings(
        Draft("s", "x"),
        ctx(events=events, next_action=NextAction("follow_up", due=TODAY + timedelta(days=5))),
    )
    assert "too_soon" in codes(ws)


# --- lengths and the clipboard -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("hello", 5),
        ("café", 4),
        ("日本語", 6),
        ("🎉", 2),
        ("see https://example.com/a/very/long/path/that/goes/on/and/on ok", 4 + 23 + 3),
        ("", 0),
    ],
)
def test_tweet_length_weighs_like_twitter(text: str, length: int) -> None:
    assert tweet_length(text) == length


def test_full_text_for_the_clipboard() -> None:
    d = Draft("Following up", "Hello,\nthere")
    assert full_text(d, "email") == "Subject: Following up\n\nHello,\nthere"
    assert full_text(d, "linkedin") == "Hello,\nthere"
    assert full_text(Draft("", "Body"), "email") == "Body"
