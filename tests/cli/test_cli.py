"""The command line (DESIGN.md §8): --db anywhere, --version, the board entry, log / move,
store errors as exit 1, no Textual for scripted commands, and the demo copy."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import orjson
import pytest

from tests.helpers import spawn
from tui import __version__
from tui.domain.models import STAGES, Application, Contact
from tui.io.demo import DEMO_FILE, demo_copy
from tui.store.repository import Store
from tui.store.storage import newest_backup


def _seed(path: Path) -> None:
    with Store(path) as store:
        store.add_contact(Contact(name="Hal Jordan", email="hal@acme.example", role="hiring_manager"))
        store.add_application(
            Application(
                company="Acme", role="Backend Engineer", applied_on=date(2026, 11, 10), contact_ids=[1]
            )
        )


def _untouched(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# -- usage -----------------------------------------------------------------------------


def test_version(cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"followup {__version__}"


def test_help_lists_every_command(cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in ("add", "capture", "export", "import", "due", "log", "move", "stats"):
        assert command in result.out


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_works_before_and_after_the_subcommand(cli, env, tmp_path: Path, where: str) -> None:
    other = tmp_path / "elsewhere" / "db.json"
    _seed(other)
    _seed(env.db)
    args = ["move", "1", "interviewing"]
    argv = ["--db", str(other), *args] if where == "before" else [*args, "--db", str(other)]
    result = cli(*argv)
    assert result.code == 0, result.err
    with Store(other) as store:
        assert store.get_application(1).stage == "interviewing"
    with Store(env.db) as store:
        assert store.get_application(1).stage == "applied"  # $FOLLOWUP_DB was not the target


def test_without_db_the_environment_names_the_store(cli, env) -> None:
    _seed(env.db)
    assert cli("move", "1", "offer").code == 0
    with Store(env.db) as store:
        assert store.get_application(1).stage == "offer"


@pytest.fixture
def board_calls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Replace the Textual board with a recorder: these tests are about the command line."""
    import tui.ui.launch

    calls: list[Path] = []

    def fake_run_board(path: Path) -> int:
        calls.append(Path(path))
        return 0

    monkeypatch.setattr(tui.ui.launch, "run_board", fake_run_board)
    return calls


def test_no_subcommand_opens_the_board_on_the_store(cli, env, board_calls, tmp_path: Path) -> None:
    assert cli().code == 0
    other = tmp_path / "x.json"
    assert cli("--db", str(other)).code == 0
    assert board_calls == [env.db, other]


def test_demo_opens_a_private_copy_never_the_demo_file(cli, board_calls, tmp_path, monkeypatch) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where demo_copy makes its folder
    assert cli("--demo").code == 0
    (opened,) = board_calls
    assert opened != DEMO_FILE and opened.is_relative_to(tmp_path)
    # the clock is pinned to the demo's day, so nothing was shifted
    assert orjson.loads(opened.read_bytes()) == orjson.loads(DEMO_FILE.read_bytes())


# -- log and move ----------------------------------------------------------------------


def test_log_records_an_event(cli, env) -> None:
    _seed(env.db)
    text = "Nudged Hal {first_name} 🙂 | *again*"
    result = cli(
        "log",
        "1",
        "follow_up_sent",
        "--on",
        "yesterday",
        "--channel",
        "email",
        "--contact",
        "1",
        "--text",
        text,
    )
    assert result.code == 0, result.err
    assert "Logged follow_up_sent on 2026-11-26" in result.out
    with Store(env.db) as store:
        event = store.board().events_for(1)[-1]
    assert (event.kind, event.on, event.channel, event.contact_id, event.text) == (
        "follow_up_sent", date(2026, 11, 26), "email", 1, text,
    )  # fmt: skip


def test_log_a_response_and_a_taken_down_posting(cli, env) -> None:
    _seed(env.db)
    assert cli("log", "1", "response_received", "--response", "neutral", "--on", "2026-11-20").code == 0
    assert cli("log", "1", "posting_taken_down").code == 0
    with Store(env.db) as store:
        kinds = [(e.kind, e.response, e.on) for e in store.board().events_for(1)]
        assert store.get_application(1).posting_status == "taken_down"
    assert ("response_received", "neutral", date(2026, 11, 20)) in kinds
    assert ("posting_taken_down", None, date(2026, 11, 27)) in kinds


def test_move_to_closed_with_an_outcome(cli, env) -> None:
    _seed(env.db)
    result = cli("move", "1", "closed", "--outcome", "ghosted")
    assert result.code == 0, result.err
    assert "closed (ghosted)" in result.out
    with Store(env.db) as store:
        app = store.get_application(1)
        assert (app.stage, app.outcome) == ("closed", "ghosted")
        assert [e.text for e in store.board().events_for(1) if e.kind == "stage_changed"] == [
            "applied → closed (ghosted)"
        ]


# -- store errors are exit 1 -----------------------------------------------------------

STORE_COMMANDS = [
    ["log", "1", "note"],
    ["move", "1", "offer"],
    ["due"],
    ["due", "--json"],
    ["export"],
    ["export", "--format", "json"],
    ["stats"],
]


