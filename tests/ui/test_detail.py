"""The application detail screen (DESIGN.md §1, §2): every field editable with validation,
the timeline of events, logging an event, and reading a pasted posting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from tests.ui.conftest import settle
from tui.io.demo import DEMO_DAY
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.event_form import EventFormScreen
from tui.ui.widgets.posting_review import PostingReviewScreen
from tui.ui.widgets.timeline import Timeline

SIZE = (160, 45)
ACME = 4  # demo: Backend Engineer @ Acme Robotics, applied, contacts Hal Jordan (1) and Acme Careers (3)
GLOBEX = 16  # demo: Senior Backend Engineer @ Globex, interviewing, an interview yesterday


async def open_detail(app, pilot, app_id: int) -> DetailScreen:
    app.select_application(app_id)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, DetailScreen)
    return screen


async def retype(pilot, widget: Input, text: str) -> None:
    widget.focus()
    widget.value = ""
    await pilot.pause()
    await pilot.press(*text) if text else None
    await pilot.pause()


def shown(widget: Static) -> str:
    return str(widget.render()) if widget.display else ""


def stored(app, app_id: int):
    return app.store.board().application_by_id[app_id]


async def test_enter_on_the_board_opens_the_selected_application(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        assert screen.app_id == ACME
        assert screen.query_one("#f-company", Input).value == "Acme Robotics"
        assert screen.query_one("#f-role", Input).value == "Backend Engineer"
        assert screen.query_one("#f-stage", Select).value == "applied"
        # the next action from the rules sits on top
        next_text = str(screen.query_one("#detail-next", Static).render())
        assert next_text.startswith("Next: Follow up")
        assert app.actions[ACME].reason in next_text
        # the attached contacts are listed, read-only
        contacts = str(screen.query_one("#contacts", Static).render())
        assert "Hal Jordan" in contacts and "Acme Careers" in contacts


@pytest.mark.parametrize("size", [(160, 45), (80, 24)])
async def test_every_field_can_be_scrolled_into_view(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_detail(app, pilot, ACME)
        form = screen.query_one("#detail-form")
        form.scroll_end(animate=False)
        await pilot.pause()
        for selector in ("#f-posting_text", "#read-posting", "#contacts"):
            widget = screen.query_one(selector)
            assert form.region.overlaps(widget.region), selector  # on screen, not cut off below


async def test_edit_a_field_and_save_writes_the_store(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await retype(pilot, screen.query_one("#f-role", Input), "Staff Backend Engineer")
        await retype(pilot, screen.query_one("#f-tags", Input), "remote, #python, remote,, {x}")
        screen.query_one("#f-interview_topics", TextArea).load_text("billing\n\n  queues  \n")
        assert screen.dirty
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = stored(app, ACME)
        assert saved.role == "Staff Backend Engineer"
        assert saved.tags == ["remote", "python", "{x}"]
        assert saved.interview_topics == ["billing", "queues"]
        assert saved.contact_ids == [1, 3]  # fields the form does not show are kept
        assert not screen.dirty
        assert isinstance(app.screen, DetailScreen)  # saving stays on the screen


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("applied_on", "2026-02-30"),
        ("decision_expected_on", "next week"),
        ("snoozed_until", "31/12/2026"),
    ],
)
async def test_a_wrong_date_is_explained_under_the_field_and_nothing_is_saved(make_app, field, typed) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        before = stored(app, ACME).to_dict()
        await retype(pilot, screen.query_one("#f-role", Input), "Changed Role")
        await retype(pilot, screen.query_one(f"#f-{field}", Input), typed)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        error = shown(screen.query_one(f"#err-{field}", Static))
        assert "is not a date" in error and "YYYY-MM-DD" in error
        assert screen.query_one(f"#label-{field}").has_class("-invalid")
        assert stored(app, ACME).to_dict() == before
        assert isinstance(app.screen, DetailScreen)


async def test_a_wrong_date_is_flagged_when_leaving_the_field(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await retype(pilot, screen.query_one("#f-applied_on", Input), "2026-02-30")
        assert shown(screen.query_one("#err-applied_on", Static)) == ""  # not while typing
        await pilot.press("tab")
        await pilot.pause()
        assert "is not a date" in shown(screen.query_one("#err-applied_on", Static))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("tomorrow", date(2026, 11, 28)), ("today", DEMO_DAY), ("2026-12-24", date(2026, 12, 24)), ("", None)],
)
async def test_relative_dates_are_saved_as_the_day_they_mean(make_app, typed, expected) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await retype(pilot, screen.query_one("#f-snoozed_until", Input), typed or "2026-12-01")
        if not typed:
            await retype(pilot, screen.query_one("#f-snoozed_until", Input), "")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert stored(app, ACME).snoozed_until == expected


async def test_an_empty_company_is_refused_with_a_message(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await retype(pilot, screen.query_one("#f-company", Input), "   ")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "must not be empty" in shown(screen.query_one("#err-company", Static))
        assert stored(app, ACME).company == "Acme Robotics"


async def test_a_too_long_note_gets_the_models_message_under_notes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        screen.query_one("#f-notes", TextArea).load_text("x" * 100_001)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "over the 100,000 limit" in shown(screen.query_one("#err-notes", Static))
        assert stored(app, ACME).notes != "x" * 100_001


async def test_any_text_is_saved_as_typed_and_never_read_as_markup(make_app) -> None:
    app = make_app()
    text = "[bold]{first_name}[/] 🎉 *émoji* ${x} \\[not markup]"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        screen.query_one("#f-notes", TextArea).load_text(text)
        await retype(pilot, screen.query_one("#f-company", Input), "[red]Acme[/red] {co}")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = stored(app, ACME)
        assert saved.notes == text
        assert saved.company == "[red]Acme[/red] {co}"
        assert "[red]Acme[/red] {co}" in screen.sub_title


async def test_closing_from_the_stage_field_records_a_stage_change(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        outcome = screen.query_one("#f-outcome", Select)
        assert outcome.disabled  # only meaningful when closed
        screen.query_one("#f-stage", Select).value = "closed"
        await pilot.pause()
        assert not outcome.disabled
        outcome.value = "rejected"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = stored(app, ACME)
        assert (saved.stage, saved.outcome) == ("closed", "rejected")
        changes = [e for e in app.store.board().events_for(ACME) if e.kind == "stage_changed"]
        assert changes and "applied → closed" in changes[-1].text


@pytest.mark.parametrize(
    ("app_id", "stage", "applied_on", "expected_applied_on"),
    [
        (1, "applied", "", DEMO_DAY),  # saved → applied, blank day: the move fills in today
        (1, "applied", "2026-11-20", date(2026, 11, 20)),  # a typed day wins
        (ACME, "saved", "", None),  # back to saved with the day cleared: it stays cleared
    ],
)
async def test_a_stage_change_from_the_form_is_a_move(
    make_app, app_id, stage, applied_on, expected_applied_on
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_detail(app_id)
        await pilot.pause()
        screen = app.screen
        old_stage = stored(app, app_id).stage
        screen.query_one("#f-stage", Select).value = stage
        screen.query_one("#f-applied_on", Input).value = applied_on
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = stored(app, app_id)
        assert (saved.stage, saved.applied_on) == (stage, expected_applied_on)
        moves = [e.text for e in app.store.board().events_for(app_id) if e.kind == "stage_changed"]
        assert f"{old_stage} → {stage}" in moves


async def test_reopening_clears_the_outcome(make_app) -> None:
    app = make_app()
    closed = next(a.id for a in app.store.board().applications if a.stage == "closed" and a.outcome)
    async with app.run_test(size=SIZE) as pilot:
        app.open_detail(closed)
        await pilot.pause()
        screen = app.screen
        screen.query_one("#f-stage", Select).value = "applied"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = stored(app, closed)
        assert (saved.stage, saved.outcome) == ("applied", None)


async def test_blocked_channels_and_policy_are_saved(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        screen.query_one("#f-blocked_channels", SelectionList).select("phone").select("twitter")
        screen.query_one("#f-follow_up_policy", Select).value = "only_qualified"
        screen.query_one("#f-posting_status", Select).value = "taken_down"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = stored(app, ACME)
        assert saved.blocked_channels == ["phone", "twitter"]
        assert saved.follow_up_policy == "only_qualified"
        assert saved.posting_status == "taken_down"
        # the next action follows the store: rule 4, no follow-up
        assert "only qualified" in str(screen.query_one("#detail-next", Static).render())


async def test_escape_with_unsaved_changes_asks_before_discarding(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await retype(pilot, screen.query_one("#f-role", Input), "Something else")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#f-role", Input).value == "Something else"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert stored(app, ACME).role == "Backend Engineer"


async def test_escape_without_changes_goes_straight_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(app, pilot, ACME)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


# -- the timeline -------------------------------------------------------------------------------


async def test_the_timeline_lists_the_events_newest_first(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, GLOBEX)
        timeline = screen.query_one(Timeline)
        events = app.store.board().events_for(GLOBEX)
        ids = [int(o.id) for o in timeline.options if o.id]
        assert ids == [e.id for e in sorted(events, key=lambda e: (e.on, e.id), reverse=True)]
        first = str(timeline.get_option_at_index(0).prompt)
        assert first.startswith("Interview")
        assert "Priya Raman" in first and "yesterday" in first


async def test_log_an_event_adds_it_to_the_store_and_the_timeline(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        before = len(app.store.board().events_for(ACME))
        await pilot.press("ctrl+l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventFormScreen)
        form.query_one("#ev-kind", Select).value = "follow_up_sent"
        form.query_one("#ev-channel", Select).value = "email"
        form.query_one("#ev-contact", Select).value = 1  # Hal Jordan, attached
        form.query_one("#ev-on", Input).value = "yesterday"
        form.query_one("#ev-text", TextArea).load_text("Checked in {politely} 🙂")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        events = app.store.board().events_for(ACME)
        assert len(events) == before + 1
        new = max(events, key=lambda e: e.id)
        assert (new.kind, new.on, new.channel, new.contact_id) == (
            "follow_up_sent",
            date(2026, 11, 26),
            "email",
            1,
        )
        assert new.text == "Checked in {politely} 🙂"
        timeline = screen.query_one(Timeline)
        assert str(new.id) in [o.id for o in timeline.options]
        assert "Follow-up sent · email · Hal Jordan" in str(timeline.get_option(str(new.id)).prompt)


async def test_the_event_form_offers_attached_and_same_company_contacts(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(app, pilot, ACME)
        await pilot.press("ctrl+l")
        await pilot.pause()
        contact = app.screen.query_one("#ev-contact", Select)
        ids = [value for _label, value in contact._options if value is not Select.NULL]
        board = app.store.board()
        acme = {c.id for c in board.contacts if "acme" in c.company.lower()}
        assert set(ids) == acme  # Hal, Rita, the careers inbox: attached or same company
        assert ids[0] == 1  # the hiring manager ranks first


@pytest.mark.parametrize(
    ("kind", "day", "message"),
    [
        ("response_received", "today", "Pick how they answered"),
        ("note", "2026-13-01", "is not a date"),
    ],
)
async def test_the_event_form_says_what_is_wrong_and_saves_nothing(make_app, kind, day, message) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(app, pilot, ACME)
        before = len(app.store.board().events)
        await pilot.press("ctrl+l")
        await pilot.pause()
        form = app.screen
        form.query_one("#ev-kind", Select).value = kind
        form.query_one("#ev-on", Input).value = day
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form
        texts = " ".join(shown(s) for s in form.query(".ev-error").results(Static))
        assert message in texts
        assert len(app.store.board().events) == before


async def test_a_response_event_asks_for_the_response(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(app, pilot, ACME)
        await pilot.press("ctrl+l")
        await pilot.pause()
        form = app.screen
        assert not form.query_one("#ev-response-line").display
        form.query_one("#ev-kind", Select).value = "response_received"
        await pilot.pause()
        assert form.query_one("#ev-response-line").display
        form.query_one("#ev-response", Select).value = "neutral"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        new = max(app.store.board().events_for(ACME), key=lambda e: e.id)
        assert (new.kind, new.response, new.on) == ("response_received", "neutral", DEMO_DAY)


async def test_delete_an_event_after_confirming(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, GLOBEX)
        timeline = screen.query_one(Timeline)
        timeline.focus()
        victim = timeline.highlighted_event_id
        assert victim is not None
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert victim in {e.id for e in app.store.board().events}
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert victim not in {e.id for e in app.store.board().events}
        assert str(victim) not in [o.id for o in timeline.options]


# -- reading the posting ---------------------------------------------------------------------------

POSTING = (
    "We are hiring a Backend Engineer.\n"
    "- No phone calls or agencies, please.\n"
    "Only shortlisted candidates will be contacted.\n"
    "We will make a decision by 2026-12-15.\n"
)


async def paste_and_read(app, pilot, screen: DetailScreen, text: str = POSTING) -> None:
    screen.query_one("#f-posting_text", TextArea).load_text(text)
    await pilot.pause()
    await pilot.press("ctrl+r")
    await pilot.pause()


async def test_reading_the_posting_proposes_each_change_with_its_sentence(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await paste_and_read(app, pilot, screen)
        review = app.screen
        assert isinstance(review, PostingReviewScreen)
        lines = {p.key: p for p in review.items}
        assert set(lines) == {"policy", "block:phone", "decision"}
        assert lines["policy"].value == "only_qualified"
        assert "Only shortlisted candidates will be contacted" in lines["policy"].sentence
        assert "No phone calls" in lines["block:phone"].sentence
        assert lines["decision"].value == date(2026, 12, 15)
        assert sorted(review.checked()) == sorted(lines)  # all checked by default
        sentences = [str(s.render()) for s in review.query(".proposal-sentence").results(Static)]
        assert any("No phone calls" in s for s in sentences)  # each shown with its sentence
        notes = " ".join(str(s.render()) for s in review.query(".review-note").results(Static))
        assert "agencies are not wanted" in notes
        # nothing is set before the user confirms
        assert stored(app, ACME).follow_up_policy == "allowed"
        assert stored(app, ACME).blocked_channels == []


async def test_applying_the_proposals_saves_them_and_the_posting(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await paste_and_read(app, pilot, screen)
        await pilot.press("ctrl+s")  # Apply
        await settle(app, pilot)
        assert app.screen is screen
        saved = stored(app, ACME)
        assert saved.follow_up_policy == "only_qualified"
        assert saved.blocked_channels == ["phone"]
        assert saved.decision_expected_on == date(2026, 12, 15)
        assert saved.posting_text == POSTING
        assert screen.query_one("#f-follow_up_policy", Select).value == "only_qualified"
        assert not screen.dirty


async def test_only_the_checked_proposals_are_applied(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await paste_and_read(app, pilot, screen)
        review = app.screen
        keys = [p.key for p in review.items]
        # uncheck the policy and the date with the keyboard: space on each, tab between
        for key in keys:
            if key in ("policy", "decision"):
                await pilot.press("space")
            await pilot.press("tab")
        assert review.checked() == ["block:phone"]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = stored(app, ACME)
        assert saved.blocked_channels == ["phone"]
        assert saved.follow_up_policy == "allowed"
        assert saved.decision_expected_on is None


async def test_cancelling_the_review_sets_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        before = stored(app, ACME).to_dict()
        await paste_and_read(app, pilot, screen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
        assert stored(app, ACME).to_dict() == before
        assert screen.query_one("#f-follow_up_policy", Select).value == "allowed"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Paste the job posting"),
        ("   \n\t ", "Paste the job posting"),
        ("A great team. Competitive pay. 🎉 {braces} [b]markup[/b]", "Nothing in this posting"),
        ("x" * 10_000, "Nothing in this posting"),
    ],
)
async def test_a_posting_with_nothing_to_propose_opens_no_review(make_app, text, says) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await paste_and_read(app, pilot, screen, text)
        assert app.screen is screen
        assert any(n.message.startswith(says) for n in app._notifications)


async def test_a_posting_that_agrees_with_the_form_opens_no_review(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        screen.query_one("#f-blocked_channels", SelectionList).select("phone")
        await paste_and_read(app, pilot, screen, "Please, no phone calls.")
        assert app.screen is screen
        assert any("agrees with what is already set" in n.message for n in app._notifications)


async def test_a_closing_date_is_proposed_as_closes_on_never_as_a_decision(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await paste_and_read(app, pilot, screen, "Applications close on 15 December 2026.\n")
        review = app.screen
        assert isinstance(review, PostingReviewScreen)
        [line] = review.items
        assert (line.key, line.field, line.value) == ("closes", "closes_on", date(2026, 12, 15))
        assert line.label == "Applications close Tue 15 Dec 2026"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = stored(app, ACME)
        assert (saved.closes_on, saved.decision_expected_on) == (date(2026, 12, 15), None)
        assert screen.query_one("#f-closes_on", Input).value == "2026-12-15"


async def test_the_detail_shows_what_was_sent_and_an_interview_with_its_people(make_app, demo_store) -> None:
    from tui.domain.models import Event

    app_record = demo_store.board().application_by_id[ACME]
    sent = {"name": "cv-v3.pdf", "size": 10, "sha256": "ab" * 32, "on": "2026-11-02", "as": "resume"}
    demo_store.update_application(app_record.with_changes(attachments=[sent]))
    people = [c.id for c in demo_store.board().contacts[:2]]
    demo_store.add_event(
        Event(application_id=ACME, kind="interview", on=DEMO_DAY + timedelta(days=3), at="10:00",
              tz="Europe/Paris", round="technical", contact_id=people[0], contact_ids=people[1:],
              where="https://meet.example/x", topics=["API design", "on-call"])
    )  # fmt: skip
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        texts = [str(o.prompt) for o in screen.timeline.options]
        assert texts[0] == "Sent resume: cv-v3.pdf · 2026-11-02 · sha256 abababababab"
        interview = next(t for t in texts if t.startswith("Interview (technical), planned"))
        names = [c.display_name for c in demo_store.board().contacts[:2]]
        assert all(name in interview for name in names)
        assert "10:00 Europe/Paris" in interview
        assert "where: https://meet.example/x; topics: API design, on-call" in interview
