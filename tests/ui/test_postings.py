"""Postings from their link in the app: the capture prompt reads a link's page in a worker,
the palette's "Check postings" records what is gone, the daily check runs once a day when
turned on, and the board shows it (real server on 127.0.0.1; issue 18)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.test_capture import preview_rows, settle, text_of, type_line
from tests.web.conftest import JobSite, job_site, serve_ats_pages  # noqa: F401 (fixture)
from tui.domain.config import Postings, Settings
from tui.domain.models import Application
from tui.io.web.schedule import last_checked
from tui.store.repository import Store
from tui.ui.screens.capture import CaptureScreen

SIZE = (160, 45)
FAST = Postings(timeout=1, host_delay_ms=0)


@pytest.fixture
def site(job_site: JobSite) -> JobSite:  # noqa: F811
    serve_ats_pages(job_site)
    return job_site


def _settings(tmp_path, **postings) -> Settings:
    return Settings(path=tmp_path / "config.toml", postings=Postings(**{**FAST.__dict__, **postings}))


async def test_a_link_is_read_in_a_worker_shown_then_saved(
    make_app, tmp_store, site: JobSite, tmp_path
) -> None:
    app = make_app(store=tmp_store, settings=_settings(tmp_path))
    url = site.url("/acme/jobs/4012")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_line(pilot, f"{url} #remote")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert text_of(screen, "#capture-status") == "Enter reads the posting at 127.0.0.1."
        assert site.requests == []  # typing fetches nothing
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen  # read, not saved yet: the preview is there to confirm
        rows = preview_rows(screen)
        assert rows["Role"] == "Backend Engineer"
        assert rows["Company"] == "Acme Robotics"
        assert rows["Tags"] == "#remote"
        assert rows["Link"] == url
        assert rows["Read from"] == "the page's JobPosting (JSON-LD)"
        assert "Follow-up policy: only qualified applicants are contacted" in rows["Found"]
        assert "Blocked channel: phone" in rows["Found"]
        assert rows["Flags"] == "no phone calls, only qualified applicants are contacted"
        assert (
            text_of(screen, "#capture-status") == "Read from the page's JobPosting (JSON-LD). Enter saves it."
        )
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, CaptureScreen)
        new = app.store.board().applications[-1]
        assert (new.role, new.company, new.url, new.tags) == (
            "Backend Engineer",
            "Acme Robotics",
            url,
            ["remote"],
        )
        assert (new.follow_up_policy, new.blocked_channels, new.posting_status) == (
            "only_qualified",
            ["phone"],
            "open",
        )
        assert new.posting_text.startswith("Backend Engineer — Acme Robotics\n")
        assert app.selected_id == new.id
        assert len(site.seen("/acme/jobs/4012")) == 1  # one fetch for the read and the save


async def test_typed_tokens_win_and_an_edit_after_the_read_does_not_fetch_again(
    make_app, site: JobSite, tmp_path
) -> None:
    app = make_app(settings=_settings(tmp_path))
    url = site.url("/careers/globex/data-analyst-311")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await type_line(pilot, url)
        await pilot.press("enter")
        await settle(app, pilot)
        assert preview_rows(app.screen)["Flags"] == "do not follow up"  # what the page says
        await type_line(pilot, f"{url} !onlyqualified >saved")
        rows = preview_rows(app.screen)
        assert rows["Flags"] == "only qualified applicants are contacted" and rows["Stage"] == "saved"
        await pilot.press("enter")
        await settle(app, pilot)
        new = app.store.board().applications[-1]
        assert (new.role, new.company, new.stage, new.follow_up_policy) == (
            "Data Analyst",
            "Globex Corporation",
            "saved",
            "only_qualified",
        )
        assert len(site.seen("/careers/globex/data-analyst-311")) == 1


async def test_a_page_that_times_out_still_saves_what_was_typed(make_app, site: JobSite, tmp_path) -> None:
    app = make_app(settings=_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await type_line(pilot, site.url("/slow/jobs/1") + " #later")
        await pilot.press("enter")
        await settle(app, pilot)
        status = text_of(app.screen, "#capture-status")
        assert status.startswith("Could not read the page (no answer within 1 s (timed out))")
        assert preview_rows(app.screen)["Role"] == "(role not read)"
        await pilot.press("enter")
        await settle(app, pilot)
        new = app.store.board().applications[-1]
        assert (new.role, new.company, new.tags, new.posting_text) == (
            "(role not read)",
            "127.0.0.1",
            ["later"],
            "",
        )


def _store_with_links(env, site: JobSite) -> Store:
    store = Store(env.db)
    for role, path in [("Gone", "/acme/jobs/gone-410"), ("Up", "/acme/jobs/4012"), ("Busy", "/busy/jobs/1")]:
        store.add_application(
            Application(company="Acme Robotics", role=role, url=site.url(path), applied_on=date(2026, 11, 10))
        )
    return store


async def test_check_postings_from_the_palette_marks_the_board(
    make_app, env, site: JobSite, tmp_path
) -> None:
    store = _store_with_links(env, site)
    app = make_app(store=store, settings=_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert site.requests == []  # [postings] check is off: nothing fetched at start
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"check postings")
        await pilot.pause(0.5)  # the palette searches asynchronously
        await pilot.press("enter")
        await settle(app, pilot)
        await settle(app, pilot)
        board = app.store.board()
        by_role = {a.role: a for a in board.applications}
        assert by_role["Gone"].posting_status == "taken_down"
        assert by_role["Up"].posting_status == "open"
        assert by_role["Busy"].posting_status == "unknown"
        (event,) = [e for e in board.events if e.kind == "posting_taken_down"]
        assert event.application_id == by_role["Gone"].id and "HTTP 410 Gone" in event.text
        cards = {c.subtitle: c.badge for c in app.screen.board_view.card_list("applied").cards}
        assert cards["Gone"].startswith("posting down · ")
        assert not cards["Up"].startswith("posting down")
        assert last_checked() == env.today
    store.close()


async def test_after_21_days_the_board_offers_close_as_ghosted_with_the_evidence(
    make_app, env, site: JobSite, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store_with_links(env, site)
    app = make_app(store=store, settings=_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_check_postings()
        await settle(app, pilot)
        await settle(app, pilot)
    gone = next(a for a in store.board().applications if a.role == "Gone")
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-12-01")  # 21 days after applying on 2026-11-10
    later = make_app(store=store, settings=_settings(tmp_path))
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cards = {c.subtitle: c.badge for c in later.screen.board_view.card_list("applied").cards}
        assert cards["Gone"] == "likely ghosted"
        later.open_detail(gone.id)
        await pilot.pause()
        shown = text_of(later.screen, "#detail-next")
        assert "Close as ghosted: the posting was taken down (the page answered HTTP 410 Gone" in shown
        assert "seen 2026-11-27" in shown
    store.close()


async def test_the_daily_check_runs_once_a_day_when_turned_on(make_app, env, site: JobSite, tmp_path) -> None:
    store = _store_with_links(env, site)
    for attempt in range(2):
        app = make_app(store=store, settings=_settings(tmp_path, check=True))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await settle(app, pilot)
            await settle(app, pilot)
        assert len(site.seen("/acme/jobs/gone-410")) == 1, attempt  # the second start asks nothing
    assert last_checked() == env.today
    assert next(a for a in store.board().applications if a.role == "Gone").posting_status == "taken_down"
    store.close()
