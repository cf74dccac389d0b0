"""The follow-up rules (DESIGN.md §4), written from the table, one row per case.

Calendar used throughout (2025): Mon 02-24, Sat 03-01, Mon 03-03, Fri 03-07,
Sat 03-08, Sun 03-09, Mon 03-10, Fri 03-14, Sat 03-15, Mon 03-17.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count
from typing import Any

import pytest

from tui.domain.board import Board
from tui.domain.config import Cadence
from tui.domain.models import ACTION_KINDS, Application, Contact, Event, NextAction
from tui.followup.rules import BADGE_MAX, badge, card_sort_key, due_items, next_action, next_actions


def D(mmdd: str) -> date:
    return date.fromisoformat(f"2025-{mmdd}")


_ids = count(1)


def ev(kind: str, on: str, app_id: int = 1, **kw: Any) -> Event:
    if kind == "response_received":
        kw.setdefault("response", "positive")
    return Event(id=next(_ids), application_id=app_id, kind=kind, on=D(on), **kw)


HAL = Contact(id=1, name="Hal Jordan", company="Acme", email="hal@acme.example", role="hiring_manager")


def make_app(**kw: Any) -> Application:
    base: dict[str, Any] = {"id": 1, "company": "Acme, Inc.", "role": "Backend Engineer", "stage": "applied"}
    base.update(kw)
    for name in ("applied_on", "decision_expected_on", "snoozed_until"):
        if isinstance(base.get(name), str):
            base[name] = D(base[name])
    return Application(**base)


def action_for(
    app_kw: dict, events: list[Event], today: str, *, cadence: Cadence | None = None, contacts=None
):
    app = make_app(**app_kw)
    board = Board(applications=[app], contacts=[HAL] if contacts is None else contacts, events=events)
    return next_action(app, board, D(today), cadence)


# (name, application fields, events, today, expected kind, expected due)
CASES: list[tuple[str, dict, list, str, str, str | None]] = [
    # 1. closed, or snoozed until after today
    ("closed", {"stage": "closed", "outcome": "rejected", "applied_on": "02-24"}, [], "03-17", "none", None),
    (
        "closed beats snooze",
        {"stage": "closed", "applied_on": "02-24", "snoozed_until": "03-20"},
        [],
        "03-17",
        "none",
        None,
    ),
    (
        "snoozed until tomorrow",
        {"applied_on": "02-24", "snoozed_until": "03-11"},
        [],
        "03-10",
        "wait",
        "03-11",
    ),
    (
        "snooze ends on a Saturday",
        {"applied_on": "02-24", "snoozed_until": "03-15"},
        [],
        "03-10",
        "wait",
        "03-17",
    ),
    # a snooze ending today is over: the rules apply, and the overdue follow-up keeps its date
    (
        "snooze ends today",
        {"applied_on": "02-24", "snoozed_until": "03-10"},
        [],
        "03-10",
        "follow_up",
        "03-03",
    ),
    ("snoozed saved card", {"stage": "saved", "snoozed_until": "03-12"}, [], "03-10", "wait", "03-12"),
    # 2. saved
    ("saved", {"stage": "saved"}, [], "03-10", "none", None),
    ("saved with a date", {"stage": "saved", "applied_on": "01-01"}, [], "03-10", "none", None),
    # 3-4. the posting's policy
    (
        "do not follow up",
        {"applied_on": "02-24", "follow_up_policy": "do_not_follow_up"},
        [],
        "03-10",
        "none",
        None,
    ),
    (
        "only qualified",
        {"applied_on": "02-24", "follow_up_policy": "only_qualified"},
        [],
        "03-10",
        "none",
        None,
    ),
    # 5. rejected / position closed
    (
        "rejected",
        {"applied_on": "02-24"},
        [ev("response_received", "03-04", response="rejected")],
        "03-10",
        "none",
        None,
    ),
    (
        "position closed",
        {"applied_on": "02-24"},
        [ev("response_received", "03-04", response="position_closed")],
        "03-10",
        "none",
        None,
    ),
    (
        "rejected long ago is still not ghosted",
        {"applied_on": "01-02"},
        [ev("response_received", "01-05", response="rejected")],
        "03-10",
        "none",
        None,
    ),
    # 6. posting taken down, 21 days of silence
    (
        "taken down, day 21",
        {"applied_on": "02-24", "posting_status": "taken_down"},
        [],
        "03-17",
        "close_as_ghosted",
        "03-17",
    ),
    (
        "taken down, day 20",
        {"applied_on": "02-25", "posting_status": "taken_down"},
        [],
        "03-17",
        "follow_up",
        "03-04",
    ),
    (
        "taken down by an event",
        {"applied_on": "02-24"},
        [ev("posting_taken_down", "03-01")],
        "03-17",
        "close_as_ghosted",
        "03-17",
    ),
    (
        "taken down, a recent follow-up restarts the clock",
        {"applied_on": "01-02", "posting_status": "taken_down"},
        [ev("follow_up_sent", "03-03")],
        "03-17",
        "follow_up",
        "03-17",
    ),
    # 7. 30 days of silence
    ("day 30", {"applied_on": "02-15"}, [], "03-17", "close_as_ghosted", "03-17"),
    ("day 29", {"applied_on": "02-16"}, [], "03-17", "follow_up", "02-24"),
    ("day 30 on a Saturday is due Monday", {"applied_on": "02-13"}, [], "03-15", "close_as_ghosted", "03-17"),
    (
        "a note does not count as contact",
        {"applied_on": "02-15"},
        [ev("note", "03-10"), ev("stage_changed", "03-11")],
        "03-17",
        "close_as_ghosted",
        "03-17",
    ),
    (
        "a reply counts as contact",
        {"applied_on": "02-10"},
        [ev("response_received", "03-03", response="neutral")],
        "03-17",
        "wait",
        "03-10",
    ),
    # 8. interview without a thank-you
    (
        "thank-you due the interview day",
        {"applied_on": "02-24"},
        [ev("interview", "03-04")],
        "03-04",
        "thank_you",
        "03-04",
    ),
    (
        "Friday interview: thank-you the same Friday, not Monday",
        {"applied_on": "02-24"},
        [ev("interview", "03-07")],
        "03-07",
        "thank_you",
        "03-07",
    ),
    (
        "thank-you overdue keeps its date",
        {"applied_on": "02-24"},
        [ev("interview", "03-04")],
        "03-12",
        "thank_you",
        "03-04",
    ),
    (
        "a second interview needs its own thank-you",
        {"applied_on": "02-03"},
        [ev("interview", "02-10"), ev("thank_you_sent", "02-11"), ev("interview", "03-03")],
        "03-04",
        "thank_you",
        "03-03",
    ),
    # 9. positive or neutral reply, the latest event
    (
        "positive reply: wait a week",
        {"applied_on": "02-24"},
        [ev("response_received", "03-03")],
        "03-04",
        "wait",
        "03-10",
    ),
    (
        "reply on Monday + 7 days",
        {"applied_on": "02-24"},
        [ev("response_received", "03-03", response="neutral")],
        "03-04",
        "wait",
        "03-10",
    ),
    (
        "reply on Saturday + 7 days is Monday",
        {"applied_on": "02-24"},
        [ev("response_received", "03-01")],
        "03-04",
        "wait",
        "03-10",
    ),
    (
        "reply with a decision date",
        {"applied_on": "02-24", "decision_expected_on": "03-14"},
        [ev("response_received", "03-03")],
        "03-04",
        "wait",
        "03-14",
    ),
    # 10. two follow-ups without an answer
    (
        "followed up twice",
        {"applied_on": "02-03"},
        [ev("follow_up_sent", "02-10"), ev("follow_up_sent", "02-17")],
        "02-25",
        "let_go",
        None,
    ),
    (
        "twice since the last reply",
        {"applied_on": "02-03"},
        [ev("follow_up_sent", "02-10"), ev("response_received", "02-12"), ev("follow_up_sent", "02-19")],
        "02-25",
        "follow_up",
        "03-05",
    ),
    (
        "twice since the reply, then let it be",
        {"applied_on": "02-03"},
        [
            ev("follow_up_sent", "02-05"),
            ev("response_received", "02-06"),
            ev("follow_up_sent", "02-14"),
            ev("follow_up_sent", "02-21"),
        ],
        "02-25",
        "let_go",
        None,
    ),
    # 11. thank-you sent after the interview, no news
    (
        "after the thank-you: interview + 7",
        {"applied_on": "02-24"},
        [ev("interview", "03-03"), ev("thank_you_sent", "03-04")],
        "03-05",
        "follow_up",
        "03-10",
    ),
    (
        "after the thank-you: decision + 1",
        {"applied_on": "02-24", "decision_expected_on": "03-12"},
        [ev("interview", "03-03"), ev("thank_you_sent", "03-03")],
        "03-05",
        "follow_up",
        "03-13",
    ),
    (
        "decision + 1 on a Saturday is Monday",
        {"applied_on": "02-24", "decision_expected_on": "03-14"},
        [ev("interview", "03-03"), ev("thank_you_sent", "03-03")],
        "03-05",
        "follow_up",
        "03-17",
    ),
    # 12. a follow-up sent, no response
    (
        "follow-up + 14",
        {"applied_on": "02-24"},
        [ev("follow_up_sent", "03-04")],
        "03-05",
        "follow_up",
        "03-18",
    ),
    (
        "follow-up on Saturday + 14 lands on a Saturday: Monday",
        {"applied_on": "02-24"},
        [ev("follow_up_sent", "03-01")],
        "03-05",
        "follow_up",
        "03-17",
    ),
    # 13. applied, nothing since: the day 6/7/8 boundary
    ("day 6", {"applied_on": "03-05"}, [], "03-11", "follow_up", "03-12"),
    ("day 7", {"applied_on": "03-05"}, [], "03-12", "follow_up", "03-12"),
    ("day 8 keeps the original due date", {"applied_on": "03-05"}, [], "03-13", "follow_up", "03-12"),
    ("applied on a Saturday", {"applied_on": "03-01"}, [], "03-03", "follow_up", "03-10"),
    ("due on a Saturday moves to Monday", {"applied_on": "03-08"}, [], "03-10", "follow_up", "03-17"),
    (
        "interviewing stage, nothing logged",
        {"stage": "interviewing", "applied_on": "03-03"},
        [],
        "03-04",
        "follow_up",
        "03-10",
    ),
    ("applied today", {"applied_on": "03-10"}, [], "03-10", "follow_up", "03-17"),
    (
        "no applied_on: the applied event stands in",
        {},
        [ev("applied", "03-03")],
        "03-04",
        "follow_up",
        "03-10",
    ),
]


@pytest.mark.parametrize(
    ("app_kw", "events", "today", "kind", "due"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule_table(app_kw: dict, events: list, today: str, kind: str, due: str | None) -> None:
    action = action_for(app_kw, events, today)
    assert action.kind == kind, action.reason
    assert action.due == (D(due) if due else None), action.reason
    assert action.kind in ACTION_KINDS
    assert action.reason and "\n" not in action.reason
    if action.due is not None:
        assert action.due.weekday() < 5


@pytest.mark.parametrize(
    ("name", "app_kw", "events", "today", "kind", "due"), CASES, ids=[c[0] for c in CASES]
)
def test_next_actions_agrees_with_next_action(name, app_kw, events, today, kind, due) -> None:
    app = make_app(**app_kw)
    board = Board(applications=[app], contacts=[HAL], events=events)
    assert next_actions(board, D(today)) == {1: next_action(app, board, D(today))}


# --- reasons ---------------------------------------------------------------------------


def test_follow_up_reason_reads_like_a_person_wrote_it() -> None:
    action = action_for({"applied_on": "02-27"}, [], "03-10")
    assert action.reason == "Follow up with Hal Jordan (hiring manager) by email: you applied 11 days ago."
    assert (action.contact_id, action.channel) == (1, "email")


def test_future_follow_up_says_when() -> None:
    action = action_for({"applied_on": "03-05"}, [], "03-10")
    assert action.due == D("03-12")
    assert "in 2 days" in action.reason and "you applied 5 days ago" in action.reason


@pytest.mark.parametrize(
    ("app_kw", "events", "today", "phrase"),
    [
        (
            {"follow_up_policy": "do_not_follow_up", "applied_on": "03-03"},
            [],
            "03-10",
            "the posting asks applicants not to follow up",
        ),
        (
            {"follow_up_policy": "only_qualified", "applied_on": "03-03"},
            [],
            "03-10",
            "only qualified applicants will be contacted",
        ),
        (
            {"applied_on": "03-03"},
            [ev("response_received", "03-04", response="rejected")],
            "03-10",
            "move the card to closed",
        ),
        (
            {"applied_on": "03-03"},
            [ev("response_received", "03-04", response="position_closed")],
            "03-10",
            "move the card to closed",
        ),
        (
            {"applied_on": "02-24", "posting_status": "taken_down"},
            [],
            "03-17",
            "it's safe to say they are not interested",
        ),
        (
            {"applied_on": "02-03"},
            [ev("follow_up_sent", "02-10"), ev("follow_up_sent", "02-17")],
            "02-25",
            "you've followed up twice; give it time",
        ),
        ({"stage": "saved"}, [], "03-10", "apply"),
        (
            {"applied_on": "03-03", "snoozed_until": "03-12"},
            [],
            "03-10",
            "Snoozed until Wed 12 Mar (in 2 days)",
        ),
        ({"applied_on": "03-03"}, [ev("interview", "03-07")], "03-07", "thank-you"),
    ],
)
def test_reasons_say_why(app_kw: dict, events: list, today: str, phrase: str) -> None:
    assert phrase in action_for(app_kw, events, today).reason


def test_rule_5_a_later_interview_reopens_the_door() -> None:
    events = [ev("response_received", "03-03", response="rejected"), ev("interview", "03-10")]
    action = action_for({"applied_on": "02-24", "stage": "interviewing"}, events, "03-10")
    assert action.kind == "thank_you"


def test_rule_9_only_when_the_reply_is_the_latest_event() -> None:
    events = [ev("response_received", "03-03"), ev("follow_up_sent", "03-10")]
    action = action_for({"applied_on": "02-24"}, events, "03-11")
    assert (action.kind, action.due) == ("follow_up", D("03-24"))


def test_rule_9_overdue_wait_stays_on_its_date_and_says_check_in() -> None:
    action = action_for({"applied_on": "02-24"}, [ev("response_received", "03-03")], "03-12")
    assert (action.kind, action.due) == ("wait", D("03-10"))
    assert "check in" in action.reason.lower()


def test_rule_8_thank_you_goes_to_the_person_you_met() -> None:
    rita = Contact(id=2, name="Rita", company="Acme", email="rita@acme.example", role="recruiter")
    events = [ev("interview", "03-07", contact_id=2)]
    action = action_for({"applied_on": "02-24"}, events, "03-07", contacts=[HAL, rita])
    assert (action.kind, action.contact_id, action.channel) == ("thank_you", 2, "email")


def test_after_an_interview_the_interviewer_is_recommended() -> None:
    ivy = Contact(id=2, name="Ivy", company="Acme", email="ivy@acme.example", role="interviewer")
    events = [ev("interview", "03-03"), ev("thank_you_sent", "03-04")]
    action = action_for({"applied_on": "02-24"}, events, "03-10", contacts=[HAL, ivy])
    assert (action.kind, action.contact_id) == ("follow_up", 2)
    before = action_for({"applied_on": "02-24"}, [], "03-10", contacts=[HAL, ivy])
    assert before.contact_id == 1


def test_hiring_manager_is_recommended_over_an_attached_hr_inbox() -> None:
    inbox = Contact(id=2, name="Careers", company="Acme", email="careers@acme.example")
    action = action_for({"applied_on": "02-24", "contact_ids": [2]}, [], "03-10", contacts=[HAL, inbox])
    assert (action.contact_id, action.channel) == (1, "email")


def test_only_an_hr_inbox_is_recommended_with_a_warning() -> None:
    inbox = Contact(id=2, name="Careers", company="Acme", email="careers@acme.example")
    action = action_for({"applied_on": "02-24"}, [], "03-10", contacts=[inbox])
    assert action.contact_id == 2
    assert "general HR inbox" in action.reason


def test_no_contact_found() -> None:
    action = action_for({"applied_on": "02-24"}, [], "03-10", contacts=[])
    assert (action.kind, action.due, action.contact_id, action.channel) == (
        "follow_up",
        D("03-03"),
        None,
        None,
    )
    assert "no contact found: find the person hiring for this role" in action.reason


# --- blocked channels -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blocked", "expected"),
    [
        ([], ("email", 1)),
        (["email"], ("linkedin", 1)),
        (["email", "linkedin"], ("phone", 1)),  # the posting asked for calls
        (["email", "linkedin", "phone"], ("twitter", 2)),  # Hal unreachable: Rita, casual recruiter
        (["email", "linkedin", "phone", "twitter"], (None, None)),
    ],
)
def test_blocked_channels_are_never_recommended(blocked: list[str], expected: tuple) -> None:
    hal = Contact(
        id=1,
        name="Hal",
        company="Acme",
        email="h@acme.example",
        linkedin="in/hal",
        phone="555",
        role="hiring_manager",
    )
    rita = Contact(
        id=2,
        name="Rita",
        company="Acme",
        email="r@acme.example",
        twitter="@r",
        role="recruiter",
        relationship="casual",
    )
    app_kw = {"applied_on": "02-24", "blocked_channels": blocked, "posting_text": "Call us!"}
    action = action_for(app_kw, [], "03-10", contacts=[hal, rita])
    assert (action.channel, action.contact_id) == expected
    assert action.channel not in blocked


# --- the company contact budget -----------------------------------------------------------


def two_apps(sibling_events: list[Event], *, mine: dict | None = None, my_events=(), sibling_company="ACME"):
    me = make_app(**{"id": 1, "company": "Acme, Inc.", "applied_on": D("02-24"), **(mine or {})})
    sibling = make_app(id=2, company=sibling_company, role="Frontend Engineer", applied_on=D("02-20"))
    return me, Board(applications=[me, sibling], contacts=[HAL], events=[*my_events, *sibling_events])


@pytest.mark.parametrize(
    ("sibling_event", "today", "kind", "due"),
    [
        (("follow_up_sent", "03-07"), "03-10", "wait", "03-14"),  # 3 days ago: wait until Fri 03-14
        (("follow_up_sent", "03-04"), "03-10", "wait", "03-11"),  # 6 days ago: wait one more day
        (("follow_up_sent", "03-03"), "03-10", "follow_up", "03-03"),  # 7 days ago: the budget is free
        (("thank_you_sent", "03-07"), "03-10", "wait", "03-14"),  # a thank-you uses the budget too
        (("follow_up_sent", "03-08"), "03-10", "wait", "03-17"),  # Sat + 7 = Sat: Monday
        (("follow_up_sent", "03-10"), "03-10", "wait", "03-17"),  # contacted today
        (("follow_up_sent", "03-12"), "03-10", "follow_up", "03-03"),  # future-dated: not yet contacted
        (("interview", "03-07"), "03-10", "follow_up", "03-03"),  # an interview is not your outreach
        (("response_received", "03-07"), "03-10", "follow_up", "03-03"),
    ],
)
def test_company_budget(sibling_event: tuple[str, str], today: str, kind: str, due: str) -> None:
    me, board = two_apps([ev(sibling_event[0], sibling_event[1], app_id=2)])
    action = next_action(me, board, D(today))
    assert (action.kind, action.due) == (kind, D(due)), action.reason
    assert next_actions(board, D(today))[1] == action


def test_company_budget_reason_says_so() -> None:
    me, board = two_apps([ev("follow_up_sent", "03-07", app_id=2)])
    action = next_action(me, board, D("03-10"))
    assert "Acme" in action.reason and "once a week" in action.reason
    assert "Frontend Engineer" in action.reason
    assert badge(action, D("03-10")) == "cooldown: in 4 days"


def test_company_budget_needs_the_same_company() -> None:
    me, board = two_apps([ev("follow_up_sent", "03-07", app_id=2)], sibling_company="Acme Labs")
    assert next_action(me, board, D("03-10")).kind == "follow_up"


def test_company_budget_does_not_hold_back_a_thank_you() -> None:
    me, board = two_apps(
        [ev("follow_up_sent", "03-09", app_id=2)], my_events=[ev("interview", "03-07", app_id=1)]
    )
    action = next_action(me, board, D("03-10"))
    assert (action.kind, action.due) == ("thank_you", D("03-07"))


def test_company_budget_leaves_a_later_follow_up_alone() -> None:
    me, board = two_apps([ev("follow_up_sent", "03-10", app_id=2)], mine={"applied_on": D("03-10")})
    action = next_action(me, board, D("03-10"))
    assert (action.kind, action.due, action.contact_id, action.channel) == (
        "follow_up",
        D("03-17"),
        1,
        "email",
    )


def test_own_outreach_is_not_a_sibling() -> None:
    me, board = two_apps([], my_events=[ev("follow_up_sent", "03-07", app_id=1)])
    action = next_action(me, board, D("03-10"))
    assert (action.kind, action.due) == ("follow_up", D("03-21"))


# --- cadence numbers come from the settings ---------------------------------------------------


def test_every_number_is_a_setting() -> None:
    cad = Cadence(
        follow_up_after_days=3,
        follow_up_again_days=2,
        thank_you_after_days=0,
        post_interview_days=4,
        response_wait_days=2,
        ghosted_after_days=10,
        taken_down_after_days=5,
        max_follow_ups=1,
        company_cooldown_days=0,
    )
    assert action_for({"applied_on": "03-03"}, [], "03-04", cadence=cad).due == D("03-06")
    assert (
        action_for({"applied_on": "02-24"}, [ev("follow_up_sent", "03-03")], "03-04", cadence=cad).kind
        == "let_go"
    )
    two = Cadence(max_follow_ups=2, follow_up_again_days=2)
    assert action_for(
        {"applied_on": "02-24"}, [ev("follow_up_sent", "03-03")], "03-04", cadence=two
    ).due == D("03-05")
    assert action_for({"applied_on": "02-24"}, [ev("interview", "03-04")], "03-04", cadence=cad).due == D(
        "03-04"
    )
    thanked = [ev("interview", "03-03"), ev("thank_you_sent", "03-03")]
    assert action_for({"applied_on": "02-24"}, thanked, "03-04", cadence=cad).due == D("03-07")
    assert action_for(
        {"applied_on": "02-24"}, [ev("response_received", "03-03")], "03-04", cadence=cad
    ).due == D("03-05")
    assert action_for({"applied_on": "02-24"}, [], "03-06", cadence=cad).kind == "close_as_ghosted"
    gone = {"applied_on": "03-03", "posting_status": "taken_down"}
    assert action_for(gone, [], "03-08", cadence=cad).kind == "close_as_ghosted"
    # no budget with a cooldown of 0
    me, board = two_apps([ev("follow_up_sent", "03-09", app_id=2)])
    assert next_action(me, board, D("03-10")).kind == "wait"
    assert next_action(me, board, D("03-10"), Cadence(company_cooldown_days=0)).kind == "follow_up"


def test_huge_cadence_numbers_do_not_crash() -> None:
    cad = Cadence(follow_up_after_days=10**9, ghosted_after_days=10**9, response_wait_days=10**9)
    assert action_for({"applied_on": "03-03"}, [], "03-04", cadence=cad).kind == "follow_up"
    assert (
        action_for({"applied_on": "03-03"}, [ev("response_received", "03-03")], "03-04", cadence=cad).kind
        == "wait"
    )


def test_no_date_at_all_asks_for_one() -> None:
    action = action_for({}, [], "03-10")
    assert (action.kind, action.due) == ("none", None)
    assert "applied" in action.reason


# --- due items, card order, badges ---------------------------------------------------------------


def board_of_many() -> Board:
    apps = [
        make_app(id=1, company="Zeta", applied_on="02-24"),  # follow-up due 03-03 (overdue)
        make_app(id=2, company="Alpha", applied_on="02-24"),  # due 03-03 too: Alpha before Zeta
        make_app(id=3, company="Beta", applied_on="03-05"),  # due 03-12
        make_app(id=4, company="Gamma", stage="saved"),  # none
        make_app(id=5, company="Delta", applied_on="01-02"),  # ghosted: due today
        make_app(id=6, company="Eps", applied_on="03-06"),  # response 03-07: wait until 03-14
        make_app(id=7, company="Eta", applied_on="02-17"),  # response 02-24: wait until 03-03 (arrived)
        make_app(id=8, company="Theta", applied_on="02-24", snoozed_until="03-12"),  # snoozed
        make_app(id=9, company="Iota", applied_on="02-03"),  # let go
        make_app(id=10, company="Kappa", stage="closed", applied_on="02-03"),
    ]
    events = [
        ev("response_received", "03-07", app_id=6),
        ev("response_received", "02-24", app_id=7),
        ev("follow_up_sent", "02-10", app_id=9),
        ev("follow_up_sent", "02-17", app_id=9),
    ]
    return Board(applications=apps, contacts=[], events=events)


def test_due_items_today_overdue_first_then_company() -> None:
    items = due_items(board_of_many(), D("03-10"))
    assert [(a.id, x.kind) for a, x in items] == [
        (2, "follow_up"),
        (7, "wait"),
        (1, "follow_up"),
        (5, "close_as_ghosted"),
    ]


def test_due_items_within_days() -> None:
    items = due_items(board_of_many(), D("03-10"), within_days=2)
    # 8 is snoozed until 03-12: listed on the day it comes back, within the horizon.
    assert [a.id for a, _ in items] == [2, 7, 1, 5, 3, 8]
    assert [a.id for a, _ in due_items(board_of_many(), D("03-10"), within_days=0)] == [2, 7, 1, 5]


def test_card_sort_key_due_first_overdue_first_none_last_then_newest_activity() -> None:
    board = board_of_many()
    actions = next_actions(board, D("03-10"))
    ordered = sorted(board.applications, key=lambda a: card_sort_key(a, actions[a.id], board))
    # due 03-03 (2, 7, 1: same latest activity 02-24, then by company), 03-10, 03-12 (3 is newer
    # than 8), 03-14, then no due date: newest activity first, no activity at all last
    assert [a.id for a in ordered] == [2, 7, 1, 5, 3, 8, 6, 9, 10, 4]
    dues = [actions[a.id].due for a in ordered]
    with_due = [d for d in dues if d is not None]
    assert with_due == sorted(with_due)
    assert all(d is None for d in dues[len(with_due) :])


def test_card_sort_key_ties_on_due_by_latest_activity() -> None:
    a = make_app(id=1, company="A", applied_on="02-24")
    b = make_app(id=2, company="B", applied_on="02-24")
    board = Board(applications=[a, b], events=[ev("note", "03-05", app_id=2)])
    x = NextAction("follow_up", D("03-03"))
    assert sorted([a, b], key=lambda app: card_sort_key(app, x, board)) == [b, a]


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (NextAction("follow_up", D("03-10")), "follow up today"),
        (NextAction("follow_up", D("03-13")), "follow up in 3 days"),
        (NextAction("follow_up", D("03-06")), "overdue 4 days"),
        (NextAction("follow_up", D("03-09")), "overdue 1 day"),
        (NextAction("thank_you", D("03-10")), "thank-you due"),
        (NextAction("let_go"), "let it be"),
        (NextAction("close_as_ghosted", D("03-10")), "likely ghosted"),
        (
            NextAction("none", reason="(any wording)", rule="do_not_follow_up"),
            "no follow-up (posting asks)",
        ),
        (
            NextAction("none", reason="(any wording)", rule="only_qualified"),
            "no follow-up (posting asks)",
        ),
        (NextAction("follow_up", date(2020, 1, 1)), "overdue 1895 days"),
    ],
)
def test_badge(action: NextAction, expected: str) -> None:
    assert badge(action, D("03-10")) == expected


def test_badge_limit_fits_the_designs_longest_example() -> None:
    # §1 lists "no follow-up (posting asks)" (27 characters) as a badge.
    assert len("no follow-up (posting asks)") <= BADGE_MAX <= 27


def test_badges_are_short_for_every_case() -> None:
    today = D("03-10")
    for app_kw, events, day, *_ in [c[1:] for c in CASES]:
        action = action_for(app_kw, events, day)
        for offset in (-5000, -400, -30, -1, 0, 1, 30, 400, 5000):
            text = badge(action, D(day) + timedelta(days=offset))
            assert len(text) <= BADGE_MAX, text
    assert badge(action_for({"applied_on": "02-24"}, [ev("response_received", "03-07")], "03-10"), today) == (
        "waiting for response"
    )


def test_any_text_in_names_keeps_the_reason_one_short_line() -> None:
    long_name = "Ha" * 5_000 + "\nJordan {name} **bold**"
    hal = Contact(id=1, name=long_name, company="{company} 🙂", email="h@x.example", role="hiring_manager")
    action = action_for(
        {"company": "{company} 🙂", "role": "x" * 10_000, "applied_on": "03-03"}, [], "03-10", contacts=[hal]
    )
    assert (action.kind, action.contact_id) == ("follow_up", 1)
    assert "\n" not in action.reason
    assert len(action.reason) < 300
    assert "…" in action.reason
