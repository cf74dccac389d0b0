"""Ranking the people to follow up with (DESIGN.md §5) and choosing the channel (§4)."""

from __future__ import annotations

import gc
import random
import weakref
from datetime import date

import pytest

from tui.domain.board import Board
from tui.domain.models import CONTACT_ROLES, Application, Contact
from tui.followup.finder import (
    AFTER_INTERVIEW_ORDER,
    FOLLOW_UP_ORDER,
    HR_INBOX_WARNING,
    best_candidate,
    best_channel,
    candidates,
    effective_role,
    infer_role,
)
from tui.followup.rules import next_actions


def app_(**kw) -> Application:
    base = {"id": 1, "company": "Acme, Inc.", "role": "Backend Engineer", "stage": "applied"}
    base.update(kw)
    return Application(**base)


def person(cid: int, name: str, **kw) -> Contact:
    base = {"id": cid, "name": name, "company": "Acme", "email": f"{name.split()[0].lower()}@acme.example"}
    base.update(kw)
    return Contact(**base)


def names(cands) -> list[str]:
    return [c.contact.name for c in cands]


# --- roles ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "email", "expected"),
    [
        ("Talent Acquisition Partner", "", "recruiter"),  # the design's example
        ("Senior Technical Recruiter", "", "recruiter"),
        ("Recruiting Coordinator", "", "recruiter"),
        ("HR Business Partner", "", "recruiter"),
        ("Talent Acquisition Manager", "", "recruiter"),  # a recruiter, though it says manager
        ("Engineering Manager", "", "hiring_manager"),  # the design's example
        ("Hiring Manager", "", "hiring_manager"),
        ("Head of Platform", "", "hiring_manager"),
        ("Director of Engineering", "", "hiring_manager"),
        ("VP Engineering", "", "hiring_manager"),
        ("CTO", "", "hiring_manager"),
        ("Co-founder & CEO", "", "hiring_manager"),
        ("Software Engineer", "", "peer"),
        ("Senior Data Scientist", "", "peer"),
        ("Product Manager", "", "peer"),  # manages a product, not people
        ("Staff Engineer, Payments", "", "peer"),
        ("", "jobs@acme.example", "hr_inbox"),  # the design's examples
        ("", "careers@acme.example", "hr_inbox"),
        ("", "hr@acme.example", "hr_inbox"),
        ("", "recruiting@acme.example", "hr_inbox"),
        ("", "talent@acme.example", "hr_inbox"),
        ("", "Jobs+Backend@acme.example", "hr_inbox"),
        ("Engineering Manager", "careers@acme.example", "hr_inbox"),  # it lands in a shared queue
        ("", "hal.jordan@acme.example", None),
        ("Astronaut", "", None),
        ("", "", None),
        ("", "jobs", None),  # not an address
    ],
)
def test_infer_role(title: str, email: str, expected: str | None) -> None:
    contact = Contact(name="Someone", title=title, email=email)
    assert infer_role(contact) == expected


def test_effective_role_set_role_wins() -> None:
    c = Contact(name="Hal", title="Talent Acquisition Partner", email="careers@x.example", role="referrer")
    assert effective_role(c) == ("referrer", False)


def test_effective_role_inferred_is_marked() -> None:
    assert effective_role(Contact(name="Hal", title="Engineering Manager")) == ("hiring_manager", True)


def test_effective_role_unknown_is_other_and_inferred() -> None:
    assert effective_role(Contact(name="Hal", title="Astronaut")) == ("other", True)


def test_infer_role_survives_odd_text() -> None:
    for title in ("x" * 10_000, "{role} }{", "🙂 **Manager**", "\x00"):
        role = infer_role(Contact(name="A", title=title, email="@@@"))
        assert role is None or role in CONTACT_ROLES


# --- ranking --------------------------------------------------------------------------


def test_hiring_manager_at_the_company_beats_an_attached_hr_inbox() -> None:
    inbox = person(1, "Careers", email="careers@acme.example", role="hr_inbox")
    hal = person(2, "Hal Jordan", role="hiring_manager")
    board = Board(applications=[app_(contact_ids=[1])], contacts=[inbox, hal])
    ranked = candidates(board.applications[0], board, after_interview=False)
    assert names(ranked) == ["Hal Jordan", "Careers"]
    assert ranked[0].attached is False and ranked[1].attached is True
    assert ranked[1].warning == HR_INBOX_WARNING
    assert ranked[0].warning is None


