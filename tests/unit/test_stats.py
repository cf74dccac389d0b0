"""Stats (DESIGN.md §9, issue 10): every figure on a hand-built board, worked out by hand.

Today is Friday 2026-11-27. Calendar weeks start on Monday: the current week is
Mon 11-23 … Sun 11-29, and the twelve weeks shown start Mon 09-07.

The board (A = application, m = message: follow_up_sent / thank_you_sent):

    A1 Alpha    saved, never applied, created 11-20
    A2 Beta     applied 11-01, source linkedin
                  m1 follow-up 11-08 (Sun) email    → Rita  (no role; title → recruiter, inferred)
                  m2 follow-up 11-15 (Sun) email    → Hal   (hiring_manager)
                  response 11-18                        (answers m2; m1 was followed by m2 first)
    A3 Gamma    interviewing, applied 10-01, source referral
                  interview 10-20 with Hal
                  m3 thank-you 10-21 linkedin        → Hal
                  response 10-25                        (answers m3)
    A4 Delta    closed hired, applied 06-01, source job_board
                  response 06-05; applied → interviewing 06-10; interviewing → offer 06-20;
                  offer → closed (hired) 07-01
    A5 Epsilon  closed rejected, applied 09-01, source job_board
                  m4 follow-up 09-05 (Sat) phone, no contact
                  response 09-06 (rejected)            (answers m4)
                  applied → interviewing 09-10; interviewing → closed (rejected) 09-20
    A6 Zeta     offer (there now, no stage events), applied 11-20, source company_site
                  m5 follow-up 11-22 (Sun) email    → careers@ (no role; address → hr_inbox)
                  m6 follow-up 11-24 no channel     → Jess  (peer)
    A7 Eta      closed withdrawn, never applied, created 11-05; saved → closed (withdrawn) 11-10
    A8 Theta    applied 11-26, source other
                  applied event 11-26; response 11-26 (same day: 0 days)
                  m7 follow-up 11-27 linkedin        → contact 99 (deleted: role unknown)
    A10 Iota    saved, never applied, created 11-10; "applied -> saved" 11-12 (moved back)
"""

from __future__ import annotations

import json
from datetime import date
from itertools import count
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.board import Board
from tui.domain.errors import InputError
from tui.domain.models import CHANNELS, EVENT_KINDS, SOURCES, STAGES, Application, Contact, Event
from tui.followup.stats import (
    FUNNEL,
    Ratio,
    Stats,
    cells,
    compute_stats,
    conversion_text,
    format_stats,
    percent,
    split_cells,
)

TODAY = date(2026, 11, 27)


def D(mmdd: str, year: int = 2026) -> date:
    return date.fromisoformat(f"{year}-{mmdd}")


_ids = count(1)


def ev(app_id: int, kind: str, on: str, **kw: Any) -> Event:
    if kind == "response_received":
        kw.setdefault("response", "positive")
    return Event(id=next(_ids), application_id=app_id, kind=kind, on=D(on), **kw)


def app(
    app_id: int, stage: str, *, applied: str | None = None, created: str = "11-01", **kw: Any
) -> Application:
    return Application(
        id=app_id,
        company=f"Company {app_id}",
        role="Engineer",
        stage=stage,
        applied_on=D(applied) if applied else None,
        created_at=f"2026-{created}T09:30:00+00:00",
        **kw,
    )


HAL = Contact(id=1, name="Hal Jordan", role="hiring_manager")
RITA = Contact(id=2, name="Rita Ortega", title="Talent Acquisition Partner")  # inferred: recruiter
CAREERS = Contact(id=3, name="", email="careers@zeta.example")  # inferred: hr_inbox
JESS = Contact(id=4, name="Jess Park", role="peer")


