"""The composer pane (DESIGN.md §6): every key, driven with the Pilot, asserted on the
screen and on the store; plus the pane's pure helpers (tui/ui/composer_logic.py).

The demo board (tests/ui/conftest.py, clock pinned to 2026-11-27) has: Globex (16), a
thank-you due to Priya Raman (interviewer) by email; Umbrella Health (8), a follow-up to
a general HR inbox; Hooli (7), "let it be"; Black Mesa (10), a posting that asks for no
follow-ups.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import random
import stat
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.ui.conftest import settle
from tui.domain.config import Me, Settings
from tui.domain.models import Application, Contact, Template
from tui.followup.composer import placeholder_values
from tui.followup.composer_options import (
    as_template_text,
    channel_choices,
    default_channel,
    editor_text,
    eml_target,
    from_editor_text,
    profile_url,
    sent_event,
    template_menu,
    write_new_file,
)
from tui.io.demo import DEMO_DAY
from tui.io.outbox import parse_mailto
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.export import PathPrompt
from tui.ui.screens.pick import PickScreen
from tui.ui.widgets.composer_pane import ComposerPane

GLOBEX, UMBRELLA, HOOLI, BLACK_MESA, ACME = 16, 8, 7, 10, 4
PRIYA, MARCUS = 4, 5

# --- the pure helpers ------------------------------------------------------------------


def person(**kw) -> Contact:
    base = {"name": "Dana Scully", "id": 5, "email": "dana@acme.example", "role": "recruiter"}
    base.update(kw)
    return Contact(**base)


def job(**kw) -> Application:
    base = {"company": "Acme", "role": "Backend Engineer", "id": 1}
    base.update(kw)
    return Application(**base)


@pytest.mark.parametrize(
    ("contact", "blocked", "expected"),
    [
        # no contact: every message channel
        (None, [], [("email", False), ("linkedin", False), ("twitter", False)]),
        # only the channels the contact has an address on
        (person(), [], [("email", False)]),
        (person(linkedin="https://www.linkedin.com/in/dana", phone="+1 555"), [],
         [("email", False), ("linkedin", False), ("phone", False)]),
        # blocked ones are listed last, marked blocked
        (person(linkedin="https://www.linkedin.com/in/dana"), ["email"],
         [("linkedin", False), ("email", True)]),
        # an "email" without an @ is no address
        (person(email="not an address", twitter="@dana"), [], [("twitter", False)]),
    ],
)  # fmt: skip
def test_channel_choices(contact, blocked, expected):
    assert channel_choices(job(blocked_channels=blocked), contact, "") == expected


def test_channel_choices_always_lists_the_current_channel():
    assert channel_choices(job(), person(), "linkedin") == [("email", False), ("linkedin", False)]


def test_default_channel_follows_the_rules_then_the_best_allowed_channel():
    from tui.domain.models import NextAction

    dana = person(linkedin="https://www.linkedin.com/in/dana")
    action = NextAction("follow_up", contact_id=dana.id, channel="linkedin")
    assert default_channel(job(), dana, action) == "linkedin"  # the rules' pick for the rules' contact
    other = person(id=9, email="", linkedin="https://www.linkedin.com/in/x")
    assert default_channel(job(), other, action) == "linkedin"  # the finder's pick: its best channel
    assert default_channel(job(blocked_channels=["email"]), person(), None) == "linkedin"
    assert default_channel(job(), None, None) == "email"
    assert default_channel(job(blocked_channels=["email", "linkedin", "twitter"]), None, None) == "email"


def test_template_menu_puts_the_current_channel_and_the_suggested_kind_first():
    t = [
        Template("A email", "application_follow_up", "email", builtin=True),
        Template("T linkedin", "thank_you", "linkedin", builtin=True),
        Template("T email", "thank_you", "email", builtin=True),
        Template("A twitter", "application_follow_up", "twitter", builtin=True),
        Template("A linkedin", "application_follow_up", "linkedin", builtin=True),
    ]
    names = [x.name for x in template_menu(t, "linkedin", "thank_you")]
    assert names == ["T linkedin", "A linkedin", "T email", "A email", "A twitter"]


def test_as_template_text_turns_the_filled_values_back_into_placeholders():
    values = {
        "first_name": "Priya",
        "name": "Priya Raman",
        "company": "Globex",
        "role": "Senior Backend Engineer",
        "topics": "billing and on-call",
        "signature": "Best regards,\nAlex Doe",
        "my_name": "Alex Doe",
        "applied_on": "on November 3",
        "decision_on": "soon",  # a fallback word: prose, left alone
    }
    text = (
        "Hello Priya,\nI met Priya Raman at Globex (Globexia is another firm) about the "
        "Senior Backend Engineer role on November 3; we discussed billing and on-call. "
        "Hear from you soon.\n\nBest regards,\nAlex Doe"
    )
    assert as_template_text(text, values) == (
        "Hello {first_name},\nI met {name} at {company} (Globexia is another firm) about the "
        "{role} role {applied_on}; we discussed {topics}. Hear from you soon.\n\n{signature}"
    )


def test_as_template_text_never_rescans_a_replacement():
    # A company literally named "{role}" is replaced once, as a whole, by {company}.
    assert (
        as_template_text("at {role} as Dev", {"company": "{role}", "role": "Dev"}) == "at {company} as {role}"
    )


@pytest.mark.parametrize(
    ("kind", "event_kind"),
    [("thank_you", "thank_you_sent"), ("application_follow_up", "follow_up_sent"),
     ("interview_follow_up", "follow_up_sent"), ("check_in", "follow_up_sent"), ("withdraw", "note"),
     (None, "follow_up_sent")],
)  # fmt: skip
def test_sent_event_kind(kind, event_kind):
    ev = sent_event(3, kind, "linkedin", 7, date(2026, 11, 27), "hi")
    assert (ev.kind, ev.channel, ev.contact_id, ev.on, ev.application_id) == (
        event_kind,
        "linkedin",
        7,
        date(2026, 11, 27),
        3,
    )
    ev.check()  # a valid event


@pytest.mark.parametrize(
    ("text", "channel", "expected"),
    [
        ("Subject: New one\n\nBody\nmore\n", "email", ("New one", "Body\nmore")),
        ("subject:lower\nBody right after\n", "email", ("lower", "Body right after")),
        ("No subject line here\n", "email", ("old", "No subject line here")),
        ("Subject: only\n", "email", ("only", "")),
        ("\ufeffSubject: bom\r\n\r\nwin\r\n", "email", ("bom", "win")),
        ("Subject: stays body\n\nx\n", "linkedin", ("old", "Subject: stays body\n\nx")),
        ("", "email", ("old", "")),
    ],
)
def test_from_editor_text(text, channel, expected):
    assert from_editor_text(text, channel, "old") == expected


@pytest.mark.parametrize("channel", ["email", "linkedin"])
def test_editor_text_round_trips(channel):
    subject, body = "Thanks {x} 😀", "Hello,\n\n{{braces}} } {\n" + "y" * 10_000
    back = from_editor_text(editor_text(subject, body, channel), channel, "")
    assert back == ((subject if channel == "email" else ""), body)


def test_write_new_file_never_overwrites_and_is_private(tmp_path):
    first = write_new_file(tmp_path / "d.eml", b"one")
    second = write_new_file(tmp_path / "d.eml", b"two")
    assert (first.name, second.name) == ("d.eml", "d-2.eml")
    assert first.read_bytes() == b"one"
    assert stat.S_IMODE(second.stat().st_mode) == 0o600
    with pytest.raises(OSError):
        write_new_file(tmp_path / "missing" / "d.eml", b"x")


def test_eml_target(tmp_path):
    assert eml_target(str(tmp_path), Path("/nowhere"), "n.eml") == tmp_path / "n.eml"
    assert eml_target(str(tmp_path / "new") + "/", Path("/nowhere"), "n.eml") == tmp_path / "new" / "n.eml"
    assert eml_target(str(tmp_path / "mine"), Path("/nowhere"), "n.eml") == tmp_path / "mine.eml"
    assert eml_target(str(tmp_path / "a.txt"), Path("/nowhere"), "n.eml") == tmp_path / "a.txt"


@pytest.mark.parametrize(
    ("kw", "channel", "url"),
    [
        ({"linkedin": "https://www.linkedin.com/in/dana"}, "linkedin", "https://www.linkedin.com/in/dana"),
        ({"linkedin": "linkedin.com/in/dana"}, "linkedin", "https://linkedin.com/in/dana"),
        ({"linkedin": "dana"}, "linkedin", None),
        ({"twitter": "@dana_s"}, "twitter", "https://x.com/dana_s"),
        ({"twitter": "https://twitter.com/dana"}, "twitter", "https://twitter.com/dana"),
        ({}, "email", None),
    ],
)
def test_profile_url(kw, channel, url):
    assert profile_url(person(**kw), channel) == url


# --- driving the pane ---------------------------------------------------------------------


def SIGNED(tmp_path: Path) -> Settings:  # reads as a constant at the call site
    return Settings(path=tmp_path / "config.toml", me=Me(name="Alex Doe"))


async def open_card(app, pilot, app_id: int, *, focus: bool = True) -> ComposerPane:
    await pilot.pause()
    app.select_application(app_id)
    for _ in range(40):  # the card list posts Highlighted; under load it takes a few frames
        await pilot.pause()
        if app.selected_id == app_id:
            break
    assert app.selected_id == app_id
    if focus:
        app.screen.focus_pane(2)
        await pilot.pause()
    return app.screen.query_one(ComposerPane)


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def shown(pane: ComposerPane, selector: str) -> str:
    return str(pane.query_one(selector).render())


def warning_text(pane: ComposerPane) -> str:
    return shown(pane, "#composer-warnings")


async def test_card_selection_fills_the_draft_from_the_next_action(make_app, tmp_path):
    app = make_app(settings=SIGNED(tmp_path))  # signed: no "no signature" warning in the way
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        assert app.actions[GLOBEX].kind == "thank_you"
        assert "thank-you" in shown(pane, "#composer-title")
        assert "Priya Raman" in shown(pane, "#composer-to") and "interviewer" in shown(pane, "#composer-to")
        assert "email" in shown(pane, "#composer-via") and "priya@globex.example" in shown(
            pane, "#composer-via"
        )
        assert pane.subject_input.value == "Thank you for the Senior Backend Engineer interview"
        body = pane.body_area.text
        assert body.startswith("Hello Priya,")
        assert "event sourcing for billing, on-call culture and migrating from Celery to Temporal" in body
        assert "{" not in body
        assert "no warnings" in warning_text(pane)
        # The composer's keys are in the footer, with their descriptions.
        footer = {b.binding.key: b.binding.description for b in app.screen.active_bindings.values()}
        for key, words in (("ctrl+r", "Copy"), ("ctrl+o", "Mail"), ("ctrl+g", "Editor"), ("ctrl+f", ".eml"),
                           ("ctrl+s", "Sent"), ("ctrl+t", "Template"), ("ctrl+l", "Channel")):  # fmt: skip
            assert footer.get(key) == words


def test_every_composer_binding_has_an_id_and_a_tooltip():
    ids = {b.id: b.key for b in ComposerPane.BINDINGS}
    assert ids == {
        "composer.copy": "ctrl+r",
        "composer.open": "ctrl+o",
        "composer.editor": "ctrl+g",
        "composer.eml": "ctrl+f",
        "composer.sent": "ctrl+s",
        "composer.template": "ctrl+t",
        "composer.channel": "ctrl+l",
    }
    assert all(b.tooltip and b.description for b in ComposerPane.BINDINGS)


def test_composer_keys_are_not_editing_keys_of_textarea_or_input():
    from textual.widgets import Input, TextArea

    editing = set()
    for cls in (TextArea, Input):
        for b in cls.BINDINGS:
            editing |= set(b.key.split(","))
    mine = {k for b in ComposerPane.BINDINGS for k in b.key.split(",")}
    assert not mine & editing


async def test_umbrella_draft_warns_about_the_hr_inbox(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, UMBRELLA)
        assert pane.body_area.text.startswith("Hello there,")  # an inbox has no first name
        assert "general HR inbox" in shown(pane, "#composer-to")
        assert "replies from a general HR inbox are unlikely" in warning_text(pane)


async def test_moving_between_cards_shows_each_cards_own_warnings(make_app, tmp_path):
    app = make_app(settings=SIGNED(tmp_path))  # signed: no "no signature" warning in the way
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, UMBRELLA, focus=False)
        assert "HR inbox" in warning_text(pane)
        pane = await open_card(app, pilot, HOOLI, focus=False)  # nothing to send
        assert not pane.query_one("#composer-warnings-box").display
        pane = await open_card(app, pilot, GLOBEX, focus=False)
        assert warning_text(pane) == "✓ no warnings"
        assert pane.body_area.text.startswith("Hello Priya,")


async def test_warnings_update_as_you_type(make_app, tmp_path):
    app = make_app(settings=SIGNED(tmp_path))  # signed: no "no signature" warning in the way
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        pane.body_area.focus()
        await pilot.press(*"{oops}")
        await pilot.pause()
        assert "unknown placeholder {oops}" in warning_text(pane)
        await pilot.press(*["backspace"] * 6)
        await pilot.pause()
        assert "no warnings" in warning_text(pane)
        pane.subject_input.value = ""
        await pilot.pause()
        assert "the email has no subject" in warning_text(pane)


HOSTILE = [
    "{",
    "}",
    "{{}}",
    "{0.__class__}",
    "{first_name!r:>{width}}",
    "{ and }",
    "[bold]not markup[/] [link=x]y[/link] $accent",
    "😀" * 500,
    "👩‍👩‍👧‍👦🇫🇷\u200d\u0301",
    "\x00\x1b[31mred\x07\r\n\t",
    "x" * 10_000,
    ("word {unknown_thing} " * 700)[:10_000],
    "\ud800 lone surrogate",
    "",
]


async def test_hostile_text_never_crashes_the_pane(make_app):
    app = make_app()
    rng = random.Random(6)
    alphabet = "{}[]$\\/\n\t 😀é中\u200b<>&%abc_0"
    randoms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400))) for _ in range(25)]
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        pane.body_area.focus()
        await pilot.press(*"{}{{x}} 😀 {role")  # typed, key by key
        await pilot.pause()
        for text in [*HOSTILE, *randoms]:
            pane.body_area.text = text
            pane.subject_input.value = text[:200]
            await pilot.pause()
            assert pane._warnings is not None
            app.export_screenshot()  # rendering the whole screen must not raise
        pane.subject_input.value = "two\nlines"
        pane.body_area.text = "lone \ud800 surrogate"
        await pilot.press("ctrl+r", "ctrl+s")  # out to the terminal and into the store
        await settle(app, pilot)
        assert app.clipboard == "Subject: two lines\n\nlone ? surrogate"
        assert app.store.board().events[-1].text.endswith("lone ? surrogate")
        pane.body_area.text = "y" * 10_000
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.clipboard.endswith("y" * 10_000)
        assert "the message is empty" not in warning_text(pane)


async def test_copy_puts_subject_and_body_on_the_clipboard(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.clipboard == f"Subject: {pane.subject_input.value}\n\n{pane.body_area.text}"
        assert app.clipboard.startswith(
            "Subject: Thank you for the Senior Backend Engineer interview\n\nHello Priya,"
        )
        assert any("Copied" in n for n in notes(app))


async def test_open_hands_a_mailto_url_to_the_mail_client(make_app, monkeypatch):
    app = make_app()
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    monkeypatch.setattr("tui.ui.widgets.composer_pane.has_url_handler", lambda: True)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        pane.body_area.text += "\nP.S. 😀 & more"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert len(opened) == 1
        to, subject, body = parse_mailto(opened[0])
        assert (to, subject) == (
            "priya@globex.example",
            "Thank you for the Senior Backend Engineer interview",
        )
        assert body == pane.body_area.text


async def test_open_a_long_message_suggests_the_eml_instead(make_app, monkeypatch):
    app = make_app()
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    monkeypatch.setattr("tui.ui.widgets.composer_pane.has_url_handler", lambda: True)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        pane.body_area.text = "word " * 600
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert len(opened) == 1 and len(opened[0]) > 2_000
        assert any("ctrl+f saves an .eml draft instead" in n for n in notes(app))


async def test_open_on_linkedin_copies_and_opens_the_profile(make_app, monkeypatch):
    app = make_app()
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, ACME)  # Hal Jordan has email and LinkedIn
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        app.screen.dismiss("linkedin")
        await pilot.pause()
        assert "LinkedIn" in shown(pane, "#composer-via")
        assert not pane.subject_input.display  # no subject on LinkedIn
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert opened == ["https://www.linkedin.com/in/haljordan"]
        assert app.clipboard == pane.body_area.text


async def test_save_eml_asks_where_once_then_remembers_the_folder(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings(path=tmp_path / "config.toml", me=Me(name="Alex Doe", email="alex@example.org"))
    app = make_app(settings=settings)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        await pilot.press("ctrl+f")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PathPrompt)
        name = "2026-11-27-globex-senior-backend-engineer.eml"
        from tui.domain.paths import documents_folder

        assert prompt.value == str(documents_folder() / name)  # the documents folder (issue 21)
        prompt.dismiss(str(drafts))  # a folder: the default name goes in it
        await settle(app, pilot)
        written = drafts / name
        msg = email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
        assert msg["To"] == "Priya Raman <priya@globex.example>"
        assert msg["From"] == "Alex Doe <alex@example.org>"
        assert msg["Subject"] == pane.subject_input.value
        assert msg["X-Unsent"] == "1"
        assert msg.get_content().replace("\r\n", "\n").rstrip("\n") == pane.body_area.text
        assert any(str(written) in n for n in notes(app))  # says where it went
        assert app.settings.eml_dir == str(drafts)
        assert "eml_dir" in (tmp_path / "config.toml").read_text(encoding="utf-8")
        # The second time it goes straight to the folder, next to the first.
        await pilot.press("ctrl+f")
        await settle(app, pilot)
        assert not isinstance(app.screen, PathPrompt)
        assert (drafts / name.replace(".eml", "-2.eml")).exists()


async def test_save_eml_into_a_folder_that_is_gone_says_so_and_asks_next_time(make_app, tmp_path):
    settings = Settings(path=tmp_path / "config.toml", eml_dir=str(tmp_path / "gone"))
    app = make_app(settings=settings)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_card(app, pilot, GLOBEX)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)  # a remembered folder that no longer exists: ask
        app.screen.dismiss(str(tmp_path / "nope" / "x.eml"))
        await settle(app, pilot)
        assert any("Could not save the draft" in n for n in notes(app))
        assert not (tmp_path / "nope").exists()


async def test_mark_sent_logs_the_event_moves_the_next_action_and_undo_removes_it(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        before = len(app.store.board().events)
        sent_text = f"Subject: {pane.subject_input.value}\n\n{pane.body_area.text}"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        events = app.store.board().events
        assert len(events) == before + 1
        ev = events[-1]
        assert (ev.application_id, ev.kind, ev.channel, ev.contact_id, ev.on) == (
            GLOBEX,
            "thank_you_sent",
            "email",
            PRIYA,
            DEMO_DAY,
        )
        assert ev.text == sent_text
        assert app.actions[GLOBEX].kind != "thank_you"  # the next action moved on
        card = next(c for c in app.screen.board_view.card_list("interviewing").cards if c.app_id == GLOBEX)
        assert card.badge != "thank-you due"
        assert "thank-you" not in shown(pane, "#composer-title")  # a fresh draft for the next step
        app.action_undo()
        await settle(app, pilot)
        assert len(app.store.board().events) == before
        assert app.actions[GLOBEX].kind == "thank_you"


async def test_mark_sent_to_the_finders_choice_with_edited_text(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        app.recipient_id = MARCUS  # chosen in the finder
        await pilot.pause()
        pane.body_area.text = pane.body_area.text.replace("Hello Marcus,", "Dear Marcus,")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        ev = app.store.board().events[-1]
        assert (ev.contact_id, ev.kind) == (MARCUS, "thank_you_sent")
        assert "Dear Marcus," in ev.text
        assert not any("Kept your edited text" in n for n in notes(app))  # the reload is not a change
        assert "Dear Marcus" not in pane.body_area.text  # a fresh draft for the next step


async def test_mark_sent_on_a_follow_up_logs_follow_up_sent(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await open_card(app, pilot, ACME)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        ev = app.store.board().events[-1]
        assert (ev.application_id, ev.kind, ev.contact_id) == (ACME, "follow_up_sent", 1)
        assert app.actions[ACME].due > DEMO_DAY


@pytest.fixture
def blocked_card(demo_store):
    """A card whose posting blocks email; its contact has email and LinkedIn."""
    ada = demo_store.add_contact(
        Contact(
            name="Ada Lovelace",
            company="Contoso",
            role="hiring_manager",
            email="ada@contoso.example",
            linkedin="https://www.linkedin.com/in/ada",
        )
    )
    app = demo_store.add_application(
        Application(
            company="Contoso",
            role="Compiler Engineer",
            blocked_channels=["email"],
            applied_on=DEMO_DAY - timedelta(days=10),
            contact_ids=[ada.id],
        )
    )
    return app.id, ada.id


async def test_a_blocked_channel_needs_an_explicit_yes_that_says_why(make_app, blocked_card):
    app_id, ada = blocked_card
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, app_id)
        assert "LinkedIn" in shown(pane, "#composer-via")  # the rules never pick a blocked channel
        await pilot.press("ctrl+l")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickScreen)
        labels = dict(picker.choices)
        assert "blocked by the posting" in labels["email"]
        picker.dismiss("email")
        await pilot.pause()
        assert "blocked by the posting" in shown(pane, "#composer-via")
        assert "the posting asks not to be contacted by email" in warning_text(pane)
        before = len(app.store.board().events)
        await pilot.press("ctrl+s")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "the posting asks not to be contacted by email" in confirm.detail.lower()
        await pilot.press("n")
        await settle(app, pilot)
        assert len(app.store.board().events) == before  # no: nothing logged
        for key in ("ctrl+r", "ctrl+f", "ctrl+o"):  # every way out asks too
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen), key
            await pilot.press("escape")
            await pilot.pause()
        assert app.clipboard == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        ev = app.store.board().events[-1]
        assert (ev.application_id, ev.channel, ev.contact_id, ev.kind) == (
            app_id,
            "email",
            ada,
            "follow_up_sent",
        )


async def test_a_posting_that_asks_for_no_follow_ups(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, BLACK_MESA)
        notice = shown(pane, "#composer-notice")
        assert "Nothing to send" in notice and "asks applicants not to follow up" in notice
        assert not pane.body_area.display
        await pilot.press("ctrl+t")  # still lets the user pick a template
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickScreen)
        value = next(v for v, label in picker.choices if label.startswith("Application follow-up (email)"))
        picker.dismiss(value)
        await pilot.pause()
        assert pane.body_area.display
        assert "the posting asks applicants not to follow up" in warning_text(pane)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "asks applicants not to follow up" in app.screen.detail
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("Subject: ")
        await pilot.press("ctrl+s")  # confirmed once for this card and channel: not asked again
        await settle(app, pilot)
        assert app.store.board().events[-1].application_id == BLACK_MESA


async def test_let_it_be_says_so_plainly_and_ctrl_t_still_picks_a_template(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, HOOLI)
        assert app.actions[HOOLI].kind == "let_go"
        notice = shown(pane, "#composer-notice")
        assert "Nothing to send" in notice and "give it time" in notice and "ctrl+t" in notice
        # Keys that need a draft are shown but disabled; ctrl+t works.
        assert pane.check_action("copy", ()) is None
        assert pane.check_action("pick_template", ()) is True
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not any(e.application_id == HOOLI and e.on == DEMO_DAY for e in app.store.board().events)
        await pilot.press("ctrl+t")
        await pilot.pause()
        picker = app.screen
        value = next(v for v, label in picker.choices if label.startswith("Withdraw application (email)"))
        picker.dismiss(value)
        await pilot.pause()
        assert "withdrawal" in shown(pane, "#composer-title")
        assert "Staff Backend Engineer" in pane.body_area.text


async def test_ctrl_t_changes_the_template(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        await pilot.press("ctrl+t")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickScreen)
        labels = [label for _v, label in picker.choices]
        assert labels[0].startswith("Interview thank-you (email)")  # current channel, suggested kind
        assert all("(email)" in label for label in labels[:5])
        assert any("Save this text as my template" in label for label in labels)
        await pilot.press("down", "down", "enter")  # the third email template
        await pilot.pause()
        assert app.screen is not picker
        title = shown(pane, "#composer-title")
        assert "thank-you" not in title
        assert not pane.body_area.text.startswith("Thank you for taking the time")


async def test_changing_the_template_after_editing_asks_first(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        pane.body_area.text = "my own words"
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert pane.body_area.text == "my own words"


def fake_editor(tmp_path: Path, script: str) -> str:
    path = tmp_path / "fake-editor.py"
    path.write_text(script, encoding="utf-8")
    return f"{sys.executable} {path}"


async def test_editor_round_trip(make_app, tmp_path, monkeypatch):
    editor = fake_editor(
        tmp_path,
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "text = p.read_text(encoding='utf-8')\n"
        "text = text.replace('Subject: Thank you', 'Subject: Many thanks', 1)\n"
        "p.write_text(text + 'P.S. edited in the editor 😀\\n', encoding='utf-8')\n",
    )
    monkeypatch.setenv("VISUAL", editor)
    app = make_app()
    suspended: list[bool] = []

    @contextlib.contextmanager
    def fake_suspend():
        suspended.append(True)
        yield

    monkeypatch.setattr(app, "suspend", fake_suspend)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        body = pane.body_area.text
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert suspended == [True]
        assert pane.subject_input.value == "Many thanks for the Senior Backend Engineer interview"
        assert pane.body_area.text == body + "\nP.S. edited in the editor 😀"
        assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("followup-draft-*"))  # cleaned up
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.clipboard.endswith("P.S. edited in the editor 😀")


async def test_editor_that_fails_leaves_the_draft_alone(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv(
        "VISUAL", fake_editor(tmp_path, "import sys\nopen(sys.argv[1], 'w').write('x')\nsys.exit(3)\n")
    )
    app = make_app()
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        body = pane.body_area.text
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert pane.body_area.text == body
        assert any("exited with status 3" in n for n in notes(app))


async def test_editor_where_the_terminal_cannot_suspend_says_so(make_app, monkeypatch):
    monkeypatch.setenv("VISUAL", "true")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:  # the headless driver cannot suspend
        pane = await open_card(app, pilot, GLOBEX)
        body = pane.body_area.text
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert pane.body_area.text == body
        assert any("can't hand over to an editor" in n for n in notes(app))


async def test_recipient_from_the_finder_changes_the_draft(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        app.recipient_id = MARCUS  # what the finder does when the user chooses a contact
        await pilot.pause()
        assert "Marcus Lee" in shown(pane, "#composer-to")
        assert pane.body_area.text.startswith("Hello Marcus,")
        # Once edited, the text is kept and the user is told.
        pane.body_area.text = "Dear Marcus, my own words"
        await pilot.pause()
        app.recipient_id = PRIYA
        await pilot.pause()
        assert "Priya Raman" in shown(pane, "#composer-to")
        assert pane.body_area.text == "Dear Marcus, my own words"
        assert any("Kept your edited text" in n for n in notes(app))


async def test_no_recipient_warns(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        app.recipient_id = None
        await pilot.pause()
        assert "nobody yet" in shown(pane, "#composer-to")
        assert "no recipient" in warning_text(pane)


async def test_a_reload_keeps_the_users_edits(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        pane.body_area.text = "half-written {draft}"
        await pilot.pause()
        app.reload_now(GLOBEX)  # what a write or another process's change does
        await settle(app, pilot)
        assert pane.body_area.text == "half-written {draft}"
        assert "unknown placeholder {draft}" in warning_text(pane)


async def test_typing_board_keys_in_the_composer_types_them(make_app):
    from tui.ui.screens.main import MainScreen

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        pane.body_area.focus()
        pane.body_area.text = ""
        await pilot.press(*"asxdzu/", "enter", "H", "L")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.maximized is None
        assert pane.body_area.text == "asxdzu/\nHL"
        assert app.store.board().application_by_id[GLOBEX].stage == "interviewing"


async def test_subject_and_body_are_reached_with_the_arrow_keys(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        assert pane.subject_input.has_focus  # tab into the composer lands on the first field

        async def press(*keys: str) -> None:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()

        await press("down")
        assert pane.body_area.has_focus
        await press("down", "up")
        assert pane.body_area.has_focus and pane.body_area.cursor_location == (0, 0)
        await press("up")  # up on the first line
        assert pane.subject_input.has_focus
        await press("enter")
        assert pane.body_area.has_focus
        await press("tab")  # tab still moves between the three panes
        assert app.screen._pane_of(app.focused) == 0


async def test_save_as_my_template_then_reset_it(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, GLOBEX)
        pane.body_area.text = pane.body_area.text.replace(
            "I look forward to hearing about the next steps.", "Talk soon, Priya!"
        )
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("end", "enter")  # "Save this text as my template…"
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PathPrompt)
        assert prompt.value == "Interview thank-you (email)"
        await pilot.press("enter")
        await settle(app, pilot)
        saved = [t for t in app.store.board().templates if t.name == "Interview thank-you (email)"]
        assert len(saved) == 1
        mine = saved[0]
        assert (mine.kind, mine.channel, mine.builtin) == ("thank_you", "email", False)
        assert mine.subject == "Thank you for the {role} interview"
        assert mine.body.startswith("Hello {first_name},")
        assert "Talk soon, {first_name}!" in mine.body
        assert "{topics}" in mine.body and "{company}" in mine.body
        assert "your template" in shown(pane, "#composer-title")
        # It fills in for another recipient.
        app.recipient_id = MARCUS
        await pilot.pause()
        assert "Talk soon, Marcus!" in pane.body_area.text
        # Reset: the user's version goes, the shipped one comes back; undo restores it.
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert not app.store.board().templates
        assert "Talk soon" not in pane.body_area.text
        app.action_undo()
        await settle(app, pilot)
        assert [t.name for t in app.store.board().templates] == ["Interview thank-you (email)"]


async def test_marking_a_withdrawal_sent_logs_a_note_and_offers_to_close(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_card(app, pilot, ACME)
        await pilot.press("ctrl+t")
        await pilot.pause()
        picker = app.screen
        picker.dismiss(
            next(v for v, label in picker.choices if label.startswith("Withdraw application (email)"))
        )
        await pilot.pause()
        assert "withdrawal" in shown(pane, "#composer-title")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        ev = app.store.board().events[-1]
        assert (ev.kind, ev.application_id) == ("note", ACME)
        assert ev.text.startswith("Withdrawal sent:")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        stored = app.store.board().application_by_id[ACME]
        assert (stored.stage, stored.outcome) == ("closed", "withdrawn")


async def test_no_card_selected(tmp_path):
    from tui.store.repository import Store
    from tui.ui.app import FollowupApp

    app = FollowupApp(Store(tmp_path / "empty.json"), Settings(path=tmp_path / "c.toml"))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(ComposerPane)
        assert "No card selected" in shown(pane, "#composer-notice")
        pane.focus()
        for key in ("ctrl+r", "ctrl+o", "ctrl+g", "ctrl+f", "ctrl+s", "ctrl+t", "ctrl+l"):
            await pilot.press(key)
        await pilot.pause()
        assert app.clipboard == ""


def test_placeholder_values_used_for_templates_are_the_domains():
    # The pane turns drafts back into templates with the domain's own values.
    from tui.followup.composer import ComposeContext

    ctx = ComposeContext(job(), person(), "email", Me(name="Alex"), DEMO_DAY)
    values = placeholder_values(ctx)
    assert as_template_text(f"Hi {values['first_name']} at {values['company']}", values) == (
        "Hi {first_name} at {company}"
    )
