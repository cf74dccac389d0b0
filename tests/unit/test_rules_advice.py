"""The advice itself (issues 16 and 19): the defaults the etiquette sources agree on, the rule
that produced each action, the person you met after an interview, one thank-you per interviewer,
and planned interviews.

Calendar (2026): Mon 11-30, Thu 12-03, Fri 12-04, Sat 12-05, Mon 12-07, Fri 12-18, Mon 12-21.
"""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

import pytest

from tui.domain.board import Board
from tui.domain.config import Cadence
from tui.domain.models import Application, Contact, Event
from tui.followup.finder import best_candidate, candidates
from tui.followup.interviews import interview_reminders
from tui.followup.rules import badge, next_action, next_actions


def D(mmdd: str) -> date:
    return date.fromisoformat(f"2026-{mmdd}")


_ids = count(100)


def ev(kind: str, on: str, app_id: int = 1, **kw: Any) -> Event:
    if kind == "response_received":
        kw.setdefault("response", "positive")
    return Event(id=next(_ids), application_id=app_id, kind=kind, on=D(on), **kw)


def app(**kw: Any) -> Application:
    base: dict[str, Any] = {"id": 1, "company": "Stripe", "role": "Backend Engineer", "stage": "interviewing"}
    base.update(kw)
    return Application(**base)


JANE = Contact(id=1, name="", email="jane.doe@stripe.example", company="Stripe")  # as a capture makes her
# Eight imported strangers at the same company, one of whom a title makes a "probable hiring manager".
STRANGERS = [
    Contact(id=10, name="Chen Dubois", title="Engineering Manager", company="Stripe",
            email="chen@stripe.example", source="linkedin_csv"),
    *(
        Contact(id=11 + i, name=f"Person {i}", title="Software Engineer", company="Stripe",
                email=f"p{i}@stripe.example", source="linkedin_csv")
        for i in range(7)
    ),
]  # fmt: skip


def act(application: Application, events: list[Event], today: str, contacts=None, cadence=None):
    board = Board(applications=[application], contacts=contacts or [JANE, *STRANGERS], events=events)
    return next_action(application, board, D(today), cadence)


# --- the defaults -----------------------------------------------------------------------------


def test_a_friday_interview_is_thanked_the_same_friday() -> None:
    a = act(app(applied_on=D("11-16"), contact_ids=[1]), [ev("interview", "12-04", contact_id=1)], "12-04")
    assert (a.kind, a.due, a.rule) == ("thank_you", D("12-04"), "thank_you")
    assert badge(a, D("12-04")) == "thank-you due"


def test_the_old_next_business_day_thank_you_is_a_setting() -> None:
    events = [ev("interview", "12-04", contact_id=1)]
    a = act(app(applied_on=D("11-16")), events, "12-04", cadence=Cadence(thank_you_after_days=1))
    assert (a.kind, a.due) == ("thank_you", D("12-07"))  # Saturday → Monday


def test_a_saturday_interview_is_thanked_on_monday() -> None:
    a = act(app(applied_on=D("11-16")), [ev("interview", "12-05", contact_id=1)], "12-05")
    assert a.due == D("12-07")


def test_the_second_follow_up_comes_14_days_after_the_first() -> None:
    events = [ev("follow_up_sent", "12-04")]
    a = act(app(stage="applied", applied_on=D("11-20")), events, "12-07")
    assert (a.kind, a.due, a.rule) == ("follow_up", D("12-18"), "follow_up_again")
    assert "in 11 days" in a.reason


def test_the_14_day_cadence_is_a_setting_and_lands_on_a_business_day() -> None:
    events = [ev("follow_up_sent", "11-21")]  # a Saturday: + 14 is a Saturday too
    a = act(app(stage="applied", applied_on=D("11-10")), events, "11-30")
    assert a.due == D("12-07")
    weekly = act(
        app(stage="applied", applied_on=D("11-10")), events, "11-30", cadence=Cadence(follow_up_again_days=7)
    )
    assert weekly.due == D("11-30")


def test_the_first_follow_up_is_still_a_week_after_applying() -> None:
    a = act(app(stage="applied", applied_on=D("11-30")), [], "11-30")
    assert (a.kind, a.due, a.rule) == ("follow_up", D("12-07"), "applied")


