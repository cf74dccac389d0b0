"""Writes a large store for the benchmarks: N applications, M contacts, E events.

Built as the store's own envelope in one go (through the Store API it would take
minutes), with believable, varied values and every stage and event kind.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import orjson

TODAY = date(2026, 11, 27)
STAGES = ["saved", "applied", "applied", "applied", "interviewing", "offer", "closed", "closed"]
OUTCOMES = ["rejected", "ghosted", "withdrawn", "position_closed", "hired"]
ROLES = [
    "Backend Engineer",
    "Data Engineer",
    "Platform Engineer",
    "SRE",
    "Python Developer",
    "Staff Engineer",
]
TITLES = [
    "Engineering Manager",
    "Talent Acquisition Partner",
    "Senior Recruiter",
    "Software Engineer",
    "Head of Data",
    "Director of Engineering",
    "Product Manager",
    "People Operations",
]
FIRST = ["Sarah", "José", "Wei", "Amara", "Liam", "Noor", "Kenji", "Olga", "Priya", "Tom", "Inês", "Ada"]
LAST = ["Nguyen", "García", "Okafor", "Smith", "Müller", "Khan", "Rossi", "Kim", "Haddad", "Berg"]
KINDS = ["follow_up_sent", "thank_you_sent", "response_received", "interview", "note", "stage_changed"]
RESPONSES = ["positive", "neutral", "rejected", "position_closed"]


def build(path: Path, apps: int = 5000, contacts: int = 30000, events: int = 50000, seed: int = 7) -> Path:
    rnd = random.Random(seed)
    companies = [
        f"Company {i:04d} {rnd.choice(['Labs', 'Systems', 'Inc.', 'GmbH', 'Health'])}" for i in range(1500)
    ]
    stamp = "2026-11-01T12:00:00+00:00"
    cs = {}
    for i in range(1, contacts + 1):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        cs[str(i)] = {
            "name": f"{first} {last}",
            "title": rnd.choice(TITLES),
            "company": rnd.choice(companies),
            "email": f"{first.lower()}.{last.lower()}{i}@example.com",
            "phone": "",
            "twitter": "",
            "linkedin": f"https://www.linkedin.com/in/{first.lower()}{last.lower()}{i}",
            "role": None,
            "relationship": "formal",
            "notes": "",
            "source": "linkedin_csv",
            "created_at": stamp,
            "updated_at": stamp,
        }
    aps = {}
    for i in range(1, apps + 1):
        stage = rnd.choice(STAGES)
        applied = TODAY - timedelta(days=rnd.randint(0, 120))
        aps[str(i)] = {
            "company": rnd.choice(companies),
            "role": rnd.choice(ROLES),
            "stage": stage,
            "outcome": rnd.choice(OUTCOMES) if stage == "closed" else None,
            "source": rnd.choice(["linkedin", "company_site", "referral", "job_board"]),
            "url": f"https://jobs.example.com/{i}",
            "tags": ["remote"] if i % 3 else [],
            "follow_up_policy": "allowed",
            "blocked_channels": ["phone"] if i % 5 == 0 else [],
            "posting_status": "open",
            "applied_on": None if stage == "saved" else applied.isoformat(),
            "decision_expected_on": None,
            "interview_topics": [],
            "posting_text": "",
            "notes": "x" * rnd.randint(0, 300),
            "contact_ids": [rnd.randint(1, contacts) for _ in range(rnd.randint(0, 3))],
            "snoozed_until": None,
            "created_at": stamp,
            "updated_at": stamp,
        }
    evs = {}
    for i in range(1, events + 1):
        kind = rnd.choice(KINDS)
        evs[str(i)] = {
            "application_id": rnd.randint(1, apps),
            "kind": kind,
            "on": (TODAY - timedelta(days=rnd.randint(0, 100))).isoformat(),
            "channel": rnd.choice(["email", "linkedin", None]),
            "contact_id": None,
            "response": rnd.choice(RESPONSES) if kind == "response_received" else None,
            "text": "",
            "created_at": stamp,
        }
    envelope = {
        "format": "followup",
        "schema_version": 1,
        "generation": 1,
        "written_at": stamp,
        "tables": {
            "applications": aps,
            "contacts": cs,
            "events": evs,
            "templates": {},
            "meta": {"1": {"next_id": {"applications": apps, "contacts": contacts, "events": events}}},
        },
    }
    path.write_bytes(orjson.dumps(envelope))
    path.chmod(0o600)
    return path


if __name__ == "__main__":
    out = build(Path(sys.argv[1] if len(sys.argv) > 1 else "big.json"))
    print(f"{out} {out.stat().st_size / 1e6:.1f} MB")
