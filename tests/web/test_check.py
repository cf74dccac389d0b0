"""`followup check`: what is recorded for each page shape, idempotence, and rule 6 after it."""

from __future__ import annotations

import json

import pytest

from tests.web.conftest import JobSite, serve_ats_pages
from tui.store.repository import Store

# (path, expected result, words the evidence must hold)
SHAPES = [
    ("/acme/jobs/4012", "up", "HTTP 200"),
    ("/initech/platform-engineer-7f3a", "up", "HTTP 200"),
    ("/careers/globex/data-analyst-311", "up", "HTTP 200"),
    ("/hooli/jobs/sre-88", "up", "HTTP 200"),
    ("/vandelay/jobs/qa-5", "up", "HTTP 200"),
    ("/jp/jobs/backend-4", "up", "HTTP 200"),
    ("/massive/jobs/firmware-2", "up", "HTTP 200"),
    ("/fr/offres/ingenieur-9", "up", "HTTP 200"),
    ("/umbrella/jobs/staff-1", "up", "HTTP 200"),
    ("/acme/jobs/support-3", "up", "HTTP 200"),  # "no longer accepting applications from agencies"
    ("/acme/jobs/404-gone", "taken_down", "HTTP 404 Not Found"),
    ("/acme/jobs/gone-410", "taken_down", "HTTP 410 Gone"),
    ("/acme/jobs/999", "taken_down", "redirects to {base}/acme?error=true (HTTP 302), a general listing"),
    ("/acme/jobs/frontend-21", "taken_down", "the page says: “No longer accepting applications”"),
    ("/acme/jobs/mobile-8", "taken_down", "validThrough date, 2026-10-31, has passed"),
    ("/slow/jobs/1", "could_not_check", "timed out"),
    ("/busy/jobs/1", "could_not_check", "HTTP 503"),
    ("/blocked/jobs/1", "could_not_check", "HTTP 403"),
]


@pytest.fixture
def site(job_site: JobSite, fast_config) -> JobSite:
    serve_ats_pages(job_site)
    return job_site


def _add(cli, role: str, url: str, *extra: str) -> None:
    result = cli("add", f"{role} @ Acme Robotics {url}", *extra)
    assert result.code == 0, result.err


def _board(env):
    with Store(env.db) as store:
        return store.board()


def test_each_shape_is_judged_and_only_the_gone_ones_recorded(cli, env, site: JobSite) -> None:
    for n, (path, _, _) in enumerate(SHAPES):
        _add(cli, f"Role {n}", site.url(path))
    result = cli("check", "--json")
    assert result.code == 0, result.err
    rows = {row["url"]: row for row in json.loads(result.out)}
    assert len(rows) == len(SHAPES)
    board = _board(env)
    by_url = {a.url: a for a in board.applications}
    for path, expected, words in SHAPES:
        url = site.url(path)
        row, app = rows[url], by_url[url]
        assert row["result"] == expected, (path, row)
        assert words.format(base=site.base) in row["evidence"], (path, row["evidence"])
        downs = [e for e in board.events_for(app.id) if e.kind == "posting_taken_down"]
        if expected == "taken_down":
            assert app.posting_status == "taken_down" and row["recorded"] == "taken_down"
            (event,) = downs
            assert event.on == env.today and words.format(base=site.base) in event.text and url in event.text
        else:
            assert downs == []
            assert app.posting_status == ("open" if expected == "up" else "unknown"), path
    # Only GETs, one per posting (the redirect adds one hop), nothing else.
    assert {r.method for r in site.requests} == {"GET"}
    assert len(site.seen("/acme/jobs/999")) == 1 and len(site.seen("/acme?error=true")) == 1


def test_check_is_idempotent(cli, env, site: JobSite) -> None:
    _add(cli, "Gone", site.url("/acme/jobs/gone-410"))
    _add(cli, "Up", site.url("/acme/jobs/4012"))
    first = cli("check")
    assert first.code == 0
    assert "Checked 2 postings: 1 taken down, 1 still up, 0 could not be checked." in first.out
    second = cli("check")
    assert "Checked 1 posting: 0 taken down, 1 still up" in second.out  # the gone one is not asked again
    assert len(site.seen("/acme/jobs/gone-410")) == 1
    board = _board(env)
    events = [e for e in board.events if e.kind == "posting_taken_down"]
    assert len(events) == 1


def test_a_network_failure_never_marks_down_and_writes_nothing(cli, env, site: JobSite) -> None:
    _add(cli, "Slow", site.url("/slow/jobs/1"))
    _add(cli, "Busy", site.url("/busy/jobs/1"))
    before = env.db.read_bytes()
    url = site.url("/acme/jobs/4012")
    site.server.shutdown()
    site.server.server_close()  # nothing listens any more
    _add(cli, "Offline", url)
    before = env.db.read_bytes()
    result = cli("check")
    assert result.code == 0
    assert "0 taken down, 0 still up, 3 could not be checked" in result.out
    assert env.db.read_bytes() == before
    assert {a.posting_status for a in _board(env).applications} == {"unknown"}


def test_closed_and_linkless_applications_are_not_checked(cli, env, site: JobSite) -> None:
    _add(cli, "Closed", site.url("/acme/jobs/gone-410"))
    assert cli("move", "1", "closed", "--outcome", "withdrawn").code == 0
    assert cli("add", "No link @ Acme").code == 0
    result = cli("check")
    assert result.out.strip() == "No open application has a posting link to check."
    assert site.requests == []


def test_rule_6_fires_21_days_after_the_last_contact_with_the_evidence(
    cli, env, site: JobSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(cli, "Backend Engineer", site.url("/acme/jobs/gone-410"), "on 2026-11-10")
    assert cli("check").code == 0

    def action(day: str) -> dict:
        monkeypatch.setenv("FOLLOWUP_TODAY", day)
        result = cli("due", "--within", "60", "--json")
        (item,) = json.loads(result.out)
        return item["next_action"]

    assert action("2026-11-30")["kind"] == "follow_up"  # day 20: not yet
    act = action("2026-12-01")  # day 21
    assert act["kind"] == "close_as_ghosted"
    assert "the page answered HTTP 410 Gone" in act["reason"]
    assert "2026-11-27" in act["reason"]  # when it was seen
    assert "safe to say they are not interested" in act["reason"]


IMPORT_PROBE = """
import sys
from tui.cli.main import main
for argv in {argvs!r}:
    code = main(argv)
    loaded = [m for m in ("textual", "httpx", "selectolax") if m in sys.modules]
    print("@@probe", code, ",".join(loaded) or "-", " ".join(argv), file=sys.stderr, flush=True)
"""


def test_check_and_add_url_never_import_textual_and_a_typed_add_fetches_nothing(
    env, site: JobSite, tmp_path
) -> None:
    import subprocess
    import sys

    from tests.helpers import REPO, child_env

    argvs = [
        ["add", f"Typed @ Acme {site.url('/acme/jobs/gone-410')}"],  # a link after the company: not fetched
        ["add", site.url("/acme/jobs/4012")],
        ["check"],
    ]
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
    assert [(code, loaded) for code, loaded, _ in lines] == [
        ("0", "-"),
        ("0", "httpx,selectolax"),
        ("0", "httpx,selectolax"),
    ], probe.stderr
    paths = [r.path for r in site.requests]
    assert paths[0] == "/acme/jobs/4012"  # add URL; the typed add fetched nothing
    assert sorted(paths[1:]) == ["/acme/jobs/4012", "/acme/jobs/gone-410"]  # check
