"""Issue 15: the files people really have, each imported through `followup import` and
checked field by field through the JSON export; both orders give the same contacts; a
second import changes nothing. The fixtures (tests/fixtures/import/quirks) are made here
in the shapes of real exports: no one's data."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

QUIRKS = Path(__file__).parents[1] / "fixtures" / "import" / "quirks"


def export(cli, db: Path | None = None) -> list[dict]:
    result = cli("export", "--format", "json", *(["--db", str(db)] if db else []))
    assert result.code == 0, result.err
    contacts = json.loads(result.out)["contacts"]
    for c in contacts:
        del c["id"], c["created_at"], c["updated_at"]
    return sorted(contacts, key=lambda c: (c["name"], c["company"]))


def imported(cli, *names: str, db: Path | None = None) -> tuple[list[dict], list[str]]:
    outputs = []
    for name in names:
        result = cli("import", str(QUIRKS / name), *(["--db", str(db)] if db else []))
        assert result.code == 0, result.err
        outputs.append(result.out)
    return export(cli, db), outputs


def values(points: list[dict]) -> list[tuple[str, str]]:
    return [(p["value"], p["kind"]) for p in points]


def by_name(contacts: list[dict]) -> dict[str, dict]:
    return {c["name"]: c for c in contacts}


def test_a_few_broken_utf8_bytes_lose_one_row_with_its_line_not_the_file(cli) -> None:
    contacts, [out] = imported(cli, "linkedin-broken-utf8.csv")
    assert out.splitlines()[0] == (
        "linkedin-broken-utf8.csv: added 3, updated 0, merged 0, possible duplicates 0, "
        "skipped 1 (1 unreadable)"
    )
    assert "  skipped line 7: byte 0xc3 at column 4 is not UTF-8 text" in out.splitlines()
    people = by_name(contacts)
    assert sorted(people) == ["Jane Doe", "José García", "Zoë Chen"]
    zoe = people["Zoë Chen"]
    assert (zoe["company"], zoe["title"], zoe["source"]) == ("Globex", "Engineering Manager", "linkedin_csv")
    assert values(zoe["emails"]) == [("zoe.chen@globex.example", "")]
    assert values(zoe["profiles"]) == [("https://www.linkedin.com/in/zoechen-example", "linkedin")]
    assert people["Jane Doe"]["company"] == "Acme, Inc." and people["Jane Doe"]["emails"] == []


def test_a_spreadsheet_resave_cp1252_semicolons_trimmed_columns(cli) -> None:
    contacts, [out] = imported(cli, "linkedin-spreadsheet-cp1252.csv")
    assert out.startswith("linkedin-spreadsheet-cp1252.csv: added 3, updated 0, merged 0,")
    people = by_name(contacts)
    assert sorted(people) == ["Jane Doe", "José García", "Jürgen Müller"]
    assert people["Jürgen Müller"]["company"] == "Bäckerei Müller GmbH"  # cp1252 letters read right
    assert people["Jürgen Müller"]["profiles"] == [] and people["Jürgen Müller"]["title"] == ""
    assert values(people["José García"]["emails"]) == [("jose.garcia@umbrella.example", "")]
    assert people["Jane Doe"]["title"] == "Senior Technical Recruiter"


def test_an_old_camelcase_export_without_urls_and_na_placeholders(cli) -> None:
    contacts, [out] = imported(cli, "linkedin-old-camelcase.csv")
    assert out.startswith("linkedin-old-camelcase.csv: added 4, updated 0,")
    people = by_name(contacts)
    assert people["Jane Doe"]["emails"] == [] and people["Sam Lee"]["emails"] == []  # "NA", "N/A": no address
    assert people["Priya Raman"]["title"] == ""  # "-": no title
    assert values(people["Priya Raman"]["emails"]) == [("priya.raman@hooli.example", "")]
    assert all(c["profiles"] == [] for c in contacts)


@pytest.mark.parametrize(
    ("name", "person", "company", "title", "url"),
    [
        (
            "linkedin-fr.csv",
            "Élodie Martin",
            "Société Générale Exemple",
            "Chargée de recrutement",
            "https://fr.linkedin.com/in/elodie-martin-example",
        ),
        (
            "linkedin-de.csv",
            "Jürgen Müller",
            "Bäckerei Müller GmbH",
            "Personalleiter",
            "https://de.linkedin.com/in/juergen-mueller-example",
        ),
    ],
)
def test_localized_headers_map_by_meaning(cli, name, person, company, title, url) -> None:
    contacts, _ = imported(cli, name)
    c = by_name(contacts)[person]
    assert (c["company"], c["title"]) == (company, title)
    assert values(c["profiles"]) == [(url, "linkedin")]


def test_ios_line_ends_and_every_address_with_its_kind(cli) -> None:
    contacts, [out] = imported(cli, "ios-crcrlf.vcf")
    assert out.startswith("ios-crcrlf.vcf: added 1,")
    [jane] = contacts
    assert (jane["name"], jane["company"], jane["title"]) == ("Jane Doe", "Acme, Inc.", "Technical Recruiter")
    assert values(jane["emails"]) == [("jane.doe@acme.example", "work"), ("jane.doe.home@gmail.com", "home")]
    assert values(jane["phones"]) == [("+1 (555) 010-0199", "cell"), ("+1 555 010 0100", "work")]
    assert values(jane["profiles"]) == [("https://www.linkedin.com/in/janedoe-example", "linkedin")]
    assert jane["source"] == "vcard"


def test_a_lotus_notes_card_with_legacy_properties(cli) -> None:
    [priya], _ = imported(cli, "lotus-notes.vcf")
    assert (priya["name"], priya["company"]) == ("Priya Raman", "Hooli")
    assert values(priya["emails"]) == [("priya.raman@hooli.example", "")]


def test_android_21_photo_multiline_quoted_printable_and_no_fn(cli) -> None:
    contacts, [out] = imported(cli, "android-21.vcf")
    assert out.startswith("android-21.vcf: added 2, updated 0, merged 0, possible duplicates 0, skipped 0")
    people = by_name(contacts)
    jurgen = people["Jürgen Müller"]  # from N: no FN in the card
    assert jurgen["company"] == "Bäckerei Müller GmbH"  # QUOTED-PRINTABLE over two lines
    assert values(jurgen["phones"]) == [("+49 30 1234567", "cell")]
    assert values(jurgen["emails"]) == [("juergen@baeckerei-mueller.example", "work")]
    sam = people["Sam Lee"]
    assert sam["notes"] == "Met at the spring fair\nFollow up in May"
    assert values(sam["phones"]) == [("555 0123", "work")]
    assert "PHOTO" not in json.dumps(contacts) and all("photo" not in c for c in contacts)


ALL = sorted(p.name for p in QUIRKS.iterdir())


def test_every_quirk_file_imported_again_changes_nothing(cli) -> None:
    first, _ = imported(cli, *ALL)
    again, outputs = imported(cli, *ALL)
    assert again == first
    for out in outputs:
        assert ", added 0, updated 0, merged 0, " in out.splitlines()[0].replace(".csv:", ",").replace(
            ".vcf:", ","
        )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("linkedin-old-camelcase.csv", "linkedin-broken-utf8.csv"),  # no URL column, then one with URLs
        ("android-21.vcf", "linkedin-de.csv"),  # a phone-book card, then the LinkedIn row of the same person
        ("ios-crcrlf.vcf", "linkedin-fr.csv"),  # shared address and profile
        ("linkedin-spreadsheet-cp1252.csv", "linkedin-old-camelcase.csv"),
        ("lotus-notes.vcf", "linkedin-old-camelcase.csv"),  # same name, same email
    ],
)
def test_both_orders_give_the_same_contacts(cli, tmp_path, a, b) -> None:
    first, _ = imported(cli, a, b, db=tmp_path / "ab.json")
    second, _ = imported(cli, b, a, db=tmp_path / "ba.json")
    assert first == second


def test_one_person_from_all_the_files_is_one_contact(cli) -> None:
    contacts, _ = imported(cli, *ALL)
    names = [c["name"] for c in contacts]
    assert names.count("Jane Doe") == 1 and names.count("Jürgen Müller") == 1
    jane = by_name(contacts)["Jane Doe"]
    assert {p["value"] for p in jane["emails"]} == {"jane.doe@acme.example", "jane.doe.home@gmail.com"}
    assert values(jane["phones"]) == [("+1 (555) 010-0199", "cell"), ("+1 555 010 0100", "work")]
    jurgen = by_name(contacts)[
        "Jürgen Müller"
    ]  # phone card + LinkedIn DE + spreadsheet: same name and company
    assert jurgen["title"] == "Personalleiter" and jurgen["phones"]
    assert any("de.linkedin.com" in p["value"] for p in jurgen["profiles"])


def test_every_order_of_three_files_gives_the_same_contacts(cli, tmp_path) -> None:
    files = ["android-21.vcf", "linkedin-old-camelcase.csv", "ios-crcrlf.vcf"]
    results = []
    for i, order in enumerate(itertools.permutations(files)):
        results.append(imported(cli, *order, db=tmp_path / f"order{i}.json")[0])
    assert all(r == results[0] for r in results)