def hand_board() -> Board:
    apps = [
        app(1, "saved", created="11-20"),
        app(2, "applied", applied="11-01", source="linkedin"),
        app(3, "interviewing", applied="10-01", source="referral"),
        app(4, "closed", applied="06-01", outcome="hired", source="job_board"),
        app(5, "closed", applied="09-01", outcome="rejected", source="job_board"),
        app(6, "offer", applied="11-20", source="company_site"),
        app(7, "closed", outcome="withdrawn", created="11-05"),
        app(8, "applied", applied="11-26", source="other"),
        app(10, "saved", created="11-10"),
    ]
    events = [
        ev(2, "follow_up_sent", "11-08", channel="email", contact_id=2),  # m1
        ev(2, "follow_up_sent", "11-15", channel="email", contact_id=1),  # m2
        ev(2, "response_received", "11-18", response="neutral", channel="email", contact_id=1),
        ev(3, "interview", "10-20", contact_id=1),
        ev(3, "thank_you_sent", "10-21", channel="linkedin", contact_id=1),  # m3
        ev(3, "response_received", "10-25"),
        ev(4, "response_received", "06-05"),
        ev(4, "stage_changed", "06-10", text="applied → interviewing"),
        ev(4, "stage_changed", "06-20", text="interviewing → offer"),
        ev(4, "stage_changed", "07-01", text="offer → closed (hired)"),
        ev(5, "follow_up_sent", "09-05", channel="phone"),  # m4
        ev(5, "response_received", "09-06", response="rejected"),
        ev(5, "stage_changed", "09-10", text="applied → interviewing"),
        ev(5, "stage_changed", "09-20", text="interviewing → closed (rejected)"),
        ev(6, "follow_up_sent", "11-22", channel="email", contact_id=3),  # m5
        ev(6, "follow_up_sent", "11-24", contact_id=4),  # m6
        ev(7, "stage_changed", "11-10", text="saved → closed (withdrawn)"),
        ev(8, "applied", "11-26"),
        ev(8, "response_received", "11-26", response="neutral"),
        ev(8, "follow_up_sent", "11-27", channel="linkedin", contact_id=99),  # m7
        ev(10, "stage_changed", "11-12", text="applied -> saved"),
    ]
    return Board(applications=apps, contacts=[HAL, RITA, CAREERS, JESS], events=events)


def rows(items) -> list[tuple[str, int, int]]:
    return [(r.key, r.ratio.hits, r.ratio.total) for r in items]


@pytest.fixture(scope="module")
def all_time() -> Stats:
    return compute_stats(hand_board(), TODAY)


# -- all time ---------------------------------------------------------------------------


def test_counts_every_application(all_time: Stats) -> None:
    assert all_time.applications == 9
    assert all_time.since is None and all_time.period_days is None


def test_funnel_all_time(all_time: Stats) -> None:
    # saved: all 9. applied: A2 A3 A4 A5 A6 A8 A10 = 7 (A1 and A7 never applied).
    # interviewing: A3 (there), A4, A5 (stage events), A6 (an offer passed it) = 4.
    # offer: A4 (event), A6 (there) = 2. hired: A4 = 1.
    assert [(s.stage, s.reached) for s in all_time.funnel] == [
        ("saved", 9),
        ("applied", 7),
        ("interviewing", 4),
        ("offer", 2),
        ("hired", 1),
    ]
    conversions = [s.from_previous for s in all_time.funnel]
    assert conversions[0] is None
    assert [(c.hits, c.total) for c in conversions[1:]] == [(7, 9), (4, 7), (2, 4), (1, 2)]
    # 7/9 = 77.8% → 78%; 4/7 = 57.1% → 57%; 2 of 4 and 1 of 2 are under five cases.
    texts = [conversion_text(s, p) for s, p in zip(all_time.funnel, (None, *FUNNEL), strict=False)]
    assert texts == ["", "78% of saved", "57% of applied", "2 of 4 at interviewing", "1 of 2 at offer"]


def test_response_rate_overall(all_time: Stats) -> None:
    # Answered: m2 (the reply came after it), m3, m4. Not: m1 (m2 followed before any reply),
    # m5, m6 (nothing since), m7 (A8's reply came before it). 3 of 7 = 42.9% → 43%.
    assert (all_time.responses.hits, all_time.responses.total) == (3, 7)
    assert all_time.responses.text == "43% (3 of 7)"
    assert all_time.responses.rate == pytest.approx(3 / 7)


def test_response_rate_by_channel(all_time: Stats) -> None:
    # email m1 m2 m5 → 1 of 3; linkedin m3 m7 → 1 of 2; phone m4 → 1 of 1; no channel m6 → 0 of 1.
    # Most messages first; ties in the models' order, unknown last.
    assert rows(all_time.by_channel) == [
        ("email", 1, 3),
        ("linkedin", 1, 2),
        ("phone", 1, 1),
        ("unknown", 0, 1),
    ]
    assert [r.ratio.text for r in all_time.by_channel] == ["1 of 3", "1 of 2", "1 of 1", "0 of 1"]
    assert all(r.ratio.rate is None for r in all_time.by_channel)  # all under five cases


