"""Benchmark: the exporters on a large board (DESIGN.md §8 "Export", §10).

Run by hand: ``uv run python tests/bench/bench_export.py``. A benchmark runner can
import ``run()``, which returns rows ``{"name", "median_ms", "budget_ms"}``. Not a
pytest test (pytest only collects ``test_*.py``).

The budgeted figure is what ``followup export`` does after loading the store: a fresh
``Board`` snapshot (so its indexes are built again), ``tui.followup.rules.next_actions`` and
``export_markdown``, for 5,000 applications, 30,000 contacts and 50,000 events; the
budget is 300 ms. CSV, ICS and JSON (and the rules alone) are timed the same way for
information, without a budget. Medians of 7 runs.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.domain.board import Board
from tui.domain.models import Application, Contact, Event
from tui.followup.rules import next_actions
from tui.io.export.csv_export import export_csv
from tui.io.export.ics import export_ics
from tui.io.export.json_export import export_json
from tui.io.export.markdown import export_markdown

RUNS = 7
TODAY = date(2026, 3, 10)
MARKDOWN_BUDGET_MS = 300.0

_STAGES = ("saved", "applied", "applied", "applied", "interviewing", "offer", "closed", "closed")
_EVENT_KINDS = (
    "follow_up_sent",
    "follow_up_sent",
    "thank_you_sent",
    "interview",
    "response_received",
    "stage_changed",
    "note",
)
_ROLES = ("Software Engineer", "Backend Engineer", "Data Scientist", "Product Manager", "Designer")


def build_records(
    n_apps: int = 5_000, n_contacts: int = 30_000, n_events: int = 50_000, seed: int = 11
) -> tuple[list[Application], list[Contact], list[Event]]:
    """Deterministic records of a realistic shape, including text that needs escaping."""
    rng = random.Random(seed)
    companies = [
        f"Company {i:04d}" + rng.choice(("", " Inc.", " | Labs", " & Co")) for i in range(n_apps // 4)
    ]
    contacts = [
        Contact(
            name=f"Person {i} *{rng.choice(('Smith', 'García', 'Nguyễn', 'O_Brien'))}*",
            id=i,
            title=rng.choice(("Recruiter", "Engineering Manager", "")),
            company=rng.choice(companies),
            email=f"person{i}@example.com",
            role=rng.choice(("recruiter", "hiring_manager", "peer", None)),
        )
        for i in range(1, n_contacts + 1)
    ]
    apps = []
    for i in range(1, n_apps + 1):
        stage = rng.choice(_STAGES)
        applied = TODAY - timedelta(days=rng.randrange(0, 120))
        apps.append(
            Application(
                company=rng.choice(companies),
                role=f"{rng.choice(_ROLES)} <{i}>",
                stage=stage,
                id=i,
                outcome="rejected" if stage == "closed" else None,
                source="linkedin",
                url=rng.choice((f"https://jobs.example.com/{i}", "", "see posting")),
                tags=["remote"],
                applied_on=None if stage == "saved" else applied,
                contact_ids=[rng.randrange(1, n_contacts + 1)],
                posting_text="Responsibilities: build things.\n" * 20,
                notes="- called once\n- waiting",
            )
        )
    events = []
    for i in range(1, n_events + 1):
        app = apps[rng.randrange(n_apps)]
        kind = rng.choice(_EVENT_KINDS)
        base = app.applied_on or TODAY - timedelta(days=60)
        events.append(
            Event(
                application_id=app.id or 0,
                kind=kind,
                on=base + timedelta(days=rng.randrange(0, 30)),
                id=i,
                channel="email",
                contact_id=app.contact_ids[0],
                response=rng.choice(("positive", "neutral")) if kind == "response_received" else None,
                text="sent a note",
            )
        )
    return apps, contacts, events


def _median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(runs: int = RUNS) -> list[dict]:
    apps, contacts, events = build_records()

    def fresh() -> Board:  # a new snapshot, as after a store load: indexes rebuilt
        return Board(apps, contacts, events)

    def rules_only() -> None:
        next_actions(fresh(), TODAY)

    def markdown() -> None:
        board = fresh()
        export_markdown(board, next_actions(board, TODAY), TODAY)

    def csv_() -> None:
        board = fresh()
        export_csv(board, next_actions(board, TODAY), TODAY)

    def ics() -> None:
        board = fresh()
        export_ics(board, next_actions(board, TODAY), TODAY)

    def json_() -> None:
        board = fresh()
        export_json(board, next_actions(board, TODAY))

    size = f"{len(apps):,} applications / {len(contacts):,} contacts / {len(events):,} events"
    return [
        {
            "name": f"export markdown incl. next_actions, {size}",
            "median_ms": _median_ms(markdown, runs),
            "budget_ms": MARKDOWN_BUDGET_MS,
        },
        {
            "name": "next_actions alone (included above)",
            "median_ms": _median_ms(rules_only, runs),
            "budget_ms": None,
        },
        {"name": "export csv incl. next_actions", "median_ms": _median_ms(csv_, runs), "budget_ms": None},
        {"name": "export ics incl. next_actions", "median_ms": _median_ms(ics, runs), "budget_ms": None},
        {"name": "export json incl. next_actions", "median_ms": _median_ms(json_, runs), "budget_ms": None},
    ]


def main() -> int:
    from report import print_rows

    return print_rows(run())


if __name__ == "__main__":
    sys.exit(main())
