"""Fuzzy contact search (DESIGN.md §5): ranking, multi-word queries, accents, highlight
spans, incremental updates, and that no query can break it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.domain.models import Contact
from tui.followup.contact_search import ContactIndex, Match, display, fold


def contact(cid: int, name: str, title: str = "", company: str = "", email: str = "") -> Contact:
    return Contact(id=cid, name=name, title=title, company=company, email=email)


PEOPLE = [
    contact(1, "Sarah Connor", "Recruiter", "Acme", "sarah@acme.example"),
    contact(2, "Samira Hart", "Software Engineer", "Globex"),
    contact(3, "Oscar Ramirez", "Sales Director", "Initech"),
    contact(4, "Lisa Sarkar", "Data Scientist", "Hooli"),
    contact(5, "Tom Vasari", "Designer", "Umbrella"),
    contact(6, "Jane Doe", "Talent Acquisition Partner", "Sarnia Labs"),
    contact(7, "Ana Lima", "Technical Recruiter", "Acme, Inc."),
    contact(8, "Raj Patel", "Recruiter", "ACME"),
    contact(9, "Eve Stone", "Software Engineer", "Acme, Inc."),
    contact(10, "Rebecca Cole", "Recruiter", "Globex"),
    contact(11, "José García", "Engineering Manager", "Globex"),
    contact(12, "Jose Smith", "Product Manager", "Initech"),
    contact(13, "Jürgen Müller", "Director of Engineering", "Hooli"),
    contact(14, "Łukasz Nowak", "Backend Engineer", "Umbrella"),
    contact(15, "Zoë Chen", "Sourcer", "Initech", "zoe.chen@initech.example"),
]


@pytest.fixture(scope="module")
def index() -> ContactIndex:
    return ContactIndex(PEOPLE)


def ids(matches: list[Match]) -> list[int]:
    return [m.contact_id for m in matches]


def test_display_joins_the_parts_that_exist() -> None:
    assert display(PEOPLE[0]) == "Sarah Connor · Recruiter · Acme · sarah@acme.example"
    assert display(contact(99, "Solo")) == "Solo"
    assert display(contact(99, "", email="a@b.example")) == "a@b.example"


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "\u3000"])
def test_an_empty_query_finds_nothing(index: ContactIndex, query: str) -> None:
    assert index.search(query) == []


def test_a_zero_or_negative_limit_finds_nothing(index: ContactIndex) -> None:
    assert index.search("sar", limit=0) == []
    assert index.search("sar", limit=-5) == []


def test_an_empty_index_finds_nothing() -> None:
    assert ContactIndex([]).search("anything") == []


def test_name_prefix_then_company_prefix_then_word_start_then_inside_then_scattered(
    index: ContactIndex,
) -> None:
    # Sarah (name starts), Jane at Sarnia (company starts), Lisa Sarkar (a later word
    # starts), Tom Vasari (inside a word), Oscar (s-a-r compactly scattered: o-S-c-A-R),
    # then the loosely scattered ones: SAmiRa, Software engineeR, joSé gARcia.
    found = ids(index.search("sar"))
    assert found[:5] == [1, 6, 4, 5, 3]
    assert sorted(found[5:]) == [2, 9, 11]


def test_the_field_reported_is_the_one_that_matched_best(index: ContactIndex) -> None:
    fields = {m.contact_id: m.field for m in index.search("sar")}
    assert fields == {
        1: "name",
        6: "company",
        4: "name",
        5: "name",
        3: "name",
        2: "name",
        9: "title",
        11: "name",
    }
    assert {m.contact_id: m.field for m in index.search("sourcer")} == {15: "title"}
    assert index.search("initech.example")[0].field == "email"


def test_scores_fall_with_the_rank(index: ContactIndex) -> None:
    matches = index.search("sar")
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 1.0  # a name prefix is the best there is
    assert scores[-1] < scores[-2]  # the scattered match is strictly worse
    assert all(0.0 < s <= 1.0 for s in scores)


def test_every_word_must_match_somewhere(index: ContactIndex) -> None:
    # Recruiters at Acme, whichever way Acme is written; not Acme's engineer, not
    # Globex's recruiter.
    found = ids(index.search("acme rec"))
    assert sorted(found) == [1, 7, 8]
    # Both words at the start of their fields beat "Technical Recruiter" (a later word);
    # equal ranks go by name: Raj before Sarah.
    assert found == [8, 1, 7]


def test_punctuation_alone_and_repeated_words_change_nothing(index: ContactIndex) -> None:
    assert ids(index.search("acme · rec - @")) == ids(index.search("acme rec"))
    assert ids(index.search("acme acme rec rec")) == ids(index.search("acme rec"))
    assert index.search("@") == [] and index.search(" · ") == []


def test_word_order_does_not_matter(index: ContactIndex) -> None:
    assert sorted(ids(index.search("rec acme"))) == sorted(ids(index.search("acme rec")))


def test_a_word_that_matches_nothing_empties_the_result(index: ContactIndex) -> None:
    assert index.search("acme zzzz") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jose", {11, 12}),  # José and Jose alike
        ("JOSÉ", {11, 12}),
        ("garcia", {11}),
        ("muller", {13}),
        ("MÜLLER", {13}),
        ("lukasz", {14}),
        ("zoe", {15}),
        ("zoë chen", {15}),
    ],
)
def test_case_and_accents_are_ignored(index: ContactIndex, query: str, expected: set[int]) -> None:
    assert {m.contact_id for m in index.search(query)} >= expected
    assert index.search(query)[0].contact_id in expected


def test_spans_highlight_the_matched_characters_of_the_display_string(index: ContactIndex) -> None:
    sarah = index.search("acme", limit=50)
    by_id = {m.contact_id: m for m in sarah}
    text = display(PEOPLE[0])
    assert [text[a:b] for a, b in by_id[1].spans] == ["Acme"]
    assert by_id[1].spans == [(27, 31)]

    raj = next(m for m in index.search("acme rec") if m.contact_id == 8)
    text = display(PEOPLE[7])  # "Raj Patel · Recruiter · ACME"
    assert [text[a:b] for a, b in raj.spans] == ["Rec", "ACME"]


def test_spans_of_a_scattered_match_cover_each_letter(index: ContactIndex) -> None:
    oscar = next(m for m in index.search("sar") if m.contact_id == 3)
    text = display(PEOPLE[2])  # "Oscar Ramirez · ..."
    assert [text[a:b] for a, b in oscar.spans] == ["s", "ar"]


def test_spans_land_on_accented_characters(index: ContactIndex) -> None:
    jose = next(m for m in index.search("jose garcia") if m.contact_id == 11)
    text = display(PEOPLE[10])
    assert [text[a:b] for a, b in jose.spans] == ["José", "García"]


def test_the_limit_is_respected_and_each_contact_comes_once(index: ContactIndex) -> None:
    everyone = index.search("e", limit=100)
    assert len(everyone) == len(set(ids(everyone)))
    assert len(index.search("e", limit=3)) == 3
    assert ids(index.search("e", limit=3)) == ids(everyone)[:3]


def test_contacts_without_an_id_are_not_indexed() -> None:
    idx = ContactIndex([Contact(name="No Id"), contact(1, "Has Id")])
    assert ids(idx.search("id")) == [1]
    assert len(idx) == 1


def test_upsert_adds_and_reindexes_and_remove_forgets() -> None:
    idx = ContactIndex(PEOPLE)
    idx.upsert(contact(100, "Nadia Brightwater", "Recruiter", "Acme"))
    assert ids(idx.search("brightwater")) == [100]
    assert 100 in ids(idx.search("acme rec"))

    idx.upsert(contact(100, "Nadia Brightwater", "Recruiter", "Globex"))  # changed jobs
    assert 100 not in ids(idx.search("acme rec"))
    assert 100 in ids(idx.search("globex rec"))

    idx.upsert(contact(1, "Sarah Reese", "Recruiter", "Acme"))  # an existing one renamed
    assert 1 not in ids(idx.search("connor"))
    assert ids(idx.search("reese")) == [1]

    idx.remove(100)
    idx.remove(100)  # twice: ignored
    idx.remove(12345)  # never there: ignored
    assert idx.search("brightwater") == []
    assert 100 not in idx
    assert len(idx) == len(PEOPLE)


def test_an_unchanged_upsert_changes_nothing() -> None:
    idx = ContactIndex(PEOPLE)
    before = idx.search("sar")
    idx.upsert(PEOPLE[0])
    assert idx.search("sar") == before


@pytest.mark.parametrize(
    "query",
    [
        "[(.*+?^$|\\",
        "{first_name} {{}}",
        "**bold** _x_ `code`",
        "🚀🎉",
        "a" * 10_000,
        "\x00\x1b[31m",
        "o'brien",
        "@acme",
        "-",
        "x" * 3 + " " + "y" * 5000,
    ],
)
def test_any_query_is_handled(index: ContactIndex, query: str) -> None:
    for m in index.search(query):
        assert isinstance(m, Match)


# -- properties ------------------------------------------------------------------------

ALPHABET = "abcrsxéÉ '.-@"
names = st.text(alphabet=ALPHABET, max_size=10)
people = st.lists(st.tuples(names, names, names, names), max_size=25)
words = st.text(alphabet="abcrsxé'.@", min_size=1, max_size=4)


def is_subsequence(token: str, text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in token)


def build(rows: list[tuple[str, str, str, str]]) -> list[Contact]:
    return [contact(i + 1, n, t, c, e) for i, (n, t, c, e) in enumerate(rows)]


FIELDS = ("name", "title", "company", "email")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people, words)
def test_one_word_finds_exactly_the_contacts_holding_it_in_order(rows, word) -> None:
    contacts = build(rows)
    token = fold(word)
    expected = {c.id for c in contacts if any(is_subsequence(token, fold(getattr(c, f))) for f in FIELDS)}
    if not any(ch.isalnum() for ch in token):
        expected = set()  # punctuation alone is a separator, not a word
    found = ContactIndex(contacts).search(word, limit=1000)
    assert {m.contact_id for m in found} == expected
    assert len(found) == len(expected)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people, st.lists(words, min_size=2, max_size=3))
def test_several_words_find_at_least_the_exact_ones_and_never_a_non_match(rows, query_words) -> None:
    contacts = build(rows)
    tokens = [fold(w) for w in query_words if any(ch.isalnum() for ch in w)]

    def every(test) -> set[int]:
        return {
            c.id for c in contacts if all(any(test(t, fold(getattr(c, f))) for f in FIELDS) for t in tokens)
        }

    found = {m.contact_id for m in ContactIndex(contacts).search(" ".join(query_words), limit=1000)}
    if not tokens:
        assert found == set()
        return
    assert found <= every(is_subsequence)
    assert found >= every(lambda t, text: t in text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people,
    st.lists(st.tuples(st.integers(1, 30), st.one_of(st.none(), st.tuples(names, names, names, names)))),
)
def test_an_updated_index_answers_like_a_fresh_one(rows, edits) -> None:
    contacts = {c.id: c for c in build(rows)}
    idx = ContactIndex(list(contacts.values()))
    for cid, row in edits:
        if row is None:
            idx.remove(cid)
            contacts.pop(cid, None)
        else:
            contacts[cid] = contact(cid, *row)
            idx.upsert(contacts[cid])
    fresh = ContactIndex(list(contacts.values()))
    for query in ("a", "s", "ar", "é", "x r", "rs", "a.b", "@"):
        got = {(m.contact_id, m.score) for m in idx.search(query, limit=1000)}
        assert got == {(m.contact_id, m.score) for m in fresh.search(query, limit=1000)}, query


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_text_query_gives_well_formed_matches(query) -> None:
    idx = ContactIndex(PEOPLE)
    by_id = {c.id: c for c in PEOPLE}
    matches = idx.search(query)
    assert len({m.contact_id for m in matches}) == len(matches)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    for m in matches:
        text = display(by_id[m.contact_id])
        last = 0
        for a, b in m.spans:
            assert last <= a < b <= len(text)
            last = b