def test_response_rate_by_source(all_time: Stats) -> None:
    # linkedin m1 m2 → 1 of 2; company_site m5 m6 → 0 of 2; referral m3 → 1 of 1;
    # job_board m4 → 1 of 1; other m7 → 0 of 1.
    assert rows(all_time.by_source) == [
        ("linkedin", 1, 2),
        ("company_site", 0, 2),
        ("referral", 1, 1),
        ("job_board", 1, 1),
        ("other", 0, 1),
    ]
    assert [r.label for r in all_time.by_source][:2] == ["linkedin", "company site"]


def test_response_rate_by_contact_role(all_time: Stats) -> None:
    # hiring_manager m2 m3 → 2 of 2; unknown m4 (no contact) m7 (deleted contact) → 1 of 2;
    # recruiter m1 (inferred from the title) → 0 of 1; peer m6 → 0 of 1;
    # hr_inbox m5 (inferred from careers@) → 0 of 1.
    assert rows(all_time.by_role) == [
        ("hiring_manager", 2, 2),
        ("unknown", 1, 2),
        ("recruiter", 0, 1),
        ("peer", 0, 1),
        ("hr_inbox", 0, 1),
    ]


def test_each_breakdown_adds_up_to_the_overall_rate(all_time: Stats) -> None:
    for breakdown in (all_time.by_channel, all_time.by_source, all_time.by_role):
        assert sum(r.ratio.total for r in breakdown) == 7
        assert sum(r.ratio.hits for r in breakdown) == 3


def test_days_to_first_response(all_time: Stats) -> None:
    # A2 11-01 → 11-18 = 17; A3 10-01 → 10-25 = 24; A4 06-01 → 06-05 = 4; A5 09-01 → 09-06 = 5;
    # A8 11-26 → 11-26 = 0. Sorted 0 4 5 17 24: the median is 5.
    assert all_time.days_to_first_response == (0, 4, 5, 17, 24)
    assert all_time.median_days_to_first_response == 5
    # under a week: 0 4 5; 1–2 weeks: none; 2–4 weeks: 17 24; 4+ weeks: none.
    assert all_time.response_time_buckets == (
        ("under a week", 3),
        ("1–2 weeks", 0),
        ("2–4 weeks", 2),
        ("4+ weeks", 0),
    )


def test_messages_per_week(all_time: Stats) -> None:
    # Mondays 09-07 … 11-23. m4 (Sat 09-05) is before the first week. m3 10-21 → week of 10-19;
    # m1 Sun 11-08 → week of 11-02; m2 Sun 11-15 → 11-09; m5 Sun 11-22 → 11-16; m6 11-24 and
    # m7 11-27 → this week.
    mondays = [w for w, _ in all_time.per_week]
    assert mondays[0] == D("09-07") and mondays[-1] == D("11-23") and len(mondays) == 12
    assert all(m.weekday() == 0 for m in mondays)
    assert [n for _, n in all_time.per_week] == [0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 2]


# -- periods ------------------------------------------------------------------------------


def test_last_30_days() -> None:
    # Since 10-29 (today and the 29 days before). Applications by applied_on, or by creation
    # when never applied: A1 (11-20), A2 (11-01), A6 (11-20), A7 (11-05), A8 (11-26),
    # A10 (11-10) = 6. Out: A3 (10-01), A4 (06-01), A5 (09-01).
    stats = compute_stats(hand_board(), TODAY, 30)
    assert stats.since == D("10-29")
    assert stats.applications == 6
    # saved 6; applied A2 A6 A8 A10 = 4; interviewing and offer: A6 = 1; hired 0.
    assert [s.reached for s in stats.funnel] == [6, 4, 1, 1, 0]
    # Messages since 10-29: m1 m2 m5 m6 m7 = 5, of which m2 answered: 1 of 5 = 20%.
    assert (stats.responses.hits, stats.responses.total) == (1, 5)
    assert stats.responses.text == "20% (1 of 5)"
    assert rows(stats.by_channel) == [("email", 1, 3), ("linkedin", 0, 1), ("unknown", 0, 1)]
    # First responses of A2 (17) and A8 (0): median 8.5.
    assert stats.days_to_first_response == (0, 17)
    assert stats.median_days_to_first_response == 8.5
    # The weekly chart always covers 12 weeks.
    assert [n for _, n in stats.per_week] == [0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 2]


