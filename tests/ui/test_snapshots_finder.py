"""Snapshots of the contact finder and its screens at 160x45, clock pinned (tests/ui/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from tui.domain.config import Settings
from tui.io.demo import demo_copy
from tui.store.repository import Store

SIZE = (160, 45)
ACME, UMBRELLA, BLACK_MESA = 4, 8, 10


def demo_app(tmp_path: Path):
    from tui.ui.app import FollowupApp

    return FollowupApp(Store(demo_copy(tmp_path)), Settings(path=tmp_path / "config.toml"))


def in_finder(app_id: int, *keys: str):
    """Select a card, put the cursor in the finder's list, then press ``keys``."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        for _ in range(5):
            app.select_application(app_id)
            await pilot.pause()
            if app.selected_id == app_id:
                break
        app.screen.focus_pane(1)
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        # The board's column titles follow the focus through :focus-within, which Textual
        # 8.2.8 restyles late (see composer_pane.tcss); restyle now so the shot is stable.
        app.screen.update_node_styles(animate=False)
        await pilot.pause()

    return run_before


def test_finder_hr_inbox_warning(snap_compare, tmp_path):
    """Umbrella Health: its only contact is a jobs@ inbox, and the row says to find a person."""
    assert snap_compare(demo_app(tmp_path), run_before=in_finder(UMBRELLA), terminal_size=SIZE)


def test_finder_candidates_maximized(snap_compare, tmp_path):
    """Acme Robotics, the pane zoomed: hiring manager, recruiter, then the careers@ inbox."""
    assert snap_compare(demo_app(tmp_path), run_before=in_finder(ACME, "z"), terminal_size=SIZE)


def test_finder_search_highlights(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), run_before=in_finder(ACME, "slash", *"rec"), terminal_size=SIZE)


def test_contact_form_errors(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await in_finder(BLACK_MESA, "n")(pilot)
        form = pilot.app.screen
        for name, value in {
            "name": "Gordon Freeman",
            "email": "gordon at blackmesa",
            "phone": "call me",
            "linkedin": "https://github.com/gordon",
        }.items():
            form.query_one(f"#cf-{name}").value = value
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), run_before=run_before, terminal_size=SIZE)


def test_contacts_screen_sorted_by_company(snap_compare, tmp_path):
    assert snap_compare(
        demo_app(tmp_path), run_before=in_finder(ACME, "c", "wait:300", "2", "down"), terminal_size=SIZE
    )
