"""Properties of the follow-up rules over any history (DESIGN.md §4).

Whatever the events, channels, policies and stages: the next action is one of the
known kinds, never proposes a blocked channel, never falls due on a weekend (snooze
ends included: they move to Monday like every other due date), is "none" for a
closed card, and next_actions agrees with next_action.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.domain.board import Board
from tui.domain.config import Cadence
from tui.domain.models import (
    ACTION_KINDS,
    CHANNELS,
    CONTACT_ROLES,
    EVENT_KINDS,
    OUTCOMES,
    POLICIES,
    POSTING_STATUSES,
    RESPONSES,
    STAGES,
    Application,
    Contact,
    Event,
)
from tui.followup.rules import BADGE_MAX, badge, due_items, next_action, next_actions

START = date(2024, 12, 1)
DAYS = 150
COMPANIES = ["Acme, Inc.", "ACME", "Acme Labs", "Globex", "Juliet", "Julietta", "—"]

days = st.integers(0, DAYS).map(lambda n: START + timedelta(days=n))
maybe_day = st.none() | days
texts = st.text(max_size=40)


@st.composite
def contacts(draw: st.DrawFn) -> list[Contact]:
    out = []
    for cid in range(1, draw(st.integers(0, 6)) + 1):
        out.append(
            Contact(
                id=cid,
                name=draw(st.sampled_from(["Hal Jordan", "Rita", "Careers", "Ivy", "🙂 {name}"])) + str(cid),
                company=draw(st.sampled_from(COMPANIES)),
                title=draw(st.sampled_from(["", "Engineering Manager", "Recruiter", "Engineer", "CEO"])),
                email=draw(st.sampled_from(["", f"p{cid}@acme.example", "jobs@acme.example", "nope"])),
                linkedin=draw(st.sampled_from(["", "https://linkedin.example/in/p"])),
                twitter=draw(st.sampled_from(["", "@p"])),
                phone=draw(st.sampled_from(["", "+1 555 0100"])),
                role=draw(st.none() | st.sampled_from(CONTACT_ROLES)),
                relationship=draw(st.sampled_from(["formal", "casual"])),
            )
        )
    return out


@st.composite
def applications(draw: st.DrawFn, app_id: int, n_contacts: int) -> Application:
    stage = draw(st.sampled_from(STAGES))
    return Application(
        id=app_id,
        company=draw(st.sampled_from(COMPANIES) | texts.filter(lambda t: t.strip() != "")),
        role=draw(st.sampled_from(["Backend Engineer", "{role} **x**", "Designer"])),
        stage=stage,
        outcome=draw(st.sampled_from(OUTCOMES)) if stage == "closed" and draw(st.booleans()) else None,
        follow_up_policy=draw(st.sampled_from(POLICIES)),
        blocked_channels=draw(st.lists(st.sampled_from(CHANNELS), unique=True, max_size=6)),
        posting_status=draw(st.sampled_from(POSTING_STATUSES)),
        applied_on=draw(maybe_day),
        decision_expected_on=draw(maybe_day),
        snoozed_until=draw(maybe_day),
        posting_text=draw(st.sampled_from(["", "No phone calls.", "Feel free to call us.", "x" * 2000])),
        contact_ids=draw(st.lists(st.integers(1, n_contacts + 2), max_size=3)),
    )


@st.composite
def events(draw: st.DrawFn, app_ids: list[int], n_contacts: int) -> list[Event]:
    out = []
    for eid in range(1, draw(st.integers(0, 14)) + 1):
        kind = draw(st.sampled_from(EVENT_KINDS))
        out.append(
            Event(
                id=eid,
                application_id=draw(st.sampled_from(app_ids)),
                kind=kind,
                on=draw(days),
                channel=draw(st.none() | st.sampled_from(CHANNELS)),
                contact_id=draw(st.none() | st.integers(1, n_contacts + 2)),
                response=draw(st.sampled_from(RESPONSES)) if kind == "response_received" else None,
            )
        )
    return out


@st.composite
def boards(draw: st.DrawFn) -> Board:
    people = draw(contacts())
    n_apps = draw(st.integers(1, 3))
    apps = [draw(applications(i, len(people))) for i in range(1, n_apps + 1)]
    return Board(
        applications=apps, contacts=people, events=draw(events(list(range(1, n_apps + 1)), len(people)))
    )


cadences = st.builds(
    Cadence,
    follow_up_after_days=st.integers(0, 40),
    follow_up_again_days=st.integers(0, 40),
    thank_you_after_days=st.integers(0, 10),
    post_interview_days=st.integers(0, 40),
    response_wait_days=st.integers(0, 40),
    ghosted_after_days=st.integers(0, 90),
    taken_down_after_days=st.integers(0, 90),
    max_follow_ups=st.integers(0, 4),
    company_cooldown_days=st.integers(0, 14),
)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(board=boards(), today=days, cadence=st.none() | cadences)
def test_next_action_is_always_well_formed(board: Board, today: date, cadence: Cadence | None) -> None:
    contact_ids = {c.id for c in board.contacts}
    for app in board.applications:
        action = next_action(app, board, today, cadence)
        assert action.kind in ACTION_KINDS
        assert action.channel is None or action.channel in CHANNELS
        assert action.channel not in app.blocked_channels
        if action.due is not None:
            assert action.due.weekday() < 5, action
        if app.stage == "closed":
            assert action.kind == "none"
        if action.kind in ("follow_up", "thank_you", "close_as_ghosted", "wait"):
            assert action.due is not None
        if action.kind in ("let_go", "none"):
            assert action.due is None and action.contact_id is None and action.channel is None
        if action.contact_id is not None:
            assert action.contact_id in contact_ids
            assert action.channel is not None
        assert isinstance(action.reason, str) and action.reason.strip()
        assert "\n" not in action.reason
        assert len(badge(action, today)) <= BADGE_MAX
        # rules 1-4 win over any history
        snoozed = app.snoozed_until is not None and app.snoozed_until > today
        if app.stage != "closed" and snoozed:
            assert action.kind == "wait"
            assert action.due is not None
            assert app.snoozed_until <= action.due <= app.snoozed_until + timedelta(days=2)
        if app.stage == "saved" and not snoozed:
            assert action.kind == "none"
        if app.stage not in ("closed", "saved") and not snoozed and app.follow_up_policy != "allowed":
            assert action.kind == "none"


@PROPERTY_SETTINGS
@given(board=boards(), today=days, cadence=st.none() | cadences)
def test_next_actions_matches_next_action(board: Board, today: date, cadence: Cadence | None) -> None:
    bulk = next_actions(board, today, cadence)
    assert bulk == {a.id: next_action(a, board, today, cadence) for a in board.applications}


@PROPERTY_SETTINGS
@given(board=boards(), today=days, within=st.none() | st.integers(0, 30))
def test_due_items_are_due_and_ordered(board: Board, today: date, within: int | None) -> None:
    items = due_items(board, today, within_days=within)
    horizon = today + timedelta(days=within or 0)
    dues = [action.due for _app, action in items]
    assert dues == sorted(dues)  # type: ignore[type-var]
    for _app, action in items:
        assert action.kind in ("follow_up", "thank_you", "close_as_ghosted", "wait")
        assert action.due is not None and action.due <= horizon
        if action.kind == "wait" and action.rule != "snoozed":  # a snooze ending within the horizon is listed
            assert action.due <= today