def test_last_90_days() -> None:
    # Since 08-30: everything but A4 (applied 06-01) = 8 applications; all 7 messages.
    stats = compute_stats(hand_board(), TODAY, 90)
    assert stats.since == D("08-30")
    assert stats.applications == 8
    # saved 8; applied 7 - A4 = 6; interviewing A3 A5 A6 = 3; offer A6 = 1; hired 0.
    assert [s.reached for s in stats.funnel] == [8, 6, 3, 1, 0]
    assert (stats.responses.hits, stats.responses.total) == (3, 7)
    assert stats.days_to_first_response == (0, 5, 17, 24)


@pytest.mark.parametrize("bad", [0, -5])
def test_a_period_is_at_least_a_day(bad: int) -> None:
    with pytest.raises(InputError):
        compute_stats(hand_board(), TODAY, bad)


# -- the funnel's evidence, one case per row --------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "outcome", "applied", "events", "expected"),
    [
        ("saved", None, None, [], "saved"),
        ("applied", None, None, [], "applied"),  # there now, even without a date
        ("saved", None, "11-01", [], "applied"),  # applied_on set
        ("saved", None, None, [("applied", "")], "applied"),
        ("saved", None, None, [("interview", "")], "interviewing"),
        (
            "closed",
            "rejected",
            "11-01",
            [("stage_changed", "interviewing → closed (rejected)")],
            "interviewing",
        ),
        ("closed", "withdrawn", "11-01", [("stage_changed", "offer → closed (withdrawn)")], "offer"),
        ("closed", "hired", None, [], "hired"),  # hired implies an offer before it
        ("applied", None, "11-01", [("stage_changed", "applied -> offer")], "offer"),
        ("applied", None, "11-01", [("stage_changed", "applied → closed (hired)")], "hired"),
        ("closed", "ghosted", None, [], "saved"),  # closed before ever applying
        ("saved", None, None, [("stage_changed", "{moved} → [b]offer[/b] 🎉")], "saved"),
        ("saved", None, None, [("stage_changed", "x" * 10_000)], "saved"),
        ("saved", None, None, [("note", "applied → offer")], "saved"),  # only stage events count
    ],
)
def test_furthest_stage_reached(stage, outcome, applied, events, expected) -> None:
    board = Board(
        applications=[app(1, stage, applied=applied, outcome=outcome)],
        events=[ev(1, kind, "11-10", text=text) for kind, text in events],
    )
    funnel = compute_stats(board, TODAY).funnel
    reached = [s.stage for s in funnel if s.reached]
    assert reached == list(FUNNEL[: FUNNEL.index(expected) + 1])


# -- honest numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hits", "total", "text", "rate"),
    [
        (0, 0, "none yet", None),
        (2, 3, "2 of 3", None),
        (0, 4, "0 of 4", None),
        (4, 4, "4 of 4", None),
        (1, 5, "20% (1 of 5)", 0.2),
        (5, 5, "100% (5 of 5)", 1.0),
        (1, 8, "13% (1 of 8)", 0.125),  # 12.5 rounds half up
        (2, 3000, "0% (2 of 3000)", 2 / 3000),
    ],
)
def test_ratio_is_honest_about_small_numbers(hits, total, text, rate) -> None:
    ratio = Ratio(hits, total)
    assert ratio.text == text
    assert ratio.rate == (pytest.approx(rate) if rate is not None else None)
    assert ratio.to_dict()["rate"] == (round(rate, 4) if rate is not None else None)


@pytest.mark.parametrize(
    ("hits", "total", "expected"), [(2, 3, 67), (1, 3, 33), (1, 8, 13), (7, 9, 78), (0, 9, 0)]
)
def test_percent_rounds_half_up(hits, total, expected) -> None:
    assert percent(hits, total) == expected


@pytest.mark.parametrize(
    ("value", "scale", "width", "expected"),
    [(0, 10, 20, 0), (10, 10, 20, 20), (5, 10, 20, 10), (1, 1000, 20, 1), (3, 0, 20, 0), (7, 10, 0, 0)],
)
def test_cells(value, scale, width, expected) -> None:
    assert cells(value, scale, width) == expected


