"""The pure parts of reading a posting: encodings, HTML to text, the closed sentence, the
listing redirect, the company guessed from a link, and the [postings] settings."""

from __future__ import annotations

import time
from datetime import date

import pytest

from tui.domain.config import Postings, load_settings
from tui.io.web.capture import company_from_url, is_link_line, read_link_line
from tui.io.web.check import is_listing_redirect, judge
from tui.io.web.encoding import decode_html
from tui.io.web.fetch import Page
from tui.io.web.html_text import html_to_text
from tui.io.web.jobposting import PagePosting, closed_sentence, read_job_page

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("body", "ctype", "text"),
    [
        ("Café €5".encode("cp1252"), "text/html; charset=iso-8859-1", "Café €5"),  # the web's latin1
        ("Café".encode(), "text/html", "Café"),  # unlabelled, valid UTF-8
        ("Café".encode("cp1252"), "text/html", "Café"),  # unlabelled, not UTF-8: windows-1252
        ('<meta charset="koi8-r">Привет'.encode("koi8_r"), "", '<meta charset="koi8-r">Привет'),
        (b"\xef\xbb\xbfCaf\xc3\xa9", "text/html; charset=iso-8859-1", "Café"),  # a BOM beats the header
        (b"ok", "text/html; charset=no-such-thing", "ok"),
    ],
)
def test_decoding(body: bytes, ctype: str, text: str) -> None:
    assert decode_html(body, ctype) == text


def test_a_character_cut_by_the_size_cap_keeps_the_page_utf_8() -> None:
    body = "Café Café".encode()[:-1]
    assert decode_html(body, "", truncated=True) == "Café Caf\ufffd"
    assert decode_html(body, "") == "CafÃ© Caf\u00c3"  # not cut: not UTF-8, so windows-1252


def test_html_to_text_keeps_blocks_and_drops_markup_and_control_characters() -> None:
    html = (
        "<div><h2>About</h2><p>We <b>build</b>\n robots.</p><script>alert(1)</script><style>p{}</style>"
        "<ul><li>One</li><li>Two<br>lines</li></ul><p>\x1b[31mred\x1b[0m</p></div>"
    )
    assert html_to_text(html) == "About\n\nWe build robots.\n\n- One\n- Two\nlines\n\n[31mred[0m"
    assert html_to_text("&lt;p&gt;Escaped &amp;amp; twice&lt;/p&gt;") == "Escaped & twice"
    assert html_to_text("Plain\n\n\ntext") == "Plain\n\ntext"


def test_runaway_nesting_is_cut_not_hung() -> None:
    started = time.monotonic()
    assert html_to_text("<div>" * 200_000 + "deep") == ""
    assert read_job_page("<html><head><title>Deep</title></head><body>" + "<div>" * 200_000).title == "Deep"
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("No longer accepting applications", "No longer accepting applications"),
        (
            "Apply now\nThis job is no longer accepting applications.",
            "This job is no longer accepting applications.",
        ),
        (
            "Sorry! The position you are looking for is no longer available.",
            "The position you are looking for is no longer available.",
        ),
        ("This position has been filled. Thanks for your interest.", "This position has been filled."),
        ("Applications for this role are now closed.", "Applications for this role are now closed."),
        ("We are no longer accepting applications from agencies.", ""),
        ("Applications will no longer be accepted after 15 January.", ""),
        ("Join a team that is no longer a startup.", ""),
    ],
)
def test_closed_sentence(text: str, sentence: str) -> None:
    assert closed_sentence(text) == sentence


@pytest.mark.parametrize(
    ("asked", "final", "listing"),
    [
        ("https://b.example/acme/jobs/4012", "https://b.example/acme?error=true", True),
        ("https://b.example/acme/jobs/4012", "https://b.example/acme/jobs", True),
        ("https://acme.example/careers/backend-engineer", "https://acme.example/careers", True),
        ("https://acme.example/jobs/4012", "https://acme.example/", True),
        ("https://acme.example/o/42-backend", "https://acme.example/search?q=backend", True),
        ("http://acme.example/jobs/4012", "https://acme.example/jobs/4012", False),  # https
        ("https://acme.example/jobs/4012", "https://acme.example/en/jobs/4012/", False),  # a language
        ("https://acme.example/jobs/4012", "https://jobs.acme.example/view?id=4012", False),  # moved
        ("https://acme.example/jobs/4012", "https://acme.example/login", False),  # not a listing
    ],
)
def test_listing_redirect(asked: str, final: str, listing: bool) -> None:
    assert is_listing_redirect(asked, final) is listing


def test_judge_says_unknown_for_failures_and_down_only_on_evidence() -> None:
    up = PagePosting(kind="json-ld", title="Dev", valid_through=TODAY)
    assert judge(Page("u", "u", 200), up, TODAY).state == "up"  # valid through today: still up
    expired = PagePosting(kind="json-ld", title="Dev", valid_through=date(2026, 11, 26))
    assert judge(Page("u", "u", 200), expired, TODAY).evidence.endswith("2026-11-26, has passed")
    for status in (500, 502, 503, 401, 403, 429):
        assert judge(Page("u", "u", status), None, TODAY).state == "unknown"
    assert judge(Page("u", error="no answer within 10 s (timed out)"), None, TODAY).state == "unknown"
    assert judge(Page("u", "u", 404), None, TODAY).state == "down"


@pytest.mark.parametrize(
    ("url", "company"),
    [
        ("https://boards.greenhouse.io/acme-robotics/jobs/4012", "Acme Robotics"),
        ("https://jobs.lever.co/initech/7f3a", "Initech"),
        ("https://careers.hooli.example/jobs/88", "Hooli"),
        ("https://www.vandelay.example/careers/qa", "Vandelay"),
        ("https://globex.wd5.myworkdayjobs.com/en-US/External/job/1", "Globex"),
        ("http://127.0.0.1:8000/jobs/1", "127.0.0.1"),
    ],
)
def test_company_from_url(url: str, company: str) -> None:
    assert company_from_url(url) == company


def test_link_lines() -> None:
    assert is_link_line("https://acme.example/jobs/1") and is_link_line("  HTTP://acme.example/x #a")
    assert not is_link_line("Dev @ Acme https://acme.example/jobs/1")
    typed = read_link_line(
        "https://acme.example/jobs/1 via referral #remote !nocall >int on 2026-11-20", TODAY
    )
    assert (typed.url, typed.source, typed.tags, typed.blocked_channels, typed.stage, typed.applied_on) == (
        "https://acme.example/jobs/1",
        "referral",
        ["remote"],
        ["phone"],
        "interviewing",
        date(2026, 11, 20),
    )


def test_postings_settings(env) -> None:
    assert load_settings().postings == Postings()  # no file: nothing is fetched unless asked
    assert Postings().check is False
    env.config.write_text("[postings]\ncheck = true\ntimeout = 5\n", encoding="utf-8")
    settings = load_settings()
    assert settings.postings == Postings(check=True, timeout=5) and settings.problems == []
    env.config.write_text("[postings]\ncheck = 1\ntimeout = true\nwho = 2\n", encoding="utf-8")
    settings = load_settings()
    assert settings.postings == Postings()
    assert len(settings.problems) == 3
    assert "check should be bool, got 1" in settings.problems[0]
    assert "timeout should be int, got True" in settings.problems[1]
    assert "unknown key 'who'" in settings.problems[2]
