"""Getting a draft out (DESIGN.md §6): the .eml draft file and the mailto: URL."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.errors import InputError
from tui.domain.models import Application
from tui.followup.composer import Draft
from tui.io.outbox import default_eml_name, mailto_url, parse_mailto, to_eml

WHEN = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def content(msg: email.message.EmailMessage) -> str:
    # The file uses CRLF line endings (RFC 5322, and what Outlook writes); read them as lines.
    return msg.get_content().replace("\r\n", "\n")


# --- .eml ---------------------------------------------------------------------------------


def test_eml_parses_back_with_unicode_headers_and_body() -> None:
    draft = Draft("Merci — thank you for the interview 🎉", "Bonjour Zoë,\n\nÇa va? 日本語 too.\n\nAlex")
    raw = to_eml(draft, "Zoë Ünal", "zoe@acme.example", "Alex Morgan", "alex@example.org", when=WHEN)
    msg = parse(raw)
    assert msg["Subject"] == "Merci — thank you for the interview 🎉"
    assert msg["To"].addresses[0].display_name == "Zoë Ünal"
    assert msg["To"].addresses[0].addr_spec == "zoe@acme.example"
    assert msg["From"].addresses[0].display_name == "Alex Morgan"
    assert msg["From"].addresses[0].addr_spec == "alex@example.org"
    assert msg["X-Unsent"] == "1"
    assert msg["Date"].datetime == WHEN
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert content(msg) == "Bonjour Zoë,\n\nÇa va? 日本語 too.\n\nAlex\n"


@pytest.mark.parametrize(
    "subject",
    [
        # Each lost a space with the stdlib's default folding at 78 characters.
        "Zoë team Ünal Backend Café the the — Zoë interview — Café at at über Müller Zoë Café for",
        "team interview you Größe Größe you Backend Müller — Café",
        "Merci — thank you for the interview for Senior Backend Engineer at Zoë Ünal GmbH, Zürich",
    ],
)
def test_eml_long_unicode_subject_keeps_its_spaces(subject: str) -> None:
    assert parse(to_eml(Draft(subject, "x"), "", "", when=WHEN))["Subject"] == subject


def test_eml_headers_are_ascii_on_the_wire() -> None:
    raw = to_eml(Draft("Zoë", "x"), "Zoë Ünal", "zoe@acme.example", when=WHEN)
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()  # unicode names travel as RFC 2047 encoded words
    assert b"\r\n" in raw  # CRLF line endings, as mail clients expect from a file


def test_eml_without_addresses_is_still_a_draft() -> None:
    msg = parse(to_eml(Draft("Hi", "Body"), "", "", when=WHEN))
    assert msg["To"] is None and msg["From"] is None
    assert msg["X-Unsent"] == "1"
    assert content(msg) == "Body\n"


def test_eml_date_defaults_to_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_TODAY", "2024-03-05")
    msg = parse(to_eml(Draft("Hi", "Body"), "", ""))
    assert msg["Date"].datetime.date() == date(2024, 3, 5)


def test_eml_international_domain_becomes_punycode() -> None:
    msg = parse(to_eml(Draft("Hi", "Body"), "Jürgen", "juergen@bücher.example", when=WHEN))
    assert msg["To"].addresses[0].addr_spec == "juergen@xn--bcher-kva.example"


@pytest.mark.parametrize(
    "addr", ["not an email", "a@b@c", "jane@", "@acme.example", "a b@c.d", "zoë@acme.example"]
)
def test_eml_refuses_a_malformed_address_with_input_error(addr: str) -> None:
    with pytest.raises(InputError) as info:
        to_eml(Draft("Hi", "Body"), "X", addr, when=WHEN)
    assert addr in str(info.value)


def test_eml_newlines_in_names_and_subject_cannot_inject_headers() -> None:
    draft = Draft("Hi\r\nBcc: evil@example.com", "Body")
    raw = to_eml(draft, "Dana\nBcc: evil@example.com", "dana@acme.example", when=WHEN)
    msg = parse(raw)
    assert msg["Bcc"] is None
    assert msg["Subject"] == "Hi Bcc: evil@example.com"
    assert msg["To"].addresses[0].addr_spec == "dana@acme.example"


def test_eml_long_lines_and_odd_text_survive() -> None:
    body = "🎉" * 3000 + "\n" + "x" * 5000 + "\r\nend\rok\x00"
    msg = parse(to_eml(Draft("s", body), "", "", when=WHEN))
    assert content(msg) == "🎉" * 3000 + "\n" + "x" * 5000 + "\nend\nok\x00\n"
    assert all(len(line) <= 998 for line in to_eml(Draft("s", body), "", "", when=WHEN).split(b"\r\n"))


@settings(max_examples=150, deadline=None)
@given(subject=st.text(max_size=120), body=st.text(max_size=500), name=st.text(max_size=40))
def test_eml_round_trips_any_text(subject: str, body: str, name: str) -> None:
    msg = parse(to_eml(Draft(subject, body), name, "dana@acme.example", when=WHEN))
    assert msg["Subject"] == " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", subject).split())
    expected = body.replace("\r\n", "\n").replace("\r", "\n")
    assert content(msg) == (expected if expected.endswith("\n") else expected + "\n")


# --- mailto -------------------------------------------------------------------------------


def test_mailto_encodes_per_rfc_6068() -> None:
    url = mailto_url(Draft("Q&A? #1 — über", "Line 1\nLine 2 & more"), "dana@acme.example")
    assert url.startswith("mailto:dana@acme.example?subject=")
    assert "%0D%0A" in url  # newlines are CRLF, percent-encoded
    assert "+" not in url and " " not in url  # spaces are %20, never "+"
    query = url.split("?", 1)[1]
    assert query.count("&") == 1 and query.count("?") == 0 and "#" not in url
    assert "%C3%BC" in url  # UTF-8 then percent-encoded


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Hello", "Plain"),
        ("Zoë & Ünal? #1", "Line 1\nLine 2\n\n— Alex 🎉"),
        ("a=b&c=d", "?subject=evil&body=x#frag"),
        ("100% sure + more", "percent %20 stays literal; plus + too"),
        ("", "body only"),
        ("subject only", ""),
    ],
)
def test_mailto_round_trips(subject: str, body: str) -> None:
    to = "dana@acme.example"
    assert parse_mailto(mailto_url(Draft(subject, body), to)) == (to, subject, body)


def test_mailto_address_with_reserved_characters_round_trips() -> None:
    to = "first?last#x@acme.example"
    url = mailto_url(Draft("s", "b"), to)
    assert url.startswith("mailto:first%3Flast%23x@acme.example?")
    assert parse_mailto(url)[0] == to


def test_mailto_normalises_carriage_returns() -> None:
    url = mailto_url(Draft("s", "a\r\nb\rc"), "x@y.z")
    assert parse_mailto(url)[2] == "a\nb\nc"


def test_parse_mailto_reads_foreign_urls() -> None:
    assert parse_mailto("MAILTO:a@b.c?Subject=Hi%20there&to=c@d.e&cc=x@y.z") == (
        "a@b.c,c@d.e",
        "Hi there",
        "",
    )
    assert parse_mailto("mailto:") == ("", "", "")


@pytest.mark.parametrize("url", ["https://example.com", "", "mail:a@b.c"])
def test_parse_mailto_refuses_other_urls(url: str) -> None:
    with pytest.raises(InputError):
        parse_mailto(url)


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n&?#%+= "), max_size=200)


@settings(max_examples=200, deadline=None)
@given(subject=_text, body=_text)
def test_mailto_round_trips_any_text(subject: str, body: str) -> None:
    to, s, b = parse_mailto(mailto_url(Draft(subject, body), "dana@acme.example"))
    assert to == "dana@acme.example"
    assert s == " ".join(subject.split())  # a subject is one line
    assert b == body


# --- file names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("company", "role", "expected"),
    [
        ("Acme, Inc.", "Backend Engineer", "2024-11-20-acme-inc-backend-engineer.eml"),
        ("../../etc", "passwd", "2024-11-20-etc-passwd.eml"),
        ("A/B\\C", "x:y*z?", "2024-11-20-a-b-c-x-y-z.eml"),
        ("Zoë Ünal GmbH", "Entwicklerin", "2024-11-20-zoë-ünal-gmbh-entwicklerin.eml"),
        ("🎉🎉", "***", "2024-11-20-draft.eml"),
    ],
)
def test_default_eml_name(company: str, role: str, expected: str) -> None:
    assert default_eml_name(Application(company=company, role=role), date(2024, 11, 20)) == expected


@settings(max_examples=200, deadline=None)
@given(company=st.text(min_size=1, max_size=300), role=st.text(min_size=1, max_size=300))
def test_default_eml_name_is_always_safe(company: str, role: str) -> None:
    name = default_eml_name(Application(company=company, role=role), date(2024, 11, 20))
    assert name.endswith(".eml") and name.startswith("2024-11-20-")
    assert len(name) <= 80
    assert "/" not in name and "\\" not in name and ".." not in name
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in name)
    assert not any(ch in name for ch in ':*?"<>|')