@pytest.mark.parametrize(
    ("hits", "total", "scale", "width", "expected"),
    [
        (0, 2, 2, 10, (0, 10)),
        (2, 2, 2, 10, (10, 0)),
        (1, 3, 3, 9, (3, 6)),
        (1, 1, 5, 10, (2, 0)),
        (0, 1, 5, 10, (0, 2)),
        (1, 1000, 1000, 10, (1, 9)),  # one answer still shows
        (999, 1000, 1000, 10, (9, 1)),  # one miss still shows
        (0, 0, 5, 10, (0, 0)),
    ],
)
def test_split_cells(hits, total, scale, width, expected) -> None:
    assert split_cells(hits, total, scale, width) == expected


# -- output ---------------------------------------------------------------------------------


def test_to_dict_is_json_with_every_figure(all_time: Stats) -> None:
    data = json.loads(json.dumps(all_time.to_dict()))
    assert data["today"] == "2026-11-27"
    assert data["period"] == {"days": None, "since": None}
    assert data["applications"] == 9
    assert data["funnel"][0] == {"stage": "saved", "reached": 9, "from_previous": None}
    assert data["funnel"][1] == {
        "stage": "applied",
        "reached": 7,
        "from_previous": {"hits": 7, "total": 9, "rate": 0.7778},
    }
    assert data["funnel"][3]["from_previous"] == {"hits": 2, "total": 4, "rate": None}
    assert data["response_rate"]["overall"] == {"hits": 3, "total": 7, "rate": 0.4286}
    assert data["response_rate"]["by_channel"][0] == {"channel": "email", "hits": 1, "total": 3, "rate": None}
    assert data["response_rate"]["by_source"][1]["source"] == "company_site"
    assert data["response_rate"]["by_contact_role"][0] == {
        "role": "hiring_manager",
        "hits": 2,
        "total": 2,
        "rate": None,
    }
    assert data["first_response"]["median_days"] == 5
    assert data["first_response"]["applications"] == 5
    assert data["first_response"]["buckets"][0] == {"label": "under a week", "count": 3}
    assert data["messages_per_week"][-1] == {"week_start": "2026-11-23", "count": 2}
    assert len(data["messages_per_week"]) == 12


def test_format_stats_fits_80_columns_and_shows_the_numbers(all_time: Stats) -> None:
    text = format_stats(all_time)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "all time · 9 applications" in text
    for expected in (
        "78% of saved",
        "2 of 4 at interviewing",
        "Response rate: 43% of messages answered (3 of 7)",
        "hiring manager",
        "median 5 days (5 applications)",
        "week of Nov 23",
    ):
        assert expected in text
    assert "%" not in next(line for line in text.splitlines() if line.strip().startswith("email"))


def test_an_empty_board() -> None:
    stats = compute_stats(Board(), TODAY)
    assert stats.applications == 0
    assert [s.reached for s in stats.funnel] == [0, 0, 0, 0, 0]
    assert stats.responses.total == 0 and stats.by_channel == ()
    assert stats.median_days_to_first_response is None
    assert sum(n for _, n in stats.per_week) == 0
    json.dumps(stats.to_dict())
    text = format_stats(stats)
    assert "no messages sent yet" in text and "No responses yet." in text


# -- invariants on random boards --------------------------------------------------------------

