"""tui.domain.safe_text: the one function that makes outside text safe for a terminal."""

from __future__ import annotations

import json

import pytest

from tui.domain.safe_text import safe_json_text, safe_text

OSC52 = "\x1b]52;c;aGVsbG8=\x07"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Acme", "Acme"),
        (f"Eve{OSC52}", "Eve␛]52;c;aGVsbG8=␇"),
        ("\x1b]0;title\x07", "␛]0;title␇"),
        ("\x9b31mred", "␛31mred"),  # 8-bit CSI
        ("a\rb", "a␍b"),  # a CR would let the line overwrite itself
        ("two\nlines", "two␊lines"),  # one line stays one line
        ("tab\tkept", "tab\tkept"),
        ("del\x7f", "del␡"),
        ("nul\x00", "nul␀"),
        ("lone \ud800", "lone \ufffd"),
        ("Zoë 中 😀", "Zoë 中 😀"),
    ],
)
def test_controls_are_shown_one_character_for_one(raw, shown):
    out = safe_text(raw)
    assert out == shown
    assert len(out) == len(raw)  # offsets into the text (search highlights) stay right
    assert not any((ord(c) < 0x20 and c != "\t") or 0x7F <= ord(c) <= 0x9F for c in out)


def test_multiline_keeps_newlines_and_pictures_a_lone_cr():
    assert safe_text("a\r\nb\nc\rd\x1b", multiline=True) == "a\nb\nc␍d␛"


def test_clean_text_is_returned_as_it_is():
    text = "Backend Engineer @ Acme"
    assert safe_text(text) is text
    assert safe_text(None) == "" and safe_text(42) == "42"


def test_safe_json_text_is_the_same_data():
    data = {"company": f"Evil\x9b2J{OSC52}\x7f", "lone": "\ud800"}
    text = json.dumps(data, ensure_ascii=False)
    safe = safe_json_text(text)
    assert not any(0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF for c in safe)
    assert "\x1b" not in safe and json.loads(safe) == data
