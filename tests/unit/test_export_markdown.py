"""The Markdown export (DESIGN.md §8 "Export"): structure, ordering, and escaping.

The output is parsed back with markdown-it (CommonMark + tables): every table must
keep its rows and columns, and every cell must render as the same words as the field
it came from, whatever text the user typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tui.domain.board import Board
from tui.domain.errors import InputError
from tui.domain.models import Application, Contact, Event, NextAction
from tui.io.export.markdown import EMPTY_CELL, escape_cell, export_markdown, link_cell

TODAY = date(2026, 3, 10)  # a Tuesday
MD = MarkdownIt("commonmark").enable("table")
COLUMNS = ["Company", "Role", "Applied", "Last contact", "Next action", "Best contact", "Link"]

HOSTILE = [
    "Acme | Corp",
    "a || b |",
    "back\\slash",
    "ends with a backslash\\",
    "escaped \\| pipe",
    "two\nlines\r\nand\rmore",
    "# heading",
    "## heading ##",
    "- list item",
    "+ plus item",
    "* star item",
    "> quote",
    "1. ordered",
    "2) ordered",
    "---",
    "===",
    "| --- | --- |",
    "**bold** and __strong__",
    "_em_ and *em*",
    "`code` and ``more``",
    "```fence",
    "[link](https://evil.example)",
    "![img](https://evil.example/x.png)",
    "<script>alert('x')</script>",
    "<https://auto.link.example>",
    "&amp; &lt; &#x41; &copy;",
    "~~strike~~",
    "tab\there",
    "trailing spaces  \nhard break",
    "{braces} {company} {0}",
    "Zoë Ñandú — 東京 — Привет",
    "emoji 👩‍💻 🎉 family 👨‍👩‍👧‍👦",
    "right-to-left עברית العربية",
    "\\*not em\\*",
    "!important",
    "x" * 10_000,
    "word " * 2_000,
]


def words(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Cell:
    text: str
    types: set[str]
    href: str | None


def cell_of(inline) -> Cell:
    text, types, href = [], set(), None
    for child in inline.children or []:
        types.add(child.type)
        if child.type == "text":
            text.append(child.content)
        elif child.type == "link_open":
            href = child.attrs.get("href")
    return Cell("".join(text), types, href)


def sections(markdown: str) -> dict[str, list[list[Cell]] | str]:
    """Each h2 heading's text -> its table body rows (cells), or its paragraph's text."""
    tokens = MD.parse(markdown)
    out: dict[str, list[list[Cell]] | str] = {}
    current: str | None = None
    part = ""  # "head" or "body" inside a table
    row: list[Cell] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2":
            current = tokens[i + 1].content
            out[current] = []
        elif current is None or (tok.type == "inline" and not part):
            continue
        elif tok.type == "paragraph_open" and not part:
            out[current] = cell_of(tokens[i + 1]).text
        elif tok.type in ("thead_open", "tbody_open"):
            part = tok.type[1:5]
        elif tok.type == "table_close":
            part = ""
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "inline":
            row.append(cell_of(tok))
        elif tok.type == "tr_close":
            if part == "head":
                assert [c.text for c in row] == COLUMNS
            else:
                out[current].append(row)  # type: ignore[union-attr]
    return out


def body_rows(markdown: str, heading: str) -> list[list[Cell]]:
    rows = sections(markdown)[heading]
    assert isinstance(rows, list), f"{heading}: {rows!r}"
    return rows


def board_of(apps: list[Application], contacts=(), events=()) -> Board:
    return Board(applications=list(apps), contacts=list(contacts), events=list(events))


# --- structure -------------------------------------------------------------------------


def test_title_date_counts_and_sections_in_board_order():
    apps = [
        Application("A", "r", "applied", id=1, applied_on=date(2026, 3, 1)),
        Application("B", "r", "applied", id=2, applied_on=date(2026, 3, 1)),
        Application("C", "r", "interviewing", id=3),
        Application("D", "r", "saved", id=4),
        Application("E", "r", "closed", id=5, outcome="hired"),
        Application("F", "r", "closed", id=6, outcome="rejected"),
    ]
    actions = {
        1: NextAction("follow_up", due=TODAY),
        2: NextAction("follow_up", due=TODAY - timedelta(days=3)),
        3: NextAction("thank_you", due=TODAY - timedelta(days=1)),
        4: NextAction("none"),
        5: NextAction("none"),
        6: NextAction("none"),
    }
    text = export_markdown(board_of(apps), actions, TODAY)
    tokens = MD.parse(text)
    assert tokens[0].tag == "h1" and tokens[1].content == "Job search — followup export"
    intro = tokens[4].content
    assert "2026-03-10" in intro
    assert "4 active" in intro and "2 closed" in intro
    assert "1 due today" in intro and "2 overdue" in intro
    assert list(sections(text)) == ["Saved (1)", "Applied (2)", "Interviewing (1)", "Offer (0)", "Closed (2)"]


def test_empty_stage_says_so():
    text = export_markdown(board_of([Application("A", "r", "applied", id=1)]), {}, TODAY)
    got = sections(text)
    assert got["Offer (0)"] == "No applications in this stage."
    assert got["Saved (0)"] == "No applications in this stage."
    assert len(body_rows(text, "Applied (1)")) == 1


def test_empty_board():
    got = sections(export_markdown(Board(), {}, TODAY))
    assert set(got.values()) == {"No applications in this stage."}
    assert len(got) == 5


def test_stages_parameter_limits_sections_in_board_order():
    apps = [Application("A", "r", "applied", id=1), Application("B", "r", "offer", id=2)]
    text = export_markdown(board_of(apps), {}, TODAY, stages=["offer", "applied"])
    assert list(sections(text)) == ["Applied (1)", "Offer (1)"]


def test_unknown_stage_is_an_input_error():
    with pytest.raises(InputError, match="archived"):
        export_markdown(Board(), {}, TODAY, stages=["archived"])


def test_missing_action_for_an_application_does_not_crash():
    text = export_markdown(board_of([Application("A", "r", "applied", id=1)]), {}, TODAY)
    (row,) = body_rows(text, "Applied (1)")
    assert row[4].text == EMPTY_CELL


# --- rows: ordering and each column ------------------------------------------------------


def test_rows_ordered_by_due_overdue_first_none_last_then_company():
    apps = [
        Application("Nodue", "r", id=1),
        Application("Later", "r", id=2),
        Application("beta", "r", id=3),
        Application("Alpha", "r", id=4),
        Application("Overdue", "r", id=5),
        Application("Another nodue", "r", id=6),
    ]
    actions = {
        1: NextAction("let_go"),
        2: NextAction("follow_up", due=TODAY + timedelta(days=3)),
        3: NextAction("follow_up", due=TODAY),
        4: NextAction("follow_up", due=TODAY),
        5: NextAction("thank_you", due=TODAY - timedelta(days=2)),
        6: NextAction("none"),
    }
    rows = body_rows(export_markdown(board_of(apps), actions, TODAY), "Applied (6)")
    assert [r[0].text for r in rows] == ["Overdue", "Alpha", "beta", "Later", "Another nodue", "Nodue"]


def test_applied_and_last_contact_columns():
    app = Application("Acme", "Dev", id=1, applied_on=date(2026, 3, 2))
    events = [
        Event(1, "follow_up_sent", date(2026, 3, 5), id=1),
        Event(1, "note", date(2026, 3, 8), id=2),  # not a contact
        Event(1, "stage_changed", date(2026, 3, 9), id=3),  # not a contact
    ]
    (row,) = body_rows(export_markdown(board_of([app], events=events), {}, TODAY), "Applied (1)")
    assert row[2].text == "2026-03-02 (8 days ago)"
    assert row[3].text == "2026-03-05 (5 days ago)"


@pytest.mark.parametrize(
    ("kind", "on", "expected"),
    [
        ("interview", date(2026, 3, 9), "2026-03-09 (yesterday)"),
        ("thank_you_sent", date(2026, 3, 10), "2026-03-10 (today)"),
        ("response_received", date(2026, 3, 4), "2026-03-04 (6 days ago)"),
        ("note", date(2026, 3, 9), "2026-03-01 (9 days ago)"),  # falls back to applied_on
        ("posting_taken_down", date(2026, 3, 9), "2026-03-01 (9 days ago)"),
    ],
)
def test_last_contact_is_latest_contact_event_or_applied_on(kind, on, expected):
    app = Application("Acme", "Dev", id=1, applied_on=date(2026, 3, 1))
    ev = Event(1, kind, on, id=1, response="neutral" if kind == "response_received" else None)
    (row,) = body_rows(export_markdown(board_of([app], events=[ev]), {}, TODAY), "Applied (1)")
    assert row[3].text == expected


def test_no_dates_show_a_dash():
    (row,) = body_rows(
        export_markdown(board_of([Application("Acme", "Dev", id=1)]), {}, TODAY), "Applied (1)"
    )
    assert row[2].text == EMPTY_CELL and row[3].text == EMPTY_CELL and row[6].text == EMPTY_CELL


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (NextAction("follow_up", due=TODAY), "follow up · Tue 10 Mar (today)"),
        (NextAction("follow_up", due=TODAY + timedelta(days=3)), "follow up · Fri 13 Mar (in 3 days)"),
        (NextAction("follow_up", due=TODAY + timedelta(days=1)), "follow up · Wed 11 Mar (tomorrow)"),
        (
            NextAction("follow_up", due=TODAY - timedelta(days=2)),
            "follow up, 2 days overdue · Sun 08 Mar (2 days ago)",
        ),
        (
            NextAction("follow_up", due=TODAY - timedelta(days=1)),
            "follow up, 1 day overdue · Mon 09 Mar (yesterday)",
        ),
        (NextAction("thank_you", due=TODAY), "thank-you due · Tue 10 Mar (today)"),
        (
            NextAction("thank_you", due=TODAY - timedelta(days=1)),
            "thank-you due, 1 day overdue · Mon 09 Mar (yesterday)",
        ),
        (NextAction("wait", due=TODAY + timedelta(days=5)), "response expected · Sun 15 Mar (in 5 days)"),
        (NextAction("let_go", reason="you've followed up twice; give it time"), "let it be"),
        (NextAction("close_as_ghosted", due=TODAY), "likely ghosted"),
        (
            NextAction("none", reason="the posting asks applicants not to follow up"),
            "the posting asks applicants not to follow up",
        ),
    ],
)
def test_next_action_words(action, expected):
    app = Application("Acme", "Dev", id=1)
    (row,) = body_rows(export_markdown(board_of([app]), {1: action}, TODAY), "Applied (1)")
    assert expected in row[4].text


def test_closed_rows_show_the_outcome():
    app = Application("Acme", "Dev", "closed", id=1, outcome="position_closed")
    text = export_markdown(board_of([app]), {1: NextAction("none", reason="closed")}, TODAY)
    (row,) = body_rows(text, "Closed (1)")
    assert "position closed" in row[4].text


@pytest.mark.parametrize(
    ("contact_id", "channel", "expected"),
    [
        (7, "email", "Jane Doe (email)"),
        (8, "linkedin", "jo@acme.example (linkedin)"),  # no name: the email stands in
        (99, "email", "email"),  # unknown contact id: only the channel is known
        (None, None, EMPTY_CELL),
    ],
)
def test_best_contact_column(contact_id, channel, expected):
    contacts = [Contact("Jane Doe", id=7), Contact("", id=8, email="jo@acme.example")]
    action = NextAction("follow_up", due=TODAY, contact_id=contact_id, channel=channel)
    app = Application("Acme", "Dev", id=1)
    (row,) = body_rows(export_markdown(board_of([app], contacts), {1: action}, TODAY), "Applied (1)")
    assert row[5].text == expected


@pytest.mark.parametrize(
    ("url", "is_link"),
    [
        ("https://acme.example/jobs/42?ref=a_b*c", True),
        ("HTTP://ACME.EXAMPLE/x", True),
        ("https://acme.example/x_(y)", True),
        ("https://acme.example/ünïcode/東京", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("ftp://acme.example/x", False),
        ("https://acme.example/a|b", False),  # a pipe would split the cell
        ("https://acme.example/a b", False),
        ("https://acme.example/<x>", False),
        ("https://", False),
        ("acme.example/jobs", False),
        ("[click](https://evil.example)", False),
    ],
)
def test_link_column(url, is_link):
    app = Application("Acme", "Dev", id=1, url=url)
    (row,) = body_rows(export_markdown(board_of([app]), {}, TODAY), "Applied (1)")
    cell = row[6]
    if is_link:
        assert cell.types == {"link_open", "text", "link_close"}
        assert cell.href == MD.normalizeLink(url)
        assert cell.text == MD.normalizeLinkText(url)
    else:
        assert cell.types == {"text"}
        assert cell.text == words(url)


# --- escaping: any text keeps the table and the words -------------------------------------


def hostile_board() -> tuple[Board, dict[int, NextAction]]:
    apps, contacts, actions = [], [], {}
    for i, text in enumerate(HOSTILE, start=1):
        apps.append(Application(company=text, role=HOSTILE[-i], id=i, url=text))
        contacts.append(Contact(name=HOSTILE[i % len(HOSTILE)], id=100 + i))
        actions[i] = NextAction("none", contact_id=100 + i, channel="email", reason=text)
    return board_of(apps, contacts), actions


def test_hostile_text_keeps_every_table_and_every_word():
    board, actions = hostile_board()
    text = export_markdown(board, actions, TODAY)
    rows = body_rows(text, f"Applied ({len(HOSTILE)})")
    assert len(rows) == len(HOSTILE)
    by_company: dict[str, list[Cell]] = {}
    for row in rows:
        assert len(row) == len(COLUMNS)
        by_company.setdefault(row[0].text, row)
    for i, original in enumerate(HOSTILE, start=1):
        row = by_company[words(original)]
        assert row[0].types == {"text"}, original
        assert row[1].text == words(HOSTILE[-i]), original
        assert row[1].types == {"text"}
        assert row[4].text == words(original), original  # the reason of a "none" action
        assert row[4].types == {"text"}
        assert row[5].text == words(f"{HOSTILE[i % len(HOSTILE)]} (email)")
        assert row[5].types == {"text"}
        if not row[6].href:
            assert row[6].text == words(original)
    # Nothing leaked out of the tables: every other section is still an empty stage.
    for heading, body in sections(text).items():
        if heading != f"Applied ({len(HOSTILE)})":
            assert body == "No applications in this stage."


def test_html_shows_as_text_never_as_html():
    app = Application("<script>alert('x')</script>", "<b>Role</b>", id=1)
    html = MD.render(export_markdown(board_of([app]), {}, TODAY))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html


def test_control_characters_are_dropped_not_rendered():
    app = Application("Ac\x00me\x1b[31m", "Dev\x7fOps\x07", id=1)
    (row,) = body_rows(export_markdown(board_of([app]), {}, TODAY), "Applied (1)")
    assert row[0].text == "Acme[31m"
    assert row[1].text == "DevOps"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", EMPTY_CELL),
        ("   \n\t ", EMPTY_CELL),
        ("a|b", "a\\|b"),
        ("a\\b", "a\\\\b"),
        ("a\nb", "a b"),
        ("# x", "\\# x"),
        ("- x", "\\- x"),
        ("+ x", "\\+ x"),
        ("12. x", "12\\. x"),
        ("3) x", "3\\) x"),
        ("2026-03-01 (today)", "2026-03-01 (today)"),
        ("> x", "&gt; x"),
        ("<b>&", "&lt;b&gt;&amp;"),
        ("`*_[]!~", "\\`\\*\\_\\[\\]\\!\\~"),
        ("plain words stay plain", "plain words stay plain"),
    ],
)
def test_escape_cell_source(text, expected):
    assert escape_cell(text) == expected


def test_lone_surrogate_becomes_replacement_character():
    assert escape_cell("a\ud800b") == "a\ufffdb"
    assert link_cell("https://x.example/\ud800").encode("utf-8")


def one_row(*cells: str) -> list[Cell]:
    head = "| " + " | ".join(f"h{i}" for i in range(len(cells))) + " |"
    rule = "|" + " --- |" * len(cells)
    row = "| " + " | ".join(cells) + " |"
    tokens = MD.parse(f"{head}\n{rule}\n{row}\n")
    body = tokens[[t.type for t in tokens].index("tbody_open") :]
    got = [cell_of(t) for t in body if t.type == "inline"]
    assert len(got) == len(cells)
    return got


def visible(text: str) -> str:
    return words("".join(ch for ch in text if ch.isspace() or not (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0)))


@settings(max_examples=400, deadline=None)
@given(st.text(), st.text())
def test_any_text_renders_as_the_same_words(left, right):
    a, b = one_row(escape_cell(left), escape_cell(right))
    assert a.types <= {"text"} and b.types <= {"text"}
    assert words(a.text) == (visible(left) or EMPTY_CELL)
    assert words(b.text) == (visible(right) or EMPTY_CELL)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["https://", "http://", "HTTPS://", "javascript:", ""]), st.text())
def test_any_url_is_a_safe_link_or_plain_text(scheme, rest):
    url = scheme + rest
    before, cell, after = one_row("x", link_cell(url), "y")
    assert (before.text, after.text) == ("x", "y")
    if cell.href is not None:
        assert url.lower().startswith(("http://", "https://"))
        assert cell.types == {"link_open", "text", "link_close"}
        assert cell.text == MD.normalizeLinkText(url.strip())
    else:
        assert cell.types <= {"text"}
        assert words(cell.text) == (visible(url) or EMPTY_CELL)


def test_exporters_never_import_textual_and_load_lazily():
    import subprocess
    import sys

    code = (
        "import sys, tui.io.export as e\n"
        "assert 'icalendar' not in sys.modules, 'the package root must stay light'\n"
        "from tui.io.export import export_markdown, export_csv, export_ics, export_json, parse_json_export\n"
        "assert callable(export_ics) and 'icalendar' in sys.modules\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
