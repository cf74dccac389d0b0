"""`followup add` (DESIGN.md §7, §8): quick capture from the shell."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("tui.followup.capture")
pytest.importorskip("tui.domain.companies")

from tests.helpers import REPO, child_env
from tui.domain.models import Application
from tui.store.repository import Store


def _state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_add_saves_what_the_line_says(cli, env) -> None:
    line = (
        "Backend Engineer @ Acme https://acme.example/jobs/42 via linkedin #remote !nocall with "
        "Hal@Acme.example"
    )
    result = cli("add", line)
    assert result.code == 0, result.err
    assert result.out.startswith("Added #1: Backend Engineer @ Acme (applied)")
    with Store(env.db) as store:
        board = store.board()
    (app,) = board.applications
    assert (app.role, app.company, app.stage, app.source) == (
        "Backend Engineer",
        "Acme",
        "applied",
        "linkedin",
    )
    assert app.url == "https://acme.example/jobs/42"
    assert app.tags == ["remote"] and app.blocked_channels == ["phone"]
    assert app.applied_on == date(2026, 11, 27)
    (contact,) = board.contacts
    assert contact.email.lower() == "hal@acme.example"
    assert app.contact_ids == [contact.id]
    assert [e.kind for e in board.events_for(app.id)] == ["applied"]


def test_add_reuses_a_known_contact(cli, env) -> None:
    assert cli("add", "Dev @ Acme with hal@acme.example").code == 0
    assert cli("add", "Ops @ Acme with HAL@acme.example").code == 0
    with Store(env.db) as store:
        board = store.board()
    assert len(board.contacts) == 1
    assert [a.contact_ids for a in board.applications] == [[1], [1]]


def test_a_duplicate_is_refused_unless_forced(cli, env) -> None:
    assert cli("add", "Backend Engineer @ Acme, Inc.").code == 0
    before = _state(env.db.parent)
    result = cli("add", "backend  engineer @ ACME")
    assert result.code == 2
    assert "#1" in result.err and "--force" in result.err
    assert _state(env.db.parent) == before
    forced = cli("add", "backend  engineer @ ACME", "--force")
    assert forced.code == 0, forced.err
    with Store(env.db) as store:
        assert len(store.board().applications) == 2


def test_a_different_company_is_not_a_duplicate(cli, env) -> None:
    assert cli("add", "Dev @ Juliet").code == 0
    assert cli("add", "Dev @ Julietta").code == 0


GARBAGE = {
    "empty": "",
    "spaces": "   ",
    "no @": "Backend Engineer at Acme",
    "no role": "@ Acme",
    "no company": "Backend Engineer @",
    "unknown source": "Dev @ Acme via carrier-pigeon",
    "unknown stage": "Dev @ Acme >archived",
    "February 30th": "Dev @ Acme on 2026-02-30",
    "on without a date": "Dev @ Acme on",
    "with without an email": "Dev @ Acme with",
    "with a non-email": "Dev @ Acme with hal",
    "unknown flag": "Dev @ Acme !urgent",
    "empty tag": "Dev @ Acme #",
    "role over the limit": "x" * 100_001 + " @ Acme",
}


@pytest.mark.parametrize("line", GARBAGE.values(), ids=GARBAGE.keys())
def test_a_line_that_does_not_parse_is_exit_2_and_writes_nothing(cli, env, line: str) -> None:
    with Store(env.db) as store:
        store.add_application(Application(company="Kept", role="Dev"))
    before = _state(env.db.parent)
    result = cli("add", line)
    assert result.code == 2, result.out
    assert result.err.startswith("followup: ") and "Traceback" not in result.err
    assert len(result.err) < 2_000
    assert result.out == ""
    assert _state(env.db.parent) == before


def test_a_bad_line_on_a_new_store_creates_no_file(cli, env) -> None:
    assert cli("add", "no at sign here").code == 2
    assert not env.db.exists()


def test_odd_text_is_kept(cli, env) -> None:
    role = "Dév {role} 🙂 | *ops* `x`"
    assert cli("add", f"{role} @ Ünïcode {{Co}}").code == 0
    with Store(env.db) as store:
        (app,) = store.board().applications
    assert (app.role, app.company) == (role, "Ünïcode {Co}")


def test_a_corrupt_store_is_exit_1(cli, env) -> None:
    env.db.write_bytes(b"[]")
    result = cli("add", "Dev @ Acme")
    assert result.code == 1
    assert str(env.db) in result.err and "NOT modified" in result.err
    assert env.db.read_bytes() == b"[]"


# -- --posting ---------------------------------------------------------------------------


@pytest.fixture
def posting_module():
    return pytest.importorskip("tui.followup.posting_reader")


def _posting_files(tmp_path: Path) -> dict[str, Path]:
    binary = tmp_path / "latin1.txt"
    binary.write_bytes(
        "Bitte keine Anrufe. Gehälter: 50.000 €".encode("latin-1", "replace") + b"\xff\xfe\x80"
    )
    folder = tmp_path / "a-folder"
    folder.mkdir()
    return {"missing": tmp_path / "nope.txt", "folder": folder, "not UTF-8": binary}


@pytest.mark.parametrize("kind", ["missing", "folder", "not UTF-8"])
def test_an_unreadable_posting_file_is_exit_2(cli, env, tmp_path, posting_module, kind: str) -> None:
    path = _posting_files(tmp_path)[kind]
    result = cli("add", "Dev @ Acme", "--posting", str(path))
    assert result.code == 2, result.err
    assert str(path) in result.err and "Traceback" not in result.err
    assert not env.db.exists()


def test_apply_posting_needs_a_posting(cli, env) -> None:
    result = cli("add", "Dev @ Acme", "--apply-posting")
    assert result.code == 2 and "--posting" in result.err
    assert not env.db.exists()


def test_apply_posting_sets_what_the_posting_says(cli, env, tmp_path, posting_module) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "Senior Dev at Acme.\nNo phone calls please.\nOnly selected applicants will be contacted.\n"
    )
    result = cli("add", "Dev @ Acme", "--posting", str(posting), "--apply-posting")
    assert result.code == 0, result.err
    with Store(env.db) as store:
        (app,) = store.board().applications
    assert app.posting_text == posting.read_text()
    assert "phone" in app.blocked_channels
    assert app.follow_up_policy == "only_qualified"


# -- startup ---------------------------------------------------------------------------


def test_add_never_imports_textual(env) -> None:
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from tui.cli.main import main; code = main(['add', 'Dev @ Acme']);"
            "print(code, 'textual' in sys.modules)",
        ],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.stdout.splitlines()[-1] == "0 False", probe.stderr
