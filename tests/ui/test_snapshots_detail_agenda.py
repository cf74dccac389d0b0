"""Snapshots of the application detail and the agenda on the demo board (clock pinned)."""

from __future__ import annotations

GLOBEX = 16  # demo: interviewing, an interview yesterday, a thank-you due today


async def _open_detail(pilot, app_id: int = GLOBEX) -> None:
    await pilot.pause()
    pilot.app.select_application(app_id)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def test_detail_160x45(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), run_before=_open_detail, terminal_size=(160, 45))


def test_detail_80x24(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), run_before=_open_detail, terminal_size=(80, 24))


def test_detail_with_a_wrong_date(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await _open_detail(pilot)
        pilot.app.screen.query_one("#f-decision_expected_on").value = "2026-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(160, 45))


def test_agenda_160x45(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(160, 45))
