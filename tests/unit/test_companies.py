"""Loose company matching (DESIGN.md §5): what counts as the same employer."""

from __future__ import annotations

import pytest

from tui.domain.companies import company_key, same_company


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme, Inc.", "ACME"),  # the design's own example
        ("Acme Inc", "acme"),
        ("acme corp", "Acme Corporation"),
        ("Acme LLC", "Acme, L.L.C."),
        ("Acme Ltd.", "Acme Limited"),
        ("Acme GmbH", "acme"),
        ("Acme Co.", "Acme"),
        ("Acme S.A.", "ACME SA"),
        ("Acme S. A.", "Acme"),
        ("Acme AG", "Acme"),
        ("Acme PLC", "Acme"),
        ("Acme GmbH & Co. KG", "Acme"),  # suffixes stack
        ("Acmé", "ACME"),  # accents
        ("Müller GmbH", "Muller"),
        ("  Acme \t  Widgets ", "acme widgets"),  # spacing
        ("Acme-Widgets", "Acme Widgets"),  # punctuation
        ("AcmeWidgets", "Acme Widgets"),  # spacing ignored altogether
        ("O'Reilly Media", "OReilly Media"),
        ("The Home Depot", "Home Depot"),
        ("Ｆａｃｅｂｏｏｋ", "facebook"),  # full-width letters
        ("Straße AG", "Strasse"),
    ],
)
def test_same_company_ignores_cosmetic_differences(a: str, b: str) -> None:
    assert same_company(a, b)
    assert same_company(b, a)
    assert company_key(a) == company_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Juliet", "Julietta"),  # the design's own counter-example
        ("Acme", "Acme Labs"),
        ("Acme", "Acne"),
        ("Meta", "Metal"),
        ("Plan B", "Plan"),  # a single letter is a word, not a legal form
        ("Apple", "Pineapple"),
        ("ガ", "カ"),  # a Japanese voicing mark changes the word
    ],
)
def test_different_companies_stay_different(a: str, b: str) -> None:
    assert not same_company(a, b)
    assert company_key(a) != company_key(b)


@pytest.mark.parametrize("name", ["", "   ", "—", "🚀🚀", "&&&", "..."])
def test_names_without_letters_are_unknown_not_equal(name: str) -> None:
    assert company_key(name) == ""
    assert not same_company(name, name)
    assert not same_company(name, "")


def test_a_name_that_is_only_a_legal_form_is_kept() -> None:
    assert company_key("Limited") == "limited"
    assert company_key("The Company") == "company"
    assert not same_company("Limited", "")


_ODD_NAMES = [
    "x" * 10_000,
    "{company} {{}} }{",
    "**Acme** _inc_ `code`",
    "a\nb\rc\x00d",
    "🙂 Acme 🙂 Inc",
    "\u202eemca",
]


@pytest.mark.parametrize("name", _ODD_NAMES)
def test_any_text_gives_a_key_without_raising(name: str) -> None:
    key = company_key(name)
    assert isinstance(key, str)
    assert " " not in key


def test_markdown_and_emoji_around_a_name_still_match() -> None:
    assert same_company("🙂 Acme 🙂 Inc", "Acme")
    assert same_company("**Acme** Inc", "acme")


def test_non_latin_names_compare_by_their_own_letters() -> None:
    assert same_company("株式会社トヨタ", "株式会社 トヨタ")
    assert same_company("हिन्दी Ltd", "हिन्दी")
    assert not same_company("トヨタ", "ホンダ")
