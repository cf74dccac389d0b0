"""The stats screen on the demo board (clock pinned to Fri 2026-11-27, DEMO_DAY).

The demo's figures, worked out from ``tui/demo.py``:

- 24 applications: 3 saved, 12 applied, 3 interviewing, 1 offer, 5 closed.
  Funnel: saved 24; applied 21 (all but the saved); interviewing 5 (Globex, Wonka,
  Pied Piper there; Tyrell's offer; Monsters Inc hired); offer 2 (Tyrell, Monsters);
  hired 1 (Monsters Inc).
- 7 messages: follow-ups Initech (email), Hooli ×2 (linkedin), Prestige (email);
  thank-yous Wonka, Pied Piper, Tyrell (email). Answered: Pied Piper's and Tyrell's
  thank-yous. Email 2 of 5, linkedin 0 of 2.
- Last 30 days (since 10-29): the 3 saved (created on the demo day), 11 applied (not
  Oscorp, 34 days), 3 interviewing = 17. Last 90 days: + Oscorp, Tyrell, and the
  closed ones applied 45–75 days ago (not Monsters Inc, 120) = 23.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer, Sparkline, Static

from tui.config import Settings
from tui.demo import DEMO_DAY
from tui.models import Event
from tui.store import Store
from tui.ui.screens.main import MainScreen
from tui.ui.screens.stats import StatsScreen
from tui.ui.widgets.bar_chart import BarChart


def chart(app, chart_id: str) -> BarChart:
    return app.screen.query_one(f"#{chart_id}", BarChart)


def text_of(widget) -> str:
    return widget.render().plain


async def open_stats(pilot) -> StatsScreen:
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StatsScreen)
    return pilot.app.screen


async def test_s_opens_the_funnel_and_escape_closes_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stats(pilot)
        funnel = chart(app, "chart-funnel")
        assert [(b.label, b.solid) for b in funnel.bars] == [
            ("saved", 24),
            ("applied", 21),
            ("interviewing", 5),
            ("offer", 2),
            ("hired", 1),
        ]
        drawn = text_of(funnel)
        assert "88% of saved" in drawn and "1 of 2 at offer" in drawn
        assert "24 applications" in text_of(screen.query_one("#stats-summary", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_palette_opens_stats(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"stats")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


async def test_response_charts_show_counts_for_small_numbers(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stats(pilot)
        channel = text_of(chart(app, "chart-channel"))
        assert "40% (2 of 5)" in channel  # five cases: a percentage
        linkedin = next(line for line in channel.splitlines() if line.startswith("linkedin"))
        assert linkedin.endswith("0 of 2") and "%" not in linkedin  # two cases: the counts
        assert [b.label for b in chart(app, "chart-source").bars] == ["linkedin", "referral", "company site", "job board"]
        roles = chart(app, "chart-role").bars
        assert (roles[0].label, roles[0].solid, roles[0].light) == ("hiring manager", 2, 0)
        assert "29% (2 of 7)" in text_of(screen.query_one("#responses-overall", Static))
        assert "median 15 days (3 applications)" in text_of(screen.query_one("#first-response-median", Static))
        weeks = screen.query_one("#chart-weeks", Sparkline)
        assert list(weeks.data) == [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 0]


async def test_period_keys_filter_and_show_in_the_footer(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stats(pilot)
        shown = {b.key: b.description for _, b, enabled, _ in _footer_bindings(screen) if enabled}
        assert shown["1"] == "30 days" and shown["2"] == "90 days" and shown["3"] == "All"
        assert shown["escape"] == "Back"
        summary = screen.query_one("#stats-summary", Static)
        for key, days, count, title in (
            ("1", 30, 17, "Last 30 days"),
            ("2", 90, 23, "Last 90 days"),
            ("3", None, 24, "All time"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert screen.stats.period_days == days
            assert chart(app, "chart-funnel").bars[0].solid == count
            assert f"{title} · {count} applications" in text_of(summary)


def _footer_bindings(screen):
    for key, active in screen.active_bindings.items():
        yield key, active.binding, active.enabled, active.tooltip


async def test_follows_the_store_while_open(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await open_stats(pilot)
        aperture = next(a for a in app.board.applications if a.company == "Aperture Science")
        app.persist(
            lambda s: s.add_event(Event(aperture.id, "follow_up_sent", DEMO_DAY, channel="linkedin"))
        )
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(
            e.kind == "follow_up_sent" and e.application_id == aperture.id for e in app.store.board().events
        )
        assert "0 of 3" in text_of(chart(app, "chart-channel"))  # linkedin: 0 of 2 → 0 of 3
        assert list(app.screen.query_one("#chart-weeks", Sparkline).data)[-1] == 1


async def test_two_columns_when_wide_one_at_80(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_stats(pilot)
        assert screen.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not screen.has_class("-wide")
        for bar_chart in screen.query(BarChart):
            width = bar_chart.content_region.width
            assert width <= 80
            for line in text_of(bar_chart).splitlines():
                assert len(line) <= width, line
        await pilot.resize_terminal(40, 12)  # tiny: still draws, no crash
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


async def test_an_empty_board(make_app, tmp_path: Path) -> None:
    store = Store(tmp_path / "empty.json")
    app = make_app(store=store, settings=Settings(path=tmp_path / "config.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stats(pilot)
        assert text_of(chart(app, "chart-funnel")) == "No applications in this period."
        assert text_of(chart(app, "chart-channel")) == "No follow-ups or thank-yous sent in this period."
        assert "No responses yet." in text_of(screen.query_one("#first-response-median", Static))
        assert app.screen.query_one(Footer) is not None
    store.close()
