"""`followup import` of contacts: LinkedIn's Connections.csv and vCard files (DESIGN.md §5, §8)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("tui.io.importers.linkedin_csv")
pytest.importorskip("tui.io.importers.vcard")
pytest.importorskip("tui.io.importers.merge")

from tui.store.repository import Store

CSV = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Rita,Ortega,https://www.linkedin.com/in/ritaortega,rita@acme.example,"
    '"Acme, Inc.",Talent Partner,14 Mar 2024\n'
    "José,Núñez 🙂,https://www.linkedin.com/in/josenunez,,Globex,Engineering Manager,2 Jan 2025\n"
)
VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hal Jordan\r\nN:Jordan;Hal;;;\r\nEMAIL:hal@acme.example\r\n"
    "ORG:Acme\r\nTITLE:Engineering Manager\r\nEND:VCARD\r\n"
)


def test_a_connections_csv_imports_and_a_second_import_merges(cli, env, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(CSV, encoding="utf-8")
    first = cli("import", str(path))
    assert first.code == 0, first.err
    again = cli("import", str(path))
    assert again.code == 0, again.err
    with Store(env.db) as store:
        contacts = store.board().contacts
    assert sorted(c.name for c in contacts) == ["José Núñez 🙂", "Rita Ortega"]
    assert {c.source for c in contacts} == {"linkedin_csv"}


def test_a_vcard_imports(cli, env, tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(VCF, encoding="utf-8")
    result = cli("import", str(path))
    assert result.code == 0, result.err
    with Store(env.db) as store:
        (hal,) = store.board().contacts
    assert (hal.name, hal.email, hal.source) == ("Hal Jordan", "hal@acme.example", "vcard")


@pytest.mark.parametrize("suffix", [".csv", ".vcf"])
@pytest.mark.parametrize("kind", ["missing", "folder", "not UTF-8", "empty", "binary junk"])
def test_an_import_file_that_cannot_be_used_is_exit_2(
    cli, env, tmp_path: Path, suffix: str, kind: str
) -> None:
    path = tmp_path / f"input{suffix}"
    if kind == "folder":
        path.mkdir()
    elif kind == "not UTF-8":
        path.write_bytes("Prénom,Nom\n".encode("utf-16") + b"\xff\xfe\x00\xd8")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary junk":
        path.write_bytes(os.urandom(64) + b"\x00\x00\x00")
    result = cli("import", str(path))
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("followup: ") and "Traceback" not in result.err
    assert len(result.err) < 2_000
    assert not env.db.exists()