def test_follow_up_order_is_the_designs() -> None:
    roles = list(reversed(FOLLOW_UP_ORDER))  # insert in the wrong order on purpose
    contacts = [person(i, f"P{i} {r}", role=r) for i, r in enumerate(roles, start=1)]
    board = Board(applications=[app_()], contacts=contacts)
    ranked = candidates(board.applications[0], board, after_interview=False)
    assert [c.role for c in ranked] == [
        "hiring_manager",
        "job_poster",
        "recruiter",
        "referrer",
        "interviewer",
        "peer",
        "other",
        "hr_inbox",
    ]


def test_after_an_interview_the_interviewer_comes_first() -> None:
    roles = list(reversed(FOLLOW_UP_ORDER))
    contacts = [person(i, f"P{i} {r}", role=r) for i, r in enumerate(roles, start=1)]
    board = Board(applications=[app_()], contacts=contacts)
    ranked = candidates(board.applications[0], board, after_interview=True)
    assert [c.role for c in ranked][:3] == ["interviewer", "hiring_manager", "recruiter"]
    assert [c.role for c in ranked][3:] == ["job_poster", "referrer", "peer", "other", "hr_inbox"]
    assert tuple(c.role for c in ranked) == AFTER_INTERVIEW_ORDER


def test_within_a_role_attached_first_then_by_name() -> None:
    contacts = [
        person(1, "Zed Recruiter", role="recruiter"),
        person(2, "Amy Recruiter", role="recruiter"),
        person(3, "bob recruiter", role="recruiter"),
        person(4, "Yan Recruiter", role="recruiter"),
    ]
    board = Board(applications=[app_(contact_ids=[4, 1])], contacts=contacts)
    ranked = candidates(board.applications[0], board)
    assert names(ranked) == ["Yan Recruiter", "Zed Recruiter", "Amy Recruiter", "bob recruiter"]
    assert [c.attached for c in ranked] == [True, True, False, False]


def test_company_names_are_compared_loosely() -> None:
    hal = person(1, "Hal Jordan", company="ACME", role="hiring_manager")
    board = Board(applications=[app_(company="Acme, Inc.")], contacts=[hal])
    assert names(candidates(board.applications[0], board)) == ["Hal Jordan"]


def test_juliet_is_not_julietta() -> None:
    other = person(1, "Romeo", company="Julietta", role="hiring_manager")
    board = Board(applications=[app_(company="Juliet")], contacts=[other])
    assert candidates(board.applications[0], board) == []
    assert best_candidate(board.applications[0], board) is None


def test_attached_contact_at_another_company_is_still_a_candidate() -> None:
    agent = person(1, "Agency Ann", company="Hooli Staffing", role="recruiter")
    board = Board(applications=[app_(contact_ids=[1, 99])], contacts=[agent])  # 99 does not exist
    ranked = candidates(board.applications[0], board)
    assert names(ranked) == ["Agency Ann"]
    assert ranked[0].attached
    assert "attached to this application" in ranked[0].reason


def test_a_contact_is_listed_once_even_if_attached_and_at_the_company() -> None:
    hal = person(1, "Hal Jordan", role="hiring_manager")
    board = Board(applications=[app_(contact_ids=[1, 1])], contacts=[hal])
    ranked = candidates(board.applications[0], board)
    assert names(ranked) == ["Hal Jordan"]
    assert ranked[0].attached


def test_reason_names_role_company_and_attachment() -> None:
    hal = person(1, "Hal Jordan", role="hiring_manager")
    board = Board(applications=[app_(contact_ids=[1])], contacts=[hal])
    assert candidates(board.applications[0], board)[0].reason == (
        "hiring manager at Acme, attached to this application"
    )


def test_inferred_role_is_shown_as_inferred() -> None:
    tal = person(1, "Tal", title="Talent Acquisition Partner")
    board = Board(applications=[app_()], contacts=[tal])
    cand = candidates(board.applications[0], board)[0]
    assert (cand.role, cand.inferred) == ("recruiter", True)
    assert "inferred" in cand.reason
    assert cand.role_label == "probably a recruiter"


def test_unknown_role_ranks_as_other() -> None:
    a = person(1, "Astro", title="Astronaut")
    b = person(2, "Pat Peer", title="Software Engineer")
    board = Board(applications=[app_()], contacts=[a, b])
    ranked = candidates(board.applications[0], board)
    assert [(c.contact.name, c.role) for c in ranked] == [("Pat Peer", "peer"), ("Astro", "other")]
    assert "role unknown" in ranked[1].reason


