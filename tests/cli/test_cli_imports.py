"""Scripted commands import only what they use (issue 20): each command runs in a fresh
interpreter, which then names every module it loaded. Not timed: a module that should not
be there is named, however fast the machine."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import REPO, child_env
from tui.domain.models import Application, Contact, Event
from tui.store.repository import Store

# Run the command, then print the loaded modules on stderr (stdout is the command's).
PROBE = """
import json, sys
from tui.cli.main import main
code = main(sys.argv[1:])
print("@@modules " + json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""

# Never in a scripted command: the UI, the network, mail, the page readers, arrow.
NEVER = (
    "textual",
    "rich",
    "arrow",
    "dateutil",
    "httpx",
    "selectolax",
    "charset_normalizer",
    "icalendar",
    "tui.ui",
    "tui.io.web",
    "tui.io.inbox",
    "tui.io.importers",
    "tui.followup.composer",
    "tui.followup.contact_search",
    "tui.followup.templates",
)
# What each command needs, and what it must not load on top of NEVER.
CASES = {
    "add": (
        ["add", "SRE @ Initech via linkedin #remote"],
        {"tui.followup.capture", "tui.followup.changes"},
        {"tui.followup.rules", "tui.followup.finder", "tui.followup.stats", "tui.followup.posting_reader"},
    ),
    "log": (
        ["log", "1", "follow_up_sent", "--channel", "email", "--contact", "1"],
        {"tui.store.repository"},
        {"tui.followup.rules", "tui.followup.finder", "tui.followup.stats", "tui.io.export.markdown"},
    ),
    "move": (
        ["move", "1", "interviewing"],
        {"tui.store.repository"},
        {"tui.followup.rules", "tui.followup.finder", "tui.followup.stats", "tui.followup.capture"},
    ),
    "due": (
        ["due", "--within", "30"],
        {"tui.followup.rules", "tui.followup.interviews"},
        {"tui.followup.stats", "tui.followup.capture", "tui.io.export.markdown"},
    ),
    "export md": (
        ["export", "--format", "md"],
        {"tui.followup.rules", "tui.io.export.markdown"},
        {
            "tui.followup.stats",
            "tui.followup.capture",
            "tui.followup.interviews",
            "tui.io.export.csv_export",
            "tui.io.export.json_export",
            "tui.io.export.ics",
            "csv",
        },
    ),
    "stats": (
        ["stats"],
        {"tui.followup.stats"},
        {"tui.followup.rules", "tui.followup.capture", "tui.io.export.markdown", "hashlib"},
    ),
}


@pytest.fixture
def store(env) -> Path:
    """An application with a contact, a follow-up sent to them and a reply: every command
    has something to compute (a recipient for the rules, a role for the stats)."""
    with Store(env.db) as s:
        s.add_contact(Contact(name="Hal Jordan", email="hal@acme.example", title="Engineering Manager"))
        s.add_application(
            Application(
                company="Acme", role="Backend Engineer", applied_on=date(2026, 11, 2), contact_ids=[1]
            )
        )
        s.add_event(
            Event(
                application_id=1, kind="follow_up_sent", on=date(2026, 11, 12), channel="email", contact_id=1
            )
        )
        s.add_event(
            Event(application_id=1, kind="response_received", on=date(2026, 11, 13), response="neutral")
        )
    return env.db


def _modules(argv: list[str]) -> tuple[int, set[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = [line for line in done.stderr.splitlines() if line.startswith("@@modules ")]
    assert found, done.stderr[-2000:]
    code, modules = json.loads(found[-1].removeprefix("@@modules "))
    return code, set(modules), done.stdout


# Still loaded, and why (issue 20 left these): the rules pick each card's recipient through the
# finder, which reads the importers' table of public mail domains and the contact search's
# name keys. Moving those two tables to the domain would take them out of `due` and `export`.
STILL_LOADED = {
    "due": {"tui.io.importers", "tui.followup.contact_search"},
    "export md": {"tui.io.importers", "tui.followup.contact_search"},
}


def _loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_a_scripted_command_imports_only_what_it_uses(store: Path, case: str) -> None:
    argv, needed, unwanted = CASES[case]
    code, modules, out = _modules(argv)
    assert code == 0, out
    assert out.strip()  # it did its work (so the list below is the list of a real run)
    assert needed <= modules, f"`followup {case}` no longer loads {sorted(needed - modules)}: fix the probe"
    allowed = STILL_LOADED.get(case, set())
    heavy = sorted(name for name in (*NEVER, *unwanted) if name not in allowed and _loaded(modules, name))
    assert heavy == [], f"`followup {case}` imported {heavy}"
