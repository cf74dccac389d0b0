"""`followup add URL`: each page shape captured, field by field (real server on 127.0.0.1)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.web.conftest import JobSite, serve_ats_pages
from tui.store.repository import Store


@pytest.fixture
def site(job_site: JobSite, fast_config) -> JobSite:
    serve_ats_pages(job_site)
    return job_site


def _only(env):
    with Store(env.db) as store:
        board = store.board()
    (app,) = board.applications
    return app, board


def test_json_ld_page(cli, env, site: JobSite) -> None:
    url = site.url("/acme/jobs/4012")
    result = cli("add", url)
    assert result.code == 0, result.err
    assert "JSON-LD" in result.out
    assert "Added #1: Backend Engineer @ Acme Robotics (applied)" in result.out
    assert "The posting suggests (apply with --apply-posting):" in result.out
    app, board = _only(env)
    assert (app.role, app.company, app.url, app.stage) == (
        "Backend Engineer",
        "Acme Robotics",
        url,
        "applied",
    )
    assert app.posting_status == "open"
    assert app.applied_on == env.today
    lines = app.posting_text.split("\n")
    assert lines[0] == "Backend Engineer — Acme Robotics"
    assert lines[1] == "Location: Berlin, BE, DE · Employment: full time"
    assert lines[2] == "Posted 2026-11-02 · open until 2027-01-31"
    assert lines[3].startswith(f"Read from {url} on 2026-11-27")
    assert "- Design Python services\n- Run them on-call" in app.posting_text
    assert "&lt;" not in app.posting_text and "<p>" not in app.posting_text
    # Not applied without --apply-posting: the reader only suggests.
    assert app.follow_up_policy == "allowed" and app.blocked_channels == []
    assert [e.kind for e in board.events_for(app.id)] == ["applied"]


def test_apply_posting_sets_what_the_reader_found(cli, env, site: JobSite) -> None:
    assert cli("add", site.url("/acme/jobs/4012"), "--apply-posting").code == 0
    app, _ = _only(env)
    assert app.follow_up_policy == "only_qualified"
    assert app.blocked_channels == ["phone"]


def test_typed_tokens_win_over_the_page(cli, env, site: JobSite) -> None:
    line = (
        f"{site.url('/acme/jobs/4012')} via referral #remote #python !nofollowup >saved with kim@acme.example"
    )
    result = cli("add", line, "--apply-posting")
    assert result.code == 0, result.err
    app, board = _only(env)
    assert (app.role, app.company) == ("Backend Engineer", "Acme Robotics")
    assert app.source == "referral" and app.tags == ["remote", "python"] and app.stage == "saved"
    assert app.follow_up_policy == "do_not_follow_up"  # typed; the page said only_qualified
    assert app.blocked_channels == ["phone"]  # from the page, merged
    assert app.applied_on is None  # saved
    assert [c.email for c in board.contacts] == ["kim@acme.example"]


def test_a_bad_token_is_refused_before_anything_is_fetched(cli, env, site: JobSite) -> None:
    result = cli("add", f"{site.url('/acme/jobs/4012')} >nowhere")
    assert result.code == 2 and "unknown stage" in result.err
    assert site.requests == [] and not env.db.exists()


def test_graph_with_remote_and_two_employment_types(cli, env, site: JobSite) -> None:
    assert cli("add", site.url("/initech/platform-engineer-7f3a"), "--apply-posting").code == 0
    app, _ = _only(env)
    assert (app.role, app.company) == ("Platform Engineer", "Initech")
    assert "Location: remote; Austin, US · Employment: full time, contract" in app.posting_text
    assert "Posted 2026-11-20" in app.posting_text
    assert app.decision_expected_on == date(2026, 12, 15)  # "We will decide by 2026-12-15."


def test_microdata_page(cli, env, site: JobSite) -> None:
    result = cli("add", site.url("/careers/globex/data-analyst-311"), "--apply-posting")
    assert result.code == 0 and "microdata" in result.out
    app, _ = _only(env)
    assert (app.role, app.company) == ("Data Analyst", "Globex Corporation")
    assert "Location: Springfield, OR · Employment: part time" in app.posting_text
    assert "Posted 2026-11-10 · open until 2027-02-01" in app.posting_text
    assert "Dashboards for the sales team.\n\n- SQL\n- Patience" in app.posting_text
    assert app.follow_up_policy == "do_not_follow_up"


def test_opengraph_only_page(cli, env, site: JobSite) -> None:
    result = cli("add", site.url("/hooli/jobs/sre-88"))
    assert result.code == 0 and "OpenGraph" in result.out
    app, _ = _only(env)
    assert (app.role, app.company) == ("Site Reliability Engineer", "Hooli")
    assert app.posting_text.endswith("Keep Hooli up. No phone calls.")


def test_title_only_page(cli, env, site: JobSite) -> None:
    assert cli("add", site.url("/vandelay/jobs/qa-5")).code == 0
    app, _ = _only(env)
    assert (app.role, app.company) == ("QA Engineer", "Vandelay Industries")


def test_broken_html(cli, env, site: JobSite) -> None:
    assert cli("add", site.url("/massive/jobs/firmware-2")).code == 0
    app, _ = _only(env)
    assert (app.role, app.company) == ("Firmware Engineer", "Massive Dynamic")
    assert app.posting_text.endswith("Line one line two\n\n- a bullet")


def test_latin_page_labelled_iso_8859_1(cli, env, site: JobSite) -> None:
    assert cli("add", site.url("/fr/offres/ingenieur-9")).code == 0
    app, _ = _only(env)
    assert (app.role, app.company) == ("Ingénieur logiciel", "Société Générale Énergie")
    assert app.posting_text.endswith("Salaire 60 000 € – télétravail")


def test_shift_jis_page_labelled_by_meta_only(cli, env, site: JobSite) -> None:
    assert cli("add", site.url("/jp/jobs/backend-4")).code == 0
    app, _ = _only(env)
    assert (app.role, app.company) == ("バックエンドエンジニア", "株式会社サンプル")


def test_a_10_mb_page(cli, env, site: JobSite) -> None:
    result = cli("add", site.url("/umbrella/jobs/staff-1"))
    assert result.code == 0, result.err
    assert "cut at the size limit" in result.out
    app, _ = _only(env)
    assert (app.role, app.company) == ("Staff Engineer", "Umbrella")
    assert len(app.posting_text) < 1000  # the page's bulk is not kept


def test_a_page_already_taken_down_says_so(cli, env, site: JobSite) -> None:
    result = cli("add", site.url("/acme/jobs/frontend-21"))
    assert result.code == 0
    assert "looks taken down" in result.out and "No longer accepting applications" in result.out
    app, board = _only(env)
    assert (app.role, app.company, app.posting_status) == ("Frontend Engineer", "Acme Robotics", "taken_down")
    (down,) = [e for e in board.events_for(app.id) if e.kind == "posting_taken_down"]
    assert "No longer accepting applications" in down.text


def test_a_link_redirected_to_the_listing_reads_no_role_from_it(cli, env, site: JobSite) -> None:
    result = cli("add", site.url("/acme/jobs/999"))
    assert result.code == 0
    assert "a general listing" in result.out
    app, board = _only(env)
    assert (app.role, app.posting_status, app.posting_text) == ("(role not read)", "taken_down", "")
    (down,) = [e for e in board.events_for(app.id) if e.kind == "posting_taken_down"]
    assert "/acme?error=true" in down.text


@pytest.mark.parametrize(
    ("path", "why"),
    [("/slow/jobs/1", "timed out"), ("/busy/jobs/1", "HTTP 503"), ("/nothing/jobs/1", "HTTP 404")],
)
def test_no_page_still_saves_what_was_typed(cli, env, site: JobSite, path: str, why: str) -> None:
    result = cli("add", f"{site.url(path)} #later")
    assert result.code == 0, result.err
    assert "Could not read the page" in result.out and why in result.out
    assert "Added #1: (role not read) @ 127.0.0.1 (applied)" in result.out
    app, _ = _only(env)
    assert app.url == site.url(path) and app.tags == ["later"] and app.posting_text == ""


def test_the_same_link_twice_is_a_duplicate(cli, env, site: JobSite) -> None:
    url = site.url("/acme/jobs/4012")
    assert cli("add", url).code == 0
    again = cli("add", url)
    assert again.code == 2 and "already on the board" in again.err
    assert cli("add", url, "--force").code == 0
    with Store(env.db) as store:
        assert len(store.board().applications) == 2