def test_no_company_and_nothing_attached_means_no_candidates() -> None:
    board = Board(applications=[app_(company="—")], contacts=[person(1, "Dash", company="—")])
    assert candidates(board.applications[0], board) == []


# --- channels -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("contact_kw", "role", "app_kw", "expected"),
    [
        # email wins whenever it is there and allowed
        ({"email": "a@x.example", "linkedin": "in/a", "phone": "1"}, "recruiter", {}, "email"),
        # a blocked channel is never proposed
        (
            {"email": "a@x.example", "linkedin": "in/a"},
            "recruiter",
            {"blocked_channels": ["email"]},
            "linkedin",
        ),
        ({"email": "a@x.example"}, "recruiter", {"blocked_channels": ["email"]}, None),
        ({"linkedin": "in/a"}, "recruiter", {}, "linkedin"),
        ({"linkedin": "in/a"}, "recruiter", {"blocked_channels": ["linkedin"]}, None),
        ({"email": "not an address", "linkedin": ""}, "recruiter", {}, None),
        # phone: only when the posting asks for calls, and never when blocked
        ({"phone": "555"}, "recruiter", {}, None),
        (
            {"phone": "555"},
            "recruiter",
            {"posting_text": "Feel free to call us on 555."},
            "phone",
        ),
        (
            {"phone": "555"},
            "recruiter",
            {"notes": "She said: give me a call next week"},
            "phone",
        ),
        (
            {"phone": "555"},
            "recruiter",
            {"posting_text": "Call us on 555", "blocked_channels": ["phone"]},
            None,
        ),
        ({"phone": "555"}, "recruiter", {"posting_text": "No phone calls please."}, None),
        ({"email": "a@x.example", "phone": "555"}, "recruiter", {"posting_text": "Call us!"}, "email"),
        # twitter: a casual relationship with someone who is not the decision maker...
        ({"twitter": "@p", "linkedin": "in/p", "relationship": "casual"}, "peer", {}, "twitter"),
        ({"twitter": "@p", "relationship": "casual"}, "recruiter", {}, "twitter"),
        # ...and email still wins over it (the seed: email is the safer bet)
        ({"email": "p@x.example", "twitter": "@p", "relationship": "casual"}, "peer", {}, "email"),
        # not for a formal relationship
        (
            {"twitter": "@p", "linkedin": "in/p", "relationship": "formal"},
            "peer",
            {},
            "linkedin",
        ),
        ({"twitter": "@p", "relationship": "formal"}, "peer", {}, None),
        # not for the decision maker, however casual
        (
            {"twitter": "@h", "linkedin": "in/h", "relationship": "casual"},
            "hiring_manager",
            {},
            "linkedin",
        ),
        ({"twitter": "@h", "relationship": "casual"}, "hiring_manager", {}, None),
        # and not when blocked
        (
            {"twitter": "@p", "linkedin": "in/p", "relationship": "casual"},
            "peer",
            {"blocked_channels": ["twitter"]},
            "linkedin",
        ),
    ],
)
def test_best_channel(contact_kw: dict, role: str, app_kw: dict, expected: str | None) -> None:
    contact = Contact(name="Someone", **contact_kw)
    app = app_(**app_kw)
    channel = best_channel(contact, app, role)
    assert channel == expected
    assert channel not in app.blocked_channels


def test_no_usable_channel_says_so() -> None:
    c = person(1, "Hal Jordan", role="hiring_manager")
    board = Board(applications=[app_(blocked_channels=["email"])], contacts=[c])
    cand = candidates(board.applications[0], board)[0]
    assert cand.channel is None
    assert cand.warning is not None and cand.warning.startswith("no usable channel")
    assert "email" in cand.warning
    assert best_candidate(board.applications[0], board) is None


def test_nothing_on_file_says_so() -> None:
    c = Contact(id=1, name="Hal", company="Acme", role="hiring_manager")
    board = Board(applications=[app_()], contacts=[c])
    cand = candidates(board.applications[0], board)[0]
    assert cand.channel is None
    assert cand.warning is not None and cand.warning.startswith("no usable channel")


def test_blocked_channels_are_never_proposed_for_any_candidate() -> None:
    contacts = [
        Contact(
            id=i,
            name=f"C{i}",
            company="Acme",
            email=f"c{i}@x.example" if i % 2 else "",
            linkedin="in/c" if i % 3 else "",
            twitter="@c" if i % 5 else "",
            phone="555",
            relationship="casual" if i % 4 else "formal",
            role=CONTACT_ROLES[i % len(CONTACT_ROLES)],
        )
        for i in range(1, 40)
    ]
    for blocked in (["email"], ["email", "linkedin"], ["twitter", "email"], ["phone", "email", "linkedin"]):
        app = app_(blocked_channels=blocked, posting_text="Please call us.")
        board = Board(applications=[app], contacts=contacts)
        for after in (False, True):
            for cand in candidates(app, board, after_interview=after):
                assert cand.channel not in blocked


