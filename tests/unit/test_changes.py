"""The edits the board and the CLI share (tui.followup.changes): the capture's save and its
duplicate check, run without Textual. Expected values come from DESIGN.md §7 and the demo
board (#7 is "Staff Backend Engineer @ Hooli", Hal Jordan is hal.jordan@acme-robotics.example).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.domain.models import Application
from tui.followup.capture import parse_capture
from tui.followup.capture_history import load_history
from tui.followup.changes import (
    Duplicate,
    NotSaved,
    find_duplicate,
    index_by_company,
    index_by_email,
    save_capture,
    set_snooze,
)
from tui.io.demo import demo_copy
from tui.store.repository import Store

TODAY = date(2026, 11, 27)
HOOLI_ID = 7


@pytest.fixture
def demo_store(tmp_path: Path) -> Store:
    store = Store(demo_copy(tmp_path), backup_interval_s=float("inf"))
    yield store
    store.close()


DUPLICATE_CASES = [
    ("Acme, Inc.", "Backend Engineer", True),
    ("ACME", "backend  engineer", True),
    ("Acmé Corporation", "BackEnd Engineer", True),
    ("Acme Labs", "Backend Engineer", False),  # a different company
    ("Acme", "Backend Engineer II", False),  # a different role
    ("—", "Backend Engineer", False),  # no letters: unknown, never equal
]


@pytest.mark.parametrize(("company", "role", "duplicate"), DUPLICATE_CASES)
def test_find_duplicate(company: str, role: str, duplicate: bool) -> None:
    existing = [
        Application(id=1, company="Acme", role="Backend Engineer"),
        Application(id=2, company="—", role="Backend Engineer"),
    ]
    found = find_duplicate(existing, company, role)
    if company == "—":
        assert found is None
    else:
        assert (found is not None and found.id == 1) is duplicate


def test_indexes_for_the_live_checks() -> None:
    from tui.domain.models import Contact

    apps = [
        Application(id=1, company="Acme, Inc.", role="A"),
        Application(id=2, company="ACME", role="B"),
        Application(id=3, company="—", role="C"),  # no letters: never a duplicate of anything
    ]
    by_company = index_by_company(apps)
    assert {k: [a.id for a in v] for k, v in by_company.items()} == {"acme": [1, 2]}
    contacts = [
        Contact(id=1, name="Ann", email=" Ann@X.example "),
        Contact(id=2, name="Ann again", email="ann@x.example"),
        Contact(id=3, name="No email", email=""),
    ]
    assert {k: c.id for k, c in index_by_email(contacts).items()} == {"ann@x.example": 1}


def test_save_capture_checks_inside_the_lock_and_reuses_a_contact(demo_store: Store, tmp_path) -> None:
    line = "Staff Backend Engineer @ Hooli with hal.jordan@acme-robotics.example"
    capture = parse_capture(line, TODAY)
    hist = tmp_path / "hist.txt"
    result = save_capture(demo_store, capture, line=line, history_file=hist)
    assert isinstance(result, Duplicate) and result.existing.id == HOOLI_ID
    assert load_history(hist) == []  # not saved, not remembered

    contacts_before = len(demo_store.board().contacts)
    saved = save_capture(demo_store, capture, force=True, line=line, history_file=hist)
    assert isinstance(saved, Application)
    hal = demo_store.find_contact_by_email("hal.jordan@acme-robotics.example")
    assert saved.contact_ids == [hal.id]
    assert len(demo_store.board().contacts) == contacts_before  # reused, not duplicated
    assert load_history(hist) == [line]

    fresh = save_capture(demo_store, parse_capture("X @ New Co with Ann@New.example", TODAY))
    assert isinstance(fresh, Application)
    ann = demo_store.get_contact(fresh.contact_ids[0])
    assert (ann.email, ann.company) == ("Ann@New.example", "New Co")
    assert any(e.application_id == fresh.id and e.kind == "applied" for e in demo_store.board().events)


def test_save_capture_turns_a_model_error_into_not_saved(demo_store: Store) -> None:
    capture = parse_capture("X @ Y", TODAY)
    capture.stage = "nonsense"  # what the model itself refuses
    result = save_capture(demo_store, capture)
    assert isinstance(result, NotSaved) and result.message



def test_set_snooze_writes_and_clears(demo_store: Store) -> None:
    until = date(2026, 12, 4)
    assert set_snooze(demo_store, HOOLI_ID, until).snoozed_until == until
    assert demo_store.get_application(HOOLI_ID).snoozed_until == until
    assert set_snooze(demo_store, HOOLI_ID, None).snoozed_until is None


def test_drafts_are_kept_in_the_store_and_survive_reopening(demo_store: Store) -> None:
    before = demo_store.board().applications
    demo_store.save_draft("7:3", "Re: Staff Backend Engineer", "Hi Hal,\n\nJust checking in.")
    again = Store(demo_store.path, backup_interval_s=float("inf"))
    try:
        assert again.drafts()["7:3"]["body"] == "Hi Hal,\n\nJust checking in."
        assert again.board().applications == before  # a draft is not a record
        again.save_draft("7:3", "", "")  # no text: the draft is gone
        assert "7:3" not in again.drafts()
    finally:
        again.close()
    demo_store.reload()
    assert demo_store.drafts() == {}
