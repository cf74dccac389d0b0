"""`with "Jane Doe <jane@x.example>"` in a capture line names its contact (issue 15)."""

from __future__ import annotations

from datetime import date

import pytest

from tui.followup.capture import CaptureError, parse_capture, to_line

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("line", "name", "email"),
    [
        ('Engineer @ Acme with "Jane Doe <jane@acme.example>"', "Jane Doe", "jane@acme.example"),
        (
            'Engineer @ Acme with "Jane  van der Berg  <jane@acme.example>" #remote',
            "Jane van der Berg",
            "jane@acme.example",
        ),
        (
            "Engineer @ Acme with \u201cZo\u00eb Chen <zoe@acme.example>\u201d",
            "Zo\u00eb Chen",
            "zoe@acme.example",
        ),
        ('Engineer @ Acme with "<jane@acme.example>"', None, "jane@acme.example"),
        ("Engineer @ Acme with jane@acme.example", None, "jane@acme.example"),
    ],
)
def test_a_named_address_gives_the_name_and_the_address(line, name, email) -> None:
    capture = parse_capture(line, TODAY)
    assert (capture.contact_name, capture.contact_email) == (name, email)
    assert parse_capture(to_line(capture), TODAY) == capture  # the line it writes reads back the same


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('Engineer @ Acme with "Jane Doe jane@acme.example"', "not a name and an address"),
        ('Engineer @ Acme with "Jane Doe <jane@acme.example>', "never closed"),
        ('Engineer @ Acme with "Jane Doe <not-an-address>"', "not an email address"),
    ],
)
def test_a_broken_named_address_says_what_is_wrong(line, words) -> None:
    with pytest.raises(CaptureError, match=words):
        parse_capture(line, TODAY)