_event = st.fixed_dictionaries(
    {
        "app": st.integers(1, 6),
        "kind": st.sampled_from(EVENT_KINDS),
        "day": st.integers(0, 200),
        "channel": st.sampled_from((*CHANNELS, None)),
        "contact": st.sampled_from((1, 2, 3, 4, 99, None)),
        "text": st.sampled_from(("", "applied → offer", "offer → closed (hired)", "saved → applied", "{}")),
    }
)
_app = st.fixed_dictionaries(
    {
        "stage": st.sampled_from(STAGES),
        "applied": st.one_of(st.none(), st.integers(0, 200)),
        "source": st.sampled_from(SOURCES),
        "hired": st.booleans(),
    }
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_app, min_size=0, max_size=6), st.lists(_event, max_size=30), st.sampled_from((30, 90, None)))
def test_invariants(apps_in, events_in, period) -> None:
    from datetime import timedelta

    apps = [
        Application(
            id=i,
            company="C",
            role="R",
            stage=a["stage"],
            outcome=("hired" if a["hired"] else "rejected") if a["stage"] == "closed" else None,
            source=a["source"],
            applied_on=TODAY - timedelta(days=a["applied"]) if a["applied"] is not None else None,
        )
        for i, a in enumerate(apps_in, start=1)
    ]
    events = [
        Event(
            id=i,
            application_id=e["app"],
            kind=e["kind"],
            on=TODAY - timedelta(days=e["day"]),
            channel=e["channel"],
            contact_id=e["contact"],
            response="neutral" if e["kind"] == "response_received" else None,
            text=e["text"],
        )
        for i, e in enumerate(events_in, start=1)
    ]
    stats = compute_stats(Board(apps, [HAL, RITA, CAREERS, JESS], events), TODAY, period)
    reached = [s.reached for s in stats.funnel]
    assert reached == sorted(reached, reverse=True)  # a funnel only narrows
    assert reached[0] == stats.applications <= len(apps)
    assert 0 <= stats.responses.hits <= stats.responses.total
    for breakdown in (stats.by_channel, stats.by_source, stats.by_role):
        assert sum(r.ratio.total for r in breakdown) == stats.responses.total
        assert sum(r.ratio.hits for r in breakdown) == stats.responses.hits
    assert all(d >= 0 for d in stats.days_to_first_response)
    assert sum(n for _, n in stats.response_time_buckets) == len(stats.days_to_first_response)
    messages = sum(1 for e in events if e.kind in ("follow_up_sent", "thank_you_sent") and e.on >= D("09-07"))
    assert sum(n for _, n in stats.per_week) == messages
    assert max(len(line) for line in format_stats(stats).splitlines()) <= 80


# -- the demo board ------------------------------------------------------------------------


@pytest.mark.parametrize("period", [30, 90, None])
def test_every_chart_has_something_to_draw_on_the_demo(tmp_path, monkeypatch, period) -> None:
    from tui.io.demo import DEMO_DAY, demo_copy
    from tui.store.repository import Store

    monkeypatch.setenv("FOLLOWUP_TODAY", DEMO_DAY.isoformat())
    store = Store(demo_copy(tmp_path))
    try:
        stats = compute_stats(store.board(), DEMO_DAY, period)
    finally:
        store.close()
    assert all(step.reached for step in stats.funnel[:3])  # saved, applied, interviewing
    assert stats.funnel[-1].reached or period is not None  # someone was hired (120 days ago)
    assert stats.responses.hits and stats.responses.total > stats.responses.hits
    assert stats.by_channel and stats.by_source and stats.by_role
    assert len(stats.by_role) >= 3
    assert stats.days_to_first_response
    assert sum(n for _, n in stats.per_week) >= 3


def test_a_hand_edited_store_with_odd_values_does_not_break_the_figures() -> None:
    # Values the trusted loader lets through (only dates and a few choices are checked there).
    odd_app = app(1, "applied", applied="11-01")
    odd_app.source = ["linkedin"]  # not text
    odd_app.created_at = 20261101  # not text
    saved = app(2, "saved")
    saved.created_at = "yesterday-ish"
    odd_contact = Contact(id=7, name="Odd")
    odd_contact.role = 42
    events = [
        ev(1, "follow_up_sent", "11-10", contact_id=7),
        ev(1, "response_received", "11-12"),
        ev(1, "follow_up_sent", "11-20", contact_id=8),
        ev(1, "stage_changed", "11-21"),
    ]
    events[0].channel = {"not": "a channel"}
    events[2].contact_id = ["8"]
    events[3].text = None
    stats = compute_stats(Board(applications=[odd_app, saved], contacts=[odd_contact], events=events), TODAY)
    # Two messages; the first answered. Odd keys count as unknown; the saved card (no readable
    # creation day) is in "all time" but in no period.
    assert (stats.responses.hits, stats.responses.total) == (1, 2)
    assert rows(stats.by_channel) == [("unknown", 1, 2)]
    assert rows(stats.by_source) == [("unknown", 1, 2)]
    assert rows(stats.by_role) == [("unknown", 1, 2)]
    assert [s.reached for s in stats.funnel] == [2, 1, 0, 0, 0]
    assert compute_stats(Board(applications=[odd_app, saved], events=events), TODAY, 30).applications == 1
    json.dumps(stats.to_dict())
    assert "unknown" in format_stats(stats)