# --- which rule produced the action -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "events", "today", "kind", "rule"),
    [
        ({"stage": "closed", "outcome": "rejected"}, [], "12-04", "none", "closed"),
        ({"snoozed_until": D("12-09"), "applied_on": D("11-01")}, [], "12-04", "wait", "snoozed"),
        ({"stage": "saved"}, [], "12-04", "none", "saved"),
        ({"follow_up_policy": "do_not_follow_up", "applied_on": D("11-20")}, [], "12-04", "none",
         "do_not_follow_up"),
        ({"follow_up_policy": "only_qualified", "applied_on": D("11-20")}, [], "12-04", "none",
         "only_qualified"),
        ({"applied_on": D("11-20")}, [ev("response_received", "11-25", response="rejected")], "12-04", "none",
         "turned_down"),
        ({"applied_on": D("11-10"), "posting_status": "taken_down"}, [], "12-04", "close_as_ghosted",
         "taken_down"),
        ({"applied_on": D("10-20")}, [], "12-04", "close_as_ghosted", "ghosted"),
        ({"applied_on": D("11-20")}, [ev("interview", "12-03")], "12-04", "thank_you", "thank_you"),
        ({"applied_on": D("11-20")}, [ev("response_received", "12-01")], "12-04", "wait", "reply_wait"),
        ({"applied_on": D("11-20")}, [ev("follow_up_sent", "11-23"), ev("follow_up_sent", "11-30")], "12-04",
         "let_go", "let_go"),
        ({"applied_on": D("11-20")}, [ev("interview", "11-30"), ev("thank_you_sent", "11-30")], "12-04",
         "follow_up", "after_thank_you"),
        ({"applied_on": D("11-20")}, [ev("follow_up_sent", "11-30")], "12-04", "follow_up",
         "follow_up_again"),
        ({"applied_on": D("11-30")}, [], "12-04", "follow_up", "applied"),
        ({}, [], "12-04", "none", "no_applied_date"),
    ],
)  # fmt: skip
def test_every_rule_names_itself(fields: dict, events: list, today: str, kind: str, rule: str) -> None:
    fields.setdefault("stage", "applied")
    a = act(app(**fields), events, today)
    assert (a.kind, a.rule) == (kind, rule), a.reason
    assert a.to_dict()["rule"] == rule


def test_a_snooze_is_a_wait_due_the_snooze_end() -> None:
    a = act(app(stage="applied", applied_on=D("11-01"), snoozed_until=D("12-05")), [], "12-01")
    assert (a.kind, a.due, a.rule) == ("wait", D("12-07"), "snoozed")  # Saturday → Monday
    assert badge(a, D("12-01")).startswith("snoozed")


def test_the_company_budget_turns_a_follow_up_into_a_wait() -> None:
    mine = app(stage="applied", applied_on=D("11-20"))
    other = Application(id=2, company="Stripe, Inc.", role="SRE", stage="applied", applied_on=D("11-01"))
    board = Board(
        applications=[mine, other], contacts=[JANE], events=[ev("follow_up_sent", "12-01", app_id=2)]
    )
    a = next_action(mine, board, D("12-04"))
    assert (a.kind, a.due, a.rule) == ("wait", D("12-08"), "company_budget")
    assert badge(a, D("12-04")).startswith("cooldown")


# --- the person you met ---------------------------------------------------------------------------


def test_after_an_interview_the_person_you_met_is_the_contact() -> None:
    application = app(applied_on=D("11-16"), contact_ids=[1])
    before = act(application, [], "11-30")
    assert before.contact_id == 10  # before any interview: the probable hiring manager
    events = [ev("interview", "12-03", contact_id=1)]
    a = act(application, events, "12-04")
    assert (a.kind, a.contact_id) == ("thank_you", 1)
    assert a.reason.startswith(
        "Send a thank-you to jane.doe@stripe.example (probably an interviewer) by email"
    )
    assert "you met them at the interview yesterday" in a.reason
    # after the thank-you, the check-in goes to her too
    later = act(application, [*events, ev("thank_you_sent", "12-03", contact_id=1)], "12-10")
    assert (later.kind, later.contact_id, later.rule) == ("follow_up", 1, "after_thank_you")
    assert "you met them at the interview" in later.reason


