"""Issue 15: the readers take any bytes: contacts and a report, or a clear error; never a
traceback. A 10 MB photo streams through in constant memory."""

from __future__ import annotations

import base64
import tracemalloc
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.errors import FollowupError
from tui.io.importers import read_contacts
from tui.io.importers.linkedin_csv import read_connections_csv
from tui.io.importers.textfile import TextFile
from tui.io.importers.vcard import read_vcards

HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
CARD = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\n"

# Bytes shaped like the files: pieces of real structure mixed with noise.
PIECES = st.sampled_from(
    [
        b",",
        b";",
        b"\t",
        b'"',
        b"\r",
        b"\n",
        b"\r\r\n",
        b"=",
        b":",
        b"\x00",
        b"\xe9",
        b"\xc3",
        b"\xff\xfe",
        b"Jane",
        b"NA",
        b"jane@acme.example",
        b"https://www.linkedin.com/in/x",
        b"BEGIN:VCARD",
        b"END:VCARD",
        b"ENCODING=QUOTED-PRINTABLE:",
        b"PHOTO;ENCODING=BASE64:",
        b"FN:",
        b"EMAIL;TYPE=work:",
        b"=C3=A9",
        "Zoë".encode(),
        b"  AAAA",
    ]
)
FILES = st.one_of(st.binary(max_size=400), st.lists(PIECES, max_size=60).map(b"".join))


def _check(parsed) -> None:
    for c in parsed.contacts:
        c.check()  # every contact is a valid one
    for line, reason in parsed.skipped:
        assert isinstance(line, int) and line >= 1 and reason


@settings(max_examples=300, deadline=None)
@given(FILES, st.sampled_from([b"", HEADER, CARD]))
def test_any_bytes_give_a_report_or_a_clear_error(data, prefix) -> None:
    for reader in (read_connections_csv, read_vcards, read_contacts):
        try:
            parsed = reader(prefix + data)
        except FollowupError as exc:
            assert str(exc) and "Traceback" not in str(exc)
        else:
            _check(parsed)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_report_or_a_clear_error(text) -> None:
    for reader in (read_connections_csv, read_vcards):
        try:
            _check(reader(text))
        except FollowupError as exc:
            assert str(exc)


def test_a_10_mb_photo_is_dropped_in_constant_memory(tmp_path: Path) -> None:
    photo = base64.b64encode(b"\xff\xd8" * 3_800_000).decode()  # ~10 MB of base64
    path = tmp_path / "big.vcf"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL:jane@acme.example\r\n")
        f.write("PHOTO;ENCODING=b;TYPE=JPEG:" + photo[:76] + "\r\n")
        for i in range(76, len(photo), 76):
            f.write(" " + photo[i : i + 76] + "\r\n")
        f.write("END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:One Line\r\n")
        f.write("PHOTO:" + photo + "\r\n")  # the whole photo on one line
        f.write("END:VCARD\r\n")
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    parsed = read_vcards(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [c.name for c in parsed.contacts] == ["Jane Doe", "One Line"]
    assert peak < 4_000_000, f"peak {peak:,} bytes"  # far below the 20 MB file


def test_encodings_are_told_apart() -> None:
    text = "Prénom,Nom,Entreprise\nJosé,Müller,Société Générale\nFrançois,Dœuf,Bäckerei\n"
    assert TextFile(text.encode("cp1252")).encoding == "cp1252"
    assert TextFile(text.encode("utf-8")).encoding == "utf-8"
    assert TextFile(text.encode("utf-16")).encoding == "utf-16"
    assert [ln.text for ln in TextFile(text.encode("mac_roman"))][1] == "José,Müller,Société Générale"
    broken = TextFile(text.encode("utf-8") + b"Bad\xe9,x,y\n")
    assert broken.encoding == "utf-8-broken"
    assert [ln.problem for ln in broken][3] == "byte 0xe9 at column 4 is not UTF-8 text"
