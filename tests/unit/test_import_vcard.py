"""vCard import (DESIGN.md §5): 2.1, 3.0 and 4.0 cards as phones and address books write
them, several to a file, and every way a file can be broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.errors import ImportFormatError
from tui.io.importers import ParsedContacts, read_contacts
from tui.io.importers.vcard import read_vcards

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"


def test_a_3_0_address_book_export() -> None:
    parsed = read_vcards(FIXTURES / "contacts-3.0.vcf")
    jane, juergen = parsed.contacts

    assert jane.name == "Jane Doe"
    assert jane.email == "JANE.DOE@ACME.EXAMPLE"  # the WORK;pref address, not the HOME one
    assert jane.phone == "+1 (555) 010-0199"
    assert jane.company == "Acme Inc"  # ORG's first unit, not the department
    assert jane.title == "Technical Recruiter"
    assert jane.twitter == "@janedoe_hires"  # from X-SOCIALPROFILE;type=twitter
    assert jane.linkedin == ""
    # An escaped semicolon, and a line folded in the middle of a word.
    assert (
        jane.notes == "Met at the Acme hiring open day; said to email her directly about the platform role."
    )

    assert juergen.name == "Dr. Jürgen Müller"
    assert juergen.company == "Globex GmbH, Berlin"  # an escaped comma inside the unit
    assert juergen.linkedin == "https://www.linkedin.com/in/juergen-mueller/"  # item1.URL
    assert juergen.notes == (
        "Hiring manager for the platform team. He prefers a short note over a call and answers within a week."
    )
    for c in parsed.contacts:
        assert (c.source, c.role, c.id) == ("vcard", None, None)

    # The third card has only a phone number.
    assert parsed.skipped == [(27, "no name or email address")]


def test_a_4_0_file_with_pref_parameters_and_uri_values() -> None:
    parsed = read_vcards(FIXTURES / "contacts-4.0.vcf")
    zoe, chidi = parsed.contacts
    assert zoe.name == "Zoë Chen"
    assert zoe.email == "zoe.chen@initech.example"  # TYPE=work;PREF=1 beats the first one
    assert zoe.phone == "+1-555-555-0100"  # "tel:" dropped
    assert zoe.linkedin == "https://linkedin.com/in/zoechen/"
    assert zoe.twitter == "@zoechen"
    assert zoe.title == "Talent Acquisition Partner"
    assert zoe.notes == "Posted the SRE opening.\nPrefers email."
    assert chidi.name == "Chidi Okafor"  # no FN: built from N
    assert chidi.company == "Hooli"
    assert parsed.skipped == []


def test_a_2_1_phone_export_with_quoted_printable_and_soft_line_breaks() -> None:
    [jose] = read_vcards(FIXTURES / "contacts-2.1-android.vcf").contacts
    assert jose.name == "José García"
    assert jose.email == "jose.garcia@globex.example"
    assert jose.phone == "+34600111222"
    # =0D=0A is a line break; "=" at a line's end joins it to the next; commas are text.
    assert jose.notes == (
        "Referred me to the Globex team\n"
        "Café chat on Tuesday, follow up after the interview with the director of engineering."
    )


@pytest.mark.parametrize(
    ("lines", "field", "expected"),
    [
        (["FN:Doe, Jane"], "name", "Doe, Jane"),  # vobject alone would keep "Doe"
        (["FN:Jane", "TITLE:VP, Engineering"], "title", "VP, Engineering"),
        (["FN:Jane", "NOTE:one\\, two, three\\nfour"], "notes", "one, two, three\nfour"),
        (["FN:Jane", "EMAIL:a@x.example", "EMAIL;TYPE=pref:b@x.example"], "email", "b@x.example"),
        (["FN:Jane", "EMAIL;TYPE=home:a@x.example", "EMAIL;TYPE=work:b@x.example"], "email", "b@x.example"),
        (["FN:Jane", "EMAIL:mailto:a@x.example"], "email", "a@x.example"),
        (
            ["FN:Jane", "URL:https://example.org", "URL:https://de.linkedin.com/in/jane"],
            "linkedin",
            "https://de.linkedin.com/in/jane",
        ),
        (
            ["FN:Jane", "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/jane"],
            "linkedin",
            "https://www.linkedin.com/in/jane",
        ),
        (["FN:Jane", "URL:https://x.com/jane_doe"], "twitter", "@jane_doe"),
        (["FN:Jane", "X-SOCIALPROFILE;type=twitter:x-apple:janedoe"], "twitter", "@janedoe"),
        (["FN:Jane", "X-TWITTER:janedoe"], "twitter", "@janedoe"),
        (["FN:Jane", "X-TWITTER:not a handle!"], "twitter", ""),
        (["N:Doe;Jane;Q.;Dr.;PhD"], "name", "Dr. Jane Q. Doe PhD"),
        (["FN:Jane", "ORG:Acme, Inc.;Talent"], "company", "Acme, Inc."),
        (["FN:Jane", "TEL;TYPE=home:1", "TEL;TYPE=cell:2"], "phone", "2"),
        (["FN:{first_name} **bold** 🚀"], "name", "{first_name} **bold** 🚀"),
        (["FN:Jane\u2028Doe"], "name", "Jane Doe"),  # U+2028 is not a line break here
        (["FN:Jane", "TITLE:VP\\nEngineering"], "title", "VP Engineering"),  # one-line field
    ],
)
def test_card_fields(lines: list[str], field: str, expected: str) -> None:
    [c] = read_vcards(card(*lines)).contacts
    assert getattr(c, field) == expected


def test_several_cards_one_broken_keeps_the_others() -> None:
    text = card("FN:Good One") + card("this line is no property") + card("FN:Good Two")
    parsed = read_vcards(text)
    assert [c.name for c in parsed.contacts] == ["Good One", "Good Two"]
    [(line, reason)] = parsed.skipped
    assert line == 7  # the broken line itself: card two starts on line 5
    assert reason.startswith("unreadable card:") and "this line is no property" in reason


def test_read_contacts_recognises_a_vcard_file() -> None:
    assert [c.name for c in read_contacts(FIXTURES / "contacts-4.0.vcf").contacts] == [
        "Zoë Chen",
        "Chidi Okafor",
    ]


@pytest.mark.parametrize(
    ("source", "message_parts"),
    [
        pytest.param("", ["no vCard"], id="empty"),
        pytest.param("First Name,Last Name\nAda,Lovelace\n", ["line 1", "BEGIN:VCARD"], id="a csv"),
        pytest.param(card("not a property"), ["line 3", "not a property"], id="only card broken"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", ["not"], id="a jpeg"),
    ],
)
def test_a_malformed_file_is_refused_with_the_line(source, message_parts) -> None:
    with pytest.raises(ImportFormatError) as err:
        read_vcards(source)
    for part in message_parts:
        assert part in str(err.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.booleans())
def test_any_text_gives_contacts_or_a_format_error(text, wrapped) -> None:
    source = card(*text.splitlines()) if wrapped else text
    try:
        parsed = read_vcards(source)
    except ImportFormatError as err:
        assert str(err)
        return
    assert isinstance(parsed, ParsedContacts)
    for c in parsed.contacts:
        assert c.name or c.email
        assert c.source == "vcard"


def test_photos_and_oversized_properties_are_skipped_not_parsed() -> None:
    # Issue 22: a photo is not needed, so even a broken one no longer refuses the card
    # (it used to: "bad base64"); a property over MAX_PROPERTY is dropped the same way.
    from tui.io.importers.vcard import MAX_VALUE as MAX_PROPERTY

    long_note = "NOTE:" + "\r\n ".join(["n" * 70] * (MAX_PROPERTY // 70 + 10))
    parsed = read_vcards(
        card("FN:Photo Person", "EMAIL:p@acme.example", "PHOTO;ENCODING=b:@@@notbase64", " @@@folded")
        + card("FN:Noted Person", long_note, "TITLE:Recruiter")
    )
    first, second = parsed.contacts
    assert (first.name, first.email) == ("Photo Person", "p@acme.example")
    assert (second.name, second.title, second.notes) == ("Noted Person", "Recruiter", "")


@pytest.mark.parametrize(
    ("source", "names", "skipped"),
    [
        # Once refused whole; now what can be read is read, and the rest reported by line.
        pytest.param(FIXTURES / "unterminated.vcf", None, [], id="cut short: the last card is read"),
        pytest.param(
            card("FN:x") + "junk between\n" + card("FN:y"),
            ["x", "y"],
            [(5, "text outside any card (expected BEGIN:VCARD)")],
            id="junk outside",
        ),
        pytest.param(card("FN:x", "PHOTO;ENCODING=b:@@@notbase64"), ["x"], [], id="a bad photo is dropped"),
        pytest.param(b"BEGIN:VCARD\nFN:Ren\xe9\nEND:VCARD\n", ["Ren\u00e9"], [], id="latin-1: cp1252"),
    ],
)
def test_what_once_refused_a_file_is_tolerated(source, names, skipped) -> None:
    parsed = read_vcards(source)
    if names is not None:
        assert [c.name for c in parsed.contacts] == names
    else:
        assert parsed.contacts
    assert parsed.skipped == skipped