def test_the_finder_ranks_the_interviewer_first_and_infers_the_role() -> None:
    application = app(applied_on=D("11-16"))
    board = Board(
        applications=[application],
        contacts=[*STRANGERS, JANE],
        events=[ev("interview", "12-03", contact_id=1)],
    )
    ranked = candidates(application, board, after_interview=True)
    assert [c.contact.id for c in ranked[:2]] == [1, 10]
    jane = ranked[0]
    assert (jane.role, jane.inferred, jane.role_label) == ("interviewer", True, "probably an interviewer")
    assert jane.reason == "you met them at the interview (interviewer at Stripe)"
    assert not jane.attached  # met, not attached: the finder still offers to attach her
    assert best_candidate(application, board, after_interview=True).contact.id == 1
    # a role set by hand is kept
    known = Contact(
        id=1, name="Jane Doe", email="jane.doe@stripe.example", company="Stripe", role="recruiter"
    )
    board = Board(applications=[application], contacts=[*STRANGERS, known], events=board.events)
    assert candidates(application, board, after_interview=True)[0].role == "recruiter"
    # before the interview, ranking is by role as before
    assert candidates(application, board)[0].contact.id == 10


# --- several interviewers (issue 19) --------------------------------------------------------------

OMAR = Contact(id=2, name="Omar Diaz", email="omar@stripe.example", company="Stripe")
LI = Contact(id=3, name="Li Wei", email="li@stripe.example", company="Stripe")
PANEL = [JANE, OMAR, LI, *STRANGERS]


def test_one_thank_you_per_interviewer() -> None:
    interview = ev("interview", "12-03", contact_id=2, contact_ids=[3, 1], round="onsite")
    application = app(applied_on=D("11-16"))
    a = act(application, [interview], "12-03", contacts=PANEL)
    assert (a.kind, a.contact_id, a.due) == ("thank_you", 2, D("12-03"))
    assert "(0 of 3 interviewers thanked so far)" in a.reason
    thanked_two = [
        interview,
        ev("thank_you_sent", "12-03", contact_id=2),
        ev("thank_you_sent", "12-04", contact_id=3),
    ]
    a = act(application, thanked_two, "12-04", contacts=PANEL)
    assert (a.kind, a.contact_id, a.due) == ("thank_you", 1, D("12-03"))  # overdue keeps its date
    assert "(2 of 3 interviewers thanked so far)" in a.reason
    all_three = [*thanked_two, ev("thank_you_sent", "12-04", contact_id=1)]
    a = act(application, all_three, "12-04", contacts=PANEL)
    assert a.kind == "follow_up" and a.rule == "after_thank_you"


def test_a_thank_you_naming_nobody_thanks_them_all() -> None:
    events = [ev("interview", "12-03", contact_id=2, contact_ids=[3]), ev("thank_you_sent", "12-03")]
    assert act(app(applied_on=D("11-16")), events, "12-04", contacts=PANEL).kind == "follow_up"


def test_a_thank_you_before_the_interview_does_not_count() -> None:
    events = [ev("interview", "11-20", contact_id=2), ev("thank_you_sent", "11-20", contact_id=2),
              ev("interview", "12-03", contact_id=2)]  # fmt: skip
    a = act(app(applied_on=D("11-16")), events, "12-04", contacts=PANEL)
    assert (a.kind, a.contact_id, a.due) == ("thank_you", 2, D("12-03"))


# --- planned interviews -------------------------------------------------------------------------


def test_a_planned_interview_becomes_past() -> None:
    application = app(applied_on=D("11-16"))
    planned = ev("interview", "12-07", contact_id=2, at="14:30", tz="Europe/Paris", round="technical")
    events = [ev("response_received", "11-30"), planned]
    board = Board(applications=[application], contacts=PANEL, events=events)
    # Before: the reply is the latest word; the planned interview is no contact yet.
    before = next_action(application, board, D("12-04"))
    assert (before.kind, before.rule) == ("wait", "reply_wait")
    assert interview_reminders(board, D("12-04")) == []
    [prep] = interview_reminders(board, D("12-06"))
    assert (prep.kind, prep.due) == ("prepare", D("12-06"))
    assert prep.text == "Prepare: technical interview tomorrow at 14:30 (Europe/Paris)."
    [today] = interview_reminders(board, D("12-07"))
    assert today.kind == "today" and today.text.startswith("Technical interview today at 14:30")
    # On the day it is held: a thank-you to Omar, due that day.
    after = next_action(application, board, D("12-07"))
    assert (after.kind, after.contact_id, after.due) == ("thank_you", 2, D("12-07"))
    assert next_actions(board, D("12-07"))[1] == after
    assert interview_reminders(board, D("12-08")) == []
