"""LinkedIn's Connections.csv export (DESIGN.md §5): the notes before the header, quoted
commas, missing emails, unicode, BOM, CRLF, repeated rows, and files that are not one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.domain.errors import ImportFormatError, InputError
from tui.domain.models import MAX_TEXT
from tui.io.importers import ParsedContacts, read_contacts
from tui.io.importers.linkedin_csv import read_connections_csv

FIXTURE = Path(__file__).parents[1] / "fixtures" / "import" / "Connections.csv"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
NOTES = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n'
    "\r\n"
)


def parse(body: str, header: str = HEADER) -> ParsedContacts:
    return read_connections_csv(NOTES + header + "\r\n" + body)


def test_the_fixture_reads_as_linkedin_exports_it() -> None:
    raw = FIXTURE.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNotes:\r\n") and b"\r\n" in raw  # BOM, notes, CRLF

    parsed = read_connections_csv(FIXTURE)

    rows = [(c.name, c.email, c.company, c.title, c.linkedin) for c in parsed.contacts]
    assert rows == [
        (
            "Jane Doe",
            "jane.doe@acme.example",
            "Acme, Inc.",
            "Technical Recruiter",
            "https://www.linkedin.com/in/janedoe",
        ),
        (
            "José García",
            "",
            "Globex",
            "Director, Engineering",
            "https://www.linkedin.com/in/jose-garcia-7b2a1c",
        ),
        (
            "Zoë Ćwiek-O'Brien",
            "",
            "Initech, LLC",
            "Head of Talent, EMEA",
            "https://www.linkedin.com/in/zoe-obrien",
        ),
        ("李 伟", "", "Hooli", "Engineering Manager", "https://www.linkedin.com/in/wei-li-8a9b"),
        (
            "Priya Raman 🚀",
            "",
            "Stark Industries",
            'Talent Acquisition Partner "Platform"',
            "https://www.linkedin.com/in/priyaraman",
        ),
        ("Sam Lee", "", "Umbrella", "Recruiter", "https://www.linkedin.com/in/samlee/"),
        (
            "Sam Lee",
            "sam.lee@umbrella.example",
            "Umbrella Corp",
            "Senior Recruiter",
            "https://linkedin.com/in/SamLee?trk=people-guest",
        ),
        (
            "Marcus Nguyen, PhD",
            "",
            "Wayne Enterprises",
            "VP of Engineering, Platform & Infra",
            "https://www.linkedin.com/in/marcus-nguyen",
        ),
    ]
    # Line 10 repeats line 5 exactly; line 13 has a company and a position but nobody.
    assert parsed.skipped == [(10, "a repeat of line 5"), (13, "no name, email address or profile URL")]


def test_imported_contacts_are_marked_and_leave_the_role_to_the_finder() -> None:
    for c in read_connections_csv(FIXTURE).contacts:
        assert c.source == "linkedin_csv"
        assert c.role is None
        assert c.id is None
        assert c.relationship == "formal"
        assert "\r" not in c.name + c.title + c.company
        assert not c.name.startswith("\ufeff")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(FIXTURE, id="Path"),
        pytest.param(str(FIXTURE), id="path string"),
        pytest.param(FIXTURE.read_bytes(), id="bytes"),
        pytest.param(FIXTURE.read_bytes().decode("utf-8-sig"), id="text"),
        pytest.param(FIXTURE.read_bytes().decode("utf-8-sig").replace("\r\n", "\n"), id="LF"),
        pytest.param(FIXTURE.read_bytes().decode("utf-8-sig").encode("utf-16"), id="UTF-16 with BOM"),
    ],
)
def test_every_form_of_the_file_reads_the_same(source) -> None:
    parsed = read_connections_csv(source)
    assert [c.name for c in parsed.contacts][:2] == ["Jane Doe", "José García"]
    assert len(parsed.contacts) == 8
    assert parsed.skipped == [(10, "a repeat of line 5"), (13, "no name, email address or profile URL")]


def test_read_contacts_recognises_a_connections_file() -> None:
    assert len(read_contacts(FIXTURE).contacts) == 8


def test_a_header_without_notes_and_with_a_bom_in_its_first_cell() -> None:
    parsed = read_connections_csv(
        "\ufeff" + HEADER + "\nAda,Lovelace,,ada@example.org,Analytical,Engineer,1 Jan 2024\n"
    )
    assert [(c.name, c.email) for c in parsed.contacts] == [("Ada Lovelace", "ada@example.org")]


def test_columns_are_found_by_name_in_any_order_and_older_exports_without_url() -> None:
    header = "Email Address,Position,Company,Last Name,First Name,Connected On"
    parsed = parse('ada@example.org,"Engineer, Analytical",Babbage & Co,Lovelace,Ada,1 Jan 2024', header)
    [ada] = parsed.contacts
    assert (ada.name, ada.email, ada.title, ada.company, ada.linkedin) == (
        "Ada Lovelace",
        "ada@example.org",
        "Engineer, Analytical",
        "Babbage & Co",
        "",
    )


def test_a_row_with_only_a_profile_url_is_kept_under_the_name_in_the_url() -> None:
    [c] = parse(",,https://www.linkedin.com/in/jane-doe-1a2b3c/,,,,\r\n").contacts
    assert c.name == "jane-doe-1a2b3c"
    assert c.linkedin == "https://www.linkedin.com/in/jane-doe-1a2b3c/"


def test_short_rows_blank_lines_and_extra_cells_are_tolerated() -> None:
    parsed = parse("Ada,Lovelace\r\n\r\n,,,,,,\r\nAlan,Turing,,,Bletchley,Analyst,1 Jan 2024,extra,cells\r\n")
    assert [(c.name, c.company) for c in parsed.contacts] == [
        ("Ada Lovelace", ""),
        ("Alan Turing", "Bletchley"),
    ]
    assert parsed.skipped == []


def test_a_quoted_field_over_two_lines_keeps_the_line_numbers_right() -> None:
    body = 'Ada,Lovelace,,,"Analytical\r\nEngines",Engineer,1 Jan 2024\r\n,,,,,CEO,\r\n'
    parsed = parse(body)
    assert parsed.contacts[0].company == "Analytical Engines"  # a one-line field stays one line
    # Header on line 4, Ada on lines 5-6, the nameless row on line 7.
    assert parsed.skipped == [(7, "no name, email address or profile URL")]


def test_a_value_too_long_for_the_model_skips_only_that_row() -> None:
    parsed = parse(f"Ada,Lovelace,,,Acme,{'x' * (MAX_TEXT + 1)},1 Jan 2024\r\nAlan,Turing,,,,,\r\n")
    assert [c.name for c in parsed.contacts] == ["Alan Turing"]
    [(line, reason)] = parsed.skipped
    assert line == 5
    assert "title" in reason and "limit" in reason


def test_only_exact_repeats_are_dropped_here() -> None:
    # Same person, different title: both rows stay; merging them is plan_merge's job.
    parsed = parse(
        "Sam,Lee,https://www.linkedin.com/in/samlee,,Umbrella,Recruiter,1 Nov 2023\r\n"
        "Sam,Lee,https://www.linkedin.com/in/samlee,,Umbrella,Senior Recruiter,1 Nov 2023\r\n"
        "Sam,Lee,https://www.linkedin.com/in/samlee,,Umbrella,Recruiter,2 Nov 2023\r\n"
    )
    assert [c.title for c in parsed.contacts] == ["Recruiter", "Senior Recruiter"]
    assert parsed.skipped == [(7, "a repeat of line 5")]  # "Connected On" is not kept


def test_a_header_and_no_rows_is_an_empty_network() -> None:
    assert parse("") == ParsedContacts([], [])


@pytest.mark.parametrize(
    ("source", "message_parts"),
    [
        pytest.param(
            "Name,Email\nAda,ada@example.org\n",
            ["line 1", "found 'Name,Email'", "First Name,Last Name,URL"],
            id="other csv",
        ),
        pytest.param("", ["empty"], id="empty"),
        pytest.param("   \r\n\r\n", ["empty"], id="blank"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["not"], id="png bytes"),
        # read as cp1252: no header in it
        pytest.param(b"caf\xe9,latin-1\n", ["line 1", "caf\u00e9,latin-1"], id="latin-1 bytes"),
        pytest.param("First Name,Last Name\x00,URL\n", ["NUL"], id="NUL"),
        pytest.param(
            "Notes:\n" + "note\n" * 30 + HEADER + "\n",
            ["line 2", "found 'note'", "first 20 lines"],
            id="header too far down",
        ),
        pytest.param(
            "First Name,Last Name\nAda,Lovelace\n",
            ["line 1", "First Name,Last Name,URL"],
            id="too few columns",
        ),
    ],
)
def test_a_file_that_is_not_a_connections_export_is_refused_clearly(source, message_parts) -> None:
    with pytest.raises(ImportFormatError) as err:
        read_connections_csv(source)
    for part in message_parts:
        assert part in str(err.value)
    assert "Traceback" not in str(err.value)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_connections_csv(tmp_path / "Connections.csv")
    assert "Connections.csv" in str(err.value)


def test_a_field_over_the_csv_limit_is_a_format_error_with_its_line() -> None:
    with pytest.raises(ImportFormatError) as err:
        parse(f'Ada,Lovelace,,,"{"x" * 200_000}",,\r\n')
    assert "line" in str(err.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.booleans())
@example("NULL", True)  # a placeholder only: nothing readable, refused with the reason
@example("NULL\r\nAda,Lovelace,,,,,\r\n", True)  # one readable row: read, the other skipped
def test_any_text_gives_contacts_or_a_format_error(text, with_header) -> None:
    source = (NOTES + HEADER + "\r\n" + text) if with_header else text
    first_row = NOTES.count("\n") + 2  # the line after the header
    try:
        parsed = read_connections_csv(source)
    except ImportFormatError as err:
        assert str(err) and "Traceback" not in str(err)
        if with_header:
            # After a real header a file is refused only when it has rows and not one of them
            # is readable ("NULL", "NA" alone: placeholders, no person), saying which line and why.
            found = re.search(r"nothing in it could be read; line (\d+): (.+)\.$", str(err))
            assert found, str(err)
            assert int(found.group(1)) >= first_row and found.group(2).strip()
        return
    assert isinstance(parsed, ParsedContacts)
    if with_header:
        assert parsed.contacts or not parsed.skipped  # rows skipped and none read: that is refused
        assert all(line >= first_row for line, _ in parsed.skipped)
    for c in parsed.contacts:
        assert c.name or c.email
        assert c.source == "linkedin_csv"
    for line, reason in parsed.skipped:
        assert line >= 1 and reason


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_contacts_or_a_format_error(raw) -> None:
    try:
        parsed = read_connections_csv(raw)
    except ImportFormatError as err:
        assert str(err)
    else:
        assert isinstance(parsed, ParsedContacts)
