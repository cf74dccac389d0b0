"""Benchmark: the next action of every card on a large board (DESIGN.md §4, §10).

Run by hand: ``uv run python tests/bench/bench_rules.py``. A later benchmark runner
imports ``run()``. Not a pytest test (pytest only collects ``test_*.py``).

Each timed run gets a fresh ``Board`` over the same records, as the store hands out
a new snapshot after every write: so the budgeted figure includes building the
board's own indexes (events by application, contacts by id, which the UI shares)
and the rules' and finder's per-board memo (per-company contact lists, histories),
not only the rules. Two more figures for comparison: with the board's own indexes
already built, and the same board again (everything memoised).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.domain.board import Board
from tui.domain.models import CHANNELS, RESPONSES, Application, Contact, Event
from tui.followup.rules import next_actions

NAME = "rules: next_actions, 5,000 applications / 50,000 events / 30,000 contacts"
BUDGET_MS = 100.0
RUNS = 7
TODAY = date(2025, 3, 14)

_TITLES = (
    "Software Engineer",
    "Senior Software Engineer",
    "Engineering Manager",
    "Talent Acquisition Partner",
    "Technical Recruiter",
    "Head of Engineering",
    "Director of Product",
    "Product Manager",
    "Data Scientist",
    "CTO",
    "Founder",
    "Designer",
    "",
)
_SUFFIXES = ("", " Inc.", ", LLC", " GmbH", " Ltd", " Corp", " Co.")
_EVENT_KINDS = (
    ("follow_up_sent", 30),
    ("thank_you_sent", 8),
    ("interview", 10),
    ("response_received", 12),
    ("stage_changed", 15),
    ("note", 20),
    ("posting_taken_down", 5),
)


def build_board(
    n_apps: int = 5_000, n_events: int = 50_000, n_contacts: int = 30_000, seed: int = 7
) -> tuple[list[Application], list[Contact], list[Event]]:
    rng = random.Random(seed)
    companies = [f"Company {i:04d}" for i in range(max(1, n_apps // 4))]
    other_companies = [f"Elsewhere {i:05d}" for i in range(max(1, n_contacts // 5))]

    apps: list[Application] = []
    stages = ("saved", "applied", "applied", "applied", "interviewing", "offer", "closed", "closed")
    for i in range(1, n_apps + 1):
        stage = rng.choice(stages)
        company = rng.choice(companies) + rng.choice(_SUFFIXES)
        apps.append(
            Application(
                id=i,
                company=company,
                role=f"Role {i}",
                stage=stage,
                outcome="rejected" if stage == "closed" else None,
                follow_up_policy=rng.choices(("allowed", "only_qualified", "do_not_follow_up"), (90, 5, 5))[
                    0
                ],
                blocked_channels=["phone"] if rng.random() < 0.2 else [],
                posting_status=rng.choice(("open", "unknown", "taken_down")),
                applied_on=TODAY - timedelta(days=rng.randrange(0, 200)),
                decision_expected_on=TODAY + timedelta(days=rng.randrange(-20, 20))
                if rng.random() < 0.1
                else None,
                snoozed_until=TODAY + timedelta(days=rng.randrange(-5, 10)) if rng.random() < 0.05 else None,
            )
        )

    contacts: list[Contact] = []
    for i in range(1, n_contacts + 1):
        at_app_company = rng.random() < 0.5
        company = rng.choice(companies) if at_app_company else rng.choice(other_companies)
        first = f"Person{i}"
        contacts.append(
            Contact(
                id=i,
                name=f"{first} Example",
                title=rng.choice(_TITLES),
                company=company + rng.choice(_SUFFIXES),
                email=f"{first.lower()}@example.com" if rng.random() < 0.6 else "",
                linkedin=f"https://www.linkedin.com/in/{first.lower()}" if rng.random() < 0.8 else "",
                relationship="casual" if rng.random() < 0.2 else "formal",
                twitter=f"@{first.lower()}" if rng.random() < 0.1 else "",
                role=rng.choice((None, None, "recruiter", "hiring_manager", "peer", "hr_inbox")),
                source="linkedin_csv",
            )
        )
    for app in apps:
        app.contact_ids = [rng.randrange(1, n_contacts + 1) for _ in range(rng.randrange(0, 3))]

    kinds = [k for k, _w in _EVENT_KINDS]
    weights = [w for _k, w in _EVENT_KINDS]
    events: list[Event] = []
    for i in range(1, n_events + 1):
        app = apps[rng.randrange(n_apps)]
        kind = rng.choices(kinds, weights)[0]
        start = app.applied_on or TODAY
        span = max(1, (TODAY - start).days + 1)
        events.append(
            Event(
                id=i,
                application_id=app.id or 0,
                kind=kind,
                on=start + timedelta(days=rng.randrange(span)),
                channel=rng.choice(CHANNELS),
                contact_id=rng.choice(app.contact_ids) if app.contact_ids else None,
                response=rng.choice(RESPONSES) if kind == "response_received" else None,
            )
        )
    return apps, contacts, events


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _prebuilt(apps, contacts, events) -> Board:
    board = Board(apps, contacts, events)
    board.events_by_application  # noqa: B018 - the board's own indexes, shared with the UI
    board.contact_by_id  # noqa: B018
    board.application_by_id  # noqa: B018
    return board


def run(runs: int = RUNS) -> dict:
    apps, contacts, events = build_board()
    # One untimed pass warms process-wide caches (company keys, title roles, day
    # wording) that outlive a board, as they do in the running app.
    next_actions(Board(apps, contacts, events), TODAY)

    fresh = [_time(lambda: next_actions(Board(apps, contacts, events), TODAY)) for _ in range(runs)]
    indexed = []
    for _ in range(runs):
        board = _prebuilt(apps, contacts, events)
        indexed.append(_time(lambda b=board: next_actions(b, TODAY)))
    board = Board(apps, contacts, events)
    next_actions(board, TODAY)
    warm = [_time(lambda: next_actions(board, TODAY)) for _ in range(runs)]
    return {
        "name": NAME,
        "median_ms": round(statistics.median(fresh), 1),
        "min_ms": round(min(fresh), 1),
        "indexed_median_ms": round(statistics.median(indexed), 1),
        "warm_median_ms": round(statistics.median(warm), 1),
        "budget_ms": BUDGET_MS,
        "runs": runs,
    }


def main() -> int:
    result = run()
    verdict = "ok" if result["median_ms"] <= result["budget_ms"] else "OVER BUDGET"
    print(result["name"])
    print(
        f"  fresh board:            median {result['median_ms']:6.1f} ms of {result['runs']} runs "
        f"(budget {result['budget_ms']:.0f} ms): {verdict}; fastest {result['min_ms']:.1f} ms"
    )
    print(f"  board indexes prebuilt: median {result['indexed_median_ms']:6.1f} ms (the rules' own work)")
    print(f"  same board again:       median {result['warm_median_ms']:6.1f} ms (memoised per board)")
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    raise SystemExit(main())
