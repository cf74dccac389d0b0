"""Bad usage or input is exit 2 with one clear message on stderr, no traceback, and the
store exactly as it was (DESIGN.md §8)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.domain.models import MAX_TEXT, Application, Contact
from tui.store.repository import Store

ODD = "Nachfaßen 🙂 {first_name} {{x}} | *md* <b> " + "z" * 10_000


@pytest.fixture
def seeded(env) -> Path:
    with Store(env.db) as store:
        store.add_contact(Contact(name="Hal", email="hal@acme.example"))
        store.add_application(Application(company="Acme", role="Dev", applied_on=date(2026, 11, 2)))
    return env.db


def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file beside the store (the lock file aside): bytes and mtime."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


BAD = {
    # usage
    "unknown command": ["frobnicate"],
    "unknown option": ["due", "--frobnicate"],
    "missing arguments": ["move", "1"],
    # ids
    "id not a number": ["move", "x", "applied"],
    "id zero": ["log", "0", "note"],
    "id negative": ["move", "-1", "applied"],
    "id fractional": ["move", "1.5", "applied"],
    "id that does not exist": ["move", "99", "applied"],
    "huge id": ["log", "99999999999999999999999", "note"],
    "contact id that does not exist": ["log", "1", "note", "--contact", "42"],
    "contact id not a number": ["log", "1", "note", "--contact", "hal"],
    # dates
    "February 30th": ["log", "1", "note", "--on", "2026-02-30"],
    "month 13": ["log", "1", "note", "--on", "2026-13-01"],
    "words for a date": ["log", "1", "note", "--on", "next week"],
    # choices
    "unknown stage": ["move", "1", "archived"],
    "unknown kind": ["log", "1", "coffee"],
    "unknown channel": ["log", "1", "note", "--channel", "fax"],
    "unknown response": ["log", "1", "response_received", "--response", "maybe"],
    "unknown outcome": ["move", "1", "closed", "--outcome", "promoted"],
    "outcome without closed": ["move", "1", "offer", "--outcome", "hired"],
    "response without its kind": ["log", "1", "note", "--response", "positive"],
    "response_received without a response": ["log", "1", "response_received"],
    "text over the limit": ["log", "1", "note", "--text", "x" * (MAX_TEXT + 1)],
    "unknown export format": ["export", "--format", "pdf"],
    "unknown export stage": ["export", "--stage", "archived"],
    "negative --within": ["due", "--within", "-3"],
    "--within not a number": ["due", "--within", "soon"],
    # files
    "import of an unknown kind": ["import", "notes.txt"],
    "import of a missing file with no extension": ["import", "nothing-here"],
}


@pytest.mark.parametrize("argv", BAD.values(), ids=BAD.keys())
def test_bad_input_is_exit_2_and_writes_nothing(cli, seeded: Path, argv: list[str]) -> None:
    before = _state(seeded.parent)
    result = cli(*argv)
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("followup: ")
    assert len(result.err) < 2_000  # one message, not a dump of the input
    assert "Traceback" not in result.err
    assert result.out == ""
    assert _state(seeded.parent) == before


def test_an_empty_date_is_not_today(cli, seeded: Path) -> None:
    before = _state(seeded.parent)
    assert cli("log", "1", "note", "--on", "").code == 2  # `--on "$DAY"` with DAY unset
    assert _state(seeded.parent) == before


def test_an_export_to_a_folder_or_a_missing_folder_is_exit_2(cli, seeded: Path, tmp_path: Path) -> None:
    result = cli("export", "-o", str(tmp_path))
    assert result.code == 2 and "folder" in result.err
    result = cli("export", "-o", str(tmp_path / "no" / "such" / "dir" / "board.md"))
    assert result.code == 2 and "Cannot write" in result.err
    assert not (tmp_path / "no").exists()


def test_odd_text_is_stored_as_it_was_typed(cli, seeded: Path) -> None:
    result = cli("log", "1", "note", "--text", ODD)
    assert result.code == 0, result.err
    with Store(seeded) as store:
        assert store.board().events_for(1)[-1].text == ODD


def test_bad_input_on_a_missing_store_creates_nothing(cli, env) -> None:
    for argv in (["move", "1", "applied"], ["log", "1", "note", "--on", "2026-02-30"]):
        assert cli(*argv).code == 2
    assert not env.db.exists()