@pytest.mark.parametrize("argv", STORE_COMMANDS, ids=" ".join)
def test_a_corrupt_store_is_exit_1_naming_the_file_and_the_backup(cli, env, argv: list[str]) -> None:
    with Store(env.db, backup_interval_s=0) as store:
        store.add_application(Application(company="Acme", role="Dev"))
        store.add_application(Application(company="Globex", role="Ops"))
    backup = newest_backup(env.db)
    env.db.write_bytes(b'{"format": "followup", "tables": ')
    before = _untouched(env.db)
    result = cli(*argv)
    assert result.code == 1
    assert str(env.db) in result.err and str(backup) in result.err
    assert "NOT modified" in result.err
    assert "Traceback" not in result.err
    assert _untouched(env.db) == before


@pytest.mark.parametrize("argv", STORE_COMMANDS, ids=" ".join)
def test_a_newer_store_is_exit_1_and_untouched(cli, env, argv: list[str]) -> None:
    env.db.write_bytes(orjson.dumps({"format": "followup", "schema_version": 7, "tables": {}}))
    before = _untouched(env.db)
    result = cli(*argv)
    assert result.code == 1
    assert "upgrade followup" in result.err
    assert _untouched(env.db) == before


def test_a_store_that_is_a_folder_is_exit_1(cli, tmp_path: Path) -> None:
    result = cli("due", "--db", str(tmp_path))
    assert result.code == 1
    assert str(tmp_path) in result.err and "Traceback" not in result.err


def test_a_locked_store_is_exit_1_and_nothing_is_written(cli, env, monkeypatch) -> None:
    _seed(env.db)
    before = _untouched(env.db)
    monkeypatch.setitem(Store.__init__.__kwdefaults__, "lock_timeout", 0.2)
    holder = spawn("store_child", "hold", env.db, 10)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = cli("move", "1", "offer")
    finally:
        holder.kill()
        holder.communicate()
    assert result.code == 1
    assert "locked by another followup process" in result.err
    assert _untouched(env.db) == before


# -- scripted commands never import Textual --------------------------------------------

IMPORT_PROBE = """
import sys
from tui.cli.main import main
for argv in {argvs!r}:
    code = main(argv)
    print("@@probe", code, "textual" in sys.modules, " ".join(argv), file=sys.stderr, flush=True)
"""


def test_scripted_commands_never_import_textual(env, tmp_path: Path) -> None:
    _seed(env.db)
    argvs = [
        ["log", "1", "note", "--text", "hi"],
        ["move", "1", "interviewing"],
        ["due", "--json"],
        ["due"],
        ["export"],
        ["export", "--format", "json", "-o", str(tmp_path / "out.json")],
        ["export", "--format", "csv"],
        ["export", "--format", "ics"],
        ["stats", "--json"],
        ["--version"],
    ]
    import subprocess
    import sys

    from tests.helpers import REPO, child_env

    probe = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE.format(argvs=argvs)],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    lines = [line.split(" ", 3)[1:] for line in probe.stderr.splitlines() if line.startswith("@@probe ")]
    assert [argv for _code, _textual, argv in lines] == [" ".join(a) for a in argvs]
    for code, textual, argv in lines:
        assert textual == "False", f"`followup {argv}` imported textual"
        assert code == "0", f"`followup {argv}` failed: {probe.stderr[-1500:]}"


# -- the demo --------------------------------------------------------------------------


def test_demo_copy_is_private_complete_and_leaves_the_original_alone(tmp_path: Path) -> None:
    original = _untouched(DEMO_FILE)
    copy = demo_copy(tmp_path)
    assert copy.parent == tmp_path and copy != DEMO_FILE
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    with Store(copy) as store:
        board = store.board()
        assert len(board.applications) >= 20
        assert {a.stage for a in board.applications} == set(STAGES)
        assert board.contacts and board.events
        store.move(board.applications[0].id, "closed", "withdrawn")  # writing to the copy...
    assert _untouched(DEMO_FILE) == original  # ...never touches the demo file


def test_demo_copy_on_another_day_shifts_the_dates(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-12-04")  # a week after the demo's day
    shifted = json.loads(demo_copy(tmp_path).read_text())["tables"]["applications"]
    original = json.loads(DEMO_FILE.read_text())["tables"]["applications"]
    moved = [
        (date.fromisoformat(shifted[k]["applied_on"]) - date.fromisoformat(v["applied_on"])).days
        for k, v in original.items()
        if v.get("applied_on")
    ]
    assert moved and set(moved) == {7}


def test_python_dash_m_tui_is_the_command(env) -> None:
    import subprocess
    import sys

    from tests.helpers import REPO, child_env

    _seed(env.db)
    done = subprocess.run(
        [sys.executable, "-m", "tui", "move", "1", "offer"],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Moved #1 Backend Engineer @ Acme to offer")
    bad = subprocess.run(
        [sys.executable, "-m", "tui", "move", "1"], cwd=REPO, env=child_env(), capture_output=True
    )
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr
