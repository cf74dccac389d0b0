"""Issue 22 through the command line: other people's text never drives the terminal, and
followup never writes what it cannot read back.

Each test runs the real command (``tui.cli.main.main`` in-process, or a subprocess where a
terminal, a limit or a hang is the point) against a store built the way a user gets one.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest

from tui.domain.models import Application, Contact
from tui.store.repository import LockedError, Store
from tui.store.storage import list_backups

OSC52 = "\x1b]52;c;aGVsbG8=\x07"
OSC0 = "\x1b]0;pwned\x07"
CSI = "\x1b[2J\x9b31m"
CONTROLS = ("\x1b", "\x07", "\x9b")
ROOT = Path(__file__).resolve().parents[2]


def assert_no_controls(*texts: str) -> None:
    for text in texts:
        for ch in CONTROLS:
            assert ch not in text, f"{ch!r} reached the terminal in {text[:200]!r}"


@pytest.fixture
def hostile(env) -> int:
    """A store as a LinkedIn import and a pasted posting leave it: names with escape sequences."""
    with Store(env.db) as store:
        contact = store.add_contact(
            Contact(name=f"Eve{OSC52}", email="eve@evil.example", company=f"Evil{OSC0}")
        )
        app = store.add_application(
            Application(
                company=f"Evil{OSC0}Corp",
                role=f"Dev{CSI}",
                applied_on=date(2026, 11, 2),
                posting_text=f"Apply {OSC52}",
                contact_ids=[contact.id],
            )
        )
    return app.id


def run_cli(*argv: str, env_extra: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=60,
        **kw,
    )


# --- terminal escapes -------------------------------------------------------------------


def test_every_command_prints_outside_text_visibly(cli, hostile, tmp_path):
    outputs = []
    for argv in (
        ("due",),
        ("due", "--within", "30"),
        ("due", "--json"),
        ("log", str(hostile), "note", "--text", f"hi{OSC52}"),
        ("move", str(hostile), "interviewing"),
        ("stats",),
        ("stats", "--json"),
        ("add", f"Dev{CSI} @ Evil{OSC0}Corp"),  # the duplicate error quotes the stored names
        ("add", f"Ops{CSI} @ Other{OSC0}"),
        ("add", "Dev @ Acme", "--posting", str(tmp_path / f"no{OSC0}such.txt")),
        ("move", "999", f"bad{OSC52}"),  # argv echoed in a usage error
    ):
        result = cli(*argv)
        outputs.append((argv, result))
        assert_no_controls(result.out, result.err)
    by_cmd = {argv: r for argv, r in outputs}
    assert "Evil␛]0;pwned␇Corp" in by_cmd[("due", "--within", "30")].out  # shown, not dropped
    assert "already on the board" in by_cmd[("add", f"Dev{CSI} @ Evil{OSC0}Corp")].err
    due_json = json.loads(by_cmd[("due", "--json")].out)
    assert due_json[0]["company"] == f"Evil{OSC0}Corp"  # the data is unchanged, only its spelling
    with Store(os.environ["FOLLOWUP_DB"]) as store:
        assert store.get_application(hostile).company == f"Evil{OSC0}Corp"  # the store keeps it


def test_the_feature_commands_print_outside_text_visibly_too(cli, hostile, tmp_path):
    # Every scripted command's output goes through safe_text, also those added by
    # feature modules (list, show, contacts, check, inbox, attach).
    sent = tmp_path / f"cv{OSC0}.pdf"
    sent.write_bytes(b"%PDF-1.4 resume")
    for argv in (
        ("list",),
        ("list", "--json"),
        ("show", str(hostile)),
        ("show", str(hostile), "--json"),
        ("contacts", "duplicates"),
        ("inbox",),
        ("attach", str(hostile), str(sent), "--as", "resume"),
    ):
        result = cli(*argv)
        assert result.code == 0, (argv, result.err)
        assert_no_controls(result.out, result.err)
    listed = json.loads(cli("list", "--json").out)
    assert f"Evil{OSC0}Corp" in {a["company"] for a in listed}  # the data is unchanged


def test_import_summaries_print_names_visibly(cli, tmp_path):
    vcf = tmp_path / "people.vcf"
    vcf.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve{OSC52}\r\nEMAIL:eve@evil.example\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:no name{OSC0}\r\nEND:VCARD\r\n"
    )
    result = cli("import", str(vcf))
    assert result.code == 0, result.err
    assert_no_controls(result.out, result.err)


def _on_a_terminal(argv: list[str]) -> bytes:
    """Run followup with its stdout on a pseudo-terminal; what the terminal received."""
    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tui", *argv], stdout=follower, stderr=subprocess.PIPE, cwd=ROOT
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed its side
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=60) == 0, proc.stderr.read()
        proc.stderr.close()
    finally:
        os.close(leader)
    return b"".join(chunks)


@pytest.mark.parametrize("fmt", ["csv", "md", "json"])
def test_an_export_to_a_terminal_shows_controls_and_to_a_pipe_keeps_them(hostile, fmt):
    shown = _on_a_terminal(["export", "--format", fmt]).decode("utf-8")
    assert_no_controls(shown)
    assert "Evil" in shown
    piped = run_cli("export", "--format", fmt)
    assert piped.returncode == 0
    if fmt == "json":
        doc = json.loads(piped.stdout)
        assert doc["applications"][0]["company"] == f"Evil{OSC0}Corp"
    elif fmt == "csv":
        assert f"Evil{OSC0}Corp" in piped.stdout  # a file or a pipe gets the export as it is


# --- the symlinked store and planted temp names -------------------------------------------


def test_a_symlinked_store_is_written_through_the_link(cli, tmp_path):
    real = tmp_path / "dotfiles" / "followup.json"
    real.parent.mkdir()
    link = tmp_path / "home" / "linked.json"
    link.symlink_to(real)
    for n in range(3):
        result = cli("--db", str(link), "add", f"Role {n} @ Company {n}")
        assert result.code == 0, result.err
    assert link.is_symlink() and os.readlink(link) == str(real)
    with Store(real) as store:
        assert [a.company for a in store.board().applications] == ["Company 0", "Company 1", "Company 2"]
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert (real.parent / "followup.json.lock").exists()  # the target's lock, shared by every path
    assert not (link.parent / "linked.json.lock").exists()
    assert list_backups(real) and not (link.parent / "backups").exists()


def test_export_never_writes_through_a_planted_temp_name_or_replaces_a_link(cli, hostile, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (out / ".board.md.tmp").symlink_to(victim)  # the old fixed temp name
    assert cli("export", "-o", str(out / "board.md")).code == 0
    assert victim.read_text() == "precious"
    real = tmp_path / "synced.md"
    (out / "linked.md").symlink_to(real)
    assert cli("export", "-o", str(out / "linked.md")).code == 0
    assert (out / "linked.md").is_symlink() and "Evil" in real.read_text()


# --- validate before writing -------------------------------------------------------------


def _store_with(env, table: str, doc: dict) -> bytes:
    with Store(env.db) as store:
        store.add_application(Application(company="Acme", role="Dev", applied_on=date(2026, 11, 2)))
    envelope = orjson.loads(env.db.read_bytes())
    envelope["tables"].setdefault(table, {})["7"] = doc
    raw = orjson.dumps(envelope)
    env.db.write_bytes(raw)
    return raw


@pytest.mark.parametrize(
    ("table", "doc", "words"),
    [
        ("applications", {"company": "X", "role": "Y", "stage": "limbo"}, "stage"),
        ("applications", {"company": "X", "stage": "applied"}, "role: missing"),
        ("applications", {"company": "X", "role": "Y", "applied_on": "2026-02-30"}, "applied_on"),
        ("events", {"application_id": 1, "kind": "telepathy", "on": "2026-11-20"}, "kind"),
        ("events", {"application_id": 1, "kind": "note", "on": "9999-12-31"}, "1900–2200"),
    ],
)
@pytest.mark.parametrize(
    "argv", [("add", "Ops @ Initech"), ("move", "1", "interviewing"), ("log", "1", "note"), ("due",)]
)
def test_a_store_that_fails_validation_is_never_written(cli, env, table, doc, words, argv):
    raw = _store_with(env, table, doc)
    backups = list_backups(env.db)
    result = cli(*argv)
    assert result.code == 1
    assert (
        f"{table} record 7 is invalid" in result.err and words in result.err and "NOT modified" in result.err
    )
    assert env.db.read_bytes() == raw
    assert list_backups(env.db) == backups  # no backup of the broken file was made either


def _export(tmp_path: Path, **changes) -> Path:
    doc = {
        "format": "followup",
        "version": 1,
        "applications": [
            {"id": 1, "company": "Acme", "role": "Dev", "stage": "applied", "applied_on": "2026-11-02"}
        ],
        "contacts": [],
        "events": [{"id": 1, "application_id": 1, "kind": "note", "on": "2026-11-03"}],
        "templates": [],
    }
    for key, (index, field, value) in changes.items():
        doc[key][index][field] = value
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc))
    return path


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"applications": (0, "id", -5)}, "applications[0]: id: -5"),
        ({"applications": (0, "id", 0)}, "applications[0]: id: 0"),
        ({"events": (0, "id", 0)}, "events[0]: id: 0"),
        ({"events": (0, "on", "9999-12-31")}, "events[0]: on"),
        ({"applications": (0, "applied_on", "9999-12-31")}, "applications[0]: applied_on"),
        ({"events": (0, "kind", "telepathy")}, "events[0]: kind"),
        ({"applications": (0, "stage", "limbo")}, "applications[0]: stage"),
    ],
)
def test_an_import_with_an_invalid_record_is_refused_naming_it(cli, env, tmp_path, change, named):
    result = cli("import", str(_export(tmp_path, **change)))
    assert result.code == 2
    assert named in result.err
    assert not env.db.exists()  # nothing written
    assert cli("import", str(_export(tmp_path))).code == 0  # the same file, fixed, imports
    assert cli("export", "--format", "ics").code == 0 and cli("due").code == 0


def test_a_date_past_the_calendar_is_refused_on_the_way_in(cli, seeded_app):
    for day in ("9999-12-31", "1850-01-01"):
        result = cli("log", str(seeded_app), "note", "--on", day)
        assert result.code == 2 and "1900–2200" in result.err
    assert cli("export", "--format", "ics").code == 0


@pytest.fixture
def seeded_app(env) -> int:
    with Store(env.db) as store:
        return store.add_application(Application(company="Acme", role="Dev", applied_on=date(2026, 11, 2))).id


@pytest.mark.parametrize(
    "content",
    [b"{}", b'{"_default": {"1": {"title": "another app"}}}', b'{"songs": {"1": {"name": "x"}}}'],
)
def test_a_file_that_is_not_a_followup_store_is_refused_never_converted(cli, env, content):
    env.db.write_bytes(content)
    for argv in (("add", "Dev @ Acme"), ("due",), ("export",)):
        result = cli(*argv)
        assert result.code == 1 and "not a followup store" in result.err, result.err
    assert env.db.read_bytes() == content
    assert not (env.db.parent / "backups").exists()


# --- files that are not private ---------------------------------------------------------


def test_umask_000_exports_store_and_config_are_private(env, tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    existing = out / "again.md"
    for line in ("Dev @ Acme", "Ops @ Initech"):  # the second write also makes the first backup
        result = run_cli("add", line, preexec_fn=lambda: os.umask(0))
        assert result.returncode == 0, result.stderr
    for name in ("board.md", "again.md", "again.md"):  # re-exporting over a 0600 file keeps it 0600
        r = run_cli("export", "-o", str(out / name), preexec_fn=lambda: os.umask(0))
        assert r.returncode == 0, r.stderr
    assert stat.S_IMODE((out / "board.md").stat().st_mode) == 0o600
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600
    assert stat.S_IMODE(env.db.stat().st_mode) == 0o600
    assert stat.S_IMODE((env.db.parent / "backups").stat().st_mode) == 0o700
    code = (
        "import os; os.umask(0); from pathlib import Path; from tui.domain.config import save_choice;"
        f"save_choice('theme', 'nord', Path({str(tmp_path / 'cfg' / 'config.toml')!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)
    assert stat.S_IMODE((tmp_path / "cfg" / "config.toml").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "cfg").stat().st_mode) == 0o700


def test_capture_history_and_drafts_are_private_at_umask_000(tmp_path):
    from tui.followup.capture_history import append_history
    from tui.followup.composer_options import write_new_file

    old = os.umask(0)
    try:
        history = tmp_path / "state" / "capture-history.txt"
        assert append_history("Dev @ Acme", history)
        first = write_new_file(tmp_path / "draft.eml", b"one")
        second = write_new_file(tmp_path / "draft.eml", b"two")
    finally:
        os.umask(old)
    assert stat.S_IMODE(history.stat().st_mode) == 0o600
    assert stat.S_IMODE(history.parent.stat().st_mode) == 0o700
    assert (first.name, second.name) == ("draft.eml", "draft-2.eml")
    assert first.read_bytes() == b"one" and stat.S_IMODE(second.stat().st_mode) == 0o600


# --- inputs that exhaust the machine ------------------------------------------------------


def test_a_fifo_or_a_device_as_the_store_is_refused_at_once(tmp_path):
    fifo = tmp_path / "store.fifo"
    os.mkfifo(fifo)
    for store, words in ((fifo, "named pipe"), (Path("/dev/zero"), "a device")):
        for argv in (("due",), ("add", "Dev @ Acme"), ("export",)):
            result = run_cli("--db", str(store), *argv)  # a hang would hit run_cli's timeout
            assert result.returncode == 1 and words in result.stderr, result.stderr
            assert "Traceback" not in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_fifo_as_an_import_file_is_refused(cli, tmp_path):
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)
    result = cli("import", str(fifo))
    assert result.code == 2 and "not a regular file" in result.err


def test_a_10_mb_photo_vcard_imports_under_a_memory_limit(tmp_path, env):
    photo = "A" * (10 * 1024 * 1024)
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    vcf = tmp_path / "photo.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Photo\r\nEMAIL:jane@acme.example\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\nEND:VCARD\r\n"
    )
    # 400 MB of address space: the interpreter and its imports take ~150-250 MB of it; the old
    # reader's 1.45 GB does not fit, a reader that skips the photo does.
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (400 * 2**20, 400 * 2**20));"
        "from tui.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "import", str(vcf)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ},
    )
    assert result.returncode == 0, result.stderr
    with Store(env.db) as store:
        (contact,) = store.board().contacts
    assert contact.name == "Jane Photo" and contact.email == "jane@acme.example"


# --- errors in words ---------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2026-02-30", "20261127", "2026-W48-5", "tomorrow"])
def test_followup_today_is_strictly_yyyy_mm_dd(cli, monkeypatch, value):
    monkeypatch.setenv("FOLLOWUP_TODAY", value)
    for argv in (("due",), ("add", "Dev @ Acme")):
        result = cli(*argv)
        assert result.code == 2 and "FOLLOWUP_TODAY" in result.err and "YYYY-MM-DD" in result.err


def test_a_file_size_limit_is_reported_in_words(hostile, tmp_path):
    out = tmp_path / "big.md"
    code = (
        "import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64));"
        "from tui.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "export", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ},
    )
    assert result.returncode == 1
    assert (
        str(out) in result.stderr
        and "size limit" in result.stderr
        and "export was not written" in result.stderr
    )
    assert "OSError" not in result.stderr and not out.exists()


def test_read_only_commands_need_no_write_lock(cli, env, hostile):
    import fcntl

    fd = os.open(str(env.db) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another followup is writing right now
    try:
        assert cli("due").code == 0
        assert cli("stats").code == 0
        assert cli("export", "--format", "ics").code == 0
        with pytest.raises(LockedError):  # the lock is really held: a writer would wait
            Store(env.db, lock_timeout=0.1)
    finally:
        os.close(fd)


def test_read_only_commands_work_on_a_read_only_copy(cli, env, hostile, tmp_path):
    folder = tmp_path / "media"
    folder.mkdir()
    copy = folder / "followup.json"
    copy.write_bytes(env.db.read_bytes())
    os.chmod(copy, 0o400)
    os.chmod(folder, 0o500)
    try:
        result = cli("--db", str(copy), "export", "--format", "csv")
        assert result.code == 0 and "Evil" in result.out
        assert not (folder / "followup.json.lock").exists()
    finally:
        os.chmod(folder, 0o700)


def test_a_failed_backup_is_reported(cli, env, seeded_app):
    backups = env.db.parent / "backups"
    assert not backups.exists()  # the first write had no older file to keep
    backups.write_text("not a folder")  # backups/ cannot be made
    result = cli("add", "Ops @ Initech")
    assert result.code == 0
    assert "No backup was made" in result.err and "backups" in result.err


def test_the_ics_stamp_is_the_utc_now(cli, monkeypatch):
    from datetime import UTC, datetime, timedelta

    from icalendar import Calendar

    from tui.domain import clock

    monkeypatch.delenv("FOLLOWUP_TODAY")
    with Store(os.environ["FOLLOWUP_DB"]) as store:  # applied 8 days ago: a follow-up is due
        store.add_application(
            Application(company="Initech", role="Ops", applied_on=clock.today() - timedelta(days=8))
        )
    before = datetime.now(UTC).replace(microsecond=0)
    result = cli("export", "--format", "ics")
    after = datetime.now(UTC)
    stamps = [ev["DTSTAMP"].dt for ev in Calendar.from_ical(result.out).walk("VEVENT")]
    assert stamps and all(before <= s <= after + timedelta(seconds=1) for s in stamps)
    assert all(s.utcoffset() == timedelta(0) for s in stamps)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission denied"),
        (errno.EFBIG, "size limit"),
        (errno.EIO, "input/output"),
    ],
)
def test_a_store_write_that_fails_says_why_and_loses_nothing(cli, env, seeded_app, monkeypatch, code, words):
    from tui.store import fsio

    before = env.db.read_bytes()
    real_write = os.write

    def failing_write(fd, data):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fsio.os, "write", failing_write)
    result = cli("add", "Ops @ Initech")
    monkeypatch.setattr(fsio.os, "write", real_write)
    assert result.code == 1
    assert str(env.db) in result.err and words in result.err and "NOT saved" in result.err
    assert "OSError" not in result.err and "unexpected" not in result.err
    assert env.db.read_bytes() == before
    assert not [p for p in env.db.parent.iterdir() if p.name.endswith(".tmp")]
    assert cli("due").code == 0
