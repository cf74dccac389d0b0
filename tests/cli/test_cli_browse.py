"""``followup list`` / ``followup show``, --help examples and paths, usage errors said once,
stats wording, and the Markdown export's --full (the first hour of a new user)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tui.domain.models import Application, Contact, Event
from tui.store.repository import Store


@pytest.fixture
def filled(tmp_store: Store) -> Store:
    hal = tmp_store.add_contact(Contact(name="Hal Jordan", email="hal@acme.example", role="hiring_manager"))
    acme = tmp_store.add_application(
        Application(
            "Acme",
            "Backend Engineer",
            applied_on=date(2026, 11, 10),
            tags=["python", "remote"],
            notes="Met Hal at the meetup.\nAsked about the team.",
            contact_ids=[hal.id],
        )
    )
    tmp_store.add_application(Application("Globex", "Data Analyst", stage="saved"))
    tmp_store.add_application(
        Application("Initech", "SRE", stage="interviewing", applied_on=date(2026, 11, 1))
    )
    tmp_store.add_event(
        Event(
            acme.id, "follow_up_sent", date(2026, 11, 17), channel="email", contact_id=hal.id, text="Hi Hal"
        )
    )
    tmp_store.close()
    return tmp_store


def test_list_pipes_one_tab_separated_line_per_application(cli, filled) -> None:
    result = cli("list")
    assert result.code == 0, result.err
    rows = [line.split("\t") for line in result.out.splitlines()]
    # Board order: saved, applied, interviewing.
    assert [r[:4] for r in rows] == [
        ["#2", "saved", "Globex", "Data Analyst"],
        ["#1", "applied", "Acme", "Backend Engineer"],
        ["#3", "interviewing", "Initech", "SRE"],
    ]
    assert all(len(r) == 5 and r[4] for r in rows)  # a next-action word on every line
    assert "\x1b" not in result.out


def test_list_stage_filter_and_json(cli, filled) -> None:
    result = cli("list", "--stage", "applied", "--stage", "interviewing", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [(a["id"], a["company"]) for a in data] == [(1, "Acme"), (3, "Initech")]
    assert data[0]["tags"] == ["python", "remote"]
    assert data[0]["next_action"]["kind"] in ("follow_up", "wait")


def test_list_on_an_empty_store_says_how_to_begin(cli) -> None:
    result = cli("list")
    assert result.code == 0
    assert "followup add" in result.out


def test_list_on_a_terminal_is_aligned(filled, env) -> None:
    # A pty so stdout is a terminal: columns line up instead of tabs.
    import os
    import pty

    code = "import sys; from tui.cli.main import main; sys.exit(main(['list']))"
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvpe(sys.executable, [sys.executable, "-c", code], os.environ)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    lines = out.decode().replace("\r", "").splitlines()
    assert "\t" not in out.decode()
    starts = {
        line.index("Globex" if "Globex" in line else "Acme" if "Acme" in line else "Initech")
        for line in lines
    }
    assert len(starts) == 1, lines  # the company column starts at the same place on every line


def test_show_every_field_the_next_action_and_the_timeline(cli, filled) -> None:
    result = cli("show", "1")
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("#1 Backend Engineer @ Acme")
    for name in ("stage:", "source:", "tags:", "applied_on:", "notes:", "contacts:", "posting_text:"):
        assert name in out
    assert "python, remote" in out and "#1 Hal Jordan" in out
    assert "Next (due " in out or "Next: " in out
    assert "2026-11-17  follow_up_sent by email with Hal Jordan: Hi Hal" in out


def test_show_json(cli, filled) -> None:
    data = json.loads(cli("show", "1", "--json").out)
    assert data["company"] == "Acme" and data["id"] == 1
    assert [e["kind"] for e in data["events"]] == ["applied", "follow_up_sent"]
    assert data["contacts"][0]["name"] == "Hal Jordan"
    assert set(data["next_action"]) == {"kind", "due", "contact_id", "channel", "reason", "rule"}


def test_show_an_unknown_id_is_bad_input(cli, filled) -> None:
    result = cli("show", "99")
    assert result.code == 2
    assert result.err == "followup: No application with id 99.\n"


# -- help and usage -----------------------------------------------------------------------


def test_every_command_help_has_an_example(cli) -> None:
    from tui.cli.main import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert {"list", "show", "add", "log", "move"} <= set(sub.choices)
    for name in sub.choices:
        result = cli(name, "--help")
        assert result.code == 0
        assert "example" in result.out and f"followup {name}" in result.out.split("example", 1)[1], name


def test_top_help_prints_the_real_store_and_config_paths(cli, env) -> None:
    out = cli("--help").out
    assert f"store   {env.db}" in out
    assert f"config  {env.config}" in out


@pytest.mark.parametrize(
    ("argv", "hint"),
    [(["bogus"], "followup --help"), (["add"], "followup add --help"), (["list", "--x"], "followup --help")],
)
def test_usage_errors_name_the_program_once(cli, argv: list[str], hint: str) -> None:
    result = cli(*argv)
    assert result.code == 2
    assert result.err.startswith("followup: ") and "followup: followup" not in result.err
    assert hint in result.err and result.err.count("\n") == 1


# -- stats wording and export --full --------------------------------------------------------


def test_stats_reads_n_of_m_messages_answered(cli, filled) -> None:
    out = cli("stats").out
    assert "Response rate: 0 of 1 messages answered" in out


def test_stats_counts_a_role_unknown_contact_as_unknown(cli, tmp_store: Store) -> None:
    # No role, nothing to infer one from: the finder says "role unknown"; stats must agree.
    who = tmp_store.add_contact(Contact(name="Sam Doe", email="sam@globex.example"))
    app = tmp_store.add_application(Application("Globex", "Dev", applied_on=date(2026, 11, 2)))
    tmp_store.add_event(
        Event(app.id, "follow_up_sent", date(2026, 11, 9), channel="email", contact_id=who.id)
    )
    tmp_store.close()
    data = json.loads(cli("stats", "--json").out)
    assert [r["role"] for r in data["response_rate"]["by_contact_role"]] == ["unknown"]


def test_markdown_full_adds_tags_notes_and_timeline(cli, filled, tmp_path: Path) -> None:
    plain = cli("export").out
    assert "### Acme" not in plain
    result = cli("export", "--full")
    assert result.code == 0, result.err
    full = result.out
    section = full.split("### Acme — Backend Engineer", 1)[1].split("###", 1)[0]
    assert "- Tags: python, remote" in section
    assert "  > Met Hal at the meetup." in section and "  > Asked about the team." in section
    assert "  - 2026-11-17 follow up sent by email with Hal Jordan: Hi Hal" in section
    assert "- Timeline: —" in full.split("### Globex — Data Analyst", 1)[1]


def test_full_is_only_for_markdown(cli, filled) -> None:
    result = cli("export", "--full", "--format", "csv")
    assert result.code == 2 and "--full" in result.err


def test_list_runs_without_textual(filled) -> None:
    code = "import sys; from tui.cli.main import main; main(['list']); print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False")
