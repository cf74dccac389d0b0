"""Loose company-name matching (DESIGN.md §5).

People type the same employer many ways: "Acme, Inc.", "ACME", "acme corp",
"Acmé Corporation". The finder, the rules' company contact budget and the capture
duplicate check all compare names through ``company_key`` so they agree.

Only cosmetic differences are ignored (case, accents, punctuation, spacing, a
leading "The", trailing legal-form suffixes); a different word or a longer name is a
different company, so "Juliet" is not "Julietta" and "Acme Labs" is not "Acme".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Trailing legal forms, as token sequences after dots are dropped ("S.A." -> "sa",
# "S. A." -> "s a"). Stripped repeatedly from the end, so "Acme GmbH & Co. KG" -> "acme".
# fmt: off
_SINGLE = frozenset({
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co",
    "company", "plc", "gmbh", "ag", "kg", "kgaa", "ug", "se", "sa", "sas", "sarl", "srl", "spa",
    "sl", "bv", "nv", "oy", "oyj", "ab", "asa", "aps", "as", "pty", "pvt", "pte", "ulc", "lda",
    "kk", "ohg",
})
# fmt: on
# Legal forms written with spaced initials ("S. A.", "L. L. C."), longest first.
_MULTI: tuple[tuple[str, ...], ...] = (
    ("l", "l", "c"),
    ("s", "r", "l"),
    ("s", "p", "a"),
    ("s", "a"),
    ("s", "l"),
    ("b", "v"),
    ("n", "v"),
)
_DOTS = re.compile(r"[.'’`´]")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_DIACRITICS = re.compile("[\u0300-\u036f]")


def _fold(text: str) -> str:
    """Casefold and drop Latin accents (é -> e, ß -> ss, ｆ -> f).

    Only the combining diacritics block goes: a Japanese voicing mark (ガ vs カ) or an
    Indic vowel sign changes the word, so those marks stay.
    """
    stripped = _DIACRITICS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return unicodedata.normalize("NFC", stripped)


def _tokens(text: str) -> list[str]:
    """Words of letters, digits and their marks; everything else separates words.

    (``\\w`` alone would split "हिन्दी" at its vowel signs.)
    """
    out: list[str] = []
    word: list[str] = []
    for ch in text:
        if ch.isalnum() or unicodedata.category(ch)[0] == "M":
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


@lru_cache(maxsize=65_536)
def company_key(name: str) -> str:
    """A comparison key for a company name; "" when the name has no letters or digits.

    >>> company_key("Acme, Inc.") == company_key("ACME")
    True
    """
    if not isinstance(name, str):
        return ""
    if name.isascii():  # the common case, without the per-character walk
        tokens = _ASCII_WORD.findall(_DOTS.sub("", name.lower()))
    else:
        tokens = _tokens(_DOTS.sub("", _fold(name)))
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    # Never strip the whole name: a company called "Limited" is still a name.
    while len(tokens) > 1:
        if tokens[-1] in _SINGLE:
            tokens.pop()
            continue
        multi = next((m for m in _MULTI if len(tokens) > len(m) and tuple(tokens[-len(m) :]) == m), None)
        if multi is None:
            break
        del tokens[-len(multi) :]
    return "".join(tokens)


def same_company(a: str, b: str) -> bool:
    """True when two company names are the same employer, compared loosely.

    Two names with no letters or digits at all (blank, "—", emoji) are unknown, not equal.
    """
    key = company_key(a)
    return bool(key) and key == company_key(b)
