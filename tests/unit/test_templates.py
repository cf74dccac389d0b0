"""Template files: the shipped defaults, the file format, and user overrides (DESIGN.md §6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.config import Me
from tui.domain.errors import InputError
from tui.domain.models import TEMPLATE_KINDS, Application, Contact, Event, Template
from tui.followup.composer import ComposeContext, render, tweet_length
from tui.followup.templates import (
    DEFAULTS_DIR,
    TemplateFileError,
    format_template_file,
    load_default_templates,
    load_templates_dir,
    merged_templates,
    parse_template_file,
)

TODAY = date(2024, 11, 20)


def typical_context(channel: str) -> ComposeContext:
    """Typical, slightly long values: what a real card holds."""
    app = Application(
        company="Northwind Traders",
        role="Senior Backend Engineer",
        id=1,
        applied_on=date(2024, 11, 3),
        interview_topics=["the event-sourcing migration", "on-call for the payments API"],
    )
    contact = Contact(
        name="Priya Raman",
        id=7,
        email="priya.raman@northwind.example",
        linkedin="https://www.linkedin.com/in/priya-raman",
        twitter="@priyaraman",
        relationship="casual",
    )
    events = [Event(1, "applied", date(2024, 11, 3)), Event(1, "interview", date(2024, 11, 18))]
    return ComposeContext(app, contact, channel, Me(name="Alexandra Morgan-Whitfield"), TODAY, events)


# --- the shipped defaults ---------------------------------------------------------------


def test_every_default_file_parses() -> None:
    files = sorted(DEFAULTS_DIR.glob("*.txt"))
    assert len(files) >= 15
    for path in files:
        t = parse_template_file(path.read_text(encoding="utf-8"), path.name)
        assert t.body.strip(), path.name
    templates, problems = load_templates_dir(DEFAULTS_DIR)
    assert problems == []
    assert len(templates) == len(files)


def test_defaults_are_builtin_without_ids_and_uniquely_named() -> None:
    templates = load_default_templates()
    assert all(t.builtin and t.id is None for t in templates)
    names = [t.name.casefold() for t in templates]
    assert len(names) == len(set(names))


def test_defaults_cover_every_kind_on_email_linkedin_and_twitter() -> None:
    have = {(t.kind, t.channel) for t in load_default_templates()}
    for kind in TEMPLATE_KINDS:
        for channel in ("email", "linkedin", "twitter"):
            assert (kind, channel) in have, (kind, channel)


def test_email_defaults_have_a_subject_and_the_others_are_body_only() -> None:
    for t in load_default_templates():
        if t.channel == "email":
            assert t.subject.strip(), t.name
        else:
            assert t.subject == "", t.name


def test_load_default_templates_returns_copies() -> None:
    first = load_default_templates()
    first[0].body = "changed"
    assert load_default_templates()[0].body != "changed"


@pytest.mark.parametrize("template", load_default_templates(), ids=lambda t: t.name)
def test_default_fills_without_unknown_placeholders_and_within_limits(template: Template) -> None:
    draft = render(template, typical_context(template.channel))
    assert draft.unknown_placeholders == []
    assert "{" not in draft.body and "}" not in draft.body
    if template.channel == "twitter":
        assert tweet_length(draft.body) <= 280
    if template.channel == "linkedin":
        assert len(draft.body) <= 1900  # an InMail body
        email = next(t for t in load_default_templates() if t.kind == template.kind and t.channel == "email")
        assert len(draft.body) < len(render(email, typical_context("email")).body)  # shorter than the email
    if template.kind == "application_follow_up":
        assert len(draft.body.split()) <= 150  # the seed: keep it brief
    if template.channel == "email":
        assert len(draft.subject) <= 78


def _by(kind: str, channel: str) -> Template:
    return next(t for t in load_default_templates() if t.kind == kind and t.channel == channel)


@pytest.mark.parametrize("channel", ["email", "linkedin", "twitter"])
def test_application_follow_up_follows_the_seed(channel: str) -> None:
    # Brief, restates interest, asks about new developments or news in the hiring process.
    body = _by("application_follow_up", channel).body.lower()
    assert "{role}" in body and "{company}" in body
    assert "interested" in body or "excited" in body
    assert "new developments" in body or "any news" in body


@pytest.mark.parametrize("channel", ["email", "linkedin"])
def test_post_interview_follow_up_goes_into_detail(channel: str) -> None:
    # Thanks for the conversation, the key topics, looks forward to hearing about the process.
    t = _by("interview_follow_up", channel)
    body = t.body.lower()
    assert "{topics}" in body
    assert "appreciated" in body or "thank" in body
    assert "look forward to hearing" in body
    assert len(body.split()) > len(_by("application_follow_up", channel).body.split())


# --- the file format ----------------------------------------------------------------------


def test_parse_reads_header_and_body() -> None:
    text = (
        "name: Nudge\nkind: check_in\nchannel: linkedin\nsubject: Hi: {role}\n\nLine one\n\nLine {company}\n"
    )
    t = parse_template_file(text, "ignored.txt")
    assert (t.name, t.kind, t.channel, t.subject) == ("Nudge", "check_in", "linkedin", "Hi: {role}")
    assert t.body == "Line one\n\nLine {company}"


def test_parse_tolerates_crlf_bom_comments_and_missing_channel() -> None:
    text = "\ufeff# my template\r\nkind: withdraw\r\n\r\nBye\r\nnow"
    t = parse_template_file(text, "bye.txt")
    assert t.name == "bye.txt"  # the hint names it
    assert t.channel == "email"
    assert t.body == "Bye\nnow"


def test_header_only_file_has_an_empty_body() -> None:
    t = parse_template_file("name: x\nkind: thank_you", "")
    assert t.body == ""


@pytest.mark.parametrize(
    ("text", "hint", "needle"),
    [
        ("name: x\n\nbody", "a.txt", "kind"),
        ("name: x\nkind: nagging\n\nbody", "a.txt", "nagging"),
        ("name: x\nkind: thank_you\nchannel: fax\n\nbody", "a.txt", "fax"),
        ("name: x\nkind: thank_you\nfrom: me\n\nbody", "a.txt", "line 3"),
        ("name: x\nname: y\nkind: thank_you\n\nbody", "a.txt", "twice"),
        ("Hello Dana,\nhow are you\n\nbody", "a.txt", "line 1"),
        ("kind: thank_you\n\nbody", "", "name"),
        ("", "a.txt", "kind"),
        ("name: x\nkind: thank_you\n: value\n\nbody", "a.txt", "line 3"),
    ],
)
def test_bad_header_gives_a_clear_error(text: str, hint: str, needle: str) -> None:
    with pytest.raises(TemplateFileError) as info:
        parse_template_file(text, hint)
    assert needle in str(info.value)
    assert isinstance(info.value, InputError) and isinstance(info.value, ValueError)
    if hint:
        assert hint in str(info.value)


_line = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200)
@given(
    name=_line.filter(lambda s: s.strip()),
    kind=st.sampled_from(TEMPLATE_KINDS),
    channel=st.sampled_from(("email", "linkedin", "twitter", "phone")),
    subject=_line,
    body=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
)
def test_format_then_parse_round_trips(name: str, kind: str, channel: str, subject: str, body: str) -> None:
    t = Template(name=name, kind=kind, channel=channel, subject=subject, body=body)
    back = parse_template_file(format_template_file(t), "hint")
    assert back.name == " ".join(name.split())
    assert (back.kind, back.channel) == (kind, channel)
    assert back.subject == " ".join(subject.split())
    # Only line endings are normalised, and trailing newlines dropped.
    assert back.body == body.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


def test_load_templates_dir_reports_bad_files_and_keeps_good_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("name: Good\nkind: thank_you\n\nThanks", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("name: Bad\n\nno kind", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "README.md").write_text("not a template", encoding="utf-8")
    templates, problems = load_templates_dir(tmp_path)
    assert [t.name for t in templates] == ["Good"]
    assert len(problems) == 2
    assert any("bad.txt" in p for p in problems) and any("binary.txt" in p for p in problems)
    assert load_templates_dir(tmp_path / "missing")[0] == []


# --- user overrides --------------------------------------------------------------------------


def test_user_template_overrides_the_default_of_the_same_name() -> None:
    defaults = [
        Template(name="Thank you (email)", kind="thank_you", body="default", builtin=True),
        Template(name="Withdraw (email)", kind="withdraw", body="default", builtin=True),
    ]
    mine = [
        Template(name="  thank YOU   (email) ", kind="thank_you", body="mine", id=3),
        Template(name="Coffee chat", kind="check_in", body="mine too", id=4),
    ]
    merged = merged_templates(mine, defaults)
    assert [(t.name.strip(), t.body) for t in merged] == [
        ("thank YOU   (email)", "mine"),
        ("Withdraw (email)", "default"),
        ("Coffee chat", "mine too"),
    ]


def test_merged_without_user_templates_is_the_defaults() -> None:
    defaults = load_default_templates()
    assert merged_templates([], defaults) == defaults
