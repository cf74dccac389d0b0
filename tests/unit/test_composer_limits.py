"""The composer's limits from the etiquette sources (issue 16); its per-interviewer thank-you (19)."""

from __future__ import annotations

from datetime import date

import pytest

from tui.domain.config import Me, load_settings
from tui.domain.models import Application, Contact, Event, Template
from tui.followup.composer import ComposeContext, Draft, render, warnings

TODAY = date(2026, 12, 4)  # a Friday
APP = Application(id=1, company="Acme", role="Backend Engineer", applied_on=date(2026, 11, 1))
JANE = Contact(id=7, name="Jane Doe", email="jane.doe@acme.example", company="Acme")
OMAR = Contact(id=8, name="Omar Diaz", email="omar@acme.example", company="Acme")


def ctx(channel: str = "email", me: Me | None = None, contact: Contact = JANE, events=()) -> ComposeContext:
    return ComposeContext(APP, contact, channel, me or Me(name="Sam"), TODAY, events=list(events))


def codes(draft: Draft, c: ComposeContext) -> dict[str, str]:
    return {w.code: w.message for w in warnings(draft, c)}


@pytest.mark.parametrize(("words", "warned"), [(100, False), (180, False), (181, True), (250, True)])
def test_a_thank_you_is_kept_to_about_180_words(words: int, warned: bool) -> None:
    got = codes(Draft("Thank you", " ".join(["word"] * words), kind="thank_you"), ctx())
    assert ("too_long_kind" in got) is warned
    if warned:
        assert got["too_long_kind"] == f"{words} words: keep a thank you under 180"


@pytest.mark.parametrize(("length", "warned"), [(50, False), (60, False), (61, True), (78, True)])
def test_a_subject_gets_a_soft_warning_past_60_characters(length: int, warned: bool) -> None:
    ws = [
        w
        for w in warnings(Draft("s" * length, "Hello", kind="thank_you"), ctx())
        if w.code == "subject_too_long"
    ]
    assert bool(ws) is warned
    if warned:
        assert ws[0].severity == "warn"
        assert ws[0].message == f"the subject is {length} characters: a phone's inbox shows about 60"


@pytest.mark.parametrize(
    ("length", "premium", "warned"),
    [(200, False, False), (201, False, True), (300, True, False), (301, True, True), (250, True, False)],
)
def test_a_linkedin_connection_note(length: int, premium: bool, warned: bool) -> None:
    me = Me(name="Sam", linkedin_premium=premium)
    got = codes(Draft("", "x" * length, kind="thank_you"), ctx("linkedin", me))
    assert ("too_long_channel" in got) is warned
    if warned:
        limit, account = (300, "with Premium") if premium else (200, "on a free account")
        assert f"a connection request's note holds {limit} {account}" in got["too_long_channel"]


def test_linkedin_premium_is_a_setting(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[me]\nname = 'Sam'\nlinkedin_premium = true\n", encoding="utf-8")
    settings = load_settings(config)
    assert settings.problems == []
    assert settings.me.linkedin_premium is True
    config.write_text(
        "[me]\nlinkedin_premium = 'yes'\n[cadence]\nfollow_up_again_days = true\n", encoding="utf-8"
    )
    settings = load_settings(config)
    assert settings.me.linkedin_premium is False and settings.cadence.follow_up_again_days == 14
    assert len(settings.problems) == 2
    assert "linkedin_premium should be bool" in settings.problems[0]
    assert "follow_up_again_days should be int, got True" in settings.problems[1]


THANKS = Template(
    name="t",
    kind="thank_you",
    subject="Thank you, {first_name}",
    body="Hi {first_name}, thanks for {topics}.",
)


def test_the_thank_you_draft_names_the_interviewer_and_the_rounds_topics() -> None:
    events = [
        Event(id=1, application_id=1, kind="interview", on=date(2026, 11, 20), contact_id=8,
              topics=["the team's roadmap"]),
        Event(id=2, application_id=1, kind="interview", on=date(2026, 12, 4), contact_id=7, contact_ids=[8],
              round="onsite", topics=["API design", "on-call"]),
    ]  # fmt: skip
    jane = render(THANKS, ctx(contact=JANE, events=events))
    assert (jane.subject, jane.body) == ("Thank you, Jane", "Hi Jane, thanks for API design and on-call.")
    # Omar was at both rounds: the latest one he was at is the one to thank him for.
    omar = render(THANKS, ctx(contact=OMAR, events=events))
    assert omar.body == "Hi Omar, thanks for API design and on-call."
    # Without topics on the interview, the application's own are used.
    bare = [Event(id=3, application_id=1, kind="interview", on=date(2026, 12, 4), contact_id=7)]
    with_topics = ComposeContext(
        Application(id=1, company="Acme", role="Eng", interview_topics=["Rust"]), JANE, "email", Me(), TODAY,
        events=bare,
    )  # fmt: skip
    assert render(THANKS, with_topics).body == "Hi Jane, thanks for Rust."


def test_mark_sent_thanks_one_interviewer_and_the_composer_offers_the_next() -> None:
    from tui.domain.board import Board
    from tui.followup.composer_options import sent_event
    from tui.followup.rules import next_action

    interview = Event(id=1, application_id=1, kind="interview", on=TODAY, contact_id=7, contact_ids=[8],
                      round="onsite", topics=["API design"])  # fmt: skip
    events = [interview]
    drafted = []
    for _ in range(2):
        board = Board(applications=[APP], contacts=[JANE, OMAR], events=list(events))
        action = next_action(APP, board, TODAY)
        assert action.kind == "thank_you"
        contact = board.contact_by_id[action.contact_id]
        context = ComposeContext(APP, contact, action.channel, Me(), TODAY, list(events), action)
        draft = render(THANKS, context)
        drafted.append(draft.body)
        sent = sent_event(1, draft.kind, action.channel, contact.id, TODAY, draft.body)
        events.append(sent.with_changes(id=len(events) + 1))
    assert drafted == ["Hi Jane, thanks for API design.", "Hi Omar, thanks for API design."]
    assert [e.contact_id for e in events if e.kind == "thank_you_sent"] == [7, 8]
    board = Board(applications=[APP], contacts=[JANE, OMAR], events=events)
    assert next_action(APP, board, TODAY).kind == "follow_up"  # both thanked
