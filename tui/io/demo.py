"""The demo board: ``data/demo.json`` and the throwaway copy ``--demo`` opens.

The demo's dates are written for ``DEMO_DAY``; a copy opened on another day has
every date shifted by the difference, so the demo always looks like a live search
(due today, overdue, waiting) instead of a months-old one. With the clock pinned to
``DEMO_DAY`` (screenshots, snapshots) nothing moves.

``python -m tui.io.demo`` rebuilds ``data/demo.json`` from ``build_demo`` below.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

from tui.domain import clock
from tui.domain.paths import SHIPPED_DATA

DEMO_DAY = date(2026, 11, 27)  # a Friday
DEMO_FILE = SHIPPED_DATA / "demo.json"
_DATE_KEYS = ("applied_on", "decision_expected_on", "snoozed_until", "on")


def demo_copy(folder: Path | None = None) -> Path:
    """A private copy of the demo store, dates shifted to today. The original is never opened for writing."""
    envelope = orjson.loads(DEMO_FILE.read_bytes())
    shift = (clock.today() - DEMO_DAY).days
    if shift:
        for table in envelope["tables"].values():
            for doc in table.values():
                for key in _DATE_KEYS:
                    if doc.get(key):
                        doc[key] = (date.fromisoformat(doc[key]) + timedelta(days=shift)).isoformat()
    folder = folder or Path(tempfile.mkdtemp(prefix="followup-demo-"))
    target = folder / "followup-demo.json"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(orjson.dumps(envelope))
    return target


def build_demo(path: Path) -> None:
    """Write a believable board that exercises every follow-up rule of DESIGN.md §4."""
    from tui.domain.models import Application, Contact, Event
    from tui.store.repository import Store

    work = Path(tempfile.mkdtemp(prefix="followup-demo-build-")) / "demo.json"
    store = Store(work, backup_interval_s=float("inf"))
    d = lambda n: DEMO_DAY - timedelta(days=n)  # noqa: E731 - n days before the demo day

    people: dict[str, Contact] = {}
    for key, c in {
        "hal": Contact(
            "Hal Jordan",
            title="Engineering Manager",
            company="Acme Robotics",
            email="hal.jordan@acme-robotics.example",
            role="hiring_manager",
            linkedin="https://www.linkedin.com/in/haljordan",
        ),
        "rita": Contact(
            "Rita Ortega",
            title="Talent Acquisition Partner",
            company="Acme Robotics",
            email="rita.ortega@acme-robotics.example",
            role="recruiter",
        ),
        "acmejobs": Contact(
            "Acme Careers",
            title="",
            company="Acme Robotics",
            email="careers@acme-robotics.example",
            role="hr_inbox",
        ),
        "priya": Contact(
            "Priya Raman",
            title="Staff Engineer",
            company="Globex",
            email="priya@globex.example",
            role="interviewer",
            twitter="@priyaraman",
            relationship="casual",
        ),
        "marcus": Contact(
            "Marcus Lee",
            title="Director of Engineering",
            company="Globex",
            email="marcus.lee@globex.example",
            role="hiring_manager",
        ),
        "sofia": Contact(
            "Sofía Núñez",
            title="Senior Recruiter",
            company="Initech",
            email="sofia.nunez@initech.example",
            role="recruiter",
            linkedin="https://www.linkedin.com/in/sofianunez",
        ),
        "dan": Contact(
            "Dan Okafor",
            title="Head of Platform",
            company="Hooli",
            linkedin="https://www.linkedin.com/in/danokafor",
            role="job_poster",
        ),
        "jess": Contact(
            "Jess Park",
            title="Backend Engineer",
            company="Hooli",
            twitter="@jesspark",
            relationship="casual",
            role="peer",
        ),
        "amara": Contact(
            "Amara Diallo",
            title="Product Designer",
            company="Pied Piper",
            email="amara@piedpiper.example",
            role="referrer",
            relationship="casual",
        ),
        "tom": Contact(
            "Tom Becker",
            title="VP Engineering",
            company="Pied Piper",
            email="tom@piedpiper.example",
            role="hiring_manager",
        ),
        "lena": Contact(
            "Lena Fischer",
            title="People Operations",
            company="Umbrella Health",
            email="jobs@umbrella-health.example",
            role="hr_inbox",
        ),
        "kenji": Contact(
            "Kenji Watanabe",
            title="Engineering Lead",
            company="Wonka Labs",
            email="kenji@wonkalabs.example",
            role="interviewer",
            phone="+1 555 0142",
        ),
        "nora": Contact(
            "Nora Quinn",
            title="Recruiting Coordinator",
            company="Stark Industries",
            email="nora.quinn@stark.example",
            role="recruiter",
        ),
        "omar": Contact(
            "Omar Haddad",
            title="CTO",
            company="Tyrell Systems",
            email="omar@tyrell.example",
            role="hiring_manager",
        ),
        "ines": Contact(
            "Inês Costa",
            title="Friend from PyCon",
            company="Other",
            email="ines.costa@example.org",
            role="other",
            relationship="casual",
        ),
        "wei": Contact(
            "Wei Zhang",
            title="Technical Recruiter",
            company="Cyberdyne",
            email="",
            linkedin="https://www.linkedin.com/in/weizhang",
            role=None,
            source="linkedin_csv",
        ),
    }.items():
        people[key] = store.add_contact(c)

    def add(
        company: str, role: str, *, stage: str = "applied", applied: int | None = 10, contacts=(), **kw: Any
    ) -> int:
        app = Application(
            company=company,
            role=role,
            stage="applied" if stage == "closed" else stage,
            applied_on=d(applied) if applied is not None and stage != "saved" else None,
            contact_ids=[people[k].id for k in contacts],
            **kw,
        )
        saved = store.add_application(app)
        return saved.id  # type: ignore[return-value]

    def ev(app_id: int, kind: str, days_ago: int, **kw: Any) -> None:
        if "contact" in kw:
            kw["contact_id"] = people[kw.pop("contact")].id
        store.add_event(Event(application_id=app_id, kind=kind, on=d(days_ago), **kw))

    # Saved (rule 2)
    add(
        "Soylent",
        "Data Engineer",
        stage="saved",
        source="job_board",
        url="https://soylent.example/careers/de",
        tags=["data"],
    )
    add("Massive Dynamic", "Platform Engineer", stage="saved", source="company_site", tags=["remote"])
    add(
        "Vandelay Industries",
        "Python Developer",
        stage="saved",
        source="linkedin",
        notes="Import/export logistics; ask Inês about the team.",
    )

    # Applied
    a = add(
        "Acme Robotics",
        "Backend Engineer",
        applied=8,
        contacts=("hal", "acmejobs"),
        source="linkedin",
        url="https://acme-robotics.example/jobs/42",
        tags=["python", "remote"],
    )  # rule 13, overdue a day
    add(
        "Acme Robotics", "Site Reliability Engineer", applied=4, contacts=("rita",), source="company_site"
    )  # budget sibling
    ev(a, "note", 3, text="Hal liked the robotics side project on my GitHub (per Inês).")
    b = add(
        "Initech",
        "Senior Python Developer",
        applied=16,
        contacts=("sofia",),
        source="linkedin",
        blocked_channels=["phone"],
    )
    ev(b, "follow_up_sent", 7, channel="email", contact="sofia")  # rule 12, due today
    c = add("Hooli", "Staff Backend Engineer", applied=25, contacts=("dan", "jess"), source="linkedin")
    ev(c, "follow_up_sent", 17, channel="linkedin", contact="dan")
    ev(c, "follow_up_sent", 9, channel="linkedin", contact="dan")  # rule 10, let it be
    add(
        "Umbrella Health", "Backend Developer", applied=12, contacts=("lena",), source="hr_email"
    )  # HR inbox only
    add(
        "Stark Industries",
        "Software Engineer II",
        applied=6,
        contacts=("nora",),
        source="job_board",
        follow_up_policy="only_qualified",
    )  # rule 4
    add(
        "Black Mesa",
        "Research Software Engineer",
        applied=9,
        source="company_site",
        follow_up_policy="do_not_follow_up",
        posting_text="Please do not follow up on your application.",
    )  # rule 3
    e = add(
        "Cyberdyne",
        "ML Platform Engineer",
        applied=26,
        contacts=("wei",),
        source="linkedin",
        posting_status="taken_down",
    )
    ev(e, "posting_taken_down", 10)  # rule 6, likely ghosted
    add("Oscorp", "Backend Engineer", applied=34, source="job_board")  # rule 7, ghosted after 30 days
    f = add("Nakatomi Trading", "Python Engineer", applied=14, source="referral")
    ev(
        f,
        "response_received",
        5,
        response="rejected",
        channel="email",
        text="Thanks, but we went with another candidate.",
    )  # rule 5
    add(
        "Aperture Science", "Test Automation Engineer", applied=2, source="company_site", tags=["qa"]
    )  # rule 13, in 5 days
    s = add(
        "Prestige Worldwide",
        "Full-stack Developer",
        applied=20,
        source="job_board",
        snoozed_until=DEMO_DAY + timedelta(days=4),
    )
    ev(s, "follow_up_sent", 12, channel="email")  # snoozed: wait

    # Interviewing
    g = add(
        "Globex",
        "Senior Backend Engineer",
        stage="interviewing",
        applied=21,
        contacts=("priya", "marcus"),
        source="referral",
        interview_topics=[
            "event sourcing for billing",
            "on-call culture",
            "migrating from Celery to Temporal",
        ],
    )
    ev(
        g,
        "interview",
        1,
        channel="in_person",
        contact="priya",
        text="Technical deep-dive with Priya and Marcus.",
    )  # rule 8
    h = add(
        "Wonka Labs",
        "Platform Engineer",
        stage="interviewing",
        applied=24,
        contacts=("kenji",),
        source="company_site",
        decision_expected_on=DEMO_DAY + timedelta(days=5),
        interview_topics=["Kubernetes cost controls", "team rituals"],
    )
    ev(h, "interview", 8, channel="in_person", contact="kenji")
    ev(h, "thank_you_sent", 7, channel="email", contact="kenji")  # rule 11: after the decision date
    i = add(
        "Pied Piper",
        "Senior Software Engineer",
        stage="interviewing",
        applied=18,
        contacts=("amara", "tom"),
        source="referral",
    )
    ev(i, "interview", 9, channel="phone", contact="tom")
    ev(i, "thank_you_sent", 8, channel="email", contact="tom")
    ev(
        i,
        "response_received",
        3,
        response="positive",
        channel="email",
        contact="tom",
        text="Tom: moving you to the final round.",
    )  # rule 9

    # Offer
    o = add(
        "Tyrell Systems",
        "Lead Engineer",
        stage="offer",
        applied=40,
        contacts=("omar",),
        source="referral",
        decision_expected_on=DEMO_DAY + timedelta(days=3),
    )
    ev(o, "interview", 20, channel="in_person", contact="omar")
    ev(o, "thank_you_sent", 19, channel="email", contact="omar")
    ev(
        o,
        "response_received",
        2,
        response="positive",
        channel="phone",
        contact="omar",
        text="Verbal offer; written offer on its way.",
    )

    # Closed
    for company, role, outcome, applied in (
        ("Wayne Enterprises", "Security Engineer", "rejected", 60),
        ("Dunder Mifflin", "Web Developer", "ghosted", 75),
        ("Bluth Company", "Backend Developer", "withdrawn", 45),
        ("Sterling Cooper", "Data Engineer", "position_closed", 50),
        ("Monsters Inc", "Software Engineer", "hired", 120),
    ):
        x = add(company, role, applied=applied, source="job_board")
        store.move(x, "closed", outcome, on=d(applied - 20))
    store.close()
    path.write_bytes(work.read_bytes())


if __name__ == "__main__":  # pragma: no cover - a maintenance script
    os.environ.setdefault(clock.ENV_VAR, DEMO_DAY.isoformat())
    build_demo(DEMO_FILE)
    print(f"wrote {DEMO_FILE.name}")
