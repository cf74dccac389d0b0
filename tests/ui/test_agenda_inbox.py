"""The agenda's first group, "From your mail" (issue 17): accept, skip and open a proposal with
one key each, and a scan from the command palette that never blocks the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import OptionList

from tests.helpers import mail
from tui.domain.config import Inbox, Settings
from tui.io.inbox import proposals as inbox
from tui.io.inbox.scan import scan_sources, sources_from
from tui.store.repository import Store
from tui.ui.screens.agenda import AgendaScreen
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.pick import PickScreen

SIZE = (160, 45)


@pytest.fixture
def mail_store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "board.json", backup_interval_s=float("inf"))
    yield store
    store.close()


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return (
        mail.write_maildir(tmp_path / "Mail" / "INBOX", mail.inbox_messages()),
        mail.write_maildir(tmp_path / "Mail" / "Sent", [mail.followup_sent(), mail.thank_you_sent()]),
    )


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def option_ids(screen: AgendaScreen) -> list[str | None]:
    return [o.id for o in screen.query_one("#agenda-list", OptionList).options]


async def open_agenda(app, pilot) -> AgendaScreen:
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, AgendaScreen)
    return app.screen


def highlight(screen: AgendaScreen, option_id: str) -> None:
    listing = screen.query_one("#agenda-list", OptionList)
    listing.highlighted = listing.get_option_index(option_id)


async def test_accept_skip_and_open_mail_from_the_agenda(make_app, mail_store, folders, tmp_path) -> None:
    board = mail.seed(mail_store)
    inbox_dir, sent_dir = folders
    scan_sources(mail_store, sources_from(maildirs=[str(inbox_dir)], mboxes=[], sent=[str(sent_dir)]))
    by_subject = {p.subject: p for p in inbox.pending(mail_store)}
    rejection = by_subject["Your application to Acme, Inc."]
    neutral = by_subject["RE: Following up: Backend Engineer"]
    app = make_app(store=mail_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        listing = screen.query_one("#agenda-list", OptionList)
        # the first group: its heading, then one row per proposal
        assert str(listing.get_option_at_index(0).prompt) == "From your mail (7)"
        assert listing.get_option_at_index(0).disabled
        ids = option_ids(screen)
        assert ids[1:8] == [f"mail-{p.id}" for p in inbox.pending(mail_store)]
        assert listing.highlighted == 1  # the cursor starts on the first mail
        prompt = str(listing.get_option(f"mail-{rejection.id}").prompt)
        assert (
            "rejection" in prompt and "Acme, Inc. · Backend Engineer" in prompt and "Acme Careers" in prompt
        )
        assert "7 from your mail" in str(screen.query_one("#agenda-summary").render())

        # accept the rejection: it asks whether to close the card too
        highlight(screen, f"mail-{rejection.id}")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        assert [v for v, _ in app.screen.choices] == ["move", "stay"]
        await pilot.press("enter")  # "Log it and move the card to Closed"
        await settle(app, pilot)
        acme = mail_store.get_application(board.acme)
        assert (acme.stage, acme.outcome) == ("closed", "rejected")
        assert inbox.get(mail_store, rejection.id).status == "accepted"
        assert mail_store.board().events_for(board.acme)[-2].response == "rejected"
        assert f"mail-{rejection.id}" not in option_ids(screen)
        assert screen.current_proposal_id is not None  # the cursor moved on to the next mail

        # skip the neutral reply: nothing logged
        events = len(mail_store.board().events)
        highlight(screen, f"mail-{neutral.id}")
        await pilot.press("s")
        await settle(app, pilot)
        assert inbox.get(mail_store, neutral.id).status == "rejected"
        assert len(mail_store.board().events) == events
        assert f"mail-{neutral.id}" not in option_ids(screen)
        # u undoes the skip, then the accept: the row comes back, the event goes, the card reopens
        await pilot.press("u")
        await settle(app, pilot)
        assert inbox.get(mail_store, neutral.id).status == "pending"
        assert f"mail-{neutral.id}" in option_ids(screen)
        await pilot.press("u")
        await settle(app, pilot)
        assert inbox.get(mail_store, rejection.id).status == "pending"
        acme = mail_store.get_application(board.acme)
        assert acme.stage == "applied"
        assert all(e.response != "rejected" for e in mail_store.board().events_for(board.acme))

        # enter opens the application the mail is about
        invite = by_subject["Re: Data Engineer — next steps"]
        highlight(screen, f"mail-{invite.id}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.app_id == board.globex_data


async def test_a_scan_from_the_palette_fills_the_agenda(make_app, mail_store, folders, tmp_path) -> None:
    mail.seed(mail_store)
    inbox_dir, sent_dir = folders
    inbox_conf = Inbox(maildir=(str(inbox_dir),), sent=(str(sent_dir),))
    settings = Settings(path=tmp_path / "config.toml", inbox=inbox_conf)
    app = make_app(store=mail_store, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"scan mail")
        for _ in range(500):  # the palette searches asynchronously: until "Scan mail" is the top hit
            await pilot.pause(0.02)
            hits = app.screen.query_one_optional(CommandList)
            top = hits.highlighted if hits is not None and hits.option_count else None
            if top is not None and "Scan mail" in str(hits.get_option_at_index(top).prompt):
                break
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(inbox.pending(mail_store)) == 7
        screen = await open_agenda(app, pilot)
        assert option_ids(screen)[1].startswith("mail-")


async def test_scan_at_launch_runs_after_the_board_is_painted_and_fills_the_agenda(
    make_app, mail_store, folders, tmp_path, monkeypatch
) -> None:
    import tui.ui.inbox_scan as inbox_scan
    from tui.ui.screens.main import MainScreen

    mail.seed(mail_store)
    inbox_dir, sent_dir = folders
    inbox_conf = Inbox(maildir=(str(inbox_dir),), sent=(str(sent_dir),), scan_at_launch=True)
    settings = Settings(path=tmp_path / "config.toml", inbox=inbox_conf)
    app = make_app(store=mail_store, settings=settings)
    seen: list[tuple[bool, int]] = []
    real = inbox_scan.scan_mail

    def watched(the_app) -> None:  # what was on screen when the scan started
        screen = the_app.screen
        seen.append((isinstance(screen, MainScreen) and the_app._loaded, len(inbox.pending(mail_store))))
        real(the_app)

    monkeypatch.setattr(inbox_scan, "scan_mail", watched)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert seen == [(True, 0)]  # started once, with the board already there and nothing read yet
        assert len(inbox.pending(mail_store)) == 7
        screen = await open_agenda(app, pilot)
        ids = option_ids(screen)
        assert ids[1].startswith("mail-")  # "From your mail" is the first group, filled


async def test_no_scan_at_launch_by_default(make_app, mail_store, folders, tmp_path) -> None:
    mail.seed(mail_store)
    inbox_dir, _sent = folders
    settings = Settings(path=tmp_path / "config.toml", inbox=Inbox(maildir=(str(inbox_dir),)))
    app = make_app(store=mail_store, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert inbox.pending(mail_store) == []


def test_scan_at_launch_is_read_from_config_and_a_wrong_value_is_reported(tmp_path) -> None:
    from tui.domain.config import load_settings

    path = tmp_path / "config.toml"
    path.write_text("[inbox]\nscan_at_launch = true\n", encoding="utf-8")
    assert load_settings(path).inbox.scan_at_launch is True
    path.write_text('[inbox]\nscan_at_launch = "yes"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.inbox.scan_at_launch is False
    assert any("scan_at_launch should be true or false" in p for p in settings.problems)
    assert Inbox().scan_at_launch is False