def test_hr_inbox_with_an_address_gets_the_exact_warning() -> None:
    inbox = Contact(id=1, name="", email="jobs@acme.example", company="Acme")
    board = Board(applications=[app_()], contacts=[inbox])
    cand = candidates(board.applications[0], board)[0]
    assert cand.role == "hr_inbox" and cand.inferred
    assert cand.channel == "email"
    assert (
        cand.warning == "replies from a general HR inbox are unlikely: find the person hiring for this role"
    )


# --- best_candidate agrees with the full ranking ----------------------------------------


def test_best_candidate_prefers_a_reachable_contact_over_a_better_ranked_unreachable_one() -> None:
    hal = Contact(id=1, name="Hal", company="Acme", role="hiring_manager", phone="555")  # no usable channel
    rita = person(2, "Rita Recruiter", role="recruiter")
    board = Board(applications=[app_()], contacts=[hal, rita])
    best = best_candidate(board.applications[0], board)
    assert best is not None and best.contact.name == "Rita Recruiter"


def test_best_candidate_is_the_first_reachable_of_candidates() -> None:
    rng = random.Random(11)
    companies = ["Acme", "ACME Inc.", "Globex", "Initech LLC"]
    contacts = [
        Contact(
            id=i,
            name=rng.choice(["Ann", "Bob", "Cy", "Di", "Ed"]) + f" {i}",
            company=rng.choice(companies),
            email=f"p{i}@x.example" if rng.random() < 0.4 else "",
            linkedin="in/p" if rng.random() < 0.4 else "",
            twitter="@p" if rng.random() < 0.3 else "",
            phone="555" if rng.random() < 0.3 else "",
            relationship=rng.choice(["formal", "casual"]),
            role=rng.choice([*CONTACT_ROLES, None]),
            title=rng.choice(["", "Engineering Manager", "Recruiter", "Engineer"]),
        )
        for i in range(1, 120)
    ]
    apps = [
        Application(
            id=n,
            company=rng.choice(companies),
            role="R",
            contact_ids=rng.sample(range(1, 130), 3),
            blocked_channels=rng.sample(["email", "linkedin", "twitter", "phone"], rng.randrange(0, 4)),
            posting_text=rng.choice(["", "Call us any time."]),
        )
        for n in range(1, 60)
    ]
    board = Board(applications=apps, contacts=contacts)
    for app in apps:
        for after in (False, True):
            reachable = [c for c in candidates(app, board, after_interview=after) if c.channel]
            best = best_candidate(app, board, after_interview=after)
            if not reachable:
                assert best is None
            else:
                assert best is not None
                assert (best.contact.id, best.channel, best.attached) == (
                    reachable[0].contact.id,
                    reachable[0].channel,
                    reachable[0].attached,
                )


def test_a_changed_board_is_not_served_stale_results() -> None:
    app = app_()
    board = Board(applications=[app], contacts=[person(1, "Rita Recruiter", role="recruiter")])
    assert names(candidates(app, board)) == ["Rita Recruiter"]
    board.contacts.append(person(2, "Hal Jordan", role="hiring_manager"))
    board.__dict__.pop("contact_by_id", None)
    assert names(candidates(app, board)) == ["Hal Jordan", "Rita Recruiter"]
    fresh = Board(applications=[app], contacts=[person(3, "Pat Peer", role="peer")])
    assert names(candidates(app, fresh)) == ["Pat Peer"]


def test_a_company_not_on_the_board_is_still_found() -> None:
    board = Board(
        applications=[app_()], contacts=[person(1, "Gina", company="Globex Corp", role="recruiter")]
    )
    elsewhere = app_(id=2, company="Globex")  # not on the board yet (a capture preview)
    assert names(candidates(elsewhere, board)) == ["Gina"]


def test_the_per_board_memo_does_not_keep_a_board_alive() -> None:
    app = app_(applied_on=date(2025, 3, 3))
    board = Board(applications=[app], contacts=[person(1, "Hal Jordan", role="hiring_manager")])
    candidates(app, board)
    best_candidate(app, board)
    assert next_actions(board, date(2025, 3, 10))[1].contact_id == 1
    ref = weakref.ref(board)
    del board
    gc.collect()
    assert ref() is None
