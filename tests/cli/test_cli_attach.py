"""``followup attach``: what you sent where (issue 19): the hash, the versions, the errors."""

from __future__ import annotations

import hashlib
import json
import stat
from datetime import date
from pathlib import Path

import pytest

from tui.domain.models import Application, Event
from tui.store.repository import Store


@pytest.fixture
def board(env) -> Path:
    with Store(env.db) as store:
        for company in ("Acme", "Globex", "Initech", "Hooli", "Umbrella", "Stark"):
            store.add_application(Application(company=company, role="Dev", applied_on=date(2026, 11, 2)))
    return env.db


@pytest.fixture
def resume(tmp_path) -> Path:
    path = tmp_path / "cv-2026.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"resume v1 " * 5000)
    return path


def test_the_hash_size_and_day_are_recorded_and_the_file_is_not_copied(cli, board, resume) -> None:
    result = cli("attach", "1", str(resume))
    assert result.code == 0, result.err
    digest = hashlib.sha256(resume.read_bytes()).hexdigest()
    assert result.out.strip() == (
        f"Attached cv-2026.pdf (50,009 bytes, sha256 {digest[:12]}, v1) as resume to #1 Dev @ Acme"
    )
    with Store(board) as store:
        [a] = store.get_application(1).attachments
    assert a == {"name": "cv-2026.pdf", "size": 50_009, "sha256": digest, "on": "2026-11-27", "as": "resume"}
    assert not (board.parent / "attachments").exists()


def test_a_missing_file_is_a_clear_exit_2(cli, board, tmp_path) -> None:
    before = board.read_bytes()
    result = cli("attach", "1", str(tmp_path / "nope.pdf"))
    assert result.code == 2
    assert result.err.strip() == f"followup: {tmp_path / 'nope.pdf'} does not exist."
    folder = cli("attach", "1", str(tmp_path))
    assert folder.code == 2 and "is a folder, not a file" in folder.err
    assert cli("attach", "99", str(tmp_path)).code == 2
    assert board.read_bytes() == before


def test_the_same_file_twice_is_one_version(cli, board, resume, tmp_path) -> None:
    assert cli("attach", "1", str(resume)).code == 0
    again = cli("attach", "1", str(resume))
    assert again.code == 0 and again.out.startswith("Already recorded: cv-2026.pdf (same file)")
    renamed = tmp_path / "Resume FINAL.pdf"
    renamed.write_bytes(resume.read_bytes())
    other = cli("attach", "2", str(renamed))
    assert ", v1) as resume to #2" in other.out  # same bytes, another name: the same version
    assert "the same file went with #1 Acme" in other.out
    changed = tmp_path / "cv-2026b.pdf"
    changed.write_bytes(resume.read_bytes() + b"\n")
    assert ", v2) as resume to #3" in cli("attach", "3", str(changed)).out
    cover = tmp_path / "letter.pdf"
    cover.write_bytes(b"Dear Acme")
    assert "as cover letter to #1" in cli("attach", "1", str(cover), "--as", "cover_letter").out
    with Store(board) as store:
        assert [a["as"] for a in store.get_application(1).attachments] == ["resume", "cover_letter"]


def test_copy_keeps_a_private_copy_beside_the_store(cli, board, resume) -> None:
    assert cli("attach", "1", str(resume), "--copy").code == 0
    with Store(board) as store:
        [a] = store.get_application(1).attachments
    copy = board.parent / a["copy"]
    assert copy.read_bytes() == resume.read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_markdown_export_and_stats_by_resume_version(cli, board, resume, tmp_path) -> None:
    v2 = tmp_path / "cv-v2.pdf"
    v2.write_bytes(b"resume v2")
    for app_id in ("1", "2", "3", "4", "5"):
        assert cli("attach", app_id, str(resume)).code == 0
    assert cli("attach", "6", str(v2)).code == 0
    with Store(board) as store:
        for app_id in (1, 2, 3):  # three of the five v1 applications heard back
            store.add_event(Event(application_id=app_id, kind="response_received", on=date(2026, 11, 20),
                                  response="positive"))  # fmt: skip
    markdown = cli("export").out
    assert "## What you sent" in markdown
    assert "| Acme | Dev | cv-2026.pdf | resume | 2026-11-27 |" in markdown
    text = cli("stats").out
    assert "Response rate by resume version:" in text
    assert "v1 cv-2026.pdf" in text and "60% (3 of 5)" in text
    assert "v2 cv-v2.pdf" in text and "0 of 1" in text  # too few to quote a rate
    doc = json.loads(cli("stats", "--json").out)
    rows = {r["version"]: r for r in doc["by_resume_version"]}
    assert (rows["v1 cv-2026.pdf"]["hits"], rows["v1 cv-2026.pdf"]["total"]) == (3, 5)
    assert rows["v2 cv-v2.pdf"]["rate"] is None


def test_adding_at_a_company_you_applied_to_before_says_so(cli, board, resume) -> None:
    assert cli("attach", "1", str(resume)).code == 0
    assert cli("move", "1", "closed", "--outcome", "rejected").code == 0
    result = cli("add", "Staff Engineer @ ACME Inc.")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Added #7: Staff Engineer @ ACME Inc. (applied)",
        "  You applied to ACME Inc. before: #1 Dev (applied 2026-11-02, closed: rejected; sent cv-2026.pdf).",
    ]
    fresh = cli("add", "Dev @ Wayne Enterprises")
    assert fresh.out.splitlines() == ["Added #8: Dev @ Wayne Enterprises (applied)"]
