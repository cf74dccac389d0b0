"""The typed repository: stable ids, transactions, and what each write does (DESIGN.md §2, §3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from tui.domain.board import Board
from tui.domain.errors import InputError, StoreError
from tui.domain.models import Application, Contact, Event, Template
from tui.store.repository import Store

TODAY = date(2026, 11, 27)
ODD_TEXT = "Nachfaßen 🙂 {first_name} {{braces}} | *md* `code` <b>\u200b\n" + "x" * 10_000


def _app(company: str = "Acme", role: str = "Dev", stage: str = "saved", **kw) -> Application:
    return Application(company=company, role=role, stage=stage, **kw)


def _generation(store: Store) -> int:
    return orjson.loads(store.path.read_bytes())["generation"]


@pytest.fixture
def store(tmp_store: Store) -> Store:
    return tmp_store


# -- ids -------------------------------------------------------------------------------


def test_ids_are_never_reused_after_delete_and_reopen(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with Store(db) as store:
        a1 = store.add_application(_app("A"))
        a2 = store.add_application(_app("B"))
        c1 = store.add_contact(Contact(name="Hal"))
        e1 = store.add_event(Event(application_id=a1.id, kind="note", on=TODAY))
        t1 = store.add_template(Template(name="Mine", kind="thank_you"))
        store.delete_application(a2.id)  # the highest id: TinyDB alone would hand it out again
        store.delete_contact(c1.id)
        store.delete_event(e1.id)
        store.delete_template(t1.id)
    with Store(db) as store:
        assert store.add_application(_app("C")).id == a2.id + 1
        assert store.add_contact(Contact(name="Rita")).id == c1.id + 1
        assert store.add_event(Event(application_id=a1.id, kind="note", on=TODAY)).id == e1.id + 1
        assert store.add_template(Template(name="Other", kind="check_in")).id == t1.id + 1


def test_delete_then_restore_application_keeps_the_ids(store: Store) -> None:
    app = store.add_application(_app(stage="applied", applied_on=date(2026, 11, 2)))
    note = store.add_event(Event(application_id=app.id, kind="note", on=TODAY, text="hi"))
    other = store.add_application(_app("Other"))
    deleted, events = store.delete_application(app.id)
    assert [e.kind for e in events] == ["applied", "note"]
    assert [a.id for a in store.board().applications] == [other.id]
    assert store.board().events == []

    store.restore_application(deleted, events)

    board = store.board()
    assert [a.id for a in board.applications] == [app.id, other.id]
    assert board.application_by_id[app.id].company == "Acme"
    assert {e.id for e in board.events_for(app.id)} == {e.id for e in events}
    assert note.id in {e.id for e in board.events}
    assert store.add_application(_app("Next")).id == other.id + 1


def test_restoring_an_application_that_exists_is_refused_and_writes_nothing(store: Store) -> None:
    app = store.add_application(_app())
    before = store.path.read_bytes()
    with pytest.raises(InputError, match="already"):
        store.restore_application(app, [])
    assert store.path.read_bytes() == before


def test_ids_survive_a_hand_edited_mark(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with Store(db) as store:
        store.add_application(_app("A"))
        store.add_application(_app("B"))
    data = orjson.loads(db.read_bytes())
    data["tables"]["meta"] = {"1": {"next_id": {"applications": "garbage"}}}
    db.write_bytes(orjson.dumps(data))
    with Store(db) as store:
        assert store.add_application(_app("C")).id == 3


# -- transactions ----------------------------------------------------------------------


def test_transaction_is_one_write(store: Store) -> None:
    store.add_application(_app("Warm-up"))
    generation = _generation(store)
    with store.transaction():
        contact = store.add_contact(Contact(name="Hal", email="hal@acme.example"))
        app = store.add_application(_app(stage="applied", applied_on=TODAY), contact=contact)
        store.add_event(Event(application_id=app.id, kind="note", on=TODAY))
        store.move(app.id, "interviewing")
        assert _generation(store) == generation  # nothing on disk until the end
    assert _generation(store) == generation + 1
    assert store.generation == generation + 1


def test_an_exception_rolls_the_transaction_back(store: Store) -> None:
    first = store.add_application(_app("Kept"))
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction():
        store.add_contact(Contact(name="Hal"))
        store.add_application(_app("Lost"))
        store.update_application(first.with_changes(notes="changed"))
        raise RuntimeError("boom")
    assert store.path.read_bytes() == before
    board = store.board()
    assert [a.company for a in board.applications] == ["Kept"]
    assert board.applications[0].notes == ""
    assert board.contacts == []
    assert store.add_application(_app("Next")).id == first.id + 1  # the rolled-back id is free again


def test_a_failed_inner_step_that_wrote_dooms_the_outer_transaction(store: Store) -> None:
    store.add_application(_app("Kept"))
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match="nothing was written"), store.transaction():
        store.add_application(_app("Outer"))
        try:
            with store.transaction():
                store.add_application(_app("Half"))
                raise ValueError("the second half failed")
        except ValueError:
            pass  # a caller that swallows the error must not commit the half
    assert store.path.read_bytes() == before
    assert [a.company for a in store.board().applications] == ["Kept"]


def test_a_failed_inner_step_that_wrote_nothing_is_harmless(store: Store) -> None:
    with store.transaction():
        store.add_application(_app("Outer"))
        with pytest.raises(InputError):
            store.get_application(999)
        with pytest.raises(InputError):
            store.move(999, "applied")
    assert [a.company for a in store.board().applications] == ["Outer"]


def test_the_board_inside_a_transaction_shows_its_own_writes(store: Store) -> None:
    store.add_application(_app("A"))
    with store.transaction():
        assert [a.company for a in store.board().applications] == ["A"]
        store.add_application(_app("B"))
        assert [a.company for a in store.board().applications] == ["A", "B"]


# -- the board -------------------------------------------------------------------------


def test_the_board_is_cached_until_something_changes(store: Store) -> None:
    store.add_application(_app("A"))
    board = store.board()
    assert isinstance(board, Board)
    assert store.board() is board
    store.add_application(_app("B"))
    assert store.board() is not board
    assert [a.company for a in store.board().applications] == ["A", "B"]
    assert [a.company for a in board.applications] == ["A"]  # an old snapshot stays as it was


def test_unchanged_records_are_reused_and_changed_ones_rebuilt(store: Store) -> None:
    a = store.add_application(_app("A"))
    store.add_application(_app("B"))
    old = {x.company: x for x in store.board().applications}
    store.update_application(a.with_changes(notes="new"))
    new = {x.company: x for x in store.board().applications}
    assert new["B"] is old["B"]
    assert new["A"] is not old["A"] and new["A"].notes == "new"
    assert [x.id for x in store.board().applications] == [1, 2]  # still in id order


def test_board_round_trips_odd_text(store: Store) -> None:
    app = store.add_application(
        _app(company="Acme {0} 🙂", role="Dév | *ops*", notes=ODD_TEXT, tags=["{x}", "ü"])
    )
    contact = store.add_contact(Contact(name="José 🙂 {name}", notes=ODD_TEXT))
    store.close()
    with Store(store.path) as again:
        assert again.get_application(app.id).notes == ODD_TEXT
        assert again.get_application(app.id).tags == ["{x}", "ü"]
        assert again.get_contact(contact.id).name == "José 🙂 {name}"


def test_find_applications_filters_raw_documents(store: Store) -> None:
    store.add_application(_app("Acme", "Backend Engineer"))
    store.add_application(_app("Globex", "Backend Engineer"))
    found = store.find_applications(lambda company, role: company == "Acme")
    assert [(a.id, a.company, a.role) for a in found] == [(1, "Acme", "Backend Engineer")]
    assert store.find_applications(lambda company, role: False) == []


# -- what each write does --------------------------------------------------------------


def test_add_application_with_a_new_contact_and_an_applied_event(store: Store) -> None:
    app = store.add_application(
        _app(stage="applied", applied_on=date(2026, 11, 20)),
        contact=Contact(name="", email="hal@acme.example"),
    )
    board = store.board()
    assert [c.email for c in board.contacts] == ["hal@acme.example"]
    assert app.contact_ids == [board.contacts[0].id]
    assert [(e.kind, e.on) for e in board.events_for(app.id)] == [("applied", date(2026, 11, 20))]
    assert app.created_at == app.updated_at == "2026-11-27T12:00:00+00:00"  # the pinned clock


def test_add_application_with_an_existing_contact_does_not_duplicate_it(store: Store) -> None:
    hal = store.add_contact(Contact(name="Hal"))
    app = store.add_application(_app(contact_ids=[hal.id]), contact=hal)
    assert app.contact_ids == [hal.id]
    assert len(store.board().contacts) == 1
    assert store.board().events == []  # saved: no applied event
    with pytest.raises(InputError, match="No contact with id 99"):
        store.add_application(_app("B"), contact=Contact(name="Ghost", id=99))


def test_move_records_the_change(store: Store) -> None:
    app = store.add_application(_app())  # saved, never applied
    moved = store.move(app.id, "applied")
    assert moved.stage == "applied" and moved.applied_on == TODAY
    closed = store.move(app.id, "closed", "rejected")
    assert (closed.stage, closed.outcome) == ("closed", "rejected")
    texts = [e.text for e in store.board().events_for(app.id) if e.kind == "stage_changed"]
    assert texts == ["saved → applied", "applied → closed (rejected)"]
    assert store.move(app.id, "closed", "rejected") == closed  # no change, no event
    assert len(store.board().events_for(app.id)) == 2


@pytest.mark.parametrize(
    ("app_id", "stage", "outcome", "message"),
    [
        (1, "applied", "hired", "only for a card moved to closed"),
        (1, "nowhere", None, "stage"),
        (1, "closed", "bogus", "outcome"),
        (42, "applied", None, "No application with id 42"),
        ("1", "applied", None, "not an id"),
    ],
)
def test_bad_moves_are_input_errors_and_write_nothing(store: Store, app_id, stage, outcome, message) -> None:
    store.add_application(_app())
    before = store.path.read_bytes()
    with pytest.raises(InputError, match=message):
        store.move(app_id, stage, outcome)
    assert store.path.read_bytes() == before


def test_add_event_checks_what_it_points_at(store: Store) -> None:
    app = store.add_application(_app())
    before = store.path.read_bytes()
    with pytest.raises(InputError, match="No application with id 9"):
        store.add_event(Event(application_id=9, kind="note", on=TODAY))
    with pytest.raises(InputError, match="No contact with id 5"):
        store.add_event(Event(application_id=app.id, kind="note", on=TODAY, contact_id=5))
    assert store.path.read_bytes() == before


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.update_application(_app(id=77)),
        lambda s: s.update_contact(Contact(name="X", id=77)),
        lambda s: s.update_template(Template(name="X", kind="thank_you", id=77)),
        lambda s: s.delete_application(77),
        lambda s: s.delete_contact(77),
        lambda s: s.delete_event(77),
        lambda s: s.delete_template(77),
        lambda s: s.attach(1, 77),
        lambda s: s.attach(77, 1),
        lambda s: s.detach(77, 1),
        lambda s: s.get_contact(77),
    ],
    ids=[
        "update_application", "update_contact", "update_template", "delete_application", "delete_contact",
        "delete_event", "delete_template", "attach_contact", "attach_app", "detach", "get_contact",
    ],
)  # fmt: skip
def test_unknown_ids_are_input_errors_and_write_nothing(store: Store, call) -> None:
    store.add_application(_app())
    store.add_contact(Contact(name="Hal"))
    before = store.path.read_bytes()
    with pytest.raises(InputError, match="77"):
        call(store)
    assert store.path.read_bytes() == before


def test_delete_contact_detaches_it_everywhere(store: Store) -> None:
    hal = store.add_contact(Contact(name="Hal"))
    rita = store.add_contact(Contact(name="Rita"))
    a = store.add_application(_app("A", contact_ids=[hal.id, rita.id]))
    b = store.add_application(_app("B", contact_ids=[hal.id]))
    store.delete_contact(hal.id)
    assert store.get_application(a.id).contact_ids == [rita.id]
    assert store.get_application(b.id).contact_ids == []
    assert [c.name for c in store.board().contacts] == ["Rita"]


def test_attach_and_detach(store: Store) -> None:
    app = store.add_application(_app())
    hal = store.add_contact(Contact(name="Hal"))
    assert store.attach(app.id, hal.id).contact_ids == [hal.id]
    assert store.attach(app.id, hal.id).contact_ids == [hal.id]  # once
    assert store.detach(app.id, hal.id).contact_ids == []


def test_find_contact_by_email_ignores_case_and_spaces(store: Store) -> None:
    hal = store.add_contact(Contact(name="Hal", email="Hal.Jordan@Acme.example"))
    assert store.find_contact_by_email("  hal.jordan@acme.EXAMPLE ") == hal
    assert store.find_contact_by_email("rita@acme.example") is None
    assert store.find_contact_by_email("") is None


def test_save_contacts_is_one_write_and_scales(store: Store) -> None:
    store.add_contact(Contact(name="Existing", email="e@x.example"))
    existing = store.board().contacts[0]
    generation = _generation(store)
    added = store.save_contacts(
        [Contact(name=f"P {i}", email=f"p{i}@x.example") for i in range(5000)],
        [existing.with_changes(title="Recruiter")],
    )
    assert _generation(store) == generation + 1
    assert [c.id for c in added] == list(range(2, 5002))
    assert store.get_contact(existing.id).title == "Recruiter"
    assert len(store.board().contacts) == 5001


def test_restore_board_keeps_every_id_and_refuses_a_non_empty_store(store: Store, tmp_path: Path) -> None:
    board = Board(
        applications=[_app("A", id=5, contact_ids=[3]), _app("B", id=9)],
        contacts=[Contact(name="Hal", id=3)],
        events=[Event(application_id=5, kind="note", on=TODAY, id=12)],
        templates=[Template(name="Mine", kind="thank_you", id=2)],
    )
    store.restore_board(board)
    got = store.board()
    assert [a.id for a in got.applications] == [5, 9]
    assert [c.id for c in got.contacts] == [3]
    assert [e.id for e in got.events] == [12]
    assert [t.id for t in got.templates] == [2]
    assert store.add_application(_app("C")).id == 10  # above every restored id
    before = store.path.read_bytes()
    with pytest.raises(InputError, match="already holds records"):
        store.restore_board(board)
    assert store.path.read_bytes() == before


def test_restore_board_refuses_duplicate_ids(store: Store) -> None:
    with pytest.raises(InputError, match="id 1"):
        store.restore_board(Board(applications=[_app("A", id=1), _app("B", id=1)]))
    assert store.is_empty()


def test_the_board_equals_a_plain_board_with_the_same_records(store: Store) -> None:
    import dataclasses

    store.add_application(_app("A"))
    board = store.board()
    plain = Board(applications=list(board.applications), generation=board.generation)
    assert board == plain and plain == board
    changed = dataclasses.replace(board, applications=[])
    assert changed.applications == [] and changed != board


# -- more than one writer in one process ---------------------------------------------------


def test_two_stores_on_one_file_in_one_process_see_each_other(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with Store(db) as a, Store(db) as b:
        a.add_application(_app("A1"))
        b.add_application(_app("B1"))  # b re-reads under the lock: no lost update, no stale id
        a.add_application(_app("A2"))
        with a.transaction():  # a holds the file lock; b would wait for it
            a.add_application(_app("A3"))
        assert [x.company for x in b.board().applications] == ["A1", "B1", "A2", "A3"]
        assert [x.id for x in a.board().applications] == [1, 2, 3, 4]


def test_threads_writing_through_one_store_lose_nothing(store: Store) -> None:
    import threading

    errors: list[BaseException] = []

    def work(tag: str) -> None:
        try:
            for i in range(15):
                store.add_application(_app(f"{tag}-{i}"))
                store.board().applications  # noqa: B018 - a reader in between
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in "abcd"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    apps = store.board().applications
    assert len(apps) == 60 and len({a.id for a in apps}) == 60


def test_a_lock_file_that_cannot_be_opened_is_a_store_error(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    (tmp_path / "db.json.lock").mkdir()  # in the way of the lock file
    with pytest.raises(StoreError, match="cannot be locked"):
        Store(db)


def test_undo_of_a_delete_drops_links_to_contacts_deleted_meanwhile(store: Store) -> None:
    hal = store.add_contact(Contact(name="Hal"))
    app = store.add_application(_app(contact_ids=[hal.id]))
    store.add_event(Event(application_id=app.id, kind="note", on=TODAY, contact_id=hal.id))
    deleted, events = store.delete_application(app.id)
    store.delete_contact(hal.id)
    store.restore_application(deleted, events)
    assert store.get_application(app.id).contact_ids == []
    assert [e.contact_id for e in store.board().events_for(app.id)] == [None]
