"""Properties of the capture grammar: it never fails in an undocumented way, it reads
back what it writes, and whatever it reads is a valid application."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.models import POLICIES, SOURCES, STAGES
from tui.followup.capture import Capture, CaptureError, parse_capture, preview, to_line

TODAY = date(2026, 3, 4)

# Pieces of the grammar mixed with noise, so generated lines reach deep into the parser
# instead of failing at the first missing "@".
PIECES = [
    "@",
    " @ ",
    " ",
    "  ",
    "\t",
    '"',
    "“",
    "”",
    "#",
    "#remote",
    "!",
    "!nocall",
    "!nofollowup",
    "!onlyqualified",
    "!x",
    ">",
    ">int",
    ">s",
    ">q",
    " via ",
    " via company site",
    " via linkedin",
    " on ",
    " on today",
    " on 2026-02-30",
    " on 2026-01-01",
    " with ",
    " with a@b.example",
    "a@b",
    "https://",
    "https://x.example/1",
    "http://y.example",
    "{}",
    "**",
    "Acme",
    "Engineer",
    "🚀",
    "\x00",
    "\u2028",
    "\u00a0",
]
grammarish = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=25).map("".join)
with_at = st.builds(lambda role, rest: f"{role} @ {rest}", st.text(max_size=20), grammarish)
any_text = st.text(max_size=300) | grammarish | with_at


@settings(max_examples=300)
@given(any_text)
def test_any_text_gives_a_capture_or_a_capture_error(text: str) -> None:
    try:
        capture = parse_capture(text, TODAY)
    except CaptureError as exc:
        assert str(exc)  # a message for the person
        parts, error = preview(text, TODAY)
        assert parts is None and error == str(exc)
        return
    # Whatever parses is a valid application (to_application validates).
    app = capture.to_application()
    assert app.role == capture.role and app.company == capture.company
    assert app.role and app.company
    assert app.stage in STAGES and app.source in SOURCES and app.follow_up_policy in POLICIES
    assert (app.applied_on is None) == (app.stage == "saved")
    assert app.applied_on is None or app.applied_on <= TODAY
    parts, error = preview(text, TODAY)
    assert error is None and parts is not None


def _no_space(word: str) -> bool:
    return bool(word) and word.split() == [word]


# Words as a person might type them: any printable character but whitespace.
word_chars = st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs"))
role_word = st.text(word_chars.filter(lambda c: c != "@"), min_size=1, max_size=12).filter(_no_space)
company_word = st.text(
    st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs"), blacklist_characters='"“”'),
    min_size=1,
    max_size=12,
).filter(_no_space)
# Company words that collide with the grammar, to exercise quoting.
tricky_company_word = st.sampled_from(["on", "via", "With", "#1", "!Kung", ">", "https://x.example", "@Home"])
tag = st.text(word_chars, min_size=1, max_size=10).filter(_no_space)
url = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}.example/{path}",
    st.sampled_from(["http", "https"]),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9/_?=&.-]{0,20}", fullmatch=True),
)


@st.composite
def captures(draw: st.DrawFn) -> Capture:
    stage = draw(st.sampled_from(STAGES))
    tags = draw(st.lists(tag, max_size=5, unique_by=str.casefold))
    return Capture(
        role=" ".join(draw(st.lists(role_word, min_size=1, max_size=5))),
        company=" ".join(draw(st.lists(company_word | tricky_company_word, min_size=1, max_size=5))),
        url=draw(st.just("") | url),
        source=draw(st.sampled_from(SOURCES)),
        tags=tags,
        blocked_channels=draw(st.sampled_from([[], ["phone"]])),
        follow_up_policy=draw(st.sampled_from(POLICIES)),
        stage=stage,
        applied_on=None if stage == "saved" else draw(st.dates(min_value=date(2000, 1, 1), max_value=TODAY)),
        contact_email=draw(st.none() | st.emails()),
    )


@settings(max_examples=300)
@given(captures())
def test_a_capture_written_as_a_line_reads_back_the_same(capture: Capture) -> None:
    line = to_line(capture)
    assert parse_capture(line, TODAY) == capture
    assert capture.to_application().title == f"{capture.role} @ {capture.company}"
