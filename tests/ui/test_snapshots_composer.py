"""Snapshots of the composer pane at 160x45, clock pinned (tests/ui/conftest.py)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tui.domain.config import Settings
from tui.domain.models import Application, Contact
from tui.io.demo import DEMO_DAY, demo_copy
from tui.store.repository import Store

SIZE = (160, 45)
GLOBEX, UMBRELLA, HOOLI = 16, 8, 7


def demo_app(tmp_path: Path, store: Store | None = None):
    from tui.ui.app import FollowupApp

    return FollowupApp(store or Store(demo_copy(tmp_path)), Settings(path=tmp_path / "config.toml"))


def on_card(app_id: int, *keys: str):
    """Select a card, put the cursor in the composer's body, then press ``keys``."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.select_application(app_id)
        await pilot.pause()
        pilot.app.screen.focus_pane(2)
        await pilot.pause()
        await pilot.press("down")  # from the subject to the body
        if keys:
            await pilot.press(*keys)
        await pilot.pause(0.2)

    return run_before


def test_composer_with_warnings(snap_compare, tmp_path):
    # Umbrella Health: the recipient is a general HR inbox.
    assert snap_compare(demo_app(tmp_path), run_before=on_card(UMBRELLA), terminal_size=SIZE)


def test_composer_with_typed_errors(snap_compare, tmp_path):
    # An unknown placeholder typed into the body shows up as an error at once.
    keys = [*"Hi {nmae} ", "end"]
    assert snap_compare(demo_app(tmp_path), run_before=on_card(GLOBEX, *keys), terminal_size=SIZE)


def test_composer_without_warnings(snap_compare, tmp_path):
    # Globex: a thank-you to the interviewer, the day after the interview.
    assert snap_compare(demo_app(tmp_path), run_before=on_card(GLOBEX), terminal_size=SIZE)


def test_composer_nothing_to_send(snap_compare, tmp_path):
    # Hooli: followed up twice already, so the rules say let it be.
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.select_application(HOOLI)
        await pilot.pause()
        pilot.app.screen.focus_pane(2)
        await pilot.pause(0.2)

    assert snap_compare(demo_app(tmp_path), run_before=run_before, terminal_size=SIZE)


def test_composer_confirms_a_blocked_channel(snap_compare, tmp_path):
    store = Store(demo_copy(tmp_path))
    ada = store.add_contact(
        Contact(
            name="Ada Lovelace",
            company="Contoso",
            role="hiring_manager",
            email="ada@contoso.example",
            linkedin="https://www.linkedin.com/in/ada",
        )
    )
    app_id = store.add_application(
        Application(
            company="Contoso",
            role="Compiler Engineer",
            blocked_channels=["email"],
            applied_on=DEMO_DAY - timedelta(days=10),
            contact_ids=[ada.id],
        )
    ).id

    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.select_application(app_id)
        await pilot.pause()
        pilot.app.screen.focus_pane(2)
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        pilot.app.screen.dismiss("email")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)

    assert snap_compare(demo_app(tmp_path, store), run_before=run_before, terminal_size=SIZE)


def test_template_picker(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), run_before=on_card(GLOBEX, "ctrl+t"), terminal_size=SIZE)
